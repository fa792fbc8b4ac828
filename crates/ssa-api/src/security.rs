//! Encryption of the data folder, seen from the session: unlock, lock, turn encryption on,
//! change the passphrase, and the idle-lock setting.
//!
//! Contract:
//! - The passphrase is asked once per session (the key derivation is slow on purpose) and held
//!   in memory, wiped when dropped, only while the database is open. Locking closes the
//!   database and forgets the passphrase: a locked session holds nothing of the negotiations.
//! - A wrong passphrase changes nothing on disk. After five wrong ones in a row, each further
//!   try must wait: 10 s after the fifth, doubling up to five minutes ([`retry_delay`]);
//!   a try made too early is refused without even trying the passphrase.
//! - Turning encryption on converts the database (see `ssa_store::cipher::encrypt_file`) and
//!   then every plain database file in the backups and recovery folders; a file that cannot be
//!   converted is listed in [`EncryptionDto::unprotected_files`], never silently left.
//!   Changing the passphrase rekeys the database, reopens it with the new passphrase to prove
//!   it, then rekeys the encrypted backups and copies that open with the old one.
//! - No passphrase is ever written to disk or to the log.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;
use ssa_store::cipher::{encrypt_file, is_plain_database, rekey_file};
use ssa_store::Passphrase;

use crate::dto::{FieldProblemDto, StartupDto};
use crate::session::{open_state, State};
use crate::{ApiError, ErrorCode, Session, Workbench};

/// Why the workbench is waiting for its passphrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum LockReason {
    /// The app just started on an encrypted database.
    Start,
    /// Nobody used the app for the chosen idle time.
    Idle,
    /// The system's screen was locked, or the computer went to sleep.
    System,
    /// The person chose "Lock now".
    Manual,
}

/// The shortest passphrase accepted.
pub const MIN_PASSPHRASE_CHARS: usize = 10;
/// Wrong passphrases allowed in a row before tries slow down.
pub const FREE_ATTEMPTS: u32 = 5;
/// The idle time before the app locks, when nobody chose one.
pub const DEFAULT_LOCK_AFTER_MINUTES: u32 = 10;
/// The longest idle time that can be chosen.
pub const MAX_LOCK_AFTER_MINUTES: u32 = 480;
const LOCK_AFTER_SETTING: &str = "lock_after_minutes";

/// Wrong passphrases in a row and when the next try is allowed.
#[derive(Debug, Default)]
pub(crate) struct Attempts {
    pub wrong: u32,
    pub wait_until: Option<DateTime<Utc>>,
}

/// The wait before the next try after `wrong` wrong passphrases in a row.
pub fn retry_delay(wrong: u32) -> Option<chrono::Duration> {
    if wrong < FREE_ATTEMPTS {
        return None;
    }
    let doublings = (wrong - FREE_ATTEMPTS).min(5);
    Some(chrono::Duration::seconds((10i64 << doublings).min(300)))
}

/// The encryption of the open database, for the Security dialog and `ssa encrypt`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct EncryptionDto {
    pub encrypted: bool,
    /// e.g. "4.6.1 community".
    pub cipher_version: String,
    /// Minutes without use before the app locks; 0: never. Only meaningful when encrypted.
    pub lock_after_minutes: u32,
    /// Database files in the backups and recovery folders that are not encrypted (damaged
    /// copies that could not be converted): the person may delete them.
    pub unprotected_files: Vec<String>,
}

fn passphrase_problem(message: &str) -> ApiError {
    let mut error = ApiError::new(ErrorCode::InvalidInput, message);
    error.problems.push(FieldProblemDto {
        field: "passphrase".into(),
        message: message.into(),
    });
    error
}

/// Refuses a new passphrase that is too short or only spaces.
pub fn check_new_passphrase(passphrase: &Passphrase) -> Result<(), ApiError> {
    let text = passphrase.expose();
    if text.trim().is_empty() || text.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(passphrase_problem(&format!(
            "A passphrase needs at least {MIN_PASSPHRASE_CHARS} characters; a few words are easier to remember than a short password."
        )));
    }
    Ok(())
}

fn wrong_passphrase() -> ApiError {
    ApiError::new(
        ErrorCode::WrongPassphrase,
        "That passphrase is not the right one. Nothing was changed.",
    )
}

