//! The benefit simulator of a negotiation: the parties' national rules and sample careers
//! (kept in the feasibility study's `simulation`), simulated under the draft agreement's own
//! terms, and the corridor cost estimate.
//!
//! Contract:
//! - The draft decides the terms ([`Workbench::draft_terms`]): the pension method
//!   (`pension.method`: pro rata, or the higher of independent and pro rata) for every party,
//!   the minimum-period rule (`pension.min_period` months, while the draft has the article
//!   `M3.2.min`) and whether pensions are covered (`branch.pensions`). Nothing of these is
//!   stored with the simulation, so a change of the draft changes every result at once.
//! - A negotiation whose simulator was never saved shows example rules
//!   ([`SimulationSetup::example_for`]) and says so (`isExample`).
//! - [`Workbench::save_simulation`] validates and stores an edited setup and answers its
//!   results, refusing with every problem's field and changing nothing. Explanations come
//!   worded in the language asked for.

use serde::{Deserialize, Serialize};
use specta::Type;
use ssa_core::documents::feasibility::Feasibility;
use ssa_core::simulation::setup::{
    corridor_people, estimate, CorridorEstimate, DraftTerms, SimulationSetup,
};
use ssa_core::simulation::{render_line, simulate, Language, Method, Outcome};
use ssa_core::template::{render, DocumentNode, Value};
use ssa_store::StepDocument;

use crate::documents::{flag_value, parties_of, party_codes, refused};
use crate::dto::{FieldProblemDto, PartyDto};
use crate::{ApiError, ErrorCode, Workbench};

/// The draft's parameters and article the simulation reads.
pub const METHOD_PARAMETER: &str = "pension.method";
pub const MIN_PERIOD_PARAMETER: &str = "pension.min_period";
pub const MIN_PERIOD_ARTICLE: &str = "M3.2.min";
pub const PENSIONS_FLAG: &str = "branch.pensions";

/// The draft's method choices and the simulator's method they mean.
fn method_of(choice: &str) -> Option<Method> {
    match choice {
        "pro_rata" => Some(Method::ProRata),
        "independent_or_higher" => Some(Method::HigherOf),
        _ => None,
    }
}

fn choice_of(method: Method) -> Option<&'static str> {
    match method {
        Method::ProRata => Some("pro_rata"),
        Method::HigherOf => Some("independent_or_higher"),
        Method::Direct => None,
    }
}

/// The draft's terms, and where they come from.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DraftTermsDto {
    pub terms: DraftTerms,
    /// Whether a draft agreement exists (else the model template's defaults apply).
    pub has_draft: bool,
    /// The article that states the method, as numbered in the draft ("Article 27").
    pub method_article: Option<String>,
}

/// One sample career's result.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CareerResultDto {
    pub name: String,
    pub outcome: Outcome,
    /// Per party (in the outcome's order), the explanation lines worded in the language asked.
    pub explanation: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SimulationDto {
    pub negotiation_id: String,
    pub parties: Vec<PartyDto>,
    pub setup: SimulationSetup,
    /// The setup is the example one: the team has not saved its own rules yet.
    pub is_example: bool,
    /// In the example, the parties whose qualifying period comes from the feasibility study.
    pub qualifying_from_study: Vec<String>,
    pub draft: DraftTermsDto,
    /// People in the corridor according to the feasibility study's figures.
    pub feasibility_people: u32,
    /// Empty while `problems` is not.
    pub careers: Vec<CareerResultDto>,
    pub estimate: Option<CorridorEstimate>,
    pub problems: Vec<FieldProblemDto>,
}

/// A career file's result for the command line.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CareerFileResult {
    pub terms: DraftTerms,
    pub outcome: Outcome,
}

fn find_node<'d>(nodes: &'d [DocumentNode], id: &str) -> Option<&'d DocumentNode> {
    nodes.iter().find_map(|node| {
        if node.id == id {
            Some(node)
        } else {
            find_node(&node.children, id)
        }
    })
}

