//! An edit of a draft saved against the draft it was made from, so that two writers (two
//! windows, the app and `ssa`) never silently overwrite each other: inside one IMMEDIATE
//! transaction the stored draft is read, the edit is merged onto it provision by provision
//! ([`ssa_core::template::merge`]), and the result is saved, or the edit is refused when both
//! changed the same provision.

use chrono::{DateTime, Utc};
use ssa_core::template::merge::{merge, Conflict};
use ssa_core::template::Draft;

use crate::documents::read_document;
use crate::encoding::to_json;
use crate::templates::save_draft;
use crate::{Store, StoreError};

/// What became of an edit.
#[derive(Debug, Clone, PartialEq)]
pub enum EditOutcome {
    /// Saved; holds the draft as stored now (the edit, with any other edit merged in).
    Saved(Box<Draft>),
    /// Another edit changed the same provisions since `base`; nothing was saved.
    ChangedElsewhere(Conflict),
    /// The negotiation has no such draft.
    NoDraft,
}

impl Store {
    /// Saves an edit of the negotiation's draft agreement made from `base` (with its revision,
    /// as [`Store::put_draft`] does).
    pub fn save_draft_edit(
        &mut self,
        negotiation_id: &str,
        base: &Draft,
        edit: &Draft,
        now: DateTime<Utc>,
    ) -> Result<EditOutcome, StoreError> {
        self.save_edit("draft", negotiation_id, base, edit, now)
    }

    /// The same for the administrative arrangement's draft (which keeps no revisions).
    pub fn save_arrangement_edit(
        &mut self,
        negotiation_id: &str,
        base: &Draft,
        edit: &Draft,
        now: DateTime<Utc>,
    ) -> Result<EditOutcome, StoreError> {
        self.save_edit("arrangement_draft", negotiation_id, base, edit, now)
    }

    fn save_edit(
        &mut self,
        table: &'static str,
        negotiation_id: &str,
        base: &Draft,
        edit: &Draft,
        now: DateTime<Utc>,
    ) -> Result<EditOutcome, StoreError> {
        self.write(|tx| {
            let Some(current) = read_document::<Draft>(tx, table, negotiation_id, table)? else {
                return Ok(EditOutcome::NoDraft);
            };
            let merged = match merge(base, &current, edit) {
                Ok(merged) => merged,
                Err(conflict) => return Ok(EditOutcome::ChangedElsewhere(conflict)),
            };
            let content = to_json(&merged, table)?;
            if !save_draft(tx, table, negotiation_id, &merged, &content, now)? {
                return Ok(EditOutcome::NoDraft);
            }
            if table == "draft" {
                crate::revisions::record_revision(tx, negotiation_id, &content, now)?;
            }
            Ok(EditOutcome::Saved(Box::new(merged)))
        })
    }
}
