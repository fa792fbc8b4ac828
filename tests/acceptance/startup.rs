//! Start-up on a database that cannot be opened: the problem is reported with its code, the file
//! is never modified, and the two ways out (a read-only copy, a fresh start with the old file
//! kept aside) work.

use std::path::PathBuf;

use ssa_api::dto::{ShelfDto, StartupDto};
use ssa_api::{ErrorCode, Session, SessionOptions};
use ssa_store::LATEST_SCHEMA_VERSION;

use crate::support::*;

const WITH_SAMPLE: SessionOptions = SessionOptions {
    seed_sample_on_create: true,
};

/// The files in the recovery folder whose names start with `prefix`.
fn in_recovery(place: &Place, prefix: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(place.data_dir().recovery()) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(prefix) && name.ends_with(".sqlite3")
        })
        .collect();
    found.sort();
    found
}

fn problem_code(session: &Session) -> ErrorCode {
    match session.startup() {
        StartupDto::Problem {
            code,
            message,
            database_path,
        } => {
            let path = session.data_dir().database().display().to_string();
            assert_eq!(database_path, path);
            assert!(message.contains(&path), "{message}");
            code
        }
        ready => panic!("expected a start-up problem, got {ready:?}"),
    }
}

/// A database written by a newer version of the app: the sample, with a schema number above
/// this build's.
fn newer_database(place: &Place) -> Vec<u8> {
    let session = place.session_with(WITH_SAMPLE);
    assert!(matches!(session.startup(), StartupDto::Ready { .. }));
    drop(session);
    let conn = rusqlite::Connection::open(place.database()).unwrap();
    conn.pragma_update(None, "user_version", (LATEST_SCHEMA_VERSION + 1) as i64)
        .unwrap();
    drop(conn);
    std::fs::read(place.database()).unwrap()
}

#[test]
fn a_first_start_creates_the_database_with_the_sample_and_a_second_start_does_not_add_it_again() {
    let place = Place::new();
    let session = place.session_with(WITH_SAMPLE);
    assert_eq!(
        session.startup(),
        StartupDto::Ready {
            read_only: false,
            encrypted: false,
            database_path: place.database().display().to_string(),
            created: true,
            backup_path: None,
        }
    );
    let listed = session
        .with(|wb| wb.list_negotiations(ShelfDto::Active))
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].title.contains("Aurelia"), "{}", listed[0].title);
    drop(session);

    let again = place.session_with(WITH_SAMPLE);
    assert!(matches!(
        again.startup(),
        StartupDto::Ready { created: false, .. }
    ));
    let listed_again = again
        .with(|wb| wb.list_negotiations(ShelfDto::Active))
        .unwrap();
    assert_eq!(listed_again, listed);
}

#[test]
fn starting_on_a_garbage_file_reports_a_damaged_database_and_leaves_the_file_untouched() {
    let place = Place::new();
    std::fs::write(place.database(), garbage(10_000)).unwrap();
    let session = place.session_with(WITH_SAMPLE);

    assert_eq!(problem_code(&session), ErrorCode::DatabaseCorrupt);
    match session.startup() {
        StartupDto::Problem { message, .. } => {
            assert!(
                message.contains("is not an SSA Workbench database"),
                "{message}"
            )
        }
        ready => panic!("{ready:?}"),
    }
    let error = session
        .with(|wb| wb.list_negotiations(ShelfDto::Active))
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::NoDatabase);

    // A read-only copy of garbage is garbage too: refused, and the session keeps its problem.
    let error = session.open_copy_read_only().unwrap_err();
    assert_eq!(error.code, ErrorCode::DatabaseCorrupt);
    assert_eq!(problem_code(&session), ErrorCode::DatabaseCorrupt);
    assert_eq!(std::fs::read(place.database()).unwrap(), garbage(10_000));
    let leftovers = std::fs::read_dir(place.data_dir().recovery())
        .map(|entries| entries.count())
        .unwrap_or(0);
    assert_eq!(
        leftovers, 0,
        "a copy that could not be opened was left behind"
    );
}

