//! Validation of a template file on its own, before any draft exists.
//!
//! Contract: finds every problem that makes the template unusable whatever a draft chooses
//! (errors) or that an author should look at (warnings), naming the node id and, for parsed
//! files, the line. Problems that depend on a draft's choices are [`super::check_draft`]'s.

use std::collections::{HashMap, HashSet};

use super::check_text::check_text;
use super::expr::{Expr, Literal, Operator};
use super::format::{NodeKind, Parameter, ParameterType, Template, TEMPLATE_FORMAT};
use super::report::{Problem, ProblemKind, Report};
use super::text::{is_name, is_node_id};
use super::value_check::check_value;
use crate::limits::{
    excerpt, MAX_NESTING_DEPTH, MAX_PROVENANCE_NOTE_CHARS, MAX_PROVENANCE_SOURCES,
};

pub(crate) fn check(template: &Template) -> Report {
    let mut report = Report::default();
    check_metadata(template, &mut report);
    let parameters = check_parameters(template, &mut report);
    check_structure(template, &mut report);
    check_texts_and_conditions(template, &parameters, &mut report);
    check_implements(template, &mut report);
    check_provenance(template, &mut report);
    report
}

/// Provenance notes and source lists within [`MAX_PROVENANCE_NOTE_CHARS`] and
/// [`MAX_PROVENANCE_SOURCES`]: every node that inherits a provenance repeats it.
fn check_provenance(template: &Template, report: &mut Report) {
    let own = std::iter::once((None, Some(&template.provenance)));
    let nodes = template
        .nodes
        .iter()
        .enumerate()
        .map(|(index, node)| (Some(index), node.provenance.as_ref()));
    for (index, provenance) in own.chain(nodes) {
        let Some(provenance) = provenance else {
            continue;
        };
        let long_note = provenance
            .note
            .chars()
            .nth(MAX_PROVENANCE_NOTE_CHARS)
            .is_some();
        let many_sources = provenance.sources.len() > MAX_PROVENANCE_SOURCES;
        if !long_note && !many_sources {
            continue;
        }
        let whose = index.map_or("the template's provenance".to_string(), |i| {
            format!("node {}: its provenance", template.nodes[i].id)
        });
        let message = if long_note {
            format!(
                "{whose} has a note longer than {MAX_PROVENANCE_NOTE_CHARS} characters; shorten \
                 it (put long explanations in the guidance)."
            )
        } else {
            format!(
                "{whose} cites {} sources; cite at most {MAX_PROVENANCE_SOURCES}.",
                provenance.sources.len()
            )
        };
        let mut problem = Problem::error(ProblemKind::TooLong, message);
        if let Some(i) = index {
            problem = problem
                .at_node(&template.nodes[i].id)
                .at_line(template.source.node(i).map(|l| l.node));
        }
        report.push(problem);
    }
}

/// `implements` on nodes needs the template to say which template it implements, and each
/// entry must be a node id. Whether the ids exist is checked against the implemented template
/// by [`crate::documents::arrangement::check_links`], which has both templates.
fn check_implements(template: &Template, report: &mut Report) {
    if let Some(implemented) = &template.implements {
        if !is_node_id(implemented) || implemented.is_empty() {
            report.push(Problem::error(
                ProblemKind::UnknownImplementedNode,
                format!("implements = \"{implemented}\" is not a template id."),
            ));
        }
    }
    for (index, node) in template.nodes.iter().enumerate() {
        let line = template.source.node(index).map(|l| l.node);
        for target in &node.implements {
            let message = if template.implements.is_none() {
                format!(
                    "node \"{}\" implements \"{target}\", but the template does not say which \
                     template it implements; add implements = \"<template id>\" at the top.",
                    node.id
                )
            } else if !is_node_id(target) {
                format!(
                    "node \"{}\" implements \"{target}\", which is not a node id.",
                    node.id
                )
            } else {
                continue;
            };
            report.push(
                Problem::error(ProblemKind::UnknownImplementedNode, message)
                    .at_node(&node.id)
                    .at_line(line),
            );
        }
    }
}

