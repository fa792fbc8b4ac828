//! The documents the eight-step process produces beside the agreement itself: the feasibility
//! study (legislation comparison, corridor figures, coverage choice), the signature and
//! ratification record (with the entry-into-force rule), and the monitoring record (indicators
//! per year, review dates). The administrative arrangement is a second [`crate::template::Draft`]
//! on its own template; its links to the agreement are checked by [`arrangement`].
//!
//! Contract:
//!
//! - Pure values and rules: no IO, no clock. Dates are ISO text (`"2026-03-01"`), as in drafts.
//! - Each document validates itself against the negotiation's parties ([`FieldProblem`]s whose
//!   `field` is a path a form can map to its input: `schemes[3].party`). Incomplete rows are
//!   fine (the team fills them over weeks); malformed values and unknown parties are not.
//! - Every row carries what the user typed, never a computed value: suggestions, flags and the
//!   entry-into-force date are computed on demand from the stored values.

pub mod arrangement;
pub mod branch;
pub mod feasibility;
pub mod monitoring;
pub mod ratification;

pub use crate::negotiation::FieldProblem;

/// Whether `text` is an ISO calendar date ("2026-03-01").
pub(crate) fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Years a figure may be given for: anything outside is a typing slip.
pub const YEAR_RANGE: std::ops::RangeInclusive<i32> = 1900..=2100;

pub(crate) fn problem(field: String, message: String) -> FieldProblem {
    FieldProblem { field, message }
}

/// Checks that row ids are given and unique, pushing a problem per offending row.
pub(crate) fn check_ids<'a>(
    list: &str,
    ids: impl Iterator<Item = &'a str>,
    problems: &mut Vec<FieldProblem>,
) {
    let mut seen = std::collections::HashSet::new();
    for (index, id) in ids.enumerate() {
        if id.trim().is_empty() {
            problems.push(problem(
                format!("{list}[{index}].id"),
                format!("Row {} of {list} has no id.", index + 1),
            ));
        } else if !seen.insert(id) {
            problems.push(problem(
                format!("{list}[{index}].id"),
                format!("Row {} of {list} repeats the id \"{id}\".", index + 1),
            ));
        }
    }
}
