//! A negotiation's simulator setup (kept with its feasibility study): each party's national
//! rules, sample careers, and the assumptions of the corridor cost estimate. The agreement's
//! own terms ([`DraftTerms`]: method, minimum period, whether the branch is covered) are not
//! stored here: they are read from the draft every time, so changing the draft changes the
//! simulation at once.
//!
//! Contract: [`SimulationSetup::case_for`] builds the [`Case`] of one career under the draft's
//! terms; [`SimulationSetup::validate`] reports every problem with a form field path
//! (`simulation.careers[1].periods[0].amount`); [`estimate`] turns the careers' results into a
//! yearly cost per party, with every assumption stated in the result.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{
    cents, decimal_text, Case, Conversion, CreditRule, Formula, Location, Method, Outcome,
    PartyRules, Period, PeriodKind, Unit,
};
use crate::documents::feasibility::{CorridorFigure, CorridorKind};
use crate::negotiation::FieldProblem;

/// One party's national rules for the pension branch (the method is the draft's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct NationalRules {
    pub code: String,
    pub unit: Unit,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub qualifying: Decimal,
    pub formula: Formula,
    #[serde(default, with = "decimal_text::optional")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub specified_period: Option<Decimal>,
    #[serde(default)]
    pub credited: CreditRule,
}

/// A sample career: its periods, and its share of the corridor's people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct SampleCareer {
    pub name: String,
    /// Years since first insured (for band formulas).
    #[serde(default, with = "decimal_text::optional")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub career_years: Option<Decimal>,
    pub periods: Vec<Period>,
    /// Weight of this career in the corridor's mix (the weights are shared out as percents).
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub share: Decimal,
}

/// The assumptions of the corridor cost estimate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct CorridorAssumptions {
    /// People in the corridor; `None`: the feasibility study's corridor figures.
    #[serde(default)]
    pub people: Option<u32>,
    /// Percent of them who will claim a benefit under the agreement.
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub take_up_percent: Decimal,
    /// Payments a year of the amounts simulated (12 for monthly pensions).
    pub payments_per_year: u32,
}

impl Default for CorridorAssumptions {
    fn default() -> Self {
        CorridorAssumptions {
            people: None,
            take_up_percent: Decimal::from(10),
            payments_per_year: 12,
        }
    }
}

/// The simulator's setup of one negotiation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct SimulationSetup {
    /// ISO 4217 code of the amounts ("EUR"); empty: plain numbers.
    #[serde(default)]
    pub currency: String,
    #[serde(default)]
    pub parties: Vec<NationalRules>,
    #[serde(default)]
    pub conversions: Vec<Conversion>,
    #[serde(default)]
    pub careers: Vec<SampleCareer>,
    #[serde(default)]
    pub corridor: CorridorAssumptions,
}

/// What the draft agreement decides for the simulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DraftTerms {
    pub method: Method,
    pub minimum_period_months: Option<u32>,
    pub covered: bool,
}

fn years(party: &str, amount: u32) -> Period {
    Period {
        party: party.to_string(),
        amount: Decimal::from(amount),
        unit: Unit::Years,
        kind: PeriodKind::Paid,
        start: None,
        end: None,
    }
}

