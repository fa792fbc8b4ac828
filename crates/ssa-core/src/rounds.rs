//! Negotiation rounds and the positions taken on each article in them.
//!
//! Contract:
//!
//! - A **round** is one meeting (or exchange by correspondence) of the delegations: a number
//!   (1, 2, … per negotiation), a date, a place or format, the delegations, the agenda, the
//!   minutes and the action items. [`Round::validate`] lists every problem, each naming its field.
//! - A **position** is what stands on one article (addressed by its stable node id, never by its
//!   number) in one round: our proposal, their proposal, the agreed text if any, a
//!   [`PositionStatus`] and a short internal justification.
//! - **Our proposal defaults to the current draft text of the article**: an unset `ours` reads
//!   as the draft (see [`effective_ours`]).
//! - **The proposal on the table** ([`on_the_table`]) is the agreed text when there is one;
//!   otherwise the proposal recorded last in the round (ours or theirs, by the time each was
//!   recorded; an imported exchange file counts as recorded when it was imported); otherwise
//!   nothing is on the table yet. A withdrawn position has nothing on the table.
//! - Positions of earlier rounds carry forward: the view of round N shows, for an article with no
//!   position in round N, its position of the latest earlier round ([`carried_position`]).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::negotiation::FieldProblem;
use crate::template::Value;

/// Where an article stands in the negotiation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum PositionStatus {
    /// Not yet discussed.
    Open,
    /// A proposal has been tabled.
    Proposed,
    /// The other side answered with a proposal of its own.
    CounterProposed,
    /// Agreed by the delegations, subject to approval by their governments.
    AgreedAdReferendum,
    Agreed,
    /// Put off to a later round.
    Deferred,
    /// Taken off the table.
    Withdrawn,
}

impl PositionStatus {
    pub const ALL: [PositionStatus; 7] = [
        PositionStatus::Open,
        PositionStatus::Proposed,
        PositionStatus::CounterProposed,
        PositionStatus::AgreedAdReferendum,
        PositionStatus::Agreed,
        PositionStatus::Deferred,
        PositionStatus::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PositionStatus::Open => "open",
            PositionStatus::Proposed => "proposed",
            PositionStatus::CounterProposed => "counter_proposed",
            PositionStatus::AgreedAdReferendum => "agreed_ad_referendum",
            PositionStatus::Agreed => "agreed",
            PositionStatus::Deferred => "deferred",
            PositionStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(text: &str) -> Option<PositionStatus> {
        PositionStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Agreed, finally or ad referendum: such a position needs an agreed text.
    pub fn is_agreed(self) -> bool {
        matches!(
            self,
            PositionStatus::Agreed | PositionStatus::AgreedAdReferendum
        )
    }
}

/// One member of a delegation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Delegate {
    pub name: String,
    /// "Head of delegation", "Actuary", …
    pub role: String,
    /// The ISO code of the party the delegate represents.
    pub party: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ActionItem {
    pub text: String,
    pub owner: String,
    /// ISO date (YYYY-MM-DD), or empty.
    pub due: String,
    pub done: bool,
}

/// A round of negotiation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Round {
    pub id: String,
    pub number: u32,
    /// ISO date (YYYY-MM-DD), or empty while not fixed.
    pub held_on: String,
    /// A city, or a format ("videoconference", "by correspondence").
    pub place: String,
    pub delegations: Vec<Delegate>,
    pub agenda: String,
    pub minutes: String,
    pub action_items: Vec<ActionItem>,
}

pub const ROUND_TEXT_MAX_CHARS: usize = 50_000;
pub const SHORT_TEXT_MAX_CHARS: usize = 300;

fn check_date(field: &str, value: &str, problems: &mut Vec<FieldProblem>) {
    if !value.is_empty() && NaiveDate::parse_from_str(value, "%Y-%m-%d").is_err() {
        problems.push(FieldProblem {
            field: field.into(),
            message: format!("\"{value}\" is not a date; write it as YYYY-MM-DD (2026-03-01)."),
        });
    }
}

fn check_length(field: &str, value: &str, max: usize, problems: &mut Vec<FieldProblem>) {
    if value.chars().count() > max {
        problems.push(FieldProblem {
            field: field.into(),
            message: format!("This text has more than {max} characters."),
        });
    }
}

impl Round {
    /// Every problem of the round; `party_codes` are the ISO codes of the negotiation's parties.
    pub fn validate(&self, party_codes: &[String]) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        check_date("heldOn", &self.held_on, &mut problems);
        check_length("place", &self.place, SHORT_TEXT_MAX_CHARS, &mut problems);
        check_length("agenda", &self.agenda, ROUND_TEXT_MAX_CHARS, &mut problems);
        check_length(
            "minutes",
            &self.minutes,
            ROUND_TEXT_MAX_CHARS,
            &mut problems,
        );
        for (i, delegate) in self.delegations.iter().enumerate() {
            if delegate.name.trim().is_empty() {
                problems.push(FieldProblem {
                    field: format!("delegations[{i}].name"),
                    message: format!("Delegate {} has no name.", i + 1),
                });
            }
            if !party_codes.contains(&delegate.party) {
                problems.push(FieldProblem {
                    field: format!("delegations[{i}].party"),
                    message: format!(
                        "Delegate {} represents \"{}\", which is not a party to this negotiation ({}).",
                        i + 1,
                        delegate.party,
                        party_codes.join(", ")
                    ),
                });
            }
        }
        for (i, item) in self.action_items.iter().enumerate() {
            if item.text.trim().is_empty() {
                problems.push(FieldProblem {
                    field: format!("actionItems[{i}].text"),
                    message: format!("Action item {} says nothing to do.", i + 1),
                });
            }
            check_date(&format!("actionItems[{i}].due"), &item.due, &mut problems);
        }
        problems
    }
}

