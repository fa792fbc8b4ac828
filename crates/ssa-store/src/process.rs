//! Process definitions and each negotiation's progress through one.
//!
//! Definitions are stored as their file text (what an export writes back out), keyed by id and
//! version, and never changed once stored: a negotiation's progress points at the exact version
//! it uses. Progress is the JSON of [`ssa_core::process::progress::Progress`]; saving it is an
//! edit of the negotiation, so the negotiation's "last edited" time (and, when given, its
//! current step) change in the same transaction.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use ssa_core::process::progress::Progress;

use crate::encoding::{from_json, parse_timestamp, timestamp, to_json};
use crate::{Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProcessOrigin {
    /// Shipped with the app (assets/process), seeded at start.
    Shipped,
    /// Imported from a file.
    Imported,
}

impl ProcessOrigin {
    pub fn as_str(self) -> &'static str {
        match self {
            ProcessOrigin::Shipped => "shipped",
            ProcessOrigin::Imported => "imported",
        }
    }

    fn parse(text: &str) -> Result<ProcessOrigin, StoreError> {
        match text {
            "shipped" => Ok(ProcessOrigin::Shipped),
            "imported" => Ok(ProcessOrigin::Imported),
            other => Err(StoreError::InvalidData(format!(
                "process origin \"{other}\""
            ))),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredProcess {
    pub id: String,
    pub version: String,
    pub title: String,
    pub origin: ProcessOrigin,
    /// The process file's text.
    pub source: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredProgress {
    pub process_id: String,
    pub process_version: String,
    pub progress: Progress,
    pub updated_at: DateTime<Utc>,
}

const PROCESS_COLUMNS: &str = "id, version, title, origin, source, created_at";

type ProcessRow = (String, String, String, String, String, String);

fn into_process(
    (id, version, title, origin, source, created_at): ProcessRow,
) -> Result<StoredProcess, StoreError> {
    Ok(StoredProcess {
        origin: ProcessOrigin::parse(&origin)?,
        created_at: parse_timestamp(&created_at)?,
        id,
        version,
        title,
        source,
    })
}

impl Store {
    /// Stores a process definition unless one with the same id and version is already there;
    /// returns whether it was added.
    pub fn add_process_if_missing(&mut self, process: &StoredProcess) -> Result<bool, StoreError> {
        self.write(|tx| {
            Ok(tx.execute(
                &format!("INSERT OR IGNORE INTO process_definition ({PROCESS_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
                params![
                    process.id,
                    process.version,
                    process.title,
                    process.origin.as_str(),
                    process.source,
                    timestamp(process.created_at)
                ],
            )? == 1)
        })
    }

    /// All process definitions, by id then version (as text; callers order versions).
    pub fn list_processes(&self) -> Result<Vec<StoredProcess>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {PROCESS_COLUMNS} FROM process_definition ORDER BY id, version"
        ))?;
        let rows: Vec<ProcessRow> = stmt
            .query_map([], |row| ProcessRow::try_from(row))?
            .collect::<Result<_, _>>()?;
        rows.into_iter().map(into_process).collect()
    }

    pub fn get_process(
        &self,
        id: &str,
        version: &str,
    ) -> Result<Option<StoredProcess>, StoreError> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {PROCESS_COLUMNS} FROM process_definition WHERE id = ?1 AND version = ?2"
                ),
                params![id, version],
                |row| ProcessRow::try_from(row),
            )
            .optional()?
            .map(into_process)
            .transpose()
    }

    /// How many negotiations follow this process version.
    pub fn negotiations_using_process(&self, id: &str, version: &str) -> Result<usize, StoreError> {
        let count: i64 = self.conn.query_row(
            "SELECT count(*) FROM process_progress WHERE process_id = ?1 AND process_version = ?2",
            params![id, version],
            |row| row.get(0),
        )?;
        Ok(count as usize)
    }

    pub fn get_progress(&self, negotiation_id: &str) -> Result<Option<StoredProgress>, StoreError> {
        let row: Option<(String, String, String, String)> = self
            .conn
            .query_row(
                "SELECT process_id, process_version, content, updated_at
                 FROM process_progress WHERE negotiation_id = ?1",
                [negotiation_id],
                |row| row.try_into(),
            )
            .optional()?;
        let Some((process_id, process_version, content, updated_at)) = row else {
            return Ok(None);
        };
        Ok(Some(StoredProgress {
            process_id,
            process_version,
            progress: from_json(
                &content,
                format_args!("process progress of negotiation {negotiation_id}"),
            )?,
            updated_at: parse_timestamp(&updated_at)?,
        }))
    }

    /// Saves a negotiation's progress on the given process version (creating or replacing it)
    /// and, with `current_step`, moves the negotiation's current step, all in one transaction.
    /// Returns false if there is no such negotiation.
    pub fn put_progress(
        &mut self,
        negotiation_id: &str,
        process_id: &str,
        process_version: &str,
        progress: &Progress,
        current_step: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let content = to_json(progress, "progress")?;
        self.write(|tx| {
            let touched = tx.execute(
                "UPDATE negotiation SET updated_at = ?2, current_step = coalesce(?3, current_step)
                 WHERE id = ?1",
                params![negotiation_id, timestamp(now), current_step],
            )?;
            if touched == 0 {
                return Ok(false);
            }
            tx.execute(
                "INSERT INTO process_progress
                   (negotiation_id, process_id, process_version, content, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (negotiation_id) DO UPDATE SET
                   process_id = excluded.process_id, process_version = excluded.process_version,
                   content = excluded.content, updated_at = excluded.updated_at",
                params![
                    negotiation_id,
                    process_id,
                    process_version,
                    content,
                    timestamp(now)
                ],
            )?;
            Ok(true)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use ssa_core::negotiation::Shelf;
    use ssa_core::process::progress::ItemAnswer;

    fn at(second: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, second).unwrap()
    }

    use crate::test_support::open_store as store;

    fn store_with_negotiation() -> (tempfile::TempDir, Store) {
        crate::test_support::open_store_with_negotiation(Shelf::Active, at(0))
    }

    fn process(version: &str) -> StoredProcess {
        StoredProcess {
            id: "steps".into(),
            version: version.into(),
            title: "Steps".into(),
            origin: ProcessOrigin::Shipped,
            source: "format = \"ssa-process/1\"".into(),
            created_at: at(0),
        }
    }

    #[test]
    fn a_definition_is_stored_once_per_version() {
        let (_dir, mut store) = store();
        assert!(store.add_process_if_missing(&process("1")).unwrap());
        assert!(!store.add_process_if_missing(&process("1")).unwrap());
        assert!(store.add_process_if_missing(&process("2")).unwrap());
        assert_eq!(store.list_processes().unwrap().len(), 2);
        assert_eq!(
            store.get_process("steps", "2").unwrap().unwrap(),
            process("2")
        );
        assert_eq!(store.get_process("steps", "3").unwrap(), None);
    }

    #[test]
    fn progress_is_saved_with_the_current_step_in_one_edit() {
        let (_dir, mut store) = store_with_negotiation();
        store.add_process_if_missing(&process("1")).unwrap();
        assert_eq!(store.get_progress("n1").unwrap(), None);
        let mut progress = Progress::default();
        progress.answers.insert(
            "need-data".into(),
            ItemAnswer {
                done: true,
                who: "A".into(),
                ..ItemAnswer::default()
            },
        );
        assert!(store
            .put_progress("n1", "steps", "1", &progress, None, at(3))
            .unwrap());
        assert!(store
            .put_progress("n1", "steps", "1", &progress, Some("feasibility"), at(4))
            .unwrap());
        let stored = store.get_progress("n1").unwrap().unwrap();
        assert_eq!(stored.progress, progress);
        assert_eq!(stored.updated_at, at(4));
        let negotiation = store.get_negotiation("n1").unwrap().unwrap();
        assert_eq!(negotiation.current_step, "feasibility");
        assert_eq!(negotiation.updated_at, at(4));
        assert_eq!(store.negotiations_using_process("steps", "1").unwrap(), 1);
        assert!(!store
            .put_progress("missing", "steps", "1", &progress, None, at(5))
            .unwrap());
    }

    #[test]
    fn progress_must_name_a_stored_definition_and_a_refusal_changes_nothing() {
        let (_dir, mut store) = store_with_negotiation();
        assert!(store
            .put_progress("n1", "nowhere", "1", &Progress::default(), Some("x"), at(1))
            .is_err());
        assert_eq!(store.get_progress("n1").unwrap(), None);
        let negotiation = store.get_negotiation("n1").unwrap().unwrap();
        assert_eq!(
            (negotiation.current_step.as_str(), negotiation.updated_at),
            ("need", at(0))
        );
    }
}
