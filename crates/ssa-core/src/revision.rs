//! Revisions: how a draft's edit history is kept.
//!
//! Every saved edit is kept. Edits that follow each other closely are folded into one
//! revision, so the history reads as a list of working sessions rather than of keystrokes; a
//! revision the user names becomes a **version** and is never changed again (the next edit
//! starts a new revision).

use chrono::{DateTime, Duration, Utc};

/// Edits less than this apart belong to the same revision.
pub const COALESCE_WINDOW: Duration = Duration::minutes(5);

/// Whether an edit made at `now` folds into the latest revision (last touched at
/// `latest_updated_at`, named or not) instead of starting a new one.
pub fn folds_into_latest(
    latest_updated_at: DateTime<Utc>,
    latest_is_named: bool,
    now: DateTime<Utc>,
) -> bool {
    !latest_is_named && now - latest_updated_at < COALESCE_WINDOW
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: u32, second: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, minute, second)
            .unwrap()
    }

    #[test]
    fn edits_close_together_fold_into_one_revision() {
        assert!(folds_into_latest(at(0, 0), false, at(4, 59)));
        assert!(!folds_into_latest(at(0, 0), false, at(5, 0)));
    }

    #[test]
    fn a_named_version_never_takes_further_edits() {
        assert!(!folds_into_latest(at(0, 0), true, at(0, 1)));
    }
}
