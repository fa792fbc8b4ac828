//! Rendering: numbering, renumbering, references, placeholders, wording.

use ssa_core::template::{
    render, BrokenReason, Document, OmissionReason, ReferenceStyle, Segment, Wording,
};

use crate::fixture::{filled_draft, mini};

fn labels(document: &Document) -> Vec<(String, String)> {
    document
        .walk()
        .filter_map(|n| Some((n.id.clone(), n.label.clone()?)))
        .collect()
}

fn reference_texts(document: &Document, id: &str) -> Vec<String> {
    document
        .find(id)
        .unwrap()
        .text
        .iter()
        .filter_map(|s| match s {
            Segment::Reference { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn numbers_parts_articles_paragraphs_and_items() {
    let template = mini();
    let document = render(&template, &filled_draft(&template));
    let expected = [
        ("P1", "Part I"),
        ("A.defs", "Article 1"),
        ("A.defs#a", "(a)"),
        ("A.defs#b", "(b)"),
        ("A.optional", "Article 2"),
        ("A.post", "Article 3"),
        ("A.post.1", "1."),
        ("A.post.2", "2."),
        ("A.post.3", "3."),
        ("A.post.3#a", "(a)"),
        ("A.post.3#b", "(b)"),
        ("P2", "Part II"),
        ("A.pension", "Article 4"),
        ("A.final", "Article 5"),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(labels(&document), expected);
    assert_eq!(
        document.omitted,
        vec![ssa_core::template::OmittedNode {
            id: "C.unemp".into(),
            reason: OmissionReason::Condition {
                when: "branch.unemployment".into()
            }
        }]
    );
}

#[test]
fn excluding_an_article_renumbers_later_articles_and_references() {
    let template = mini();
    let mut draft = filled_draft(&template).with_value("branch.unemployment", true);
    let before = render(&template, &draft);
    assert_eq!(
        before.find("A.post").unwrap().label.as_deref(),
        Some("Article 3")
    );
    assert_eq!(
        before.find("C.unemp").unwrap().label.as_deref(),
        Some("Chapter 1")
    );
    assert_eq!(
        reference_texts(&before, "A.unemp"),
        vec!["Article 3, paragraph 3, subparagraph (b)"]
    );

    draft.inclusion.insert("A.optional".into(), false);
    let after = render(&template, &draft);
    assert!(after.find("A.optional").is_none());
    assert_eq!(
        after.find("A.post").unwrap().label.as_deref(),
        Some("Article 2")
    );
    assert_eq!(
        after.find("A.unemp").unwrap().label.as_deref(),
        Some("Article 3")
    );
    assert_eq!(
        reference_texts(&after, "A.unemp"),
        vec!["Article 2, paragraph 3, subparagraph (b)"]
    );
    assert_eq!(reference_texts(&after, "A.pension"), vec!["Article 2"]);
    let broken = after.find("A.pension").unwrap().text.iter().any(|s| {
        matches!(s, Segment::BrokenReference { target, reason: BrokenReason::Omitted } if target == "A.optional")
    });
    assert!(broken, "a reference to the left-out article is marked");
}

#[test]
fn a_lone_paragraph_loses_its_number_and_references_follow() {
    let template = mini();
    let draft = filled_draft(&template).with_value("posting.extension", false);
    let document = render(&template, &draft);
    assert_eq!(
        document.find("A.post.1").unwrap().label.as_deref(),
        Some("1.")
    );
    assert_eq!(
        document.find("A.post.3").unwrap().label.as_deref(),
        Some("2.")
    );

    let mut template = template;
    template.nodes.retain(|n| !n.id.starts_with("A.post.3"));
    let document = render(&template, &draft);
    assert_eq!(document.find("A.post.1").unwrap().label, None);
}

#[test]
fn compact_reference_style() {
    let mut template = mini();
    template.style.references = ReferenceStyle::Compact;
    let draft = filled_draft(&template).with_value("branch.unemployment", true);
    let document = render(&template, &draft);
    assert_eq!(
        reference_texts(&document, "A.unemp"),
        vec!["Article 3(3)(b)"]
    );
    // Inside the same article the article is not repeated.
    assert_eq!(reference_texts(&document, "A.post.2"), vec!["paragraph 1"]);
}

#[test]
fn placeholders_are_filled_or_marked_never_blank() {
    let template = mini();
    let mut draft = filled_draft(&template);
    draft.values.remove("party_b");
    let document = render(&template, &draft);
    assert!(document.title.contains(&Segment::Unfilled {
        parameter: "party_b".into(),
        label: "name of the second Party".into()
    }));
    let text = document.to_plain_text();
    assert!(text.starts_with(
        "Agreement between Republic of Aurelia and [name of the second Party: not filled]\n"
    ));
    assert!(text.contains("for 24 months."), "default used:\n{text}");
    assert!(text.contains("enters into force on 1 July 2026"), "{text}");
    assert!(
        text.contains("a death grant of [death grant: not filled]"),
        "{text}"
    );
}

#[test]
fn terms_and_values_are_typed_segments() {
    let template = mini();
    let document = render(&template, &filled_draft(&template));
    let paragraph = document.find("A.post.2").unwrap();
    assert!(paragraph.text.contains(&Segment::Term {
        key: "competent_authority".into(),
        text: "competent authorities".into(),
        display: Some("competent authorities".into()),
        defined_in: Some("A.defs#a".into()),
    }));
    let first = document.find("A.post.1").unwrap();
    assert!(first.text.contains(&Segment::Value {
        parameter: "posting.months".into(),
        text: "24 months".into()
    }));
}

#[test]
fn the_ui_can_tell_reworded_and_alternative_nodes() {
    let template = mini();
    let mut draft = filled_draft(&template);
    let document = render(&template, &draft);
    let pension = document.find("A.pension").unwrap();
    assert_eq!(
        pension.wording,
        Wording::Alternative {
            id: "pro_rata".into(),
            label: template
                .nodes
                .iter()
                .find(|n| n.id == "A.pension")
                .unwrap()
                .alternatives[0]
                .label
                .clone(),
            is_default: true
        }
    );
    assert!(!pension.differs_from_model);
    assert_eq!(document.find("A.final").unwrap().wording, Wording::Model);

    draft
        .alternatives
        .insert("A.pension".into(), "higher".into());
    draft
        .custom_wording
        .insert("A.final".into(), "Enters into force on signature.".into());
    let document = render(&template, &draft);
    let pension = document.find("A.pension").unwrap();
    assert!(pension.differs_from_model);
    assert_eq!(
        pension.text,
        vec![
            Segment::Text {
                text: "Each Party pays ".into()
            },
            Segment::Value {
                parameter: "pension.method".into(),
                text: "pro-rata apportionment".into()
            },
            Segment::Text { text: ".".into() },
        ]
    );
    let last = document.find("A.final").unwrap();
    assert_eq!(last.wording, Wording::Custom);
    assert!(last.differs_from_model);
}

#[test]
fn provenance_is_inherited() {
    let template = mini();
    let document = render(&template, &filled_draft(&template));
    assert!(document.walk().all(|n| n.provenance == template.provenance));
}

#[test]
fn document_serialises_for_the_ui() {
    let template = mini();
    let document = render(&template, &filled_draft(&template));
    let json = serde_json::to_value(&document).unwrap();
    let article = &json["nodes"][1]["children"][0];
    assert_eq!(article["id"], "A.defs");
    assert_eq!(article["label"], "Article 1");
    assert_eq!(article["kind"], "article");
    assert_eq!(article["wording"]["source"], "model");
    assert_eq!(article["heading"][0]["kind"], "text");
}

#[test]
fn plain_text_layout() {
    let template = mini();
    let text = render(&template, &filled_draft(&template)).to_plain_text();
    let expected = "\
Part I
General provisions

Article 1
Definitions

For the purposes of this Agreement:

    (a) \"competent authority\" means the ministry responsible;
";
    assert!(text.contains(expected), "{text}");
    assert!(
        text.contains("\n3. Certificates are issued on request.\n\n    (a) to the employer;\n"),
        "{text}"
    );
}

#[test]
fn a_reference_opening_a_sentence_is_capitalised() {
    let template = mini();
    let mut draft = filled_draft(&template);
    draft.custom_wording.insert(
        "A.post.3".into(),
        "{{ref:A.post.1}} applies. {{ref:A.post.2}} too.".into(),
    );
    let document = render(&template, &draft);
    assert_eq!(
        reference_texts(&document, "A.post.3"),
        vec!["Paragraph 1", "Paragraph 2"]
    );
}

/// A French wording with a stray "}}" after accented letters once panicked the token parser;
/// saved as a draft's wording it broke every later render of the negotiation.
#[test]
fn accented_wording_with_a_stray_close_renders_and_is_reported() {
    let template = mini();
    let mut draft = filled_draft(&template);
    draft
        .custom_wording
        .insert("A.final".into(), "ééééééééééx}} prestations dues".into());
    let document = render(&template, &draft);
    assert!(document.find("A.final").is_some());
    let report = draft.validate(&template);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.message.contains("without an opening")),
        "{report:?}"
    );
}
