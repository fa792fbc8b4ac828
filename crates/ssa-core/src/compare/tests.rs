use super::*;
use crate::template::{render, Draft, Segment, Template, Wording};
use crate::test_documents::{article, document, node, text};

const ANNEX1: &str = include_str!("../../../../assets/templates/r167-annex1-bilateral.toml");

fn segments(redline: &[RedlineSegment]) -> Vec<(RedlineOp, &str)> {
    redline.iter().map(|s| (s.op, s.text.as_str())).collect()
}

fn unit<'c>(comparison: &'c Comparison, id: &str) -> &'c UnitComparison {
    comparison
        .units
        .iter()
        .find(|u| u.id == id)
        .unwrap_or_else(|| panic!("no unit {id}"))
}

fn with_reference(mut article: DocumentNode, target: &str, written: &str) -> DocumentNode {
    article.text.push(Segment::Reference {
        target: target.into(),
        text: written.into(),
    });
    article.text.push(Segment::Text { text: ".".into() });
    article
}

#[test]
fn an_article_left_out_renumbers_the_later_ones_without_changing_their_wording() {
    let before = document(
        "Agreement",
        vec![
            article("A1", 1, "Scope."),
            article("A2", 2, "Optional rule."),
            with_reference(article("A3", 3, "As provided in "), "A4", "Article 4"),
            article("A4", 4, "Final."),
        ],
    );
    let after = document(
        "Agreement",
        vec![
            article("A1", 1, "Scope."),
            with_reference(article("A3", 2, "As provided in "), "A4", "Article 3"),
            article("A4", 3, "Final."),
        ],
    );
    let comparison = compare(&before, &after);
    assert_eq!(
        comparison.summary,
        ComparisonSummary {
            added: 0,
            removed: 1,
            changed: 0,
            unchanged: 4, // the title, A1, A3, A4
            moved: 0,
            renumbered: 2,
        }
    );
    let ids: Vec<&str> = comparison.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, vec![TITLE_UNIT_ID, "A1", "A2", "A3", "A4"]);
    assert_eq!(unit(&comparison, "A2").change, UnitChange::Removed);
    let a3 = unit(&comparison, "A3");
    assert!(a3.renumbered && !a3.moved);
    assert_eq!(a3.change, UnitChange::Unchanged);
    // The reference reads as it does now.
    assert_eq!(
        segments(&a3.redline),
        vec![(RedlineOp::Equal, "As provided in Article 3.")]
    );
    assert_eq!(
        a3.header(),
        "== Article 2 (was Article 3): wording unchanged, renumbered [A3] =="
    );
}

#[test]
fn a_reference_to_another_provision_is_a_change() {
    let before = document(
        "A",
        vec![with_reference(article("A1", 1, "See "), "A2", "Article 2")],
    );
    let after = document(
        "A",
        vec![with_reference(article("A1", 1, "See "), "A3", "Article 2")],
    );
    let comparison = compare(&before, &after);
    assert_eq!(unit(&comparison, "A1").change, UnitChange::Changed);
}

#[test]
fn articles_in_another_order_or_under_another_part_are_moved_not_deleted_and_inserted() {
    let part = |id: &str, label: &str, children: Vec<DocumentNode>| {
        let mut part = node(id, NodeKind::Part, Some(label), vec![]);
        part.children = children;
        part
    };
    let before = document(
        "A",
        vec![
            part(
                "P1",
                "Part I",
                vec![article("A1", 1, "One."), article("A2", 2, "Two.")],
            ),
            part("P2", "Part II", vec![article("A3", 3, "Three.")]),
        ],
    );
    let after = document(
        "A",
        vec![
            part("P1", "Part I", vec![article("A2", 1, "Two.")]),
            part(
                "P2",
                "Part II",
                vec![article("A3", 2, "Three."), article("A1", 3, "One.")],
            ),
        ],
    );
    let comparison = compare(&before, &after);
    let a1 = unit(&comparison, "A1");
    assert!(a1.moved && a1.renumbered);
    assert_eq!(a1.change, UnitChange::Unchanged);
    assert!(!unit(&comparison, "A2").moved);
    assert!(!unit(&comparison, "A3").moved);
    assert_eq!(comparison.summary.moved, 1);
    assert_eq!(
        (comparison.summary.added, comparison.summary.removed),
        (0, 0)
    );
    assert!(a1.header().contains("moved, renumbered"), "{}", a1.header());
}

