//! Checks of the `{{…}}` tokens in one text: shared by template validation (node text, headings,
//! alternatives, the title) and draft validation (custom wording), so both report a broken
//! token, a dangling reference or an undefined term the same way.

use std::collections::{HashMap, HashSet};

use super::format::{Parameter, Template};
use super::report::{Problem, ProblemKind, Report};
use super::text::{pieces, Piece};

/// Checks the tokens of one text. Also used for a draft's custom wording (`template` lines
/// are then absent).
#[allow(clippy::too_many_arguments)]
pub(crate) fn check_text(
    template: &Template,
    field: &str,
    node: Option<&str>,
    text: &str,
    line: Option<usize>,
    parameters: &HashMap<&str, &Parameter>,
    ids: &HashMap<&str, usize>,
    terms: &HashSet<&str>,
    report: &mut Report,
) {
    let place = node.map_or(field.to_string(), |id| format!("node {id}, {field}"));
    let located = |problem: Problem| {
        let problem = problem.at_line(line);
        match node {
            Some(id) => problem.at_node(id),
            None => problem,
        }
    };
    let pieces = match pieces(text) {
        Ok(pieces) => pieces,
        Err(error) => {
            report.push(located(Problem::error(
                ProblemKind::Syntax,
                format!(
                    "{place}: {} (at character {}).",
                    error.message,
                    error.offset + 1
                ),
            )));
            return;
        }
    };
    for piece in pieces {
        match piece {
            Piece::Literal(_) => {}
            Piece::Parameter(name) if !parameters.contains_key(name) => {
                report.push(located(
                    Problem::error(
                        ProblemKind::UnknownParameter,
                        format!(
                            "{place}: placeholder {{{{{name}}}}} names no declared parameter; \
                             declare it in a [[parameter]] table or fix the name."
                        ),
                    )
                    .for_parameter(name),
                ));
            }
            Piece::Parameter(_) => {}
            Piece::Reference(target) => match ids.get(target) {
                None => report.push(located(
                    Problem::error(
                        ProblemKind::DanglingReference,
                        format!(
                            "{place}: {{{{ref:{target}}}}} refers to no node; no node has id \
                             \"{target}\". Fix the id or remove the reference."
                        ),
                    )
                    .related(target),
                )),
                Some(&index) if !template.nodes[index].kind.is_referable() => report.push(located(
                    Problem::error(
                        ProblemKind::UnreferableTarget,
                        format!(
                            "{place}: {{{{ref:{target}}}}} points at a {}, which has no number \
                                 to cite; refer to an article or paragraph instead.",
                            template.nodes[index].kind.as_str()
                        ),
                    )
                    .related(target),
                )),
                Some(_) => {}
            },
            Piece::Term { key, .. } if !terms.contains(key) => {
                report.push(located(Problem::error(
                    ProblemKind::UndefinedTerm,
                    format!(
                        "{place}: term \"{key}\" is used but no node defines it; add it to the \
                     `defines` of the node that defines it (usually the definitions article)."
                    ),
                )))
            }
            Piece::Term { .. } => {}
        }
    }
}
