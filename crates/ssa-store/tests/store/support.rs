//! Helpers: negotiations with fixed timestamps, databases with data in them, and snapshots of a
//! directory so that a test can prove nothing on disk changed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use ssa_core::negotiation::{Negotiation, Party, PartyRole, Shelf};
use ssa_store::Store;

pub fn at(second: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, second).unwrap()
}

pub fn party(name: &str, iso_code: &str, role: PartyRole) -> Party {
    Party {
        name: name.into(),
        iso_code: iso_code.into(),
        role,
    }
}

/// A bilateral negotiation between Aurelia (own side) and Boreland.
pub fn negotiation(id: &str, title: &str) -> Negotiation {
    Negotiation {
        id: id.into(),
        title: title.into(),
        parties: vec![
            party("Republic of Aurelia", "XA", PartyRole::Own),
            party("Kingdom of Boreland", "XB", PartyRole::Counterpart),
        ],
        working_languages: vec!["en".into(), "fr".into()],
        notes: format!("notes of {title}"),
        current_step: "need".into(),
        shelf: Shelf::Active,
        created_at: at(0),
        updated_at: at(1),
    }
}

/// A temporary directory with the path of a database inside it (not yet created) and a path for
/// backups.
pub struct Place {
    pub dir: tempfile::TempDir,
}

impl Place {
    pub fn new() -> Place {
        Place {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn database(&self) -> PathBuf {
        self.dir.path().join("workbench.sqlite3")
    }

    pub fn backup(&self) -> PathBuf {
        self.dir
            .path()
            .join("backups")
            .join("before-update.sqlite3")
    }

    /// Creates the database through the store with `count` negotiations in it and closes it.
    pub fn database_with_negotiations(&self, count: usize) -> PathBuf {
        let path = self.database();
        let (mut store, _) = Store::open(&path, &self.backup()).unwrap();
        for n in 0..count {
            // Long notes so that the data spans many pages.
            let mut negotiation = negotiation(&format!("n-{n}"), &format!("Negotiation {n}"));
            negotiation.notes = format!("{n} ").repeat(400);
            store.insert_negotiation(&negotiation).unwrap();
        }
        drop(store);
        path
    }
}

/// Every file under `dir` (recursively) with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                files.insert(path, bytes);
            }
        }
    }
    files
}
