//! Files the user chose: reading one to import, writing an export safely.
//!
//! Every import reads at most its format's size limit ([`ssa_core::limits`]): a larger file is
//! refused from its size alone, before any of it is read, with the limit in the message.

use std::io::{Read, Write};
use std::path::Path;

use ssa_core::limits::size_text;

use crate::{ApiError, ErrorCode};

/// What messages call a file the user chose: its name, or the whole path when it has none.
pub(crate) fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// A text file to import, of at most `limit` bytes (`what` names its kind in the refusal: "a
/// template file"): its name for messages and its content.
pub fn read_for_import(
    path: &Path,
    limit: usize,
    what: &str,
) -> Result<(String, String), ApiError> {
    let bytes = read_bounded(path, limit, what)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        ApiError::new(
            ErrorCode::InvalidInput,
            format!(
                "{} is not a text file in UTF-8 (byte {} is not); nothing was imported.",
                display_name(path),
                e.utf8_error().valid_up_to() + 1
            ),
        )
    })?;
    Ok((display_name(path), text))
}

/// The bytes of a file to import, refused when larger than `limit`: first from its size, then
/// (for a file that grows while it is read, or a pipe) by reading no more than one byte past.
pub(crate) fn read_bounded(path: &Path, limit: usize, what: &str) -> Result<Vec<u8>, ApiError> {
    let unreadable = |e: std::io::Error| {
        ApiError::new(
            ErrorCode::InvalidInput,
            format!(
                "Could not read {}: {e}. Nothing was changed.",
                path.display()
            ),
        )
    };
    let too_large = || {
        ApiError::new(
            ErrorCode::InvalidInput,
            format!(
                "{} is larger than {}, the largest {what} SSA Workbench reads; nothing was \
                 imported.",
                display_name(path),
                size_text(limit)
            ),
        )
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    if file.metadata().map_err(unreadable)?.len() > limit as u64 {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Flushes a folder's entries to disk, so that a file just renamed into it is still there
/// after a power cut (a rename is durable only once its folder is synced).
pub(crate) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
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
        std::fs::rename(&temporary, path)?;
        sync_dir(dir)
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
    fn an_import_over_its_limit_is_refused_from_its_size_with_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.toml");
        std::fs::write(&path, vec![b'#'; 2048]).unwrap();
        let error = read_for_import(&path, 1024, "template file").unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert!(
            error
                .message
                .contains("larger than 1 KB, the largest template file"),
            "{}",
            error.message
        );
        assert!(error.message.contains("big.toml"));
        std::fs::write(&path, vec![b'#'; 1024]).unwrap();
        assert_eq!(
            read_for_import(&path, 1024, "template file")
                .unwrap()
                .1
                .len(),
            1024
        );
        std::fs::write(&path, [0xff, 0xfe]).unwrap();
        let error = read_for_import(&path, 1024, "template file").unwrap_err();
        assert!(error.message.contains("UTF-8"), "{}", error.message);
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
