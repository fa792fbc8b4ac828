//! Two writers, interrupted starts, deleted data: the faults of issue 19 at the store.

use std::sync::mpsc;
use std::time::Duration;

use rusqlite::Connection;
use ssa_core::negotiation::Shelf;
use ssa_core::template::Draft;
use ssa_store::{EditOutcome, Store, StoredTemplate, TemplateOrigin};

use crate::support::*;

fn with_suffix(path: &std::path::Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

#[test]
fn a_write_that_reads_first_waits_for_another_process_writing_instead_of_failing_at_once() {
    let place = Place::new();
    let path = place.database_with_negotiations(1);
    let (mut store, _) = Store::open(&path, &place.backup()).unwrap();
    store.add_template_if_missing(&template()).unwrap();
    store.put_draft("n-0", &draft(), at(2)).unwrap();

    // Another connection (another process, as far as SQLite can tell) holds the write lock
    // for half a second.
    let (locked, lock_taken) = mpsc::channel();
    let other_path = path.clone();
    let other = std::thread::spawn(move || {
        let conn = Connection::open(&other_path).unwrap();
        conn.execute_batch("BEGIN IMMEDIATE; UPDATE negotiation SET title = 'other writer';")
            .unwrap();
        locked.send(()).unwrap();
        std::thread::sleep(Duration::from_millis(500));
        conn.execute_batch("COMMIT;").unwrap();
    });
    lock_taken.recv().unwrap();
    // Naming a version reads the latest revision before it writes. Begun DEFERRED, that read
    // took a snapshot and the write then failed at once with "database is locked".
    let named = store.name_latest_revision("n-0", "Tabled at round 1");
    other.join().unwrap();
    assert_eq!(named.unwrap(), Some(1));
    assert_eq!(
        store.get_negotiation("n-0").unwrap().unwrap().title,
        "other writer"
    );
}

fn template() -> StoredTemplate {
    StoredTemplate {
        id: "model".into(),
        version: "1".into(),
        title: "Model".into(),
        origin: TemplateOrigin::Shipped,
        source: String::new(),
        created_at: at(0),
    }
}

fn draft() -> Draft {
    Draft {
        template_id: "model".into(),
        template_version: "1".into(),
        ..Draft::default()
    }
}

/// Two stores on one database whose negotiation n-0 has a draft: two processes, to SQLite.
fn two_writers() -> (Place, Store, Store) {
    let place = Place::new();
    let path = place.database_with_negotiations(1);
    let (mut first, _) = Store::open(&path, &place.backup()).unwrap();
    first.add_template_if_missing(&template()).unwrap();
    first.put_draft("n-0", &draft(), at(2)).unwrap();
    let (second, _) = Store::open(&path, &place.backup()).unwrap();
    (place, first, second)
}

#[test]
fn edits_of_different_provisions_by_two_writers_are_both_kept() {
    let (_place, mut first, mut second) = two_writers();

    let base = draft();
    let mut mine = base.clone();
    mine.custom_wording
        .insert("A1".into(), "typed in the app".into());
    let mut theirs = base.clone();
    theirs
        .custom_wording
        .insert("A2".into(), "typed by ssa".into());

    assert!(matches!(
        first.save_draft_edit("n-0", &base, &mine, at(3)).unwrap(),
        EditOutcome::Saved(_)
    ));
    // The second writer still thinks the draft is `base`; its edit is merged, not a silent
    // overwrite of the first.
    let EditOutcome::Saved(merged) = second
        .save_draft_edit("n-0", &base, &theirs, at(4))
        .unwrap()
    else {
        panic!("the second edit was refused");
    };
    assert_eq!(merged.custom_wording.len(), 2);
    assert_eq!(first.get_draft("n-0").unwrap().unwrap().draft, *merged);
}

#[test]
fn the_same_provision_edited_by_two_writers_is_refused_and_the_first_edit_kept() {
    let (_place, mut first, mut second) = two_writers();

    let base = draft();
    let mut mine = base.clone();
    mine.custom_wording.insert("A1".into(), "mine".into());
    let mut theirs = base.clone();
    theirs.custom_wording.insert("A1".into(), "theirs".into());
    first.save_draft_edit("n-0", &base, &mine, at(3)).unwrap();
    let outcome = second
        .save_draft_edit("n-0", &base, &theirs, at(4))
        .unwrap();
    let EditOutcome::ChangedElsewhere(conflict) = outcome else {
        panic!("the conflicting edit was saved: {outcome:?}");
    };
    assert_eq!(conflict.keys(), vec!["A1"]);
    assert_eq!(
        first
            .get_draft("n-0")
            .unwrap()
            .unwrap()
            .draft
            .custom_wording["A1"],
        "mine"
    );
    assert_eq!(
        second
            .save_draft_edit("n-9", &base, &theirs, at(5))
            .unwrap(),
        EditOutcome::NoDraft
    );
}

/// A database as a process leaves it when killed in the middle of a transaction in rollback-
/// journal mode (as during the first switch to WAL): the file with some pages written and its
/// hot journal beside it, copied while the transaction is still open.
fn killed_mid_transaction(place: &Place) -> std::path::PathBuf {
    let original = place.dir.path().join("original.sqlite3");
    let conn = Connection::open(&original).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode = DELETE; PRAGMA cache_size = 1;
         CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('committed');",
    )
    .unwrap();
    conn.execute_batch("BEGIN; INSERT INTO t SELECT hex(randomblob(500)) FROM (WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 2000) SELECT n FROM c);")
        .unwrap();
    let path = place.database();
    std::fs::copy(&original, &path).unwrap();
    std::fs::copy(
        with_suffix(&original, "-journal"),
        with_suffix(&path, "-journal"),
    )
    .unwrap();
    drop(conn);
    assert!(
        std::fs::metadata(with_suffix(&path, "-journal"))
            .unwrap()
            .len()
            > 0
    );
    path
}

