//! Every write is one transaction: a write that fails leaves nothing half done.

use rusqlite::Connection;
use ssa_core::negotiation::{NegotiationDraft, PartyRole, Shelf};
use ssa_store::Store;

use crate::support::*;

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |row| row.get(0)).unwrap()
}

fn orphan_parties(conn: &Connection) -> i64 {
    count(
        conn,
        "SELECT count(*) FROM party WHERE negotiation_id NOT IN (SELECT id FROM negotiation)",
    )
}

#[test]
fn inserting_a_negotiation_under_an_id_already_used_fails_and_changes_nothing() {
    let place = Place::new();
    let path = place.database_with_negotiations(1);
    let (mut store, _) = Store::open(&path, &place.backup()).unwrap();
    let original = store.get_negotiation("n-0").unwrap().unwrap();

    let mut intruder = negotiation("n-0", "Intruder");
    intruder.parties = vec![
        party("Cordova", "XC", PartyRole::Own),
        party("Dalmatia", "XD", PartyRole::Counterpart),
        party("Estland", "XE", PartyRole::Counterpart),
    ];
    assert!(store.insert_negotiation(&intruder).is_err());

    assert_eq!(store.count_negotiations().unwrap(), 1);
    assert_eq!(store.get_negotiation("n-0").unwrap().unwrap(), original);
    drop(store);
    let conn = Connection::open(&path).unwrap();
    assert_eq!(count(&conn, "SELECT count(*) FROM party"), 2);
    assert_eq!(orphan_parties(&conn), 0);
}

/// Adds a trigger that makes SQLite refuse any party named "Refused", so that a write can be
/// made to fail after some of its statements succeeded.
fn refuse_parties_named_refused(path: &std::path::Path) {
    Connection::open(path)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER refuse_party BEFORE INSERT ON party WHEN NEW.name = 'Refused'
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;",
        )
        .unwrap();
}

#[test]
fn an_insert_that_fails_halfway_leaves_no_negotiation_and_no_parties() {
    let place = Place::new();
    let path = place.database_with_negotiations(0);
    refuse_parties_named_refused(&path);
    let (mut store, _) = Store::open(&path, &place.backup()).unwrap();

    let mut doomed = negotiation("n-doomed", "Doomed");
    doomed
        .parties
        .push(party("Refused", "XR", PartyRole::Counterpart));
    let error = store.insert_negotiation(&doomed).unwrap_err();
    assert!(error.to_string().contains("refused by the test"), "{error}");

    assert_eq!(store.count_negotiations().unwrap(), 0);
    assert_eq!(store.get_negotiation("n-doomed").unwrap(), None);
    drop(store);
    let conn = Connection::open(&path).unwrap();
    assert_eq!(count(&conn, "SELECT count(*) FROM party"), 0);
}

#[test]
fn an_update_that_fails_halfway_leaves_the_negotiation_as_it_was() {
    let place = Place::new();
    let path = place.database_with_negotiations(1);
    refuse_parties_named_refused(&path);
    let (mut store, _) = Store::open(&path, &place.backup()).unwrap();
    let original = store.get_negotiation("n-0").unwrap().unwrap();

    // The update replaces title and notes, deletes the old parties and inserts the new ones;
    // the last insert is refused.
    let draft = NegotiationDraft {
        title: "Changed title".into(),
        parties: vec![
            party("Cordova", "XC", PartyRole::Own),
            party("Refused", "XR", PartyRole::Counterpart),
        ],
        working_languages: vec!["es".into()],
        notes: "changed notes".into(),
    };
    assert!(store.update_particulars("n-0", &draft, at(40)).is_err());
    assert_eq!(store.get_negotiation("n-0").unwrap().unwrap(), original);
}

#[test]
fn only_a_negotiation_in_the_bin_can_be_deleted_and_its_parties_go_with_it() {
    let place = Place::new();
    let path = place.database_with_negotiations(2);
    let (mut store, _) = Store::open(&path, &place.backup()).unwrap();

    assert!(!store.delete_from_bin("n-0").unwrap());
    assert!(store.get_negotiation("n-0").unwrap().is_some());

    assert!(store.set_shelf("n-0", Shelf::Bin).unwrap());
    assert!(store.delete_from_bin("n-0").unwrap());
    assert_eq!(store.get_negotiation("n-0").unwrap(), None);
    assert_eq!(store.count_negotiations().unwrap(), 1);
    drop(store);
    let conn = Connection::open(&path).unwrap();
    assert_eq!(orphan_parties(&conn), 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM party"), 2);
}