impl SimulationSetup {
    /// Example rules and careers for parties the team has not described yet: a flat part and a
    /// per-year part (so that the method matters, see domain notes Example 2), a 15-year and a
    /// 10-year qualifying period, and three careers between the first two parties. The UI says
    /// these are examples until the team saves its own.
    pub fn example_for(codes: &[&str], language: super::Language) -> SimulationSetup {
        let names = match language {
            super::Language::En => [
                "Posted for 2 years",
                "20 years at home, 10 abroad",
                "12 years at home, 12 abroad",
            ],
            super::Language::Fr => [
                "Détaché pendant 2 ans",
                "20 ans au pays, 10 à l'étranger",
                "12 ans au pays, 12 à l'étranger",
            ],
            super::Language::Es => [
                "Desplazado durante 2 años",
                "20 años en el país, 10 en el extranjero",
                "12 años en el país, 12 en el extranjero",
            ],
        };
        let parties = codes
            .iter()
            .enumerate()
            .map(|(i, code)| NationalRules {
                code: code.to_string(),
                unit: Unit::Years,
                qualifying: Decimal::from(if i == 0 { 15 } else { 10 }),
                formula: Formula::Sum {
                    parts: vec![
                        Formula::Fixed {
                            amount: Decimal::from(if i == 0 { 200 } else { 150 }),
                        },
                        Formula::PerPeriod {
                            amount: Decimal::from(if i == 0 { 10 } else { 12 }),
                            per: Decimal::ONE,
                            full: Some(Decimal::from(40)),
                            full_amount: None,
                        },
                    ],
                },
                specified_period: None,
                credited: CreditRule::Count,
            })
            .collect();
        let careers = match codes {
            [home, abroad, ..] => vec![
                SampleCareer {
                    name: names[0].into(),
                    career_years: None,
                    periods: vec![years(home, 38), years(abroad, 2)],
                    share: Decimal::from(30),
                },
                SampleCareer {
                    name: names[1].into(),
                    career_years: None,
                    periods: vec![years(home, 20), years(abroad, 10)],
                    share: Decimal::from(40),
                },
                SampleCareer {
                    name: names[2].into(),
                    career_years: None,
                    periods: vec![years(home, 12), years(abroad, 12)],
                    share: Decimal::from(30),
                },
            ],
            _ => Vec::new(),
        };
        SimulationSetup {
            currency: String::new(),
            parties,
            conversions: Vec::new(),
            careers,
            corridor: CorridorAssumptions::default(),
        }
    }

    /// The example rules with each party's qualifying period for old-age pensions taken from
    /// the feasibility study where its text gives one; the codes of those parties.
    pub fn example_from_study(
        codes: &[&str],
        language: super::Language,
        schemes: &[crate::documents::feasibility::SchemeRow],
    ) -> (SimulationSetup, Vec<String>) {
        let mut setup = SimulationSetup::example_for(codes, language);
        let mut from_study = Vec::new();
        for rules in &mut setup.parties {
            let found = schemes
                .iter()
                .find(|row| {
                    row.party == rules.code
                        && row.branch == crate::documents::branch::Branch::OldAge
                })
                .and_then(|row| qualifying_years_from_text(&row.qualifying_period));
            if let Some(years) = found {
                rules.qualifying = years;
                from_study.push(rules.code.clone());
            }
        }
        (setup, from_study)
    }

    /// The case of one career under the draft's terms.
    pub fn case_for(&self, career: &SampleCareer, terms: &DraftTerms) -> Case {
        Case {
            career_years: career.career_years,
            minimum_period_months: terms.minimum_period_months,
            covered: terms.covered,
            parties: self
                .parties
                .iter()
                .map(|rules| PartyRules {
                    code: rules.code.clone(),
                    unit: rules.unit,
                    qualifying: rules.qualifying,
                    method: terms.method,
                    formula: rules.formula.clone(),
                    specified_period: rules.specified_period,
                    credited: rules.credited,
                })
                .collect(),
            conversions: self.conversions.clone(),
            periods: career.periods.clone(),
        }
    }

