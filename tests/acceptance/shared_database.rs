//! The desktop app (through `Session`) and the `ssa` command line read and write the same
//! database.

use ssa_api::dto::{NegotiationDto, PartyRoleDto, ShelfDto};

use crate::support::*;

#[test]
fn a_negotiation_created_in_the_app_is_listed_and_shown_by_the_cli() {
    let place = Place::new();
    let session = place.session();
    let created = session
        .with(|wb| wb.create_negotiation(input("Aurelia-Boreland SSA")))
        .unwrap();

    // The app is still running while the CLI reads.
    let (code, out, err) = place.ssa(&["list"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&created.id), "{out}");
    assert!(out.contains("Aurelia-Boreland SSA"), "{out}");
    assert!(out.contains("[XA-XB]"), "{out}");

    let (code, out, err) = place.ssa(&["show", &created.id]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Aurelia-Boreland SSA\n"), "{out}");
    assert!(
        out.contains("party:     Republic of Aurelia (XA), own side"),
        "{out}"
    );
    assert!(
        out.contains("party:     Kingdom of Boreland (XB), counterpart"),
        "{out}"
    );
    assert!(out.contains("languages: en, fr"), "{out}");
    assert!(out.contains("Notes on Aurelia-Boreland SSA."), "{out}");

    let (code, out, err) = place.ssa(&["show", &created.id, "--json"]);
    assert_eq!(code, 0, "{err}");
    let shown: NegotiationDto = serde_json::from_str(&out).unwrap();
    assert_eq!(shown, created);
}

#[test]
fn a_negotiation_created_with_the_cli_is_seen_by_the_app() {
    let place = Place::new();
    let session = place.session();
    let (code, out, err) = place.ssa(&[
        "create",
        "--title",
        "  Aurelia-Cordova-Boreland SSA ",
        "--own",
        "Republic of Aurelia:xa",
        "--counterpart",
        "Kingdom of Boreland:XB",
        "--counterpart",
        "Cordova:XC",
        "--language",
        "EN",
        "--language",
        "es",
        "--notes",
        "Three parties.",
    ]);
    assert_eq!(code, 0, "{err}");
    let id = out.trim();

    let seen = session.with(|wb| wb.get_negotiation(id)).unwrap();
    assert_eq!(seen.title, "Aurelia-Cordova-Boreland SSA");
    assert_eq!(
        seen.parties,
        vec![
            party("Republic of Aurelia", "XA", PartyRoleDto::Own),
            party("Kingdom of Boreland", "XB", PartyRoleDto::Counterpart),
            party("Cordova", "XC", PartyRoleDto::Counterpart),
        ]
    );
    assert!(seen.multilateral);
    assert_eq!(seen.working_languages, vec!["en", "es"]);
    assert_eq!(seen.notes, "Three parties.");
    assert_eq!(seen.shelf, ShelfDto::Active);
    let listed = session
        .with(|wb| wb.list_negotiations(ShelfDto::Active))
        .unwrap();
    assert_eq!(listed, vec![seen]);
}

#[test]
fn an_edit_made_in_the_app_is_what_the_cli_shows_next() {
    let place = Place::new();
    let session = place.session();
    let created = session
        .with(|wb| wb.create_negotiation(input("First title")))
        .unwrap();
    session
        .with(|wb| wb.rename_negotiation(&created.id, "Second title"))
        .unwrap();
    let (code, out, _) = place.ssa(&["show", &created.id]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Second title\n"), "{out}");

    session
        .with(|wb| wb.move_negotiation(&created.id, ShelfDto::Archived))
        .unwrap();
    let (_, active, _) = place.ssa(&["list"]);
    let (_, archived, _) = place.ssa(&["list", "--archived"]);
    assert_eq!(active, "No negotiations.\n");
    assert!(archived.contains(&created.id), "{archived}");
}
