//! The commands the UI calls. Each is a one-line delegation into `ssa-api`.

use std::collections::HashSet;
use std::sync::Mutex;

use ssa_api::documents::{FeasibilityDto, MonitoringDto, RatificationDto};
use ssa_api::dto::{
    AboutDto, AgreementDto, ExportDto, GateDecisionDto, ItemAnswerDto, NegotiationDto,
    NegotiationInput, NegotiationProcessDto, ProcessSummaryDto, ProcessSwitchDto, RenderedDto,
    RevisionDto, ShelfDto, StartupDto, StepStatusDto, TemplateSummaryDto, VerificationDto,
    VersionRefDto,
};
use ssa_api::{ApiError, ArrangementDto, ErrorCode, PdfDocumentDto, Session};
use ssa_core::compare::{Comparison, DeviationReport};
use ssa_core::documents::feasibility::Feasibility;
use ssa_core::documents::monitoring::Monitoring;
use ssa_core::documents::ratification::Ratification;
use ssa_core::template::{Draft, Problem, Template};
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

use crate::chosen_files::{ChosenFiles, FileKind, Purpose};

type Answer<T> = Result<T, ApiError>;

pub fn all() -> tauri_specta::Commands<tauri::Wry> {
    tauri_specta::collect_commands![
        startup_status,
        recover_open_copy_read_only,
        recover_start_fresh,
        about,
        list_negotiations,
        get_negotiation,
        create_negotiation,
        update_negotiation,
        rename_negotiation,
        duplicate_negotiation,
        move_negotiation,
        delete_negotiation_permanently,
        empty_bin,
        create_sample_negotiation,
        list_templates,
        export_template,
        get_agreement,
        start_agreement,
        edit_draft,
        crate::draft_commands::edit_draft_structure,
        crate::draft_commands::check_draft,
        crate::draft_commands::list_template_choices,
        get_template,
        derive_template,
        save_template,
        delete_template,
        import_template_file,
        export_template_file,
        negotiation_process,
        set_item_answer,
        set_step_status,
        record_gate_decision,
        set_current_step,
        switch_process_version,
        list_processes,
        import_process_file,
        export_process_file,
        list_revisions,
        name_version,
        compare_versions,
        deviation_report,
        initial_version,
        verify_initialled,
        get_feasibility,
        save_feasibility,
        apply_coverage_to_draft,
        get_ratification,
        save_ratification,
        get_monitoring,
        save_monitoring,
        get_arrangement,
        start_arrangement,
        edit_arrangement,
        crate::round_commands::positions_view,
        crate::round_commands::add_round,
        crate::round_commands::save_round,
        crate::round_commands::save_position,
        crate::round_commands::list_comments,
        crate::round_commands::add_comment,
        crate::round_commands::set_comment_resolved,
        crate::round_commands::mandate_view,
        crate::round_commands::save_mandate_entry,
        crate::round_commands::export_exchange_file,
        crate::round_commands::import_exchange_file,
        crate::simulation_commands::get_simulation,
        crate::simulation_commands::save_simulation,
        crate::simulation_commands::set_draft_method,
        export_pdf,
        open_exported_file,
        crate::chosen_files::choose_file_to_open,
        crate::chosen_files::choose_file_to_save,
        crate::chosen_files::choose_folder,
        crate::workshop_commands::list_scenarios,
        crate::workshop_commands::list_workshops,
        crate::workshop_commands::create_workshop,
        crate::workshop_commands::workshop_desk,
        crate::workshop_commands::workshop_action,
        crate::workshop_commands::collect_exchange_file,
        crate::workshop_commands::workshop_debrief,
        crate::workshop_commands::export_workshop_pdf,
        crate::workshop_commands::join_team_pack,
        crate::workshop_commands::team_brief,
        crate::workshop_commands::list_team_negotiations,
        crate::workshop_commands::training_status,
        crate::workshop_commands::switch_data_folder,
        crate::security_commands::unlock,
        crate::security_commands::lock_workbench,
        crate::security_commands::encryption_status,
        crate::security_commands::encrypt_database,
        crate::security_commands::change_passphrase,
        crate::security_commands::set_lock_after,
        crate::security_commands::signing_keys,
        crate::security_commands::trust_key,
        crate::security_commands::untrust_key,
        crate::security_commands::verify_signed_file,
    ]
}

