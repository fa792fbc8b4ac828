//! How values are kept in text columns: times as RFC 3339 (UTC, milliseconds), structured values
//! as JSON. A value that cannot be read back is reported as [`StoreError::InvalidData`] naming
//! what it was.

use std::fmt::Display;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::StoreError;

pub(crate) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn parse_timestamp(text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::InvalidData(format!("timestamp \"{text}\": {e}")))
}

pub(crate) fn parse_optional_timestamp(
    text: Option<String>,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    text.as_deref().map(parse_timestamp).transpose()
}

/// `value` as JSON; `what` names it in the error.
pub(crate) fn to_json<T: Serialize>(value: &T, what: impl Display) -> Result<String, StoreError> {
    serde_json::to_string(value)
        .map_err(|e| StoreError::InvalidData(format!("{what} cannot be stored: {e}")))
}

/// The value stored as JSON in `text`; `what` names it in the error.
pub(crate) fn from_json<T: DeserializeOwned>(
    text: &str,
    what: impl Display,
) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::InvalidData(format!("{what}: {e}")))
}
