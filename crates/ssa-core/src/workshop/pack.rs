//! The files a workshop is handed out as: one team pack per team and group
//! (`ssa-team-pack/1`) and the facilitator's workshop file (`ssa-workshop/1`), both JSON.
//!
//! Texts are resolved to the workshop's language when the files are made, so a pack holds one
//! language and nothing the team should not read.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::documents::feasibility::{CorridorFigure, Feasibility, SchemeRow};
use crate::limits::{excerpt, size_text, MAX_WORKSHOP_FILE_BYTES};
use crate::mandate::{Limit, MandateEntry};
use crate::scenario::{Scenario, TeamDefinition};

pub const TEAM_PACK_FORMAT: &str = "ssa-team-pack/1";
pub const WORKSHOP_FILE_FORMAT: &str = "ssa-workshop/1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioRef {
    pub id: String,
    pub version: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackParty {
    pub code: String,
    pub name: String,
    /// What everyone may read about the country.
    pub profile: String,
}

/// The model agreement, with its file text so that a laptop without it can draft from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackModel {
    pub template_id: String,
    pub template_version: String,
    pub source: String,
}

/// The team's instructions on one article, in the workshop's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BriefArticle {
    pub article: String,
    pub preferred: String,
    pub red_line: String,
    pub fallback: String,
    #[serde(default)]
    pub limits: Vec<Limit>,
}

impl BriefArticle {
    /// The instruction as the mandate of the team's negotiation.
    pub fn mandate_entry(&self) -> MandateEntry {
        MandateEntry {
            node_id: self.article.clone(),
            red_line: self.red_line.clone(),
            preferred: self.preferred.clone(),
            fallback: self.fallback.clone(),
            limits: self.limits.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BriefPriority {
    pub id: String,
    pub article: String,
    pub points: u32,
    pub text: String,
    #[serde(default)]
    pub met_when: Vec<Limit>,
}

/// One team's confidential brief, in the workshop's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamBrief {
    pub team: String,
    pub team_name: String,
    pub country: String,
    pub text: String,
    pub walk_away: String,
    pub articles: Vec<BriefArticle>,
    pub priorities: Vec<BriefPriority>,
}

impl TeamBrief {
    /// The brief of `team` in `language`: what its own pack, and its handout, carry.
    pub fn of(team: &TeamDefinition, team_name: &str, language: &str) -> TeamBrief {
        TeamBrief {
            team: team.id().to_string(),
            team_name: team_name.to_string(),
            country: team.country.clone(),
            text: team.brief.get(language).to_string(),
            walk_away: team.walk_away.get(language).to_string(),
            articles: team
                .articles
                .iter()
                .map(|a| BriefArticle {
                    article: a.article.get_ref().clone(),
                    preferred: a.preferred.get(language).to_string(),
                    red_line: a.red_line.get(language).to_string(),
                    fallback: a.fallback.get(language).to_string(),
                    limits: a.limits.clone(),
                })
                .collect(),
            priorities: team
                .priorities
                .iter()
                .map(|p| BriefPriority {
                    id: p.id.get_ref().clone(),
                    article: p.article.get_ref().clone(),
                    points: p.points,
                    text: p.text.get(language).to_string(),
                    met_when: p.met_when.clone(),
                })
                .collect(),
        }
    }

    pub fn article(&self, id: &str) -> Option<&BriefArticle> {
        self.articles.iter().find(|a| a.article == id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackRound {
    pub title: String,
    pub minutes: u32,
    pub focus: String,
}

/// What a team's laptop receives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamPack {
    pub format: String,
    pub workshop_id: String,
    pub workshop_title: String,
    pub scenario: ScenarioRef,
    pub language: String,
    pub group: u32,
    /// The exchange identity the group's two negotiations share from the start.
    pub agreement_id: String,
    pub negotiation_title: String,
    pub parties: Vec<PackParty>,
    pub model: PackModel,
    pub feasibility: Feasibility,
    pub general_brief: String,
    pub brief: TeamBrief,
    pub rounds: Vec<PackRound>,
}

/// One team's seat in one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamSeat {
    pub team: String,
    pub name: String,
    pub country: String,
    /// The pack's file name, as written next to the workshop file.
    pub pack_file: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupPlan {
    pub number: u32,
    pub agreement_id: String,
    pub teams: Vec<TeamSeat>,
}

/// The facilitator's file: the whole scenario (for the debrief on any laptop) and the groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkshopFile {
    pub format: String,
    pub id: String,
    pub title: String,
    pub language: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub scenario: ScenarioRef,
    /// The scenario file's text, as the workshop was made from it.
    pub scenario_source: String,
    pub groups: Vec<GroupPlan>,
}

/// What the workshop is made of, chosen by the trainer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkshopRequest<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub language: &'a str,
    pub created_at: &'a str,
    pub groups: u32,
    /// Names given to teams by id; a team not named here keeps the scenario's name.
    pub team_names: &'a BTreeMap<String, String>,
    /// One exchange identity per group, in order.
    pub agreement_ids: &'a [String],
}

/// Most groups a workshop may have (a training room of a hundred participants in pairs).
pub const MAX_GROUPS: u32 = 50;

/// The feasibility study as the scenario fills it, in `language`.
pub fn scenario_feasibility(scenario: &Scenario, language: &str) -> Feasibility {
    let text = |t: &Option<crate::process::LocalizedText>| {
        t.as_ref()
            .map(|t| t.get(language).to_string())
            .unwrap_or_default()
    };
    let schemes = scenario
        .countries
        .iter()
        .flat_map(|country| {
            country.schemes.iter().map(|scheme| SchemeRow {
                branch: *scheme.branch.get_ref(),
                party: country.code.get_ref().clone(),
                exists: Some(scheme.exists),
                scheme_type: scheme.scheme_type,
                persons_covered: text(&scheme.persons_covered),
                qualifying_period: text(&scheme.qualifying_period),
                export_rules: text(&scheme.export_rules),
                conditions: text(&scheme.conditions),
                notes: String::new(),
            })
        })
        .collect();
    let corridor = scenario
        .corridor
        .iter()
        .enumerate()
        .map(|(index, figure)| CorridorFigure {
            id: format!("scenario-{}", index + 1),
            kind: figure.kind,
            from: figure.from.get_ref().clone(),
            to: figure.to.clone(),
            count: Some(figure.count),
            year: Some(figure.year),
            source: figure.source.get(language).to_string(),
            note: String::new(),
        })
        .collect();
    Feasibility {
        schemes,
        corridor,
        ..Feasibility::default()
    }
}

/// The scenario's countries as a pack names them, in `language`.
pub fn scenario_parties(scenario: &Scenario, language: &str) -> Vec<PackParty> {
    scenario
        .countries
        .iter()
        .map(|c| PackParty {
            code: c.code.get_ref().clone(),
            name: c.name.get(language).to_string(),
            profile: c.profile.get(language).to_string(),
        })
        .collect()
}

/// The scenario's rounds as a pack lists them, in `language`.
pub fn scenario_rounds(scenario: &Scenario, language: &str) -> Vec<PackRound> {
    scenario
        .rounds
        .iter()
        .map(|r| PackRound {
            title: r.title.get(language).to_string(),
            minutes: r.minutes,
            focus: r.focus.get(language).to_string(),
        })
        .collect()
}

/// A workshop as files: the facilitator's file and every team pack, by file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkshopFiles {
    pub workshop: WorkshopFile,
    pub packs: Vec<(String, TeamPack)>,
}

/// Why a workshop cannot be made as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("a workshop has 1 to {MAX_GROUPS} groups, not {0}")]
    Groups(u32),
    #[error("the scenario is not written in \"{0}\"; choose one of its languages ({1})")]
    Language(String, String),
    #[error("the scenario has no team \"{0}\"")]
    UnknownTeam(String),
    #[error("one exchange identity is needed per group")]
    Identities,
}

