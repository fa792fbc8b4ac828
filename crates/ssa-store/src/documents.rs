//! The step documents (schema 4): the feasibility study, the signature and ratification record
//! and the monitoring record, one row each per negotiation, stored as the JSON of their ssa-core
//! types; and the administrative arrangement's draft, which names its template like the
//! agreement's draft does (the foreign key keeps that template from being deleted).
//!
//! Saving a document is an edit of the negotiation: it moves the negotiation's "last edited"
//! time in the same transaction.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::de::DeserializeOwned;
use serde::Serialize;
use ssa_core::template::Draft;

use crate::negotiations::timestamp;
use crate::{Store, StoreError};

/// Which step document; each has its own table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepDocument {
    Feasibility,
    Ratification,
    Monitoring,
}

impl StepDocument {
    fn table(self) -> &'static str {
        match self {
            StepDocument::Feasibility => "feasibility_document",
            StepDocument::Ratification => "ratification_document",
            StepDocument::Monitoring => "monitoring_document",
        }
    }

    fn name(self) -> &'static str {
        match self {
            StepDocument::Feasibility => "feasibility study",
            StepDocument::Ratification => "ratification record",
            StepDocument::Monitoring => "monitoring record",
        }
    }
}

/// Marks the negotiation edited; false when there is no such negotiation.
fn touch(
    tx: &Transaction<'_>,
    negotiation_id: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    Ok(tx.execute(
        "UPDATE negotiation SET updated_at = ?2 WHERE id = ?1",
        params![negotiation_id, timestamp(now)],
    )? == 1)
}

impl Store {
    /// The stored document, or `None` when the team has not written any of it yet.
    pub fn get_step_document<T: DeserializeOwned>(
        &self,
        kind: StepDocument,
        negotiation_id: &str,
    ) -> Result<Option<T>, StoreError> {
        let content: Option<String> = self
            .conn
            .query_row(
                &format!(
                    "SELECT content FROM {} WHERE negotiation_id = ?1",
                    kind.table()
                ),
                [negotiation_id],
                |row| row.get(0),
            )
            .optional()?;
        content
            .map(|c| {
                serde_json::from_str(&c).map_err(|e| {
                    StoreError::InvalidData(format!(
                        "{} of negotiation {negotiation_id}: {e}",
                        kind.name()
                    ))
                })
            })
            .transpose()
    }

    /// Saves the document (creating or replacing it); false if there is no such negotiation.
    pub fn put_step_document<T: Serialize>(
        &mut self,
        kind: StepDocument,
        negotiation_id: &str,
        document: &T,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let content = serde_json::to_string(document).map_err(|e| {
            StoreError::InvalidData(format!("{} cannot be stored: {e}", kind.name()))
        })?;
        self.write(|tx| {
            if !touch(tx, negotiation_id, now)? {
                return Ok(false);
            }
            tx.execute(
                &format!(
                    "INSERT INTO {} (negotiation_id, content, updated_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (negotiation_id) DO UPDATE SET
                       content = excluded.content, updated_at = excluded.updated_at",
                    kind.table()
                ),
                params![negotiation_id, content, timestamp(now)],
            )?;
            Ok(true)
        })
    }

    pub fn get_arrangement_draft(&self, negotiation_id: &str) -> Result<Option<Draft>, StoreError> {
        let content: Option<String> = self
            .conn
            .query_row(
                "SELECT content FROM arrangement_draft WHERE negotiation_id = ?1",
                [negotiation_id],
                |row| row.get(0),
            )
            .optional()?;
        content
            .map(|c| {
                serde_json::from_str(&c).map_err(|e| {
                    StoreError::InvalidData(format!(
                        "administrative arrangement of negotiation {negotiation_id}: {e}"
                    ))
                })
            })
            .transpose()
    }

