//! # ssa-store: the local SQLite store
//!
//! Contract:
//! - [`Store::open`] never modifies a file it cannot vouch for. It first inspects the file
//!   through a read-only connection: a file that is not a database, fails `PRAGMA
//!   integrity_check`, or carries a schema newer than this build knows is refused with a
//!   [`StoreError`] that names the file, and stays byte-for-byte as it was.
//! - Before any migration of an existing database, a backup copy is written next to it (through
//!   SQLite's online backup, so committed WAL content is included).
//! - Connections run in WAL mode with `synchronous=FULL`, foreign keys on and a busy timeout:
//!   a transaction reported committed survives a killed process or a power cut.
//! - Every write method runs in one transaction. A store opened read-only refuses writes with
//!   [`StoreError::ReadOnly`].
//! - With a passphrase ([`Store::open_with_key`]) the database, its WAL and its backups are
//!   encrypted (SQLCipher 4, see [`cipher`]); a wrong passphrase changes nothing. The database
//!   and its companions are readable by their owner only ([`private_files`]).

pub mod cipher;
mod documents;
mod encoding;
mod error;
mod keys;
mod negotiations;
pub mod private_files;
mod process;
mod revisions;
mod rounds;
mod schema;
mod templates;
#[cfg(test)]
mod test_support;

pub use cipher::Passphrase;
pub use documents::StepDocument;
pub use error::StoreError;
pub use keys::{InitiallingSignature, StoredSigningKey, TrustedKey};
pub use process::{ProcessOrigin, StoredProcess, StoredProgress};
pub use revisions::{Initialling, RevisionSummary};
pub use rounds::{StoredComment, StoredImport};
pub use schema::{migrations, LATEST_SCHEMA_VERSION};
pub use templates::{StoredDraft, StoredTemplate, TemplateOrigin};

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

/// An open database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    encrypted: bool,
}

/// What [`Store::open`] did to get the database ready, for the log and the About box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenReport {
    pub created: bool,
    pub migrated_from: Option<usize>,
    pub backup: Option<PathBuf>,
    /// The database is encrypted (opened with a passphrase).
    pub encrypted: bool,
}

impl Store {
    /// Opens (or creates) the plain database at `path`; see [`Store::open_with_key`].
    pub fn open(path: &Path, backup_path: &Path) -> Result<(Store, OpenReport), StoreError> {
        Store::open_with_key(path, None, backup_path)
    }

    /// Opens (or creates) the database at `path`, migrating it to the latest schema: the one
    /// function that opens a database for work, with a key or without.
    ///
    /// With `key`, a new database is created encrypted and an encrypted one is opened with it (a
    /// wrong key is [`StoreError::WrongPassphrase`]); a plain database opens as it is, without
    /// the key. Without `key`, an encrypted database is refused ([`StoreError::NotADatabase`]
    /// with `looks_encrypted`). `backup_path` is where the copy of an existing database goes if
    /// it needs migrating (encrypted with the same key); the caller chooses it (it usually
    /// carries a timestamp) so that this crate needs no clock.
    pub fn open_with_key(
        path: &Path,
        key: Option<&Passphrase>,
        backup_path: &Path,
    ) -> Result<(Store, OpenReport), StoreError> {
        let exists = path.metadata().map(|m| m.len() > 0).unwrap_or(false);
        let key = if exists && cipher::is_plain_database(path) {
            None
        } else {
            key
        };
        let mut report = OpenReport {
            created: !exists,
            migrated_from: None,
            backup: None,
            encrypted: key.is_some(),
        };
        if exists {
            cipher::wipe_plain_leftovers(path);
            let inspection = inspect(path, key)?;
            if inspection.user_version < LATEST_SCHEMA_VERSION {
                backup(&inspection.conn, path, backup_path, key)?;
                report.migrated_from = Some(inspection.user_version);
                report.backup = Some(backup_path.to_path_buf());
            }
        } else {
            private_files::create_empty(path)?;
        }
        private_files::restrict_database(path);
        let mut conn = cipher::connect(path, key, OpenFlags::default())?;
        configure(&conn).map_err(|e| StoreError::sqlite_at(path, e))?;
        migrations()
            .to_latest(&mut conn)
            .map_err(|e| StoreError::Migration {
                path: path.to_path_buf(),
                detail: e.to_string(),
            })?;
        private_files::restrict_database(path);
        Ok((
            Store {
                conn,
                path: path.to_path_buf(),
                read_only: false,
                encrypted: key.is_some(),
            },
            report,
        ))
    }