/// The file name of a team's pack: `group-01-team-a.ssa-team.json`.
pub fn pack_file_name(group: u32, team: &str) -> String {
    format!("group-{group:02}-team-{team}.ssa-team.json")
}

/// Builds every file of a workshop. `model` is the model template's id, version and text.
pub fn plan_workshop(
    scenario: &Scenario,
    scenario_source: &str,
    model: &PackModel,
    request: &WorkshopRequest<'_>,
) -> Result<WorkshopFiles, PlanError> {
    if request.groups == 0 || request.groups > MAX_GROUPS {
        return Err(PlanError::Groups(request.groups));
    }
    if !scenario.languages.iter().any(|l| l == request.language) {
        return Err(PlanError::Language(
            request.language.to_string(),
            scenario.languages.join(", "),
        ));
    }
    if let Some(unknown) = request
        .team_names
        .keys()
        .find(|team| scenario.team(team).is_none())
    {
        return Err(PlanError::UnknownTeam(unknown.clone()));
    }
    if request.agreement_ids.len() != request.groups as usize {
        return Err(PlanError::Identities);
    }
    let language = request.language;
    let scenario_ref = ScenarioRef {
        id: scenario.id.clone(),
        version: scenario.version.clone(),
        title: scenario.title.get(language).to_string(),
    };
    let parties = scenario_parties(scenario, language);
    let feasibility = scenario_feasibility(scenario, language);
    let general_brief = scenario.general_brief.get(language).to_string();
    let rounds = scenario_rounds(scenario, language);
    let team_name = |team: &TeamDefinition| {
        request
            .team_names
            .get(team.id())
            .filter(|name| !name.trim().is_empty())
            .cloned()
            .unwrap_or_else(|| team.name.get(language).to_string())
    };
    let mut groups = Vec::new();
    let mut packs = Vec::new();
    for (index, agreement_id) in request.agreement_ids.iter().enumerate() {
        let number = index as u32 + 1;
        let mut seats = Vec::new();
        for team in &scenario.teams {
            let file = pack_file_name(number, team.id());
            let name = team_name(team);
            seats.push(TeamSeat {
                team: team.id().to_string(),
                name: name.clone(),
                country: team.country.clone(),
                pack_file: file.clone(),
            });
            let pack = TeamPack {
                format: TEAM_PACK_FORMAT.into(),
                workshop_id: request.id.to_string(),
                workshop_title: request.title.to_string(),
                scenario: scenario_ref.clone(),
                language: language.to_string(),
                group: number,
                agreement_id: agreement_id.clone(),
                negotiation_title: format!("{} ({})", scenario.title.get(language), request.title),
                parties: parties.clone(),
                model: model.clone(),
                feasibility: feasibility.clone(),
                general_brief: general_brief.clone(),
                brief: TeamBrief::of(team, &name, language),
                rounds: rounds.clone(),
            };
            packs.push((file, pack));
        }
        groups.push(GroupPlan {
            number,
            agreement_id: agreement_id.clone(),
            teams: seats,
        });
    }
    Ok(WorkshopFiles {
        workshop: WorkshopFile {
            format: WORKSHOP_FILE_FORMAT.into(),
            id: request.id.to_string(),
            title: request.title.to_string(),
            language: language.to_string(),
            created_at: request.created_at.to_string(),
            scenario: scenario_ref,
            scenario_source: scenario_source.to_string(),
            groups,
        },
        packs,
    })
}

