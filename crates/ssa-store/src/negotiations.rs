//! Negotiations and parties. Reads are plain queries; every write is one transaction.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use ssa_core::negotiation::{Negotiation, NegotiationDraft, Party, PartyRole, Shelf};

use crate::encoding::{from_json, parse_timestamp, timestamp};
use crate::{Store, StoreError};

/// Marks the negotiation edited `now`, as every save of one of its documents does; false when
/// there is no such negotiation.
pub(crate) fn mark_edited(
    tx: &Transaction<'_>,
    negotiation_id: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    Ok(tx.execute(
        "UPDATE negotiation SET updated_at = ?2 WHERE id = ?1",
        params![negotiation_id, timestamp(now)],
    )? == 1)
}

struct NegotiationRow {
    id: String,
    title: String,
    working_languages: String,
    notes: String,
    current_step: String,
    shelf: String,
    created_at: String,
    updated_at: String,
}

const NEGOTIATION_COLUMNS: &str =
    "id, title, working_languages, notes, current_step, shelf, created_at, updated_at";

impl NegotiationRow {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<NegotiationRow> {
        Ok(NegotiationRow {
            id: row.get(0)?,
            title: row.get(1)?,
            working_languages: row.get(2)?,
            notes: row.get(3)?,
            current_step: row.get(4)?,
            shelf: row.get(5)?,
            created_at: row.get(6)?,
            updated_at: row.get(7)?,
        })
    }

    fn into_negotiation(self, parties: Vec<Party>) -> Result<Negotiation, StoreError> {
        Ok(Negotiation {
            working_languages: from_json(
                &self.working_languages,
                format_args!("working languages of negotiation {}", self.id),
            )?,
            shelf: Shelf::parse(&self.shelf).ok_or_else(|| {
                StoreError::InvalidData(format!(
                    "shelf \"{}\" of negotiation {}",
                    self.shelf, self.id
                ))
            })?,
            created_at: parse_timestamp(&self.created_at)?,
            updated_at: parse_timestamp(&self.updated_at)?,
            id: self.id,
            title: self.title,
            notes: self.notes,
            current_step: self.current_step,
            parties,
        })
    }
}

fn parties_of(conn: &Connection, negotiation_id: &str) -> Result<Vec<Party>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, iso_code, role FROM party WHERE negotiation_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([negotiation_id], |row| {
        <(String, String, String)>::try_from(row)
    })?;
    let mut parties = Vec::new();
    for row in rows {
        let (name, iso_code, role) = row?;
        let role = PartyRole::parse(&role).ok_or_else(|| {
            StoreError::InvalidData(format!(
                "party role \"{role}\" in negotiation {negotiation_id}"
            ))
        })?;
        parties.push(Party {
            name,
            iso_code,
            role,
        });
    }
    Ok(parties)
}

fn write_parties(
    conn: &Connection,
    negotiation_id: &str,
    parties: &[Party],
) -> Result<(), StoreError> {
    conn.execute(
        "DELETE FROM party WHERE negotiation_id = ?1",
        [negotiation_id],
    )?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO party (negotiation_id, position, name, iso_code, role) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, party) in parties.iter().enumerate() {
        stmt.execute(params![
            negotiation_id,
            position as i64,
            party.name,
            party.iso_code,
            party.role.as_str()
        ])?;
    }
    Ok(())
}

fn languages_json(languages: &[String]) -> String {
    serde_json::to_string(languages).expect("a list of strings always serialises")
}

impl Store {
    /// The negotiations on one shelf, most recently edited first.
    pub fn list_negotiations(&self, shelf: Shelf) -> Result<Vec<Negotiation>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {NEGOTIATION_COLUMNS} FROM negotiation WHERE shelf = ?1 ORDER BY updated_at DESC, id"
        ))?;
        let rows: Vec<NegotiationRow> = stmt
            .query_map([shelf.as_str()], NegotiationRow::from_row)?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|row| {
                let parties = parties_of(&self.conn, &row.id)?;
                row.into_negotiation(parties)
            })
            .collect()
    }

    pub fn get_negotiation(&self, id: &str) -> Result<Option<Negotiation>, StoreError> {
        let row = self
            .conn
            .query_row(
                &format!("SELECT {NEGOTIATION_COLUMNS} FROM negotiation WHERE id = ?1"),
                [id],
                NegotiationRow::from_row,
            )
            .optional()?;
        match row {
            None => Ok(None),
            Some(row) => {
                let parties = parties_of(&self.conn, id)?;
                row.into_negotiation(parties).map(Some)
            }
        }
    }

    pub fn count_negotiations(&self) -> Result<usize, StoreError> {
        let count: i64 = self
            .conn
            .query_row("SELECT count(*) FROM negotiation", [], |row| row.get(0))?;
        Ok(count as usize)
    }

    pub fn insert_negotiation(&mut self, negotiation: &Negotiation) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                &format!("INSERT INTO negotiation ({NEGOTIATION_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
                params![
                    negotiation.id,
                    negotiation.title,
                    languages_json(&negotiation.working_languages),
                    negotiation.notes,
                    negotiation.current_step,
                    negotiation.shelf.as_str(),
                    timestamp(negotiation.created_at),
                    timestamp(negotiation.updated_at),
                ],
            )?;
            write_parties(tx, &negotiation.id, &negotiation.parties)
        })
    }

    /// Replaces title, parties, languages and notes. Returns false if there is no such
    /// negotiation.
    pub fn update_particulars(
        &mut self,
        id: &str,
        draft: &NegotiationDraft,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE negotiation SET title = ?2, working_languages = ?3, notes = ?4, updated_at = ?5 WHERE id = ?1",
                params![
                    id,
                    draft.title,
                    languages_json(&draft.working_languages),
                    draft.notes,
                    timestamp(now)
                ],
            )?;
            if changed == 1 {
                write_parties(tx, id, &draft.parties)?;
            }
            Ok(changed == 1)
        })
    }

    pub fn set_title(
        &mut self,
        id: &str,
        title: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE negotiation SET title = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, title, timestamp(now)],
            )? == 1)
        })
    }

    pub fn set_notes(
        &mut self,
        id: &str,
        notes: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE negotiation SET notes = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, notes, timestamp(now)],
            )? == 1)
        })
    }

    /// Moves a negotiation to another shelf. Moving does not count as an edit of its content,
    /// so "last edited" is kept.
    pub fn set_shelf(&mut self, id: &str, shelf: Shelf) -> Result<bool, StoreError> {
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE negotiation SET shelf = ?2 WHERE id = ?1",
                params![id, shelf.as_str()],
            )? == 1)
        })
    }

    /// Deletes a negotiation for good. Only a negotiation in the bin can be deleted, so that a
    /// single mistaken call can never destroy live work.
    /// Deletes a negotiation from the bin for good, with everything that belongs to it, and
    /// purges the freed pages so that none of it stays readable in the file.
    pub fn delete_from_bin(&mut self, id: &str) -> Result<bool, StoreError> {
        let deleted = self.write(|tx| {
            Ok(tx.execute(
                "DELETE FROM negotiation WHERE id = ?1 AND shelf = 'bin'",
                [id],
            )? == 1)
        })?;
        if deleted {
            self.purge_freed_pages()?;
        }
        Ok(deleted)
    }
}
