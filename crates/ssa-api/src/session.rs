//! Start-up, recovery and the open workbench.
//!
//! A [`Session`] always exists once the front end has started: either a database is open (a
//! [`Workbench`]) or the start-up problem is kept, with the two ways out a user is offered:
//! look into a read-only copy, or start a fresh database with the old file kept aside. The
//! broken file itself is never modified. An encrypted database waits, locked, for its
//! passphrase (see [`crate::security`] for unlocking, locking and changing the encryption).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use ssa_core::process::ProcessDefinition;
use ssa_store::{OpenReport, Passphrase, Store};

use crate::dto::{AboutDto, StartupDto};
use crate::paths::DataDir;
use crate::{ApiError, Clock, ErrorCode, IdSource, APP_VERSION, DEFAULT_PROCESS_TOML};

/// The open database and what the use cases need beside it.
pub struct Workbench {
    pub(crate) store: Store,
    pub(crate) process: ProcessDefinition,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) ids: Arc<dyn IdSource>,
    pub(crate) processes: crate::process::ProcessCache,
    /// Templates parsed from the store, with the source they were parsed from.
    pub(crate) parsed_templates: Mutex<ParsedTemplates>,
    data_dir: DataDir,
}

pub(crate) type ParsedTemplates =
    std::collections::HashMap<(String, String), (String, ssa_core::template::Template)>;

impl Workbench {
    /// Opens the plain database of `data_dir`; see [`Workbench::open_with_key`].
    pub fn open(
        data_dir: &DataDir,
        clock: Arc<dyn Clock>,
        ids: Arc<dyn IdSource>,
    ) -> Result<(Workbench, OpenReport), ApiError> {
        Workbench::open_with_key(data_dir, None, clock, ids)
    }

    /// Opens the database of `data_dir` (creating the directory and the database if needed),
    /// with its passphrase if it is encrypted. A new database is created encrypted when `key`
    /// is given.
    pub fn open_with_key(
        data_dir: &DataDir,
        key: Option<&Passphrase>,
        clock: Arc<dyn Clock>,
        ids: Arc<dyn IdSource>,
    ) -> Result<(Workbench, OpenReport), ApiError> {
        create_dir(data_dir.root())?;
        let backup = data_dir.backups().join(format!(
            "workbench-before-update-{}.sqlite3",
            file_stamp(clock.as_ref())
        ));
        let (store, report) = Store::open_with_key(&data_dir.database(), key, &backup)?;
        if let Some(from) = report.migrated_from {
            tracing::info!(from, backup = %backup.display(), "database migrated");
        }
        let mut workbench = Workbench::with_store(store, data_dir, clock, ids)?;
        workbench.seed_shipped_templates()?;
        workbench.seed_shipped_process()?;
        workbench.seed_shipped_scenarios()?;
        Ok((workbench, report))
    }

    fn with_store(
        store: Store,
        data_dir: &DataDir,
        clock: Arc<dyn Clock>,
        ids: Arc<dyn IdSource>,
    ) -> Result<Workbench, ApiError> {
        let process = ProcessDefinition::parse(crate::SHIPPED_PROCESS_FILE, DEFAULT_PROCESS_TOML)
            .map_err(|e| ApiError::new(ErrorCode::Storage, e.to_string()))?;
        Ok(Workbench {
            store,
            process,
            clock,
            ids,
            processes: Default::default(),
            parsed_templates: Mutex::new(ParsedTemplates::new()),
            data_dir: data_dir.clone(),
        })
    }

    pub fn is_read_only(&self) -> bool {
        self.store.is_read_only()
    }

    pub fn is_encrypted(&self) -> bool {
        self.store.is_encrypted()
    }

    pub(crate) fn data_dir(&self) -> &DataDir {
        &self.data_dir
    }

    pub fn about(&self) -> Result<AboutDto, ApiError> {
        Ok(AboutDto {
            version: APP_VERSION.to_string(),
            data_dir: self.data_dir.root().display().to_string(),
            database_path: self.store.path().display().to_string(),
            log_dir: self.data_dir.logs().display().to_string(),
            schema_version: self.store.schema_version()? as u32,
            read_only: self.store.is_read_only(),
            encrypted: self.store.is_encrypted(),
        })
    }