    /// Opens an existing plain database for reading only; see [`Store::open_read_only_with_key`].
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        Store::open_read_only_with_key(path, None)
    }

    /// Opens an existing database for reading only: no migration, no write, ever. Used to look
    /// into a copy of a database that this build cannot open normally. `key` as for
    /// [`Store::open_with_key`].
    pub fn open_read_only_with_key(
        path: &Path,
        key: Option<&Passphrase>,
    ) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        let key = if cipher::is_plain_database(path) {
            None
        } else {
            key
        };
        let conn = read_only_connection(path, key)?;
        conn.pragma_update(None, "query_only", true)
            .map_err(|e| StoreError::sqlite_at(path, e))?;
        check_integrity(&conn, path)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            read_only: true,
            encrypted: key.is_some(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn schema_version(&self) -> Result<usize, StoreError> {
        user_version(&self.conn).map_err(|e| StoreError::sqlite_at(&self.path, e))
    }

    /// The result of `PRAGMA integrity_check`: "ok" or the problems SQLite found.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        integrity_report(&self.conn).map_err(|e| StoreError::sqlite_at(&self.path, e))
    }

    /// Runs `work` in one transaction; refused on a read-only store.
    fn write<T>(
        &mut self,
        work: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
        let tx = self.conn.transaction()?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

struct Inspection {
    conn: Connection,
    user_version: usize,
}

/// Looks at an existing file without writing to it.
fn inspect(path: &Path, key: Option<&Passphrase>) -> Result<Inspection, StoreError> {
    let conn = read_only_connection(path, key)?;
    let version = user_version(&conn).map_err(|e| StoreError::sqlite_at(path, e))?;
    if version > LATEST_SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: LATEST_SCHEMA_VERSION,
        });
    }
    check_integrity(&conn, path)?;
    Ok(Inspection {
        conn,
        user_version: version,
    })
}

/// A connection through which SQLite itself refuses to write to `path`.
fn read_only_connection(path: &Path, key: Option<&Passphrase>) -> Result<Connection, StoreError> {
    cipher::connect(
        path,
        key,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

pub(crate) fn check_integrity(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let report = integrity_report(conn).map_err(|e| StoreError::sqlite_at(path, e))?;
    if report == "ok" {
        Ok(())
    } else {
        Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: report,
        })
    }
}

fn integrity_report(conn: &Connection) -> rusqlite::Result<String> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let lines: Vec<String> = stmt
        .query_map([], |row| row.get::<_, String>(0))?
        .collect::<Result<_, _>>()?;
    Ok(lines.join("; "))
}

pub(crate) fn user_version(conn: &Connection) -> rusqlite::Result<usize> {
    conn.pragma_query_value(None, "user_version", |row| row.get::<_, i64>(0))
        .map(|v| v.max(0) as usize)
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// Copies the database into `backup_path` through SQLite's online backup (committed WAL content
/// included), encrypted with `key` when there is one, readable by the owner only.
fn backup(
    source: &Connection,
    path: &Path,
    backup_path: &Path,
    key: Option<&Passphrase>,
) -> Result<(), StoreError> {
    if let Some(dir) = backup_path.parent() {
        private_files::create_dir(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let failed = |detail: String| StoreError::Backup {
        path: path.to_path_buf(),
        backup: backup_path.to_path_buf(),
        detail,
    };
    private_files::create_empty(backup_path)?;
    let copied = (|| {
        let mut target = cipher::connect(backup_path, key, OpenFlags::default())?;
        rusqlite::backup::Backup::new(source, &mut target)?.run_to_completion(
            256,
            std::time::Duration::ZERO,
            None,
        )?;
        Ok::<_, StoreError>(())
    })();
    if let Err(error) = copied {
        let _ = std::fs::remove_file(backup_path);
        return Err(failed(error.to_string()));
    }
    private_files::restrict_database(backup_path);
    tracing::info!(from = %path.display(), to = %backup_path.display(), "database backed up before migration");
    Ok(())
}
