//! The debrief of a workshop, worded for the facilitator in the workshop's language: per
//! article what each group agreed against the model and each brief, the red lines held, the
//! points each team scored, and where groups converged (rules in
//! [`ssa_core::workshop::debrief`]).
//!
//! Particulars are named and their values written as the model template words them; in French
//! and Spanish the template's translation in `assets/templates/translations/` gives the
//! parameter labels, choice wordings and article headings (the English text where it has none).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use specta::Type;
use ssa_core::template::{months_text, ParameterType, Template, Value};
use ssa_core::workshop::debrief::{debrief, Convergence, Debrief, GroupFiles, Outcome};

use crate::workshop::{LoadedWorkshop, WorkshopSummaryDto};
use crate::{ApiError, Workbench};

/// Translations of the shipped models, as (template id, language, text).
const MODEL_WORDING: &[(&str, &str, &str)] = &[
    (
        "r167-annex1-bilateral",
        "fr",
        include_str!("../../../assets/templates/translations/r167-annex1-bilateral.fr.toml"),
    ),
    (
        "r167-annex1-bilateral",
        "es",
        include_str!("../../../assets/templates/translations/r167-annex1-bilateral.es.toml"),
    ),
    (
        "r167-annex2-coordination",
        "fr",
        include_str!("../../../assets/templates/translations/r167-annex2-coordination.fr.toml"),
    ),
    (
        "r167-annex2-coordination",
        "es",
        include_str!("../../../assets/templates/translations/r167-annex2-coordination.es.toml"),
    ),
];

/// How the model's particulars and headings read in one language.
pub(crate) struct ModelWording {
    template: Template,
    translation: Option<toml::Table>,
    /// "Article 7" per article id, as the model numbers it with its defaults.
    numbers: BTreeMap<String, String>,
    article_word: &'static str,
}

impl ModelWording {
    pub fn new(template: Template, language: &str) -> ModelWording {
        let translation = MODEL_WORDING
            .iter()
            .find(|(id, lang, _)| *id == template.id && *lang == language)
            .and_then(|(_, _, text)| text.parse::<toml::Table>().ok());
        let numbers = ssa_core::exchange::flatten(&ssa_core::template::render(
            &template,
            &ssa_core::template::Draft::of(&template),
        ))
        .into_iter()
        .filter_map(|node| node.number.map(|n| (node.id, n)))
        .collect();
        ModelWording {
            template,
            translation,
            numbers,
            article_word: crate::export::workshop_article_word(language),
        }
    }

    /// "Article 7 — Posted workers" in the language, as the model numbers it.
    pub fn article_name(&self, id: &str) -> String {
        let heading = self.heading(id);
        match (self.numbers.get(id), heading.is_empty()) {
            (Some(number), false) => format!("{} {number} — {heading}", self.article_word),
            (Some(number), true) => format!("{} {number}", self.article_word),
            (None, false) => heading,
            (None, true) => id.to_string(),
        }
    }

    fn translated(&self, table: &str, key: &str, field: &str) -> Option<&toml::Value> {
        self.translation.as_ref()?.get(table)?.get(key)?.get(field)
    }

    pub fn parameter_label(&self, name: &str) -> String {
        self.translated("parameters", name, "label")
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .or_else(|| self.template.parameter(name).map(|p| p.label.clone()))
            .unwrap_or_else(|| name.to_string())
    }

    pub fn heading(&self, node: &str) -> String {
        self.translated("nodes", node, "heading")
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .or_else(|| self.template.node(node).and_then(|n| n.heading.clone()))
            .unwrap_or_default()
    }

