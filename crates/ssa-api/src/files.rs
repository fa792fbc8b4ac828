//! Files the user chose: reading one to import, writing an export safely.

use std::io::Write;
use std::path::Path;

use crate::{ApiError, ErrorCode};

/// What messages call a file the user chose: its name, or the whole path when it has none.
pub(crate) fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// A text file to import: its name for messages and its content.
pub(crate) fn read_for_import(path: &Path) -> Result<(String, String), ApiError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        ApiError::new(
            ErrorCode::InvalidInput,
            format!("Could not read {}: {e}", path.display()),
        )
    })?;
    Ok((display_name(path), text))
}

/// Writes `bytes` to `path` via a temporary file in the same folder, synced and renamed into
/// place: the target is either the old file or the complete new one, never a partial write. The
/// file is readable by its owner only, whatever the umask (an export may be confidential).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ApiError> {
    let failed = |e: std::io::Error| {
        ApiError::new(
            ErrorCode::Storage,
            format!("Could not write {}: {e}", path.display()),
        )
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path.file_name().ok_or_else(|| {
        ApiError::new(
            ErrorCode::InvalidInput,
            format!("{} is not a file name.", path.display()),
        )
    })?;
    let mut temporary_name = std::ffi::OsString::from(".");
    temporary_name.push(file_name);
    temporary_name.push(".partial");
    let temporary = dir.join(temporary_name);
    let result = (|| {
        let mut file = ssa_store::private_files::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result.map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_whole_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("model.toml");
        std::fs::write(&path, "old").unwrap();
        write_atomically(&path, b"new content").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new content");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_folder_that_does_not_exist_gives_a_message_naming_the_file() {
        let error = write_atomically(Path::new("/no/such/folder/model.toml"), b"x").unwrap_err();
        assert!(
            error.message.contains("/no/such/folder/model.toml"),
            "{}",
            error.message
        );
    }
}
