//! The mandate (step 3 of the process): what the government authorises its delegation to agree.
//!
//! Contract:
//!
//! - Per article (stable node id): the red line, the preferred position and the fallback, in the
//!   team's words, and optional machine-checkable [`Limit`]s on the parameters the article uses
//!   or on keeping the article at all.
//! - The mandate is **confidential** to the own party: nothing in this crate writes it into an
//!   exchange file, and the exchange encoder has no field that could hold it.
//! - [`check`] compares limits with a proposal's facts ([`ProposalFacts`]: the parameter values
//!   it uses, whether it leaves the article out) and returns every crossed red line as a
//!   sentence. A limit on a parameter the proposal does not state is not checked (it cannot be
//!   crossed by what is not proposed).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::negotiation::FieldProblem;
use crate::template::{ParameterType, Template, Value};

/// A machine-checkable bound of the mandate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Limit {
    /// A number or months parameter may not exceed `value`.
    AtMost { parameter: String, value: i64 },
    /// A number or months parameter may not go below `value`.
    AtLeast { parameter: String, value: i64 },
    /// A choice parameter must take one of `values`.
    OneOf {
        parameter: String,
        values: Vec<String>,
    },
    /// The (optional) article must stay in the agreement.
    MustStay,
}

/// The mandate on one article.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MandateEntry {
    pub node_id: String,
    pub red_line: String,
    pub preferred: String,
    pub fallback: String,
    pub limits: Vec<Limit>,
}

impl MandateEntry {
    pub fn is_empty(&self) -> bool {
        self.red_line.trim().is_empty()
            && self.preferred.trim().is_empty()
            && self.fallback.trim().is_empty()
            && self.limits.is_empty()
    }

    /// Every problem of the entry against the template: limits must name parameters of the right
    /// type, and choices must be among the parameter's values.
    pub fn validate(&self, template: &Template) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        for (field, text) in [
            ("redLine", &self.red_line),
            ("preferred", &self.preferred),
            ("fallback", &self.fallback),
        ] {
            if text.chars().count() > 20_000 {
                problems.push(FieldProblem {
                    field: field.into(),
                    message: "This text has more than 20000 characters.".into(),
                });
            }
        }
        for (i, limit) in self.limits.iter().enumerate() {
            let field = format!("limits[{i}]");
            let mut problem = |message: String| {
                problems.push(FieldProblem {
                    field: field.clone(),
                    message,
                })
            };
            let parameter_name = match limit {
                Limit::AtMost { parameter, .. }
                | Limit::AtLeast { parameter, .. }
                | Limit::OneOf { parameter, .. } => parameter,
                Limit::MustStay => continue,
            };
            let Some(parameter) = template
                .parameters
                .iter()
                .find(|p| &p.name == parameter_name)
            else {
                problem(format!(
                    "The template has no particular named \"{parameter_name}\"."
                ));
                continue;
            };
            match limit {
                Limit::AtMost { .. } | Limit::AtLeast { .. }
                    if !matches!(
                        parameter.kind,
                        ParameterType::Months | ParameterType::Number
                    ) =>
                {
                    problem(format!(
                        "\"{}\" is not a number, so it cannot have a lowest or highest value.",
                        parameter.label
                    ))
                }
                Limit::OneOf { values, .. } => {
                    if parameter.kind != ParameterType::Choice {
                        problem(format!(
                            "\"{}\" is not a choice, so it cannot have acceptable values.",
                            parameter.label
                        ));
                    } else if values.is_empty() {
                        problem(format!(
                            "Tick at least one acceptable value of \"{}\".",
                            parameter.label
                        ));
                    } else if let Some(unknown) = values
                        .iter()
                        .find(|v| !parameter.choices.iter().any(|c| &c.value == *v))
                    {
                        problem(format!(
                            "\"{unknown}\" is not one of the values of \"{}\".",
                            parameter.label
                        ));
                    }
                }
                _ => {}
            }
        }
        problems
    }
}

/// What a proposal says that limits can be checked against.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProposalFacts {
    pub values: BTreeMap<String, Value>,
    pub omits: bool,
}

/// Every limit the proposal crosses, as a sentence naming the parameter and both values.
pub fn check(
    limits: &[Limit],
    facts: &ProposalFacts,
    labels: &dyn Fn(&str) -> String,
) -> Vec<String> {
    let mut crossed = Vec::new();
    for limit in limits {
        match limit {
            Limit::MustStay => {
                if facts.omits {
                    crossed.push(
                        "The proposal leaves out an article the mandate says must stay.".into(),
                    );
                }
            }
            Limit::AtMost { parameter, value } => {
                if let Some(Value::Number(n)) = facts.values.get(parameter) {
                    if n > value {
                        crossed.push(format!(
                            "{} is {n} in the proposal; the mandate allows at most {value}.",
                            labels(parameter)
                        ));
                    }
                }
            }
            Limit::AtLeast { parameter, value } => {
                if let Some(Value::Number(n)) = facts.values.get(parameter) {
                    if n < value {
                        crossed.push(format!(
                            "{} is {n} in the proposal; the mandate requires at least {value}.",
                            labels(parameter)
                        ));
                    }
                }
            }
            Limit::OneOf { parameter, values } => {
                if let Some(Value::Text(chosen)) = facts.values.get(parameter) {
                    if !values.contains(chosen) {
                        crossed.push(format!(
                            "{} is \"{chosen}\" in the proposal; the mandate accepts only {}.",
                            labels(parameter),
                            values
                                .iter()
                                .map(|v| format!("\"{v}\""))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ));
                    }
                }
            }
        }
    }
    crossed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(name: &str) -> String {
        format!("<{name}>")
    }

    fn facts(values: &[(&str, Value)], omits: bool) -> ProposalFacts {
        ProposalFacts {
            values: values
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
            omits,
        }
    }

    #[test]
    fn a_number_above_the_ceiling_crosses_the_red_line() {
        let limits = vec![Limit::AtMost {
            parameter: "posting.months".into(),
            value: 24,
        }];
        assert!(check(
            &limits,
            &facts(&[("posting.months", Value::Number(24))], false),
            &label
        )
        .is_empty());
        let crossed = check(
            &limits,
            &facts(&[("posting.months", Value::Number(36))], false),
            &label,
        );
        assert_eq!(
            crossed,
            vec!["<posting.months> is 36 in the proposal; the mandate allows at most 24."]
        );
    }

    #[test]
    fn a_floor_a_choice_and_must_stay_are_checked_too() {
        let limits = vec![
            Limit::AtLeast {
                parameter: "n".into(),
                value: 6,
            },
            Limit::OneOf {
                parameter: "c".into(),
                values: vec!["a".into(), "b".into()],
            },
            Limit::MustStay,
        ];
        let ok = facts(
            &[("n", Value::Number(6)), ("c", Value::Text("a".into()))],
            false,
        );
        assert!(check(&limits, &ok, &label).is_empty());
        let bad = facts(
            &[("n", Value::Number(3)), ("c", Value::Text("z".into()))],
            true,
        );
        assert_eq!(check(&limits, &bad, &label).len(), 3);
    }

    #[test]
    fn a_parameter_the_proposal_does_not_state_is_not_checked() {
        let limits = vec![Limit::AtMost {
            parameter: "posting.months".into(),
            value: 24,
        }];
        assert!(check(&limits, &ProposalFacts::default(), &label).is_empty());
    }
}
