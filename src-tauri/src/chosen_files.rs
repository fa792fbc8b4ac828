//! The webview never chooses a path. A file command reads or writes only a path that the
//! native open or save dialog, shown from Rust by [`choose_file_to_open`] or
//! [`choose_file_to_save`], returned in this session for that kind of file; the webview gets
//! the path back to show it and to hand it to the command, and any other path it sends is
//! refused. Each chosen path is used once.
//!
//! The dialog filters on the kind's extension; a file to open with another extension is
//! refused, and a name to save without it gets it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use specta::Type;
use ssa_api::{ApiError, ErrorCode};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

/// What kind of file a dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Template,
    Process,
    Exchange,
    Pdf,
    /// A workshop's team pack (`….ssa-team.json`).
    TeamPack,
    /// The folder a new workshop's files are written to.
    WorkshopFolder,
    /// A data folder for training.
    TrainingFolder,
}

impl FileKind {
    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Template | FileKind::Process => "toml",
            FileKind::Exchange | FileKind::TeamPack => "json",
            FileKind::Pdf => "pdf",
            // Folders have no extension; `choose_folder` shows them.
            FileKind::WorkshopFolder | FileKind::TrainingFolder => "",
        }
    }

    fn filter_name(self) -> &'static str {
        match self {
            FileKind::Template => "SSA Workbench template",
            FileKind::Process => "SSA Workbench process",
            FileKind::Exchange => "SSA exchange file",
            FileKind::Pdf => "PDF",
            FileKind::TeamPack => "SSA Workbench team pack",
            FileKind::WorkshopFolder => "Workshop folder",
            FileKind::TrainingFolder => "Training data folder",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Purpose {
    Open,
    Save,
}

/// The paths the dialogs returned and no command has used yet.
#[derive(Default)]
pub struct ChosenFiles(Mutex<HashMap<String, (FileKind, Purpose)>>);

impl ChosenFiles {
    fn remember(&self, path: &Path, kind: FileKind, purpose: Purpose) -> String {
        let shown = path.display().to_string();
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(shown.clone(), (kind, purpose));
        shown
    }

    /// The path, if a dialog of this kind and purpose returned it; it is then used up.
    pub fn take(&self, path: &str, kind: FileKind, purpose: Purpose) -> Result<PathBuf, ApiError> {
        let mut chosen = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if chosen.get(path) == Some(&(kind, purpose)) {
            chosen.remove(path);
            return Ok(PathBuf::from(path));
        }
        Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!(
                "{path} was not chosen in the file dialog for this; choose the file again with \
                 the button."
            ),
        ))
    }
}

/// A file to open must carry the kind's extension (whatever the dialog's filter let through).
pub fn check_extension(path: &Path, kind: FileKind) -> Result<(), ApiError> {
    let fine = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(kind.extension()));
    if fine {
        return Ok(());
    }
    Err(ApiError::new(
        ErrorCode::InvalidInput,
        format!(
            "{} is not a .{} file; choose a {} (.{}).",
            path.display(),
            kind.extension(),
            kind.filter_name(),
            kind.extension()
        ),
    ))
}

/// A name to save gets the kind's extension when it has none (or another).
pub fn with_extension(path: PathBuf, kind: FileKind) -> PathBuf {
    if check_extension(&path, kind).is_ok() {
        return path;
    }
    let mut name = path.into_os_string();
    name.push(".");
    name.push(kind.extension());
    PathBuf::from(name)
}

fn dialog_failed(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        ErrorCode::Storage,
        format!("The file dialog could not be shown: {e}"),
    )
}

/// Shows the native open dialog for `kind`; the path chosen, or nothing when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn choose_file_to_open(
    app: AppHandle,
    chosen: State<'_, ChosenFiles>,
    kind: FileKind,
) -> Result<Option<String>, ApiError> {
    let dialog = app
        .dialog()
        .file()
        .add_filter(kind.filter_name(), &[kind.extension()]);
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_file())
        .await
        .map_err(dialog_failed)?;
    let Some(picked) = picked else {
        return Ok(None);
    };
    let path = picked.into_path().map_err(dialog_failed)?;
    check_extension(&path, kind)?;
    Ok(Some(chosen.remember(&path, kind, Purpose::Open)))
}

/// Shows the native save dialog for `kind`, proposing `default_name`; the path chosen (with the
/// kind's extension), or nothing when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn choose_file_to_save(
    app: AppHandle,
    chosen: State<'_, ChosenFiles>,
    kind: FileKind,
    default_name: String,
) -> Result<Option<String>, ApiError> {
    let dialog = app
        .dialog()
        .file()
        .add_filter(kind.filter_name(), &[kind.extension()])
        .set_file_name(default_name);
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(dialog_failed)?;
    let Some(picked) = picked else {
        return Ok(None);
    };
    let path = with_extension(picked.into_path().map_err(dialog_failed)?, kind);
    Ok(Some(chosen.remember(&path, kind, Purpose::Save)))
}

/// Shows the native folder dialog for a workshop's files or a training data folder; the folder
/// chosen, or nothing when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn choose_folder(
    app: AppHandle,
    chosen: State<'_, ChosenFiles>,
    kind: FileKind,
) -> Result<Option<String>, ApiError> {
    if !matches!(kind, FileKind::WorkshopFolder | FileKind::TrainingFolder) {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!("A {} is a file, not a folder.", kind.filter_name()),
        ));
    }
    let dialog = app.dialog().file();
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_folder())
        .await
        .map_err(dialog_failed)?;
    let Some(picked) = picked else {
        return Ok(None);
    };
    let path = picked.into_path().map_err(dialog_failed)?;
    Ok(Some(chosen.remember(&path, kind, Purpose::Open)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_path_a_dialog_returned_is_used_and_only_once() {
        let chosen = ChosenFiles::default();
        let shown = chosen.remember(
            Path::new("/home/a/model.toml"),
            FileKind::Template,
            Purpose::Open,
        );
        // A path the webview made up, or one chosen for something else, is refused.
        assert!(chosen
            .take("/etc/passwd", FileKind::Template, Purpose::Open)
            .is_err());
        assert!(chosen
            .take(&shown, FileKind::Process, Purpose::Open)
            .is_err());
        assert!(chosen
            .take(&shown, FileKind::Template, Purpose::Save)
            .is_err());
        assert_eq!(
            chosen
                .take(&shown, FileKind::Template, Purpose::Open)
                .unwrap(),
            PathBuf::from("/home/a/model.toml")
        );
        let again = chosen
            .take(&shown, FileKind::Template, Purpose::Open)
            .unwrap_err();
        assert!(again.message.contains("was not chosen in the file dialog"));
    }

    #[test]
    fn extensions_are_checked_on_open_and_added_on_save() {
        assert!(check_extension(Path::new("a/model.TOML"), FileKind::Template).is_ok());
        let refused = check_extension(Path::new("a/model.txt"), FileKind::Template).unwrap_err();
        assert!(
            refused.message.contains("not a .toml file"),
            "{}",
            refused.message
        );
        assert!(check_extension(Path::new("a/file"), FileKind::Exchange).is_err());
        assert_eq!(
            with_extension(PathBuf::from("/x/brief"), FileKind::Pdf),
            PathBuf::from("/x/brief.pdf")
        );
        assert_eq!(
            with_extension(PathBuf::from("/x/brief.pdf"), FileKind::Pdf),
            PathBuf::from("/x/brief.pdf")
        );
        assert_eq!(
            with_extension(PathBuf::from("/x/ex.txt"), FileKind::Exchange),
            PathBuf::from("/x/ex.txt.json")
        );
    }
}
