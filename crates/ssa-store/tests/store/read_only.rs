//! A store opened read-only reads, and refuses every write without touching the file.

use ssa_core::negotiation::{NegotiationDraft, Shelf};
use ssa_store::{Store, StoreError};

use crate::support::*;

fn assert_read_only<T: std::fmt::Debug>(result: Result<T, StoreError>, what: &str, place: &Place) {
    match result {
        Err(StoreError::ReadOnly { path }) => assert_eq!(path, place.database(), "{what}"),
        other => panic!("{what} on a read-only store: expected ReadOnly, got {other:?}"),
    }
}

#[test]
fn a_store_opened_read_only_refuses_every_write_and_leaves_the_file_unchanged() {
    let place = Place::new();
    let path = place.database_with_negotiations(2);
    {
        let (mut store, _) = Store::open(&path, &place.backup()).unwrap();
        store.set_shelf("n-1", Shelf::Bin).unwrap();
    }
    let before = std::fs::read(&path).unwrap();

    let mut store = Store::open_read_only(&path).unwrap();
    assert!(store.is_read_only());
    assert_eq!(store.list_negotiations(Shelf::Active).unwrap().len(), 1);
    assert_eq!(store.list_negotiations(Shelf::Bin).unwrap().len(), 1);

    let draft = NegotiationDraft {
        title: "Changed".into(),
        parties: negotiation("x", "x").parties,
        working_languages: vec!["en".into()],
        notes: "changed".into(),
    };
    assert_read_only(
        store.insert_negotiation(&negotiation("n-new", "New")),
        "insert",
        &place,
    );
    assert_read_only(
        store.update_particulars("n-0", &draft, at(30)),
        "update",
        &place,
    );
    assert_read_only(store.set_title("n-0", "Changed", at(31)), "rename", &place);
    assert_read_only(store.set_notes("n-0", "changed", at(32)), "notes", &place);
    assert_read_only(store.set_shelf("n-0", Shelf::Archived), "move", &place);
    assert_read_only(store.delete_from_bin("n-1"), "delete", &place);
    let error = store.set_title("n-0", "Changed", at(33)).unwrap_err();
    assert!(error.to_string().contains(&path.display().to_string()));

    assert_eq!(store.count_negotiations().unwrap(), 2);
    assert_eq!(
        store.get_negotiation("n-0").unwrap().unwrap().title,
        "Negotiation 0"
    );
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn opening_a_missing_file_read_only_is_refused_and_creates_nothing() {
    let place = Place::new();
    match Store::open_read_only(&place.database()) {
        Err(StoreError::Missing { path }) => assert_eq!(path, place.database()),
        Err(other) => panic!("expected Missing, got {other:?}"),
        Ok(_) => panic!("a missing file was opened"),
    }
    assert!(snapshot(place.dir.path()).is_empty());
}