/// Why a team pack or workshop file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkshopFileError {
    #[error("it is larger than {}, the largest workshop file SSA Workbench reads", size_text(*.limit))]
    TooLarge { limit: usize },
    #[error("it is not valid JSON (line {line}, column {column}: {detail})")]
    Malformed {
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("it is not {expected} (its \"format\" is {found})")]
    WrongFormat { expected: String, found: String },
    #[error("its content is incomplete or inconsistent: {0}")]
    Structure(String),
}

fn read_json<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    format: &str,
    what: &str,
) -> Result<T, WorkshopFileError> {
    if bytes.len() > MAX_WORKSHOP_FILE_BYTES {
        return Err(WorkshopFileError::TooLarge {
            limit: MAX_WORKSHOP_FILE_BYTES,
        });
    }
    let malformed = |e: serde_json::Error| WorkshopFileError::Malformed {
        line: e.line(),
        column: e.column(),
        detail: excerpt(&e.to_string()),
    };
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(malformed)?;
    let found = value.get("format").and_then(|f| f.as_str());
    if found != Some(format) {
        return Err(WorkshopFileError::WrongFormat {
            expected: what.to_string(),
            found: found
                .map(|f| format!("\"{}\"", excerpt(f)))
                .unwrap_or_else(|| "missing".into()),
        });
    }
    serde_json::from_value(value)
        .map_err(|e| WorkshopFileError::Structure(excerpt_of_error(&e.to_string())))
}

fn excerpt_of_error(message: &str) -> String {
    crate::limits::excerpt_of(message, 200)
}

/// The JSON of a file, indented so that a trainer can read it.
pub fn to_json<T: Serialize>(file: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(file).expect("workshop files serialise");
    bytes.push(b'\n');
    bytes
}

impl TeamPack {
    /// Reads a team pack: see the module contract for what is refused.
    pub fn decode(bytes: &[u8]) -> Result<TeamPack, WorkshopFileError> {
        let pack: TeamPack = read_json(bytes, TEAM_PACK_FORMAT, "a team pack (ssa-team-pack/1)")?;
        let structure = |m: String| Err(WorkshopFileError::Structure(m));
        if !pack.parties.iter().any(|p| p.code == pack.brief.country) {
            return structure(format!(
                "the team's country \"{}\" is not one of the parties",
                excerpt(&pack.brief.country)
            ));
        }
        if pack.parties.len() < 2 {
            return structure("a negotiation needs at least two parties".into());
        }
        if !crate::scenario::SCENARIO_LANGUAGES.contains(&pack.language.as_str()) {
            return structure(format!(
                "\"{}\" is not a language of the workbench",
                excerpt(&pack.language)
            ));
        }
        if pack.agreement_id.trim().is_empty() || pack.group == 0 {
            return structure("the group or its exchange identity is missing".into());
        }
        Ok(pack)
    }
}

impl WorkshopFile {
    /// Reads a facilitator's workshop file; the scenario in it is parsed by the caller, who
    /// knows the model templates.
    pub fn decode(bytes: &[u8]) -> Result<WorkshopFile, WorkshopFileError> {
        let file: WorkshopFile = read_json(
            bytes,
            WORKSHOP_FILE_FORMAT,
            "a workshop file (ssa-workshop/1)",
        )?;
        if file.groups.is_empty() || file.groups.len() > MAX_GROUPS as usize {
            return Err(WorkshopFileError::Structure(format!(
                "a workshop has 1 to {MAX_GROUPS} groups, this one {}",
                file.groups.len()
            )));
        }
        Ok(file)
    }
}
