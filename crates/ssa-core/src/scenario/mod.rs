//! Scenarios: the cases negotiation workshops play, as data (`assets/scenarios/`).
//!
//! A scenario is the teaching package of a role play: fictional countries with their schemes
//! (filled into each team's feasibility study), the migration corridor between them, a
//! general brief everyone reads, a **confidential brief per team** (preferred positions, red
//! lines and fallbacks per article, priorities worth points, the walk-away point), the model
//! agreement to draft from, the timed rounds, the facilitator's notes and the debrief
//! questions, in one to three languages.
//!
//! Contract: [`Scenario::parse`] reads a file and reports every problem at once with its line
//! (TOML syntax, the format's rules, and every reference into the model template it is given);
//! a scenario that parses is complete in each of its declared languages. This module knows
//! nothing of where files come from or where scenarios are kept; the workshop built from a
//! scenario is in [`crate::workshop`].

mod definition;
mod validate;

pub use definition::*;
pub use validate::{ScenarioFileError, ScenarioProblem};

#[cfg(test)]
pub(crate) mod tests;
