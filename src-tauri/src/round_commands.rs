//! The commands of the negotiation rounds area: rounds, positions, comments, the mandate and
//! exchange files. Each is a one-line delegation into `ssa-api`.

use ssa_api::exchange::{ExchangeExportDto, ExchangeImportDto};
use ssa_api::rounds::{
    CommentDto, CommentInput, MandateViewDto, PositionDto, PositionInput, PositionsViewDto,
};
use ssa_api::{ApiError, Session};
use ssa_core::mandate::MandateEntry;
use ssa_core::rounds::Round;
use tauri::State;

use crate::chosen_files::{ChosenFiles, FileKind, Purpose};

type Answer<T> = Result<T, ApiError>;

/// The four-column view of a round (the latest when `round_id` is null).
#[tauri::command]
#[specta::specta]
pub fn positions_view(
    session: State<'_, Session>,
    negotiation_id: String,
    round_id: Option<String>,
) -> Answer<PositionsViewDto> {
    session.with(|w| w.positions_view(&negotiation_id, round_id.as_deref()))
}

#[tauri::command]
#[specta::specta]
pub fn add_round(session: State<'_, Session>, negotiation_id: String) -> Answer<Round> {
    session.with(|w| w.add_round(&negotiation_id))
}

#[tauri::command]
#[specta::specta]
pub fn save_round(
    session: State<'_, Session>,
    negotiation_id: String,
    round: Round,
) -> Answer<Round> {
    session.with(|w| w.save_round(&negotiation_id, &round))
}

#[tauri::command]
#[specta::specta]
pub fn save_position(
    session: State<'_, Session>,
    negotiation_id: String,
    round_id: String,
    node_id: String,
    input: PositionInput,
) -> Answer<PositionDto> {
    session.with(|w| w.save_position(&negotiation_id, &round_id, &node_id, &input))
}

#[tauri::command]
#[specta::specta]
pub fn list_comments(
    session: State<'_, Session>,
    negotiation_id: String,
    node_id: String,
) -> Answer<Vec<CommentDto>> {
    session.with(|w| w.list_comments(&negotiation_id, &node_id))
}

#[tauri::command]
#[specta::specta]
pub fn add_comment(
    session: State<'_, Session>,
    negotiation_id: String,
    input: CommentInput,
) -> Answer<Vec<CommentDto>> {
    session.with(|w| w.add_comment(&negotiation_id, &input))
}

#[tauri::command]
#[specta::specta]
pub fn set_comment_resolved(
    session: State<'_, Session>,
    negotiation_id: String,
    comment_id: String,
    resolved: bool,
) -> Answer<Vec<CommentDto>> {
    session.with(|w| w.set_comment_resolved(&negotiation_id, &comment_id, resolved))
}

#[tauri::command]
#[specta::specta]
pub fn mandate_view(session: State<'_, Session>, negotiation_id: String) -> Answer<MandateViewDto> {
    session.with(|w| w.mandate_view(&negotiation_id))
}

#[tauri::command]
#[specta::specta]
pub fn save_mandate_entry(
    session: State<'_, Session>,
    negotiation_id: String,
    entry: MandateEntry,
) -> Answer<MandateEntry> {
    session.with(|w| w.save_mandate_entry(&negotiation_id, &entry))
}

/// Writes an exchange file where the user chose in the save dialog.
#[tauri::command]
#[specta::specta]
pub fn export_exchange_file(
    session: State<'_, Session>,
    chosen: State<'_, ChosenFiles>,
    negotiation_id: String,
    version: Option<String>,
    path: String,
) -> Answer<ExchangeExportDto> {
    let path = chosen.take(&path, FileKind::Exchange, Purpose::Save)?;
    session.with(|w| w.export_exchange_file(&negotiation_id, version.as_deref(), &path))
}

/// Imports the counterpart's file the user picked, into this negotiation.
#[tauri::command]
#[specta::specta]
pub fn import_exchange_file(
    session: State<'_, Session>,
    chosen: State<'_, ChosenFiles>,
    negotiation_id: String,
    path: String,
    round: Option<u32>,
) -> Answer<ExchangeImportDto> {
    let path = chosen.take(&path, FileKind::Exchange, Purpose::Open)?;
    session.with(|w| w.import_exchange_file(&path, Some(&negotiation_id), round))
}
