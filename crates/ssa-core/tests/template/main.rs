//! Integration tests of the template engine: one binary, one module per concern.

mod check_draft;
mod check_template;
mod fixture;
mod render;
mod renumbering;
mod round_trip;
mod shipped;
mod structure;
mod translations;