impl Session {
    pub(crate) fn attempts(&self) -> std::sync::MutexGuard<'_, Attempts> {
        self.attempts
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Seconds before the next passphrase is accepted, if tries are slowed down.
    pub(crate) fn retry_after_seconds(&self) -> Option<u32> {
        let wait_until = self.attempts().wait_until?;
        let left = (wait_until - self.clock.now()).num_milliseconds();
        (left > 0).then(|| ((left + 999) / 1000) as u32)
    }

    /// Counts a wrong passphrase and returns the error to show.
    fn count_wrong(&self) -> ApiError {
        let mut attempts = self.attempts();
        attempts.wrong += 1;
        attempts.wait_until = retry_delay(attempts.wrong).map(|d| self.clock.now() + d);
        tracing::warn!(wrong = attempts.wrong, "wrong passphrase");
        wrong_passphrase()
    }

    fn refuse_if_too_early(&self) -> Result<(), ApiError> {
        match self.retry_after_seconds() {
            Some(seconds) => Err(ApiError::new(
                ErrorCode::TooManyAttempts,
                format!("Too many wrong passphrases: wait {seconds} seconds before the next try. Nothing was changed."),
            )),
            None => Ok(()),
        }
    }

    /// Opens the locked (encrypted) database with `passphrase`.
    pub fn unlock(&self, passphrase: Passphrase) -> Result<StartupDto, ApiError> {
        {
            let mut state = self.lock();
            match &*state {
                State::Locked(_) => {}
                State::Ready { .. } => {
                    drop(state);
                    return Ok(self.startup());
                }
                State::Problem(..) => {
                    return Err(ApiError::new(
                        ErrorCode::InvalidInput,
                        "The workbench is not waiting for a passphrase.",
                    ))
                }
            }
            self.refuse_if_too_early()?;
            let opened = open_state(
                &self.data_dir,
                Some(passphrase),
                &self.clock,
                &self.ids,
                self.options,
            );
            match opened {
                State::Problem(error, _) if error.code == ErrorCode::WrongPassphrase => {
                    return Err(self.count_wrong());
                }
                opened => {
                    *self.attempts() = Attempts::default();
                    *state = opened;
                }
            }
        }
        tracing::info!("workbench unlocked");
        Ok(self.startup())
    }

    /// Closes the encrypted database and forgets its passphrase until it is entered again.
    pub fn lock_now(&self, reason: LockReason) -> Result<StartupDto, ApiError> {
        {
            let mut state = self.lock();
            match &*state {
                State::Ready { key: Some(_), .. } => *state = State::Locked(reason),
                State::Locked(_) => {}
                State::Ready { key: None, .. } | State::Problem(..) => {
                    return Err(ApiError::new(
                        ErrorCode::InvalidInput,
                        "This database has no passphrase, so it cannot be locked: turn encryption on first.",
                    ))
                }
            }
        }
        tracing::info!(?reason, "workbench locked");
        Ok(self.startup())
    }

    /// The encryption of the open database.
    pub fn encryption_status(&self) -> Result<EncryptionDto, ApiError> {
        self.with(|w| w.encryption_status())
    }

    /// Encrypts the open plain database (and its backups and copies) with `passphrase`.
    pub fn encrypt(&self, passphrase: Passphrase) -> Result<EncryptionDto, ApiError> {
        check_new_passphrase(&passphrase)?;
        let mut state = self.lock();
        match &*state {
            State::Ready {
                workbench,
                key: None,
                ..
            } if !workbench.is_read_only() => {}
            State::Ready { key: Some(_), .. } => {
                return Err(ApiError::new(
                    ErrorCode::InvalidInput,
                    "The database is already encrypted; change its passphrase instead.",
                ))
            }
            _ => {
                return Err(ApiError::new(
                    ErrorCode::InvalidInput,
                    "Encryption can be turned on for the open, working database only.",
                ))
            }
        }
        // Close the database: the conversion works on the file.
        *state = State::Locked(LockReason::Manual);
        let database = self.data_dir.database();
        if let Err(error) = encrypt_file(&database, &passphrase) {
            *state = open_state(&self.data_dir, None, &self.clock, &self.ids, self.options);
            return Err(error.into());
        }
        for file in database_files(&self.data_dir.backups())
            .into_iter()
            .chain(database_files(&self.data_dir.recovery()))
        {
            if is_plain_database(&file) {
                if let Err(error) = encrypt_file(&file, &passphrase) {
                    tracing::warn!(file = %file.display(), %error, "a copy could not be encrypted");
                }
            }
        }
        *state = open_state(
            &self.data_dir,
            Some(passphrase),
            &self.clock,
            &self.ids,
            self.options,
        );
        drop(state);
        self.encryption_status()
    }

