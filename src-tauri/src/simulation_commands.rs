//! The benefit simulator's commands: one-line delegations into `ssa_api::simulation`.

use ssa_api::simulation::{DraftTermsDto, SimulationDto};
use ssa_api::{ApiError, Session};
use ssa_core::simulation::setup::SimulationSetup;
use ssa_core::simulation::Method;
use tauri::State;

type Answer<T> = Result<T, ApiError>;

/// The simulator on its saved setup (or the example one), explanations in `language`.
#[tauri::command]
#[specta::specta]
pub fn get_simulation(
    session: State<'_, Session>,
    negotiation_id: String,
    language: String,
) -> Answer<SimulationDto> {
    session.with(|w| w.simulation_view(&negotiation_id, &language))
}

#[tauri::command]
#[specta::specta]
pub fn save_simulation(
    session: State<'_, Session>,
    negotiation_id: String,
    setup: SimulationSetup,
    language: String,
) -> Answer<SimulationDto> {
    session.with(|w| w.save_simulation(&negotiation_id, &setup, &language))
}

/// Sets the draft agreement's pension method (an edit of the draft, in its history).
#[tauri::command]
#[specta::specta]
pub fn set_draft_method(
    session: State<'_, Session>,
    negotiation_id: String,
    method: Method,
) -> Answer<DraftTermsDto> {
    session.with(|w| w.set_draft_method(&negotiation_id, method))
}
