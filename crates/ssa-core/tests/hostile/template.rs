use ssa_core::limits::{MAX_CONDITION_DEPTH, MAX_NESTING_DEPTH, MAX_TEMPLATE_BYTES};
use ssa_core::template::{render, DocumentNode, Draft, ProblemKind, Template, TemplateError};

use crate::scaling::{assert_linear, total_len};

const HEAD: &str = r#"format = "ssa-template/1"
id = "hostile"
version = "1"
title = "Hostile"
kind = "bilateral"

[provenance]
status = "inferred"
confidence = "low"
"#;

fn node(id: &str, kind: &str, parent: Option<&str>, extra: &str) -> String {
    let parent = parent.map_or(String::new(), |p| format!("parent = \"{p}\"\n"));
    format!(
        "\n[[node]]\nid = \"{id}\"\nkind = \"{kind}\"\n{parent}text = \"Text of {id}.\"\n{extra}"
    )
}

/// An article, a paragraph and `depth` items each inside the one before.
fn nested_items(depth: usize) -> String {
    let mut text = String::from(HEAD);
    text += &node("a", "article", None, "");
    text += &node("p", "paragraph", Some("a"), "");
    let mut parent = "p".to_string();
    for level in 0..depth {
        let id = format!("i{level}");
        text += &node(&id, "item", Some(&parent), "");
        parent = id;
    }
    text
}

fn depth_of(nodes: &[DocumentNode]) -> usize {
    // Iterative, so that the test itself cannot overflow on a deep tree.
    let mut deepest = 0;
    let mut stack: Vec<(&DocumentNode, usize)> = nodes.iter().map(|n| (n, 1)).collect();
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        stack.extend(node.children.iter().map(|c| (c, depth + 1)));
    }
    deepest
}

#[test]
fn items_nested_ten_thousand_deep_are_refused_and_still_render_without_overflowing() {
    let template = Template::parse("deep.toml", &nested_items(10_000)).unwrap();
    let report = template.validate();
    let too_deep: Vec<_> = report.of_kind(ProblemKind::TooDeep).collect();
    assert_eq!(too_deep.len(), 1, "{report}");
    assert!(
        too_deep[0]
            .message
            .contains(&format!("at most {MAX_NESTING_DEPTH} levels")),
        "{}",
        too_deep[0].message
    );
    assert!(Template::load("deep.toml", &nested_items(10_000)).is_err());
    // A template stored before the limit existed still opens: the deep nodes sit beside their
    // parent at the deepest level allowed, every one of them shown.
    let draft = Draft::of(&template);
    let document = render(&template, &draft);
    assert_eq!(depth_of(&document.nodes), MAX_NESTING_DEPTH);
    assert_eq!(document.walk().count(), 10_002);
    draft.validate(&template);
    assert!(!document.to_plain_text().is_empty());
    // At the limit itself nothing is reported.
    let at_limit = Template::parse("ok.toml", &nested_items(MAX_NESTING_DEPTH - 2)).unwrap();
    assert_eq!(at_limit.validate().of_kind(ProblemKind::TooDeep).count(), 0);
}

fn with_condition(when: &str, extra_nodes: usize) -> String {
    let mut text = String::from(HEAD);
    let escaped = when.replace('"', "\\\"");
    text += &node("a", "article", None, &format!("when = \"{escaped}\"\n"));
    for n in 0..extra_nodes {
        text += &node(&format!("b{n}"), "article", None, "");
    }
    text
}

#[test]
fn conditions_nested_thirty_thousand_deep_are_a_syntax_error_not_an_overflow() {
    for when in [
        format!("{}x", "not ".repeat(30_000)),
        format!("{}x{}", "(".repeat(30_000), ")".repeat(30_000)),
    ] {
        let template = Template::parse("deep.toml", &with_condition(&when, 0)).unwrap();
        let report = template.validate();
        let syntax: Vec<_> = report.of_kind(ProblemKind::Syntax).collect();
        assert_eq!(syntax.len(), 1, "{report}");
        assert!(syntax[0]
            .message
            .contains(&format!("more than {MAX_CONDITION_DEPTH} deep")));
        assert!(syntax[0].message.len() < 400, "{}", syntax[0].message);
        // Rendering treats a condition it cannot read as true, and does not overflow either.
        render(&template, &Draft::of(&template));
    }
}

