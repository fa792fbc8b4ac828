//! A negotiation's life through the boundary: rename, duplicate, archive, bin, restore, delete
//! for good; and the validation every edit passes.

use ssa_api::dto::{NegotiationDto, PartyRoleDto, ShelfDto};
use ssa_api::{ErrorCode, Session};

use crate::support::*;

/// The ids on a shelf, sorted.
fn shelf(session: &Session, shelf: ShelfDto) -> Vec<String> {
    let mut ids: Vec<String> = session
        .with(|wb| wb.list_negotiations(shelf))
        .unwrap()
        .into_iter()
        .map(|n| n.id)
        .collect();
    ids.sort();
    ids
}

fn get(session: &Session, id: &str) -> NegotiationDto {
    session.with(|wb| wb.get_negotiation(id)).unwrap()
}

#[test]
fn renaming_changes_the_title_and_the_last_edited_time_and_nothing_else() {
    let place = Place::new();
    let session = place.session();
    let created = session
        .with(|wb| wb.create_negotiation(input("Old title")))
        .unwrap();
    let renamed = session
        .with(|wb| wb.rename_negotiation(&created.id, "  New title  "))
        .unwrap();
    assert_eq!(renamed.title, "New title");
    assert!(renamed.updated_at > created.updated_at);
    assert_eq!(
        NegotiationDto {
            title: created.title.clone(),
            updated_at: created.updated_at.clone(),
            ..renamed.clone()
        },
        created
    );
    assert_eq!(get(&session, &created.id), renamed);
}

#[test]
fn renaming_to_an_empty_title_is_refused_and_keeps_the_old_title() {
    let place = Place::new();
    let session = place.session();
    let created = session
        .with(|wb| wb.create_negotiation(input("Kept title")))
        .unwrap();
    let error = session
        .with(|wb| wb.rename_negotiation(&created.id, "   "))
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert_eq!(error.problems.len(), 1);
    assert_eq!(error.problems[0].field, "title");
    assert_eq!(get(&session, &created.id), created);
}

#[test]
fn duplicating_makes_an_independent_copy_on_the_active_shelf() {
    let place = Place::new();
    let session = place.session();
    let original = session
        .with(|wb| wb.create_negotiation(input("Original")))
        .unwrap();
    session
        .with(|wb| wb.move_negotiation(&original.id, ShelfDto::Archived))
        .unwrap();
    let original = get(&session, &original.id);

    let copy = session
        .with(|wb| wb.duplicate_negotiation(&original.id))
        .unwrap();
    assert_ne!(copy.id, original.id);
    assert_eq!(copy.title, "Copy of Original");
    assert_eq!(copy.shelf, ShelfDto::Active);
    assert_eq!(copy.parties, original.parties);
    assert_eq!(copy.working_languages, original.working_languages);
    assert_eq!(copy.notes, original.notes);
    assert_eq!(get(&session, &copy.id), copy);

    session
        .with(|wb| wb.rename_negotiation(&copy.id, "Copy, edited"))
        .unwrap();
    assert_eq!(get(&session, &original.id), original);
}

#[test]
fn a_negotiation_moves_between_active_archive_and_bin_without_counting_as_an_edit() {
    let place = Place::new();
    let session = place.session();
    let n = session
        .with(|wb| wb.create_negotiation(input("Travelling")))
        .unwrap();
    let other = session
        .with(|wb| wb.create_negotiation(input("Staying")))
        .unwrap();

    let ids = |list: &[&NegotiationDto]| -> Vec<String> {
        let mut ids: Vec<String> = list.iter().map(|n| n.id.clone()).collect();
        ids.sort();
        ids
    };
    for (to, active, archived, bin) in [
        (ShelfDto::Archived, ids(&[&other]), ids(&[&n]), ids(&[])),
        (ShelfDto::Bin, ids(&[&other]), ids(&[]), ids(&[&n])),
        (ShelfDto::Active, ids(&[&other, &n]), ids(&[]), ids(&[])),
    ] {
        let moved = session.with(|wb| wb.move_negotiation(&n.id, to)).unwrap();
        assert_eq!(moved.shelf, to);
        assert_eq!(moved.updated_at, n.updated_at, "moving is not an edit");
        assert_eq!(shelf(&session, ShelfDto::Active), active, "to {to:?}");
        assert_eq!(shelf(&session, ShelfDto::Archived), archived, "to {to:?}");
        assert_eq!(shelf(&session, ShelfDto::Bin), bin, "to {to:?}");
    }
}

