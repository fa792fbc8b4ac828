//! Workshop mode: a negotiation role play run from a [`crate::scenario`].
//!
//! A trainer creates a **workshop** from a scenario: N groups, each of the scenario's teams
//! (a country's delegation) once per group. Creating it produces one **team pack** per team and
//! group ([`pack::TeamPack`], a file for that team's laptop) and the **facilitator's file**
//! ([`pack::WorkshopFile`]). The facilitator's desk keeps each group's round, timer and lock
//! ([`desk`]); the **debrief** compares what each group agreed, per article, with the model and
//! with each team's brief ([`debrief`]).
//!
//! Contract:
//!
//! - A team pack carries the general brief and **its own team's** confidential brief only: it
//!   is built from one [`crate::scenario::TeamDefinition`] and has no field for another's.
//! - Everything here is pure: ids, times and the model template are passed in.
//! - Reading a pack or a workshop file refuses, with a message saying what and where, a file
//!   that is too large, not JSON, of another format, or inconsistent.

pub mod debrief;
pub mod desk;
pub mod pack;

#[cfg(test)]
mod tests;
