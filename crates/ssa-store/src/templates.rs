//! Templates and drafts.
//!
//! Templates are stored as their file text (the TOML a user could export again), keyed by id
//! and version; the store never interprets it. A negotiation has at most one draft, stored as
//! the JSON of [`ssa_core::template::Draft`]; saving a draft is an edit of the negotiation, so
//! it moves its "last edited" time in the same transaction.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use ssa_core::template::Draft;

use crate::encoding::{from_json, parse_timestamp, timestamp, to_json};
use crate::negotiations::mark_edited;
use crate::{Store, StoreError};

/// Where a stored template came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateOrigin {
    /// Shipped with the app (assets/templates), seeded at start.
    Shipped,
    /// Imported from a file.
    Imported,
    /// Made in the app by duplicating another template.
    Derived,
}

impl TemplateOrigin {
    pub fn as_str(self) -> &'static str {
        match self {
            TemplateOrigin::Shipped => "shipped",
            TemplateOrigin::Imported => "imported",
            TemplateOrigin::Derived => "derived",
        }
    }

    pub(crate) fn parse(text: &str) -> Result<TemplateOrigin, StoreError> {
        match text {
            "shipped" => Ok(TemplateOrigin::Shipped),
            "imported" => Ok(TemplateOrigin::Imported),
            "derived" => Ok(TemplateOrigin::Derived),
            other => Err(StoreError::InvalidData(format!(
                "template origin \"{other}\""
            ))),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredTemplate {
    pub id: String,
    pub version: String,
    pub title: String,
    pub origin: TemplateOrigin,
    /// The template file's text.
    pub source: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoredDraft {
    pub negotiation_id: String,
    pub draft: Draft,
    pub updated_at: DateTime<Utc>,
}

const TEMPLATE_COLUMNS: &str = "id, version, title, origin, source, created_at";

type TemplateRow = (String, String, String, String, String, String);

fn into_template(
    (id, version, title, origin, source, created_at): TemplateRow,
) -> Result<StoredTemplate, StoreError> {
    Ok(StoredTemplate {
        origin: TemplateOrigin::parse(&origin)?,
        created_at: parse_timestamp(&created_at)?,
        id,
        version,
        title,
        source,
    })
}

/// Saves `draft` (its JSON is `content`) as the negotiation's row in `table` (`draft` or
/// `arrangement_draft`, which have the same columns) and marks the negotiation edited; false
/// when there is no such negotiation.
pub(crate) fn save_draft(
    tx: &Transaction<'_>,
    table: &'static str,
    negotiation_id: &str,
    draft: &Draft,
    content: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    if !mark_edited(tx, negotiation_id, now)? {
        return Ok(false);
    }
    tx.execute(
        &format!(
            "INSERT INTO {table} (negotiation_id, template_id, template_version, content, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (negotiation_id) DO UPDATE SET
               template_id = excluded.template_id, template_version = excluded.template_version,
               content = excluded.content, updated_at = excluded.updated_at"
        ),
        params![
            negotiation_id,
            draft.template_id,
            draft.template_version,
            content,
            timestamp(now)
        ],
    )?;
    Ok(true)
}

impl Store {
    /// Stores a template unless one with the same id and version is already there; returns
    /// whether it was added. Used to seed the shipped templates at every start.
    pub fn add_template_if_missing(
        &mut self,
        template: &StoredTemplate,
    ) -> Result<bool, StoreError> {
        self.write(|tx| {
            Ok(tx.execute(
                &format!("INSERT OR IGNORE INTO template ({TEMPLATE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
                params![
                    template.id,
                    template.version,
                    template.title,
                    template.origin.as_str(),
                    template.source,
                    timestamp(template.created_at)
                ],
            )? == 1)
        })
    }

    /// All templates, by title then version.
    pub fn list_templates(&self) -> Result<Vec<StoredTemplate>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {TEMPLATE_COLUMNS} FROM template ORDER BY title, id, version"
        ))?;
        let rows: Vec<TemplateRow> = stmt
            .query_map([], |row| TemplateRow::try_from(row))?
            .collect::<Result<_, _>>()?;
        rows.into_iter().map(into_template).collect()
    }

    pub fn get_template(
        &self,
        id: &str,
        version: &str,
    ) -> Result<Option<StoredTemplate>, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {TEMPLATE_COLUMNS} FROM template WHERE id = ?1 AND version = ?2"),
                params![id, version],
                |row| TemplateRow::try_from(row),
            )
            .optional()?
            .map(into_template)
            .transpose()
    }

    /// How many drafts were started from this template version.
    pub fn drafts_using_template(&self, id: &str, version: &str) -> Result<usize, StoreError> {
        let count: i64 = self.conn.query_row(
            "SELECT count(*) FROM draft WHERE template_id = ?1 AND template_version = ?2",
            params![id, version],
            |row| row.get(0),
        )?;
        Ok(count as usize)
    }

    /// Replaces a stored template's file text and title. Returns false if there is no such
    /// template. The caller decides whether it may be changed (shipped ones may not).
    pub fn replace_template_source(
        &mut self,
        id: &str,
        version: &str,
        title: &str,
        source: &str,
    ) -> Result<bool, StoreError> {
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE template SET title = ?3, source = ?4 WHERE id = ?1 AND version = ?2",
                params![id, version, title, source],
            )? == 1)
        })
    }

    /// Deletes a template version no draft uses; returns false if there was none. A version
    /// that a draft uses is kept by the foreign key and reported as an error.
    pub fn delete_template(&mut self, id: &str, version: &str) -> Result<bool, StoreError> {
        self.write(|tx| {
            Ok(tx.execute(
                "DELETE FROM template WHERE id = ?1 AND version = ?2",
                params![id, version],
            )? == 1)
        })
    }

    pub fn get_draft(&self, negotiation_id: &str) -> Result<Option<StoredDraft>, StoreError> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT content, updated_at FROM draft WHERE negotiation_id = ?1",
                [negotiation_id],
                |row| row.try_into(),
            )
            .optional()?;
        let Some((content, updated_at)) = row else {
            return Ok(None);
        };
        Ok(Some(StoredDraft {
            negotiation_id: negotiation_id.to_string(),
            draft: from_json(
                &content,
                format_args!("draft of negotiation {negotiation_id}"),
            )?,
            updated_at: parse_timestamp(&updated_at)?,
        }))
    }

    /// Saves a negotiation's draft (creating or replacing it) and marks the negotiation edited.
    /// Returns false if there is no such negotiation.
    pub fn put_draft(
        &mut self,
        negotiation_id: &str,
        draft: &Draft,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let content = to_json(draft, "draft")?;
        self.write(|tx| {
            if !save_draft(tx, "draft", negotiation_id, draft, &content, now)? {
                return Ok(false);
            }
            crate::revisions::record_revision(tx, negotiation_id, &content, now)?;
            Ok(true)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use ssa_core::negotiation::{Negotiation, Shelf};

    fn at(second: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, second).unwrap()
    }

    use crate::test_support::open_store as store;

    fn template(version: &str) -> StoredTemplate {
        StoredTemplate {
            id: "model".into(),
            version: version.into(),
            title: "Model".into(),
            origin: TemplateOrigin::Shipped,
            source: "format = \"ssa-template/1\"".into(),
            created_at: at(0),
        }
    }

    fn negotiation(id: &str) -> Negotiation {
        crate::test_support::negotiation(id, Shelf::Active, at(0))
    }

    #[test]
    fn seeding_a_template_twice_keeps_one_copy() {
        let (_dir, mut store) = store();
        assert!(store.add_template_if_missing(&template("1")).unwrap());
        assert!(!store.add_template_if_missing(&template("1")).unwrap());
        assert!(store.add_template_if_missing(&template("2")).unwrap());
        let versions: Vec<String> = store
            .list_templates()
            .unwrap()
            .into_iter()
            .map(|t| t.version)
            .collect();
        assert_eq!(versions, vec!["1", "2"]);
        assert_eq!(
            store.get_template("model", "2").unwrap().unwrap(),
            template("2")
        );
        assert_eq!(store.get_template("model", "3").unwrap(), None);
    }

    #[test]
    fn saving_a_draft_replaces_it_and_marks_the_negotiation_edited() {
        let (_dir, mut store) = store();
        store.add_template_if_missing(&template("1")).unwrap();
        store.insert_negotiation(&negotiation("n1")).unwrap();
        let mut draft = Draft {
            template_id: "model".into(),
            template_version: "1".into(),
            ..Draft::default()
        };
        assert!(store.put_draft("n1", &draft, at(5)).unwrap());
        draft.inclusion.insert("art-posting".into(), false);
        assert!(store.put_draft("n1", &draft, at(9)).unwrap());
        let stored = store.get_draft("n1").unwrap().unwrap();
        assert_eq!(stored.draft, draft);
        assert_eq!(stored.updated_at, at(9));
        assert_eq!(
            store.get_negotiation("n1").unwrap().unwrap().updated_at,
            at(9)
        );
        assert!(!store.put_draft("missing", &draft, at(10)).unwrap());
    }

    #[test]
    fn a_draft_must_name_a_stored_template() {
        let (_dir, mut store) = store();
        store.insert_negotiation(&negotiation("n1")).unwrap();
        let draft = Draft {
            template_id: "nowhere".into(),
            template_version: "1".into(),
            ..Draft::default()
        };
        assert!(store.put_draft("n1", &draft, at(1)).is_err());
        assert_eq!(store.get_draft("n1").unwrap(), None);
        assert_eq!(
            store.get_negotiation("n1").unwrap().unwrap().updated_at,
            at(0)
        );
    }
}