fn check_metadata(template: &Template, report: &mut Report) {
    if template.format != TEMPLATE_FORMAT {
        report.push(
            Problem::error(
                ProblemKind::UnsupportedFormat,
                format!(
                    "format is \"{}\"; this version of SSA Workbench reads \"{TEMPLATE_FORMAT}\". \
                     Set format = \"{TEMPLATE_FORMAT}\" if the file follows that format.",
                    template.format
                ),
            )
            .at_line(Some(1)),
        );
    }
    for (field, value) in [
        ("id", &template.id),
        ("version", &template.version),
        ("title", &template.title),
    ] {
        if value.trim().is_empty() {
            report.push(Problem::error(
                ProblemKind::InvalidMetadata,
                format!("the template's {field} is empty; give it a {field}."),
            ));
        }
    }
    if !template.id.is_empty() && !is_node_id(&template.id) {
        report.push(Problem::error(
            ProblemKind::InvalidMetadata,
            format!(
                "template id \"{}\" may only use letters, digits, '.', '-' and '_'.",
                template.id
            ),
        ));
    }
    if let Some(parent) = &template.derived_from {
        if parent.id == template.id && parent.version == template.version {
            report.push(Problem::error(
                ProblemKind::InvalidMetadata,
                "derived_from names this very template and version; give the derived template \
                 its own id or version.",
            ));
        }
    }
}

/// Checks declarations; returns the declared parameters by name.
fn check_parameters<'t>(
    template: &'t Template,
    report: &mut Report,
) -> HashMap<&'t str, &'t Parameter> {
    let mut declared: HashMap<&str, &Parameter> = HashMap::new();
    let mut first_line: HashMap<&str, Option<usize>> = HashMap::new();
    for (index, parameter) in template.parameters.iter().enumerate() {
        let line = template.source.parameter(index);
        let name = parameter.name.as_str();
        let problem = |kind, message: String| {
            Problem::error(kind, message)
                .for_parameter(name)
                .at_line(line)
        };
        if !is_name(name) {
            report.push(problem(
                ProblemKind::InvalidParameter,
                format!(
                    "parameter name \"{name}\" must be lower-case words joined by '.' \
                     (letters, digits, '_'), such as \"posting.months\"."
                ),
            ));
        }
        if declared.contains_key(name) {
            let earlier = first_line[name].map_or(String::new(), |l| format!(" (line {l})"));
            report.push(problem(
                ProblemKind::DuplicateParameter,
                format!("parameter \"{name}\" is declared twice; the first is{earlier}. Remove or rename one."),
            ));
            continue;
        }
        declared.insert(name, parameter);
        first_line.insert(name, line);
        if let (Some(min), Some(max)) = (parameter.min, parameter.max) {
            if min > max {
                report.push(problem(
                    ProblemKind::InvalidParameter,
                    format!("parameter \"{name}\": min {min} is above max {max}."),
                ));
            }
        }
        let numeric = matches!(
            parameter.kind,
            ParameterType::Months | ParameterType::Number
        );
        if !numeric && (parameter.min.is_some() || parameter.max.is_some()) {
            report.push(problem(
                ProblemKind::InvalidParameter,
                format!(
                    "parameter \"{name}\" is of type {}, which has no range; remove min/max.",
                    parameter.kind.as_str()
                ),
            ));
        }
        match parameter.kind {
            ParameterType::Choice if parameter.choices.is_empty() => report.push(problem(
                ProblemKind::InvalidParameter,
                format!("parameter \"{name}\" is a choice but lists no choices."),
            )),
            ParameterType::Choice => {
                let mut seen = HashSet::new();
                for choice in &parameter.choices {
                    if !seen.insert(choice.value.as_str()) {
                        report.push(problem(
                            ProblemKind::InvalidParameter,
                            format!(
                                "parameter \"{name}\" lists choice \"{}\" twice.",
                                choice.value
                            ),
                        ));
                    }
                }
            }
            _ if !parameter.choices.is_empty() => report.push(problem(
                ProblemKind::InvalidParameter,
                format!(
                    "parameter \"{name}\" lists choices but is of type {}; use type = \"choice\".",
                    parameter.kind.as_str()
                ),
            )),
            _ => {}
        }
        if let Some(default) = &parameter.default {
            for (kind, message) in check_value(parameter, default) {
                report.push(problem(kind, format!("default of {message}")));
            }
        }
    }
    for (index, parameter) in template.parameters.iter().enumerate() {
        let Some(other) = &parameter.not_before else {
            continue;
        };
        let fine = parameter.kind == ParameterType::Date
            && declared.get(other.as_str()).map(|p| p.kind) == Some(ParameterType::Date);
        if !fine {
            report.push(
                Problem::error(
                    ProblemKind::InvalidParameter,
                    format!(
                        "parameter \"{}\": not_before must name another date parameter, and \
                         \"{other}\" is not one.",
                        parameter.name
                    ),
                )
                .for_parameter(&parameter.name)
                .at_line(template.source.parameter(index)),
            );
        }
    }
    declared
}