/// The files this session exported: the only ones the UI may ask the system to open, so the
/// window cannot open (or run) an arbitrary path.
#[derive(Default)]
pub struct ExportedFiles(Mutex<HashSet<String>>);

impl ExportedFiles {
    /// A file this session wrote, which the window may then ask to open.
    pub fn remember(&self, path: &str) {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(path.to_string());
    }
}

#[tauri::command]
#[specta::specta]
pub fn startup_status(session: State<'_, Session>) -> StartupDto {
    session.startup()
}

#[tauri::command]
#[specta::specta]
pub fn recover_open_copy_read_only(session: State<'_, Session>) -> Answer<StartupDto> {
    session.open_copy_read_only()
}

#[tauri::command]
#[specta::specta]
pub fn recover_start_fresh(session: State<'_, Session>) -> Answer<StartupDto> {
    session.start_fresh()
}

#[tauri::command]
#[specta::specta]
pub fn about(session: State<'_, Session>) -> Answer<AboutDto> {
    session.with(|w| w.about())
}

#[tauri::command]
#[specta::specta]
pub fn list_negotiations(
    session: State<'_, Session>,
    shelf: ShelfDto,
) -> Answer<Vec<NegotiationDto>> {
    session.with(|w| w.list_negotiations(shelf))
}

#[tauri::command]
#[specta::specta]
pub fn get_negotiation(session: State<'_, Session>, id: String) -> Answer<NegotiationDto> {
    session.with(|w| w.get_negotiation(&id))
}

#[tauri::command]
#[specta::specta]
pub fn create_negotiation(
    session: State<'_, Session>,
    input: NegotiationInput,
) -> Answer<NegotiationDto> {
    session.with(|w| w.create_negotiation(input))
}

#[tauri::command]
#[specta::specta]
pub fn update_negotiation(
    session: State<'_, Session>,
    id: String,
    input: NegotiationInput,
) -> Answer<NegotiationDto> {
    session.with(|w| w.update_negotiation(&id, input))
}

#[tauri::command]
#[specta::specta]
pub fn rename_negotiation(
    session: State<'_, Session>,
    id: String,
    title: String,
) -> Answer<NegotiationDto> {
    session.with(|w| w.rename_negotiation(&id, &title))
}

#[tauri::command]
#[specta::specta]
pub fn duplicate_negotiation(session: State<'_, Session>, id: String) -> Answer<NegotiationDto> {
    session.with(|w| w.duplicate_negotiation(&id))
}

#[tauri::command]
#[specta::specta]
pub fn move_negotiation(
    session: State<'_, Session>,
    id: String,
    shelf: ShelfDto,
) -> Answer<NegotiationDto> {
    session.with(|w| w.move_negotiation(&id, shelf))
}

#[tauri::command]
#[specta::specta]
pub fn delete_negotiation_permanently(session: State<'_, Session>, id: String) -> Answer<()> {
    session.with(|w| w.delete_negotiation_permanently(&id))
}

#[tauri::command]
#[specta::specta]
pub fn empty_bin(session: State<'_, Session>) -> Answer<u32> {
    session.with(|w| w.empty_bin())
}

#[tauri::command]
#[specta::specta]
pub fn create_sample_negotiation(session: State<'_, Session>) -> Answer<NegotiationDto> {
    session.with(|w| w.create_sample_negotiation())
}

#[tauri::command]
#[specta::specta]
pub fn list_templates(session: State<'_, Session>) -> Answer<Vec<TemplateSummaryDto>> {
    session.with(|w| w.list_templates())
}

#[tauri::command]
#[specta::specta]
pub fn export_template(session: State<'_, Session>, id: String, version: String) -> Answer<String> {
    session.with(|w| w.export_template(&id, &version))
}

