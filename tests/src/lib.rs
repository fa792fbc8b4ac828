//! Helpers shared by the acceptance tests: a fixed clock and counting ids, so results never
//! depend on the wall clock.

pub mod pdf_checks;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use ssa_api::{Clock, IdSource};

/// A count a fault test runs, from the environment variable `name` (the full setting that
/// `scripts/crash-full.sh` uses), else `ci` (what `cargo test` and CI run).
pub fn setting(name: &str, ci: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(ci)
}

/// A clock that starts at 2026-11-23 09:00 UTC and advances one second per reading.
pub struct SteppingClock {
    ticks: AtomicU64,
}

impl SteppingClock {
    pub fn new() -> Arc<SteppingClock> {
        Arc::new(SteppingClock {
            ticks: AtomicU64::new(0),
        })
    }
}

impl Clock for SteppingClock {
    fn now(&self) -> DateTime<Utc> {
        let tick = self.ticks.fetch_add(1, Ordering::SeqCst) as i64;
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap() + chrono::Duration::seconds(tick)
    }
}

/// Ids "n-1", "n-2", ...
pub struct CountingIds {
    next: AtomicU64,
}

impl CountingIds {
    pub fn new() -> Arc<CountingIds> {
        Arc::new(CountingIds {
            next: AtomicU64::new(1),
        })
    }
}

impl IdSource for CountingIds {
    fn new_id(&self) -> String {
        format!("n-{}", self.next.fetch_add(1, Ordering::SeqCst))
    }
}

/// The edits the crash writer makes, shared with the crash test that checks them.
///
/// Each negotiation the writer works on goes through three edits, one committed call each:
/// it is created (stage 1), its notes and parties are replaced (stage 2), it is renamed
/// (stage 3). After each committed call the writer prints one line, `committed N <stage> <id>`,
/// and flushes it.
pub mod crash {
    pub fn title(n: u64) -> String {
        format!("edit-{n}")
    }

    pub fn notes(n: u64) -> String {
        format!("notes of edit-{n}, typed before the power went")
    }

    pub fn renamed(n: u64) -> String {
        format!("edit-{n} renamed")
    }

    /// How many of its three edits a stored negotiation shows: 1, 2 or 3.
    pub fn stage(title: &str, notes: &str) -> u8 {
        let renamed = title.ends_with(" renamed");
        let noted = notes.starts_with("notes of edit-");
        match (noted, renamed) {
            (false, false) => 1,
            (true, false) => 2,
            (true, true) => 3,
            (false, true) => panic!("\"{title}\" was renamed before its notes were saved"),
        }
    }

    /// One line of the writer's output: `committed N <stage> <id>`.
    pub fn report(n: u64, stage: u8, id: &str) -> String {
        format!("committed {n} {stage} {id}")
    }

    /// The stage and id of a complete report line, or None for anything else.
    pub fn parse_report(line: &str) -> Option<(u8, String)> {
        let mut words = line.strip_suffix('\n')?.split(' ');
        if words.next()? != "committed" {
            return None;
        }
        words.next()?.parse::<u64>().ok()?;
        let stage = words.next()?.parse::<u8>().ok()?;
        let id = words.next()?.to_string();
        words.next().is_none().then_some((stage, id))
    }
}
