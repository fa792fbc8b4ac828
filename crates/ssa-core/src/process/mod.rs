//! The negotiation process as data, and a negotiation's progress through it.
//!
//! The eight steps are a reconstruction (see `shared/domain/eight-step-process.md`), so they are
//! not code: a process definition is parsed from a TOML file (`assets/process/`), validated, and
//! can be replaced without a rebuild. This module owns the file's shape ([`ProcessDefinition`]),
//! its validation ([`ProcessDefinition::parse`], every problem naming the step or item and the
//! line) and the progress of one negotiation ([`progress`]). It knows nothing of where the file
//! comes from or where progress is kept.

mod definition;
pub mod progress;
mod validate;

pub use definition::*;
pub use validate::{ProcessFileError, ProcessProblem};

#[cfg(test)]
mod tests;