#[test]
fn the_order_of_articles_changed_within_a_part_is_a_move() {
    let before = document(
        "A",
        vec![
            article("A1", 1, "One."),
            article("A2", 2, "Two."),
            article("A3", 3, "Three."),
        ],
    );
    let after = document(
        "A",
        vec![
            article("A3", 1, "Three."),
            article("A1", 2, "One."),
            article("A2", 3, "Two."),
        ],
    );
    let comparison = compare(&before, &after);
    assert_eq!(comparison.summary.moved, 1);
    assert!(unit(&comparison, "A3").moved);
}

#[test]
fn punctuation_is_a_word_of_its_own() {
    let before = document("A", vec![article("A1", 1, "the Party, which shall pay.")]);
    let after = document("A", vec![article("A1", 1, "the Party; which shall pay!")]);
    let a1 = compare(&before, &after).units.remove(1);
    assert_eq!(
        segments(&a1.redline),
        vec![
            (RedlineOp::Equal, "the Party"),
            (RedlineOp::Deleted, ","),
            (RedlineOp::Inserted, ";"),
            (RedlineOp::Equal, " which shall pay"),
            (RedlineOp::Deleted, "."),
            (RedlineOp::Inserted, "!"),
        ]
    );
}

#[test]
fn accented_words_are_whole_words_and_compare_after_normalisation() {
    let before = document("A", vec![article("A1", 1, "l'Etat contractant")]);
    let after = document("A", vec![article("A1", 1, "l'État contractant")]);
    let a1 = compare(&before, &after).units.remove(1);
    assert_eq!(
        segments(&a1.redline),
        vec![
            (RedlineOp::Deleted, "l'Etat"),
            (RedlineOp::Inserted, "l'État"),
            (RedlineOp::Equal, " contractant"),
        ]
    );
    // The same word with a combining accent (NFD) is the same word.
    let decomposed = document("A", vec![article("A1", 1, "l'E\u{301}tat contractant")]);
    let same = compare(&after, &decomposed);
    assert_eq!(same.summary.changed, 0);
    // Words in other scripts split on their own boundaries too.
    let before = document(
        "A",
        vec![article("A1", 1, "Договаривающаяся Сторона платит.")],
    );
    let after = document(
        "A",
        vec![article("A1", 1, "Договаривающаяся Сторона не платит.")],
    );
    let a1 = compare(&before, &after).units.remove(1);
    assert_eq!(
        segments(&a1.redline),
        vec![
            (RedlineOp::Equal, "Договаривающаяся Сторона "),
            (RedlineOp::Inserted, "не "),
            (RedlineOp::Equal, "платит."),
        ]
    );
}

#[test]
fn a_paragraph_left_out_shows_as_deleted_and_later_paragraph_numbers_are_not_changes() {
    let paragraph =
        |id: &str, label: &str, body: &str| node(id, NodeKind::Paragraph, Some(label), text(body));
    let mut before = article("A1", 1, "");
    before.text.clear();
    before.children = vec![
        paragraph("A1.1", "1.", "First."),
        paragraph("A1.2", "2.", "Second."),
    ];
    let mut after = before.clone();
    after.children = vec![paragraph("A1.2", "1.", "Second.")];
    let a1 = compare(&document("A", vec![before]), &document("A", vec![after]))
        .units
        .remove(1);
    assert_eq!(
        segments(&a1.redline),
        vec![
            (RedlineOp::Deleted, "1. First.\n"),
            (RedlineOp::Equal, "1. Second."),
        ]
    );
}

#[test]
fn added_and_removed_articles_and_the_text_redline() {
    let before = document(
        "Agreement",
        vec![
            article("A1", 1, "Each Party pays."),
            article("A2", 2, "Gone."),
        ],
    );
    let after = document(
        "Agreement between A and B",
        vec![
            article("A1", 1, "Each Party shall pay."),
            article("A9", 2, "New."),
        ],
    );
    let comparison = compare(&before, &after);
    assert_eq!(
        (
            comparison.summary.added,
            comparison.summary.removed,
            comparison.summary.changed
        ),
        (1, 1, 2)
    );
    let text = comparison.to_redline_text();
    assert_eq!(
        text,
        "1 added, 1 removed, 2 changed, 0 moved, 0 renumbered, 0 unchanged\n\
         \n== Title: changed [#title] ==\nAgreement{+ between A and B+}\n\
         \n== Article 1: changed [A1] ==\nEach Party [-pays-]{+shall pay+}.\n\
         \n== Article 2: removed [A2] ==\n[-Gone.-]\n\
         \n== Article 2: added [A9] ==\n{+New.+}\n"
    );
}