#[tauri::command]
#[specta::specta]
pub fn get_agreement(
    session: State<'_, Session>,
    negotiation_id: String,
) -> Answer<Option<AgreementDto>> {
    session.with(|w| w.agreement_view(&negotiation_id))
}

#[tauri::command]
#[specta::specta]
pub fn start_agreement(
    session: State<'_, Session>,
    negotiation_id: String,
    template_id: Option<String>,
) -> Answer<AgreementDto> {
    session.with(|w| w.start_agreement(&negotiation_id, template_id.as_deref()))
}

#[tauri::command]
#[specta::specta]
pub fn edit_draft(
    session: State<'_, Session>,
    negotiation_id: String,
    base: Draft,
    draft: Draft,
) -> Answer<RenderedDto> {
    session.with(|w| w.edit_draft(&negotiation_id, &base, &draft))
}

#[tauri::command]
#[specta::specta]
pub fn get_template(session: State<'_, Session>, id: String, version: String) -> Answer<Template> {
    session.with(|w| w.load_template(&id, &version))
}

#[tauri::command]
#[specta::specta]
pub fn derive_template(
    session: State<'_, Session>,
    id: String,
    version: String,
    new_id: String,
    new_title: String,
) -> Answer<TemplateSummaryDto> {
    session.with(|w| w.derive_template(&id, &version, &new_id, &new_title))
}

/// Returns the template's warnings; errors refuse the save.
#[tauri::command]
#[specta::specta]
pub fn save_template(session: State<'_, Session>, template: Template) -> Answer<Vec<Problem>> {
    session.with(|w| w.save_template(&template).map(|report| report.problems))
}

#[tauri::command]
#[specta::specta]
pub fn delete_template(session: State<'_, Session>, id: String, version: String) -> Answer<()> {
    session.with(|w| w.delete_template(&id, &version))
}

/// Imports the template file the user picked in the open dialog.
#[tauri::command]
#[specta::specta]
pub fn import_template_file(
    session: State<'_, Session>,
    chosen: State<'_, ChosenFiles>,
    path: String,
) -> Answer<TemplateSummaryDto> {
    let path = chosen.take(&path, FileKind::Template, Purpose::Open)?;
    session.with(|w| w.import_template_file(&path))
}

/// Writes a template's file where the user chose in the save dialog.
#[tauri::command]
#[specta::specta]
pub fn export_template_file(
    session: State<'_, Session>,
    chosen: State<'_, ChosenFiles>,
    id: String,
    version: String,
    path: String,
) -> Answer<()> {
    let path = chosen.take(&path, FileKind::Template, Purpose::Save)?;
    session.with(|w| w.export_template_file(&id, &version, &path))
}

#[tauri::command]
#[specta::specta]
pub fn negotiation_process(
    session: State<'_, Session>,
    negotiation_id: String,
) -> Answer<NegotiationProcessDto> {
    session.with(|w| w.negotiation_process(&negotiation_id))
}

/// The draft's revisions, oldest first; named ones are versions, some initialled.
#[tauri::command]
#[specta::specta]
pub fn list_revisions(
    session: State<'_, Session>,
    negotiation_id: String,
) -> Answer<Vec<RevisionDto>> {
    session.with(|w| w.list_revisions(&negotiation_id))
}

#[tauri::command]
#[specta::specta]
pub fn get_feasibility(
    session: State<'_, Session>,
    negotiation_id: String,
) -> Answer<FeasibilityDto> {
    session.with(|w| w.feasibility_view(&negotiation_id))
}

/// A changed coverage choice is carried into the draft agreement.
#[tauri::command]
#[specta::specta]
pub fn save_feasibility(
    session: State<'_, Session>,
    negotiation_id: String,
    feasibility: Feasibility,
) -> Answer<FeasibilityDto> {
    session.with(|w| w.save_feasibility(&negotiation_id, &feasibility))
}

#[tauri::command]
#[specta::specta]
pub fn set_item_answer(
    session: State<'_, Session>,
    negotiation_id: String,
    item_id: String,
    answer: ItemAnswerDto,
) -> Answer<NegotiationProcessDto> {
    session.with(|w| w.set_item_answer(&negotiation_id, &item_id, answer))
}

