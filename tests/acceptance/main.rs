//! Acceptance tests across the crates: the desktop app's boundary (`ssa_api::Session`), the `ssa`
//! command line and the crash writer, all against temporary data directories.

mod support;

mod agreement;
mod cli_errors;
mod crash;
mod identifier;
mod lifecycle;
mod pdf;
mod shared_database;
mod startup;
mod template_editing;
mod versions;
