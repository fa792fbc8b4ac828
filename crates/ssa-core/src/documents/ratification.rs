//! Signature, ratification and entry into force (steps 6 and 7): per party the signature, the
//! instrument of approval and the notification that internal procedures are complete; and the
//! entry-into-force date computed from the final clauses' rule.
//!
//! The rule is the one the R167 Annex I template writes in its article "Entry into force"
//! (node `M6.4`): *"the first day of the month following the expiry of a period of N months
//! after the date of the later of the two notifications"*, N being the draft's `entry.months`.
//! A period of N months running from a date expires on the same day-number N months later
//! (the last day of that month when it has no such day: 31 March + 2 months → 31 May, 31
//! December + 2 months → 28 or 29 February), the convention of EU Regulation 1182/71 Art. 3
//! that treaty practice generally follows (inferred; the official R167 wording could not be
//! checked). Entry into force is the first day of the next month. Because the expiry day
//! always lies in month (notification month + N), the date is the first day of month
//! (notification month + N + 1); N = 0 gives the first day of the month after the notification.

use std::collections::HashSet;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{parse_date, problem, FieldProblem};

pub const TEXT_MAX_CHARS: usize = 2_000;

/// One party's record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct PartyRatification {
    /// The party's ISO code, as in the negotiation.
    pub party: String,
    /// ISO date.
    pub signature_date: Option<String>,
    #[serde(default)]
    pub signature_place: String,
    #[serde(default)]
    pub signatory: String,
    /// The instrument of approval: "Act of 22 May 2005", "Decree No. 12/2026", "tabled in
    /// Parliament, no disapproval within 60 days".
    #[serde(default)]
    pub approval_instrument: String,
    pub approval_date: Option<String>,
    /// When the party notified the other(s) that its internal procedures are complete (or the
    /// date of the exchange of notes or instruments).
    pub notification_date: Option<String>,
    #[serde(default)]
    pub notes: String,
}

/// The signature and ratification record of one negotiation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Ratification {
    #[serde(default)]
    pub parties: Vec<PartyRatification>,
}

/// The outcome of the entry-into-force rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum EntryIntoForce {
    Computed {
        /// ISO date of entry into force.
        date: String,
        /// ISO date of the later notification the period runs from, and whose it is.
        later_notification: String,
        party: String,
        /// The day the period of `months` expires.
        period_expires: String,
        months: u32,
    },
    NotComputable {
        reason: NotComputable,
    },
}

/// Why the date cannot be computed yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NotComputable {
    /// This party has not notified yet.
    MissingNotification { party: String },
    /// This party's notification date is not an ISO date.
    InvalidDate { party: String, value: String },
    /// The date would fall outside the calendar chrono supports (a typing slip).
    OutOfRange,
}

/// The entry-into-force date for a notification date and a period of `months`: the first day
/// of the month following the expiry of the period. `None` only beyond the year 262000.
pub fn entry_into_force_date(later_notification: NaiveDate, months: u32) -> Option<NaiveDate> {
    let expires = period_expiry(later_notification, months)?;
    expires.with_day(1)?.checked_add_months(Months::new(1))
}

/// The day a period of `months` running from `from` expires: the same day-number `months`
/// later, or that month's last day (chrono's `checked_add_months` clamps the same way).
pub fn period_expiry(from: NaiveDate, months: u32) -> Option<NaiveDate> {
    from.checked_add_months(Months::new(months))
}

/// Applies the rule to every party's notification (party ISO code, notification date).
pub fn entry_into_force(notifications: &[(&str, Option<&str>)], months: u32) -> EntryIntoForce {
    let not = |reason| EntryIntoForce::NotComputable { reason };
    let mut later: Option<(NaiveDate, &str)> = None;
    for (party, date) in notifications {
        let Some(text) = date.filter(|d| !d.trim().is_empty()) else {
            return not(NotComputable::MissingNotification {
                party: party.to_string(),
            });
        };
        let Some(date) = parse_date(text) else {
            return not(NotComputable::InvalidDate {
                party: party.to_string(),
                value: text.to_string(),
            });
        };
        if later.is_none_or(|(current, _)| date > current) {
            later = Some((date, party));
        }
    }
    let Some((later, party)) = later else {
        return not(NotComputable::MissingNotification {
            party: String::new(),
        });
    };
    match (
        period_expiry(later, months),
        entry_into_force_date(later, months),
    ) {
        (Some(expires), Some(date)) => EntryIntoForce::Computed {
            date: date.to_string(),
            later_notification: later.to_string(),
            party: party.to_string(),
            period_expires: expires.to_string(),
            months,
        },
        _ => not(NotComputable::OutOfRange),
    }
}

