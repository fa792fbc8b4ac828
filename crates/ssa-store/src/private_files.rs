//! Files readable by their owner only (0600 on Unix), whatever the umask: the database and its
//! companions, backups, recovery copies and exports are created this way.
//!
//! SQLite creates a database's -wal, -shm and -journal files with the database file's own
//! permissions, so a database created (or fixed) here keeps all its companions private too.

use std::fs::{File, OpenOptions};
use std::path::Path;

use crate::StoreError;

/// Creates (or truncates) `path` as an empty file readable by its owner only.
pub fn create_empty(path: &Path) -> Result<File, StoreError> {
    create(path).map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Creates (or truncates) `path` for writing, readable by its owner only.
pub fn create(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path)?;
    // The mode given at creation is masked by the umask and ignored for a file that existed:
    // set it explicitly.
    restrict(path)?;
    Ok(file)
}

/// Makes an existing file readable by its owner only (nothing to do where there are no Unix
/// permissions).
pub fn restrict(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Makes `dir` (created if missing) accessible to its owner only.
pub fn create_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Restricts the database at `path` and whichever of its companions exist.
pub fn restrict_database(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let file = crate::cipher::sibling(path, suffix);
        if file.exists() {
            if let Err(error) = restrict(&file) {
                tracing::warn!(file = %file.display(), %error, "could not make the file private");
            }
        }
    }
}

/// Flushes the directory entry of a file just renamed into place (Unix; a no-op elsewhere).
pub fn sync_parent(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(dir) = File::open(dir) {
            let _ = dir.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}
