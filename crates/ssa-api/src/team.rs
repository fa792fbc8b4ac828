//! A team's side of workshop mode: join a team pack on the team's laptop, and read the
//! team's brief beside the work.
//!
//! Contract: [`Workbench::join_team_pack`] checks the whole pack first (format, model template,
//! feasibility data and mandate against the model) and only then creates, on this laptop, the
//! team's negotiation: its side, the model's draft, the scenario's feasibility data, its own
//! confidential brief as its mandate, the first round open (what to settle in it as its
//! agenda), and the exchange identity its group shares. A pack joined
//! already is refused (the negotiation it made is named). If a write fails halfway, the
//! negotiation made so far is deleted again. Where one laptop serves a group, both teams' packs
//! are joined on it, each a negotiation of its own; [`Workbench::list_team_negotiations`] is
//! the switch between them.

use serde::{Deserialize, Serialize};
use specta::Type;
use ssa_core::negotiation::Shelf;
use ssa_core::template::Template;
use ssa_core::workshop::pack::TeamPack;
use ssa_store::{JoinedTeam, StoredTemplate, TemplateOrigin};

use crate::dto::{NegotiationDto, NegotiationInput, PartyDto, PartyRoleDto};
use crate::{ApiError, ErrorCode, Workbench};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PriorityDto {
    pub article: String,
    pub points: u32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PackRoundDto {
    pub number: u32,
    pub title: String,
    pub minutes: u32,
    pub focus: String,
}

/// What a team reads beside its negotiation: the general brief and its own confidential one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TeamBriefDto {
    pub negotiation_id: String,
    pub workshop_title: String,
    pub scenario_title: String,
    pub language: String,
    pub group: u32,
    pub team: String,
    pub letter: String,
    pub team_name: String,
    pub country: String,
    pub general_brief: String,
    pub brief: String,
    pub walk_away: String,
    pub priorities: Vec<PriorityDto>,
    pub rounds: Vec<PackRoundDto>,
}

fn brief_dto(team: &JoinedTeam) -> TeamBriefDto {
    let pack = &team.pack;
    TeamBriefDto {
        negotiation_id: team.negotiation_id.clone(),
        workshop_title: pack.workshop_title.clone(),
        scenario_title: pack.scenario.title.clone(),
        language: pack.language.clone(),
        group: pack.group,
        team: pack.brief.team.clone(),
        letter: pack.brief.team.to_uppercase(),
        team_name: pack.brief.team_name.clone(),
        country: pack.brief.country.clone(),
        general_brief: pack.general_brief.clone(),
        brief: pack.brief.text.clone(),
        walk_away: pack.brief.walk_away.clone(),
        priorities: pack
            .brief
            .priorities
            .iter()
            .map(|p| PriorityDto {
                article: p.article.clone(),
                points: p.points,
                text: p.text.clone(),
            })
            .collect(),
        rounds: pack
            .rounds
            .iter()
            .enumerate()
            .map(|(i, r)| PackRoundDto {
                number: i as u32 + 1,
                title: r.title.clone(),
                minutes: r.minutes,
                focus: r.focus.clone(),
            })
            .collect(),
    }
}

/// "Group 1, Team A" in the pack's language.
fn seat_words(language: &str, group: u32, letter: &str) -> String {
    match language {
        "fr" => format!("groupe {group}, équipe {letter}"),
        "es" => format!("grupo {group}, equipo {letter}"),
        _ => format!("group {group}, team {letter}"),
    }
}

