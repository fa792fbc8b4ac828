//! Draft validation: one test per problem kind.

use ssa_core::template::{Amount, LawsForBranch, ProblemKind, Report, Severity, Value};

use crate::fixture::{filled_draft, line_of, mini};

fn kinds(report: &Report) -> Vec<ProblemKind> {
    report.problems.iter().map(|p| p.kind).collect()
}

#[test]
fn a_filled_draft_only_lacks_the_optional_values() {
    let template = mini();
    let report = filled_draft(&template).validate(&template);
    assert!(!report.has_errors(), "{report}");
    let unfilled: Vec<_> = report
        .of_kind(ProblemKind::UnfilledPlaceholder)
        .map(|p| (p.node.as_deref().unwrap(), p.parameter.as_deref().unwrap()))
        .collect();
    assert_eq!(unfilled, vec![("A.defs#b", "laws_a"), ("A.final", "grant")]);
    assert!(report.warnings().all(|p| p.severity == Severity::Warning));
}

#[test]
fn unfilled_placeholder_is_a_warning_naming_node_line_and_label() {
    let template = mini();
    let draft = filled_draft(&template);
    let mut draft = draft;
    draft.values.remove("party_b");
    let report = draft.validate(&template);
    let problems: Vec<_> = report
        .of_kind(ProblemKind::UnfilledPlaceholder)
        .filter(|p| p.parameter.as_deref() == Some("party_b"))
        .collect();
    // The title and the preamble both use it.
    assert_eq!(problems.len(), 2, "{report}");
    assert_eq!(problems[0].node, None);
    assert_eq!(problems[1].node.as_deref(), Some("pre"));
    assert_eq!(problems[1].line, Some(line_of("id = \"pre\"")));
    assert!(problems[1]
        .message
        .contains("name of the second Party is not filled in"));
    assert_eq!(problems[1].severity, Severity::Warning);
}

#[test]
fn months_out_of_range() {
    let template = mini();
    let draft = filled_draft(&template).with_value("posting.months", 72);
    let report = draft.validate(&template);
    let problem = report
        .of_kind(ProblemKind::ValueOutOfRange)
        .next()
        .expect("reported");
    assert_eq!(problem.parameter.as_deref(), Some("posting.months"));
    assert!(
        problem.message.contains("from 1 to 60 months"),
        "{}",
        problem.message
    );
}

#[test]
fn dates_in_the_wrong_order() {
    let template = mini();
    let draft = filled_draft(&template).with_value("entry.date", "2025-12-31");
    let report = draft.validate(&template);
    let problem = report
        .of_kind(ProblemKind::DateOrder)
        .next()
        .expect("reported");
    assert_eq!(problem.parameter.as_deref(), Some("entry.date"));
    assert!(
        problem.message.contains("before date of signature"),
        "{}",
        problem.message
    );
}

#[test]
fn malformed_values() {
    let template = mini();
    let draft = filled_draft(&template)
        .with_value("signature.date", "1 March 2026")
        .with_value("posting.months", "two years")
        .with_value(
            "grant",
            Amount {
                amount: "1,500".into(),
                currency: "euro".into(),
            },
        )
        .with_value(
            "laws_a",
            vec![LawsForBranch {
                branch: "old-age benefits".into(),
                laws: vec![],
            }],
        );
    let report = draft.validate(&template);
    let invalid: Vec<_> = report.of_kind(ProblemKind::InvalidValue).collect();
    assert_eq!(invalid.len(), 5, "{report}");
    assert!(invalid.iter().any(|p| p.message.contains("YYYY-MM-DD")));
    assert!(invalid.iter().any(|p| p.message.contains("ISO 4217")));
}

#[test]
fn unknown_choice_value() {
    let template = mini();
    let draft = filled_draft(&template).with_value("pension.method", "per_party");
    let problem = draft
        .validate(&template)
        .of_kind(ProblemKind::UnknownChoice)
        .next()
        .cloned()
        .expect("reported");
    assert!(problem.message.contains("pro_rata, independent_or_higher"));
}

#[test]
fn reference_to_an_excluded_node_names_both_nodes() {
    let template = mini();
    let mut draft = filled_draft(&template);
    draft.inclusion.insert("A.optional".into(), false);
    let report = draft.validate(&template);
    let problem = report
        .of_kind(ProblemKind::ReferenceToOmitted)
        .next()
        .expect("reported");
    assert_eq!(problem.severity, Severity::Error);
    assert_eq!(problem.node.as_deref(), Some("A.pension"));
    assert_eq!(problem.related_node.as_deref(), Some("A.optional"));
    assert!(problem.message.contains("excluded"), "{}", problem.message);
    // Choosing the other wording removes the reference, and the error with it.
    draft
        .alternatives
        .insert("A.pension".into(), "higher".into());
    assert_eq!(
        draft
            .validate(&template)
            .of_kind(ProblemKind::ReferenceToOmitted)
            .count(),
        0
    );
}

