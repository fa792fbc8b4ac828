//! The step documents (schema 5): the feasibility study, the signature and ratification record
//! and the monitoring record, one row each per negotiation, stored as the JSON of their ssa-core
//! types; and the administrative arrangement's draft, which names its template like the
//! agreement's draft does (the foreign key keeps that template from being deleted).
//!
//! Saving a document is an edit of the negotiation: it moves the negotiation's "last edited"
//! time in the same transaction.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;
use ssa_core::template::Draft;

use crate::encoding::{from_json, timestamp, to_json};
use crate::negotiations::mark_edited;
use crate::templates::save_draft;
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

/// The negotiation's document in `table` (one JSON `content` per negotiation), or `None` when
/// there is none; `what` names it in the error when it cannot be read.
pub(crate) fn read_document<T: DeserializeOwned>(
    conn: &Connection,
    table: &'static str,
    negotiation_id: &str,
    what: &str,
) -> Result<Option<T>, StoreError> {
    let content: Option<String> = conn
        .query_row(
            &format!("SELECT content FROM {table} WHERE negotiation_id = ?1"),
            [negotiation_id],
            |row| row.get(0),
        )
        .optional()?;
    content
        .map(|c| from_json(&c, format_args!("{what} of negotiation {negotiation_id}")))
        .transpose()
}

impl Store {
    /// The stored document, or `None` when the team has not written any of it yet.
    pub fn get_step_document<T: DeserializeOwned>(
        &self,
        kind: StepDocument,
        negotiation_id: &str,
    ) -> Result<Option<T>, StoreError> {
        read_document(&self.conn, kind.table(), negotiation_id, kind.name())
    }

    /// Saves the document (creating or replacing it); false if there is no such negotiation.
    pub fn put_step_document<T: Serialize>(
        &mut self,
        kind: StepDocument,
        negotiation_id: &str,
        document: &T,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let content = to_json(document, kind.name())?;
        self.write(|tx| {
            if !mark_edited(tx, negotiation_id, now)? {
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
        read_document(
            &self.conn,
            "arrangement_draft",
            negotiation_id,
            "administrative arrangement",
        )
    }

    /// Saves the arrangement's draft; false if there is no such negotiation. Refused by the
    /// foreign key when the draft names a template that is not stored.
    pub fn put_arrangement_draft(
        &mut self,
        negotiation_id: &str,
        draft: &Draft,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let content = to_json(draft, "arrangement draft")?;
        self.write(|tx| {
            save_draft(
                tx,
                "arrangement_draft",
                negotiation_id,
                draft,
                &content,
                now,
            )
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
        crate::test_support::open_store_with_negotiation(Shelf::Active, at(0))
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
