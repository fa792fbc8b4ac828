//! The commands of workshop mode: scenarios, the facilitator's desk, team packs, the debrief
//! and its PDFs, and the training data folder. Each is a one-line delegation into `ssa-api`,
//! except switching the data folder, which starts the app again on the chosen folder.

use serde::Serialize;
use specta::Type;
use ssa_api::dto::{ExportDto, NegotiationDto};
use ssa_api::scenarios::ScenarioSummaryDto;
use ssa_api::team::TeamBriefDto;
use ssa_api::workshop::{
    CollectedDto, DeskAction, DeskDto, WorkshopCreatedDto, WorkshopInput, WorkshopSummaryDto,
};
use ssa_api::{ApiError, DebriefDto, ErrorCode, Session, WorkshopPdfDto};
use tauri::{AppHandle, State};

use crate::chosen_files::{ChosenFiles, FileKind, Purpose};
use crate::commands::ExportedFiles;

type Answer<T> = Result<T, ApiError>;

#[tauri::command]
#[specta::specta]
pub fn list_scenarios(
    session: State<'_, Session>,
    language: String,
) -> Answer<Vec<ScenarioSummaryDto>> {
    session.with(|w| w.list_scenarios(&language))
}

#[tauri::command]
#[specta::specta]
pub fn list_workshops(session: State<'_, Session>) -> Answer<Vec<WorkshopSummaryDto>> {
    session.with(|w| w.list_workshops())
}

/// Creates a workshop; its files go to the folder the person chose in the folder dialog.
#[tauri::command]
#[specta::specta]
pub fn create_workshop(
    session: State<'_, Session>,
    chosen: State<'_, ChosenFiles>,
    input: WorkshopInput,
    folder: String,
) -> Answer<WorkshopCreatedDto> {
    let folder = chosen.take(&folder, FileKind::WorkshopFolder, Purpose::Open)?;
    session.with(|w| w.create_workshop(&input, &folder))
}

#[tauri::command]
#[specta::specta]
pub fn workshop_desk(session: State<'_, Session>, id: String) -> Answer<DeskDto> {
    session.with(|w| w.workshop_desk(&id))
}

#[tauri::command]
#[specta::specta]
pub fn workshop_action(
    session: State<'_, Session>,
    id: String,
    action: DeskAction,
) -> Answer<DeskDto> {
    session.with(|w| w.workshop_action(&id, action))
}

#[tauri::command]
#[specta::specta]
pub fn collect_exchange_file(
    session: State<'_, Session>,
    chosen: State<'_, ChosenFiles>,
    id: String,
    path: String,
) -> Answer<CollectedDto> {
    let path = chosen.take(&path, FileKind::Exchange, Purpose::Open)?;
    session.with(|w| w.collect_exchange_path(&id, &path))
}

#[tauri::command]
#[specta::specta]
pub fn workshop_debrief(
    session: State<'_, Session>,
    id: String,
    language: Option<String>,
) -> Answer<DebriefDto> {
    session.with(|w| w.workshop_debrief(&id, language.as_deref()))
}

/// Writes a handout or the debrief; typeset on a blocking thread, like `export_pdf`.
#[tauri::command]
#[specta::specta]
pub async fn export_workshop_pdf(
    session: State<'_, Session>,
    exported: State<'_, ExportedFiles>,
    chosen: State<'_, ChosenFiles>,
    id: String,
    document: WorkshopPdfDto,
    path: String,
) -> Answer<ExportDto> {
    let path = chosen.take(&path, FileKind::Pdf, Purpose::Save)?;
    let job = session.with(|w| w.prepare_workshop_pdf(&id, &document, None))?;
    let written = tauri::async_runtime::spawn_blocking(move || {
        ssa_api::caught(|| job.write(&path))
            .unwrap_or_else(|detail| Err(ssa_api::internal_error(&detail)))
    })
    .await
    .map_err(|e| ApiError::new(ErrorCode::Storage, format!("The export stopped: {e}")))??;
    exported.remember(&written.path);
    Ok(written)
}

/// On a team's laptop: joins the team pack the person chose.
#[tauri::command]
#[specta::specta]
pub fn join_team_pack(
    session: State<'_, Session>,
    chosen: State<'_, ChosenFiles>,
    path: String,
) -> Answer<NegotiationDto> {
    let path = chosen.take(&path, FileKind::TeamPack, Purpose::Open)?;
    session.with(|w| w.join_team_pack_file(&path))
}

#[tauri::command]
#[specta::specta]
pub fn team_brief(
    session: State<'_, Session>,
    negotiation_id: String,
) -> Answer<Option<TeamBriefDto>> {
    session.with(|w| w.team_brief(&negotiation_id))
}

#[tauri::command]
#[specta::specta]
pub fn list_team_negotiations(session: State<'_, Session>) -> Answer<Vec<TeamBriefDto>> {
    session.with(|w| w.list_team_negotiations())
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TrainingDto {
    /// The open data folder is a training folder.
    pub training: bool,
    pub data_dir: String,
}

#[tauri::command]
#[specta::specta]
pub fn training_status(session: State<'_, Session>) -> TrainingDto {
    TrainingDto {
        training: session.data_dir().is_training(),
        data_dir: session.data_dir().root().display().to_string(),
    }
}

/// Marks the chosen folder a training folder and starts the app again on it (this window
/// closes); `folder` null goes back to the default data folder.
#[tauri::command]
#[specta::specta]
pub fn switch_data_folder(
    app: AppHandle,
    chosen: State<'_, ChosenFiles>,
    folder: Option<String>,
) -> Answer<()> {
    let failed = |e: std::io::Error| {
        ApiError::new(
            ErrorCode::Storage,
            format!("The app could not be started on that folder: {e}"),
        )
    };
    let exe = std::env::current_exe().map_err(failed)?;
    let mut next = std::process::Command::new(exe);
    match folder {
        Some(folder) => {
            let folder = chosen.take(&folder, FileKind::TrainingFolder, Purpose::Open)?;
            ssa_api::paths::DataDir::new(&folder)
                .mark_training()
                .map_err(failed)?;
            next.env(ssa_api::paths::DATA_DIR_ENV, &folder);
        }
        None => {
            next.env_remove(ssa_api::paths::DATA_DIR_ENV);
        }
    }
    tracing::info!("starting again on another data folder");
    next.spawn().map_err(failed)?;
    app.exit(0);
    Ok(())
}
