//! National benefit formulas as data, and their evaluation on a number of periods.
//!
//! Contract: [`Formula::evaluate`] is a pure function of the periods (in the party's unit) and
//! the years of the career; it returns the exact amount (never rounded: rounding to the cent
//! happens once, on the figures reported) and the [`Calculation`] a person can check by hand.
//! Every kind is non-decreasing in the periods, which is what makes "adding a period never
//! lowers a pro-rata benefit" hold (see the property tests).

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::decimal_text;

/// How the yearly average of a band formula is rounded to a whole number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Half or more up, less down.
    #[default]
    HalfUp,
    Down,
    Up,
}

impl Rounding {
    fn apply(self, value: Decimal) -> Decimal {
        match self {
            Rounding::HalfUp => {
                value.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
            }
            Rounding::Down => value.floor(),
            Rounding::Up => value.ceil(),
        }
    }
}

/// One row of a band table: a yearly average of at least `from` gives `amount`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Band {
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub from: Decimal,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub amount: Decimal,
}

fn one() -> Decimal {
    Decimal::ONE
}

/// A party's benefit formula.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Formula {
    /// `amount` for every `per` periods, counting at most `full` periods (a full career); with
    /// `full_amount`, a full career gives that amount instead (a full basic pension).
    PerPeriod {
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        amount: Decimal,
        #[serde(default = "one", with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        per: Decimal,
        #[serde(default, with = "decimal_text::optional")]
        #[cfg_attr(feature = "specta", specta(type = Option<String>))]
        full: Option<Decimal>,
        #[serde(default, with = "decimal_text::optional")]
        #[cfg_attr(feature = "specta", specta(type = Option<String>))]
        full_amount: Option<Decimal>,
    },
    /// Flat-rate bands by yearly average: periods ÷ years of the career, rounded, looked up in
    /// a table listed from the highest band down.
    Bands {
        #[serde(default)]
        rounding: Rounding,
        bands: Vec<Band>,
    },
    /// Earnings-related accrual: `rate` × periods ÷ `per` × `earnings`.
    Accrual {
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        rate: Decimal,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        earnings: Decimal,
        #[serde(default = "one", with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        per: Decimal,
    },
    /// A fixed amount once the person qualifies.
    Fixed {
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        amount: Decimal,
    },
    /// The sum of several parts (a flat part and a per-year part); parts are not sums.
    Sum { parts: Vec<Formula> },
}

/// The arithmetic of one evaluation, for the explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Calculation {
    PerPeriod {
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        periods: Decimal,
        /// The periods counted: `periods`, or the full career when that is smaller.
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        counted: Decimal,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        amount: Decimal,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        per: Decimal,
        /// Set when a full career gave the full amount.
        #[serde(with = "decimal_text::optional")]
        #[cfg_attr(feature = "specta", specta(type = Option<String>))]
        full_career: Option<Decimal>,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        result: Decimal,
    },
    Bands {
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        periods: Decimal,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        years: Decimal,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        average: Decimal,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        rounded: Decimal,
        rounding: Rounding,
        /// The band found: its lower bound and the next band's, if any; `None`: below all.
        #[serde(with = "decimal_text::optional")]
        #[cfg_attr(feature = "specta", specta(type = Option<String>))]
        band_from: Option<Decimal>,
        #[serde(with = "decimal_text::optional")]
        #[cfg_attr(feature = "specta", specta(type = Option<String>))]
        band_below: Option<Decimal>,
        /// The lowest band, when the average is under it.
        #[serde(with = "decimal_text::optional")]
        #[cfg_attr(feature = "specta", specta(type = Option<String>))]
        lowest: Option<Decimal>,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        result: Decimal,
    },
    Accrual {
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        rate: Decimal,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        periods: Decimal,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        per: Decimal,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        earnings: Decimal,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        result: Decimal,
    },
    Fixed {
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        result: Decimal,
    },
    Sum {
        parts: Vec<Calculation>,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        result: Decimal,
    },
}

impl Calculation {
    pub fn result(&self) -> Decimal {
        match self {
            Calculation::PerPeriod { result, .. }
            | Calculation::Bands { result, .. }
            | Calculation::Accrual { result, .. }
            | Calculation::Fixed { result }
            | Calculation::Sum { result, .. } => *result,
        }
    }
}