#[test]
fn reference_to_a_node_left_out_by_condition_names_the_condition() {
    let template = mini();
    let mut draft = filled_draft(&template).with_value("posting.extension", false);
    draft
        .custom_wording
        .insert("A.final".into(), "As provided in {{ref:A.post.2}}.".into());
    let report = draft.validate(&template);
    let problem = report
        .of_kind(ProblemKind::ReferenceToOmitted)
        .next()
        .expect("reported");
    assert_eq!(problem.node.as_deref(), Some("A.final"));
    assert_eq!(problem.related_node.as_deref(), Some("A.post.2"));
    assert!(
        problem.message.contains("\"posting.extension\" is false"),
        "{}",
        problem.message
    );
}

#[test]
fn term_whose_definition_is_left_out() {
    let template = mini();
    let mut draft = filled_draft(&template).with_value("branch.unemployment", true);
    draft
        .custom_wording
        .insert("A.unemp".into(), "The {{term:legislation}} applies.".into());
    assert_eq!(
        draft
            .validate(&template)
            .of_kind(ProblemKind::TermDefinitionOmitted)
            .count(),
        0
    );
    // Definitions cannot be excluded in the fixture, so make one conditional in the template.
    let mut template = template;
    template
        .nodes
        .iter_mut()
        .find(|n| n.id == "A.defs#b")
        .unwrap()
        .when = Some("branch.unemployment == false".into());
    let report = draft.validate(&template);
    let problem = report
        .of_kind(ProblemKind::TermDefinitionOmitted)
        .next()
        .expect("reported");
    assert_eq!(problem.related_node.as_deref(), Some("A.defs#b"));
}

#[test]
fn custom_wording_is_checked_like_template_text() {
    let template = mini();
    let mut draft = filled_draft(&template).with_value(
        "laws_a",
        vec![LawsForBranch {
            branch: "old-age benefits".into(),
            laws: vec!["Pensions Act".into()],
        }],
    );
    draft.custom_wording.insert(
        "A.final".into(),
        "See {{ref:A.nowhere}} and {{term:nothing}} and {{x".into(),
    );
    assert_eq!(kinds(&draft.validate(&template)), vec![ProblemKind::Syntax]);
    draft.custom_wording.insert(
        "A.final".into(),
        "See {{ref:A.nowhere}}, {{term:nothing}}, {{nobody}}.".into(),
    );
    let report = draft.validate(&template);
    assert_eq!(
        kinds(&report),
        vec![
            ProblemKind::DanglingReference,
            ProblemKind::UndefinedTerm,
            ProblemKind::UnknownParameter,
            ProblemKind::UnfilledPlaceholder,
        ],
        "{report}"
    );
}

#[test]
fn choices_for_nodes_that_cannot_take_them() {
    let template = mini();
    let mut draft = filled_draft(&template);
    draft.inclusion.insert("A.post".into(), false);
    draft.inclusion.insert("A.gone".into(), false);
    draft
        .alternatives
        .insert("A.pension".into(), "independent".into());
    draft.alternatives.insert("A.final".into(), "other".into());
    draft.custom_wording.insert("A.gone".into(), "text".into());
    let report = draft.validate(&template);
    assert_eq!(report.of_kind(ProblemKind::DepartsFromModel).count(), 1);
    assert_eq!(report.of_kind(ProblemKind::UnknownNode).count(), 2);
    let alternatives: Vec<_> = report.of_kind(ProblemKind::UnknownAlternative).collect();
    assert_eq!(alternatives.len(), 2);
    assert!(alternatives
        .iter()
        .any(|p| p.message.contains("pro_rata, higher")));
    assert!(alternatives
        .iter()
        .any(|p| p.message.contains("no alternative wordings")));
}

#[test]
fn draft_for_another_template_and_unknown_values() {
    let template = mini();
    let mut draft = filled_draft(&template);
    draft.template_version = "0.9".into();
    draft
        .values
        .insert("posting.weeks".into(), Value::Number(3));
    let report = draft.validate(&template);
    assert_eq!(report.of_kind(ProblemKind::TemplateMismatch).count(), 1);
    let unknown = report
        .of_kind(ProblemKind::UnknownParameter)
        .next()
        .unwrap();
    assert_eq!(unknown.severity, Severity::Warning);
}

#[test]
fn report_serialises_with_snake_case_codes() {
    let template = mini();
    let draft = filled_draft(&template).with_value("posting.months", 0);
    let json = serde_json::to_value(draft.validate(&template)).unwrap();
    let first = &json["problems"][0];
    assert_eq!(first["kind"], "value_out_of_range");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["parameter"], "posting.months");
}
