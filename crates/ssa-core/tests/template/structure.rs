//! The draft as a whole document: provisions added, moved, deleted, split and merged keep the
//! numbering consecutive and every reference reading as its target's current number.

use proptest::prelude::*;
use ssa_core::template::edit::{apply, Place, StructureEdit};
use ssa_core::template::{
    render, BrokenReason, Document, Draft, NodeKind, ProblemKind, Segment, Template,
};

use crate::renumbering::{
    assert_consecutive, expected_reference, places, shape_strategy, synthetic,
};
use crate::shipped::{annex1, annex1_sample};
use ssa_core::template::document::plain;

/// Every reference to a node in the document reads as its current number; one to a node not
/// in the document is marked, never written as a stale number.
fn assert_live_references(document: &Document) {
    let places = places(document);
    for node in document.walk() {
        let from = &places[&node.id];
        for segment in node.text.iter().chain(&node.heading) {
            match segment {
                Segment::Reference { target, text } => {
                    let target_place = places.get(target).unwrap_or_else(|| {
                        panic!("{} refers to {target}, not in the document", node.id)
                    });
                    let expected = expected_reference(target_place, from);
                    assert!(
                        text.eq_ignore_ascii_case(&expected) && text[1..] == expected[1..],
                        "{} → {target}: rendered {text:?}, expected {expected:?}",
                        node.id
                    );
                }
                Segment::BrokenReference { target, reason } => {
                    assert!(
                        matches!(reason, BrokenReason::Omitted | BrokenReason::Missing),
                        "{} → {target}: {reason:?}",
                        node.id
                    );
                    assert!(
                        !places.contains_key(target),
                        "{target} is kept yet marked broken"
                    );
                }
                _ => {}
            }
        }
    }
}

fn ids_of(document: &Document, kind: NodeKind) -> Vec<String> {
    document
        .walk()
        .filter(|n| n.kind == kind)
        .map(|n| n.id.clone())
        .collect()
}

fn pick(list: &[String], n: usize) -> Option<String> {
    (!list.is_empty()).then(|| list[n % list.len()].clone())
}

/// One random edit, named by indices into the provisions the draft has now.
fn random_edit(
    template: &Template,
    draft: &Draft,
    op: u8,
    a: usize,
    b: usize,
) -> Option<StructureEdit> {
    let document = render(template, draft);
    let articles = ids_of(&document, NodeKind::Article);
    let paragraphs = ids_of(&document, NodeKind::Paragraph);
    let all: Vec<String> = document.walk().map(|n| n.id.clone()).collect();
    let every: Vec<String> = template
        .nodes
        .iter()
        .map(|n| n.id.clone())
        .chain(draft.added.keys().cloned())
        .collect();
    let referable: Vec<String> = document
        .walk()
        .filter(|n| n.citation.is_some())
        .map(|n| n.id.clone())
        .collect();
    let reference =
        |n: usize| pick(&referable, n).map_or(String::new(), |t| format!(" See {{{{ref:{t}}}}}."));
    Some(match op % 12 {
        0 => StructureEdit::Add {
            kind: NodeKind::Article,
            place: Place::After {
                id: pick(&articles, a)?,
            },
            heading: Some("Accompanying family members".into()),
            text: format!("New article.{}", reference(b)),
        },
        1 => StructureEdit::Add {
            kind: NodeKind::Paragraph,
            place: Place::LastIn {
                id: pick(&articles, a)?,
            },
            heading: None,
            text: format!("New paragraph.{}", reference(b)),
        },
        2 => StructureEdit::Add {
            kind: NodeKind::Item,
            place: Place::LastIn {
                id: pick(&paragraphs, a)?,
            },
            heading: None,
            text: "new item".into(),
        },
        3 => StructureEdit::Move {
            id: pick(&articles, a)?,
            place: Place::After {
                id: pick(&articles, b)?,
            },
        },
        4 => StructureEdit::Move {
            id: pick(&paragraphs, a)?,
            place: Place::LastIn {
                id: pick(&articles, b)?,
            },
        },
        5 => StructureEdit::Delete { id: pick(&all, a)? },
        6 => StructureEdit::Restore {
            id: pick(&every, a)?,
        },
        7 => StructureEdit::MoveUp { id: pick(&all, a)? },
        8 => StructureEdit::MoveDown { id: pick(&all, a)? },
        9 => StructureEdit::Split {
            id: pick(&paragraphs, a)?,
            before: "First half.".into(),
            after: format!("Second half.{}", reference(b)),
        },
        10 => StructureEdit::Merge {
            id: pick(&paragraphs, a)?,
        },
        _ => StructureEdit::Heading {
            id: pick(&articles, a)?,
            heading: Some(format!("Heading {b}")),
        },
    })
}

