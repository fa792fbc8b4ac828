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
//! - **Template**: a model agreement as data (see [`template`]): metadata, typed parameters and a
//!   tree of nodes (parts, chapters, articles, paragraphs, items), each with a stable id and
//!   provenance. Shipped templates draft the ILO R167 annexes in the project's own words.
//! - **Draft**: one negotiation's choices on a template: optional nodes kept or left out,
//!   alternative wordings, parameter values, custom wording ([`template::Draft`]).
//! - **Document**: a draft rendered on its template: a numbered tree of typed text segments,
//!   the one input of preview, PDF, diff and exchange ([`template::Document`]).
//! - **Article**: a numbered provision of an agreement; its number is computed at render time,
//!   never stored, and it is addressed by its stable node id.
//! - **Step document**: what a step of the process produces beside the agreement: the
//!   feasibility study, the signature and ratification record, the administrative arrangement
//!   (a second draft on its own template) and the monitoring record ([`documents`]).
//! - **Round**, **Position**, **Version**: introduced by the modules that own them as they are
//!   built.

pub mod documents;
pub mod negotiation;
pub mod process;
pub mod revision;
pub mod template;