#[test]
fn a_hot_journal_left_by_a_kill_is_rolled_back_and_the_database_opens() {
    let place = Place::new();
    let path = killed_mid_transaction(&place);
    // Before: refused on every start ("unable to open database file", naming no file).
    let (store, _) = Store::open(&path, &place.backup())
        .unwrap_or_else(|e| panic!("the database does not open: {e}"));
    assert_eq!(store.integrity_check().unwrap(), "ok");
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let rows: i64 = conn
        .query_row("SELECT count(*) FROM t", [], |row| row.get(0))
        .unwrap();
    assert_eq!(rows, 1, "only the committed row survives");
}

#[test]
fn an_open_that_fails_names_the_file() {
    let place = Place::new();
    let path = place.database();
    std::fs::create_dir_all(&path).unwrap(); // a folder where the file should be
    let Err(error) = Store::open(&path, &place.backup()) else {
        panic!("a folder opened as a database");
    };
    assert!(
        error.to_string().contains(&path.display().to_string()),
        "{error}"
    );
}

#[test]
fn a_negotiation_deleted_for_good_is_not_left_readable_in_the_file() {
    let place = Place::new();
    let path = place.database_with_negotiations(3);
    let (mut store, _) = Store::open(&path, &place.backup()).unwrap();
    let marker = "CONFIDENTIAL-RED-LINE-24-MONTHS";
    let mut secret = negotiation("n-secret", "Secret");
    secret.notes = marker.repeat(200);
    store.insert_negotiation(&secret).unwrap();
    // Written through to the file (as days of use would), not only to the WAL.
    drop(store);
    let (mut store, _) = Store::open(&path, &place.backup()).unwrap();
    store.set_shelf("n-secret", Shelf::Bin).unwrap();
    assert!(store.delete_from_bin("n-secret").unwrap());
    // Still open, as the app would be: nothing of it in the database file or its WAL.
    for file in [path.clone(), with_suffix(&path, "-wal")] {
        let bytes = std::fs::read(&file).unwrap_or_default();
        let found = bytes
            .windows(marker.len())
            .any(|window| window == marker.as_bytes());
        assert!(!found, "{} still holds the deleted notes", file.display());
    }
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(store.count_negotiations().unwrap(), 3);
}

#[test]
fn a_new_database_waits_for_its_sample_and_an_old_one_with_negotiations_does_not() {
    let place = Place::new();
    let (mut store, report) = Store::open(&place.database(), &place.backup()).unwrap();
    assert!(report.created);
    assert_eq!(store.state("sample").unwrap().as_deref(), Some("pending"));
    store.set_state("sample", "done").unwrap();
    assert_eq!(store.state("sample").unwrap().as_deref(), Some("done"));
    drop(store);
    let (store, _) = Store::open(&place.database(), &place.backup()).unwrap();
    assert_eq!(store.state("sample").unwrap().as_deref(), Some("done"));
}