    /// `PRAGMA integrity_check` of the open database ("ok" when healthy).
    pub fn integrity_check(&self) -> Result<String, ApiError> {
        Ok(self.store.integrity_check()?)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SessionOptions {
    /// Create the sample negotiation on a database waiting for it (a new one, or one whose
    /// first start was killed before the sample was complete). The desktop app sets it so that
    /// a first start has something to explore; the CLI does not.
    pub seed_sample_on_create: bool,
}

pub(crate) enum State {
    Ready {
        workbench: Box<Workbench>,
        created: bool,
        backup: Option<PathBuf>,
        /// The passphrase the database was opened with (None: a plain database).
        key: Option<Passphrase>,
    },
    /// The start-up problem, with the passphrase it was met with (to open a copy of the file).
    Problem(ApiError, Option<Passphrase>),
    /// An encrypted database waits for its passphrase: at start, or locked since.
    Locked(crate::security::LockReason),
}

/// The front end's handle: the workbench if a database is open, the start-up problem if not.
pub struct Session {
    pub(crate) data_dir: DataDir,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) ids: Arc<dyn IdSource>,
    pub(crate) options: SessionOptions,
    pub(crate) state: Mutex<State>,
    /// Wrong passphrases in a row, and when the next try is allowed.
    pub(crate) attempts: Mutex<crate::security::Attempts>,
}

impl Session {
    /// Opens the data directory's database. Never fails: a problem is kept and reported by
    /// [`Session::startup`], and every use case answers with it until it is resolved.
    pub fn start(
        data_dir: DataDir,
        clock: Arc<dyn Clock>,
        ids: Arc<dyn IdSource>,
        options: SessionOptions,
    ) -> Session {
        let state = open_state(&data_dir, None, &clock, &ids, options);
        Session {
            data_dir,
            clock,
            ids,
            options,
            state: Mutex::new(state),
            attempts: Mutex::new(Default::default()),
        }
    }

    pub fn data_dir(&self) -> &DataDir {
        &self.data_dir
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves the state as it was before the panicking call
        // (store writes are transactional), so the poisoned value is still sound to use.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn startup(&self) -> StartupDto {
        let database_path = self.data_dir.database().display().to_string();
        match &*self.lock() {
            State::Ready {
                workbench,
                created,
                backup,
                ..
            } => StartupDto::Ready {
                read_only: workbench.is_read_only(),
                encrypted: workbench.is_encrypted(),
                database_path: workbench.store.path().display().to_string(),
                created: *created,
                backup_path: backup.as_ref().map(|p| p.display().to_string()),
            },
            State::Problem(error, _) => StartupDto::Problem {
                code: error.code,
                message: error.message.clone(),
                database_path,
            },
            State::Locked(reason) => {
                let wrong_attempts = self.attempts().wrong;
                StartupDto::Locked {
                    reason: *reason,
                    database_path,
                    wrong_attempts,
                    retry_after_seconds: self.retry_after_seconds(),
                }
            }
        }
    }

    /// Runs a use case against the open workbench. A panic inside it is caught here and
    /// answered as an [`ErrorCode::Internal`] error (see [`crate::guard`]).
    pub fn with<T>(
        &self,
        use_case: impl FnOnce(&mut Workbench) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        match &mut *self.lock() {
            State::Ready { workbench, .. } => crate::guard::caught(|| use_case(workbench))
                .unwrap_or_else(|detail| Err(crate::guard::internal_error(&detail))),
            State::Problem(error, _) => Err(ApiError::new(
                ErrorCode::NoDatabase,
                format!("No database is open. {}", error.message),
            )),
            State::Locked(_) => Err(ApiError::new(
                ErrorCode::Locked,
                "The workbench is locked: enter the passphrase to go on.",
            )),
        }
    }

    /// After a start-up problem: copies the database file into the recovery folder and opens the
    /// copy read-only. The original stays untouched.
    pub fn open_copy_read_only(&self) -> Result<StartupDto, ApiError> {
        {
            let mut state = self.lock();
            let State::Problem(_, key) = &*state else {
                return Err(ApiError::new(
                    ErrorCode::InvalidInput,
                    "A database is already open.",
                ));
            };
            let key = key.clone();
            let copy = self.data_dir.recovery().join(format!(
                "workbench-copy-{}.sqlite3",
                file_stamp(self.clock.as_ref())
            ));
            copy_database_files(&self.data_dir.database(), &copy)?;
            let store = Store::open_read_only_with_key(&copy, key.as_ref()).inspect_err(|_| {
                // A copy that cannot be opened helps nobody; the original is still in place.
                for (file, _) in companions(&copy) {
                    let _ = std::fs::remove_file(file);
                }
            })?;
            let workbench =
                Workbench::with_store(store, &self.data_dir, self.clock.clone(), self.ids.clone())?;
            *state = State::Ready {
                workbench: Box::new(workbench),
                created: false,
                backup: None,
                key,
            };
        }
        Ok(self.startup())
    }

