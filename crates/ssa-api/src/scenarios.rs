//! Scenarios for workshop mode: the shipped ones, imported files and a trainer's own.
//!
//! Like templates, the shipped scenarios are compiled in and added to the store at every start
//! (once per id and version). An import validates the whole file first (syntax, the format's
//! rules and every reference into its model template, each problem with its line) and stores
//! nothing when it has one; a stored scenario is never replaced.

use serde::{Deserialize, Serialize};
use specta::Type;
use ssa_core::scenario::{ModelRef, Scenario, ScenarioFileError};
use ssa_core::template::Template;
use ssa_store::{StoredScenario, TemplateOrigin};

use crate::dto::FieldProblemDto;
use crate::{ApiError, ErrorCode, Workbench};

/// The scenarios shipped in `assets/scenarios/`, as (file name, text).
pub const SHIPPED_SCENARIOS: &[(&str, &str)] = &[
    (
        "marisol-eldmark-bilateral.toml",
        include_str!("../../../assets/scenarios/marisol-eldmark-bilateral.toml"),
    ),
    (
        "coral-coast-regional.toml",
        include_str!("../../../assets/scenarios/coral-coast-regional.toml"),
    ),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ScenarioTeamDto {
    pub id: String,
    /// "A", as handouts and the command line name the team.
    pub letter: String,
    pub name: String,
    pub country: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ScenarioSummaryDto {
    pub id: String,
    pub version: String,
    /// In the language asked for, or English when the scenario is not written in it.
    pub title: String,
    pub summary: String,
    pub languages: Vec<String>,
    /// "shipped", "imported" or "derived".
    pub origin: String,
    pub model: String,
    pub countries: Vec<String>,
    pub teams: Vec<ScenarioTeamDto>,
    pub rounds: u32,
    pub minutes: u32,
}

fn summary(scenario: &Scenario, origin: TemplateOrigin, language: &str) -> ScenarioSummaryDto {
    ScenarioSummaryDto {
        id: scenario.id.clone(),
        version: scenario.version.clone(),
        title: scenario.title.get(language).to_string(),
        summary: scenario.summary.get(language).to_string(),
        languages: scenario.languages.clone(),
        origin: origin.as_str().to_string(),
        model: scenario.model.template.get_ref().clone(),
        countries: scenario
            .countries
            .iter()
            .map(|c| c.name.get(language).to_string())
            .collect(),
        teams: scenario
            .teams
            .iter()
            .map(|t| ScenarioTeamDto {
                id: t.id().to_string(),
                letter: t.letter(),
                name: t.name.get(language).to_string(),
                country: t.country.clone(),
            })
            .collect(),
        rounds: scenario.rounds.len() as u32,
        minutes: scenario.rounds.iter().map(|r| r.minutes).sum(),
    }
}

/// A scenario file's problems as an [`ApiError`]: the message lists each with its line.
pub(crate) fn scenario_error(error: ScenarioFileError) -> ApiError {
    let problems = error.problems();
    let mut api_error = ApiError::new(
        ErrorCode::InvalidInput,
        match &error {
            ScenarioFileError::Invalid { origin, .. } => format!(
                "{origin} has {} problem(s); nothing was stored:\n{}",
                problems.len(),
                problems
                    .iter()
                    .map(|p| format!("  {p}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
            other => format!("{other}; nothing was stored."),
        },
    );
    api_error.problems = problems
        .iter()
        .map(|p| FieldProblemDto {
            field: p.location.clone(),
            message: p.to_string(),
        })
        .collect();
    api_error
}

impl Workbench {
    /// The template a scenario drafts from, if this workbench has it.
    fn scenario_model(&self, model: &ModelRef) -> Option<Template> {
        let id = model.template.get_ref();
        let version = match &model.version {
            Some(version) => version.clone(),
            None => self.latest_template_version(id).ok()?,
        };
        self.load_template(id, &version).ok()
    }

    /// Parses and validates a scenario file against this workbench's templates.
    pub fn validate_scenario(&self, origin: &str, text: &str) -> Result<Scenario, ApiError> {
        Scenario::parse(origin, text, &|model| self.scenario_model(model)).map_err(scenario_error)
    }

    pub(crate) fn seed_shipped_scenarios(&mut self) -> Result<(), ApiError> {
        let now = self.clock.now();
        for (file, text) in SHIPPED_SCENARIOS {
            let scenario = self.validate_scenario(file, text)?;
            self.store.add_scenario_if_missing(&StoredScenario {
                id: scenario.id.clone(),
                version: scenario.version.clone(),
                title: scenario.title.en.clone(),
                origin: TemplateOrigin::Shipped,
                source: text.to_string(),
                created_at: now,
            })?;
        }
        Ok(())
    }

    pub fn list_scenarios(&self, language: &str) -> Result<Vec<ScenarioSummaryDto>, ApiError> {
        self.store
            .list_scenarios()?
            .into_iter()
            .map(|stored| {
                let scenario = self.parse_stored_scenario(&stored)?;
                Ok(summary(&scenario, stored.origin, language))
            })
            .collect()
    }

    fn parse_stored_scenario(&self, stored: &StoredScenario) -> Result<Scenario, ApiError> {
        self.validate_scenario(
            &format!("stored scenario {} {}", stored.id, stored.version),
            &stored.source,
        )
    }

    /// A stored scenario and its file text; the newest version when none is given.
    pub fn load_scenario(
        &self,
        id: &str,
        version: Option<&str>,
    ) -> Result<(Scenario, String), ApiError> {
        let stored = match version {
            Some(version) => self.store.get_scenario(id, version)?,
            None => self
                .store
                .list_scenarios()?
                .into_iter()
                .filter(|s| s.id == id)
                .max_by(|a, b| ssa_core::process::compare_versions(&a.version, &b.version)),
        }
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!("There is no scenario \"{id}\" here; `ssa scenario list` shows those there are."),
            )
        })?;
        let scenario = self.parse_stored_scenario(&stored)?;
        Ok((scenario, stored.source))
    }

    /// Imports a scenario file: validated in full, stored only without problems, never
    /// replacing a stored scenario with the same id and version.
    pub fn import_scenario(
        &mut self,
        origin: &str,
        text: &str,
        language: &str,
    ) -> Result<ScenarioSummaryDto, ApiError> {
        let scenario = self.validate_scenario(origin, text)?;
        if self
            .store
            .get_scenario(&scenario.id, &scenario.version)?
            .is_some()
        {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!(
                    "{origin}: a scenario \"{}\" version {} is already stored. Change the id (your own scenario) or the version in the file to import it; nothing was stored.",
                    scenario.id, scenario.version
                ),
            ));
        }
        self.store.add_scenario_if_missing(&StoredScenario {
            id: scenario.id.clone(),
            version: scenario.version.clone(),
            title: scenario.title.en.clone(),
            origin: TemplateOrigin::Imported,
            source: text.to_string(),
            created_at: self.clock.now(),
        })?;
        Ok(summary(&scenario, TemplateOrigin::Imported, language))
    }

    pub fn import_scenario_file(
        &mut self,
        path: &std::path::Path,
        language: &str,
    ) -> Result<ScenarioSummaryDto, ApiError> {
        let (name, text) = crate::files::read_for_import(
            path,
            ssa_core::limits::MAX_SCENARIO_BYTES,
            "scenario file",
        )?;
        self.import_scenario(&name, &text, language)
    }

    /// The scenario's file as stored, comments kept: a trainer edits it into one of their own.
    pub fn export_scenario(&self, id: &str, version: Option<&str>) -> Result<String, ApiError> {
        Ok(self.load_scenario(id, version)?.1)
    }

    pub fn export_scenario_file(
        &self,
        id: &str,
        version: Option<&str>,
        path: &std::path::Path,
    ) -> Result<(), ApiError> {
        let text = self.export_scenario(id, version)?;
        crate::files::write_atomically(path, text.as_bytes())
    }
}