fn annex1() -> Template {
    Template::parse("r167-annex1-bilateral.toml", ANNEX1).expect("the shipped template parses")
}

fn full_draft(template: &Template) -> Draft {
    let mut draft = Draft::of(template)
        .with_value("party_a", "the Republic of Aurelia")
        .with_value("party_b", "the Kingdom of Boreland");
    for branch in ["sickness", "pensions", "unemployment", "family"] {
        draft = draft.with_value(&format!("branch.{branch}"), true);
    }
    draft
}

#[test]
fn leaving_out_an_optional_article_of_the_model_renumbers_later_articles_as_unchanged() {
    let template = annex1();
    let kept = full_draft(&template);
    let mut left_out = kept.clone();
    left_out.inclusion.insert("M5.7".into(), false);
    let comparison = compare(&render(&template, &kept), &render(&template, &left_out));
    assert_eq!(comparison.summary.removed, 1);
    assert_eq!(unit(&comparison, "M5.7").change, UnitChange::Removed);
    assert_eq!(
        comparison.summary.changed,
        0,
        "{}",
        comparison.to_redline_text()
    );
    assert_eq!(comparison.summary.added, 0);
    assert!(comparison.summary.renumbered >= 2);
    let m58 = unit(&comparison, "M5.8");
    assert!(m58.renumbered && m58.change == UnitChange::Unchanged);
}

#[test]
fn the_deviation_report_says_how_each_provision_departs_from_the_model() {
    let template = annex1();
    let mut draft = full_draft(&template);
    draft.inclusion.insert("M5.7".into(), false);
    draft.inclusion.insert("M3.2.assessment".into(), true);
    draft.custom_wording.insert(
        "M5.1".into(),
        "The Parties shall co-operate closely.".into(),
    );
    let with_alternatives = template
        .nodes
        .iter()
        .find(|n| n.alternatives.len() >= 2)
        .expect("the model offers alternative wordings");
    let other = with_alternatives
        .alternatives
        .iter()
        .find(|a| Some(*a) != with_alternatives.default_alternative())
        .unwrap();
    draft
        .alternatives
        .insert(with_alternatives.id.clone(), other.id.clone());

    let model = render(&template, &model_draft(&draft));
    let report = deviation_report(&model, &render(&template, &draft));
    let how: Vec<&DeviationKind> = report.deviations.iter().flat_map(|d| &d.how).collect();
    // Each departure names its provision by label and heading, never by id.
    assert!(how.iter().any(|k| matches!(k,
        DeviationKind::LeftOut { node, place } if node == "M5.7" && place.starts_with("Article ") && !place.contains("M5"))));
    assert!(how.iter().any(|k| matches!(k,
        DeviationKind::Reworded { node, place } if node == "M5.1" && place.starts_with("Article ") && !place.contains("M5"))));
    assert!(how.iter().any(|k| matches!(k,
        DeviationKind::AlternativeChosen { node, alternative, alternative_label, place }
            if *node == with_alternatives.id && *alternative == other.id
                && *alternative_label == other.label && !place.contains(&with_alternatives.id))));
    assert!(how.iter().any(
        |k| matches!(k, DeviationKind::Added { node, .. } if node.starts_with("M3.2.assessment"))
    ));
    assert_eq!(how.len(), 4, "{how:?}");
    // Renumbered articles and filled particulars are not departures.
    assert!(report.deviations.iter().all(|d| d.id != "M5.8"));
    let reworded = report.deviations.iter().find(|d| d.id == "M5.1").unwrap();
    assert!(reworded
        .comparison
        .redline
        .iter()
        .any(|s| s.op == RedlineOp::Inserted && s.text.contains("closely")));
    assert!(matches!(
        render(&template, &draft).find("M5.1").unwrap().wording,
        Wording::Custom
    ));
}

#[test]
fn a_draft_as_the_model_has_no_deviation() {
    let template = annex1();
    let draft = full_draft(&template);
    let report = deviation_report(
        &render(&template, &model_draft(&draft)),
        &render(&template, &draft),
    );
    assert_eq!(report.deviations, vec![]);
    assert!(report.units_compared > 20);
}
