//! The draft's history through the boundary: a named version keeps the text it had, the draft
//! moves on, and `ssa render --version` prints either.

use ssa_core::template::Value;

use crate::support::Place;

#[test]
fn a_named_version_renders_as_it_was_after_the_draft_changed() {
    let place = Place::new();
    let session = place.session();
    let id = session.with(|w| w.create_sample_negotiation()).unwrap().id;
    let named = session
        .with(|w| w.name_version(&id, "Text tabled at round 1"))
        .unwrap();

    let mut draft = session.with(|w| w.get_draft(&id)).unwrap().unwrap();
    draft
        .values
        .insert("posting.months".into(), Value::Number(36));
    session.with(|w| w.save_draft(&id, &draft)).unwrap();
    drop(session);

    let (code, listing, _) = place.ssa(&["versions", &id]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = listing.lines().collect();
    assert_eq!(lines.len(), 2, "{listing}");
    assert!(
        lines[0].contains("version \"Text tabled at round 1\""),
        "{listing}"
    );

    let (code, tabled, _) = place.ssa(&["render", &id, "--version", "Text tabled at round 1"]);
    assert_eq!(code, 0);
    let (_, by_number, _) = place.ssa(&["render", &id, "--version", &named.number.to_string()]);
    assert_eq!(tabled, by_number);
    let (_, current, _) = place.ssa(&["render", &id]);
    assert!(
        tabled.contains("24 months") && !tabled.contains("36 months"),
        "{tabled}"
    );
    assert!(current.contains("36 months"), "{current}");
}

#[test]
fn naming_is_refused_when_the_text_is_already_a_version_or_the_name_is_taken() {
    let place = Place::new();
    let session = place.session();
    let id = session.with(|w| w.create_sample_negotiation()).unwrap().id;
    session.with(|w| w.name_version(&id, "First")).unwrap();
    let error = session.with(|w| w.name_version(&id, "Second")).unwrap_err();
    assert!(
        error.message.contains("already the version \"First\""),
        "{}",
        error.message
    );

    let mut draft = session.with(|w| w.get_draft(&id)).unwrap().unwrap();
    draft
        .values
        .insert("posting.months".into(), Value::Number(30));
    session.with(|w| w.save_draft(&id, &draft)).unwrap();
    let error = session
        .with(|w| w.name_version(&id, " First "))
        .unwrap_err();
    assert!(
        error.message.contains("already has a version named"),
        "{}",
        error.message
    );
    let error = session.with(|w| w.name_version(&id, "  ")).unwrap_err();
    assert!(
        error.message.contains("Give the version a name"),
        "{}",
        error.message
    );

    let (code, _, err) = place.ssa(&["render", &id, "--version", "Nonexistent"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no version named or numbered \"Nonexistent\""),
        "{err}"
    );
}
