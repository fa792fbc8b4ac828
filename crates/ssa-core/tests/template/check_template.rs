//! Template validation: one test per problem kind, each checking the node and the line.

use ssa_core::template::{ProblemKind, Report, Severity, Template, TemplateError};

use crate::fixture::{line_of, mini, mini_with, MINI};

fn only(report: &Report, kind: ProblemKind) -> &ssa_core::template::Problem {
    let found: Vec<_> = report.of_kind(kind).collect();
    assert_eq!(found.len(), 1, "expected one {kind:?} in:\n{report}");
    found[0]
}

#[test]
fn the_fixture_is_clean() {
    let report = mini().validate();
    assert!(report.is_clean(), "{report}");
}

#[test]
fn toml_syntax_error_names_the_line() {
    let broken = MINI.replacen("heading = \"Definitions\"", "heading = \"Definitions", 1);
    let error = Template::parse("mini.toml", &broken).unwrap_err();
    let TemplateError::Syntax { origin, line, .. } = &error else {
        panic!("expected a syntax error, got {error}")
    };
    assert_eq!(origin, "mini.toml");
    assert_eq!(*line, line_of("heading = \"Definitions\""));
    assert!(error.to_string().starts_with("mini.toml, line "));
    let report = error.to_report();
    assert_eq!(report.problems[0].kind, ProblemKind::Syntax);
    assert_eq!(report.problems[0].line, Some(*line));
}

#[test]
fn misspelt_field_is_a_syntax_error_with_its_line() {
    let broken = MINI.replacen("optional = true", "optionnal = true", 1);
    let TemplateError::Syntax { line, message, .. } =
        Template::parse("mini.toml", &broken).unwrap_err()
    else {
        panic!("expected a syntax error")
    };
    assert_eq!(line, line_of("optional = true"));
    assert!(message.contains("optionnal"), "{message}");
}

#[test]
fn token_syntax_error_points_at_node_and_text_line() {
    let template = mini_with("for {{posting.months}}.", "for {{posting.months.");
    let report = template.validate();
    let problem = only(&report, ProblemKind::Syntax);
    assert_eq!(problem.node.as_deref(), Some("A.post.1"));
    assert_eq!(problem.line, Some(line_of("for {{posting.months}}.")));
    assert!(
        problem.message.contains("never closed"),
        "{}",
        problem.message
    );
}

#[test]
fn condition_syntax_error_points_at_the_when_line() {
    let template = mini_with(
        "when = \"posting.extension\"",
        "when = \"posting.extension = true\"",
    );
    let problem = only(&template.validate(), ProblemKind::Syntax).clone();
    assert_eq!(problem.node.as_deref(), Some("A.post.2"));
    assert_eq!(problem.line, Some(line_of("when = \"posting.extension\"")));
    assert!(problem.message.contains("=="), "{}", problem.message);
}

#[test]
fn unsupported_format() {
    let template = mini_with("ssa-template/1", "ssa-template/9");
    let problem = only(&template.validate(), ProblemKind::UnsupportedFormat).clone();
    assert!(problem.message.contains("ssa-template/9"));
}

#[test]
fn duplicate_ids_name_both_lines() {
    let template = mini_with("id = \"A.optional\"", "id = \"A.defs\"");
    let report = template.validate();
    let problem = report
        .of_kind(ProblemKind::DuplicateId)
        .next()
        .expect("duplicate reported");
    assert_eq!(problem.node.as_deref(), Some("A.defs"));
    assert_eq!(problem.line, Some(line_of("id = \"A.optional\"")));
    let first = line_of("id = \"A.defs\"");
    assert!(
        problem.message.contains(&format!("line {first}")),
        "{}",
        problem.message
    );
}

#[test]
fn invalid_node_id() {
    let template = mini_with("id = \"A.optional\"", "id = \"A optional\"");
    let problem = only(&template.validate(), ProblemKind::InvalidId).clone();
    assert_eq!(problem.node.as_deref(), Some("A optional"));
}

#[test]
fn unknown_parent_and_parent_after_child() {
    let template = mini_with("parent = \"C.unemp\"", "parent = \"C.unemployment\"");
    let problem = only(&template.validate(), ProblemKind::UnknownParent).clone();
    assert_eq!(problem.node.as_deref(), Some("A.unemp"));
    assert!(problem.message.contains("does not exist"));

    let template = mini_with(
        "parent = \"A.post.3\"\ntext = \"to the employer;\"",
        "parent = \"A.final\"\ntext = \"to the employer;\"",
    );
    let problem = only(&template.validate(), ProblemKind::UnknownParent).clone();
    assert!(
        problem.message.contains("comes later"),
        "{}",
        problem.message
    );
}

#[test]
fn bad_nesting() {
    let template = mini_with(
        "id = \"A.optional\"\nkind = \"article\"",
        "id = \"A.optional\"\nkind = \"paragraph\"",
    );
    let problem = only(&template.validate(), ProblemKind::BadNesting).clone();
    assert_eq!(problem.node.as_deref(), Some("A.optional"));
    assert!(
        problem.message.contains("inside a part"),
        "{}",
        problem.message
    );
}

