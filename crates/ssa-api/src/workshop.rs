//! The facilitator's side of workshop mode: create a workshop from a scenario (the team packs
//! and the facilitator's file, written in one step), run its desk (rounds, timers, locks,
//! reset) and collect the groups' exchange files.
//!
//! Contract:
//!
//! - [`Workbench::create_workshop`] writes every file before it stores anything; a file that
//!   cannot be written leaves the database as it was.
//! - A collected exchange file is checked like an import (format, checksum, signature) and must
//!   name one of the workshop's groups (by the exchange identity each group's packs share) and
//!   come from one of its teams; a locked group takes no more files; a file collected twice is
//!   said to be so and kept once.
//! - Time comes from the workbench's clock; the desk's rules are ssa-core's
//!   ([`ssa_core::workshop::desk`]).

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use specta::Type;
use ssa_core::exchange::{decode_file, Payload};
use ssa_core::scenario::Scenario;
use ssa_core::workshop::desk::DeskState;
use ssa_core::workshop::pack::{plan_workshop, to_json, PackModel, WorkshopFile, WorkshopRequest};
use ssa_store::{CollectedFile, StoredWorkshop};

use crate::files::write_atomically;
use crate::{ApiError, ErrorCode, Workbench};

/// The facilitator's file's name in a workshop's folder.
pub const WORKSHOP_FILE_NAME: &str = "workshop.ssa-workshop.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TeamNameDto {
    pub team: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct WorkshopInput {
    pub scenario_id: String,
    pub scenario_version: Option<String>,
    pub title: String,
    pub language: String,
    pub groups: u32,
    /// Names for teams (by id); a team not named keeps the scenario's name.
    pub team_names: Vec<TeamNameDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct WorkshopSummaryDto {
    pub id: String,
    pub title: String,
    pub language: String,
    pub scenario_id: String,
    pub scenario_title: String,
    pub groups: u32,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct WorkshopCreatedDto {
    pub workshop: WorkshopSummaryDto,
    pub folder: String,
    /// Every file written, the facilitator's first.
    pub files: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SeatDto {
    pub team: String,
    pub letter: String,
    pub name: String,
    pub country: String,
    pub pack_file: String,
    pub files: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ArticleStateDto {
    Agreed,
    Open,
    NoFile,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ArticleStatusDto {
    pub article: String,
    pub label: String,
    pub state: ArticleStateDto,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CollectedDto {
    pub file_name: String,
    pub group: u32,
    pub team: String,
    pub exported_at: String,
    pub collected_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct GroupDeskDto {
    pub number: u32,
    pub teams: Vec<SeatDto>,
    pub round: u32,
    pub round_title: String,
    pub minutes: u32,
    pub elapsed_seconds: i64,
    /// Negative when the round runs over.
    pub remaining_seconds: i64,
    pub running: bool,
    pub locked: bool,
    pub articles: Vec<ArticleStatusDto>,
    pub files: Vec<CollectedDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RoundPlanDto {
    pub number: u32,
    pub title: String,
    pub minutes: u32,
    pub focus: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DeskDto {
    pub workshop: WorkshopSummaryDto,
    pub rounds: Vec<RoundPlanDto>,
    pub groups: Vec<GroupDeskDto>,
}

/// What the facilitator does at the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case", tag = "action", content = "group")]
pub enum DeskAction {
    /// Start the timer of one group, or of every unlocked group.
    Start(Option<u32>),
    Pause(Option<u32>),
    NextRound(u32),
    Lock(u32),
    /// Every group back to round 1, unlocked, timers at zero, collected files dropped.
    Reset,
}

pub(crate) fn summary(file: &WorkshopFile) -> WorkshopSummaryDto {
    WorkshopSummaryDto {
        id: file.id.clone(),
        title: file.title.clone(),
        language: file.language.clone(),
        scenario_id: file.scenario.id.clone(),
        scenario_title: file.scenario.title.clone(),
        groups: file.groups.len() as u32,
        created_at: file.created_at.clone(),
    }
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::InvalidInput, message)
}

/// A loaded workshop: its stored state and the scenario it plays.
pub(crate) struct LoadedWorkshop {
    pub stored: StoredWorkshop,
    pub scenario: Scenario,
    /// Every collected file, decoded, with the group and team it came from.
    pub files: Vec<(CollectedFile, Payload)>,
}

impl LoadedWorkshop {
    pub fn language(&self) -> &str {
        &self.stored.file.language
    }

    /// The latest file of each team of `group`, by team id.
    pub fn latest(&self, group: u32) -> BTreeMap<String, &Payload> {
        let mut latest: BTreeMap<String, &Payload> = BTreeMap::new();
        for (file, payload) in &self.files {
            if file.group != group {
                continue;
            }
            let newer = latest
                .get(&file.team)
                .is_none_or(|seen| seen.exported_at <= payload.exported_at);
            if newer {
                latest.insert(file.team.clone(), payload);
            }
        }
        latest
    }
}

impl Workbench {
    /// Creates a workshop: writes the facilitator's file and one team pack per team and group
    /// into `folder` (created if needed), then stores the workshop for this desk.
    pub fn create_workshop(
        &mut self,
        input: &WorkshopInput,
        folder: &Path,
    ) -> Result<WorkshopCreatedDto, ApiError> {
        let title = input.title.trim();
        if title.is_empty() {
            return Err(invalid(
                "Give the workshop a title (a place and a date, for example).",
            ));
        }
        let (scenario, source) =
            self.load_scenario(&input.scenario_id, input.scenario_version.as_deref())?;
        let template_version = match &scenario.model.version {
            Some(version) => version.clone(),
            None => self.latest_template_version(scenario.model.template.get_ref())?,
        };
        let template_id = scenario.model.template.get_ref().clone();
        let model = PackModel {
            source: self.export_template(&template_id, &template_version)?,
            template_id,
            template_version,
        };
        let team_names: BTreeMap<String, String> = input
            .team_names
            .iter()
            .map(|t| (t.team.trim().to_lowercase(), t.name.trim().to_string()))
            .collect();
        let id = self.ids.new_id();
        let agreement_ids: Vec<String> =
            (0..input.groups.min(ssa_core::workshop::pack::MAX_GROUPS))
                .map(|_| self.ids.new_id())
                .collect();
        let now = self.clock.now();
        let created_at = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let files = plan_workshop(
            &scenario,
            &source,
            &model,
            &WorkshopRequest {
                id: &id,
                title,
                language: &input.language,
                created_at: &created_at,
                groups: input.groups,
                team_names: &team_names,
                agreement_ids: &agreement_ids,
            },
        )
        .map_err(|e| invalid(format!("The workshop was not created: {e}.")))?;
        std::fs::create_dir_all(folder).map_err(|e| {
            ApiError::new(
                ErrorCode::Storage,
                format!("Could not create the folder {}: {e}", folder.display()),
            )
        })?;
        let mut written = Vec::new();
        let workshop_path = folder.join(WORKSHOP_FILE_NAME);
        write_atomically(&workshop_path, &to_json(&files.workshop))?;
        written.push(workshop_path.display().to_string());
        for (name, pack) in &files.packs {
            let path = folder.join(name);
            write_atomically(&path, &to_json(pack))?;
            written.push(path.display().to_string());
        }
        let desk = DeskState::new(&files.workshop);
        self.store.insert_workshop(&StoredWorkshop {
            file: files.workshop.clone(),
            desk,
            created_at: now,
            updated_at: now,
        })?;
        tracing::info!(id = %id, groups = input.groups, "workshop created");
        Ok(WorkshopCreatedDto {
            workshop: summary(&files.workshop),
            folder: folder.display().to_string(),
            files: written,
        })
    }

    /// Opens a facilitator's file made on another laptop (its scenario is checked against this
    /// workbench's templates); a workshop already here is left as it is.
    pub fn open_workshop_file(&mut self, path: &Path) -> Result<WorkshopSummaryDto, ApiError> {
        let name = crate::files::display_name(path);
        let bytes = crate::files::read_bounded(
            path,
            ssa_core::limits::MAX_WORKSHOP_FILE_BYTES,
            "workshop file",
        )?;
        let file = WorkshopFile::decode(&bytes)
            .map_err(|e| invalid(format!("{name} was not opened: {e}. Nothing was changed.")))?;
        self.validate_scenario(&format!("the scenario in {name}"), &file.scenario_source)?;
        if self.store.get_workshop(&file.id)?.is_none() {
            let now = self.clock.now();
            self.store.insert_workshop(&StoredWorkshop {
                desk: DeskState::new(&file),
                file: file.clone(),
                created_at: now,
                updated_at: now,
            })?;
        }
        Ok(summary(&file))
    }

    pub fn list_workshops(&self) -> Result<Vec<WorkshopSummaryDto>, ApiError> {
        Ok(self
            .store
            .list_workshops()?
            .iter()
            .map(|w| summary(&w.file))
            .collect())
    }

    /// The workshop named by its id, or by the path of its facilitator's file (opened first).
    pub fn resolve_workshop(&mut self, which: &str) -> Result<String, ApiError> {
        if self.store.get_workshop(which)?.is_some() {
            return Ok(which.to_string());
        }
        let path = Path::new(which);
        if path.is_file() {
            return Ok(self.open_workshop_file(path)?.id);
        }
        if path.is_dir() && path.join(WORKSHOP_FILE_NAME).is_file() {
            return Ok(self.open_workshop_file(&path.join(WORKSHOP_FILE_NAME))?.id);
        }
        Err(ApiError::new(
            ErrorCode::NotFound,
            format!("There is no workshop \"{which}\" here, nor a workshop file at that path."),
        ))
    }

    pub(crate) fn load_workshop(&self, id: &str) -> Result<LoadedWorkshop, ApiError> {
        let stored = self
            .store
            .get_workshop(id)?
            .ok_or_else(|| ApiError::not_found("workshop", id))?;
        let scenario = self.validate_scenario(
            &format!("the scenario of workshop \"{}\"", stored.file.title),
            &stored.file.scenario_source,
        )?;
        let mut files = Vec::new();
        for collected in self.store.list_collected_files(id)? {
            // Collected files were checked on the way in; one that no longer reads was changed
            // in the database by hand, and is said so rather than skipped.
            let payload = decode_file(collected.content.as_bytes())
                .map_err(|e| {
                    ApiError::new(
                        ErrorCode::Storage,
                        format!(
                            "The collected file {} no longer reads: {e}",
                            collected.file_name
                        ),
                    )
                })?
                .payload;
            files.push((collected, payload));
        }
        Ok(LoadedWorkshop {
            stored,
            scenario,
            files,
        })
    }

    /// The facilitator's desk: every group with its round, timer, articles and files.
    pub fn workshop_desk(&self, id: &str) -> Result<DeskDto, ApiError> {
        let loaded = self.load_workshop(id)?;
        let language = loaded.language().to_string();
        let now = self.clock.now();
        let file = &loaded.stored.file;
        let rounds: Vec<RoundPlanDto> = loaded
            .scenario
            .rounds
            .iter()
            .enumerate()
            .map(|(i, r)| RoundPlanDto {
                number: i as u32 + 1,
                title: r.title.get(&language).to_string(),
                minutes: r.minutes,
                focus: r.focus.get(&language).to_string(),
            })
            .collect();
        let debrief = self.compute_debrief(&loaded);
        let wording =
            crate::workshop_debrief::ModelWording::new(self.model_of(&loaded)?, &language);
        let mut groups = Vec::new();
        for plan in &file.groups {
            let state = loaded
                .stored
                .desk
                .group(plan.number)
                .map_err(|e| ApiError::new(ErrorCode::Storage, e.to_string()))?;
            let round = rounds
                .get(state.round as usize - 1)
                .cloned()
                .unwrap_or_else(|| rounds[0].clone());
            let elapsed = state.timer.elapsed(now);
            let collected: Vec<CollectedDto> = loaded
                .files
                .iter()
                .filter(|(f, _)| f.group == plan.number)
                .map(|(f, _)| collected_dto(f))
                .collect();
            groups.push(GroupDeskDto {
                number: plan.number,
                teams: plan
                    .teams
                    .iter()
                    .map(|seat| SeatDto {
                        team: seat.team.clone(),
                        letter: seat.team.to_uppercase(),
                        name: seat.name.clone(),
                        country: seat.country.clone(),
                        pack_file: seat.pack_file.clone(),
                        files: collected.iter().filter(|c| c.team == seat.team).count() as u32,
                    })
                    .collect(),
                round: state.round,
                round_title: round.title.clone(),
                minutes: round.minutes,
                elapsed_seconds: elapsed,
                remaining_seconds: round.minutes as i64 * 60 - elapsed,
                running: state.timer.is_running(),
                locked: state.locked_at.is_some(),
                articles: debrief
                    .articles
                    .iter()
                    .map(|a| {
                        let group = a.groups.iter().find(|g| g.group == plan.number);
                        ArticleStatusDto {
                            article: a.article.clone(),
                            label: wording.article_name(&a.article),
                            state: match group.map(|g| g.outcome) {
                                Some(ssa_core::workshop::debrief::Outcome::Agreed) => {
                                    ArticleStateDto::Agreed
                                }
                                Some(ssa_core::workshop::debrief::Outcome::Open) => {
                                    ArticleStateDto::Open
                                }
                                _ => ArticleStateDto::NoFile,
                            },
                        }
                    })
                    .collect(),
                files: collected,
            });
        }
        Ok(DeskDto {
            workshop: summary(file),
            rounds,
            groups,
        })
    }

    /// Applies a desk action and answers the desk as it is after it.
    pub fn workshop_action(&mut self, id: &str, action: DeskAction) -> Result<DeskDto, ApiError> {
        let loaded = self.load_workshop(id)?;
        let mut desk = loaded.stored.desk.clone();
        let now = self.clock.now();
        let refused = |e: ssa_core::workshop::desk::DeskError| {
            invalid(format!("{}.", capitalised(&e.to_string())))
        };
        match action {
            DeskAction::Start(group) => desk.start(group, now).map_err(refused)?,
            DeskAction::Pause(group) => desk.pause(group, now).map_err(refused)?,
            DeskAction::NextRound(group) => desk
                .next_round(group, loaded.scenario.rounds.len() as u32)
                .map_err(refused)?,
            DeskAction::Lock(group) => desk.lock(group, now).map_err(refused)?,
            DeskAction::Reset => {
                desk.reset();
                self.store.reset_workshop(id, &desk, now)?;
                return self.workshop_desk(id);
            }
        }
        self.store.put_workshop_desk(id, &desk, now)?;
        self.workshop_desk(id)
    }

    /// Collects a group's exchange file into the workshop (see the module contract).
    pub fn collect_exchange_file(
        &mut self,
        id: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<CollectedDto, ApiError> {
        let refuse = |reason: String| {
            invalid(format!(
                "{file_name} was not collected: {reason}. Nothing was changed."
            ))
        };
        let loaded = self.load_workshop(id)?;
        let received = decode_file(bytes).map_err(|e| refuse(e.to_string()))?;
        let payload = received.payload;
        let file = &loaded.stored.file;
        let group = file
            .groups
            .iter()
            .find(|g| g.agreement_id == payload.agreement_id)
            .ok_or_else(|| {
                refuse(format!(
                    "it is not from a group of the workshop \"{}\" (it names another agreement)",
                    file.title
                ))
            })?;
        let seat = group
            .teams
            .iter()
            .find(|s| s.country == payload.sender)
            .ok_or_else(|| {
                refuse(format!(
                    "it was sent by {}, which no team of group {} plays",
                    payload.sender, group.number
                ))
            })?;
        let state = loaded
            .stored
            .desk
            .group(group.number)
            .map_err(|e| ApiError::new(ErrorCode::Storage, e.to_string()))?;
        if state.locked_at.is_some() {
            return Err(refuse(format!(
                "group {} is locked: its text is final",
                group.number
            )));
        }
        let checksum = ssa_core::exchange::checksum(
            &serde_json::to_value(&payload).expect("a payload always serialises"),
        );
        let collected = CollectedFile {
            id: self.ids.new_id(),
            workshop_id: id.to_string(),
            group: group.number,
            team: seat.team.clone(),
            file_name: file_name.to_string(),
            checksum,
            exported_at: payload.exported_at.clone(),
            content: String::from_utf8_lossy(bytes).into_owned(),
            collected_at: self.clock.now(),
        };
        if !self.store.add_collected_file(&collected)? {
            return Err(refuse(format!(
                "it was collected already (group {}, team {})",
                group.number,
                seat.team.to_uppercase()
            )));
        }
        Ok(collected_dto(&collected))
    }

    pub fn collect_exchange_path(
        &mut self,
        id: &str,
        path: &Path,
    ) -> Result<CollectedDto, ApiError> {
        let name = crate::files::display_name(path);
        let bytes = crate::files::read_bounded(
            path,
            ssa_core::limits::MAX_EXCHANGE_BYTES,
            "exchange file",
        )?;
        self.collect_exchange_file(id, &name, &bytes)
    }
}

fn collected_dto(file: &CollectedFile) -> CollectedDto {
    CollectedDto {
        file_name: file.file_name.clone(),
        group: file.group,
        team: file.team.clone(),
        exported_at: file.exported_at.clone(),
        collected_at: file
            .collected_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
