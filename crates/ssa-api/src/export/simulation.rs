//! The simulation PDF's input, from the simulator's view ([`Workbench::simulation_view`]):
//! the draft's terms, each career's figures and explanation, the corridor estimate. The words
//! around the figures are here in English, French and Spanish; the explanation lines come
//! worded by ssa-core (the one catalogue of them), money in the reader's number format.

use ssa_core::simulation::explain::{money, quantity};
use ssa_core::simulation::{Decimal, Language, Method};
use ssa_pdf::simulation::{
    CareerSection, CorridorSection, FigureRow, SimulationInput, SimulationLabels,
};

use super::words::Words;
use crate::simulation::SimulationDto;
use crate::{ApiError, Workbench};

struct SimulationWords {
    labels: [&'static str; 13],
    method: &'static str,
    pro_rata: &'static str,
    higher_of: &'static str,
    direct: &'static str,
    minimum: &'static str,
    minimum_months: &'static str,
    none: &'static str,
    pensions: &'static str,
    covered: &'static str,
    not_covered: &'static str,
    people: &'static str,
    source_feasibility: &'static str,
    source_entered: &'static str,
    take_up: &'static str,
    mix: &'static str,
    payments: &'static str,
    steady: &'static str,
    example: &'static str,
}

const EN: SimulationWords = SimulationWords {
    labels: [
        "Benefit simulation",
        "Under the draft agreement",
        "Party",
        "Without the agreement",
        "With the agreement",
        "Difference",
        "All parties",
        "How each figure is computed",
        "Corridor cost estimate",
        "Yearly cost without the agreement",
        "Yearly cost with the agreement",
        "Additional yearly cost",
        "Assumptions",
    ],
    method: "Pension calculation method",
    pro_rata: "pro rata of the theoretical amount",
    higher_of: "the higher of the independent benefit and the pro-rata amount",
    direct: "direct (own periods only)",
    minimum: "Minimum period",
    minimum_months: "{} months",
    none: "none",
    pensions: "Pensions",
    covered: "covered by the draft",
    not_covered: "left out of the draft",
    people: "{} people in the corridor ({}).",
    source_feasibility: "the feasibility study's latest figures of migrant and posted workers",
    source_entered: "the team's own figure",
    take_up: "{} % of them claim a pension: {} pensioners.",
    mix: "They share out over the sample careers by weight: {}.",
    payments: "{} payments a year of the amounts simulated.",
    steady: "Amounts as simulated today, with no indexation, mortality or discounting.",
    example:
        "The national rules are the simulator's examples: the team has not entered its own yet.",
};

const FR: SimulationWords = SimulationWords {
    labels: [
        "Simulation des prestations",
        "Selon le projet d'accord",
        "Partie",
        "Sans l'accord",
        "Avec l'accord",
        "Écart",
        "Toutes les Parties",
        "Comment chaque montant est calculé",
        "Estimation du coût pour le corridor",
        "Coût annuel sans l'accord",
        "Coût annuel avec l'accord",
        "Coût annuel supplémentaire",
        "Hypothèses",
    ],
    method: "Méthode de calcul des pensions",
    pro_rata: "le prorata du montant théorique",
    higher_of: "le plus élevé de la prestation autonome et du montant au prorata",
    direct: "directe (périodes propres seulement)",
    minimum: "Période minimale",
    minimum_months: "{} mois",
    none: "aucune",
    pensions: "Pensions",
    covered: "couvertes par le projet",
    not_covered: "exclues du projet",
    people: "{} personnes dans le corridor ({}).",
    source_feasibility: "derniers chiffres des travailleurs migrants et détachés de l'étude de faisabilité",
    source_entered: "chiffre saisi par l'équipe",
    take_up: "{} % d'entre elles demandent une pension : {} pensionnés.",
    mix: "Elles se répartissent entre les carrières types selon leur poids : {}.",
    payments: "{} versements par an des montants simulés.",
    steady: "Montants tels que simulés aujourd'hui, sans revalorisation, mortalité ni actualisation.",
    example: "Les règles nationales sont les exemples du simulateur : l'équipe n'a pas encore saisi les siennes.",
};

const ES: SimulationWords = SimulationWords {
    labels: [
        "Simulación de las prestaciones",
        "Según el proyecto de convenio",
        "Parte",
        "Sin el convenio",
        "Con el convenio",
        "Diferencia",
        "Todas las Partes",
        "Cómo se calcula cada cifra",
        "Estimación del costo para el corredor",
        "Costo anual sin el convenio",
        "Costo anual con el convenio",
        "Costo anual adicional",
        "Hipótesis",
    ],
    method: "Método de cálculo de las pensiones",
    pro_rata: "la prorrata de la cuantía teórica",
    higher_of: "la mayor entre la prestación independiente y la cuantía a prorrata",
    direct: "directo (solo períodos propios)",
    minimum: "Período mínimo",
    minimum_months: "{} meses",
    none: "ninguno",
    pensions: "Pensiones",
    covered: "cubiertas por el proyecto",
    not_covered: "excluidas del proyecto",
    people: "{} personas en el corredor ({}).",
    source_feasibility: "últimas cifras de trabajadores migrantes y desplazados del estudio de viabilidad",
    source_entered: "cifra introducida por el equipo",
    take_up: "El {} % de ellas solicita una pensión: {} pensionistas.",
    mix: "Se reparten entre las carreras tipo según su peso: {}.",
    payments: "{} pagos al año de las cuantías simuladas.",
    steady: "Cuantías tal como se simulan hoy, sin revalorización, mortalidad ni actualización.",
    example: "Las reglas nacionales son los ejemplos del simulador: el equipo aún no ha introducido las suyas.",
};

/// Fills `{}` holes in order.
fn fill(template: &str, values: &[String]) -> String {
    let mut out = String::new();
    let mut rest = template;
    for value in values {
        match rest.find("{}") {
            Some(at) => {
                out.push_str(&rest[..at]);
                out.push_str(value);
                rest = &rest[at + 2..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

impl Workbench {
    pub(crate) fn prepare_simulation(
        &self,
        negotiation_id: &str,
        language: &str,
    ) -> Result<SimulationInput, ApiError> {
        let negotiation = self.get_negotiation(negotiation_id)?;
        let view = self.simulation_view(negotiation_id, language)?;
        let words = Words::of(language);
        let date = words.long_date(self.clock.now().date_naive());
        Ok(simulation_input(
            &view,
            negotiation.title,
            date,
            language,
            words.page_of,
            self.clock.now().timestamp(),
        ))
    }
}

pub(crate) fn simulation_input(
    view: &SimulationDto,
    negotiation: String,
    date: String,
    language: &str,
    page_of: &str,
    created_unix: i64,
) -> SimulationInput {
    let lang = Language::from_code(language);
    let w = match lang {
        Language::En => &EN,
        Language::Fr => &FR,
        Language::Es => &ES,
    };
    let currency = view.setup.currency.trim();
    let cash = |value: Decimal| {
        if currency.is_empty() {
            money(value, lang)
        } else {
            format!("{} {currency}", money(value, lang))
        }
    };
    let name = |code: &str| {
        view.parties
            .iter()
            .find(|p| p.iso_code == code)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| code.to_string())
    };
    let terms = view.draft.terms;
    // French puts a space before the colon.
    let colon = if lang == Language::Fr { " :" } else { ":" };
    let mut term_lines = vec![
        format!(
            "{}{colon} {}",
            w.method,
            match terms.method {
                Method::ProRata => w.pro_rata,
                Method::HigherOf => w.higher_of,
                Method::Direct => w.direct,
            }
        ),
        format!(
            "{}{colon} {}",
            w.minimum,
            terms
                .minimum_period_months
                .map(|m| fill(w.minimum_months, &[m.to_string()]))
                .unwrap_or_else(|| w.none.to_string())
        ),
        format!(
            "{}{colon} {}",
            w.pensions,
            if terms.covered {
                w.covered
            } else {
                w.not_covered
            }
        ),
    ];
    if view.is_example {
        term_lines.push(w.example.to_string());
    }
    let [subject, terms_label, party, without, with, difference, total, explanation, corridor, yearly_without, yearly_with, yearly_extra, assumptions] =
        w.labels;
    let careers = view
        .careers
        .iter()
        .map(|career| CareerSection {
            name: career.name.clone(),
            rows: career
                .outcome
                .parties
                .iter()
                .map(|p| FigureRow {
                    party: name(&p.code),
                    without: cash(p.without_agreement),
                    with: cash(p.with_agreement),
                    difference: cash(p.difference),
                })
                .collect(),
            total: FigureRow {
                party: total.to_string(),
                without: cash(career.outcome.total_without),
                with: cash(career.outcome.total_with),
                difference: cash(career.outcome.total_difference),
            },
            explanation: career
                .outcome
                .parties
                .iter()
                .zip(&career.explanation)
                .map(|(p, lines)| (name(&p.code), lines.clone()))
                .collect(),
        })
        .collect();
    let corridor_section = view.estimate.as_ref().map(|estimate| CorridorSection {
        rows: estimate
            .parties
            .iter()
            .map(|p| FigureRow {
                party: name(&p.code),
                without: cash(p.without_agreement),
                with: cash(p.with_agreement),
                difference: cash(p.difference),
            })
            .collect(),
        assumptions: vec![
            fill(
                w.people,
                &[
                    quantity(Decimal::from(estimate.people), lang),
                    if estimate.people_entered {
                        w.source_entered
                    } else {
                        w.source_feasibility
                    }
                    .to_string(),
                ],
            ),
            fill(
                w.take_up,
                &[
                    quantity(estimate.take_up_percent, lang),
                    quantity(estimate.beneficiaries, lang),
                ],
            ),
            fill(
                w.mix,
                &[estimate
                    .mix
                    .iter()
                    .map(|m| format!("{} {} %", m.name, quantity(m.percent, lang)))
                    .collect::<Vec<_>>()
                    .join(", ")],
            ),
            fill(w.payments, &[estimate.payments_per_year.to_string()]),
            w.steady.to_string(),
        ],
    });
    SimulationInput {
        negotiation,
        status: date.clone(),
        date,
        terms: term_lines,
        careers,
        corridor: corridor_section,
        language: language.to_string(),
        created_unix,
        labels: SimulationLabels {
            subject: subject.into(),
            terms: terms_label.into(),
            party: party.into(),
            without: without.into(),
            with: with.into(),
            difference: difference.into(),
            total: total.into(),
            explanation: explanation.into(),
            corridor: corridor.into(),
            yearly_without: yearly_without.into(),
            yearly_with: yearly_with.into(),
            yearly_extra: yearly_extra.into(),
            assumptions: assumptions.into(),
            page_of: page_of.into(),
        },
    }
}
