//! The draft's history (schema 3) and the initialling of versions (schema 7). Revisions are
//! written by [`Store::put_draft`] in the same transaction as the draft itself, so the history
//! can never miss an edit that was saved. The database itself refuses to change a named
//! version, or to change or withdraw an initialling (triggers), whoever asks.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use ssa_core::revision::folds_into_latest;
use ssa_core::template::Draft;

use crate::encoding::{from_json, parse_timestamp, timestamp};
use crate::{Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionSummary {
    pub number: u32,
    /// Set when the user named it: the revision is then a version, never changed.
    pub name: Option<String>,
    pub started_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set when the version was initialled: it is then locked with this fingerprint.
    pub initialled: Option<Initialling>,
}

/// Who initialled a version, when, and the fingerprint of its text at that moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Initialling {
    /// SHA-256 of the version's canonical text, 64 lower-case hexadecimal digits.
    pub fingerprint: String,
    pub initialled_by: String,
    pub initialled_at: DateTime<Utc>,
}

/// Records `content` (the draft's JSON) as the latest revision: folded into the latest one when
/// it is unnamed and recent, otherwise as a new revision.
pub(crate) fn record_revision(
    tx: &Transaction<'_>,
    negotiation_id: &str,
    content: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let latest: Option<(i64, String, Option<String>)> = tx
        .query_row(
            "SELECT number, updated_at, name FROM draft_revision WHERE negotiation_id = ?1
             ORDER BY number DESC LIMIT 1",
            [negotiation_id],
            |row| row.try_into(),
        )
        .optional()?;
    match latest {
        Some((number, updated_at, name))
            if folds_into_latest(parse_timestamp(&updated_at)?, name.is_some(), now) =>
        {
            tx.execute(
                "UPDATE draft_revision SET content = ?3, updated_at = ?4
                 WHERE negotiation_id = ?1 AND number = ?2",
                params![negotiation_id, number, content, timestamp(now)],
            )?;
        }
        latest => {
            let number = latest.map(|(n, _, _)| n + 1).unwrap_or(1);
            tx.execute(
                "INSERT INTO draft_revision (negotiation_id, number, content, started_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?4)",
                params![negotiation_id, number, content, timestamp(now)],
            )?;
        }
    }
    Ok(())
}

