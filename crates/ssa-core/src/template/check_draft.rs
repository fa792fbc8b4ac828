//! Validation of a draft's choices and values against its template.
//!
//! Contract: assumes nothing about the draft (it may come from an old database or another
//! party's file) and reports every problem at once. Errors: values that do not fit, choices
//! for nodes that cannot take them, references and terms that the draft's exclusions break
//! (naming both nodes). Warnings: placeholders still to fill in kept nodes, values for
//! parameters the template does not declare. Problems in the template itself are
//! [`super::check_template`]'s and are not repeated here.

use std::collections::{HashMap, HashSet};

use super::check_text::check_text;
use super::draft::Draft;
use super::format::{Parameter, Template};
use super::outline::{Omission, Outline};
use super::render::{parse_date, term_definitions};
use super::report::{Problem, ProblemKind, Report};
use super::structure::{arranged, wording_in_force, TOP_LEVEL};
use super::text::{pieces, Piece};
use super::value_check::check_value;
use crate::limits::excerpt;

impl Draft {
    /// Every problem with this draft's choices and values on `template`.
    pub fn validate(&self, template: &Template) -> Report {
        check(template, self)
    }
}

/// Linear in the sizes of the template and the draft: nodes and parameters are looked up in
/// maps built once, never searched for per draft entry.
pub(crate) fn check(template: &Template, draft: &Draft) -> Report {
    let mut report = Report::default();
    if draft.template_id != template.id || draft.template_version != template.version {
        report.push(Problem::error(
            ProblemKind::TemplateMismatch,
            format!(
                "this draft was made from template {} version {}, not {} version {}; open it \
                 with that template, or carry it over to this version first.",
                draft.template_id, draft.template_version, template.id, template.version
            ),
        ));
    }
    check_values(template, draft, &mut report);
    let arranged = arranged(template, draft);
    let template = arranged.as_ref();
    check_structure(template, draft, &mut report);
    check_node_choices(template, draft, &mut report);
    let outline = Outline::new(template, draft);
    check_kept_texts(&outline, &mut report);
    report
}

fn check_values(template: &Template, draft: &Draft, report: &mut Report) {
    let parameters: HashMap<&str, &Parameter> = template
        .parameters
        .iter()
        .rev()
        .map(|p| (p.name.as_str(), p))
        .collect();
    for (name, value) in &draft.values {
        match parameters.get(name.as_str()) {
            None => report.push(
                Problem::warning(
                    ProblemKind::UnknownParameter,
                    format!(
                        "the draft has a value for \"{}\", which this template does not \
                         declare; it is ignored. Remove it, or check the template version.",
                        excerpt(name)
                    ),
                )
                .for_parameter(name),
            ),
            Some(parameter) => {
                for (kind, message) in check_value(parameter, value) {
                    report.push(Problem::error(kind, message).for_parameter(name));
                }
            }
        }
    }
    let effective = |name: &str| {
        draft
            .values
            .get(name)
            .or_else(|| parameters.get(name).and_then(|p| p.default.as_ref()))
    };
    for parameter in &template.parameters {
        let Some(other) = &parameter.not_before else {
            continue;
        };
        let date = |name: &str| match effective(name) {
            Some(super::draft::Value::Text(text)) => parse_date(text),
            _ => None,
        };
        if let (Some(this), Some(earliest)) = (date(&parameter.name), date(other)) {
            if this < earliest {
                let other_label = parameters
                    .get(other.as_str())
                    .map_or(other.as_str(), |p| &p.label);
                report.push(
                    Problem::error(
                        ProblemKind::DateOrder,
                        format!(
                            "{} ({this}) is before {other_label} ({earliest}); it may not be. \
                             Correct one of the two dates.",
                            parameter.label
                        ),
                    )
                    .for_parameter(&parameter.name),
                );
            }
        }
    }
}

