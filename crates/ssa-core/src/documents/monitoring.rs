//! Monitoring (step 8): the indicators the liaison bodies exchange every year (people covered,
//! certificates of coverage issued, claims, benefits paid abroad), each figure with its year
//! and source, and the review dates of the joint or contact group.
//!
//! Values are decimal text ("1250", "3400000.50") so that no rounding ever happens, as with
//! amounts in drafts.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::{check_ids, parse_date, problem, FieldProblem, YEAR_RANGE};

pub const TEXT_MAX_CHARS: usize = 2_000;

/// What an indicator counts (the statistics clause of agreements and arrangements).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    PeopleCovered,
    CertificatesIssued,
    Claims,
    /// A sum of money; the row's `currency` says which.
    BenefitsPaidAbroad,
}

/// One figure: an indicator's value for one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct IndicatorValue {
    pub id: String,
    pub indicator: Indicator,
    pub year: Option<i32>,
    /// The party whose institution reports it (ISO code); empty for both together.
    #[serde(default)]
    pub party: String,
    /// Decimal text, not negative: "1250", "3400000.50".
    #[serde(default)]
    pub value: String,
    /// ISO 4217 code for money ("EUR"); empty for counts.
    #[serde(default)]
    pub currency: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub note: String,
}

/// A review date of the agreement (joint committee, statistics exchange, evaluation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub id: String,
    /// ISO date.
    pub date: Option<String>,
    #[serde(default)]
    pub what: String,
    #[serde(default)]
    pub done: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Monitoring {
    #[serde(default)]
    pub indicators: Vec<IndicatorValue>,
    #[serde(default)]
    pub reviews: Vec<Review>,
}

/// Whether `text` is a non-negative decimal number: digits, at most one '.', digits after it.
/// Hand-rolled because the value is kept as text (no float rounding) and the grammar is this
/// small; a decimal crate would be a dependency for one check.
pub fn is_decimal(text: &str) -> bool {
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text, None),
    };
    !whole.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && fraction.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()))
}

impl Monitoring {
    pub fn validate(&self, parties: &[&str]) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        let known: HashSet<&str> = parties.iter().copied().collect();
        check_ids(
            "indicators",
            self.indicators.iter().map(|i| i.id.as_str()),
            &mut problems,
        );
        for (index, figure) in self.indicators.iter().enumerate() {
            let at = |field: &str| format!("indicators[{index}].{field}");
            let row = index + 1;
            if let Some(year) = figure.year {
                if !YEAR_RANGE.contains(&year) {
                    problems.push(problem(
                        at("year"),
                        format!(
                            "Indicator row {row} has the year {year}; give a year between {} and {}.",
                            YEAR_RANGE.start(),
                            YEAR_RANGE.end()
                        ),
                    ));
                }
            }
            if !figure.party.is_empty() && !known.contains(figure.party.as_str()) {
                problems.push(problem(
                    at("party"),
                    format!("Indicator row {row} names party \"{}\", which is not a party to this negotiation.", figure.party),
                ));
            }
            let value = figure.value.trim();
            if !value.is_empty() && !is_decimal(value) {
                problems.push(problem(
                    at("value"),
                    format!("Indicator row {row} has the value \"{value}\"; write a number without spaces or signs, with '.' for decimals (3400000.50)."),
                ));
            }
            let currency = &figure.currency;
            let iso_code = currency.len() == 3 && currency.chars().all(|c| c.is_ascii_uppercase());
            if !currency.is_empty() && !iso_code {
                problems.push(problem(
                    at("currency"),
                    format!("Indicator row {row} has the currency \"{currency}\"; use a three-letter ISO code such as EUR."),
                ));
            }
            if figure.source.chars().count() > TEXT_MAX_CHARS
                || figure.note.chars().count() > TEXT_MAX_CHARS
            {
                problems.push(problem(
                    at("source"),
                    format!("Indicator row {row} has more than {TEXT_MAX_CHARS} characters in its source or note."),
                ));
            }
        }
        check_ids(
            "reviews",
            self.reviews.iter().map(|r| r.id.as_str()),
            &mut problems,
        );
        for (index, review) in self.reviews.iter().enumerate() {
            if let Some(date) = review.date.as_deref().filter(|d| !d.is_empty()) {
                if parse_date(date).is_none() {
                    problems.push(problem(
                        format!("reviews[{index}].date"),
                        format!(
                            "Review {} has the date \"{date}\", which is not a date (YYYY-MM-DD).",
                            index + 1
                        ),
                    ));
                }
            }
            if review.what.chars().count() > TEXT_MAX_CHARS {
                problems.push(problem(
                    format!("reviews[{index}].what"),
                    format!(
                        "Review {} is described in more than {TEXT_MAX_CHARS} characters.",
                        index + 1
                    ),
                ));
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals() {
        for good in ["0", "1250", "3400000.50", "0.5"] {
            assert!(is_decimal(good), "{good}");
        }
        for bad in ["", "-3", "1,250", "1 250", "1.", ".5", "1.2.3", "12e3"] {
            assert!(!is_decimal(bad), "{bad}");
        }
    }

    #[test]
    fn validation_names_each_bad_field() {
        let monitoring = Monitoring {
            indicators: vec![IndicatorValue {
                id: "i1".into(),
                indicator: Indicator::BenefitsPaidAbroad,
                year: Some(1850),
                party: "ZZ".into(),
                value: "1,5".into(),
                currency: "eur".into(),
                source: String::new(),
                note: String::new(),
            }],
            reviews: vec![
                Review {
                    id: "r1".into(),
                    date: Some("2026-13-01".into()),
                    what: "Joint committee".into(),
                    done: false,
                },
                Review {
                    id: "r1".into(),
                    date: None,
                    what: String::new(),
                    done: false,
                },
            ],
        };
        let fields: Vec<String> = monitoring
            .validate(&["XA", "XB"])
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(
            fields,
            [
                "indicators[0].year",
                "indicators[0].party",
                "indicators[0].value",
                "indicators[0].currency",
                "reviews[1].id",
                "reviews[0].date"
            ]
        );
    }
}