    /// Changes the passphrase: `current` must be the one the database was opened with.
    pub fn change_passphrase(
        &self,
        current: Passphrase,
        new: Passphrase,
    ) -> Result<EncryptionDto, ApiError> {
        let mut state = self.lock();
        let State::Ready {
            workbench,
            key: Some(held),
            ..
        } = &mut *state
        else {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                "The database has no passphrase to change: turn encryption on first.",
            ));
        };
        self.refuse_if_too_early()?;
        if *held != current {
            return Err(self.count_wrong());
        }
        check_new_passphrase(&new)?;
        workbench.store.rekey(&new)?;
        // Reopen with the new passphrase: the proof that the change took.
        *state = State::Locked(LockReason::Manual);
        let reopened = open_state(
            &self.data_dir,
            Some(new.clone()),
            &self.clock,
            &self.ids,
            self.options,
        );
        if let State::Problem(error, _) = &reopened {
            let error = error.clone();
            *state = reopened;
            return Err(error);
        }
        *state = reopened;
        drop(state);
        for file in database_files(&self.data_dir.backups())
            .into_iter()
            .chain(database_files(&self.data_dir.recovery()))
        {
            if !is_plain_database(&file) {
                if let Err(error) = rekey_file(&file, &current, &new) {
                    tracing::warn!(file = %file.display(), %error, "a copy keeps an older passphrase");
                }
            }
        }
        tracing::info!("passphrase changed");
        self.encryption_status()
    }
}

impl Workbench {
    pub fn encryption_status(&self) -> Result<EncryptionDto, ApiError> {
        let data_dir = self.data_dir();
        let unprotected_files = database_files(&data_dir.backups())
            .into_iter()
            .chain(database_files(&data_dir.recovery()))
            .filter(|f| is_plain_database(f))
            .map(|f| f.display().to_string())
            .collect();
        Ok(EncryptionDto {
            encrypted: self.is_encrypted(),
            cipher_version: ssa_store::cipher::cipher_version()?,
            lock_after_minutes: self.lock_after_minutes()?,
            unprotected_files,
        })
    }

    /// Minutes without use before the app locks (0: never).
    pub fn lock_after_minutes(&self) -> Result<u32, ApiError> {
        Ok(self
            .store
            .setting(LOCK_AFTER_SETTING)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_LOCK_AFTER_MINUTES))
    }

    pub fn set_lock_after_minutes(&mut self, minutes: u32) -> Result<EncryptionDto, ApiError> {
        if minutes > MAX_LOCK_AFTER_MINUTES {
            let mut error = ApiError::new(
                ErrorCode::InvalidInput,
                format!("The idle time can be at most {MAX_LOCK_AFTER_MINUTES} minutes (0: never lock)."),
            );
            error.problems.push(FieldProblemDto {
                field: "lockAfterMinutes".into(),
                message: error.message.clone(),
            });
            return Err(error);
        }
        self.store
            .put_setting(LOCK_AFTER_SETTING, &minutes.to_string())?;
        self.encryption_status()
    }
}

/// Whether the data folder's database exists and is not plain (so it needs its passphrase).
pub fn database_is_encrypted(data_dir: &crate::paths::DataDir) -> bool {
    let database = data_dir.database();
    database.metadata().is_ok_and(|m| m.len() > 0) && !is_plain_database(&database)
}

/// The database files (not their -wal/-shm companions) directly in `dir`, sorted.
fn database_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "sqlite3"))
        .collect();
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tries_slow_down_after_five_wrong_passphrases_and_the_wait_is_capped() {
        assert_eq!(retry_delay(4), None);
        assert_eq!(retry_delay(5), Some(chrono::Duration::seconds(10)));
        assert_eq!(retry_delay(6), Some(chrono::Duration::seconds(20)));
        assert_eq!(retry_delay(9), Some(chrono::Duration::seconds(160)));
        assert_eq!(retry_delay(10), Some(chrono::Duration::seconds(300)));
        assert_eq!(retry_delay(50), Some(chrono::Duration::seconds(300)));
    }

    #[test]
    fn a_short_or_blank_passphrase_is_refused_naming_the_field() {
        for text in ["", "short", "          "] {
            let error = check_new_passphrase(&Passphrase::new(text)).unwrap_err();
            assert_eq!(error.problems[0].field, "passphrase");
        }
        assert!(check_new_passphrase(&Passphrase::new("four words of ours")).is_ok());
    }
}