fn check_node_choices(template: &Template, draft: &Draft, report: &mut Report) {
    let unknown = |what: &str, id: &str| {
        Problem::error(
            ProblemKind::UnknownNode,
            format!(
                "the draft {what} node \"{}\", which this template does not have; the choice \
                 is ignored. Remove it, or check the template version.",
                excerpt(id)
            ),
        )
        .at_node(id)
    };
    let ids = template.node_positions();
    let node = |id: &str| ids.get(id).map(|&index| &template.nodes[index]);
    for (id, included) in &draft.inclusion {
        match node(id) {
            None => report.push(unknown("includes or excludes", id)),
            // Deleting a provision the model requires is the draft's right, but a departure
            // the negotiator should see.
            Some(node) if !node.optional && !*included && !draft.added.contains_key(id) => report
                .push(
                    Problem::warning(
                        ProblemKind::DepartsFromModel,
                        format!(
                            "node {id} is a provision the model requires; this draft deletes \
                             it, which departs from the model. Restore it if that was not meant."
                        ),
                    )
                    .at_node(id),
                ),
            Some(_) => {}
        }
    }
    for (id, alternative) in &draft.alternatives {
        match node(id) {
            None => report.push(unknown("chooses a wording for", id)),
            Some(node) if !node.alternatives.iter().any(|a| &a.id == alternative) => {
                let known: Vec<String> = node.alternatives.iter().map(|a| excerpt(&a.id)).collect();
                let offered = if known.is_empty() {
                    "it has no alternative wordings".to_string()
                } else {
                    format!("its alternatives are {}", known.join(", "))
                };
                report.push(
                    Problem::error(
                        ProblemKind::UnknownAlternative,
                        format!(
                            "the draft chooses wording \"{}\" for node {id}, but {offered}.",
                            excerpt(alternative)
                        ),
                    )
                    .at_node(id),
                );
            }
            Some(_) => {}
        }
    }
    let parameters = template
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p))
        .collect();
    let terms = template.defined_terms();
    for (id, wording) in &draft.custom_wording {
        if node(id).is_none() {
            report.push(unknown("rewords", id));
            continue;
        }
        check_text(
            template,
            "custom wording",
            Some(id),
            wording,
            None,
            &parameters,
            &ids,
            &terms,
            report,
        );
    }
}

/// The draft's own structure: added provisions where their kind may sit, `order` entries that
/// name nodes this draft has. (What is wrong is laid out as well as it can be, see
/// [`super::structure`]; this says what to fix.)
fn check_structure(template: &Template, draft: &Draft, report: &mut Report) {
    if draft.added.is_empty() && draft.order.is_empty() {
        return;
    }
    let ids = template.node_positions();
    let kind_of = |id: &str| ids.get(id).map(|&index| template.nodes[index].kind);
    for (parent, list) in &draft.order {
        if parent != TOP_LEVEL && kind_of(parent).is_none() {
            report.push(Problem::warning(
                ProblemKind::UnknownNode,
                format!(
                    "the draft orders the provisions of node \"{}\", which it does not have; \
                     the order is ignored.",
                    excerpt(parent)
                ),
            ));
        }
        for child in list.iter().filter(|c| kind_of(c).is_none()) {
            report.push(Problem::warning(
                ProblemKind::UnknownNode,
                format!(
                    "the draft places node \"{}\", which it does not have; it is ignored.",
                    excerpt(child)
                ),
            ));
        }
    }
    let placed: HashSet<&str> = draft.order.values().flatten().map(String::as_str).collect();
    // Only what the draft placed: the model's own nesting is the template check's.
    let by_draft = template
        .nodes
        .iter()
        .filter(|n| draft.added.contains_key(&n.id) || placed.contains(n.id.as_str()));
    for node in by_draft {
        let parent_kind = node.parent.as_deref().and_then(kind_of);
        if !node.kind.may_sit_under(parent_kind) {
            report.push(
                Problem::error(
                    ProblemKind::BadNesting,
                    format!(
                        "node {} ({}) may not sit {}; move it.",
                        excerpt(&node.id),
                        node.kind.as_str(),
                        parent_kind.map_or("at the top level".to_string(), |k| format!(
                            "inside a {}",
                            k.as_str()
                        ))
                    ),
                )
                .at_node(&node.id),
            );
        }
    }
}

