//! Encryption at rest: what an encrypted database, its write-ahead log and its backups show to
//! someone who copies the files without the passphrase, and how a wrong passphrase, a rekey and
//! the conversion of a plain database behave.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use ssa_core::negotiation::Shelf;
use ssa_store::cipher::{encrypt_file, is_plain_database, rekey_file};
use ssa_store::{migrations, Passphrase, Store, StoreError, LATEST_SCHEMA_VERSION};

use crate::support::*;

/// Words of a (fictional) negotiating mandate, each unlikely to appear by chance in a file.
const MANDATE_WORDS: [&str; 3] = ["Quillbrook", "redlinefallback", "Zanzorian"];

fn key(text: &str) -> Passphrase {
    Passphrase::new(text)
}

fn mandate_notes() -> String {
    format!(
        "Mandate: never below 60 months; {} {} {}. ",
        MANDATE_WORDS[0], MANDATE_WORDS[1], MANDATE_WORDS[2]
    )
    .repeat(50)
}

/// Runs of four or more printable ASCII characters, as `strings` prints them.
fn strings(bytes: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut run = String::new();
    for &b in bytes {
        if (0x20..0x7f).contains(&b) || b == b'\t' {
            run.push(b as char);
        } else {
            if run.len() >= 4 {
                found.push(std::mem::take(&mut run));
            }
            run.clear();
        }
    }
    if run.len() >= 4 {
        found.push(run);
    }
    found
}

/// Panics if the file shows any mandate word, as `strings` output or anywhere in its raw bytes.
pub fn assert_reveals_no_mandate_word(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    let printable = strings(&bytes).join("\n");
    for word in MANDATE_WORDS {
        assert!(
            !printable.contains(word),
            "strings on {} finds {word}",
            path.display()
        );
        assert!(
            !bytes.windows(word.len()).any(|w| w == word.as_bytes()),
            "{} holds {word}",
            path.display()
        );
    }
}

