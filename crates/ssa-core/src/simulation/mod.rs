//! The totalization and pro-rata benefit simulator: what an agreement changes for a worker.
//!
//! Contract:
//! - A [`Case`] is data: each party's national rules ([`PartyRules`]: unit, qualifying period,
//!   formula, method chosen by the agreement), the conversion rules between units, the career's
//!   periods, the agreement's minimum-period rule and whether it covers the branch.
//! - [`simulate`] validates the case ([`Case::validate`], every problem with where it is) and
//!   computes, per party, the benefit without the agreement, the theoretical, pro-rata and
//!   direct amounts, the benefit with the agreement, and the [`Line`]s that explain each
//!   figure. Arithmetic is exact ([`rust_decimal`]); reported money is rounded half up to the
//!   cent once, at the end, and the total is the sum of the rounded shares.
//! - [`case_file`] reads and writes the `ssa-simulation/1` TOML format
//!   (`assets/simulations/README.md`), naming the line of every problem.
//!
//! Pure: no IO, no clock. Formulas follow `shared/domain/eight-step-process.md` §5.5–§5.7.

pub mod case_file;
pub mod decimal_text;
pub mod explain;
pub mod formula;
pub mod setup;
mod totalization;
pub mod units;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use explain::{render_line, Language, Line};
pub use formula::{Band, Calculation, Formula, Rounding};
pub use rust_decimal::Decimal;
pub use totalization::simulate;
pub use units::{Conversion, ConversionStep, Remainder, Unit};

/// How a party computes its benefit when the agreement applies (the draft's choice).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// The theoretical amount on all periods × own periods ÷ all periods.
    #[default]
    ProRata,
    /// The national formula on own periods, the right opened by totalized periods.
    Direct,
    /// The higher of the independent (national) benefit and the pro-rata amount.
    HigherOf,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::ProRata => "pro_rata",
            Method::Direct => "direct",
            Method::HigherOf => "higher_of",
        }
    }
}

/// Whether a party's credited periods count in the numerator of its pro-rata fraction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum CreditRule {
    /// Credited periods count like paid ones.
    #[default]
    Count,
    /// Credited periods count for entitlement and in the total (the denominator), not in the
    /// party's own share (the numerator).
    DenominatorOnly,
}

/// One party's national rules for the branch simulated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct PartyRules {
    /// The party's ISO code, as in the negotiation.
    pub code: String,
    pub unit: Unit,
    /// Periods needed for a national benefit, in `unit`.
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub qualifying: Decimal,
    #[serde(default)]
    pub method: Method,
    pub formula: Formula,
    /// A "specified period": the pro-rata fraction's denominator is at most this many periods
    /// (a law that counts at most 40 years divides by 40, not by 42).
    #[serde(default, with = "decimal_text::optional")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub specified_period: Option<Decimal>,
    #[serde(default)]
    pub credited: CreditRule,
}

/// Paid or credited.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    #[default]
    Paid,
    Credited,
}

/// A period of the career, under one party's legislation. With `start` and `end` (inclusive
/// calendar dates) the simulator can tell when two parties cover the same days, and counts
/// those days once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub party: String,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub amount: Decimal,
    pub unit: Unit,
    #[serde(default)]
    pub kind: PeriodKind,
    #[serde(default, with = "case_file::date_text")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub start: Option<NaiveDate>,
    #[serde(default, with = "case_file::date_text")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub end: Option<NaiveDate>,
}

/// A career and the rules it is simulated under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Case {
    /// Years since first insured, dividing the periods of a band formula.
    #[serde(default, with = "decimal_text::optional")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub career_years: Option<Decimal>,
    /// The agreement's minimum-period rule, in months; `None`: the agreement has none.
    #[serde(default)]
    pub minimum_period_months: Option<u32>,
    /// Whether the agreement covers the branch; when it does not, nothing changes.
    #[serde(default = "covered_by_default")]
    pub covered: bool,
    pub parties: Vec<PartyRules>,
    #[serde(default)]
    pub conversions: Vec<Conversion>,
    #[serde(default)]
    pub periods: Vec<Period>,
}

fn covered_by_default() -> bool {
    true
}

/// Where in a case a problem is: the case itself, or the n-th (from 0) party, conversion or
/// period. The file reader turns this into a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", content = "index", rename_all = "snake_case")]
pub enum Location {
    Case,
    Party(u32),
    Conversion(u32),
    Period(u32),
}

/// One thing wrong with a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CaseProblem {
    pub location: Location,
    /// The field concerned ("qualifying", "formula.bands"), empty for the whole entry.
    pub field: String,
    pub message: String,
}

/// A party's figures: money rounded to the cent, periods in the party's unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PartyOutcome {
    pub code: String,
    pub unit: Unit,
    pub method: Method,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub without_agreement: Decimal,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub theoretical: Decimal,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub pro_rata: Decimal,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub direct: Decimal,
    /// The national benefit on own periods (with periods taken over under the minimum-period
    /// rule), where own periods alone qualify.
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub independent: Decimal,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub with_agreement: Decimal,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub difference: Decimal,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub own_periods: Decimal,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub totalized_periods: Decimal,
    /// Under the minimum-period rule: this party pays nothing, another counts its periods.
    pub relieved: bool,
    pub explanation: Vec<Line>,
}

/// The case's result: per party, and the totals (sums of the rounded shares).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Outcome {
    pub parties: Vec<PartyOutcome>,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub total_without: Decimal,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub total_with: Decimal,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub total_difference: Decimal,
}

/// Largest money amount, period count and divisor a case may hold: far beyond any real
/// benefit or career, and small enough that no product of them leaves the exact range of
/// 28 digits (the largest product, an accrual on every period converted by the largest factor
/// and divided by the smallest divisor, stays under 10^26).
pub const MAX_AMOUNT: i64 = 100_000_000;
pub const MAX_PERIODS: i64 = 1_000_000;
pub const MAX_DIVISOR: i64 = 100_000;
pub const MAX_PARTS: usize = 10;
pub const MAX_PARTIES: usize = 20;
pub const MAX_CASE_PERIODS: usize = 5_000;

impl Case {
    /// Every problem in the case; empty when it can be simulated.
    pub fn validate(&self) -> Vec<CaseProblem> {
        totalization::validate(self)
    }
}

/// Money rounded to the cent, half away from zero (the reported figures).
pub fn cents(value: Decimal) -> Decimal {
    let mut rounded =
        value.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    rounded
}
