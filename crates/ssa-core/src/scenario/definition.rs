//! The shape of a scenario file (`ssa-scenario/1`): the case a workshop plays, with its
//! fictional countries, corridor, briefs, rounds and debrief, every text in the scenario's
//! languages. The README of `assets/scenarios/` documents each field for trainers.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::documents::branch::Branch;
use crate::documents::feasibility::{CorridorKind, SchemeType};
use crate::mandate::Limit;
pub use crate::process::{LocalizedText, Provenance};

/// The format tag a scenario file must carry; bumped when the shape changes incompatibly.
pub const SCENARIO_FORMAT: &str = "ssa-scenario/1";

/// The languages a scenario may be written in (the workbench's three).
pub const SCENARIO_LANGUAGES: &[&str] = &["en", "fr", "es"];

/// The model agreement the teams draft from: a template by id (and version, else the newest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelRef {
    pub template: Spanned<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// One country's scheme for one branch, filled into the feasibility study.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemeDefinition {
    pub branch: Spanned<Branch>,
    pub exists: bool,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub scheme_type: Option<SchemeType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persons_covered: Option<LocalizedText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifying_period: Option<LocalizedText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export_rules: Option<LocalizedText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<LocalizedText>,
}

/// A fictional country of the scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryDefinition {
    /// A user-assigned ISO 3166 code (XA…XZ), which no real country uses.
    pub code: Spanned<String>,
    pub name: LocalizedText,
    /// A few lines on the country everyone may read (its economy, its people abroad).
    pub profile: LocalizedText,
    #[serde(default)]
    pub schemes: Vec<SchemeDefinition>,
}

/// One figure of the migration corridor, with its year and (fictional) source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorridorDefinition {
    pub kind: CorridorKind,
    pub from: Spanned<String>,
    pub to: String,
    pub count: u32,
    pub year: i32,
    pub source: LocalizedText,
}

/// A team's instructions on one article: its mandate there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleInstruction {
    /// The article's node id in the model.
    pub article: Spanned<String>,
    pub preferred: LocalizedText,
    pub red_line: LocalizedText,
    pub fallback: LocalizedText,
    /// The red line as checkable limits on the article's particulars.
    #[serde(default)]
    pub limits: Vec<Limit>,
}

/// Something the team wants from the agreement, and the points it scores when it gets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriorityDefinition {
    pub id: Spanned<String>,
    pub article: Spanned<String>,
    pub points: u32,
    pub text: LocalizedText,
    /// Met when the group agreed the article and its final text crosses none of these.
    #[serde(default)]
    pub met_when: Vec<Limit>,
}

/// One team of a group: a country's delegation, with its confidential brief.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamDefinition {
    /// A single lower-case letter ("a", "b"), shown upper case ("Team A").
    pub id: Spanned<String>,
    /// The country the team negotiates for.
    pub country: String,
    pub name: LocalizedText,
    /// The confidential brief: the team's situation and instructions.
    pub brief: LocalizedText,
    /// When the team must leave the table rather than sign.
    pub walk_away: LocalizedText,
    #[serde(default)]
    pub articles: Vec<ArticleInstruction>,
    #[serde(default)]
    pub priorities: Vec<PriorityDefinition>,
}

/// One timed round of the workshop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundDefinition {
    pub title: LocalizedText,
    pub minutes: u32,
    /// What the teams should settle in this round.
    pub focus: LocalizedText,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub format: String,
    pub id: String,
    pub version: String,
    pub languages: Vec<String>,
    pub title: LocalizedText,
    pub summary: LocalizedText,
    pub provenance: Provenance,
    pub model: ModelRef,
    pub general_brief: LocalizedText,
    pub countries: Vec<CountryDefinition>,
    #[serde(default)]
    pub corridor: Vec<CorridorDefinition>,
    pub teams: Vec<TeamDefinition>,
    pub rounds: Vec<RoundDefinition>,
    #[serde(default)]
    pub facilitator_notes: Vec<LocalizedText>,
    #[serde(default)]
    pub debrief_questions: Vec<LocalizedText>,
}

impl Scenario {
    pub fn team(&self, id: &str) -> Option<&TeamDefinition> {
        self.teams.iter().find(|team| team.id.get_ref() == id)
    }

    pub fn country(&self, code: &str) -> Option<&CountryDefinition> {
        self.countries
            .iter()
            .find(|country| country.code.get_ref() == code)
    }

    /// Every article some team has instructions or priorities on, in the order of first
    /// mention: the articles the debrief compares.
    pub fn briefed_articles(&self) -> Vec<&str> {
        let mut articles: Vec<&str> = Vec::new();
        for team in &self.teams {
            let named = team
                .articles
                .iter()
                .map(|a| a.article.get_ref().as_str())
                .chain(team.priorities.iter().map(|p| p.article.get_ref().as_str()));
            for article in named {
                if !articles.contains(&article) {
                    articles.push(article);
                }
            }
        }
        articles
    }
}

impl TeamDefinition {
    pub fn id(&self) -> &str {
        self.id.get_ref()
    }

    /// "A" for team "a": how the team is named on handouts and the command line.
    pub fn letter(&self) -> String {
        self.id().to_uppercase()
    }

    pub fn instruction(&self, article: &str) -> Option<&ArticleInstruction> {
        self.articles
            .iter()
            .find(|instruction| instruction.article.get_ref() == article)
    }
}