impl Workbench {
    /// What the draft (or, without one, the model) decides for the simulation.
    pub fn draft_terms(&self, id: &str) -> Result<DraftTermsDto, ApiError> {
        let (template, draft, has_draft) = self.agreement_or_model(id)?;
        let value = |name: &str| {
            draft
                .values
                .get(name)
                .or(template.parameter(name).and_then(|p| p.default.as_ref()))
                .cloned()
        };
        let method = match value(METHOD_PARAMETER) {
            Some(Value::Text(choice)) => method_of(&choice).unwrap_or_default(),
            _ => Method::ProRata,
        };
        let document = render(&template, &draft);
        let minimum_period_months = match value(MIN_PERIOD_PARAMETER) {
            Some(Value::Number(months))
                if find_node(&document.nodes, MIN_PERIOD_ARTICLE).is_some() =>
            {
                u32::try_from(months).ok()
            }
            _ => None,
        };
        let covered = flag_value(&template, &draft, PENSIONS_FLAG).unwrap_or(true);
        let method_article = find_node(&document.nodes, "M3.2.calc").and_then(|n| n.label.clone());
        Ok(DraftTermsDto {
            terms: DraftTerms {
                method,
                minimum_period_months,
                covered,
            },
            has_draft,
            method_article,
        })
    }

