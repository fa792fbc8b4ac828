//! Acceptance tests across the crates: the desktop app's boundary (`ssa_api::Session`), the `ssa`
//! command line and the crash writer, all against temporary data directories.

mod support;

mod agreement;
mod cli_errors;
mod compare;
mod crash;
mod draft_document;
mod encryption;
mod exchange;
mod faults;
mod identifier;
mod lifecycle;
mod pdf;
mod process;
mod rounds;
mod shared_database;
mod signing;
mod simulation;
mod startup;
mod step_documents;
mod template_editing;
mod versions;
mod workshop;
