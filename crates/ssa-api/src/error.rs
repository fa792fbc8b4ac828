use serde::{Deserialize, Serialize};
use specta::Type;
use ssa_store::StoreError;

use crate::dto::FieldProblemDto;

/// What kind of failure this is; the UI switches on it (e.g. to mark form fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input was refused; `problems` names each field.
    InvalidInput,
    NotFound,
    /// The database file is not a database or is damaged.
    DatabaseCorrupt,
    /// The database was written by a newer version of the app.
    DatabaseTooNew,
    /// The open database is a read-only copy.
    ReadOnly,
    /// No database is open (the start-up problem has not been resolved yet).
    NoDatabase,
    /// Anything else in storage or the file system.
    Storage,
    /// The edit was made on a draft that another window or the command line has changed since,
    /// in the same provisions; nothing was saved. `problems` names each provision.
    ChangedElsewhere,
    /// An error inside SSA Workbench stopped this action (caught, logged); nothing else changed.
    Internal,
    /// The database is encrypted and no passphrase was given.
    PassphraseRequired,
    /// The passphrase does not open the database (or the file is not a database).
    WrongPassphrase,
    /// Too many wrong passphrases in a row: wait before the next try.
    TooManyAttempts,
    /// The workbench is locked (idle, or the system was locked): enter the passphrase.
    Locked,
    /// A signed file was refused: its signature does not hold, or it is not from the key trusted
    /// for its sender. Nothing was changed.
    BadSignature,
}

/// The one error every use case returns: a code for the program and a message for a person
/// (what is wrong, where, and what to do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// With `InvalidInput`: every problem, each naming its field.
    pub problems: Vec<FieldProblemDto>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError {
            code,
            message: message.into(),
            problems: Vec::new(),
        }
    }

    pub fn not_found(what: &str, id: &str) -> ApiError {
        ApiError::new(
            ErrorCode::NotFound,
            format!("There is no {what} with id {id}."),
        )
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        let code = match &error {
            StoreError::NotADatabase {
                looks_encrypted: true,
                ..
            } => ErrorCode::PassphraseRequired,
            StoreError::WrongPassphrase { .. } => ErrorCode::WrongPassphrase,
            StoreError::NotADatabase { .. } | StoreError::Corrupt { .. } => {
                ErrorCode::DatabaseCorrupt
            }
            StoreError::NewerSchema { .. } => ErrorCode::DatabaseTooNew,
            StoreError::ReadOnly { .. } => ErrorCode::ReadOnly,
            _ => ErrorCode::Storage,
        };
        tracing::warn!(%error, "store error");
        ApiError::new(code, error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crosses_the_boundary_as_code_and_message() {
        let error = ApiError::new(ErrorCode::NotFound, "There is no negotiation with id x.");
        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            serde_json::json!({
                "code": "not_found",
                "message": "There is no negotiation with id x.",
                "problems": []
            })
        );
    }
}
