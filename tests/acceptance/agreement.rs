//! The draft agreement through the boundary: the shipped templates are there on a new database,
//! the sample negotiation has a draft, edits are saved and renumber the rendering, and template
//! files are validated, imported and exported with clear refusals.

use ssa_api::{DEFAULT_TEMPLATE_ID, SHIPPED_TEMPLATES};

use crate::support::Place;

fn article_heading_numbers(text: &str) -> Vec<u32> {
    text.lines()
        .filter_map(|line| line.strip_prefix("Article "))
        .filter_map(|rest| rest.trim().parse().ok())
        .collect()
}

#[test]
fn a_new_database_holds_every_shipped_template() {
    let place = Place::new();
    let session = place.session();
    let templates = session.with(|w| w.list_templates()).unwrap();
    assert_eq!(templates.len(), SHIPPED_TEMPLATES.len());
    assert!(templates
        .iter()
        .all(|t| t.origin == "shipped" && ["1.0.0", "1.1.0"].contains(&t.version.as_str())));
    // Starting again does not add them twice.
    drop(session);
    let again = place.session().with(|w| w.list_templates()).unwrap();
    assert_eq!(again, templates);
}

#[test]
fn the_sample_negotiation_renders_its_draft_with_the_parties_filled_and_open_points_marked() {
    let place = Place::new();
    let (code, id, _) = place.ssa(&["sample"]);
    assert_eq!(code, 0);
    let (code, text, problems) = place.ssa(&["render", id.trim()]);
    assert_eq!(code, 0, "{problems}");
    assert!(text.starts_with(
        "Agreement on Social Security between the Republic of Aurelia and the Kingdom of Boreland"
    ));
    let numbers = article_heading_numbers(&text);
    assert!(numbers.len() > 20, "{numbers:?}");
    assert_eq!(numbers, (1..=numbers.len() as u32).collect::<Vec<_>>());
    assert!(text.contains("[place of signature: not filled]"), "{text}");
    // The problems read as a lawyer reads them: the provision and the particular by name.
    assert!(
        problems.contains("warning: Signature block: place of signature is not filled in yet"),
        "{problems}"
    );
    assert!(
        !problems.contains("{{") && !problems.contains("signature.place"),
        "{problems}"
    );
}

#[test]
fn leaving_out_an_optional_article_renumbers_every_later_article() {
    let place = Place::new();
    let session = place.session();
    let id = session.with(|w| w.create_sample_negotiation()).unwrap().id;
    let before = session.with(|w| w.agreement(&id)).unwrap();
    let optional = before
        .template
        .nodes
        .iter()
        .find(|n| {
            n.optional
                && n.kind == ssa_core::template::NodeKind::Article
                && before.document.find(&n.id).is_some()
        })
        .expect("the sample draft keeps an optional article")
        .id
        .clone();
    let number_before = before.document.find(&optional).unwrap().number.clone();
    let mut draft = before.draft.clone();
    draft.inclusion.insert(optional.clone(), false);
    session.with(|w| w.save_draft(&id, &draft)).unwrap();

    // A new session reads what was saved: the edit survived.
    drop(session);
    let after = place.session().with(|w| w.agreement(&id)).unwrap();
    assert_eq!(after.draft.inclusion.get(&optional), Some(&false));
    assert!(after.document.find(&optional).is_none());
    let text_before = before.document.to_plain_text();
    let text_after = after.document.to_plain_text();
    let (all_before, all_after) = (
        article_heading_numbers(&text_before),
        article_heading_numbers(&text_after),
    );
    assert_eq!(all_after.len(), all_before.len() - 1);
    assert_eq!(all_after, (1..=all_after.len() as u32).collect::<Vec<_>>());
    assert!(number_before.is_some());
}

#[test]
fn a_draft_for_another_template_is_refused_and_the_stored_draft_is_kept() {
    let place = Place::new();
    let session = place.session();
    let id = session.with(|w| w.create_sample_negotiation()).unwrap().id;
    let stored = session.with(|w| w.get_draft(&id)).unwrap().unwrap();
    let mut foreign = stored.clone();
    foreign.template_id = "r167-annex2-coordination".into();
    let error = session.with(|w| w.save_draft(&id, &foreign)).unwrap_err();
    assert_eq!(error.code, ssa_api::ErrorCode::InvalidInput);
    assert!(
        error.message.contains("r167-annex1-bilateral"),
        "{}",
        error.message
    );
    assert_eq!(session.with(|w| w.get_draft(&id)).unwrap().unwrap(), stored);
}