#[test]
fn a_database_from_a_newer_version_can_be_looked_into_through_a_read_only_copy() {
    let place = Place::new();
    let original = newer_database(&place);
    let session = place.session();
    assert_eq!(problem_code(&session), ErrorCode::DatabaseTooNew);

    let startup = session.open_copy_read_only().unwrap();
    let StartupDto::Ready {
        read_only,
        database_path,
        encrypted: _,
        created,
        backup_path,
    } = startup
    else {
        panic!("the copy did not open: {startup:?}");
    };
    assert!(read_only);
    assert!(!created);
    assert_eq!(backup_path, None);
    let copies = in_recovery(&place, "workbench-copy-");
    assert_eq!(copies.len(), 1);
    assert_eq!(database_path, copies[0].display().to_string());

    let listed = session
        .with(|wb| wb.list_negotiations(ShelfDto::Active))
        .unwrap();
    assert_eq!(listed.len(), 1, "the copy shows the sample");
    assert!(session.with(|wb| wb.about()).unwrap().read_only);
    let id = listed[0].id.clone();
    let refusals = [
        session
            .with(|wb| wb.create_negotiation(input("New")))
            .map(|_| ()),
        session
            .with(|wb| wb.rename_negotiation(&id, "Renamed"))
            .map(|_| ()),
        session
            .with(|wb| wb.move_negotiation(&id, ShelfDto::Bin))
            .map(|_| ()),
    ];
    for refusal in refusals {
        let error = refusal.unwrap_err();
        assert_eq!(error.code, ErrorCode::ReadOnly, "{}", error.message);
        assert!(error.message.contains("read-only"), "{}", error.message);
    }
    assert_eq!(
        session
            .with(|wb| wb.list_negotiations(ShelfDto::Active))
            .unwrap(),
        listed
    );
    drop(session);
    assert_eq!(std::fs::read(place.database()).unwrap(), original);
}

#[test]
fn starting_fresh_sets_the_broken_file_aside_unchanged_and_opens_a_new_database_with_the_sample() {
    let place = Place::new();
    std::fs::write(place.database(), garbage(10_000)).unwrap();
    let session = place.session_with(WITH_SAMPLE);
    assert_eq!(problem_code(&session), ErrorCode::DatabaseCorrupt);

    let startup = session.start_fresh().unwrap();
    assert_eq!(
        startup,
        StartupDto::Ready {
            read_only: false,
            encrypted: false,
            database_path: place.database().display().to_string(),
            created: true,
            backup_path: None,
        }
    );
    let aside = in_recovery(&place, "workbench-set-aside-");
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read(&aside[0]).unwrap(), garbage(10_000));

    let listed = session
        .with(|wb| wb.list_negotiations(ShelfDto::Active))
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].title.contains("Boreland"), "{}", listed[0].title);
    let created = session
        .with(|wb| wb.create_negotiation(input("After the fresh start")))
        .unwrap();
    assert_eq!(session.with(|wb| wb.integrity_check()).unwrap(), "ok");
    drop(session);

    // The new database is the one the next start (and the CLI) finds.
    let (code, out, err) = place.ssa(&["list"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&created.id), "{out}");
}

#[test]
fn starting_fresh_from_a_read_only_copy_keeps_the_newer_database_aside_byte_for_byte() {
    let place = Place::new();
    let original = newer_database(&place);
    let session = place.session();
    session.open_copy_read_only().unwrap();

    let startup = session.start_fresh().unwrap();
    assert!(matches!(
        startup,
        StartupDto::Ready {
            read_only: false,
            created: true,
            ..
        }
    ));
    let aside = in_recovery(&place, "workbench-set-aside-");
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read(&aside[0]).unwrap(), original);
    // Without the sample option, the fresh database starts empty.
    assert!(session
        .with(|wb| wb.list_negotiations(ShelfDto::Active))
        .unwrap()
        .is_empty());
}

#[test]
fn starting_fresh_is_refused_while_a_working_database_is_open() {
    let place = Place::new();
    let session = place.session();
    let kept = session
        .with(|wb| wb.create_negotiation(input("Kept")))
        .unwrap();
    let error = session.start_fresh().unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert!(in_recovery(&place, "").is_empty());
    assert_eq!(
        session.with(|wb| wb.get_negotiation(&kept.id)).unwrap(),
        kept
    );
}