fn wal(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

/// An encrypted database holding negotiations whose notes are the mandate; returns it open so
/// that its write-ahead log is still there.
fn encrypted_store(place: &Place, passphrase: &str) -> Store {
    let (mut store, report) =
        Store::open_with_key(&place.database(), Some(&key(passphrase)), &place.backup()).unwrap();
    assert!(report.created && report.encrypted);
    for n in 0..5 {
        let mut negotiation = negotiation(&format!("n-{n}"), &format!("Negotiation {n}"));
        negotiation.notes = mandate_notes();
        store.insert_negotiation(&negotiation).unwrap();
    }
    store
}

#[test]
fn an_encrypted_database_and_its_wal_show_neither_the_sqlite_header_nor_a_mandate_word() {
    let place = Place::new();
    let store = encrypted_store(&place, "correct horse battery");
    let path = place.database();
    let wal = wal(&path);
    assert!(
        wal.metadata().unwrap().len() > 0,
        "the edits are in the WAL"
    );
    assert_reveals_no_mandate_word(&wal);
    drop(store);
    let bytes = std::fs::read(&path).unwrap();
    assert_ne!(&bytes[..16], b"SQLite format 3\0");
    assert!(!is_plain_database(&path));
    assert_reveals_no_mandate_word(&path);
    // The same content written plain does show the words: the check above can fail.
    let plain = Place::new();
    let (mut store, _) = Store::open(&plain.database(), &plain.backup()).unwrap();
    let mut n = negotiation("p", "Plain");
    n.notes = mandate_notes();
    store.insert_negotiation(&n).unwrap();
    drop(store);
    let shown = std::panic::catch_unwind(|| assert_reveals_no_mandate_word(&plain.database()));
    assert!(shown.is_err(), "a plain database shows the words");
}

#[test]
fn the_right_passphrase_opens_the_database_with_its_data() {
    let place = Place::new();
    drop(encrypted_store(&place, "correct horse battery"));
    let (store, report) = Store::open_with_key(
        &place.database(),
        Some(&key("correct horse battery")),
        &place.backup(),
    )
    .unwrap();
    assert!(report.encrypted && !report.created);
    assert!(store.is_encrypted());
    assert_eq!(store.list_negotiations(Shelf::Active).unwrap().len(), 5);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn a_wrong_passphrase_is_refused_and_leaves_every_file_byte_identical() {
    let place = Place::new();
    drop(encrypted_store(&place, "correct horse battery"));
    let before = snapshot(place.dir.path());
    for attempt in [
        "wrong",
        "",
        "correct horse batter",
        "correct horse battery ",
    ] {
        let result = Store::open_with_key(&place.database(), Some(&key(attempt)), &place.backup());
        match result {
            Err(StoreError::WrongPassphrase { path }) => assert_eq!(path, place.database()),
            Err(other) => panic!("{attempt:?}: expected WrongPassphrase, got {other:?}"),
            Ok(_) => panic!("{attempt:?} opened the database"),
        }
        let read_only = Store::open_read_only_with_key(&place.database(), Some(&key(attempt)));
        assert!(matches!(read_only, Err(StoreError::WrongPassphrase { .. })));
    }
    assert_eq!(snapshot(place.dir.path()), before, "a file changed");
}

#[test]
fn without_a_passphrase_an_encrypted_database_is_refused_as_possibly_encrypted() {
    let place = Place::new();
    drop(encrypted_store(&place, "correct horse battery"));
    let before = snapshot(place.dir.path());
    match Store::open(&place.database(), &place.backup()) {
        Err(StoreError::NotADatabase {
            looks_encrypted, ..
        }) => assert!(looks_encrypted),
        Err(other) => panic!("expected NotADatabase, got {other:?}"),
        Ok(_) => panic!("opened without the passphrase"),
    }
    assert_eq!(snapshot(place.dir.path()), before);
}

#[test]
fn a_rekeyed_database_reopens_with_the_new_passphrase_only() {
    let place = Place::new();
    let mut store = encrypted_store(&place, "old passphrase here");
    store.rekey(&key("new passphrase here")).unwrap();
    drop(store);
    let (store, _) = Store::open_with_key(
        &place.database(),
        Some(&key("new passphrase here")),
        &place.backup(),
    )
    .unwrap();
    assert_eq!(store.list_negotiations(Shelf::Active).unwrap().len(), 5);
    assert_eq!(store.integrity_check().unwrap(), "ok");
    drop(store);
    assert!(matches!(
        Store::open_with_key(
            &place.database(),
            Some(&key("old passphrase here")),
            &place.backup()
        ),
        Err(StoreError::WrongPassphrase { .. })
    ));
    assert_reveals_no_mandate_word(&place.database());
    // The file form works too (backups are rekeyed this way).
    rekey_file(
        &place.database(),
        &key("new passphrase here"),
        &key("third one here"),
    )
    .unwrap();
    let (store, _) = Store::open_with_key(
        &place.database(),
        Some(&key("third one here")),
        &place.backup(),
    )
    .unwrap();
    assert_eq!(store.list_negotiations(Shelf::Active).unwrap().len(), 5);
}

#[test]
fn a_plain_database_is_converted_with_its_data_and_no_plain_copy_is_left() {
    let place = Place::new();
    let path = place.database_with_negotiations(30);
    {
        let (mut store, _) = Store::open(&path, &place.backup()).unwrap();
        let mut n = negotiation("secret", "Secret");
        n.notes = mandate_notes();
        store.insert_negotiation(&n).unwrap();
    }
    assert!(is_plain_database(&path));
    encrypt_file(&path, &key("a passphrase of ours")).unwrap();
    assert!(!is_plain_database(&path));
    assert_reveals_no_mandate_word(&path);
    let names: Vec<String> = std::fs::read_dir(place.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        vec!["workbench.sqlite3".to_string()],
        "left beside it: {names:?}"
    );
    let (store, report) =
        Store::open_with_key(&path, Some(&key("a passphrase of ours")), &place.backup()).unwrap();
    assert!(report.encrypted);
    assert_eq!(store.list_negotiations(Shelf::Active).unwrap().len(), 31);
    assert_eq!(store.schema_version().unwrap(), LATEST_SCHEMA_VERSION);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn an_encrypted_file_is_not_encrypted_twice() {
    let place = Place::new();
    drop(encrypted_store(&place, "correct horse battery"));
    let before = snapshot(place.dir.path());
    assert!(matches!(
        encrypt_file(&place.database(), &key("another")),
        Err(StoreError::Cipher { .. })
    ));
    assert_eq!(snapshot(place.dir.path()), before);
}

#[test]
fn a_plain_database_opens_as_it_is_when_a_passphrase_is_given() {
    let place = Place::new();
    let path = place.database_with_negotiations(2);
    let (store, report) =
        Store::open_with_key(&path, Some(&key("unused")), &place.backup()).unwrap();
    assert!(!report.encrypted && !store.is_encrypted());
    assert!(is_plain_database(&path));
}

#[test]
fn the_backup_before_a_migration_is_encrypted_with_the_same_passphrase() {
    let place = Place::new();
    let path = place.database();
    {
        let mut conn = Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA key = 'migrating passphrase'; PRAGMA cipher_compatibility = 4;")
            .unwrap();
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
            .unwrap();
        migrations()
            .to_version(&mut conn, LATEST_SCHEMA_VERSION - 1)
            .unwrap();
        conn.execute(
            "INSERT INTO negotiation (id, title, working_languages, notes, current_step, shelf, created_at, updated_at)
             VALUES ('old', 'Old', '[\"en\"]', ?1, 'need', 'active', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')",
            [mandate_notes()],
        )
        .unwrap();
    }
    let (store, report) =
        Store::open_with_key(&path, Some(&key("migrating passphrase")), &place.backup()).unwrap();
    assert_eq!(report.migrated_from, Some(LATEST_SCHEMA_VERSION - 1));
    drop(store);
    let backup = place.backup();
    assert!(!is_plain_database(&backup));
    assert_reveals_no_mandate_word(&backup);
    let copy = Store::open_read_only_with_key(&backup, Some(&key("migrating passphrase"))).unwrap();
    assert_eq!(copy.list_negotiations(Shelf::Active).unwrap().len(), 1);
    assert_eq!(copy.schema_version().unwrap(), LATEST_SCHEMA_VERSION - 1);
}

#[cfg(unix)]
#[test]
fn the_database_its_companions_and_its_backups_are_readable_by_the_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let place = Place::new();
    let store = encrypted_store(&place, "correct horse battery");
    let path = place.database();
    for file in [path.clone(), wal(&path)] {
        let mode = file.metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", file.display());
    }
    drop(store);
    // A database made before this rule (0644) is made private when opened.
    let old = Place::new();
    let old_path = old.database_with_negotiations(1);
    std::fs::set_permissions(&old_path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let _store = Store::open(&old_path, &old.backup()).unwrap();
    let mode = old_path.metadata().unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}