    /// Every problem, with its field path under `simulation`; `codes` are the negotiation's
    /// parties.
    pub fn validate(&self, codes: &[&str]) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        for (i, rules) in self.parties.iter().enumerate() {
            if !codes.contains(&rules.code.as_str()) {
                problems.push(FieldProblem {
                    field: format!("simulation.parties[{i}].code"),
                    message: format!(
                        "The simulator's rules name party \"{}\", which is not a party of the negotiation.",
                        crate::limits::excerpt_of(&rules.code, 20)
                    ),
                });
            }
        }
        if self.corridor.take_up_percent.is_sign_negative()
            || self.corridor.take_up_percent > Decimal::from(100)
        {
            problems.push(FieldProblem {
                field: "simulation.corridor.take_up_percent".into(),
                message: "The take-up is a percent, from 0 to 100.".into(),
            });
        }
        if self.corridor.people.is_some_and(|p| p > 100_000_000) {
            problems.push(FieldProblem {
                field: "simulation.corridor.people".into(),
                message: "At most 100,000,000 people in a corridor.".into(),
            });
        }
        if self.corridor.payments_per_year == 0 || self.corridor.payments_per_year > 52 {
            problems.push(FieldProblem {
                field: "simulation.corridor.payments_per_year".into(),
                message: "Payments a year go from 1 to 52.".into(),
            });
        }
        let terms = DraftTerms {
            method: Method::ProRata,
            minimum_period_months: None,
            covered: true,
        };
        // The rules and conversions are checked once, with an empty career, then each career.
        let empty = SampleCareer {
            name: String::new(),
            career_years: Some(Decimal::ONE),
            periods: Vec::new(),
            share: Decimal::ZERO,
        };
        let mut seen = std::collections::HashSet::new();
        for problem in self.case_for(&empty, &terms).validate() {
            let field = match problem.location {
                Location::Party(i) => format!("simulation.parties[{i}].{}", problem.field),
                Location::Conversion(i) => format!("simulation.conversions[{i}].{}", problem.field),
                _ => format!("simulation.{}", problem.field),
            };
            if seen.insert(field.clone()) {
                problems.push(FieldProblem {
                    field,
                    message: problem.message,
                });
            }
        }
        for (c, career) in self.careers.iter().enumerate() {
            if career.name.trim().is_empty() || career.name.chars().count() > 200 {
                problems.push(FieldProblem {
                    field: format!("simulation.careers[{c}].name"),
                    message: format!("Career {} needs a name of at most 200 characters.", c + 1),
                });
            }
            if career.share.is_sign_negative() || career.share > Decimal::from(1_000_000) {
                problems.push(FieldProblem {
                    field: format!("simulation.careers[{c}].share"),
                    message: format!("The share of career {} cannot be negative.", c + 1),
                });
            }
            for problem in self.case_for(career, &terms).validate() {
                let field = match problem.location {
                    Location::Period(i) => {
                        format!("simulation.careers[{c}].periods[{i}].{}", problem.field)
                    }
                    Location::Party(_)
                        if problem.field == "formula" && career.career_years.is_none() =>
                    {
                        format!("simulation.careers[{c}].career_years")
                    }
                    Location::Case => format!("simulation.careers[{c}].{}", problem.field),
                    _ => continue,
                };
                if seen.insert(field.clone()) {
                    problems.push(FieldProblem {
                        field,
                        message: format!("Career {}: {}", c + 1, problem.message),
                    });
                }
            }
        }
        problems
    }
}