/// Which side a proposal comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Ours,
    Theirs,
    Agreed,
}

/// Their proposal on an article, with what an exchange file tells beyond the text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TheirProposal {
    pub text: String,
    /// The parameter values their version uses in this article (from an exchange file).
    #[serde(default)]
    pub values: BTreeMap<String, Value>,
    /// Their version leaves the article out.
    #[serde(default)]
    pub omits: bool,
    /// The exchange import this came from, when it came from a file.
    #[serde(default)]
    pub import_id: Option<String>,
    /// Their number ("Article 4") and heading, and the article's place in their text, when it
    /// came from a file.
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub heading: String,
    #[serde(default)]
    pub order: Option<u32>,
    /// The status and agreed text they shared on this article in their file, if any.
    #[serde(default)]
    pub status: Option<PositionStatus>,
    #[serde(default)]
    pub agreed: Option<String>,
}

/// The position on one article in one round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub round_id: String,
    pub node_id: String,
    pub status: PositionStatus,
    /// Our proposal; `None` reads as the current draft text of the article.
    pub ours: Option<String>,
    pub ours_at: Option<DateTime<Utc>>,
    pub theirs: Option<TheirProposal>,
    pub theirs_at: Option<DateTime<Utc>>,
    pub agreed: Option<String>,
    /// Internal: why the team holds this position. Never shared with the counterpart.
    pub justification: String,
    /// Whether the position goes into exchange files (status, our proposal, agreed text).
    pub shared: bool,
    pub updated_at: DateTime<Utc>,
}

impl Position {
    /// An open position with nothing recorded yet.
    pub fn open(round_id: &str, node_id: &str, now: DateTime<Utc>) -> Position {
        Position {
            round_id: round_id.into(),
            node_id: node_id.into(),
            status: PositionStatus::Open,
            ours: None,
            ours_at: None,
            theirs: None,
            theirs_at: None,
            agreed: None,
            justification: String::new(),
            shared: false,
            updated_at: now,
        }
    }

    /// Every problem of the position.
    pub fn validate(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        if self.status.is_agreed() && self.agreed.as_deref().is_none_or(|t| t.trim().is_empty()) {
            problems.push(FieldProblem {
                field: "agreed".into(),
                message: "An agreed article needs its agreed text; write it or copy a proposal."
                    .into(),
            });
        }
        for (field, text) in [
            ("ours", self.ours.as_deref()),
            ("theirs", self.theirs.as_ref().map(|t| t.text.as_str())),
            ("agreed", self.agreed.as_deref()),
        ] {
            check_length(
                field,
                text.unwrap_or(""),
                ROUND_TEXT_MAX_CHARS,
                &mut problems,
            );
        }
        check_length(
            "justification",
            &self.justification,
            ROUND_TEXT_MAX_CHARS,
            &mut problems,
        );
        problems
    }
}

/// Our proposal as it reads: the recorded one, or the draft's current text of the article.
pub fn effective_ours<'a>(position: Option<&'a Position>, draft_text: &'a str) -> &'a str {
    position
        .and_then(|p| p.ours.as_deref())
        .unwrap_or(draft_text)
}

/// What is on the table for an article: see the module contract.
pub fn on_the_table(position: &Position, draft_text: &str) -> Option<(Side, String)> {
    if position.status == PositionStatus::Withdrawn {
        return None;
    }
    if let Some(agreed) = position.agreed.as_deref().filter(|t| !t.trim().is_empty()) {
        return Some((Side::Agreed, agreed.to_string()));
    }
    let ours = position.ours.as_ref().map(|_| position.ours_at);
    let theirs = position.theirs.as_ref().map(|_| position.theirs_at);
    match (ours, theirs) {
        (None, None) => None,
        (Some(_), None) => Some((
            Side::Ours,
            effective_ours(Some(position), draft_text).into(),
        )),
        (None, Some(_)) => Some((Side::Theirs, their_text(position))),
        // Both recorded: the later one is the latest word; a tie goes to theirs, as the answer
        // to ours.
        (Some(ours_at), Some(theirs_at)) => {
            if ours_at > theirs_at {
                Some((
                    Side::Ours,
                    effective_ours(Some(position), draft_text).into(),
                ))
            } else {
                Some((Side::Theirs, their_text(position)))
            }
        }
    }
}

