//! Units of insurance periods and the conversion rules between parties' units.
//!
//! Contract: a conversion rule says how many periods of `from` make one period of `to`
//! (`per`), and what happens to a remainder. The same rule read backwards multiplies
//! (13 weeks make a quarter, so a quarter is 13 weeks), exactly. There is no chaining and no
//! built-in rule: a period in a unit that no rule links to the party's unit is refused, because
//! the parties' own rules decide conversions, not the workbench.
//!
//! The one fixed table is [`months_in`], used only to state the agreement's minimum period
//! (given in months by the draft) in a party's unit.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// The unit a party counts its periods in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Days,
    Weeks,
    Months,
    Quarters,
    Years,
}

impl Unit {
    pub const ALL: [Unit; 5] = [
        Unit::Days,
        Unit::Weeks,
        Unit::Months,
        Unit::Quarters,
        Unit::Years,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Days => "days",
            Unit::Weeks => "weeks",
            Unit::Months => "months",
            Unit::Quarters => "quarters",
            Unit::Years => "years",
        }
    }

    pub fn parse(text: &str) -> Option<Unit> {
        Unit::ALL.into_iter().find(|u| u.as_str() == text)
    }
}

/// What happens to the part of a period that does not make a whole unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Remainder {
    /// A remainder counts as one whole unit ("any remainder one quarter").
    Up,
    /// A remainder is dropped.
    Down,
    /// Half or more counts as one, less is dropped.
    Nearest,
    /// Kept as a fraction ("a day is 1/360 of a year").
    Exact,
}

impl Remainder {
    pub fn as_str(self) -> &'static str {
        match self {
            Remainder::Up => "up",
            Remainder::Down => "down",
            Remainder::Nearest => "nearest",
            Remainder::Exact => "exact",
        }
    }

    pub fn parse(text: &str) -> Option<Remainder> {
        [
            Remainder::Up,
            Remainder::Down,
            Remainder::Nearest,
            Remainder::Exact,
        ]
        .into_iter()
        .find(|r| r.as_str() == text)
    }

    pub(crate) fn apply(self, value: Decimal) -> Decimal {
        match self {
            Remainder::Up => value.ceil(),
            Remainder::Down => value.floor(),
            Remainder::Nearest => {
                value.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
            }
            Remainder::Exact => value,
        }
    }
}

/// `per` periods of `from` make one period of `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Conversion {
    pub from: Unit,
    pub to: Unit,
    #[serde(with = "super::decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub per: Decimal,
    pub remainder: Remainder,
}

/// How an amount was converted, for the explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ConversionStep {
    /// Divided by `per`, the remainder treated by the rule.
    Divided {
        #[serde(with = "super::decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        per: Decimal,
        remainder: Remainder,
    },
    /// Multiplied by `per` (a rule read backwards).
    Multiplied {
        #[serde(with = "super::decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        per: Decimal,
    },
}

/// The rule that turns `from` into `to`, if any: a rule from→to, else one to→from read
/// backwards.
pub(crate) fn find_step(
    conversions: &[Conversion],
    from: Unit,
    to: Unit,
) -> Option<ConversionStep> {
    if let Some(rule) = conversions.iter().find(|c| c.from == from && c.to == to) {
        return Some(ConversionStep::Divided {
            per: rule.per,
            remainder: rule.remainder,
        });
    }
    conversions
        .iter()
        .find(|c| c.from == to && c.to == from)
        .map(|rule| ConversionStep::Multiplied { per: rule.per })
}

impl ConversionStep {
    pub(crate) fn apply(self, amount: Decimal) -> Decimal {
        match self {
            ConversionStep::Divided { per, remainder } => remainder.apply(amount / per),
            ConversionStep::Multiplied { per } => amount * per,
        }
    }
}

/// Calendar months as periods of `unit`: a month is 30 days, 52/12 weeks, a third of a
/// quarter, a twelfth of a year. Used only for the minimum-period threshold, which agreements
/// state in months.
pub(crate) fn months_in(unit: Unit, months: Decimal) -> Decimal {
    match unit {
        Unit::Days => months * Decimal::from(30),
        Unit::Weeks => months * Decimal::from(52) / Decimal::from(12),
        Unit::Months => months,
        Unit::Quarters => months / Decimal::from(3),
        Unit::Years => months / Decimal::from(12),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn each_remainder_rule_by_hand() {
        // 800 weeks at 13 a quarter: 61 quarters and 7 weeks over.
        let weeks = dec("800");
        let rule = |remainder| ConversionStep::Divided {
            per: dec("13"),
            remainder,
        };
        assert_eq!(rule(Remainder::Up).apply(weeks), dec("62"));
        assert_eq!(rule(Remainder::Down).apply(weeks), dec("61"));
        // 7/13 is more than a half.
        assert_eq!(rule(Remainder::Nearest).apply(weeks), dec("62"));
        assert_eq!(rule(Remainder::Nearest).apply(dec("790")), dec("61"));
        // Exactly half counts as one.
        assert_eq!(
            ConversionStep::Divided {
                per: dec("2"),
                remainder: Remainder::Nearest
            }
            .apply(dec("3")),
            dec("2")
        );
        // Months ÷ 3, any remainder one quarter.
        assert_eq!(
            ConversionStep::Divided {
                per: dec("3"),
                remainder: Remainder::Up
            }
            .apply(dec("10")),
            dec("4")
        );
        // A day is 1/360 of a year, kept exact: 540 days are a year and a half.
        assert_eq!(
            ConversionStep::Divided {
                per: dec("360"),
                remainder: Remainder::Exact
            }
            .apply(dec("540")),
            dec("1.5")
        );
        assert_eq!(
            ConversionStep::Multiplied { per: dec("13") }.apply(dec("4")),
            dec("52")
        );
    }

    #[test]
    fn a_rule_reads_backwards_but_never_chains() {
        let rules = vec![Conversion {
            from: Unit::Weeks,
            to: Unit::Quarters,
            per: dec("13"),
            remainder: Remainder::Up,
        }];
        assert_eq!(
            find_step(&rules, Unit::Quarters, Unit::Weeks),
            Some(ConversionStep::Multiplied { per: dec("13") })
        );
        assert!(find_step(&rules, Unit::Weeks, Unit::Years).is_none());
    }

    #[test]
    fn the_minimum_period_in_each_unit() {
        let year = dec("12");
        assert_eq!(months_in(Unit::Days, year), dec("360"));
        assert_eq!(months_in(Unit::Weeks, year), dec("52"));
        assert_eq!(months_in(Unit::Quarters, year), dec("4"));
        assert_eq!(months_in(Unit::Years, year), dec("1"));
    }
}