fn check_kept_texts(outline: &Outline<'_>, report: &mut Report) {
    let template = outline.template;
    let draft = outline.draft();
    let terms = term_definitions(template);
    let mut unfilled_seen: HashSet<(Option<&str>, &str)> = HashSet::new();
    let mut texts: Vec<(Option<usize>, &str)> = vec![(None, template.title.as_str())];
    for (index, node) in template.nodes.iter().enumerate() {
        if !outline.is_kept(index) {
            continue;
        }
        if let Some(heading) = &node.heading {
            texts.push((Some(index), heading));
        }
        texts.push((Some(index), wording_in_force(node, draft)));
    }
    // Every id, condition and label below is quoted short: one long condition or id may be
    // quoted by thousands of references.
    let omission_reason = |index: usize| -> String {
        match &outline.omitted[index] {
            Some(Omission::Excluded) => "is excluded in this draft".into(),
            Some(Omission::Condition(when)) => {
                format!("is left out because \"{}\" is false", excerpt(when))
            }
            Some(Omission::Ancestor(top)) => {
                let how = match &outline.omitted[*top] {
                    Some(Omission::Condition(when)) => format!("\"{}\" is false", excerpt(when)),
                    _ => "it is excluded".into(),
                };
                let top = excerpt(&template.nodes[*top].id);
                format!("is left out with {top}, because {how}")
            }
            None => "is kept".into(),
        }
    };
    let lines: HashMap<usize, Option<usize>> = (0..template.nodes.len())
        .map(|i| (i, template.source.node(i).map(|l| l.node)))
        .collect();
    for (owner, text) in texts {
        let Ok(pieces) = pieces(text) else { continue };
        let owner_id = owner.map(|i| template.nodes[i].id.as_str());
        let place = owner_id.map_or("the title".to_string(), |id| {
            format!("node {}", excerpt(id))
        });
        let line = owner.and_then(|i| lines[&i]);
        let locate = |problem: Problem| match owner_id {
            Some(id) => problem.at_node(id).at_line(line),
            None => problem,
        };
        for piece in pieces {
            match piece {
                Piece::Parameter(name) => {
                    let filled = outline.value(name).is_some_and(|v| v.is_filled());
                    if !filled && unfilled_seen.insert((owner_id, name)) {
                        let label =
                            excerpt(outline.parameter(name).map_or(name, |p| p.label.as_str()));
                        report.push(locate(
                            Problem::warning(
                                ProblemKind::UnfilledPlaceholder,
                                format!("{place}: {label} is not filled in yet ({{{{{name}}}}})."),
                            )
                            .for_parameter(name),
                        ));
                    }
                }
                Piece::Reference(target) => {
                    let Some(index) = outline.index_of(target) else {
                        continue;
                    };
                    if outline.is_kept(index) {
                        continue;
                    }
                    report.push(locate(
                        Problem::error(
                            ProblemKind::ReferenceToOmitted,
                            format!(
                                "{place} refers to {target}, which {}. Keep {target}, or \
                                 reword {} so that it no longer refers to it.",
                                omission_reason(index),
                                excerpt(owner_id.unwrap_or("the title")),
                                target = excerpt(target)
                            ),
                        )
                        .related(target),
                    ));
                }
                Piece::Term { key, .. } => {
                    let Some(&(_, index)) = terms.get(key) else {
                        continue;
                    };
                    if outline.is_kept(index) {
                        continue;
                    }
                    let definer = &template.nodes[index].id;
                    let shown = excerpt(definer);
                    report.push(locate(
                        Problem::error(
                            ProblemKind::TermDefinitionOmitted,
                            format!(
                                "{place} uses the term \"{key}\", defined in {shown}, which {}. \
                                 Keep {shown}, or define the term elsewhere.",
                                omission_reason(index)
                            ),
                        )
                        .related(definer),
                    ));
                }
                Piece::Literal(_) => {}
            }
        }
    }
}