    /// Saves the arrangement's draft; false if there is no such negotiation. Refused by the
    /// foreign key when the draft names a template that is not stored.
    pub fn put_arrangement_draft(
        &mut self,
        negotiation_id: &str,
        draft: &Draft,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let content = serde_json::to_string(draft).map_err(|e| {
            StoreError::InvalidData(format!("arrangement draft cannot be stored: {e}"))
        })?;
        self.write(|tx| {
            if !touch(tx, negotiation_id, now)? {
                return Ok(false);
            }
            tx.execute(
                "INSERT INTO arrangement_draft
                   (negotiation_id, template_id, template_version, content, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (negotiation_id) DO UPDATE SET
                   template_id = excluded.template_id, template_version = excluded.template_version,
                   content = excluded.content, updated_at = excluded.updated_at",
                params![
                    negotiation_id,
                    draft.template_id,
                    draft.template_version,
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
    use crate::{StoredTemplate, TemplateOrigin};
    use chrono::TimeZone;
    use ssa_core::documents::branch::Branch;
    use ssa_core::documents::feasibility::{Coverage, Feasibility, SchemeRow};
    use ssa_core::documents::monitoring::Monitoring;
    use ssa_core::negotiation::Shelf;

    fn at(second: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 11, 0, second).unwrap()
    }

    fn store_with_negotiation() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(
            &dir.path().join("db.sqlite3"),
            &dir.path().join("backup.sqlite3"),
        )
        .unwrap();
        store
            .insert_negotiation(&crate::test_support::negotiation(
                "n1",
                Shelf::Active,
                at(0),
            ))
            .unwrap();
        (dir, store)
    }

    #[test]
    fn a_document_is_saved_replaced_and_read_back() {
        let (_dir, mut store) = store_with_negotiation();
        let none: Option<Feasibility> = store
            .get_step_document(StepDocument::Feasibility, "n1")
            .unwrap();
        assert_eq!(none, None);
        let mut study = Feasibility::default();
        study.schemes.push(SchemeRow::empty(Branch::OldAge, "XA"));
        assert!(store
            .put_step_document(StepDocument::Feasibility, "n1", &study, at(3))
            .unwrap());
        study.coverage.insert(Branch::OldAge, Coverage::NotCovered);
        assert!(store
            .put_step_document(StepDocument::Feasibility, "n1", &study, at(4))
            .unwrap());
        let back: Feasibility = store
            .get_step_document(StepDocument::Feasibility, "n1")
            .unwrap()
            .unwrap();
        assert_eq!(back, study);
        assert_eq!(
            store.get_negotiation("n1").unwrap().unwrap().updated_at,
            at(4)
        );
        // Each document has its own table.
        let other: Option<Monitoring> = store
            .get_step_document(StepDocument::Monitoring, "n1")
            .unwrap();
        assert_eq!(other, None);
        assert!(!store
            .put_step_document(
                StepDocument::Monitoring,
                "missing",
                &Monitoring::default(),
                at(5)
            )
            .unwrap());
    }

    #[test]
    fn documents_leave_with_their_negotiation() {
        let (_dir, mut store) = store_with_negotiation();
        store
            .put_step_document(
                StepDocument::Ratification,
                "n1",
                &Feasibility::default(),
                at(1),
            )
            .unwrap();
        store.set_shelf("n1", Shelf::Bin).unwrap();
        assert!(store.delete_from_bin("n1").unwrap());
        let gone: Option<Feasibility> = store
            .get_step_document(StepDocument::Ratification, "n1")
            .unwrap();
        assert_eq!(gone, None);
    }

    #[test]
    fn an_arrangement_draft_must_name_a_stored_template() {
        let (_dir, mut store) = store_with_negotiation();
        let draft = Draft {
            template_id: "arrangement".into(),
            template_version: "1".into(),
            ..Draft::default()
        };
        assert!(store.put_arrangement_draft("n1", &draft, at(1)).is_err());
        assert_eq!(store.get_arrangement_draft("n1").unwrap(), None);
        store
            .add_template_if_missing(&StoredTemplate {
                id: "arrangement".into(),
                version: "1".into(),
                title: "Arrangement".into(),
                origin: TemplateOrigin::Shipped,
                source: String::new(),
                created_at: at(0),
            })
            .unwrap();
        assert!(store.put_arrangement_draft("n1", &draft, at(2)).unwrap());
        assert_eq!(store.get_arrangement_draft("n1").unwrap(), Some(draft));
        // The agreement's draft is untouched: the arrangement is a second draft.
        assert_eq!(store.get_draft("n1").unwrap(), None);
    }
}