/// A qualifying period read from the feasibility study's text ("15 years of contributions",
/// "180 mois", "520 semanas"): the first number and the unit word right after it, in years
/// (a month is a twelfth, a quarter a fourth, a week a 52nd, a day a 360th). `None` when the
/// text says it otherwise: the study's cells are free text, not data.
pub fn qualifying_years_from_text(text: &str) -> Option<Decimal> {
    let lower = text.to_lowercase();
    let start = lower.find(|c: char| c.is_ascii_digit())?;
    let rest = &lower[start..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let number = super::decimal_text::parse(&rest[..end].replace(',', "."))?;
    let word: String = rest[end..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let per_year = match word.as_str() {
        "year" | "years" | "yr" | "yrs" | "an" | "ans" | "année" | "années" | "año" | "años" => {
            1
        }
        "month" | "months" | "mois" | "mes" | "meses" => 12,
        "quarter" | "quarters" | "trimestre" | "trimestres" => 4,
        "week" | "weeks" | "semaine" | "semaines" | "semana" | "semanas" => 52,
        "day" | "days" | "jour" | "jours" | "día" | "días" | "dia" | "dias" => 360,
        _ => return None,
    };
    let years = number / Decimal::from(per_year);
    (years > Decimal::ZERO && years <= Decimal::from(100)).then(|| years.round_dp(2).normalize())
}

/// The people of the corridor between the parties: for each kind of worker (migrant, posted)
/// and direction, the latest year's figure, added up. Pensioners abroad are left out: they
/// already draw their pensions.
pub fn corridor_people(figures: &[CorridorFigure]) -> u64 {
    let mut latest: std::collections::BTreeMap<(u8, &str, &str), (i32, u32)> =
        std::collections::BTreeMap::new();
    for figure in figures {
        let kind = match figure.kind {
            CorridorKind::MigrantWorkers => 0,
            CorridorKind::PostedWorkers => 1,
            CorridorKind::PensionersAbroad => continue,
        };
        let Some(count) = figure.count else { continue };
        let year = figure.year.unwrap_or(i32::MIN);
        let entry = latest
            .entry((kind, figure.from.as_str(), figure.to.as_str()))
            .or_insert((year, count));
        if year > entry.0 {
            *entry = (year, count);
        }
    }
    latest.values().map(|(_, count)| u64::from(*count)).sum()
}

/// One party's yearly cost in the corridor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PartyCost {
    pub code: String,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub without_agreement: Decimal,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub with_agreement: Decimal,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub difference: Decimal,
}

/// The corridor cost estimate and the assumptions it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CorridorEstimate {
    pub people: u64,
    /// Whether `people` is the team's own figure rather than the feasibility study's.
    pub people_entered: bool,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub take_up_percent: Decimal,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub beneficiaries: Decimal,
    pub payments_per_year: u32,
    /// Each career's share of the beneficiaries, in percent (the weights shared out).
    pub mix: Vec<CareerShare>,
    pub parties: Vec<PartyCost>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CareerShare {
    pub name: String,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub percent: Decimal,
}

/// The yearly cost per party: beneficiaries (people × take-up) shared out over the careers by
/// their weights, each paid that career's benefit `payments_per_year` times. `None` when the
/// figures are too large to be computed exactly (beyond 28 digits: no real corridor).
pub fn estimate(
    setup: &SimulationSetup,
    outcomes: &[Outcome],
    feasibility_people: u64,
) -> Option<CorridorEstimate> {
    let people = setup
        .corridor
        .people
        .map(u64::from)
        .unwrap_or(feasibility_people);
    let beneficiaries = Decimal::from(people) * setup.corridor.take_up_percent / Decimal::from(100);
    let weights: Decimal = setup.careers.iter().map(|c| c.share).sum();
    let fraction = |share: Decimal| {
        if weights.is_zero() {
            Decimal::ZERO
        } else {
            share / weights
        }
    };
    let payments = Decimal::from(setup.corridor.payments_per_year);
    let parties = setup
        .parties
        .iter()
        .map(|rules| {
            let (mut without, mut with) = (Decimal::ZERO, Decimal::ZERO);
            for (career, outcome) in setup.careers.iter().zip(outcomes) {
                let Some(figures) = outcome.parties.iter().find(|p| p.code == rules.code) else {
                    continue;
                };
                let people = beneficiaries
                    .checked_mul(fraction(career.share))?
                    .checked_mul(payments)?;
                without = without.checked_add(people.checked_mul(figures.without_agreement)?)?;
                with = with.checked_add(people.checked_mul(figures.with_agreement)?)?;
            }
            let (without, with) = (cents(without), cents(with));
            Some(PartyCost {
                code: rules.code.clone(),
                without_agreement: without,
                with_agreement: with,
                difference: with.checked_sub(without)?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(CorridorEstimate {
        people,
        people_entered: setup.corridor.people.is_some(),
        take_up_percent: setup.corridor.take_up_percent,
        beneficiaries: beneficiaries.round_dp(2).normalize(),
        payments_per_year: setup.corridor.payments_per_year,
        mix: setup
            .careers
            .iter()
            .map(|c| CareerShare {
                name: c.name.clone(),
                percent: (fraction(c.share) * Decimal::from(100))
                    .round_dp(2)
                    .normalize(),
            })
            .collect(),
        parties,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulation::simulate;

    #[test]
    fn the_example_setup_makes_the_method_matter_and_costs_add_up() {
        let setup = SimulationSetup::example_for(&["XA", "XB"], crate::simulation::Language::En);
        assert!(setup.validate(&["XA", "XB"]).is_empty());
        let run = |method| {
            let terms = DraftTerms {
                method,
                minimum_period_months: Some(12),
                covered: true,
            };
            setup
                .careers
                .iter()
                .map(|c| simulate(&setup.case_for(c, &terms)).unwrap())
                .collect::<Vec<_>>()
        };
        let pro_rata = run(Method::ProRata);
        let higher = run(Method::HigherOf);
        // 20 years at home: XA's independent 200 + 20 × 10 = 400 beats 500 × 20 ÷ 30 = 333.33.
        assert_eq!(
            pro_rata[1].parties[0].with_agreement,
            "333.33".parse().unwrap()
        );
        assert_eq!(
            higher[1].parties[0].with_agreement,
            "400.00".parse().unwrap()
        );

        let mut setup = setup;
        setup.corridor.people = Some(1000);
        let estimate = estimate(&setup, &higher, 0).unwrap();
        // 100 beneficiaries, 40 % of them on career 2, 12 payments: XA's share of career 2 is
        // 40 × 12 × 400.00 = 192,000.00 with the agreement.
        assert_eq!(estimate.beneficiaries, Decimal::from(100));
        let xa = &estimate.parties[0];
        let expected: Decimal = [0usize, 1, 2]
            .iter()
            .map(|c| {
                Decimal::from([30, 40, 30][*c])
                    * Decimal::from(12)
                    * higher[*c].parties[0].with_agreement
            })
            .sum();
        assert_eq!(xa.with_agreement, cents(expected));
    }

    #[test]
    fn qualifying_periods_are_read_from_the_study_in_three_languages() {
        let years = |text: &str| qualifying_years_from_text(text).map(|d| d.to_string());
        assert_eq!(years("15 years of contributions").as_deref(), Some("15"));
        assert_eq!(years("180 mois de cotisation").as_deref(), Some("15"));
        assert_eq!(years("Mínimo 520 semanas cotizadas").as_deref(), Some("10"));
        assert_eq!(years("2,5 años").as_deref(), Some("2.5"));
        assert_eq!(years("at least 40 quarters").as_deref(), Some("10"));
        assert_eq!(years("contributions for life"), None);
        assert_eq!(years("15 points"), None);
        assert_eq!(years("9999 years"), None);
    }

    #[test]
    fn corridor_people_take_the_latest_year_of_workers_only() {
        let figure = |kind, from: &str, count, year| CorridorFigure {
            id: format!("{from}{year}"),
            kind,
            from: from.into(),
            to: "XB".into(),
            count: Some(count),
            year: Some(year),
            source: String::new(),
            note: String::new(),
        };
        let figures = vec![
            figure(CorridorKind::MigrantWorkers, "XA", 30_000, 2020),
            figure(CorridorKind::MigrantWorkers, "XA", 40_000, 2024),
            figure(CorridorKind::PostedWorkers, "XA", 2_000, 2024),
            figure(CorridorKind::PensionersAbroad, "XA", 9_000, 2024),
        ];
        assert_eq!(corridor_people(&figures), 42_000);
    }

    #[test]
    fn problems_name_their_fields() {
        let mut setup =
            SimulationSetup::example_for(&["XA", "XB"], crate::simulation::Language::En);
        setup.careers[1].periods[0].amount = Decimal::from(-3);
        setup.parties[0].qualifying = Decimal::from(-1);
        let fields: Vec<String> = setup
            .validate(&["XA", "XB"])
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert!(
            fields.contains(&"simulation.careers[1].periods[0].amount".to_string()),
            "{fields:?}"
        );
        assert!(
            fields.contains(&"simulation.parties[0].qualifying".to_string()),
            "{fields:?}"
        );
    }
}