fn their_text(position: &Position) -> String {
    position
        .theirs
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

/// The position that stands for `node_id` in round `round_number`: its own, or the one of the
/// latest earlier round. `positions` pairs each position with its round's number.
pub fn carried_position<'a>(
    positions: &'a [(u32, Position)],
    node_id: &str,
    round_number: u32,
) -> Option<&'a (u32, Position)> {
    positions
        .iter()
        .filter(|(number, p)| p.node_id == node_id && *number <= round_number)
        .max_by_key(|(number, _)| *number)
}

/// How many articles stand at each status.
pub fn summary(
    statuses: impl IntoIterator<Item = PositionStatus>,
) -> BTreeMap<PositionStatus, u32> {
    let mut counts: BTreeMap<PositionStatus, u32> = BTreeMap::new();
    for status in statuses {
        *counts.entry(status).or_default() += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, minute, 0).unwrap()
    }

    fn theirs(text: &str) -> TheirProposal {
        TheirProposal {
            text: text.into(),
            ..TheirProposal::default()
        }
    }

    #[test]
    fn the_agreed_text_is_on_the_table_whatever_else_was_proposed() {
        let mut p = Position::open("r1", "a1", at(0));
        p.ours = Some("ours".into());
        p.ours_at = Some(at(1));
        p.theirs = Some(theirs("theirs"));
        p.theirs_at = Some(at(2));
        p.agreed = Some("agreed".into());
        p.status = PositionStatus::Agreed;
        assert_eq!(
            on_the_table(&p, "draft"),
            Some((Side::Agreed, "agreed".into()))
        );
    }

    #[test]
    fn otherwise_the_proposal_recorded_last_is_on_the_table() {
        let mut p = Position::open("r1", "a1", at(0));
        assert_eq!(on_the_table(&p, "draft"), None);
        p.ours = Some("ours".into());
        p.ours_at = Some(at(1));
        assert_eq!(on_the_table(&p, "draft"), Some((Side::Ours, "ours".into())));
        p.theirs = Some(theirs("theirs"));
        p.theirs_at = Some(at(2));
        assert_eq!(
            on_the_table(&p, "draft"),
            Some((Side::Theirs, "theirs".into()))
        );
        p.ours_at = Some(at(3));
        assert_eq!(on_the_table(&p, "draft"), Some((Side::Ours, "ours".into())));
        p.status = PositionStatus::Withdrawn;
        assert_eq!(on_the_table(&p, "draft"), None);
    }

    #[test]
    fn our_proposal_defaults_to_the_draft_text() {
        let p = Position::open("r1", "a1", at(0));
        assert_eq!(effective_ours(Some(&p), "draft"), "draft");
        assert_eq!(effective_ours(None, "draft"), "draft");
    }

    #[test]
    fn an_agreed_status_needs_an_agreed_text() {
        let mut p = Position::open("r1", "a1", at(0));
        p.status = PositionStatus::AgreedAdReferendum;
        assert_eq!(p.validate()[0].field, "agreed");
        p.agreed = Some("Text".into());
        assert!(p.validate().is_empty());
    }

    #[test]
    fn statuses_round_trip_through_their_names() {
        for status in PositionStatus::ALL {
            assert_eq!(PositionStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(PositionStatus::parse("maybe"), None);
    }

    #[test]
    fn a_later_round_inherits_the_latest_earlier_position() {
        let positions = vec![
            (1, Position::open("r1", "a1", at(0))),
            (3, Position::open("r3", "a1", at(0))),
            (2, Position::open("r2", "a2", at(0))),
        ];
        assert_eq!(carried_position(&positions, "a1", 2).unwrap().0, 1);
        assert_eq!(carried_position(&positions, "a1", 4).unwrap().0, 3);
        assert!(carried_position(&positions, "a2", 1).is_none());
    }

    #[test]
    fn round_problems_name_their_fields() {
        let round = Round {
            id: "r1".into(),
            number: 1,
            held_on: "1 March".into(),
            place: "Geneva".into(),
            delegations: vec![Delegate {
                name: "".into(),
                role: "Head".into(),
                party: "ZZ".into(),
            }],
            agenda: String::new(),
            minutes: String::new(),
            action_items: vec![ActionItem {
                text: "Send figures".into(),
                owner: "Actuary".into(),
                due: "2026-13-40".into(),
                done: false,
            }],
        };
        let fields: Vec<String> = round
            .validate(&["XA".into(), "XB".into()])
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(
            fields,
            vec![
                "heldOn",
                "delegations[0].name",
                "delegations[0].party",
                "actionItems[0].due"
            ]
        );
    }

    #[test]
    fn the_summary_counts_each_status() {
        let counts = summary([
            PositionStatus::Open,
            PositionStatus::Agreed,
            PositionStatus::Open,
        ]);
        assert_eq!(counts[&PositionStatus::Open], 2);
        assert_eq!(counts[&PositionStatus::Agreed], 1);
    }
}
