//! The `ssa-simulation/1` case file (TOML), documented in `assets/simulations/README.md` with a
//! JSON Schema beside it.
//!
//! Contract: [`parse_case`] reads a file into a [`Case`] or returns every problem with the line
//! it is on (the line of the field when the problem names one). Nothing else happens on a bad
//! file. The keys of the format (`format`, `career_years`, `[[party]]` with `code`,
//! `unit`, `qualifying`, `method`, `formula`; `[[conversion]]` with `from`, `to`, `per`,
//! `remainder`; `[[period]]` with `party`, `amount`, `unit`, `kind`) are kept as they are;
//! the extensions (`title`, `currency`, `minimum_period_months`, `covered`,
//! `specified_period`, `credited`, `start`, `end`, formula keys `per`, `full_amount`, kind
//! `sum`) are optional.

use serde::Deserialize;
use toml::Spanned;

use super::{decimal_text, Case, CaseProblem, Conversion, Location, PartyRules, Period};
use crate::template::source::LineIndex;

pub const SIMULATION_FORMAT: &str = "ssa-simulation/1";

/// Largest case file read.
pub const MAX_CASE_FILE_BYTES: usize = 1024 * 1024;

/// A case read from a file, with what the file says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFile {
    pub title: Option<String>,
    /// ISO 4217 code of the amounts, for display.
    pub currency: Option<String>,
    pub case: Case,
}

/// One problem of a case file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    format: Spanned<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    currency: Option<String>,
    #[serde(default, with = "decimal_text::optional")]
    career_years: Option<rust_decimal::Decimal>,
    #[serde(default)]
    minimum_period_months: Option<u32>,
    #[serde(default = "yes")]
    covered: bool,
    #[serde(default)]
    party: Vec<Spanned<PartyRules>>,
    #[serde(default)]
    conversion: Vec<Spanned<Conversion>>,
    #[serde(default)]
    period: Vec<Spanned<Period>>,
}

fn yes() -> bool {
    true
}

