//! A file the store cannot vouch for is refused with an error naming it, and stays exactly as it
//! was: no byte of it changes, no backup is made, nothing with data in it appears beside it.

use ssa_store::{Store, StoreError, LATEST_SCHEMA_VERSION};

use crate::support::*;

/// Opens the place's database through the store, expecting a refusal, and checks that the
/// refusal changed nothing on disk. Returns the error.
fn refused(place: &Place) -> StoreError {
    let path = place.database();
    let before = snapshot(place.dir.path());
    let error = match Store::open(&path, &place.backup()) {
        Ok(_) => panic!("{} was opened", path.display()),
        Err(error) => error,
    };
    let after = snapshot(place.dir.path());
    for (file, bytes) in &before {
        assert!(
            after.get(file) == Some(bytes),
            "{} changed or disappeared after the refusal",
            file.display()
        );
    }
    for (file, bytes) in &after {
        if before.contains_key(file) {
            continue;
        }
        // A read-only look at a WAL-mode file makes SQLite create its shared-memory index and an
        // empty log. Neither holds data, and neither changes what the file contains.
        let name = file.file_name().unwrap().to_string_lossy();
        let harmless = name == "workbench.sqlite3-shm"
            || (name == "workbench.sqlite3-wal" && bytes.is_empty());
        assert!(
            harmless,
            "the refusal left {} ({} bytes) behind",
            file.display(),
            bytes.len()
        );
    }
    assert!(
        !place.backup().exists(),
        "a refused file must not be backed up"
    );
    let message = error.to_string();
    assert!(
        message.contains(&path.display().to_string()),
        "the message does not name the file: {message}"
    );
    assert!(
        message.contains("left as it is"),
        "the message does not say the file was kept: {message}"
    );
    error
}

/// Bytes that look like nothing in particular, the same on every run.
fn garbage(len: usize) -> Vec<u8> {
    let mut state: u32 = 0x2545_f491;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        })
        .collect()
}

fn is_damage(error: &StoreError) -> bool {
    matches!(
        error,
        StoreError::NotADatabase { .. } | StoreError::Corrupt { .. }
    )
}

#[test]
fn a_file_of_garbage_bytes_is_refused_as_not_a_database_and_left_unchanged() {
    let place = Place::new();
    std::fs::write(place.database(), garbage(8192)).unwrap();
    let error = refused(&place);
    assert!(
        matches!(error, StoreError::NotADatabase { .. }),
        "{error:?}"
    );
    assert!(error
        .to_string()
        .contains("is not an SSA Workbench database"));
    // Refusing again gives the same answer: whatever the first look left beside the file changed
    // nothing.
    assert!(matches!(refused(&place), StoreError::NotADatabase { .. }));
}

#[test]
fn a_file_with_an_sqlite_header_followed_by_garbage_is_refused_and_left_unchanged() {
    let place = Place::new();
    let mut bytes = garbage(8192);
    bytes[..16].copy_from_slice(b"SQLite format 3\0");
    std::fs::write(place.database(), bytes).unwrap();
    let error = refused(&place);
    assert!(is_damage(&error), "{error:?}");
}

/// Makes a real database with data, keeps only its first `keep(len)` bytes.
fn truncated(keep: impl Fn(usize) -> usize) -> Place {
    let place = Place::new();
    let path = place.database_with_negotiations(40);
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() >= 8 * 4096, "the database is too small to cut");
    std::fs::write(&path, &bytes[..keep(bytes.len())]).unwrap();
    place
}

#[test]
fn a_database_cut_in_half_at_a_page_boundary_is_refused_as_damaged_and_left_unchanged() {
    let place = truncated(|len| (len / 2) / 4096 * 4096);
    let error = refused(&place);
    assert!(matches!(error, StoreError::Corrupt { .. }), "{error:?}");
    assert!(error.to_string().contains("is damaged"));
}

#[test]
fn a_database_cut_in_the_middle_of_a_page_is_refused_as_damaged_and_left_unchanged() {
    let place = truncated(|len| len / 2 + 1234);
    let error = refused(&place);
    assert!(matches!(error, StoreError::Corrupt { .. }), "{error:?}");
}

#[test]
fn a_database_cut_inside_its_header_is_refused_and_left_unchanged() {
    for keep in [10, 50, 99] {
        let place = truncated(|_| keep);
        let error = refused(&place);
        assert!(is_damage(&error), "cut to {keep} bytes: {error:?}");
    }
}

#[test]
fn a_database_with_a_damaged_page_inside_is_refused_as_damaged_and_left_unchanged() {
    // The first page (header and schema) is intact, so SQLite opens the file and reads its
    // version without complaint; only the integrity check finds the damage.
    let place = Place::new();
    let path = place.database_with_negotiations(40);
    let mut bytes = std::fs::read(&path).unwrap();
    let page = (bytes.len() / 2) / 4096 * 4096;
    bytes[page..page + 4096].copy_from_slice(&garbage(4096));
    std::fs::write(&path, &bytes).unwrap();
    let error = refused(&place);
    match &error {
        StoreError::Corrupt { detail, .. } => assert_ne!(detail, "ok"),
        other => panic!("expected Corrupt, got {other:?}"),
    }
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_unchanged() {
    let place = Place::new();
    let path = place.database_with_negotiations(3);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", (LATEST_SCHEMA_VERSION + 1) as i64)
            .unwrap();
    }
    let error = refused(&place);
    match &error {
        StoreError::NewerSchema {
            found, supported, ..
        } => {
            assert_eq!(*found, LATEST_SCHEMA_VERSION + 1);
            assert_eq!(*supported, LATEST_SCHEMA_VERSION);
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
    assert!(error.to_string().contains("newer version"));
}

#[test]
fn a_file_of_garbage_bytes_is_refused_when_opened_read_only_too() {
    let place = Place::new();
    std::fs::write(place.database(), garbage(8192)).unwrap();
    let before = std::fs::read(place.database()).unwrap();
    let error = match Store::open_read_only(&place.database()) {
        Ok(_) => panic!("garbage was opened read-only"),
        Err(error) => error,
    };
    assert!(
        matches!(error, StoreError::NotADatabase { .. }),
        "{error:?}"
    );
    assert_eq!(std::fs::read(place.database()).unwrap(), before);
}
