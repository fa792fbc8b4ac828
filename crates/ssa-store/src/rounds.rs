//! Rounds, positions, comments, the mandate and exchange records (schema 6).
//! Reads are plain queries; every write is one transaction. Delegations, action items, their
//! proposal and mandate entries are stored as JSON: they are always read and written whole.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use ssa_core::mandate::MandateEntry;
use ssa_core::rounds::{Position, PositionStatus, Round, TheirProposal};

use crate::encoding::{from_json, parse_optional_timestamp, parse_timestamp, timestamp};
use crate::{Store, StoreError};

/// An internal comment on an article; a reply names the comment it answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredComment {
    pub id: String,
    pub node_id: String,
    pub parent_id: Option<String>,
    pub author: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
}

/// A counterpart's exchange file as imported: the file kept whole, never changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredImport {
    pub id: String,
    pub negotiation_id: String,
    pub round_id: String,
    pub file_name: String,
    pub sender: String,
    pub sender_name: String,
    pub exported_at: String,
    pub version_label: String,
    pub checksum: String,
    pub content: String,
    pub imported_at: DateTime<Utc>,
    /// The fingerprint of the key that signed the file (None: not signed), and whether that key
    /// was trusted for the sender when the file was imported (schema 8).
    pub signer: Option<(String, bool)>,
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("stored values always serialise")
}

const POSITION_COLUMNS: &str = "p.round_id, p.node_id, p.status, p.ours, p.ours_at, p.theirs, \
     p.theirs_at, p.agreed, p.justification, p.shared, p.updated_at, r.number";

type PositionRow = (
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    bool,
    String,
    u32,
);

fn into_position(
    (
        round_id,
        node_id,
        status,
        ours,
        ours_at,
        theirs,
        theirs_at,
        agreed,
        justification,
        shared,
        updated_at,
        round_number,
    ): PositionRow,
) -> Result<(u32, Position), StoreError> {
    let status = PositionStatus::parse(&status).ok_or_else(|| {
        StoreError::InvalidData(format!("status \"{status}\" of the position on {node_id}"))
    })?;
    let theirs: Option<TheirProposal> = theirs
        .map(|t| from_json(&t, format_args!("their proposal on {node_id}")))
        .transpose()?;
    Ok((
        round_number,
        Position {
            round_id,
            node_id,
            status,
            ours,
            ours_at: parse_optional_timestamp(ours_at)?,
            theirs,
            theirs_at: parse_optional_timestamp(theirs_at)?,
            agreed,
            justification,
            shared,
            updated_at: parse_timestamp(&updated_at)?,
        },
    ))
}

/// Opens round `id` of the negotiation as the next number; returns the number.
fn open_round_in(
    tx: &Transaction<'_>,
    negotiation_id: &str,
    id: &str,
    now: DateTime<Utc>,
) -> Result<u32, StoreError> {
    let number: u32 = tx.query_row(
        "SELECT coalesce(max(number), 0) + 1 FROM round WHERE negotiation_id = ?1",
        [negotiation_id],
        |row| row.get(0),
    )?;
    tx.execute(
        "INSERT INTO round (id, negotiation_id, number, updated_at) VALUES (?1, ?2, ?3, ?4)",
        params![id, negotiation_id, number, timestamp(now)],
    )?;
    Ok(number)
}

/// Binds the negotiation to an agreement id unless it is bound already.
fn bind_exchange_identity_in(
    tx: &Transaction<'_>,
    negotiation_id: &str,
    agreement_id: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT OR IGNORE INTO exchange_identity (negotiation_id, agreement_id, bound_at)
         VALUES (?1, ?2, ?3)",
        params![negotiation_id, agreement_id, timestamp(now)],
    )?;
    Ok(())
}

fn put_position_in(tx: &Transaction<'_>, position: &Position) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO position (round_id, node_id, status, ours, ours_at, theirs, theirs_at,
             agreed, justification, shared, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (round_id, node_id) DO UPDATE SET status = ?3, ours = ?4, ours_at = ?5,
             theirs = ?6, theirs_at = ?7, agreed = ?8, justification = ?9, shared = ?10,
             updated_at = ?11",
        params![
            position.round_id,
            position.node_id,
            position.status.as_str(),
            position.ours,
            position.ours_at.map(timestamp),
            position.theirs.as_ref().map(json),
            position.theirs_at.map(timestamp),
            position.agreed,
            position.justification,
            position.shared,
            timestamp(position.updated_at),
        ],
    )?;
    Ok(())
}