impl Workbench {
    /// Joins a team pack (see the module contract) and returns the team's negotiation.
    pub fn join_team_pack(
        &mut self,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<NegotiationDto, ApiError> {
        let refuse = |reason: String| {
            ApiError::new(
                ErrorCode::InvalidInput,
                format!("{file_name} was not joined: {reason}. Nothing was changed."),
            )
        };
        let pack = TeamPack::decode(bytes).map_err(|e| refuse(e.to_string()))?;
        if let Some(joined) = self.store.list_joined_teams()?.into_iter().find(|j| {
            j.pack.workshop_id == pack.workshop_id
                && j.pack.group == pack.group
                && j.pack.brief.team == pack.brief.team
        }) {
            let title = self
                .store
                .get_negotiation(&joined.negotiation_id)?
                .map(|n| n.title)
                .unwrap_or_default();
            return Err(refuse(format!(
                "this team pack was joined already, as \"{title}\""
            )));
        }
        let model = &pack.model;
        let stored_model = self
            .store
            .get_template(&model.template_id, &model.template_version)?;
        let template = match &stored_model {
            Some(_) => self.load_template(&model.template_id, &model.template_version)?,
            None => Template::parse(file_name, &model.source)
                .map_err(|e| refuse(format!("its model template does not read: {e}")))?,
        };
        let mut codes: Vec<&str> = pack.parties.iter().map(|p| p.code.as_str()).collect();
        codes.sort();
        let feasibility_problems = pack.feasibility.validate(&codes);
        if let Some(problem) = feasibility_problems.first() {
            return Err(refuse(format!(
                "its feasibility data is wrong: {}",
                problem.message
            )));
        }
        for article in &pack.brief.articles {
            if template.node(&article.article).is_none() {
                return Err(refuse(format!(
                    "its brief speaks of an article \"{}\" its model does not have",
                    article.article
                )));
            }
            if let Some(problem) = article.mandate_entry().validate(&template).first() {
                return Err(refuse(format!(
                    "its brief on {}: {}",
                    article.article, problem.message
                )));
            }
        }
        if stored_model.is_none() {
            self.store.add_template_if_missing(&StoredTemplate {
                id: template.id.clone(),
                version: template.version.clone(),
                title: template.title.clone(),
                origin: TemplateOrigin::Imported,
                source: model.source.clone(),
                created_at: self.clock.now(),
            })?;
        }
        let letter = pack.brief.team.to_uppercase();
        let negotiation = self.create_negotiation(NegotiationInput {
            title: format!(
                "{} — {} ({})",
                pack.scenario.title,
                seat_words(&pack.language, pack.group, &letter),
                pack.brief.team_name
            ),
            parties: pack
                .parties
                .iter()
                .map(|p| PartyDto {
                    name: p.name.clone(),
                    iso_code: p.code.clone(),
                    role: if p.code == pack.brief.country {
                        PartyRoleDto::Own
                    } else {
                        PartyRoleDto::Counterpart
                    },
                })
                .collect(),
            working_languages: vec![pack.language.clone()],
            notes: format!("{} — {}", pack.workshop_title, pack.general_brief),
        })?;
        match self.fill_joined(&negotiation.id, &pack) {
            Ok(()) => {
                tracing::info!(id = %negotiation.id, group = pack.group, team = %pack.brief.team, "team pack joined");
                self.get_negotiation(&negotiation.id)
            }
            Err(error) => {
                // Leave nothing of a half-made join behind.
                let _ = self.store.set_shelf(&negotiation.id, Shelf::Bin);
                let _ = self.store.delete_from_bin(&negotiation.id);
                Err(error)
            }
        }
    }

    fn fill_joined(&mut self, id: &str, pack: &TeamPack) -> Result<(), ApiError> {
        self.start_draft_on(id, &pack.model.template_id, &pack.model.template_version)?;
        self.save_feasibility(id, &pack.feasibility)?;
        for article in &pack.brief.articles {
            self.save_mandate_entry(id, &article.mandate_entry())?;
        }
        // The first round is open from the start, with what to settle in it as its agenda;
        // the team opens the next ones as the facilitator calls them (the brief lists them).
        if let Some(round) = pack.rounds.first() {
            let mut opened = self.add_round(id)?;
            opened.agenda = format!("{} ({} min)\n{}", round.title, round.minutes, round.focus);
            self.save_round(id, &opened)?;
        }
        let now = self.clock.now();
        self.store
            .bind_exchange_identity(id, &pack.agreement_id, now)?;
        self.store.put_joined_team(&JoinedTeam {
            negotiation_id: id.to_string(),
            pack: pack.clone(),
            joined_at: now,
        })?;
        Ok(())
    }

    pub fn join_team_pack_file(
        &mut self,
        path: &std::path::Path,
    ) -> Result<NegotiationDto, ApiError> {
        let name = crate::files::display_name(path);
        let bytes = crate::files::read_bounded(
            path,
            ssa_core::limits::MAX_WORKSHOP_FILE_BYTES,
            "team pack",
        )?;
        self.join_team_pack(&name, &bytes)
    }

    /// The team's brief, for a negotiation joined from a team pack (None for any other).
    pub fn team_brief(&self, negotiation_id: &str) -> Result<Option<TeamBriefDto>, ApiError> {
        Ok(self
            .store
            .get_joined_team(negotiation_id)?
            .as_ref()
            .map(brief_dto))
    }

    /// Every negotiation on this laptop joined from a team pack: with one laptop per group,
    /// the two teams' negotiations, to switch between.
    pub fn list_team_negotiations(&self) -> Result<Vec<TeamBriefDto>, ApiError> {
        let mut teams = Vec::new();
        for joined in self.store.list_joined_teams()? {
            let active = self
                .store
                .get_negotiation(&joined.negotiation_id)?
                .is_some_and(|n| n.shelf == Shelf::Active);
            if active {
                teams.push(brief_dto(&joined));
            }
        }
        Ok(teams)
    }
}