#[tauri::command]
#[specta::specta]
pub fn apply_coverage_to_draft(
    session: State<'_, Session>,
    negotiation_id: String,
) -> Answer<FeasibilityDto> {
    session.with(|w| w.apply_coverage_to_draft(&negotiation_id))
}

#[tauri::command]
#[specta::specta]
pub fn name_version(
    session: State<'_, Session>,
    negotiation_id: String,
    name: String,
) -> Answer<RevisionDto> {
    session.with(|w| w.name_version(&negotiation_id, &name))
}

#[tauri::command]
#[specta::specta]
pub fn get_ratification(
    session: State<'_, Session>,
    negotiation_id: String,
) -> Answer<RatificationDto> {
    session.with(|w| w.ratification_view(&negotiation_id))
}

#[tauri::command]
#[specta::specta]
pub fn set_step_status(
    session: State<'_, Session>,
    negotiation_id: String,
    step_id: String,
    status: StepStatusDto,
    skip_reason: String,
) -> Answer<NegotiationProcessDto> {
    session.with(|w| w.set_step_status(&negotiation_id, &step_id, status, &skip_reason))
}

#[tauri::command]
#[specta::specta]
pub fn save_ratification(
    session: State<'_, Session>,
    negotiation_id: String,
    ratification: Ratification,
) -> Answer<RatificationDto> {
    session.with(|w| w.save_ratification(&negotiation_id, &ratification))
}

#[tauri::command]
#[specta::specta]
pub fn compare_versions(
    session: State<'_, Session>,
    negotiation_id: String,
    before: VersionRefDto,
    after: VersionRefDto,
) -> Answer<Comparison> {
    session.with(|w| w.compare_versions(&negotiation_id, &before, &after))
}

#[tauri::command]
#[specta::specta]
pub fn get_monitoring(
    session: State<'_, Session>,
    negotiation_id: String,
) -> Answer<MonitoringDto> {
    session.with(|w| w.monitoring_view(&negotiation_id))
}

#[tauri::command]
#[specta::specta]
pub fn record_gate_decision(
    session: State<'_, Session>,
    negotiation_id: String,
    step_id: String,
    decision: GateDecisionDto,
) -> Answer<NegotiationProcessDto> {
    session.with(|w| w.record_gate_decision(&negotiation_id, &step_id, decision))
}

#[tauri::command]
#[specta::specta]
pub fn save_monitoring(
    session: State<'_, Session>,
    negotiation_id: String,
    monitoring: Monitoring,
) -> Answer<MonitoringDto> {
    session.with(|w| w.save_monitoring(&negotiation_id, &monitoring))
}

#[tauri::command]
#[specta::specta]
pub fn deviation_report(
    session: State<'_, Session>,
    negotiation_id: String,
    version: VersionRefDto,
) -> Answer<DeviationReport> {
    session.with(|w| w.deviation_report(&negotiation_id, &version))
}

#[tauri::command]
#[specta::specta]
pub fn get_arrangement(
    session: State<'_, Session>,
    negotiation_id: String,
) -> Answer<Option<ArrangementDto>> {
    session.with(|w| w.arrangement_view(&negotiation_id))
}

#[tauri::command]
#[specta::specta]
pub fn set_current_step(
    session: State<'_, Session>,
    negotiation_id: String,
    step_id: String,
) -> Answer<NegotiationProcessDto> {
    session.with(|w| w.set_current_step(&negotiation_id, &step_id))
}

#[tauri::command]
#[specta::specta]
pub fn start_arrangement(
    session: State<'_, Session>,
    negotiation_id: String,
) -> Answer<ArrangementDto> {
    session.with(|w| w.start_arrangement(&negotiation_id))
}

#[tauri::command]
#[specta::specta]
pub fn initial_version(
    session: State<'_, Session>,
    negotiation_id: String,
    number: u32,
    initialled_by: String,
) -> Answer<RevisionDto> {
    session.with(|w| w.initial_version(&negotiation_id, number, &initialled_by))
}