impl Formula {
    /// The formula on `periods`; `career_years` divides the periods of a band formula (the
    /// case's validation makes sure it is there and positive when a band formula is used).
    pub fn evaluate(&self, periods: Decimal, career_years: Option<Decimal>) -> Calculation {
        match self {
            Formula::PerPeriod {
                amount,
                per,
                full,
                full_amount,
            } => {
                let counted = match full {
                    Some(full) => periods.min(*full),
                    None => periods,
                };
                let full_career = match (full, full_amount) {
                    (Some(full), Some(full_amount)) if periods >= *full => Some(*full_amount),
                    _ => None,
                };
                let result = full_career.unwrap_or_else(|| *amount * counted / *per);
                Calculation::PerPeriod {
                    periods,
                    counted,
                    amount: *amount,
                    per: *per,
                    full_career: full.filter(|_| full_career.is_some()),
                    result,
                }
            }
            Formula::Bands { rounding, bands } => {
                let years = career_years
                    .filter(|y| !y.is_zero())
                    .unwrap_or(Decimal::ONE);
                let average = periods / years;
                let rounded = rounding.apply(average);
                let found = bands.iter().position(|band| rounded >= band.from);
                let (band_from, band_below, result) = match found {
                    Some(at) => (
                        Some(bands[at].from),
                        at.checked_sub(1).map(|above| bands[above].from),
                        bands[at].amount,
                    ),
                    None => (None, None, Decimal::ZERO),
                };
                Calculation::Bands {
                    periods,
                    years,
                    average,
                    rounded,
                    rounding: *rounding,
                    band_from,
                    band_below,
                    lowest: bands.last().map(|b| b.from).filter(|_| found.is_none()),
                    result,
                }
            }
            Formula::Accrual {
                rate,
                earnings,
                per,
            } => Calculation::Accrual {
                rate: *rate,
                periods,
                per: *per,
                earnings: *earnings,
                result: *rate * periods * *earnings / *per,
            },
            Formula::Fixed { amount } => Calculation::Fixed { result: *amount },
            Formula::Sum { parts } => {
                let parts: Vec<Calculation> = parts
                    .iter()
                    .map(|part| part.evaluate(periods, career_years))
                    .collect();
                let result = parts.iter().map(Calculation::result).sum();
                Calculation::Sum { parts, result }
            }
        }
    }

    /// Whether the formula (or one of its parts) uses the career's years.
    pub(crate) fn uses_career_years(&self) -> bool {
        match self {
            Formula::Bands { .. } => true,
            Formula::Sum { parts } => parts.iter().any(Formula::uses_career_years),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn value(formula: &Formula, periods: &str, years: Option<&str>) -> Decimal {
        formula.evaluate(dec(periods), years.map(dec)).result()
    }

    #[test]
    fn per_period_counts_up_to_a_full_career() {
        // A residence pension of 2.50 a month, full after 480 months (40 years).
        let formula = Formula::PerPeriod {
            amount: dec("2.50"),
            per: Decimal::ONE,
            full: Some(dec("480")),
            full_amount: None,
        };
        assert_eq!(value(&formula, "100", None), dec("250"));
        assert_eq!(value(&formula, "480", None), dec("1200"));
        assert_eq!(value(&formula, "600", None), dec("1200"));
        // 1/40 of 800 a year, written per 40 years.
        let fortieths = Formula::PerPeriod {
            amount: dec("800"),
            per: dec("40"),
            full: Some(dec("40")),
            full_amount: None,
        };
        assert_eq!(value(&fortieths, "10", None), dec("200"));
        // A full basic pension of 800 at 40 years, 16 a year below.
        let basic = Formula::PerPeriod {
            amount: dec("16"),
            per: Decimal::ONE,
            full: Some(dec("40")),
            full_amount: Some(dec("800")),
        };
        assert_eq!(value(&basic, "18", None), dec("288"));
        assert_eq!(value(&basic, "42", None), dec("800"));
    }

    #[test]
    fn bands_by_yearly_average_with_each_rounding() {
        let bands = |rounding| Formula::Bands {
            rounding,
            bands: vec![
                Band {
                    from: dec("40"),
                    amount: dec("300.00"),
                },
                Band {
                    from: dec("20"),
                    amount: dec("210.00"),
                },
                Band {
                    from: dec("10"),
                    amount: dec("120.00"),
                },
            ],
        };
        // 800 contributions over 40 years: 20 a year, band 20–39.
        assert_eq!(
            value(&bands(Rounding::HalfUp), "800", Some("40")),
            dec("210.00")
        );
        // 1,580 over 40 = 39.5: half up gives 40, down gives 39.
        assert_eq!(
            value(&bands(Rounding::HalfUp), "1580", Some("40")),
            dec("300.00")
        );
        assert_eq!(
            value(&bands(Rounding::Down), "1580", Some("40")),
            dec("210.00")
        );
        // 390 over 40 = 9.75: up gives 10, the lowest band; down gives nothing.
        assert_eq!(
            value(&bands(Rounding::Up), "390", Some("40")),
            dec("120.00")
        );
        assert_eq!(
            value(&bands(Rounding::Down), "390", Some("40")),
            Decimal::ZERO
        );
        let Calculation::Bands {
            band_from,
            band_below,
            ..
        } = bands(Rounding::HalfUp).evaluate(dec("800"), Some(dec("40")))
        else {
            panic!("a band calculation")
        };
        assert_eq!((band_from, band_below), (Some(dec("20")), Some(dec("40"))));
    }

    #[test]
    fn accrual_fixed_and_sums() {
        let accrual = Formula::Accrual {
            rate: dec("0.015"),
            earnings: dec("1000"),
            per: Decimal::ONE,
        };
        assert_eq!(value(&accrual, "30", None), dec("450"));
        // The same rate per year on periods counted in months.
        let monthly = Formula::Accrual {
            rate: dec("0.015"),
            earnings: dec("30000"),
            per: dec("12"),
        };
        assert_eq!(value(&monthly, "18", None), dec("675"));
        assert_eq!(
            value(&Formula::Fixed { amount: dec("500") }, "1", None),
            dec("500")
        );
        let flat_plus = Formula::Sum {
            parts: vec![
                Formula::Fixed { amount: dec("300") },
                Formula::PerPeriod {
                    amount: dec("10"),
                    per: Decimal::ONE,
                    full: None,
                    full_amount: None,
                },
            ],
        };
        assert_eq!(value(&flat_plus, "30", None), dec("600"));
    }
}