fn check(template: &Template, draft: &Draft) {
    let document = render(template, draft);
    assert_consecutive(&document);
    assert_live_references(&document);
    let report = draft.validate(template);
    assert_eq!(
        report.of_kind(ProblemKind::BadNesting).count(),
        0,
        "{report}"
    );
    assert_eq!(
        report.of_kind(ProblemKind::UnknownNode).count(),
        0,
        "{report}"
    );
    // Every added provision that is kept is in the document, once.
    for id in draft.added.keys() {
        assert!(document.walk().filter(|n| &n.id == id).count() <= 1);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn random_structure_edits_keep_numbers_and_references(
        shape in shape_strategy(),
        links in prop::collection::vec(any::<usize>(), 1..40),
        edits in prop::collection::vec((any::<u8>(), any::<usize>(), any::<usize>()), 1..25),
        exclusions in prop::collection::vec(any::<bool>(), 0..60),
    ) {
        let template = synthetic(&shape, &links);
        let mut draft = Draft::of(&template);
        for (node, keep) in template.nodes.iter().filter(|n| n.optional).zip(&exclusions) {
            draft.inclusion.insert(node.id.clone(), *keep);
        }
        for (op, a, b) in edits {
            let Some(edit) = random_edit(&template, &draft, op, a, b) else { continue };
            if let Ok(edited) = apply(&template, &draft, &edit) {
                draft = edited.draft;
            }
            check(&template, &draft);
            // The stored draft reads back the same.
            let json = serde_json::to_string(&draft).unwrap();
            prop_assert_eq!(serde_json::from_str::<Draft>(&json).unwrap(), draft.clone());
        }
    }

    #[test]
    fn random_structure_edits_of_annex1(
        edits in prop::collection::vec((any::<u8>(), any::<usize>(), any::<usize>()), 1..12),
    ) {
        let template = annex1();
        let mut draft = annex1_sample(&template);
        for (op, a, b) in edits {
            let Some(edit) = random_edit(&template, &draft, op, a, b) else { continue };
            if let Ok(edited) = apply(&template, &draft, &edit) {
                draft = edited.draft;
            }
            check(&template, &draft);
        }
    }
}

fn article_labelled<'d>(
    document: &'d Document,
    heading: &str,
) -> &'d ssa_core::template::DocumentNode {
    document
        .walk()
        .find(|n| n.kind == NodeKind::Article && plain(&n.heading) == heading)
        .unwrap_or_else(|| panic!("no article {heading}"))
}