impl Ratification {
    /// The record of `party`, if the team has filled any of it.
    pub fn of(&self, party: &str) -> Option<&PartyRatification> {
        self.parties.iter().find(|p| p.party == party)
    }

    /// The rule applied to the given parties (every party of the negotiation must notify).
    pub fn entry_into_force(&self, parties: &[&str], months: u32) -> EntryIntoForce {
        let notifications: Vec<(&str, Option<&str>)> = parties
            .iter()
            .map(|p| (*p, self.of(p).and_then(|r| r.notification_date.as_deref())))
            .collect();
        entry_into_force(&notifications, months)
    }

    /// Problems that refuse a save: unknown or repeated parties, dates that are not dates,
    /// texts too long.
    pub fn validate(&self, parties: &[&str]) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        let known: HashSet<&str> = parties.iter().copied().collect();
        let mut seen = HashSet::new();
        for (index, record) in self.parties.iter().enumerate() {
            let at = |field: &str| format!("parties[{index}].{field}");
            let party = &record.party;
            if !known.contains(party.as_str()) {
                problems.push(problem(
                    at("party"),
                    format!("\"{party}\" is not a party to this negotiation."),
                ));
            }
            if !seen.insert(party.as_str()) {
                problems.push(problem(
                    at("party"),
                    format!("Party {party} has two ratification records."),
                ));
            }
            for (field, label, date) in dates(record) {
                if let Some(text) = date.filter(|d| !d.is_empty()) {
                    if parse_date(text).is_none() {
                        problems.push(problem(
                            at(field),
                            format!("The {label} of {party} is \"{text}\", which is not a date (YYYY-MM-DD)."),
                        ));
                    }
                }
            }
            for (field, text) in [
                ("signature_place", &record.signature_place),
                ("signatory", &record.signatory),
                ("approval_instrument", &record.approval_instrument),
                ("notes", &record.notes),
            ] {
                if text.chars().count() > TEXT_MAX_CHARS {
                    problems.push(problem(
                        at(field),
                        format!("A field of {party} has more than {TEXT_MAX_CHARS} characters."),
                    ));
                }
            }
        }
        problems
    }

    /// Dates in an order that cannot be right (approval or notification before signature,
    /// notification before approval). Shown to the team; they do not refuse a save, since the
    /// record is filled over months and a date may be typed before the one it follows is fixed.
    pub fn date_warnings(&self) -> Vec<FieldProblem> {
        let mut warnings = Vec::new();
        for (index, record) in self.parties.iter().enumerate() {
            let date = |d: &Option<String>| d.as_deref().and_then(parse_date);
            let signature = date(&record.signature_date);
            let approval = date(&record.approval_date);
            let notification = date(&record.notification_date);
            let party = &record.party;
            let mut before =
                |field: &str, later: Option<NaiveDate>, earlier: Option<NaiveDate>, what: &str| {
                    if let (Some(later), Some(earlier)) = (later, earlier) {
                        if later < earlier {
                            warnings.push(problem(
                                format!("parties[{index}].{field}"),
                                format!("{party}: {what} ({later}) is before {earlier}."),
                            ));
                        }
                    }
                };
            before("approval_date", approval, signature, "approval");
            before("notification_date", notification, signature, "notification");
            before("notification_date", notification, approval, "notification");
        }
        warnings
    }
}