    /// Sets the draft's pension method (the same edit as in the agreement view, in the draft's
    /// history). The direct method is not a choice of the model agreement and is refused.
    pub fn set_draft_method(
        &mut self,
        id: &str,
        method: Method,
    ) -> Result<DraftTermsDto, ApiError> {
        let Some(choice) = choice_of(method) else {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                "The draft agreement offers pro rata or the higher of the independent benefit and the pro-rata amount.",
            ));
        };
        let Some(base) = self.get_draft(id)? else {
            return Err(ApiError::new(
                ErrorCode::NotFound,
                "There is no draft agreement yet: start it to choose its method.",
            ));
        };
        let template = self.load_template(&base.template_id, &base.template_version)?;
        let mut draft = base.clone();
        let default = template
            .parameter(METHOD_PARAMETER)
            .and_then(|p| p.default.clone());
        let value = Value::Text(choice.to_string());
        if default.as_ref() == Some(&value) {
            draft.values.remove(METHOD_PARAMETER);
        } else {
            draft.values.insert(METHOD_PARAMETER.to_string(), value);
        }
        if draft != base {
            let outcome = self
                .store
                .save_draft_edit(id, &base, &draft, self.clock.now())?;
            self.edit_outcome(id, outcome, &base)?;
        }
        self.draft_terms(id)
    }

    fn stored_setup(&self, id: &str) -> Result<(Feasibility, bool), ApiError> {
        let feasibility: Feasibility = self
            .store
            .get_step_document(StepDocument::Feasibility, id)?
            .unwrap_or_default();
        let saved = feasibility.simulation != SimulationSetup::default();
        Ok((feasibility, saved))
    }

    /// The simulator on its stored setup (or the example one).
    pub fn simulation_view(&self, id: &str, language: &str) -> Result<SimulationDto, ApiError> {
        let negotiation = self.negotiation(id)?;
        let (feasibility, saved) = self.stored_setup(id)?;
        let (setup, from_study) = if saved {
            (feasibility.simulation.clone(), Vec::new())
        } else {
            SimulationSetup::example_from_study(
                &party_codes(&negotiation),
                Language::from_code(language),
                &feasibility.schemes,
            )
        };
        let mut view = self.simulation_of(id, setup, !saved, &feasibility, language)?;
        view.qualifying_from_study = from_study;
        Ok(view)
    }

    /// Validates and saves the setup; a refused one changes nothing.
    pub fn save_simulation(
        &mut self,
        id: &str,
        setup: &SimulationSetup,
        language: &str,
    ) -> Result<SimulationDto, ApiError> {
        let negotiation = self.negotiation(id)?;
        let problems = setup.validate(&party_codes(&negotiation));
        if !problems.is_empty() {
            return Err(refused("simulation", problems));
        }
        let (mut feasibility, _) = self.stored_setup(id)?;
        feasibility.simulation = setup.clone();
        self.store.put_step_document(
            StepDocument::Feasibility,
            id,
            &feasibility,
            self.clock.now(),
        )?;
        self.simulation_view(id, language)
    }

    fn simulation_of(
        &self,
        id: &str,
        setup: SimulationSetup,
        is_example: bool,
        feasibility: &Feasibility,
        language: &str,
    ) -> Result<SimulationDto, ApiError> {
        let negotiation = self.negotiation(id)?;
        let draft = self.draft_terms(id)?;
        let problems = setup.validate(&party_codes(&negotiation));
        let feasibility_people = corridor_people(&feasibility.corridor);
        let language = Language::from_code(language);
        let mut careers = Vec::new();
        let mut estimate_result = None;
        if problems.is_empty() {
            let mut outcomes = Vec::with_capacity(setup.careers.len());
            for career in &setup.careers {
                // Validated above, so the case simulates.
                let outcome = simulate(&setup.case_for(career, &draft.terms)).map_err(|p| {
                    ApiError::new(ErrorCode::InvalidInput, format!("{:?}", p.first()))
                })?;
                careers.push(CareerResultDto {
                    name: career.name.clone(),
                    explanation: outcome
                        .parties
                        .iter()
                        .map(|p| {
                            p.explanation
                                .iter()
                                .map(|l| render_line(l, language))
                                .collect()
                        })
                        .collect(),
                    outcome: outcome.clone(),
                });
                outcomes.push(outcome);
            }
            estimate_result = estimate(&setup, &outcomes, feasibility_people);
        }
        Ok(SimulationDto {
            negotiation_id: id.to_string(),
            parties: parties_of(&negotiation),
            setup,
            is_example,
            qualifying_from_study: Vec::new(),
            draft,
            feasibility_people: u32::try_from(feasibility_people).unwrap_or(u32::MAX),
            careers,
            estimate: estimate_result,
            problems: problems.into_iter().map(Into::into).collect(),
        })
    }

    /// A career file (`ssa-simulation/1` with periods only) simulated under the negotiation's
    /// saved rules (or the example ones) and its draft's terms; problems name their lines.
    pub fn simulate_career_file(&self, id: &str, text: &str) -> Result<CareerFileResult, ApiError> {
        let negotiation = self.negotiation(id)?;
        let (feasibility, saved) = self.stored_setup(id)?;
        let setup = if saved {
            feasibility.simulation
        } else {
            SimulationSetup::example_from_study(
                &party_codes(&negotiation),
                Language::En,
                &feasibility.schemes,
            )
            .0
        };
        let terms = self.draft_terms(id)?.terms;
        let empty = ssa_core::simulation::setup::SampleCareer {
            name: String::new(),
            career_years: None,
            periods: Vec::new(),
            share: ssa_core::simulation::Decimal::ZERO,
        };
        let base = setup.case_for(&empty, &terms);
        let case =
            ssa_core::simulation::case_file::parse_career(text, &base).map_err(|problems| {
                let mut error = ApiError::new(
                    ErrorCode::InvalidInput,
                    "The career file was not read; nothing was simulated.",
                );
                error.problems = problems
                    .into_iter()
                    .map(|p| FieldProblemDto {
                        field: format!("line {}", p.line),
                        message: p.message,
                    })
                    .collect();
                error
            })?;
        let outcome = simulate(&case)
            .map_err(|p| ApiError::new(ErrorCode::InvalidInput, format!("{:?}", p.first())))?;
        Ok(CareerFileResult { terms, outcome })
    }
}