    /// Puts the current database file aside in the recovery folder (it is kept, never deleted)
    /// and starts a fresh database in its place.
    pub fn start_fresh(&self) -> Result<StartupDto, ApiError> {
        {
            let mut state = self.lock();
            if matches!(&*state, State::Ready { workbench, .. } if !workbench.is_read_only()) {
                return Err(ApiError::new(
                    ErrorCode::InvalidInput,
                    "The database is working; there is no need to start a fresh one.",
                ));
            }
            // The fresh database keeps the passphrase the old one was opened with, if any.
            let key = match &*state {
                State::Ready { key, .. } | State::Problem(_, key) => key.clone(),
                State::Locked(_) => None,
            };
            // Close any read-only copy first so no handle points into the recovery folder.
            *state = State::Problem(
                ApiError::new(ErrorCode::NoDatabase, "Starting afresh."),
                None,
            );
            let aside = self.data_dir.recovery().join(format!(
                "workbench-set-aside-{}.sqlite3",
                file_stamp(self.clock.as_ref())
            ));
            move_database_files(&self.data_dir.database(), &aside)?;
            tracing::warn!(aside = %aside.display(), "database set aside; starting a fresh one");
            *state = open_state(&self.data_dir, key, &self.clock, &self.ids, self.options);
        }
        Ok(self.startup())
    }
}

/// Opens the data directory's database (with `key` if given) into a session state: ready, a
/// start-up problem, or locked when the database is encrypted and no key was given.
pub(crate) fn open_state(
    data_dir: &DataDir,
    key: Option<Passphrase>,
    clock: &Arc<dyn Clock>,
    ids: &Arc<dyn IdSource>,
    options: SessionOptions,
) -> State {
    let opened = Workbench::open_with_key(data_dir, key.as_ref(), clock.clone(), ids.clone())
        .and_then(|(mut workbench, report)| {
            if options.seed_sample_on_create {
                workbench.seed_sample_if_pending()?;
            }
            Ok((workbench, report))
        });
    match opened {
        Ok((workbench, report)) => State::Ready {
            key: key.filter(|_| report.encrypted),
            workbench: Box::new(workbench),
            created: report.created,
            backup: report.backup,
        },
        Err(error) if error.code == ErrorCode::PassphraseRequired => {
            State::Locked(crate::security::LockReason::Start)
        }
        Err(error) => {
            tracing::error!(%error, "database could not be opened");
            State::Problem(error, key)
        }
    }
}

/// A timestamp usable in file names, from the injected clock.
pub(crate) fn file_stamp(clock: &dyn Clock) -> String {
    clock.now().format("%Y%m%dT%H%M%S%.3fZ").to_string()
}

pub(crate) fn create_dir(dir: &Path) -> Result<(), ApiError> {
    ssa_store::private_files::create_dir(dir).map_err(|e| {
        ApiError::new(
            ErrorCode::Storage,
            format!("Could not create the folder {}: {e}", dir.display()),
        )
    })
}

/// The database file and its WAL companion, as one unit.
pub(crate) fn companions(database: &Path) -> [(PathBuf, &'static str); 3] {
    [
        (database.to_path_buf(), ""),
        (with_suffix(database, "-wal"), "-wal"),
        (with_suffix(database, "-shm"), "-shm"),
    ]
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn copy_database_files(database: &Path, copy: &Path) -> Result<(), ApiError> {
    if let Some(dir) = copy.parent() {
        create_dir(dir)?;
    }
    for (file, suffix) in companions(database) {
        if suffix == "-shm" || !file.exists() {
            continue; // the shared-memory index is rebuilt by SQLite; never copy it
        }
        let target = with_suffix(copy, suffix);
        copy_private(&file, &target).map_err(|e| {
            ApiError::new(
                ErrorCode::Storage,
                format!(
                    "Could not copy {} to {}: {e}",
                    file.display(),
                    target.display()
                ),
            )
        })?;
    }
    Ok(())
}

fn move_database_files(database: &Path, aside: &Path) -> Result<(), ApiError> {
    if let Some(dir) = aside.parent() {
        create_dir(dir)?;
    }
    for (file, suffix) in companions(database) {
        if !file.exists() {
            continue;
        }
        let target = with_suffix(aside, suffix);
        std::fs::rename(&file, &target).map_err(|e| {
            ApiError::new(
                ErrorCode::Storage,
                format!(
                    "Could not move {} to {}: {e}",
                    file.display(),
                    target.display()
                ),
            )
        })?;
    }
    // Both folders, so that neither the move out nor the move in is lost in a power cut.
    for dir in [database.parent(), aside.parent()].into_iter().flatten() {
        let _ = crate::files::sync_dir(dir);
    }
    Ok(())
}

/// Copies `from` to `to`, the copy readable by its owner only.
fn copy_private(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut source = std::fs::File::open(from)?;
    let mut target = ssa_store::private_files::create(to)?;
    std::io::copy(&mut source, &mut target)?;
    target.sync_all()
}