fn dates(record: &PartyRatification) -> [(&'static str, &'static str, Option<&str>); 3] {
    [
        (
            "signature_date",
            "signature date",
            record.signature_date.as_deref(),
        ),
        (
            "approval_date",
            "approval date",
            record.approval_date.as_deref(),
        ),
        (
            "notification_date",
            "notification date",
            record.notification_date.as_deref(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    fn rule(date: &str, months: u32) -> String {
        entry_into_force_date(day(date), months)
            .unwrap()
            .to_string()
    }

    #[test]
    fn first_day_of_the_month_after_the_period() {
        assert_eq!(rule("2026-03-15", 2), "2026-06-01");
        assert_eq!(rule("2026-03-01", 2), "2026-06-01");
        assert_eq!(rule("2026-03-31", 2), "2026-06-01");
    }

    #[test]
    fn month_ends_clamp_without_changing_the_month() {
        // 31 March + 1 month expires on 30 April.
        assert_eq!(
            period_expiry(day("2026-03-31"), 1).unwrap(),
            day("2026-04-30")
        );
        assert_eq!(rule("2026-03-31", 1), "2026-05-01");
        // 31 December + 2 months expires on the last day of February.
        assert_eq!(
            period_expiry(day("2025-12-31"), 2).unwrap(),
            day("2026-02-28")
        );
        assert_eq!(rule("2025-12-31", 2), "2026-03-01");
    }

    #[test]
    fn leap_years() {
        assert_eq!(
            period_expiry(day("2027-12-31"), 2).unwrap(),
            day("2028-02-29")
        );
        assert_eq!(rule("2027-12-31", 2), "2028-03-01");
        assert_eq!(
            period_expiry(day("2028-02-29"), 12).unwrap(),
            day("2029-02-28")
        );
        assert_eq!(rule("2028-02-29", 12), "2029-03-01");
        assert_eq!(rule("2028-02-29", 0), "2028-03-01");
    }

    #[test]
    fn zero_months_is_the_first_of_the_next_month() {
        assert_eq!(rule("2026-01-01", 0), "2026-02-01");
        assert_eq!(rule("2026-12-31", 0), "2027-01-01");
    }

    #[test]
    fn the_period_crosses_the_year() {
        assert_eq!(rule("2026-11-20", 3), "2027-03-01");
        assert_eq!(rule("2026-10-05", 12), "2027-11-01");
    }

    #[test]
    fn the_later_notification_counts() {
        let outcome =
            entry_into_force(&[("XA", Some("2026-05-20")), ("XB", Some("2026-04-02"))], 2);
        assert_eq!(
            outcome,
            EntryIntoForce::Computed {
                date: "2026-08-01".into(),
                later_notification: "2026-05-20".into(),
                party: "XA".into(),
                period_expires: "2026-07-20".into(),
                months: 2
            }
        );
    }

    #[test]
    fn missing_or_bad_notifications_are_not_computable_with_the_reason() {
        assert_eq!(
            entry_into_force(&[("XA", Some("2026-05-20")), ("XB", None)], 2),
            EntryIntoForce::NotComputable {
                reason: NotComputable::MissingNotification { party: "XB".into() }
            }
        );
        assert_eq!(
            entry_into_force(&[("XA", Some(" ")), ("XB", None)], 2),
            EntryIntoForce::NotComputable {
                reason: NotComputable::MissingNotification { party: "XA".into() }
            }
        );
        assert_eq!(
            entry_into_force(&[("XA", Some("2026-02-30")), ("XB", Some("2026-01-01"))], 2),
            EntryIntoForce::NotComputable {
                reason: NotComputable::InvalidDate {
                    party: "XA".into(),
                    value: "2026-02-30".into()
                }
            }
        );
        assert!(matches!(
            entry_into_force(&[], 2),
            EntryIntoForce::NotComputable { .. }
        ));
    }

    #[test]
    fn a_record_missing_for_a_party_is_a_missing_notification() {
        let record = Ratification {
            parties: vec![PartyRatification {
                party: "XA".into(),
                notification_date: Some("2026-05-20".into()),
                ..PartyRatification::default()
            }],
        };
        assert_eq!(
            record.entry_into_force(&["XA", "XB"], 2),
            EntryIntoForce::NotComputable {
                reason: NotComputable::MissingNotification { party: "XB".into() }
            }
        );
    }

    #[test]
    fn validation_and_date_order() {
        let record = Ratification {
            parties: vec![
                PartyRatification {
                    party: "XA".into(),
                    signature_date: Some("2026-06-01".into()),
                    approval_date: Some("2026-05-01".into()),
                    notification_date: Some("1 June".into()),
                    ..PartyRatification::default()
                },
                PartyRatification {
                    party: "ZZ".into(),
                    ..PartyRatification::default()
                },
            ],
        };
        let fields: Vec<String> = record
            .validate(&["XA", "XB"])
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(fields, ["parties[0].notification_date", "parties[1].party"]);
        let warnings: Vec<String> = record
            .date_warnings()
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(warnings, ["parties[0].approval_date"]);
    }
}