#[test]
fn an_added_article_renumbers_the_later_ones_and_their_references() {
    let template = annex1();
    let draft = annex1_sample(&template);
    let before = render(&template, &draft);
    let articles: Vec<_> = before
        .walk()
        .filter(|n| n.kind == NodeKind::Article)
        .collect();
    let eighth = articles[7].id.clone();
    let ninth = articles[8].id.clone();
    // A provision that refers to the ninth article.
    let mut draft = draft;
    let referring = articles[2].id.clone();
    draft
        .custom_wording
        .insert(referring.clone(), format!("As {{{{ref:{ninth}}}}} says."));
    let edited = apply(
        &template,
        &draft,
        &StructureEdit::Add {
            kind: NodeKind::Article,
            place: Place::After { id: eighth },
            heading: Some("Accompanying family members".into()),
            text: "Family members accompanying a posted worker remain insured.".into(),
        },
    )
    .unwrap();
    let new = edited.node.clone().unwrap();
    let after = render(&template, &edited.draft);
    let added = after.find(&new).unwrap();
    assert_eq!(added.label.as_deref(), Some("Article 9"));
    assert!(added.added);
    assert_eq!(
        after.find(&ninth).unwrap().label.as_deref(),
        Some("Article 10")
    );
    assert_eq!(
        plain(&after.find(&referring).unwrap().text),
        "As Article 10 says."
    );
    assert_eq!(
        article_labelled(&after, "Accompanying family members").id,
        new
    );
    // Referenced from another provision, then an earlier article left out: the reference
    // follows.
    let mut draft = edited.draft;
    draft
        .custom_wording
        .insert(referring.clone(), format!("See {{{{ref:{new}}}}}."));
    let first = articles[0].id.clone();
    let edited = apply(
        &template,
        &draft,
        &StructureEdit::Delete { id: first.clone() },
    )
    .unwrap();
    let document = render(&template, &edited.draft);
    assert_eq!(
        plain(&document.find(&referring).unwrap().text),
        "See Article 8."
    );
    let report = edited.draft.validate(&template);
    assert_eq!(
        report.of_kind(ProblemKind::DepartsFromModel).count(),
        1,
        "{report}"
    );
    // Restored, it is back and numbered.
    let restored = apply(
        &template,
        &edited.draft,
        &StructureEdit::Restore { id: first },
    )
    .unwrap();
    let document = render(&template, &restored.draft);
    assert_eq!(
        plain(&document.find(&referring).unwrap().text),
        "See Article 9."
    );
}

#[test]
fn a_final_protocol_is_added_at_the_end_with_numbered_paragraphs() {
    let template = annex1();
    let draft = annex1_sample(&template);
    let protocol = apply(
        &template,
        &draft,
        &StructureEdit::Add {
            kind: NodeKind::Annex,
            place: Place::End,
            heading: Some("Final Protocol".into()),
            text: String::new(),
        },
    )
    .unwrap();
    let id = protocol.node.unwrap();
    let with_item = apply(
        &template,
        &protocol.draft,
        &StructureEdit::Add {
            kind: NodeKind::Paragraph,
            place: Place::LastIn { id: id.clone() },
            heading: None,
            text: "Re Article 1: the term also covers self-employed persons.".into(),
        },
    )
    .unwrap();
    let document = render(&template, &with_item.draft);
    let last = document.nodes.last().unwrap();
    assert_eq!(last.id, id);
    assert_eq!(last.children[0].label.as_deref(), Some("1."));
    assert_eq!(
        last.children[0].citation.as_deref(),
        Some("Final Protocol(1)")
    );
    // An article cannot go inside it.
    let refused = apply(
        &template,
        &with_item.draft,
        &StructureEdit::Add {
            kind: NodeKind::Article,
            place: Place::LastIn { id },
            heading: None,
            text: String::new(),
        },
    );
    assert!(refused
        .unwrap_err()
        .to_string()
        .contains("an article cannot go directly inside an annex"));
}

#[test]
fn split_and_merge_give_back_the_wording() {
    let template = annex1();
    let draft = annex1_sample(&template);
    let document = render(&template, &draft);
    let article = document
        .walk()
        .find(|n| {
            n.kind == NodeKind::Article
                && n.children
                    .iter()
                    .filter(|c| c.kind == NodeKind::Paragraph)
                    .count()
                    >= 2
        })
        .unwrap();
    let paragraph = article.children[0].id.clone();
    let count = article.children.len();
    let split = apply(
        &template,
        &draft,
        &StructureEdit::Split {
            id: paragraph.clone(),
            before: "One.".into(),
            after: "Two.".into(),
        },
    )
    .unwrap();
    let document = render(&template, &split.draft);
    let article_after = document.find(&article.id).unwrap();
    assert_eq!(article_after.children.len(), count + 1);
    assert_eq!(plain(&article_after.children[1].text), "Two.");
    assert_eq!(article_after.children[1].label.as_deref(), Some("2."));
    let merged = apply(
        &template,
        &split.draft,
        &StructureEdit::Merge {
            id: paragraph.clone(),
        },
    )
    .unwrap();
    let document = render(&template, &merged.draft);
    let article_after = document.find(&article.id).unwrap();
    assert_eq!(article_after.children.len(), count);
    assert_eq!(plain(&article_after.children[0].text), "One. Two.");
    // The added half is gone without a trace.
    assert!(merged.draft.added.is_empty());
}

