//! Property: whatever a draft keeps or leaves out, numbers run consecutively and every
//! reference to a kept node reads exactly as that node's current number.

use std::collections::HashMap;

use proptest::prelude::*;
use ssa_core::template::{
    render, BrokenReason, Document, DocumentNode, Draft, Node, NodeKind, Provenance, Segment,
    Template,
};

use crate::shipped::annex1;

/// Where a node sits in the rendered document, read back from the document alone.
#[derive(Debug, Clone)]
pub struct Place {
    kind: NodeKind,
    label: Option<String>,
    article: Option<String>,
    paragraph: Option<String>,
    items: Vec<String>,
    part: Option<String>,
}

pub fn places(document: &Document) -> HashMap<String, Place> {
    fn visit(node: &DocumentNode, context: &Place, out: &mut HashMap<String, Place>) {
        let mut place = context.clone();
        place.kind = node.kind;
        place.label = node.label.clone();
        match node.kind {
            NodeKind::Part => place.part = node.label.clone(),
            NodeKind::Article => {
                place.article = node.label.clone();
                place.paragraph = None;
                place.items.clear();
            }
            NodeKind::Paragraph => place.paragraph = node.number.clone(),
            NodeKind::Item => place
                .items
                .push(node.number.clone().expect("items are numbered")),
            _ => {}
        }
        out.insert(node.id.clone(), place.clone());
        for child in &node.children {
            visit(child, &place, out);
        }
    }
    let root = Place {
        kind: NodeKind::Preamble,
        label: None,
        article: None,
        paragraph: None,
        items: Vec::new(),
        part: None,
    };
    let mut out = HashMap::new();
    for node in &document.nodes {
        visit(node, &root, &mut out);
    }
    out
}

/// The reference text the long style should produce, computed independently of the engine.
pub fn expected_reference(target: &Place, from: &Place) -> String {
    let same_article = from.article.is_some() && from.article == target.article;
    match target.kind {
        NodeKind::Part => target.label.clone().unwrap(),
        NodeKind::Chapter => match &target.part {
            Some(part) => format!("{} of {part}", target.label.clone().unwrap()),
            None => target.label.clone().unwrap(),
        },
        NodeKind::Article if same_article => "this Article".into(),
        NodeKind::Article => target.label.clone().unwrap(),
        _ if same_article && target.paragraph.is_none() && target.items.is_empty() => {
            "this Article".into()
        }
        _ => {
            let mut parts = Vec::new();
            if !same_article {
                parts.push(target.article.clone().unwrap());
            }
            if let Some(paragraph) = &target.paragraph {
                parts.push(format!("paragraph {paragraph}"));
            }
            if !target.items.is_empty() {
                let items: String = target.items.iter().map(|i| format!("({i})")).collect();
                parts.push(format!("subparagraph {items}"));
            }
            parts.join(", ")
        }
    }
}

fn letters(n: usize) -> String {
    let letter = (b'a' + ((n - 1) % 26) as u8) as char;
    std::iter::repeat_n(letter, (n - 1) / 26 + 1).collect()
}

pub fn assert_consecutive(document: &Document) {
    let articles: Vec<String> = document
        .walk()
        .filter(|n| n.kind == NodeKind::Article)
        .map(|n| n.number.clone().unwrap())
        .collect();
    let expected: Vec<String> = (1..=articles.len()).map(|n| n.to_string()).collect();
    assert_eq!(articles, expected, "articles run 1, 2, 3…");
    for node in document.walk() {
        let paragraphs: Vec<_> = node
            .children
            .iter()
            .filter(|c| c.kind == NodeKind::Paragraph)
            .collect();
        if node.kind == NodeKind::Article {
            let numbers: Vec<Option<String>> =
                paragraphs.iter().map(|p| p.number.clone()).collect();
            let expected: Vec<Option<String>> = if paragraphs.len() >= 2 {
                (1..=paragraphs.len())
                    .map(|n| Some(n.to_string()))
                    .collect()
            } else {
                vec![None; paragraphs.len()]
            };
            assert_eq!(numbers, expected, "paragraphs of {}", node.id);
        }
        let items: Vec<String> = node
            .children
            .iter()
            .filter(|c| c.kind == NodeKind::Item)
            .map(|c| c.number.clone().unwrap())
            .collect();
        if node.kind != NodeKind::Item {
            let expected: Vec<String> = (1..=items.len()).map(letters).collect();
            assert_eq!(items, expected, "items of {}", node.id);
        }
    }
}