#[test]
fn a_condition_naming_thousands_of_undeclared_parameters_is_not_quoted_in_each_message() {
    let names: Vec<String> = (0..3_000).map(|n| format!("undeclared.name{n}")).collect();
    let when = names.join(" or ");
    let template = Template::parse("names.toml", &with_condition(&when, 0)).unwrap();
    let report = template.validate();
    assert_eq!(report.of_kind(ProblemKind::UnknownParameter).count(), 3_000);
    // Before: each of the 3,000 messages quoted the 60 KB condition (180 MB in all).
    let total = total_len(report.problems.iter().map(|p| p.message.as_str()));
    assert!(total < 100 * when.len() / 10, "{total} bytes of messages");
    assert!(report.problems.iter().all(|p| p.message.len() < 300));
}

#[test]
fn unknown_parents_are_checked_in_linear_time() {
    assert_linear(
        "unknown parents",
        5_000,
        |n| {
            let mut text = String::from(HEAD);
            for i in 0..n {
                text += &node(&format!("a{i}"), "article", Some(&format!("gone{i}")), "");
            }
            Template::parse("parents.toml", &text).unwrap()
        },
        |template| {
            assert!(template.validate().has_errors());
        },
    );
}

#[test]
fn draft_choices_for_many_nodes_are_checked_in_linear_time() {
    assert_linear(
        "draft choices",
        8_000,
        |n| {
            let mut text = String::from(HEAD);
            for i in 0..n {
                text += &node(&format!("a{i}"), "article", None, "optional = true\n");
            }
            let template = Template::parse("many.toml", &text).unwrap();
            let mut draft = Draft::of(&template);
            for i in 0..n {
                draft.inclusion.insert(format!("a{i}"), false);
                draft
                    .custom_wording
                    .insert(format!("missing{i}"), "x".into());
            }
            (template, draft)
        },
        |(template, draft)| {
            assert!(draft.validate(template).has_errors());
        },
    );
}

#[test]
fn a_long_inherited_provenance_note_is_refused_and_not_repeated_on_every_node() {
    let note = "n".repeat(200_000);
    let mut text = HEAD.replace(
        "confidence = \"low\"",
        &format!("confidence = \"low\"\nnote = \"{note}\""),
    );
    for i in 0..500 {
        text += &node(&format!("a{i}"), "article", None, "");
    }
    let template = Template::parse("notes.toml", &text).unwrap();
    assert_eq!(template.validate().of_kind(ProblemKind::TooLong).count(), 1);
    let document = render(&template, &Draft::of(&template));
    let repeated: usize = document.walk().map(|n| n.provenance.note.len()).sum();
    // Before: 500 copies of 200 KB (100 MB).
    assert!(repeated < 2_000_000, "{repeated} bytes of notes");
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread_with_the_limit() {
    let text = format!("{HEAD}\n# {}\n", "x".repeat(MAX_TEMPLATE_BYTES));
    let error = Template::parse("big.toml", &text).unwrap_err();
    assert!(matches!(error, TemplateError::TooLarge { .. }));
    assert!(error.to_string().contains("4 MB"), "{error}");
    assert!(error.to_report().problems[0].message.contains("4 MB"));
}

#[test]
fn an_out_of_range_number_is_worded_for_a_person() {
    let text = format!(
        "{HEAD}\n[[parameter]]\nname = \"a\"\nlabel = \"A\"\ntype = \"months\"\nmax = 99999999999999999999\n"
    );
    let error = Template::parse("range.toml", &text).unwrap_err();
    let message = error.to_string();
    assert!(!message.contains("i128"), "{message}");
    assert!(
        message.contains("99999999999999999999 is out of range"),
        "{message}"
    );
    assert!(message.contains("line "), "{message}");
}

#[test]
fn a_million_items_under_one_paragraph_get_short_numbers() {
    // Lettering past "zzz" switches to digits instead of ever-longer runs of letters.
    let mut text = String::from(HEAD);
    text += &node("a", "article", None, "");
    text += &node("p", "paragraph", Some("a"), "");
    for i in 0..5_000 {
        text += &node(&format!("i{i}"), "item", Some("p"), "");
    }
    let template = Template::parse("wide.toml", &text).unwrap();
    let document = render(&template, &Draft::of(&template));
    let longest = document
        .walk()
        .filter_map(|n| n.number.as_ref())
        .map(String::len)
        .max()
        .unwrap();
    assert!(longest <= 4, "a number {longest} characters long");
}
