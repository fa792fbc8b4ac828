use std::path::{Path, PathBuf};

/// Everything that can go wrong in the store. Each message names the file it concerns and says
/// what a person can do about it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}", not_a_database(path, *looks_encrypted))]
    NotADatabase {
        path: PathBuf,
        /// The file reads as random bytes, as an encrypted database does: it may only need its
        /// passphrase.
        looks_encrypted: bool,
    },
    #[error("The passphrase does not open {} (or the file is not an SSA Workbench database). It was left as it is.", path.display())]
    WrongPassphrase { path: PathBuf },
    #[error("could not change the encryption of {}: {detail}. The database was left as it was.", path.display())]
    Cipher { path: PathBuf, detail: String },
    #[error("{} is damaged (SQLite integrity check: {detail}). It was left as it is.", path.display())]
    Corrupt { path: PathBuf, detail: String },
    #[error("{} was written by a newer version of SSA Workbench (schema {found}; this version reads up to {supported}). Update SSA Workbench to open it; the file was left as it is.", path.display())]
    NewerSchema {
        path: PathBuf,
        found: usize,
        supported: usize,
    },
    #[error("{} does not exist.", path.display())]
    Missing { path: PathBuf },
    #[error("{} is open read-only; changes cannot be saved to it.", path.display())]
    ReadOnly { path: PathBuf },
    #[error("could not back up {} to {} before updating it: {detail}. Nothing was changed.", path.display(), backup.display())]
    Backup {
        path: PathBuf,
        backup: PathBuf,
        detail: String,
    },
    #[error("could not update the database {} to the current schema: {detail}. A backup was taken first.", path.display())]
    Migration { path: PathBuf, detail: String },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("could not open {}: {detail}", path.display())]
    Open { path: PathBuf, detail: String },
    #[error("{}: the disk is full, so the change was not saved. Free some space on it and try again; everything saved before is kept.", path.display())]
    DiskFull { path: PathBuf },
    #[error("stored data is not valid: {0}")]
    InvalidData(String),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl StoreError {
    /// Maps SQLite's "not a database" and "malformed" codes to the errors a person understands.
    pub(crate) fn sqlite_at(path: &Path, error: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode;
        match error.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => StoreError::NotADatabase {
                path: path.to_path_buf(),
                looks_encrypted: crate::cipher::looks_encrypted(path),
            },
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
                path: path.to_path_buf(),
                detail: error.to_string(),
            },
            _ => StoreError::Open {
                path: path.to_path_buf(),
                detail: error.to_string(),
            },
        }
    }
}

fn not_a_database(path: &Path, looks_encrypted: bool) -> String {
    if looks_encrypted {
        format!("{} is encrypted, or is not an SSA Workbench database: it opens only with its passphrase. It was left as it is.", path.display())
    } else {
        format!("{} is not an SSA Workbench database (it is not an SQLite file, or its first bytes are damaged). It was left as it is.", path.display())
    }
}
