//! The commands of the draft as a document: structure edits, the draft's problems worded, the
//! models a new draft can start from. Each is a one-line delegation into `ssa-api`.

use ssa_api::dto::{StructureEditDto, TemplateChoiceDto};
use ssa_api::problems::ProblemDto;
use ssa_api::{ApiError, Session};
use ssa_core::template::edit::StructureEdit;
use ssa_core::template::Draft;
use tauri::State;

type Answer<T> = Result<T, ApiError>;

/// One structure edit (add, move, delete, split, merge, heading, title) of the draft as `base`
/// had it, saved like any edit.
#[tauri::command]
#[specta::specta]
pub fn edit_draft_structure(
    session: State<'_, Session>,
    negotiation_id: String,
    base: Draft,
    edit: StructureEdit,
) -> Answer<StructureEditDto> {
    session.with(|w| w.edit_draft_structure(&negotiation_id, &base, &edit))
}

/// The draft's problems, worded in en/fr/es (what `ssa check` prints).
#[tauri::command]
#[specta::specta]
pub fn check_draft(session: State<'_, Session>, negotiation_id: String) -> Answer<Vec<ProblemDto>> {
    session.with(|w| w.check_draft(&negotiation_id))
}

/// The models this negotiation's draft can start from, the best fit first (and recommended).
#[tauri::command]
#[specta::specta]
pub fn list_template_choices(
    session: State<'_, Session>,
    negotiation_id: String,
) -> Answer<Vec<TemplateChoiceDto>> {
    session.with(|w| w.template_choices(&negotiation_id))
}