/// Checks ids, parents, nesting and terms. Linear in the number of nodes: each node's parent
/// and depth are looked up, never searched for.
fn check_structure(template: &Template, report: &mut Report) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut terms: HashMap<&str, usize> = HashMap::new();
    // Where each id last appears, to tell "comes later" from "does not exist" at once.
    let last: HashMap<&str, usize> = template
        .nodes
        .iter()
        .enumerate()
        .map(|(index, node)| (node.id.as_str(), index))
        .collect();
    // Depth of each node (1 at the top level); a node whose parent is unknown counts as top.
    let mut depth: Vec<usize> = Vec::with_capacity(template.nodes.len());
    let line_of = |index: usize| template.source.node(index).map(|l| l.node);
    for (index, node) in template.nodes.iter().enumerate() {
        let parent_depth = node
            .parent
            .as_deref()
            .and_then(|parent| first.get(parent))
            .map_or(0, |&p| depth[p]);
        depth.push(parent_depth + 1);
        let line = line_of(index);
        let id = node.id.as_str();
        let problem =
            |kind, message: String| Problem::error(kind, message).at_node(id).at_line(line);
        if !is_node_id(id) {
            report.push(problem(
                ProblemKind::InvalidId,
                format!("node id \"{id}\" may only use letters, digits, '.', '-', '_' and '#'."),
            ));
        }
        if let Some(&earlier) = first.get(id) {
            let earlier_line = line_of(earlier).map_or(String::new(), |l| format!(" at line {l}"));
            report.push(
                problem(
                    ProblemKind::DuplicateId,
                    format!(
                        "node id \"{id}\" is used twice: here and{earlier_line}. Ids must be \
                         unique; rename one (drafts and references use ids)."
                    ),
                )
                .related(id),
            );
        } else {
            first.insert(id, index);
        }
        let parent_kind = match node.parent.as_deref() {
            None => None,
            Some(parent) => match first.get(parent) {
                Some(&p) if p != index => Some(template.nodes[p].kind),
                _ => {
                    let later = last.get(parent).is_some_and(|&at| at > index);
                    let hint = if later {
                        "comes later in the file; move this node below its parent"
                    } else {
                        "does not exist; check the spelling"
                    };
                    report.push(
                        problem(
                            ProblemKind::UnknownParent,
                            format!("node {id}: parent \"{}\" {hint}.", excerpt(parent)),
                        )
                        .related(parent),
                    );
                    continue;
                }
            },
        };
        if depth[index] == MAX_NESTING_DEPTH + 1 {
            report.push(problem(
                ProblemKind::TooDeep,
                format!(
                    "node {id} sits {} levels deep; nodes may nest at most {MAX_NESTING_DEPTH} \
                     levels (an item in an item in a paragraph is 3 below its article). Give \
                     it a parent higher up.",
                    depth[index]
                ),
            ));
        }
        if !node.kind.may_sit_under(parent_kind) {
            let place = parent_kind.map_or("at the top level".to_string(), |k| {
                format!("inside a {}", k.as_str())
            });
            report.push(problem(
                ProblemKind::BadNesting,
                format!(
                    "node {id}: a {} cannot sit {place}; give it another parent or kind.",
                    node.kind.as_str()
                ),
            ));
        }
        if !node.optional && !node.included_by_default {
            report.push(problem(
                ProblemKind::BadOptional,
                format!(
                    "node {id} says included_by_default = false but is not optional; add \
                     optional = true or remove included_by_default."
                ),
            ));
        }
        check_alternatives(template, index, report);
        for key in node.defines.keys() {
            if !is_name(key) {
                report.push(problem(
                    ProblemKind::InvalidId,
                    format!(
                        "node {id}: term key \"{key}\" must be lower case (letters, digits, '_')."
                    ),
                ));
            }
            if let Some(&other) = terms.get(key.as_str()) {
                report.push(
                    problem(
                        ProblemKind::DuplicateTerm,
                        format!(
                            "node {id} defines \"{key}\", which node {} already defines; a term \
                             is defined once.",
                            template.nodes[other].id
                        ),
                    )
                    .related(&template.nodes[other].id),
                );
            } else {
                terms.insert(key, index);
            }
        }
    }
    check_mixed_and_empty(template, report);
}

