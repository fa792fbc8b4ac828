//! The `ssa` command line's errors: exit code 1 for refused input, 2 when the command cannot
//! run, and a message that names what is wrong.

use crate::support::*;

#[test]
fn showing_an_unknown_id_exits_2_naming_the_id() {
    let place = Place::new();
    let (code, out, err) = place.ssa(&["show", "no-such-negotiation"]);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(err.starts_with("ssa: "), "{err}");
    assert!(err.contains("no-such-negotiation"), "{err}");
}

#[test]
fn a_malformed_own_party_exits_1_with_the_expected_form_and_stores_nothing() {
    let place = Place::new();
    let (code, out, err) = place.ssa(&[
        "create",
        "--title",
        "Malformed",
        "--own",
        "Republic of Aurelia XA",
        "--counterpart",
        "Kingdom of Boreland:XB",
    ]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert!(err.contains("\"Republic of Aurelia XA\""), "{err}");
    assert!(err.contains("\"Country name:ISO\""), "{err}");
    let (_, listed, _) = place.ssa(&["list"]);
    assert_eq!(listed, "No negotiations.\n");
}

#[test]
fn invalid_input_on_the_command_line_exits_1_naming_each_field() {
    let place = Place::new();
    let (code, _, err) = place.ssa(&[
        "create",
        "--title",
        " ",
        "--own",
        "Republic of Aurelia:XA",
        "--counterpart",
        "Kingdom of Boreland:Boreland",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("\n  title: "), "{err}");
    assert!(err.contains("\n  parties[1].iso_code: "), "{err}");
}

#[test]
fn listing_a_garbage_database_exits_2_saying_it_is_not_a_database_and_leaves_it_unchanged() {
    let place = Place::new();
    std::fs::write(place.database(), garbage(5_000)).unwrap();
    let (code, out, err) = place.ssa(&["list"]);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(err.contains("is not an SSA Workbench database"), "{err}");
    assert!(
        err.contains(&place.database().display().to_string()),
        "{err}"
    );
    assert_eq!(std::fs::read(place.database()).unwrap(), garbage(5_000));
    let names: Vec<_> = std::fs::read_dir(place.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        vec!["workbench.sqlite3"],
        "nothing was added beside it"
    );
}
