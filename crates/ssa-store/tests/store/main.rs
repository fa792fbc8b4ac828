//! Integration tests of the store against real files in temporary directories.

mod support;

mod durability;
mod encryption;
mod migration;
mod read_only;
mod refusal;
mod transactions;
