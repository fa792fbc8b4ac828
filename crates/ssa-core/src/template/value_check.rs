//! Whether one value fits its parameter's declaration: shared by template defaults and drafts.

use super::draft::Value;
use super::format::{Parameter, ParameterType};
use super::render::parse_date;
use super::report::ProblemKind;

/// Every way `value` does not fit `parameter`; each message names the parameter and says what
/// would fit.
pub(crate) fn check_value(parameter: &Parameter, value: &Value) -> Vec<(ProblemKind, String)> {
    let name = &parameter.name;
    let label = &parameter.label;
    let who = format!("parameter \"{name}\" ({label})");
    let wrong_shape = |expected: &str| {
        vec![(
            ProblemKind::InvalidValue,
            format!("{who}: expected {expected}, found {}.", value.shape()),
        )]
    };
    match (parameter.kind, value) {
        (
            ParameterType::Text
            | ParameterType::Party
            | ParameterType::Institution
            | ParameterType::Authority,
            Value::Text(_),
        ) => Vec::new(),
        (ParameterType::Text, _) => wrong_shape("text"),
        (ParameterType::Party, _) => wrong_shape("the party's name"),
        (ParameterType::Institution, _) => wrong_shape("the institution's name"),
        (ParameterType::Authority, _) => wrong_shape("the authority's name"),
        (ParameterType::Date, Value::Text(text)) => match parse_date(text) {
            Some(_) => Vec::new(),
            None => vec![(
                ProblemKind::InvalidValue,
                format!(
                    "{who}: \"{text}\" is not a date; write it as YYYY-MM-DD, e.g. 2026-03-01."
                ),
            )],
        },
        (ParameterType::Date, _) => wrong_shape("a date (YYYY-MM-DD)"),
        (ParameterType::Months | ParameterType::Number, Value::Number(number)) => {
            let unit = if parameter.kind == ParameterType::Months {
                " months"
            } else {
                ""
            };
            let below = parameter.min.is_some_and(|min| *number < min);
            let above = parameter.max.is_some_and(|max| *number > max);
            if !(below || above) {
                return Vec::new();
            }
            let range = match (parameter.min, parameter.max) {
                (Some(min), Some(max)) => format!("from {min} to {max}{unit}"),
                (Some(min), None) => format!("of at least {min}{unit}"),
                (None, Some(max)) => format!("of at most {max}{unit}"),
                (None, None) => unreachable!("a bound was crossed"),
            };
            vec![(
                ProblemKind::ValueOutOfRange,
                format!("{who}: {number}{unit} is out of range; enter a value {range}."),
            )]
        }
        (ParameterType::Months, _) => wrong_shape("a whole number of months"),
        (ParameterType::Number, _) => wrong_shape("a whole number"),
        (ParameterType::Amount, Value::Amount(amount)) => {
            let mut problems = Vec::new();
            if !is_decimal(&amount.amount) {
                problems.push((
                    ProblemKind::InvalidValue,
                    format!(
                        "{who}: amount \"{}\" is not a decimal number such as 1500 or 1500.50.",
                        amount.amount
                    ),
                ));
            }
            let currency_ok = amount.currency.len() == 3
                && amount.currency.chars().all(|c| c.is_ascii_uppercase());
            if !currency_ok {
                problems.push((
                    ProblemKind::InvalidValue,
                    format!(
                        "{who}: currency \"{}\" is not an ISO 4217 code such as EUR or USD.",
                        amount.currency
                    ),
                ));
            }
            problems
        }
        (ParameterType::Amount, _) => wrong_shape("an amount with a currency"),
        (ParameterType::Choice, Value::Text(choice)) => {
            if parameter.choices.iter().any(|c| &c.value == choice) {
                return Vec::new();
            }
            let known: Vec<&str> = parameter.choices.iter().map(|c| c.value.as_str()).collect();
            vec![(
                ProblemKind::UnknownChoice,
                format!(
                    "{who}: \"{choice}\" is not one of the choices ({}).",
                    known.join(", ")
                ),
            )]
        }
        (ParameterType::Choice, _) => wrong_shape("one of the listed choices"),
        (ParameterType::Flag, Value::Flag(_)) => Vec::new(),
        (ParameterType::Flag, _) => wrong_shape("yes/no (true or false)"),
        (ParameterType::Laws, Value::Laws(entries)) => entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.branch.trim().is_empty() || e.laws.iter().all(|l| l.trim().is_empty())
            })
            .map(|(n, _)| {
                (
                    ProblemKind::InvalidValue,
                    format!(
                        "{who}: entry {} needs a branch and at least one law.",
                        n + 1
                    ),
                )
            })
            .collect(),
        (ParameterType::Laws, _) => wrong_shape("a list of laws per branch"),
    }
}

fn is_decimal(text: &str) -> bool {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && fraction.chars().all(|c| c.is_ascii_digit())
}