    /// A value as the agreement would word it ("24 months", "pro rata…").
    pub fn value_text(&self, name: &str, value: Option<&Value>, language: &str) -> String {
        let Some(value) = value else {
            return "—".into();
        };
        let parameter = self.template.parameter(name);
        match (value, parameter.map(|p| p.kind)) {
            (Value::Number(n), Some(ParameterType::Months)) => months_text(*n, language),
            (Value::Number(n), _) => n.to_string(),
            (Value::Text(choice), Some(ParameterType::Choice)) => self
                .translated("parameters", name, "choices")
                .and_then(|c| c.get(choice))
                .and_then(|v| v.as_str())
                .map(str::to_string)
                .or_else(|| {
                    parameter
                        .and_then(|p| p.choices.iter().find(|c| &c.value == choice))
                        .map(|c| c.text.clone())
                })
                .unwrap_or_else(|| choice.clone()),
            (Value::Text(text), _) => text.clone(),
            (Value::Flag(flag), _) => match (language, flag) {
                ("fr", true) => "oui",
                ("fr", false) => "non",
                ("es", true) => "sí",
                ("es", false) => "no",
                (_, true) => "yes",
                (_, false) => "no",
            }
            .into(),
            (other, _) => serde_json::to_string(other).unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeDto {
    Agreed,
    Open,
    NoFile,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ConvergenceDto {
    Converged,
    Diverged,
    Partly,
    NoneAgreed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DebriefTeamDto {
    pub team: String,
    pub letter: String,
    pub name: String,
    /// None: no checkable red line on this article, or no text came.
    pub red_line_held: Option<bool>,
    pub points: u32,
    pub points_possible: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DebriefGroupDto {
    pub group: u32,
    pub outcome: OutcomeDto,
    /// The particulars' values in the group's text, worded ("24 months").
    pub values: Vec<String>,
    pub left_out: bool,
    pub agreed_text: Option<String>,
    pub teams: Vec<DebriefTeamDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DebriefArticleDto {
    pub article: String,
    /// "Article 7 — Posted workers", or the heading alone before any file came.
    pub label: String,
    /// The particulars the briefs speak of, by their label.
    pub parameters: Vec<String>,
    pub model_values: Vec<String>,
    /// Per team: its preferred position and its red line on the article, in the briefs' words.
    pub briefs: Vec<BriefLineDto>,
    pub groups: Vec<DebriefGroupDto>,
    pub convergence: ConvergenceDto,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BriefLineDto {
    pub letter: String,
    pub preferred: String,
    pub red_line: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TeamTotalDto {
    pub team: String,
    pub letter: String,
    pub name: String,
    pub points: u32,
    pub points_possible: u32,
    pub red_lines_held: u32,
    pub red_lines: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct GroupTotalDto {
    pub group: u32,
    pub locked: bool,
    pub teams: Vec<TeamTotalDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DebriefDto {
    pub workshop: WorkshopSummaryDto,
    pub language: String,
    pub articles: Vec<DebriefArticleDto>,
    pub totals: Vec<GroupTotalDto>,
    pub questions: Vec<String>,
}

impl Workbench {
    pub(crate) fn model_of(&self, loaded: &LoadedWorkshop) -> Result<Template, ApiError> {
        let model = &loaded.scenario.model;
        let version = match &model.version {
            Some(v) => v.clone(),
            None => self.latest_template_version(model.template.get_ref())?,
        };
        self.load_template(model.template.get_ref(), &version)
    }

    pub(crate) fn compute_debrief(&self, loaded: &LoadedWorkshop) -> Debrief {
        let model_values: BTreeMap<String, Value> = self
            .model_of(loaded)
            .map(|t| {
                t.parameters
                    .iter()
                    .filter_map(|p| p.default.clone().map(|d| (p.name.clone(), d)))
                    .collect()
            })
            .unwrap_or_default();
        let groups: Vec<GroupFiles<'_>> = loaded
            .stored
            .file
            .groups
            .iter()
            .map(|g| GroupFiles {
                number: g.number,
                locked: loaded
                    .stored
                    .desk
                    .group(g.number)
                    .map(|s| s.locked_at.is_some())
                    .unwrap_or(false),
                latest: loaded.latest(g.number),
            })
            .collect();
        debrief(&loaded.scenario, &model_values, &groups)
    }

    /// The debrief of a workshop in `language` (the workshop's own when None).
    pub fn workshop_debrief(
        &self,
        id: &str,
        language: Option<&str>,
    ) -> Result<DebriefDto, ApiError> {
        let loaded = self.load_workshop(id)?;
        let language = language.unwrap_or(loaded.language()).to_string();
        let wording = ModelWording::new(self.model_of(&loaded)?, &language);
        let result = self.compute_debrief(&loaded);
        let file = &loaded.stored.file;
        let seat_name = |group: u32, team: &str| {
            file.groups
                .iter()
                .find(|g| g.number == group)
                .and_then(|g| g.teams.iter().find(|s| s.team == team))
                .map(|s| s.name.clone())
                .unwrap_or_else(|| team.to_uppercase())
        };
        let articles = result
            .articles
            .iter()
            .map(|article| {
                let label = wording.article_name(&article.article);
                DebriefArticleDto {
                    article: article.article.clone(),
                    label,
                    parameters: article
                        .parameters
                        .iter()
                        .map(|p| capitalised(&wording.parameter_label(p)))
                        .collect(),
                    model_values: article
                        .parameters
                        .iter()
                        .zip(&article.model_values)
                        .map(|(p, v)| wording.value_text(p, v.as_ref(), &language))
                        .collect(),
                    briefs: loaded
                        .scenario
                        .teams
                        .iter()
                        .filter_map(|team| {
                            team.instruction(&article.article).map(|i| BriefLineDto {
                                letter: team.letter(),
                                preferred: i.preferred.get(&language).to_string(),
                                red_line: i.red_line.get(&language).to_string(),
                            })
                        })
                        .collect(),
                    groups: article
                        .groups
                        .iter()
                        .map(|g| DebriefGroupDto {
                            group: g.group,
                            outcome: match g.outcome {
                                Outcome::Agreed => OutcomeDto::Agreed,
                                Outcome::Open => OutcomeDto::Open,
                                Outcome::NoFile => OutcomeDto::NoFile,
                            },
                            values: article
                                .parameters
                                .iter()
                                .zip(&g.values)
                                .map(|(p, v)| wording.value_text(p, v.as_ref(), &language))
                                .collect(),
                            left_out: g.left_out,
                            agreed_text: g.agreed_text.clone(),
                            teams: g
                                .teams
                                .iter()
                                .map(|t| DebriefTeamDto {
                                    team: t.team.clone(),
                                    letter: t.team.to_uppercase(),
                                    name: seat_name(g.group, &t.team),
                                    red_line_held: t.red_line_held,
                                    points: t.points,
                                    points_possible: t.points_possible,
                                })
                                .collect(),
                        })
                        .collect(),
                    convergence: match article.convergence {
                        Convergence::Converged => ConvergenceDto::Converged,
                        Convergence::Diverged => ConvergenceDto::Diverged,
                        Convergence::Partly => ConvergenceDto::Partly,
                        Convergence::NoneAgreed => ConvergenceDto::NoneAgreed,
                    },
                }
            })
            .collect();
        let totals = result
            .totals
            .iter()
            .map(|g| GroupTotalDto {
                group: g.group,
                locked: g.locked,
                teams: g
                    .teams
                    .iter()
                    .map(|t| TeamTotalDto {
                        team: t.team.clone(),
                        letter: t.team.to_uppercase(),
                        name: seat_name(g.group, &t.team),
                        points: t.points,
                        points_possible: t.points_possible,
                        red_lines_held: t.red_lines_held,
                        red_lines: t.red_lines,
                    })
                    .collect(),
            })
            .collect();
        Ok(DebriefDto {
            workshop: crate::workshop::summary(file),
            questions: loaded
                .scenario
                .debrief_questions
                .iter()
                .map(|q| q.get(&language).to_string())
                .collect(),
            language,
            articles,
            totals,
        })
    }
}

/// "Posting duration" for a column heading, from the model's "posting duration".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
