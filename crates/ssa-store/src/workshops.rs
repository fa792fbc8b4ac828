//! Workshop mode (schema 11): scenarios as their file text, the facilitator's workshops and
//! the files collected from the groups, and on a team's laptop the pack a negotiation was
//! joined from.
//!
//! Scenarios are kept like process definitions: by id and version, never changed once stored.
//! A workshop's file and desk are JSON of ssa-core's workshop types; a collected file is kept
//! as it came, once per checksum; resetting a workshop drops its files and its desk in one
//! transaction.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use ssa_core::workshop::desk::DeskState;
use ssa_core::workshop::pack::{TeamPack, WorkshopFile};

use crate::encoding::{from_json, parse_timestamp, timestamp, to_json};
use crate::{Store, StoreError, TemplateOrigin};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredScenario {
    pub id: String,
    pub version: String,
    pub title: String,
    /// Shipped, imported or derived, as for templates.
    pub origin: TemplateOrigin,
    pub source: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredWorkshop {
    pub file: WorkshopFile,
    pub desk: DeskState,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectedFile {
    pub id: String,
    pub workshop_id: String,
    pub group: u32,
    pub team: String,
    pub file_name: String,
    pub checksum: String,
    pub exported_at: String,
    pub content: String,
    pub collected_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinedTeam {
    pub negotiation_id: String,
    pub pack: TeamPack,
    pub joined_at: DateTime<Utc>,
}

type ScenarioRow = (String, String, String, String, String, String);

/// id, group, team, file name, checksum, exported at, content, collected at.
type CollectedRow = (String, u32, String, String, String, String, String, String);

fn into_scenario(
    (id, version, title, origin, source, created_at): ScenarioRow,
) -> Result<StoredScenario, StoreError> {
    Ok(StoredScenario {
        origin: TemplateOrigin::parse(&origin)?,
        created_at: parse_timestamp(&created_at)?,
        id,
        version,
        title,
        source,
    })
}

const SCENARIO_COLUMNS: &str = "id, version, title, origin, source, created_at";

impl Store {
    /// Stores a scenario unless one with the same id and version is there; returns whether it
    /// was added.
    pub fn add_scenario_if_missing(
        &mut self,
        scenario: &StoredScenario,
    ) -> Result<bool, StoreError> {
        self.write(|tx| {
            Ok(tx.execute(
                &format!("INSERT OR IGNORE INTO scenario ({SCENARIO_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
                params![
                    scenario.id,
                    scenario.version,
                    scenario.title,
                    scenario.origin.as_str(),
                    scenario.source,
                    timestamp(scenario.created_at)
                ],
            )? == 1)
        })
    }

    /// Every scenario, by id then version.
    pub fn list_scenarios(&self) -> Result<Vec<StoredScenario>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SCENARIO_COLUMNS} FROM scenario ORDER BY id, version"
        ))?;
        let rows: Vec<ScenarioRow> = stmt
            .query_map([], |row| ScenarioRow::try_from(row))?
            .collect::<Result<_, _>>()?;
        rows.into_iter().map(into_scenario).collect()
    }

    pub fn get_scenario(
        &self,
        id: &str,
        version: &str,
    ) -> Result<Option<StoredScenario>, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {SCENARIO_COLUMNS} FROM scenario WHERE id = ?1 AND version = ?2"),
                params![id, version],
                |row| ScenarioRow::try_from(row),
            )
            .optional()?
            .map(into_scenario)
            .transpose()
    }

    /// Stores a new workshop; false if one with its id exists.
    pub fn insert_workshop(&mut self, workshop: &StoredWorkshop) -> Result<bool, StoreError> {
        let file = to_json(&workshop.file, "workshop file")?;
        let desk = to_json(&workshop.desk, "workshop desk")?;
        self.write(|tx| {
            Ok(tx.execute(
                "INSERT OR IGNORE INTO workshop (id, title, language, scenario_id, scenario_version, file, desk, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    workshop.file.id,
                    workshop.file.title,
                    workshop.file.language,
                    workshop.file.scenario.id,
                    workshop.file.scenario.version,
                    file,
                    desk,
                    timestamp(workshop.created_at),
                    timestamp(workshop.updated_at)
                ],
            )? == 1)
        })
    }

    /// Every workshop, the newest first.
    pub fn list_workshops(&self) -> Result<Vec<StoredWorkshop>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM workshop ORDER BY created_at DESC, id")?;
        let ids: Vec<String> = stmt
            .query_map([], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        ids.iter()
            .filter_map(|id| self.get_workshop(id).transpose())
            .collect()
    }

    pub fn get_workshop(&self, id: &str) -> Result<Option<StoredWorkshop>, StoreError> {
        let row: Option<(String, String, String, String)> = self
            .conn
            .query_row(
                "SELECT file, desk, created_at, updated_at FROM workshop WHERE id = ?1",
                [id],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            )
            .optional()?;
        row.map(|(file, desk, created_at, updated_at)| {
            Ok(StoredWorkshop {
                file: from_json(&file, format_args!("file of workshop {id}"))?,
                desk: from_json(&desk, format_args!("desk of workshop {id}"))?,
                created_at: parse_timestamp(&created_at)?,
                updated_at: parse_timestamp(&updated_at)?,
            })
        })
        .transpose()
    }

    /// Saves a workshop's desk; false if there is no such workshop.
    pub fn put_workshop_desk(
        &mut self,
        id: &str,
        desk: &DeskState,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let desk = to_json(desk, "workshop desk")?;
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE workshop SET desk = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, desk, timestamp(now)],
            )? == 1)
        })
    }

    /// Resets a workshop: its desk replaced and every collected file dropped, together.
    pub fn reset_workshop(
        &mut self,
        id: &str,
        desk: &DeskState,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let desk = to_json(desk, "workshop desk")?;
        self.write(|tx| {
            tx.execute("DELETE FROM workshop_file WHERE workshop_id = ?1", [id])?;
            Ok(tx.execute(
                "UPDATE workshop SET desk = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, desk, timestamp(now)],
            )? == 1)
        })
    }

    pub fn delete_workshop(&mut self, id: &str) -> Result<bool, StoreError> {
        self.write(|tx| Ok(tx.execute("DELETE FROM workshop WHERE id = ?1", [id])? == 1))
    }

    /// Keeps a collected file; false if the workshop already has a file with its checksum.
    pub fn add_collected_file(&mut self, file: &CollectedFile) -> Result<bool, StoreError> {
        self.write(|tx| {
            Ok(tx.execute(
                "INSERT OR IGNORE INTO workshop_file (id, workshop_id, group_number, team, file_name, checksum, exported_at, content, collected_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    file.id,
                    file.workshop_id,
                    file.group,
                    file.team,
                    file.file_name,
                    file.checksum,
                    file.exported_at,
                    file.content,
                    timestamp(file.collected_at)
                ],
            )? == 1)
        })
    }

    /// A workshop's collected files, in the order they were exported.
    pub fn list_collected_files(
        &self,
        workshop_id: &str,
    ) -> Result<Vec<CollectedFile>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, group_number, team, file_name, checksum, exported_at, content, collected_at
             FROM workshop_file WHERE workshop_id = ?1 ORDER BY exported_at, collected_at, id",
        )?;
        let rows: Vec<CollectedRow> = stmt
            .query_map([workshop_id], |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                    row.get(5)?,
                    row.get(6)?,
                    row.get(7)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(
                |(id, group, team, file_name, checksum, exported_at, content, collected_at)| {
                    Ok(CollectedFile {
                        id,
                        workshop_id: workshop_id.to_string(),
                        group,
                        team,
                        file_name,
                        checksum,
                        exported_at,
                        content,
                        collected_at: parse_timestamp(&collected_at)?,
                    })
                },
            )
            .collect()
    }

    /// Records that a negotiation plays a team of a workshop, with the pack it was joined from.
    pub fn put_joined_team(&mut self, team: &JoinedTeam) -> Result<(), StoreError> {
        let pack = to_json(&team.pack, "team pack")?;
        self.write(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO workshop_team (negotiation_id, workshop_id, group_number, team, pack, joined_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    team.negotiation_id,
                    team.pack.workshop_id,
                    team.pack.group,
                    team.pack.brief.team,
                    pack,
                    timestamp(team.joined_at)
                ],
            )?;
            Ok(())
        })
    }

    pub fn get_joined_team(&self, negotiation_id: &str) -> Result<Option<JoinedTeam>, StoreError> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT pack, joined_at FROM workshop_team WHERE negotiation_id = ?1",
                [negotiation_id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        row.map(|(pack, joined_at)| {
            Ok(JoinedTeam {
                negotiation_id: negotiation_id.to_string(),
                pack: from_json(
                    &pack,
                    format_args!("team pack of negotiation {negotiation_id}"),
                )?,
                joined_at: parse_timestamp(&joined_at)?,
            })
        })
        .transpose()
    }

    /// Every negotiation joined from a team pack, with its pack, by time joined.
    pub fn list_joined_teams(&self) -> Result<Vec<JoinedTeam>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT negotiation_id FROM workshop_team ORDER BY joined_at, negotiation_id",
        )?;
        let ids: Vec<String> = stmt
            .query_map([], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        ids.iter()
            .filter_map(|id| self.get_joined_team(id).transpose())
            .collect()
    }
}