impl Store {
    /// The negotiation's rounds, by number.
    pub fn list_rounds(&self, negotiation_id: &str) -> Result<Vec<Round>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, number, held_on, place, delegations, agenda, minutes, action_items
             FROM round WHERE negotiation_id = ?1 ORDER BY number",
        )?;
        // The JSON columns are read as text and parsed after, so a bad value is reported as
        // invalid data naming the round rather than as an SQLite conversion error.
        let rows: Vec<(Round, String, String)> = stmt
            .query_map([negotiation_id], |row| {
                Ok((
                    Round {
                        id: row.get(0)?,
                        number: row.get(1)?,
                        held_on: row.get(2)?,
                        place: row.get(3)?,
                        delegations: Vec::new(),
                        agenda: row.get(5)?,
                        minutes: row.get(6)?,
                        action_items: Vec::new(),
                    },
                    row.get(4)?,
                    row.get(7)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(mut round, delegations, items)| {
                round.delegations = from_json(
                    &delegations,
                    format_args!("delegations of round {}", round.id),
                )?;
                round.action_items =
                    from_json(&items, format_args!("action items of round {}", round.id))?;
                Ok(round)
            })
            .collect()
    }

    /// Adds a round as the next number; returns the round stored.
    pub fn add_round(
        &mut self,
        negotiation_id: &str,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<Round, StoreError> {
        let number = self.write(|tx| open_round_in(tx, negotiation_id, id, now))?;
        Ok(Round {
            id: id.into(),
            number,
            held_on: String::new(),
            place: String::new(),
            delegations: vec![],
            agenda: String::new(),
            minutes: String::new(),
            action_items: vec![],
        })
    }

    /// Saves a round's particulars (its number never changes); false when there is no such round.
    pub fn put_round(
        &mut self,
        negotiation_id: &str,
        round: &Round,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE round SET held_on = ?3, place = ?4, delegations = ?5, agenda = ?6,
                     minutes = ?7, action_items = ?8, updated_at = ?9
                 WHERE id = ?1 AND negotiation_id = ?2",
                params![
                    round.id,
                    negotiation_id,
                    round.held_on,
                    round.place,
                    json(&round.delegations),
                    round.agenda,
                    round.minutes,
                    json(&round.action_items),
                    timestamp(now)
                ],
            )?;
            Ok(changed == 1)
        })
    }

    /// Every position of the negotiation with its round's number, by round then article.
    pub fn list_positions(&self, negotiation_id: &str) -> Result<Vec<(u32, Position)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {POSITION_COLUMNS} FROM position p JOIN round r ON r.id = p.round_id
             WHERE r.negotiation_id = ?1 ORDER BY r.number, p.node_id"
        ))?;
        let rows: Vec<PositionRow> = stmt
            .query_map([negotiation_id], |row| PositionRow::try_from(row))?
            .collect::<Result<_, _>>()?;
        rows.into_iter().map(into_position).collect()
    }

    /// Inserts or replaces the position on one article in one round.
    pub fn put_position(&mut self, position: &Position) -> Result<(), StoreError> {
        self.write(|tx| put_position_in(tx, position))
    }

    pub fn list_comments(&self, negotiation_id: &str) -> Result<Vec<StoredComment>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, node_id, parent_id, author, body, created_at, resolved_at FROM comment
             WHERE negotiation_id = ?1 ORDER BY created_at, id",
        )?;
        type CommentRow = (
            String,
            String,
            Option<String>,
            String,
            String,
            String,
            Option<String>,
        );
        let rows: Vec<CommentRow> = stmt
            .query_map([negotiation_id], |row| CommentRow::try_from(row))?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(
                |(id, node_id, parent_id, author, body, created, resolved)| {
                    Ok(StoredComment {
                        id,
                        node_id,
                        parent_id,
                        author,
                        body,
                        created_at: parse_timestamp(&created)?,
                        resolved_at: parse_optional_timestamp(resolved)?,
                    })
                },
            )
            .collect()
    }

    pub fn add_comment(
        &mut self,
        negotiation_id: &str,
        comment: &StoredComment,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO comment (id, negotiation_id, node_id, parent_id, author, body,
                     created_at, resolved_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL)",
                params![
                    comment.id,
                    negotiation_id,
                    comment.node_id,
                    comment.parent_id,
                    comment.author,
                    comment.body,
                    timestamp(comment.created_at)
                ],
            )?;
            Ok(())
        })
    }

    /// Resolves (with the time) or reopens (`None`) a comment; false when there is none.
    pub fn set_comment_resolved(
        &mut self,
        negotiation_id: &str,
        comment_id: &str,
        resolved_at: Option<DateTime<Utc>>,
    ) -> Result<bool, StoreError> {
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE comment SET resolved_at = ?3 WHERE negotiation_id = ?1 AND id = ?2",
                params![negotiation_id, comment_id, resolved_at.map(timestamp)],
            )? == 1)
        })
    }

    pub fn list_mandate(&self, negotiation_id: &str) -> Result<Vec<MandateEntry>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT node_id, content FROM mandate_entry WHERE negotiation_id = ?1 ORDER BY node_id",
        )?;
        let rows: Vec<(String, String)> = stmt
            .query_map([negotiation_id], |row| row.try_into())?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(node, content)| from_json(&content, format_args!("mandate on {node}")))
            .collect()
    }

    /// Saves the mandate on one article; an empty entry is removed.
    pub fn put_mandate_entry(
        &mut self,
        negotiation_id: &str,
        entry: &MandateEntry,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            if entry.is_empty() {
                tx.execute(
                    "DELETE FROM mandate_entry WHERE negotiation_id = ?1 AND node_id = ?2",
                    params![negotiation_id, entry.node_id],
                )?;
            } else {
                tx.execute(
                    "INSERT INTO mandate_entry (negotiation_id, node_id, content, updated_at)
                     VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (negotiation_id, node_id) DO UPDATE SET content = ?3, updated_at = ?4",
                    params![negotiation_id, entry.node_id, json(entry), timestamp(now)],
                )?;
            }
            Ok(())
        })
    }

    /// The agreement id this negotiation is exchanged under, once bound.
    pub fn exchange_identity(&self, negotiation_id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT agreement_id FROM exchange_identity WHERE negotiation_id = ?1",
                [negotiation_id],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// The negotiations bound to an agreement id.
    pub fn negotiations_with_exchange_identity(
        &self,
        agreement_id: &str,
    ) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT negotiation_id FROM exchange_identity WHERE agreement_id = ?1",
        )?;
        let ids = stmt
            .query_map([agreement_id], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(ids)
    }

    /// Binds the negotiation to an agreement id unless it is bound already.
    pub fn bind_exchange_identity(
        &mut self,
        negotiation_id: &str,
        agreement_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(|tx| bind_exchange_identity_in(tx, negotiation_id, agreement_id, now))
    }

    /// Records an imported file and their proposals from it in one transaction, binding the
    /// negotiation's exchange identity if it was not bound yet, and first opening the round
    /// `record.round_id` (as the next number) when `open_round` says it does not exist yet.
    pub fn record_import(
        &mut self,
        record: &StoredImport,
        agreement_id: &str,
        positions: &[Position],
        open_round: bool,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            if open_round {
                open_round_in(
                    tx,
                    &record.negotiation_id,
                    &record.round_id,
                    record.imported_at,
                )?;
            }
            bind_exchange_identity_in(
                tx,
                &record.negotiation_id,
                agreement_id,
                record.imported_at,
            )?;
            tx.execute(
                "INSERT INTO exchange_import (id, negotiation_id, round_id, file_name, sender,
                     sender_name, exported_at, version_label, checksum, content, imported_at,
                     signer_fingerprint, signer_trusted)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                params![
                    record.id,
                    record.negotiation_id,
                    record.round_id,
                    record.file_name,
                    record.sender,
                    record.sender_name,
                    record.exported_at,
                    record.version_label,
                    record.checksum,
                    record.content,
                    timestamp(record.imported_at),
                    record.signer.as_ref().map(|(f, _)| f.as_str()),
                    record.signer.as_ref().is_some_and(|(_, trusted)| *trusted)
                ],
            )?;
            for position in positions {
                put_position_in(tx, position)?;
            }
            Ok(())
        })
    }

    /// Imported files of the negotiation, oldest first.
    pub fn list_imports(&self, negotiation_id: &str) -> Result<Vec<StoredImport>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, negotiation_id, round_id, file_name, sender, sender_name, exported_at,
                 version_label, checksum, content, imported_at, signer_fingerprint, signer_trusted
             FROM exchange_import WHERE negotiation_id = ?1 ORDER BY imported_at, id",
        )?;
        let rows: Vec<(StoredImport, String)> = stmt
            .query_map([negotiation_id], |row| {
                Ok((
                    StoredImport {
                        id: row.get(0)?,
                        negotiation_id: row.get(1)?,
                        round_id: row.get(2)?,
                        file_name: row.get(3)?,
                        sender: row.get(4)?,
                        sender_name: row.get(5)?,
                        exported_at: row.get(6)?,
                        version_label: row.get(7)?,
                        checksum: row.get(8)?,
                        content: row.get(9)?,
                        imported_at: DateTime::<Utc>::MIN_UTC,
                        signer: row
                            .get::<_, Option<String>>(11)?
                            .map(|f| Ok::<_, rusqlite::Error>((f, row.get(12)?)))
                            .transpose()?,
                    },
                    row.get(10)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(mut record, imported_at)| {
                record.imported_at = parse_timestamp(&imported_at)?;
                Ok(record)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use ssa_core::mandate::Limit;
    use ssa_core::negotiation::Shelf;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, minute, 0).unwrap()
    }

    fn store() -> (tempfile::TempDir, Store) {
        crate::test_support::open_store_with_negotiation(Shelf::Bin, at(0))
    }

    #[test]
    fn rounds_number_themselves_and_keep_their_particulars() {
        let (_dir, mut store) = store();
        assert_eq!(store.add_round("n1", "r1", at(0)).unwrap().number, 1);
        let mut second = store.add_round("n1", "r2", at(1)).unwrap();
        assert_eq!(second.number, 2);
        second.place = "Geneva".into();
        second.action_items.push(ssa_core::rounds::ActionItem {
            text: "Send figures".into(),
            owner: "Actuary".into(),
            due: "2026-12-01".into(),
            done: false,
        });
        assert!(store.put_round("n1", &second, at(2)).unwrap());
        assert_eq!(store.list_rounds("n1").unwrap()[1], second);
        assert!(!store.put_round("other", &second, at(2)).unwrap());
    }

    #[test]
    fn positions_comments_and_the_mandate_round_trip() {
        let (_dir, mut store) = store();
        store.add_round("n1", "r1", at(0)).unwrap();
        let mut position = Position::open("r1", "art.1", at(1));
        position.theirs = Some(TheirProposal {
            text: "Theirs".into(),
            values: [("posting.months".into(), 36i64.into())].into(),
            omits: false,
            ..TheirProposal::default()
        });
        position.theirs_at = Some(at(1));
        store.put_position(&position).unwrap();
        position.status = PositionStatus::Deferred;
        store.put_position(&position).unwrap();
        assert_eq!(store.list_positions("n1").unwrap(), vec![(1, position)]);

        let comment = StoredComment {
            id: "c1".into(),
            node_id: "art.1".into(),
            parent_id: None,
            author: "Ana".into(),
            body: "Check the months".into(),
            created_at: at(2),
            resolved_at: None,
        };
        store.add_comment("n1", &comment).unwrap();
        assert!(store.set_comment_resolved("n1", "c1", Some(at(3))).unwrap());
        assert_eq!(
            store.list_comments("n1").unwrap()[0].resolved_at,
            Some(at(3))
        );

        let entry = MandateEntry {
            node_id: "art.1".into(),
            red_line: "No more than 24 months".into(),
            limits: vec![Limit::MustStay],
            ..MandateEntry::default()
        };
        store.put_mandate_entry("n1", &entry, at(4)).unwrap();
        assert_eq!(store.list_mandate("n1").unwrap(), vec![entry]);
        store
            .put_mandate_entry(
                "n1",
                &MandateEntry {
                    node_id: "art.1".into(),
                    ..MandateEntry::default()
                },
                at(5),
            )
            .unwrap();
        assert!(store.list_mandate("n1").unwrap().is_empty());
    }

    #[test]
    fn an_imported_file_is_never_changed() {
        let (_dir, mut store) = store();
        store.add_round("n1", "r1", at(0)).unwrap();
        let record = StoredImport {
            id: "i1".into(),
            negotiation_id: "n1".into(),
            round_id: "r1".into(),
            file_name: "from-boreland.json".into(),
            sender: "XB".into(),
            sender_name: "B".into(),
            exported_at: "2026-11-23T09:00:00.000Z".into(),
            version_label: "Current draft".into(),
            checksum: "sha256:00".into(),
            content: "{}".into(),
            imported_at: at(1),
            signer: Some(("0123456789abcdef0123456789abcdef".into(), true)),
        };
        store.record_import(&record, "agr-1", &[], false).unwrap();
        assert_eq!(store.list_imports("n1").unwrap(), vec![record.clone()]);
        assert_eq!(
            store.exchange_identity("n1").unwrap().as_deref(),
            Some("agr-1")
        );
        assert_eq!(store.list_imports("n1").unwrap(), vec![record]);
        let update = store
            .conn
            .execute("UPDATE exchange_import SET content = 'x'", []);
        assert!(update
            .unwrap_err()
            .to_string()
            .contains("cannot be changed"));
        let delete = store.conn.execute("DELETE FROM exchange_import", []);
        assert!(delete
            .unwrap_err()
            .to_string()
            .contains("cannot be deleted"));
        // Deleting the negotiation for good takes everything with it.
        assert!(store.delete_from_bin("n1").unwrap());
        assert!(store.list_imports("n1").unwrap().is_empty());
    }
}