#[tauri::command]
#[specta::specta]
pub fn switch_process_version(
    session: State<'_, Session>,
    negotiation_id: String,
    process_id: String,
    version: String,
) -> Answer<ProcessSwitchDto> {
    session.with(|w| w.switch_process_version(&negotiation_id, &process_id, &version))
}

#[tauri::command]
#[specta::specta]
pub fn list_processes(session: State<'_, Session>) -> Answer<Vec<ProcessSummaryDto>> {
    session.with(|w| w.list_processes())
}

/// Imports the process file the user picked in the open dialog.
#[tauri::command]
#[specta::specta]
pub fn import_process_file(
    session: State<'_, Session>,
    chosen: State<'_, ChosenFiles>,
    path: String,
) -> Answer<ProcessSummaryDto> {
    let path = chosen.take(&path, FileKind::Process, Purpose::Open)?;
    session.with(|w| w.import_process_file(&path))
}

/// Writes a stored process file to the path the user picked in the save dialog.
#[tauri::command]
#[specta::specta]
pub fn export_process_file(
    session: State<'_, Session>,
    chosen: State<'_, ChosenFiles>,
    id: String,
    version: String,
    path: String,
) -> Answer<()> {
    let path = chosen.take(&path, FileKind::Process, Purpose::Save)?;
    session.with(|w| w.export_process_file(&id, &version, &path))
}

#[tauri::command]
#[specta::specta]
pub fn verify_initialled(
    session: State<'_, Session>,
    negotiation_id: String,
    number: u32,
) -> Answer<VerificationDto> {
    session.with(|w| w.verify_initialled(&negotiation_id, number))
}

#[tauri::command]
#[specta::specta]
pub fn edit_arrangement(
    session: State<'_, Session>,
    negotiation_id: String,
    base: Draft,
    draft: Draft,
) -> Answer<RenderedDto> {
    session.with(|w| w.edit_arrangement(&negotiation_id, &base, &draft))
}

/// Exports a document of the negotiation (agreement, redline, brief, step report) as a PDF
/// where the user chose in the save dialog. The database is read under its lock; the typesetting runs on a
/// blocking thread, so the window stays responsive.
#[tauri::command]
#[specta::specta]
pub async fn export_pdf(
    session: State<'_, Session>,
    exported: State<'_, ExportedFiles>,
    chosen: State<'_, ChosenFiles>,
    negotiation_id: String,
    document: PdfDocumentDto,
    language: String,
    path: String,
) -> Answer<ExportDto> {
    let path = chosen.take(&path, FileKind::Pdf, Purpose::Save)?;
    let job = session.with(|w| w.prepare_pdf(&negotiation_id, &document, &language))?;
    // Typeset outside the session's lock; a panic in it is caught here, as `with` does.
    let (job, written) = tauri::async_runtime::spawn_blocking(move || {
        ssa_api::caught(|| job.write(&path))
            .unwrap_or_else(|detail| Err(ssa_api::internal_error(&detail)))
            .map(|written| (job, written))
    })
    .await
    .map_err(|e| ApiError::new(ErrorCode::Storage, format!("The export stopped: {e}")))??;
    // An initialled text's PDF is signed beside it (a quick step: one hash, one signature).
    let written = session.with(|w| w.sign_export(&negotiation_id, &job, written))?;
    exported
        .0
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(written.path.clone());
    Ok(written)
}

/// Opens a file this session exported with the system's viewer.
#[tauri::command]
#[specta::specta]
pub fn open_exported_file(
    app: AppHandle,
    exported: State<'_, ExportedFiles>,
    path: String,
) -> Answer<()> {
    if !exported
        .0
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .contains(&path)
    {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!("{path} was not exported in this session; open it from your file manager."),
        ));
    }
    app.opener()
        .open_path(&path, None::<&str>)
        .map_err(|e| ApiError::new(ErrorCode::Storage, format!("Could not open {path}: {e}")))
}
