//! A ministry's own template: derived from the model, edited with full validation, protected
//! once a draft uses it, and never allowed to change the shipped model.

use ssa_api::{ErrorCode, DEFAULT_TEMPLATE_ID};
use ssa_core::template::Template;

use crate::support::Place;

/// The shipped R167 Annex I template's version.
const SHIPPED_VERSION: &str = "1.1.0";

fn derived(place: &Place) -> (ssa_api::Session, Template) {
    let session = place.session();
    let summary = session
        .with(|w| {
            w.derive_template(
                DEFAULT_TEMPLATE_ID,
                SHIPPED_VERSION,
                "aurelia-model",
                "Aurelian model agreement",
            )
        })
        .unwrap();
    assert_eq!(
        (summary.origin.as_str(), summary.version.as_str()),
        ("derived", "1.0.0")
    );
    let template = session
        .with(|w| w.load_template("aurelia-model", "1.0.0"))
        .unwrap();
    (session, template)
}

#[test]
fn a_derived_template_records_its_origin_and_can_be_edited_and_saved() {
    let place = Place::new();
    let (session, mut template) = derived(&place);
    let origin = template
        .derived_from
        .clone()
        .expect("derived_from is recorded");
    assert_eq!(
        (origin.id.as_str(), origin.version.as_str()),
        (DEFAULT_TEMPLATE_ID, SHIPPED_VERSION)
    );

    let article = template
        .nodes
        .iter_mut()
        .find(|n| n.guidance.is_some())
        .unwrap();
    let article_id = article.id.clone();
    article.guidance = Some("Our ministry's line: never below 24 months.".into());
    session.with(|w| w.save_template(&template)).unwrap();

    drop(session);
    let reloaded = place
        .session()
        .with(|w| w.load_template("aurelia-model", "1.0.0"))
        .unwrap();
    assert_eq!(
        reloaded.node(&article_id).unwrap().guidance.as_deref(),
        Some("Our ministry's line: never below 24 months.")
    );
}

#[test]
fn an_edit_that_breaks_a_reference_is_refused_with_every_problem_and_nothing_saved() {
    let place = Place::new();
    let (session, mut template) = derived(&place);
    let before = session
        .with(|w| w.export_template("aurelia-model", "1.0.0"))
        .unwrap();
    let with_reference = template
        .nodes
        .iter_mut()
        .find(|n| n.text.contains("{{ref:"))
        .unwrap();
    let node_id = with_reference.id.clone();
    with_reference.text = with_reference.text.replacen("{{ref:", "{{ref:gone-", 1);

    let error = session.with(|w| w.save_template(&template)).unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert!(
        error.message.contains("nothing was saved"),
        "{}",
        error.message
    );
    assert!(
        error.problems.iter().any(|p| p.field == node_id),
        "{:?}",
        error.problems
    );
    assert_eq!(
        session
            .with(|w| w.export_template("aurelia-model", "1.0.0"))
            .unwrap(),
        before
    );
}

#[test]
fn the_shipped_model_cannot_be_changed_or_deleted() {
    let place = Place::new();
    let session = place.session();
    let model = session
        .with(|w| w.load_template(DEFAULT_TEMPLATE_ID, SHIPPED_VERSION))
        .unwrap();
    let error = session.with(|w| w.save_template(&model)).unwrap_err();
    assert!(error.message.contains("Duplicate it"), "{}", error.message);
    let error = session
        .with(|w| w.delete_template(DEFAULT_TEMPLATE_ID, SHIPPED_VERSION))
        .unwrap_err();
    assert!(
        error.message.contains("cannot be deleted"),
        "{}",
        error.message
    );
}

#[test]
fn a_template_version_in_use_by_a_draft_is_kept_as_it_is() {
    let place = Place::new();
    let (session, template) = derived(&place);
    let negotiation = session.with(|w| w.create_sample_negotiation()).unwrap();
    // The sample uses the shipped model; start a second negotiation on the derived template.
    let input = ssa_api::dto::NegotiationInput {
        title: "Uses the Aurelian model".into(),
        parties: negotiation.parties.clone(),
        working_languages: vec!["en".into()],
        notes: String::new(),
    };
    let second = session.with(|w| w.create_negotiation(input)).unwrap();
    session
        .with(|w| w.start_draft(&second.id, Some("aurelia-model")))
        .unwrap();

    let error = session.with(|w| w.save_template(&template)).unwrap_err();
    assert!(
        error.message.contains("used by 1 draft"),
        "{}",
        error.message
    );
    let error = session
        .with(|w| w.delete_template("aurelia-model", "1.0.0"))
        .unwrap_err();
    assert!(
        error.message.contains("used by 1 draft"),
        "{}",
        error.message
    );
}

#[test]
fn derived_ids_must_be_new_and_well_formed() {
    let place = Place::new();
    let (session, _) = derived(&place);
    for (id, expected) in [
        ("aurelia-model", "already exists"),
        ("Aurelia Model", "cannot be a template id"),
        ("", "cannot be a template id"),
    ] {
        let error = session
            .with(|w| w.derive_template(DEFAULT_TEMPLATE_ID, SHIPPED_VERSION, id, "Title"))
            .unwrap_err();
        assert!(error.message.contains(expected), "{id}: {}", error.message);
    }
    // An unused template of one's own can be deleted.
    session
        .with(|w| w.delete_template("aurelia-model", "1.0.0"))
        .unwrap();
    assert!(session
        .with(|w| w.load_template("aurelia-model", "1.0.0"))
        .is_err());
}