fn assert_references_follow(document: &Document) {
    let places = places(document);
    for node in document.walk() {
        let from = &places[&node.id];
        for segment in node.text.iter().chain(&node.heading) {
            match segment {
                Segment::Reference { target, text } => {
                    let target_place = places.get(target).unwrap_or_else(|| {
                        panic!(
                            "{} refers to {target}, which is not in the document",
                            node.id
                        )
                    });
                    let expected = expected_reference(target_place, from);
                    assert!(
                        text.eq_ignore_ascii_case(&expected) && text[1..] == expected[1..],
                        "{} → {target}: rendered {text:?}, expected {expected:?}",
                        node.id
                    );
                }
                Segment::BrokenReference { target, reason } => {
                    assert_eq!(*reason, BrokenReason::Omitted, "{} → {target}", node.id);
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

/// A generated agreement: articles with paragraphs and items, many optional, with references
/// from every paragraph to random nodes.
pub fn synthetic(shape: &[(bool, Vec<(bool, usize)>)], links: &[usize]) -> Template {
    let provenance = Provenance {
        status: ssa_core::template::SourceStatus::Inferred,
        confidence: ssa_core::template::Confidence::Low,
        sources: vec![],
        note: String::new(),
    };
    let mut nodes = Vec::new();
    let node = |id: String, kind, parent: Option<String>, optional: bool| Node {
        id,
        kind,
        parent,
        heading: None,
        text: String::new(),
        optional,
        included_by_default: true,
        when: None,
        alternatives: vec![],
        defines: Default::default(),
        guidance: None,
        provenance: None,
        implements: vec![],
    };
    for (a, (article_optional, paragraphs)) in shape.iter().enumerate() {
        let article = format!("A{a}");
        let mut n = node(article.clone(), NodeKind::Article, None, *article_optional);
        n.heading = Some(format!("Article {a}"));
        nodes.push(n);
        for (p, (paragraph_optional, items)) in paragraphs.iter().enumerate() {
            let paragraph = format!("A{a}.{p}");
            nodes.push(node(
                paragraph.clone(),
                NodeKind::Paragraph,
                Some(article.clone()),
                *paragraph_optional,
            ));
            for i in 0..*items {
                let mut item = node(
                    format!("A{a}.{p}#{i}"),
                    NodeKind::Item,
                    Some(paragraph.clone()),
                    i % 2 == 1,
                );
                item.text = format!("item {i}");
                nodes.push(item);
            }
        }
    }
    let ids: Vec<String> = nodes.iter().map(|n| n.id.clone()).collect();
    let count = nodes.len();
    for (index, node) in nodes.iter_mut().enumerate() {
        if node.kind == NodeKind::Paragraph {
            let target = &ids[links[index % links.len()] % count];
            node.text = format!("See {{{{ref:{target}}}}}.");
        }
    }
    Template {
        format: ssa_core::template::TEMPLATE_FORMAT.into(),
        id: "synthetic".into(),
        version: "1".into(),
        title: "Synthetic".into(),
        kind: ssa_core::template::AgreementKind::Bilateral,
        language: "en".into(),
        description: String::new(),
        derived_from: None,
        implements: None,
        provenance,
        style: Default::default(),
        parameters: vec![],
        nodes,
        source: Default::default(),
    }
}

pub fn shape_strategy() -> impl Strategy<Value = Vec<(bool, Vec<(bool, usize)>)>> {
    prop::collection::vec(
        (
            any::<bool>(),
            prop::collection::vec((any::<bool>(), 0usize..4), 1..5),
        ),
        1..12,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn synthetic_agreements_renumber_and_references_follow(
        shape in shape_strategy(),
        links in prop::collection::vec(any::<usize>(), 1..40),
        exclusions in prop::collection::vec(any::<bool>(), 0..200),
    ) {
        let template = synthetic(&shape, &links);
        prop_assert!(template.validate().is_clean(), "{}", template.validate());
        let mut draft = Draft::of(&template);
        for (node, keep) in template.nodes.iter().filter(|n| n.optional).zip(&exclusions) {
            draft.inclusion.insert(node.id.clone(), *keep);
        }
        let document = render(&template, &draft);
        assert_consecutive(&document);
        assert_references_follow(&document);
    }

    #[test]
    fn annex1_renumbers_under_random_choices(
        keep in prop::collection::vec(any::<bool>(), 64),
        branches in prop::collection::vec(any::<bool>(), 6),
        higher in any::<bool>(),
    ) {
        let template = annex1();
        let mut draft = Draft::of(&template)
            .with_value("pension.method", if higher { "independent_or_higher" } else { "pro_rata" });
        for (name, on) in ["sickness", "pensions", "employment_injury", "death_grants", "unemployment", "family"].iter().zip(&branches) {
            draft = draft.with_value(&format!("branch.{name}"), *on);
        }
        for (node, keep) in template.nodes.iter().filter(|n| n.optional).zip(&keep) {
            draft.inclusion.insert(node.id.clone(), *keep);
        }
        let document = render(&template, &draft);
        assert_consecutive(&document);
        assert_references_follow(&document);
    }
}
