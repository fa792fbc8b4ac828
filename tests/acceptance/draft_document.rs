//! The draft as a whole document (issue 11): provisions added, moved and deleted by label on
//! the command line and through the boundary, problems a lawyer can act on, an export that
//! refuses broken text, and the models offered in the order that fits.

use ssa_api::dto::{NegotiationInput, PartyRoleDto};
use ssa_core::template::edit::{Place as Where, StructureEdit};
use ssa_core::template::NodeKind;

use crate::support::{input, party, Place};

fn sample(place: &Place) -> String {
    let (code, out, err) = place.ssa(&["sample"]);
    assert_eq!(code, 0, "{err}");
    out.trim().to_string()
}

fn article_line(text: &str, label: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .iter()
        .position(|l| *l == label)
        .map(|i| lines[i + 1].to_string())
}

#[test]
fn an_article_added_on_the_command_line_renumbers_the_later_ones_and_stays_after_a_restart() {
    let place = Place::new();
    let id = sample(&place);
    let (_, before, _) = place.ssa(&["render", &id]);
    assert_eq!(
        article_line(&before, "Article 9").as_deref(),
        Some("Transport personnel")
    );
    let (code, out, err) = place.ssa(&[
        "draft",
        "add",
        &id,
        "--after",
        "Article 8",
        "--kind",
        "article",
        "--heading",
        "Accompanying family members",
        "--text",
        "Family members accompanying a posted worker remain insured under the same legislation.",
    ]);
    assert_eq!((code, out.trim()), (0, "Article 9"), "{err}");
    // A new process (a restart) reads the same draft.
    let (_, after, _) = place.ssa(&["render", &id]);
    assert_eq!(
        article_line(&after, "Article 9").as_deref(),
        Some("Accompanying family members")
    );
    assert_eq!(
        article_line(&after, "Article 10").as_deref(),
        Some("Transport personnel")
    );
    // A paragraph "after Article 9" is that article's; an unknown label is refused, exit 1.
    let (code, out, err) = place.ssa(&[
        "draft",
        "add",
        &id,
        "--after",
        "Article 9",
        "--kind",
        "paragraph",
        "--text",
        "The competent authorities may agree on exceptions.",
    ]);
    assert_eq!((code, out.trim()), (0, "Article 9"), "{err}");
    let (code, _, err) = place.ssa(&["draft", "delete", &id, "Article 99"]);
    assert_eq!(code, 1);
    assert!(err.contains("no provision “Article 99”"), "{err}");
    // Moved after Article 10, it becomes Article 10 itself.
    let (code, out, err) = place.ssa(&["draft", "move", &id, "Article 9", "--after", "Article 10"]);
    assert_eq!((code, out.trim()), (0, "Article 10"), "{err}");
    let (code, out, _) = place.ssa(&[
        "draft",
        "title",
        &id,
        "Agreement between Aurelia and Boreland",
    ]);
    assert_eq!(
        (code, out.trim()),
        (0, "Agreement between Aurelia and Boreland")
    );
    let (_, text, _) = place.ssa(&["render", &id]);
    assert!(
        text.starts_with("Agreement between Aurelia and Boreland\n"),
        "{text}"
    );
}

#[test]
fn deleting_a_required_article_is_a_departure_the_check_names_by_label_in_three_languages() {
    let place = Place::new();
    let id = sample(&place);
    let (code, out, _) = place.ssa(&["draft", "delete", &id, "Article 12"]);
    assert_eq!(code, 0);
    assert!(out.contains("departs from the model"), "{out}");
    for (lang, words) in [
        ("en", "departs from the model"),
        ("fr", "s'écarte du modèle"),
        ("es", "se aparta del modelo"),
    ] {
        let (_, out, _) = place.ssa(&["check", &id, "--lang", lang]);
        assert!(out.contains(words), "{lang}: {out}");
        // Never an id, a parameter key or markup.
        for raw in ["{{", "M2-AL", "signature.place", "node "] {
            assert!(!out.contains(raw), "{lang}: {raw} in {out}");
        }
    }
}

