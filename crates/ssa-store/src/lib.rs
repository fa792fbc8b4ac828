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
//! - Every write method runs in one transaction, begun IMMEDIATE: the write lock is taken at
//!   the start, waiting up to the busy timeout while another process writes, so that a write
//!   whose first statement is a read cannot fail at once with "database is locked". A store
//!   opened read-only refuses writes with [`StoreError::ReadOnly`].
//! - A hot rollback journal (a process killed while the database was switching to WAL) is
//!   rolled back by SQLite before the file is inspected: that restores the last committed
//!   state, which is what any open of the file would do.
//! - Deleted rows do not stay readable in the file: `secure_delete` overwrites them, and
//!   [`Store::purge_freed_pages`] (run after a permanent deletion) gives freed pages back and
//!   empties the WAL.
//! - With a passphrase ([`Store::open_with_key`]) the database, its WAL and its backups are
//!   encrypted (SQLCipher 4, see [`cipher`]); a wrong passphrase changes nothing. The database
//!   and its companions are readable by their owner only ([`private_files`]).

pub mod cipher;
mod documents;
mod draft_edits;
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
mod workshops;

pub use cipher::Passphrase;
pub use documents::StepDocument;
pub use draft_edits::EditOutcome;
pub use error::StoreError;
pub use keys::{InitiallingSignature, StoredSigningKey, TrustedKey};
pub use process::{ProcessOrigin, StoredProcess, StoredProgress};
pub use revisions::{Initialling, RevisionSummary};
pub use rounds::{StoredComment, StoredImport};
pub use schema::{migrations, LATEST_SCHEMA_VERSION};
pub use templates::{StoredDraft, StoredTemplate, TemplateOrigin};
pub use workshops::{CollectedFile, JoinedTeam, StoredScenario, StoredWorkshop};

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
            recover_hot_journal(path, key)?;
            let inspection = inspect(path, key)?;
            // A file killed before its first migration committed holds no schema: new.
            report.created = inspection.user_version == 0 && is_empty_schema(&inspection.conn);
            if inspection.user_version < LATEST_SCHEMA_VERSION && !report.created {
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
        convert_to_incremental_vacuum(&conn).map_err(|e| StoreError::sqlite_at(path, e))?;
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
        let path = self.path.clone();
        let full = move |error: StoreError| match &error {
            StoreError::Sqlite(e)
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) =>
            {
                StoreError::DiskFull { path: path.clone() }
            }
            _ => error,
        };
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| full(e.into()))?;
        let value = work(&tx).map_err(&full)?;
        tx.commit().map_err(|e| full(e.into()))?;
        Ok(value)
    }

    /// After a permanent deletion: moves every freed page out of the file (`incremental_vacuum`;
    /// `secure_delete` already zeroed them) and checkpoints the WAL into the file and truncates
    /// it, so that what was deleted is in neither. Best effort: when another connection is
    /// reading, the checkpoint waits for a later call, and nothing is lost either way.
    pub fn purge_freed_pages(&mut self) -> Result<(), StoreError> {
        if self.read_only {
            return Ok(());
        }
        self.conn.execute_batch("PRAGMA incremental_vacuum;")?;
        let _busy: (i64, i64, i64) =
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.try_into())?;
        Ok(())
    }
}

impl Store {
    /// A value the workbench remembers about itself (see migration 8), if set.
    pub fn state(&self, key: &str) -> Result<Option<String>, StoreError> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row(
                "SELECT value FROM workbench_state WHERE key = ?1",
                [key],
                |row| row.get(0),
            )
            .optional()?)
    }

    pub fn set_state(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO workbench_state (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )?;
            Ok(())
        })
    }
}

/// Rolls back a hot rollback journal left beside `path`, through a read-write connection (the
/// read-only inspection cannot), so that the file reads as its last committed state. A
/// journal that is not hot (no journal, or an empty one) is left alone.
fn recover_hot_journal(path: &Path, key: Option<&Passphrase>) -> Result<(), StoreError> {
    let mut journal = path.as_os_str().to_owned();
    journal.push("-journal");
    let hot = std::fs::metadata(&journal).is_ok_and(|m| m.len() > 0);
    if !hot {
        return Ok(());
    }
    tracing::warn!(file = %path.display(), "rolling back an interrupted transaction (hot journal)");
    let conn = cipher::connect(path, key, OpenFlags::default())?;
    // The first read of the schema makes SQLite roll the journal back.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
        row.get::<_, i64>(0)
    })
    .map_err(|e| StoreError::sqlite_at(path, e))?;
    Ok(())
}

/// Whether the database has no table at all (a file whose first migration never committed).
fn is_empty_schema(conn: &Connection) -> bool {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
        row.get::<_, i64>(0)
    })
    .is_ok_and(|count| count == 0)
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
    // Incremental auto-vacuum, so that freed pages can be given back after a permanent
    // deletion. It takes effect on a new database at once; an existing one is converted by
    // the VACUUM in `convert_to_incremental_vacuum`.
    conn.pragma_update(None, "auto_vacuum", "INCREMENTAL")?;
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "secure_delete", true)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// A database made before incremental auto-vacuum (mode 0, none) is rebuilt once with VACUUM
/// to take it (mode 2); later opens find it set and do nothing.
fn convert_to_incremental_vacuum(conn: &Connection) -> rusqlite::Result<()> {
    let mode: i64 = conn.pragma_query_value(None, "auto_vacuum", |row| row.get(0))?;
    if mode != 2 {
        conn.execute_batch("VACUUM;")?;
    }
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
