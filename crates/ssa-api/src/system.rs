//! The clock and the id source, passed in so that the use cases stay deterministic in tests.

use chrono::{DateTime, Utc};

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

pub trait IdSource: Send + Sync {
    fn new_id(&self) -> String;

    /// 32 bytes for a new secret signing key. Always the system's randomness: a key must never
    /// be predictable, not even in a test that fixes its ids.
    fn new_secret_key(&self) -> [u8; 32] {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).expect("the system has no source of randomness");
        bytes
    }
}

/// The wall clock, for the desktop shell and the CLI.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Random UUIDs (v4): ids made on two laptops never collide when files are exchanged.
pub struct UuidIds;

impl IdSource for UuidIds {
    fn new_id(&self) -> String {
        uuid::Uuid::new_v4().to_string()
    }
}