#[test]
fn an_export_that_would_print_a_broken_reference_is_refused_with_the_list() {
    let place = Place::new();
    let id = sample(&place);
    let session = place.session();
    let base = session.with(|w| w.get_draft(&id)).unwrap().unwrap();
    // A provision is added, referred to from another, then deleted: the reference dangles.
    let added = session
        .with(|w| {
            w.edit_draft_structure(
                &id,
                &base,
                &StructureEdit::Add {
                    kind: NodeKind::Article,
                    place: Where::After {
                        id: "M2-AL.2".into(),
                    },
                    heading: Some("Accompanying family members".into()),
                    text: "Family members remain insured.".into(),
                },
            )
        })
        .unwrap();
    let new = added.node.clone().unwrap();
    let mut draft = added.rendered.draft.clone();
    draft.custom_wording.insert(
        "M2-AL.3.1".into(),
        format!("Subject to {{{{ref:{new}}}}}, travelling personnel are covered."),
    );
    let referring = session
        .with(|w| w.edit_draft(&id, &added.rendered.draft, &draft))
        .unwrap();
    let transport = referring.document.find("M2-AL.3.1").unwrap();
    assert!(ssa_core::template::document::plain(&transport.text).contains("Subject to Article 9,"));
    // The picker lists the new article by its label and heading.
    let listed = referring.provisions.iter().find(|p| p.id == new).unwrap();
    assert_eq!(
        (listed.citation.as_deref(), listed.heading.as_str()),
        (Some("Article 9"), "Accompanying family members")
    );
    session
        .with(|w| w.edit_draft_structure(&id, &referring.draft, &StructureEdit::Delete { id: new }))
        .unwrap();
    drop(session);
    let out_file = place.dir.path().join("agreement.pdf");
    let (code, out, err) = place.ssa(&[
        "export",
        &id,
        "--doc",
        "agreement",
        "--out",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("would print broken"), "{err}");
    assert!(
        err.contains(
            "Article 9(1) Transport personnel refers to a provision that no longer exists"
        ),
        "{err}"
    );
    assert!(!out_file.exists());
    // Fixed, it exports and says how many particulars are still open.
    let session = place.session();
    let base = session.with(|w| w.get_draft(&id)).unwrap().unwrap();
    let mut fixed = base.clone();
    fixed.custom_wording.remove("M2-AL.3.1");
    session.with(|w| w.edit_draft(&id, &base, &fixed)).unwrap();
    drop(session);
    let (code, out, err) = place.ssa(&[
        "export",
        &id,
        "--doc",
        "agreement",
        "--out",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("particulars are still open; they print as bracketed blanks"),
        "{out}"
    );
}

#[test]
fn the_model_that_fits_comes_first_and_is_listed_by_what_it_is_for() {
    let place = Place::new();
    let session = place.session();
    let bilateral = session
        .with(|w| w.create_negotiation(input("Two")))
        .unwrap()
        .id;
    let choices = session.with(|w| w.template_choices(&bilateral)).unwrap();
    assert_eq!(choices[0].label, "R167 Annex I — bilateral agreement");
    assert!(choices[0].recommended && !choices[1].recommended);
    assert!(choices
        .iter()
        .all(|c| !c.label.contains('[') && !c.label.contains("{{")));
    let three = NegotiationInput {
        parties: vec![
            party("the Republic of Aurelia", "XA", PartyRoleDto::Own),
            party("the Kingdom of Boreland", "XB", PartyRoleDto::Counterpart),
            party("Canada", "CA", PartyRoleDto::Counterpart),
        ],
        ..input("Three")
    };
    let multilateral = session.with(|w| w.create_negotiation(three)).unwrap().id;
    let choices = session.with(|w| w.template_choices(&multilateral)).unwrap();
    assert_eq!(
        choices[0].label,
        "R167 Annex II — multilateral co-ordination agreement"
    );
    assert!(choices[0].recommended);
}