fn check_alternatives(template: &Template, index: usize, report: &mut Report) {
    let node = &template.nodes[index];
    if node.alternatives.is_empty() {
        return;
    }
    let line = template.source.node(index).map(|l| l.node);
    let id = node.id.as_str();
    let mut fail = |message: String| {
        report.push(
            Problem::error(ProblemKind::BadAlternatives, message)
                .at_node(id)
                .at_line(line),
        )
    };
    if !node.text.is_empty() {
        fail(format!(
            "node {id} has both text and alternatives; put the model wording in the default \
             alternative and remove text."
        ));
    }
    let defaults = node.alternatives.iter().filter(|a| a.default).count();
    if defaults != 1 {
        fail(format!(
            "node {id} has {defaults} default alternatives; mark exactly one with default = true."
        ));
    }
    let mut seen = HashSet::new();
    for alternative in &node.alternatives {
        if !seen.insert(alternative.id.as_str()) {
            fail(format!(
                "node {id} has two alternatives with id \"{}\".",
                alternative.id
            ));
        }
    }
}

fn check_mixed_and_empty(template: &Template, report: &mut Report) {
    let mut child_kinds: HashMap<&str, HashSet<NodeKind>> = HashMap::new();
    for node in &template.nodes {
        if let Some(parent) = &node.parent {
            child_kinds.entry(parent).or_default().insert(node.kind);
        }
    }
    for (index, node) in template.nodes.iter().enumerate() {
        let line = template.source.node(index).map(|l| l.node);
        let kinds = child_kinds.get(node.id.as_str());
        if node.kind == NodeKind::Article
            && kinds
                .is_some_and(|k| k.contains(&NodeKind::Paragraph) && k.contains(&NodeKind::Item))
        {
            report.push(
                Problem::error(
                    ProblemKind::BadNesting,
                    format!(
                        "article {} mixes paragraphs and items as direct children; put the \
                         items under a paragraph.",
                        node.id
                    ),
                )
                .at_node(&node.id)
                .at_line(line),
            );
        }
        let empty = node.text.trim().is_empty()
            && node.alternatives.is_empty()
            && node.heading.as_deref().is_none_or(|h| h.trim().is_empty())
            && kinds.is_none();
        if empty {
            report.push(
                Problem::warning(
                    ProblemKind::EmptyNode,
                    format!(
                        "node {} has no heading, text or children; it renders empty.",
                        node.id
                    ),
                )
                .at_node(&node.id)
                .at_line(line),
            );
        }
    }
}