impl Store {
    /// The negotiation's revisions, oldest first, with their initialling if any.
    pub fn list_revisions(&self, negotiation_id: &str) -> Result<Vec<RevisionSummary>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.number, r.name, r.started_at, r.updated_at,
                    i.fingerprint, i.initialled_by, i.initialled_at
             FROM draft_revision r
             LEFT JOIN version_initialling i
               ON i.negotiation_id = r.negotiation_id AND i.number = r.number
             WHERE r.negotiation_id = ?1 ORDER BY r.number",
        )?;
        type RevisionRow = (
            i64,
            Option<String>,
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<RevisionRow> = stmt
            .query_map([negotiation_id], |row| RevisionRow::try_from(row))?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(
                |(number, name, started_at, updated_at, fingerprint, by, at)| {
                    let initialled = match (fingerprint, by, at) {
                        (Some(fingerprint), Some(initialled_by), Some(at)) => Some(Initialling {
                            fingerprint,
                            initialled_by,
                            initialled_at: parse_timestamp(&at)?,
                        }),
                        _ => None,
                    };
                    Ok(RevisionSummary {
                        number: number as u32,
                        name,
                        started_at: parse_timestamp(&started_at)?,
                        updated_at: parse_timestamp(&updated_at)?,
                        initialled,
                    })
                },
            )
            .collect()
    }

    /// Records that the named version `number` was initialled. The caller computes the
    /// fingerprint and checks that the version is named and not yet initialled; the database
    /// refuses otherwise all the same.
    pub fn initial_version(
        &mut self,
        negotiation_id: &str,
        number: u32,
        initialling: &Initialling,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO version_initialling
                   (negotiation_id, number, fingerprint, initialled_by, initialled_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    negotiation_id,
                    number,
                    initialling.fingerprint,
                    initialling.initialled_by,
                    timestamp(initialling.initialled_at)
                ],
            )?;
            Ok(())
        })
    }

    /// The draft as it was at revision `number`.
    pub fn get_revision(
        &self,
        negotiation_id: &str,
        number: u32,
    ) -> Result<Option<Draft>, StoreError> {
        let content: Option<String> = self
            .conn
            .query_row(
                "SELECT content FROM draft_revision WHERE negotiation_id = ?1 AND number = ?2",
                params![negotiation_id, number],
                |row| row.get(0),
            )
            .optional()?;
        content
            .map(|c| {
                from_json(
                    &c,
                    format_args!("revision {number} of negotiation {negotiation_id}"),
                )
            })
            .transpose()
    }

    /// Names the latest revision, making it a version; returns its number, or `None` when the
    /// negotiation has no revision yet. The caller checks that the latest is still unnamed.
    pub fn name_latest_revision(
        &mut self,
        negotiation_id: &str,
        name: &str,
    ) -> Result<Option<u32>, StoreError> {
        self.write(|tx| {
            let latest: Option<i64> = tx.query_row(
                "SELECT max(number) FROM draft_revision WHERE negotiation_id = ?1",
                [negotiation_id],
                |row| row.get(0),
            )?;
            let Some(number) = latest else {
                return Ok(None);
            };
            tx.execute(
                "UPDATE draft_revision SET name = ?3 WHERE negotiation_id = ?1 AND number = ?2",
                params![negotiation_id, number, name],
            )?;
            Ok(Some(number as u32))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use ssa_core::negotiation::Shelf;

    use crate::{StoredTemplate, TemplateOrigin};

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, minute, 0).unwrap()
    }

    fn store_with_negotiation() -> (tempfile::TempDir, Store) {
        let (dir, mut store) = crate::test_support::open_store_with_negotiation(Shelf::Bin, at(0));
        store
            .add_template_if_missing(&StoredTemplate {
                id: "model".into(),
                version: "1".into(),
                title: "Model".into(),
                origin: TemplateOrigin::Shipped,
                source: String::new(),
                created_at: at(0),
            })
            .unwrap();
        (dir, store)
    }

    fn draft(months: i64) -> Draft {
        Draft {
            template_id: "model".into(),
            template_version: "1".into(),
            ..Draft::default()
        }
        .with_value("posting.months", months)
    }

    #[test]
    fn edits_close_together_fold_and_a_pause_starts_a_new_revision() {
        let (_dir, mut store) = store_with_negotiation();
        store.put_draft("n1", &draft(12), at(0)).unwrap();
        store.put_draft("n1", &draft(18), at(2)).unwrap();
        store.put_draft("n1", &draft(24), at(30)).unwrap();
        let revisions = store.list_revisions("n1").unwrap();
        assert_eq!(
            revisions.iter().map(|r| r.number).collect::<Vec<_>>(),
            vec![1, 2]
        );
        assert_eq!(
            (revisions[0].started_at, revisions[0].updated_at),
            (at(0), at(2))
        );
        assert_eq!(store.get_revision("n1", 1).unwrap(), Some(draft(18)));
        assert_eq!(store.get_revision("n1", 2).unwrap(), Some(draft(24)));
    }

    #[test]
    fn a_named_version_is_never_changed_and_the_next_edit_starts_a_new_revision() {
        let (_dir, mut store) = store_with_negotiation();
        store.put_draft("n1", &draft(12), at(0)).unwrap();
        assert_eq!(
            store
                .name_latest_revision("n1", "Tabled at round 1")
                .unwrap(),
            Some(1)
        );
        store.put_draft("n1", &draft(36), at(1)).unwrap();
        assert_eq!(store.get_revision("n1", 1).unwrap(), Some(draft(12)));
        assert_eq!(store.get_revision("n1", 2).unwrap(), Some(draft(36)));

        // The store itself refuses to change or delete a version, whoever asks.
        let update = store.conn.execute(
            "UPDATE draft_revision SET content = '{}' WHERE negotiation_id = 'n1' AND number = 1",
            [],
        );
        assert!(update
            .unwrap_err()
            .to_string()
            .contains("cannot be changed"));
        let delete = store.conn.execute(
            "DELETE FROM draft_revision WHERE negotiation_id = 'n1' AND number = 1",
            [],
        );
        assert!(delete
            .unwrap_err()
            .to_string()
            .contains("cannot be deleted"));
        assert_eq!(store.get_revision("n1", 1).unwrap(), Some(draft(12)));
    }

    fn initialling(by: &str) -> Initialling {
        Initialling {
            fingerprint: "ab".repeat(32),
            initialled_by: by.into(),
            initialled_at: at(3),
        }
    }

    #[test]
    fn deleting_a_negotiation_for_good_takes_its_versions_with_it() {
        let (_dir, mut store) = store_with_negotiation();
        store.put_draft("n1", &draft(12), at(0)).unwrap();
        store.name_latest_revision("n1", "v1").unwrap();
        store
            .initial_version("n1", 1, &initialling("A. Negotiator"))
            .unwrap();
        assert!(store.delete_from_bin("n1").unwrap());
        assert_eq!(store.list_revisions("n1").unwrap(), vec![]);
    }

    #[test]
    fn an_initialled_version_is_listed_with_its_fingerprint_and_the_store_refuses_to_change_it() {
        let (_dir, mut store) = store_with_negotiation();
        store.put_draft("n1", &draft(12), at(0)).unwrap();
        store.name_latest_revision("n1", "Initialled text").unwrap();
        store
            .initial_version("n1", 1, &initialling("A. Negotiator"))
            .unwrap();
        let listed = store.list_revisions("n1").unwrap();
        assert_eq!(listed[0].initialled, Some(initialling("A. Negotiator")));

        // Neither the initialling nor the version's text can be changed or withdrawn by SQL.
        for (sql, refusal) in [
            (
                "UPDATE version_initialling SET fingerprint = 'x' WHERE number = 1",
                "cannot be changed",
            ),
            (
                "DELETE FROM version_initialling WHERE number = 1",
                "cannot be un-initialled",
            ),
            (
                "UPDATE draft_revision SET content = '{}' WHERE number = 1",
                "cannot be changed",
            ),
            (
                "DELETE FROM draft_revision WHERE number = 1",
                "cannot be deleted",
            ),
        ] {
            let error = store.conn.execute(sql, []).unwrap_err().to_string();
            assert!(error.contains(refusal), "{sql}: {error}");
        }
        // Initialling twice is refused too.
        assert!(store
            .initial_version("n1", 1, &initialling("Someone else"))
            .is_err());
        assert_eq!(store.list_revisions("n1").unwrap(), listed);
        assert_eq!(store.get_revision("n1", 1).unwrap(), Some(draft(12)));

        // The draft moves on in new revisions.
        store.put_draft("n1", &draft(36), at(4)).unwrap();
        assert_eq!(store.list_revisions("n1").unwrap().len(), 2);
    }

    #[test]
    fn only_a_named_version_can_be_initialled() {
        let (_dir, mut store) = store_with_negotiation();
        store.put_draft("n1", &draft(12), at(0)).unwrap();
        let error = store
            .initial_version("n1", 1, &initialling("A. Negotiator"))
            .unwrap_err();
        assert!(
            error.to_string().contains("only a named version"),
            "{error}"
        );
        assert_eq!(store.list_revisions("n1").unwrap()[0].initialled, None);
    }
}
