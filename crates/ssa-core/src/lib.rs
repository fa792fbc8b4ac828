//! # ssa-core: the domain of SSA Workbench
//!
//! Pure domain code: no SQL, no files, no clock, no Tauri. Time and identifiers are passed in by
//! the caller, so every function here is deterministic and testable.
//!
//! ## Vocabulary
//!
//! - **Negotiation**: the work of one negotiating team towards one social security agreement
//!   (SSA), bilateral (two parties) or multilateral (three or more).
//! - **Party**: a country taking part in the negotiation. Exactly one party is the team's own
//!   side ([`negotiation::PartyRole::Own`]); the others are counterparts.
//! - **Step**: one of the eight steps of the negotiation process (see [`process`]).
//! - **Template**, **Draft**, **Article**, **Round**, **Position**, **Version**: introduced by the
//!   modules that own them as they are built.

pub mod negotiation;
pub mod process;
