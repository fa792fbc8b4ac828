//! Fixtures shared by the unit tests of this crate.

use chrono::{DateTime, Utc};
use ssa_core::negotiation::{Negotiation, Party, PartyRole, Shelf};

use crate::Store;

/// A new, empty store in a temporary directory (kept as long as the directory is).
pub fn open_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(
        &dir.path().join("db.sqlite3"),
        &dir.path().join("backup.sqlite3"),
    )
    .unwrap();
    (dir, store)
}

/// A new store holding one negotiation, "n1", on `shelf`, created and edited `at`.
pub fn open_store_with_negotiation(shelf: Shelf, at: DateTime<Utc>) -> (tempfile::TempDir, Store) {
    let (dir, mut store) = open_store();
    store
        .insert_negotiation(&negotiation("n1", shelf, at))
        .unwrap();
    (dir, store)
}

/// A bilateral negotiation (XA own, XB counterpart) on `shelf`, created and edited `at`.
pub fn negotiation(id: &str, shelf: Shelf, at: DateTime<Utc>) -> Negotiation {
    Negotiation {
        id: id.into(),
        title: "T".into(),
        parties: vec![
            Party {
                name: "A".into(),
                iso_code: "XA".into(),
                role: PartyRole::Own,
            },
            Party {
                name: "B".into(),
                iso_code: "XB".into(),
                role: PartyRole::Counterpart,
            },
        ],
        working_languages: vec!["en".into()],
        notes: String::new(),
        current_step: "need".into(),
        shelf,
        created_at: at,
        updated_at: at,
    }
}