fn check_texts_and_conditions(
    template: &Template,
    parameters: &HashMap<&str, &Parameter>,
    report: &mut Report,
) {
    let ids = template.node_positions();
    let terms = template.defined_terms();
    check_text(
        template,
        "title",
        None,
        &template.title,
        Some(1),
        parameters,
        &ids,
        &terms,
        report,
    );
    for (index, node) in template.nodes.iter().enumerate() {
        let lines = template.source.node(index).cloned().unwrap_or_default();
        let fallback = template.source.node(index).map(|l| l.node);
        let owner = Some(node.id.as_str());
        if let Some(heading) = &node.heading {
            let line = lines.heading.or(fallback);
            check_text(
                template, "heading", owner, heading, line, parameters, &ids, &terms, report,
            );
        }
        let line = lines.text.or(fallback);
        check_text(
            template, "text", owner, &node.text, line, parameters, &ids, &terms, report,
        );
        for (n, alternative) in node.alternatives.iter().enumerate() {
            let line = lines.alternatives.get(n).copied().or(fallback);
            let field = format!("alternative \"{}\"", alternative.id);
            check_text(
                template,
                &field,
                owner,
                &alternative.text,
                line,
                parameters,
                &ids,
                &terms,
                report,
            );
        }
        if let Some(condition) = &node.when {
            let line = lines.when.or(fallback);
            check_condition(&node.id, condition, line, parameters, report);
        }
    }
}

/// How many of a parameter's choices a message about an unknown choice lists.
const KNOWN_CHOICES_LISTED: usize = 12;

fn check_condition(
    id: &str,
    source: &str,
    line: Option<usize>,
    parameters: &HashMap<&str, &Parameter>,
    report: &mut Report,
) {
    let fail = |kind, message: String| Problem::error(kind, message).at_node(id).at_line(line);
    // Quoted short: a condition naming many undeclared parameters gets one message for each.
    let condition = excerpt(source);
    let expr = match Expr::parse(source) {
        Ok(expr) => expr,
        Err(error) => {
            report.push(fail(
                ProblemKind::Syntax,
                format!(
                    "node {id}, when \"{condition}\": {} (at character {}).",
                    error.message,
                    error.offset + 1
                ),
            ));
            return;
        }
    };
    for (name, comparison) in expr.comparisons() {
        let Some(parameter) = parameters.get(name) else {
            report.push(
                fail(
                    ProblemKind::UnknownParameter,
                    format!(
                        "node {id}, when \"{condition}\": \"{}\" is not a declared parameter.",
                        excerpt(name)
                    ),
                )
                .for_parameter(name),
            );
            continue;
        };
        let Some((op, literal)) = comparison else {
            continue;
        };
        let ordering = !matches!(op, Operator::Equal | Operator::NotEqual);
        let kind = parameter.kind;
        let fits = match literal {
            Literal::Integer(_) => matches!(kind, ParameterType::Months | ParameterType::Number),
            Literal::Bool(_) => kind == ParameterType::Flag && !ordering,
            Literal::Text(_) => {
                !matches!(
                    kind,
                    ParameterType::Months | ParameterType::Number | ParameterType::Flag
                ) && (!ordering || kind == ParameterType::Date)
            }
        };
        if !fits {
            report.push(
                fail(
                    ProblemKind::TypeMismatch,
                    format!(
                        "node {id}, when \"{condition}\": \"{}\" is of type {}, which cannot \
                         be compared that way with {literal}.",
                        excerpt(name),
                        kind.as_str()
                    ),
                )
                .for_parameter(name),
            );
            continue;
        }
        if let (ParameterType::Choice, Literal::Text(value)) = (kind, literal) {
            if !parameter.choices.iter().any(|c| &c.value == value) {
                // The first few choices: a message per comparison must not list thousands.
                let mut known: Vec<String> = parameter
                    .choices
                    .iter()
                    .take(KNOWN_CHOICES_LISTED)
                    .map(|c| excerpt(&c.value))
                    .collect();
                if parameter.choices.len() > KNOWN_CHOICES_LISTED {
                    known.push("…".into());
                }
                report.push(
                    fail(
                        ProblemKind::UnknownChoice,
                        format!(
                            "node {id}, when \"{condition}\": \"{}\" is not a choice of \
                             \"{}\" (choices: {}).",
                            excerpt(value),
                            excerpt(name),
                            known.join(", ")
                        ),
                    )
                    .for_parameter(name),
                );
            }
        }
    }
}
