//! Helpers shared by the acceptance tests: a fixed clock and counting ids, so results never
//! depend on the wall clock.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use ssa_api::{Clock, IdSource};

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