#[test]
fn deleting_for_good_is_refused_outside_the_bin_and_changes_nothing() {
    let place = Place::new();
    let session = place.session();
    let active = session
        .with(|wb| wb.create_negotiation(input("Live work")))
        .unwrap();
    let archived = session
        .with(|wb| wb.create_negotiation(input("Put away")))
        .unwrap();
    let archived = session
        .with(|wb| wb.move_negotiation(&archived.id, ShelfDto::Archived))
        .unwrap();

    for n in [&active, &archived] {
        let error = session
            .with(|wb| wb.delete_negotiation_permanently(&n.id))
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert!(
            error.message.contains(&format!("\"{}\"", n.title)),
            "{}",
            error.message
        );
        assert!(
            error.message.contains("not in the bin"),
            "{}",
            error.message
        );
        assert_eq!(&get(&session, &n.id), n);
    }
    assert_eq!(shelf(&session, ShelfDto::Active), vec![active.id.clone()]);
    assert_eq!(
        shelf(&session, ShelfDto::Archived),
        vec![archived.id.clone()]
    );
}

#[test]
fn a_negotiation_in_the_bin_can_be_deleted_for_good() {
    let place = Place::new();
    let session = place.session();
    let doomed = session
        .with(|wb| wb.create_negotiation(input("Doomed")))
        .unwrap();
    let kept = session
        .with(|wb| wb.create_negotiation(input("Kept")))
        .unwrap();
    session
        .with(|wb| wb.move_negotiation(&doomed.id, ShelfDto::Bin))
        .unwrap();
    session
        .with(|wb| wb.delete_negotiation_permanently(&doomed.id))
        .unwrap();

    let error = session
        .with(|wb| wb.get_negotiation(&doomed.id))
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::NotFound);
    assert!(error.message.contains(&doomed.id));
    assert!(shelf(&session, ShelfDto::Bin).is_empty());
    assert_eq!(get(&session, &kept.id), kept);
    let (_, out, _) = place.ssa(&["list", "--bin"]);
    assert_eq!(out, "No negotiations.\n");
}

#[test]
fn invalid_input_comes_back_as_invalid_input_naming_every_field_and_stores_nothing() {
    let place = Place::new();
    let session = place.session();
    let mut bad = input("");
    bad.parties = vec![party("", "Aurelia", PartyRoleDto::Own)];
    bad.working_languages = vec![];
    let error = session
        .with(|wb| wb.create_negotiation(bad.clone()))
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    let fields: Vec<&str> = error.problems.iter().map(|p| p.field.as_str()).collect();
    for field in [
        "title",
        "parties",
        "parties[0].name",
        "parties[0].iso_code",
        "working_languages",
    ] {
        assert!(fields.contains(&field), "{field} missing from {fields:?}");
    }
    assert!(error.message.contains("\"AURELIA\""), "{}", error.message);
    let json = serde_json::to_value(&error).unwrap();
    assert_eq!(json["code"], "invalid_input");
    assert_eq!(json["problems"][0]["field"], "title");
    assert!(shelf(&session, ShelfDto::Active).is_empty());

    // The same gate guards an edit: the stored negotiation stays as it was.
    let stored = session
        .with(|wb| wb.create_negotiation(input("Valid")))
        .unwrap();
    let error = session
        .with(|wb| wb.update_negotiation(&stored.id, bad))
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert_eq!(get(&session, &stored.id), stored);
}
