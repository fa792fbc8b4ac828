//! Databases made by earlier schema versions open, and are backed up before they are migrated.

use std::path::Path;

use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags};
use ssa_store::{migrations, Store, LATEST_SCHEMA_VERSION};

use crate::support::*;

/// The schema and every row of every table, as text, for comparing two databases.
fn dump(path: &Path) -> Vec<String> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    let mut lines = vec![format!("user_version {version}")];
    let mut stmt = conn
        .prepare("SELECT type, name, ifnull(sql, '') FROM sqlite_master ORDER BY type, name")
        .unwrap();
    let objects: Vec<(String, String, String)> = stmt
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (kind, name, sql) in objects {
        lines.push(format!("{kind} {name}: {sql}"));
        if kind != "table" {
            continue;
        }
        let mut rows = conn
            .prepare(&format!("SELECT * FROM \"{name}\" ORDER BY 1"))
            .unwrap();
        let columns = rows.column_count();
        let rendered: Vec<String> = rows
            .query_map([], |row| {
                let values: Vec<Value> = (0..columns)
                    .map(|i| row.get::<_, Value>(i))
                    .collect::<Result<_, _>>()?;
                Ok(format!("  {name} {values:?}"))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        lines.extend(rendered);
    }
    lines
}

fn integrity(path: &Path) -> String {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap()
}

/// A database as the build with schema `version` left it: WAL mode, migrated that far, one
/// negotiation with two parties written with the columns schema 1 has (migrations are additive,
/// so every later schema has them too).
fn database_at_version(path: &Path, version: usize) {
    let mut conn = Connection::open(path).unwrap();
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))
        .unwrap();
    migrations().to_version(&mut conn, version).unwrap();
    conn.execute_batch(
        "INSERT INTO negotiation (id, title, working_languages, notes, current_step, shelf, created_at, updated_at)
         VALUES ('old-1', 'Made long ago', '[\"en\"]', 'typed by hand', 'need', 'active',
                 '2025-01-02T03:04:05.000Z', '2025-01-02T03:04:06.000Z');
         INSERT INTO party (negotiation_id, position, name, iso_code, role)
         VALUES ('old-1', 0, 'Republic of Aurelia', 'XA', 'own'),
                ('old-1', 1, 'Kingdom of Boreland', 'XB', 'counterpart');",
    )
    .unwrap();
}

#[test]
fn a_database_made_by_every_schema_version_opens_with_its_data() {
    for version in 1..=LATEST_SCHEMA_VERSION {
        let place = Place::new();
        let path = place.database();
        database_at_version(&path, version);
        let before = dump(&path);

        let (store, report) = Store::open(&path, &place.backup())
            .unwrap_or_else(|e| panic!("schema {version} does not open: {e}"));
        assert!(!report.created, "schema {version}");
        assert_eq!(store.schema_version().unwrap(), LATEST_SCHEMA_VERSION);
        assert_eq!(store.integrity_check().unwrap(), "ok");
        let old = store
            .get_negotiation("old-1")
            .unwrap()
            .unwrap_or_else(|| panic!("schema {version}: the negotiation is gone"));
        assert_eq!(old.title, "Made long ago");
        assert_eq!(old.notes, "typed by hand");
        assert_eq!(old.parties.len(), 2);
        assert_eq!(old.parties[1].iso_code, "XB");
        drop(store);

        if version < LATEST_SCHEMA_VERSION {
            assert_eq!(report.migrated_from, Some(version));
            assert_eq!(report.backup.as_deref(), Some(place.backup().as_path()));
            assert_eq!(dump(&place.backup()), before, "schema {version} backup");
        } else {
            assert_eq!(report.migrated_from, None);
            assert_eq!(report.backup, None);
            assert!(
                !place.backup().exists(),
                "a current database needs no backup"
            );
        }
    }
}

/// A database of schema 0: something with our file name that predates every migration.
fn unversioned_database(conn: &Connection) {
    conn.execute_batch(
        "CREATE TABLE letters (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
         INSERT INTO letters (body) VALUES ('Dear Minister,'), ('Further to our meeting');",
    )
    .unwrap();
}

#[test]
fn an_unversioned_database_is_backed_up_before_it_is_migrated() {
    let place = Place::new();
    let path = place.database();
    unversioned_database(&Connection::open(&path).unwrap());
    let before = dump(&path);
    assert_eq!(before[0], "user_version 0");

    let (store, report) = Store::open(&path, &place.backup()).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_SCHEMA_VERSION);
    drop(store);
    assert_eq!(report.migrated_from, Some(0));
    assert_eq!(report.backup.as_deref(), Some(place.backup().as_path()));

    assert_eq!(integrity(&place.backup()), "ok");
    assert_eq!(dump(&place.backup()), before);
    // The migration added to the database; it took nothing away.
    let after = dump(&path);
    for line in before.iter().skip(1) {
        assert!(after.contains(line), "{line} was lost in the migration");
    }
}

#[test]
fn the_backup_before_a_migration_includes_changes_still_in_the_write_ahead_log() {
    let place = Place::new();
    let path = place.database();
    // Another connection keeps its changes in the log (as after a crash, before any
    // checkpoint): a plain file copy of the database would miss them.
    let writer = Connection::open(&path).unwrap();
    writer
        .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))
        .unwrap();
    writer.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    unversioned_database(&writer);
    let wal = std::fs::metadata(format!("{}-wal", path.display())).unwrap();
    assert!(wal.len() > 0, "the changes should still be in the log");
    let before = dump(&path);

    let (store, report) = Store::open(&path, &place.backup()).unwrap();
    drop(store);
    drop(writer);
    assert_eq!(report.migrated_from, Some(0));
    assert_eq!(dump(&place.backup()), before);
}