#[test]
fn dangling_reference_names_node_target_and_line() {
    let template = mini_with("{{ref:A.post.1}}", "{{ref:A.post.9}}");
    let problem = only(&template.validate(), ProblemKind::DanglingReference).clone();
    assert_eq!(problem.severity, Severity::Error);
    assert_eq!(problem.node.as_deref(), Some("A.post.2"));
    assert_eq!(problem.related_node.as_deref(), Some("A.post.9"));
    assert_eq!(problem.line, Some(line_of("{{ref:A.post.1}}")));
}

#[test]
fn reference_to_the_preamble_cannot_be_numbered() {
    let template = mini_with("{{ref:A.post.1}}", "{{ref:pre}}");
    only(&template.validate(), ProblemKind::UnreferableTarget);
}

#[test]
fn undefined_and_duplicate_terms() {
    let template = mini_with("{{term:legislation}}", "{{term:legislations}}");
    let problem = only(&template.validate(), ProblemKind::UndefinedTerm).clone();
    assert_eq!(problem.node.as_deref(), Some("A.post.1"));
    assert!(problem.message.contains("legislations"));

    let template = mini_with(
        "defines = { legislation = \"legislation\" }",
        "defines = { competent_authority = \"legislation\", legislation = \"legislation\" }",
    );
    let problem = only(&template.validate(), ProblemKind::DuplicateTerm).clone();
    assert_eq!(problem.related_node.as_deref(), Some("A.defs#a"));
}

#[test]
fn unknown_parameter_in_placeholder_and_condition() {
    let template = mini_with("{{posting.months}}", "{{posting.month}}");
    let problem = only(&template.validate(), ProblemKind::UnknownParameter).clone();
    assert_eq!(problem.parameter.as_deref(), Some("posting.month"));

    let template = mini_with(
        "when = \"branch.unemployment\"",
        "when = \"branch.unemployed\"",
    );
    let problem = only(&template.validate(), ProblemKind::UnknownParameter).clone();
    assert_eq!(problem.node.as_deref(), Some("C.unemp"));
}

#[test]
fn condition_type_mismatch_and_unknown_choice() {
    let template = mini_with(
        "when = \"branch.unemployment\"",
        "when = \"branch.unemployment == 3\"",
    );
    only(&template.validate(), ProblemKind::TypeMismatch);

    let template = mini_with(
        "when = \"branch.unemployment\"",
        "when = 'pension.method == \"pro-rata\"'",
    );
    let problem = only(&template.validate(), ProblemKind::UnknownChoice).clone();
    assert!(
        problem.message.contains("pro_rata, independent_or_higher"),
        "{}",
        problem.message
    );
}

#[test]
fn parameter_declarations() {
    let template = mini_with("min = 1\nmax = 60", "min = 61\nmax = 60");
    let report = template.validate();
    let problem = report
        .of_kind(ProblemKind::InvalidParameter)
        .next()
        .expect("reported");
    assert_eq!(problem.line, Some(line_of("name = \"posting.months\"")));

    let template = mini_with("default = 24", "default = 72");
    let problem = only(&template.validate(), ProblemKind::ValueOutOfRange).clone();
    assert!(
        problem.message.starts_with("default of"),
        "{}",
        problem.message
    );

    let template = mini_with("name = \"party_b\"", "name = \"party_a\"");
    only(&template.validate(), ProblemKind::DuplicateParameter);

    let template = mini_with(
        "not_before = \"signature.date\"",
        "not_before = \"posting.months\"",
    );
    only(&template.validate(), ProblemKind::InvalidParameter);
}

#[test]
fn alternatives_need_exactly_one_default() {
    let template = mini_with(
        "default = true\n\n[[node.alternatives]]",
        "\n[[node.alternatives]]",
    );
    let problem = only(&template.validate(), ProblemKind::BadAlternatives).clone();
    assert_eq!(problem.node.as_deref(), Some("A.pension"));
}

#[test]
fn excluded_by_default_must_be_optional() {
    let template = mini_with(
        "heading = \"Posted workers\"",
        "heading = \"Posted workers\"\nincluded_by_default = false",
    );
    only(&template.validate(), ProblemKind::BadOptional);
}

#[test]
fn empty_node_is_a_warning() {
    let template = mini_with("text = \"Certificates are issued on request.\"", "");
    // A.post.3 still has items, so only a node with nothing at all is reported.
    assert!(template.validate().is_clean());
    let template = mini_with("text = \"This article may be left out.\"", "");
    let template = Template {
        nodes: template
            .nodes
            .into_iter()
            .map(|mut n| {
                if n.id == "A.optional" {
                    n.heading = None;
                }
                n
            })
            .collect(),
        ..template
    };
    let problem = only(&template.validate(), ProblemKind::EmptyNode).clone();
    assert_eq!(problem.severity, Severity::Warning);
}

#[test]
fn load_refuses_a_template_with_errors_and_says_where() {
    let broken = MINI.replacen("{{ref:A.post.1}}", "{{ref:nowhere}}", 1);
    let error = Template::load("mini.toml", &broken).unwrap_err();
    let text = error.to_string();
    assert!(
        text.starts_with("mini.toml is not a usable template (1 error(s))"),
        "{text}"
    );
    assert!(
        text.contains(&format!("line {}", line_of("{{ref:A.post.1}}"))),
        "{text}"
    );
    assert!(text.contains("nowhere"), "{text}");
}
