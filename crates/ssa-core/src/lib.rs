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
//! - **Round**: one meeting of the delegations; **Position**: what stands on one article in one
//!   round (ours, theirs, agreed, status) ([`rounds`]).
//! - **Mandate**: the team's red lines, preferences and fallbacks per article; confidential
//!   ([`mandate`]).
//! - **Exchange file**: a version of the agreement as sent to the other party ([`exchange`]).
//! - **Revision**, **Version**: every saved edit of a draft lands in a revision ([`revision`]); a
//!   revision the user names is a version, never changed. An **initialled** version is also
//!   locked with the fingerprint of its text ([`initialling`]).
//! - **Comparison**, **Redline**: two renders of an agreement compared provision by provision,
//!   matched by node id, word by word ([`compare`]); the **deviation report** compares a draft
//!   with its model template.
//! - **Step document**: what a step of the process produces beside the agreement: the
//!   feasibility study, the signature and ratification record, the administrative arrangement
//!   (a second draft on its own template) and the monitoring record ([`documents`]).

pub mod compare;
pub mod documents;
pub mod exchange;
pub mod initialling;
pub mod limits;
pub mod mandate;
pub mod negotiation;
pub mod process;
pub mod revision;
pub mod rounds;
pub mod scenario;
pub mod signing;
pub mod simulation;
pub mod template;
#[cfg(test)]
mod test_documents;
mod toml_errors;
pub mod typography;
pub mod workshop;