#[test]
fn a_second_draft_for_the_same_negotiation_is_refused() {
    let place = Place::new();
    let session = place.session();
    let id = session.with(|w| w.create_sample_negotiation()).unwrap().id;
    let error = session
        .with(|w| w.start_draft(&id, Some(DEFAULT_TEMPLATE_ID)))
        .unwrap_err();
    assert!(
        error.message.contains("already has a draft"),
        "{}",
        error.message
    );
}

#[test]
fn template_validate_reports_a_broken_file_with_its_line_and_exits_1() {
    let place = Place::new();
    let (_, shipped) = SHIPPED_TEMPLATES[0];
    let good = place.dir.path().join("good.toml");
    std::fs::write(&good, shipped).unwrap();
    let (code, out, _) = place.ssa(&["template", "validate", good.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("valid"), "{out}");

    // A reference to a node that does not exist.
    let broken_text = shipped.replacen("{{ref:", "{{ref:no-such-node-", 1);
    let broken = place.dir.path().join("broken.toml");
    std::fs::write(&broken, &broken_text).unwrap();
    let (code, out, _) = place.ssa(&["template", "validate", broken.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("no-such-node-"), "{out}");
    assert!(out.contains("line "), "{out}");
}

#[test]
fn importing_an_invalid_template_stores_nothing() {
    let place = Place::new();
    let session = place.session();
    let (_, shipped) = SHIPPED_TEMPLATES[0];
    let broken = shipped
        .replace("version = \"1.0.0\"", "version = \"9.0.0\"")
        .replacen("{{ref:", "{{ref:missing-", 1);
    let error = session
        .with(|w| w.import_template("ministry.toml", &broken))
        .unwrap_err();
    assert!(
        error.message.starts_with("ministry.toml"),
        "{}",
        error.message
    );
    assert_eq!(
        session.with(|w| w.list_templates()).unwrap().len(),
        SHIPPED_TEMPLATES.len()
    );
}

#[test]
fn an_exported_template_imports_again_as_a_new_version_but_never_over_the_same_one() {
    let place = Place::new();
    let session = place.session();
    let exported = session
        .with(|w| w.export_template(DEFAULT_TEMPLATE_ID, "1.1.0"))
        .unwrap();
    let refused = session
        .with(|w| w.import_template("copy.toml", &exported))
        .unwrap_err();
    assert!(
        refused.message.contains("already stored"),
        "{}",
        refused.message
    );

    let new_version = exported.replace("version = \"1.1.0\"", "version = \"1.2.0\"");
    let imported = session
        .with(|w| w.import_template("ministry.toml", &new_version))
        .unwrap();
    assert_eq!(
        (imported.version.as_str(), imported.origin.as_str()),
        ("1.2.0", "imported")
    );
    assert_eq!(
        session
            .with(|w| w.export_template(DEFAULT_TEMPLATE_ID, "1.2.0"))
            .unwrap(),
        new_version
    );
    // New drafts start from the newest version.
    let id = session.with(|w| w.create_sample_negotiation()).unwrap().id;
    let draft = session.with(|w| w.get_draft(&id)).unwrap().unwrap();
    assert_eq!(draft.template_version, "1.2.0");
}

#[test]
fn a_template_exported_to_a_file_imports_again_from_that_file_on_the_command_line() {
    let place = Place::new();
    let file = place.dir.path().join("exported.toml");
    let (code, out, err) = place.ssa(&[
        "template",
        "export",
        DEFAULT_TEMPLATE_ID,
        "1.1.0",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let exported = std::fs::read_to_string(&file).unwrap();
    assert_eq!(exported, SHIPPED_TEMPLATES[0].1);

    std::fs::write(
        &file,
        exported.replace("version = \"1.1.0\"", "version = \"2.0.0\""),
    )
    .unwrap();
    let (code, out, err) = place.ssa(&["template", "import", file.to_str().unwrap()]);
    assert_eq!(
        (code, out.trim()),
        (0, "imported r167-annex1-bilateral 2.0.0"),
        "{err}"
    );

    // The same file again is refused, naming the file, and nothing changes.
    let (code, _, err) = place.ssa(&["template", "import", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("exported.toml") && err.contains("already stored"),
        "{err}"
    );
    let (code, _, err) = place.ssa(&["template", "import", "/no/such/file.toml"]);
    assert_eq!(code, 1);
    assert!(err.contains("/no/such/file.toml"), "{err}");
}