#[test]
fn the_title_is_the_templates_until_changed() {
    let template = annex1();
    let draft = annex1_sample(&template);
    let retitled = apply(
        &template,
        &draft,
        &StructureEdit::Title {
            title: Some("Agreement on Social Security between Aurelia and Boreland".into()),
        },
    )
    .unwrap();
    assert_eq!(
        plain(&render(&template, &retitled.draft).title),
        "Agreement on Social Security between Aurelia and Boreland"
    );
    let back = apply(
        &template,
        &retitled.draft,
        &StructureEdit::Title { title: None },
    )
    .unwrap();
    assert_eq!(back.draft, draft);
}

#[test]
fn a_moved_article_renumbers_and_moving_it_back_restores_the_draft() {
    let template = annex1();
    let draft = annex1_sample(&template);
    let document = render(&template, &draft);
    let articles: Vec<_> = document
        .walk()
        .filter(|n| n.kind == NodeKind::Article)
        .map(|n| n.id.clone())
        .collect();
    let moved = apply(
        &template,
        &draft,
        &StructureEdit::MoveDown {
            id: articles[1].clone(),
        },
    )
    .unwrap();
    let document = render(&template, &moved.draft);
    assert_eq!(
        document.find(&articles[1]).unwrap().label.as_deref(),
        Some("Article 3")
    );
    assert_eq!(
        document.find(&articles[2]).unwrap().label.as_deref(),
        Some("Article 2")
    );
    let back = apply(
        &template,
        &moved.draft,
        &StructureEdit::MoveUp {
            id: articles[1].clone(),
        },
    )
    .unwrap();
    assert_eq!(
        back.draft, draft,
        "the order entries go once the order is the model's"
    );
}

#[test]
fn the_deviation_report_names_additions_moves_and_deletions_by_label_and_heading() {
    use ssa_core::compare::{deviation_report, model_draft, DeviationKind};
    let template = annex1();
    let draft = annex1_sample(&template);
    let document = render(&template, &draft);
    let articles: Vec<_> = document
        .walk()
        .filter(|n| n.kind == NodeKind::Article)
        .map(|n| n.id.clone())
        .collect();
    let draft = apply(
        &template,
        &draft,
        &StructureEdit::Add {
            kind: NodeKind::Article,
            place: Place::After {
                id: articles[7].clone(),
            },
            heading: Some("Accompanying family members".into()),
            text: "Family members remain insured.".into(),
        },
    )
    .unwrap()
    .draft;
    let draft = apply(
        &template,
        &draft,
        &StructureEdit::MoveDown {
            id: articles[1].clone(),
        },
    )
    .unwrap()
    .draft;
    let report = deviation_report(
        &render(&template, &model_draft(&draft)),
        &render(&template, &draft),
    );
    let how: Vec<&DeviationKind> = report.deviations.iter().flat_map(|d| &d.how).collect();
    assert!(
        how.iter().any(|k| matches!(k,
            DeviationKind::Added { place, .. } if place == "Article 9 Accompanying family members")),
        "{how:?}"
    );
    assert!(
        how.iter().any(|k| matches!(k,
            // The two articles swapped: the comparison reports one of them as moved.
            DeviationKind::Moved { place, from, .. }
                if place.starts_with("Article ") && from.starts_with("Article ") && place != from)),
        "{how:?}"
    );
}