/// Reads a case file.
pub fn parse_case(text: &str) -> Result<CaseFile, Vec<FileProblem>> {
    if text.len() > MAX_CASE_FILE_BYTES {
        return Err(vec![FileProblem {
            line: 1,
            message: format!(
                "the file is larger than {} KiB, the largest case file read",
                MAX_CASE_FILE_BYTES / 1024
            ),
        }]);
    }
    let lines = LineIndex::new(text);
    let raw: RawFile = toml::from_str(text).map_err(|error| {
        vec![FileProblem {
            line: error.span().map(|s| lines.line(s.start)).unwrap_or(1),
            message: crate::toml_errors::toml_message(&error),
        }]
    })?;
    if raw.format.get_ref() != SIMULATION_FORMAT {
        return Err(vec![FileProblem {
            line: lines.line(raw.format.span().start),
            message: format!(
                "format is \"{}\", this version of SSA Workbench reads \"{SIMULATION_FORMAT}\"",
                crate::limits::excerpt_of(raw.format.get_ref(), 40)
            ),
        }]);
    }
    let spans = Spans {
        parties: raw.party.iter().map(|p| p.span()).collect(),
        conversions: raw.conversion.iter().map(|c| c.span()).collect(),
        periods: raw.period.iter().map(|p| p.span()).collect(),
    };
    let case = Case {
        career_years: raw.career_years,
        minimum_period_months: raw.minimum_period_months,
        covered: raw.covered,
        parties: raw.party.into_iter().map(Spanned::into_inner).collect(),
        conversions: raw
            .conversion
            .into_iter()
            .map(Spanned::into_inner)
            .collect(),
        periods: raw.period.into_iter().map(Spanned::into_inner).collect(),
    };
    let problems = case.validate();
    if !problems.is_empty() {
        return Err(problems
            .iter()
            .map(|problem| FileProblem {
                line: spans.line_of(problem, text, &lines),
                message: problem.message.clone(),
            })
            .collect());
    }
    Ok(CaseFile {
        title: raw.title,
        currency: raw.currency,
        case,
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCareer {
    format: Spanned<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default, with = "decimal_text::optional")]
    career_years: Option<rust_decimal::Decimal>,
    #[serde(default)]
    period: Vec<Spanned<Period>>,
}

/// Reads a career file (`format`, `career_years`, `[[period]]` blocks only) into `base`, the
/// case of a negotiation's rules and its draft's terms.
pub fn parse_career(text: &str, base: &Case) -> Result<Case, Vec<FileProblem>> {
    if text.len() > MAX_CASE_FILE_BYTES {
        return Err(vec![FileProblem {
            line: 1,
            message: format!(
                "the file is larger than {} KiB, the largest career file read",
                MAX_CASE_FILE_BYTES / 1024
            ),
        }]);
    }
    let lines = LineIndex::new(text);
    let raw: RawCareer = toml::from_str(text).map_err(|error| {
        vec![FileProblem {
            line: error.span().map(|s| lines.line(s.start)).unwrap_or(1),
            message: crate::toml_errors::toml_message(&error),
        }]
    })?;
    let _ = raw.title;
    if raw.format.get_ref() != SIMULATION_FORMAT {
        return Err(vec![FileProblem {
            line: lines.line(raw.format.span().start),
            message: format!(
                "format is \"{}\", this version of SSA Workbench reads \"{SIMULATION_FORMAT}\"",
                crate::limits::excerpt_of(raw.format.get_ref(), 40)
            ),
        }]);
    }
    let spans = Spans {
        parties: Vec::new(),
        conversions: Vec::new(),
        periods: raw.period.iter().map(|p| p.span()).collect(),
    };
    let mut case = base.clone();
    case.career_years = raw.career_years.or(base.career_years);
    case.periods = raw.period.into_iter().map(Spanned::into_inner).collect();
    let problems = case.validate();
    if problems.is_empty() {
        Ok(case)
    } else {
        Err(problems
            .iter()
            .map(|problem| FileProblem {
                line: spans.line_of(problem, text, &lines),
                message: problem.message.clone(),
            })
            .collect())
    }
}

struct Spans {
    parties: Vec<std::ops::Range<usize>>,
    conversions: Vec<std::ops::Range<usize>>,
    periods: Vec<std::ops::Range<usize>>,
}

impl Spans {
    /// The line of the problem's field inside its block, else the block's first line.
    fn line_of(&self, problem: &CaseProblem, text: &str, lines: &LineIndex) -> usize {
        let span = match problem.location {
            Location::Case => None,
            Location::Party(i) => self.parties.get(i as usize),
            Location::Conversion(i) => self.conversions.get(i as usize),
            Location::Period(i) => self.periods.get(i as usize),
        };
        let Some(span) = span else {
            return top_level_line(text, &problem.field, lines);
        };
        // The block runs from its header to the next table header (the span may cover the
        // header only).
        let block = text.get(span.start..).unwrap_or("");
        let key = problem.field.split('.').next().unwrap_or("");
        let mut offset = 0;
        for (n, line) in block.split_inclusive('\n').enumerate() {
            let trimmed = line.trim_start();
            if n > 0 && trimmed.starts_with('[') {
                break;
            }
            if !key.is_empty()
                && trimmed.starts_with(key)
                && trimmed[key.len()..].trim_start().starts_with('=')
            {
                return lines.line(span.start + offset + (line.len() - trimmed.len()));
            }
            offset += line.len();
        }
        lines.line(span.start)
    }
}

/// The line of a top-level key, else 1.
fn top_level_line(text: &str, key: &str, lines: &LineIndex) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if !key.is_empty()
            && trimmed.starts_with(key)
            && trimmed[key.len()..].trim_start().starts_with('=')
        {
            return lines.line(offset);
        }
        offset += line.len();
    }
    1
}

/// Optional calendar dates, written "2001-01-31" (quoted) or as TOML dates (2001-01-31).
pub mod date_text {
    use chrono::NaiveDate;
    use serde::de::{self, MapAccess, Visitor};
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        value: &Option<NaiveDate>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(date) => serializer.serialize_str(&date.format("%Y-%m-%d").to_string()),
            None => serializer.serialize_none(),
        }
    }

    fn parse<E: de::Error>(text: &str) -> Result<NaiveDate, E> {
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
            E::custom(format!(
                "\"{}\" is not a date: write it as 2001-01-31",
                crate::limits::excerpt_of(text, 30)
            ))
        })
    }

    struct DateVisitor;

    impl<'de> Visitor<'de> for DateVisitor {
        type Value = Option<NaiveDate>;

        fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
            formatter.write_str("a date such as 2001-01-31")
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(DateVisitor)
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            parse(text).map(Some)
        }

        /// A TOML date arrives as a one-entry map holding its text.
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let Some((_, value)) = map.next_entry::<String, String>()? else {
                return Err(de::Error::custom("a date such as 2001-01-31"));
            };
            if value.len() != 10 {
                return Err(de::Error::custom(format!(
                    "{value} is not a date: write a date alone, such as 2001-01-31"
                )));
            }
            parse(&value).map(Some)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        deserializer.deserialize_option(DateVisitor)
    }
}
