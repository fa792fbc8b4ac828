//! Commands of the passphrase, the locks and the signing keys: one-line calls into ssa-api.
//! A passphrase crosses the IPC as a string and is wrapped at once in a `Passphrase`, which
//! wipes it when dropped.

use ssa_api::dto::StartupDto;
use ssa_api::security::{EncryptionDto, LockReason};
use ssa_api::signing::{KeysDto, SignerDto};
use ssa_api::{ApiError, Passphrase, Session};
use tauri::State;

type Answer<T> = Result<T, ApiError>;

#[tauri::command]
#[specta::specta]
pub fn unlock(session: State<'_, Session>, passphrase: String) -> Answer<StartupDto> {
    session.unlock(Passphrase::new(passphrase))
}

#[tauri::command]
#[specta::specta]
pub fn lock_workbench(session: State<'_, Session>, reason: LockReason) -> Answer<StartupDto> {
    session.lock_now(reason)
}

#[tauri::command]
#[specta::specta]
pub fn encryption_status(session: State<'_, Session>) -> Answer<EncryptionDto> {
    session.encryption_status()
}

#[tauri::command]
#[specta::specta]
pub fn encrypt_database(session: State<'_, Session>, passphrase: String) -> Answer<EncryptionDto> {
    session.encrypt(Passphrase::new(passphrase))
}

#[tauri::command]
#[specta::specta]
pub fn change_passphrase(
    session: State<'_, Session>,
    current: String,
    new_passphrase: String,
) -> Answer<EncryptionDto> {
    session.change_passphrase(Passphrase::new(current), Passphrase::new(new_passphrase))
}

#[tauri::command]
#[specta::specta]
pub fn set_lock_after(session: State<'_, Session>, minutes: u32) -> Answer<EncryptionDto> {
    session.with(|w| w.set_lock_after_minutes(minutes))
}

#[tauri::command]
#[specta::specta]
pub fn signing_keys(session: State<'_, Session>) -> Answer<KeysDto> {
    session.with(|w| w.keys())
}

#[tauri::command]
#[specta::specta]
pub fn trust_key(
    session: State<'_, Session>,
    delegation: String,
    fingerprint: String,
) -> Answer<KeysDto> {
    session.with(|w| w.trust_key(&delegation, &fingerprint))
}

#[tauri::command]
#[specta::specta]
pub fn untrust_key(
    session: State<'_, Session>,
    delegation: String,
    fingerprint: String,
) -> Answer<KeysDto> {
    session.with(|w| w.untrust_key(&delegation, &fingerprint))
}

/// Checks the detached signature (`<path>.sig`) of a file the user picked.
#[tauri::command]
#[specta::specta]
pub fn verify_signed_file(session: State<'_, Session>, path: String) -> Answer<SignerDto> {
    session.with(|w| w.verify_signed_file(std::path::Path::new(&path), None))
}
