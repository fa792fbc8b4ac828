//! The administrative arrangement's links to the agreement it implements.
//!
//! An arrangement template names the agreement template it implements (`implements = "id"` at
//! the top) and each of its nodes may list the agreement node ids it puts into practice
//! (`implements = ["M5.2"]`). [`check_links`] checks the ids against the agreement template;
//! [`resolve_links`] finds each target's current number in the negotiation's rendered agreement,
//! so the arrangement can say "implements Article 27 of the agreement" and stay right when the
//! agreement is renumbered.

use serde::Serialize;

use crate::template::{Document, DocumentNode, NodeKind, Problem, ProblemKind, Report, Template};

/// Problems with the arrangement's links: an implemented template other than `agreement`, or a
/// target node `agreement` does not have.
pub fn check_links(arrangement: &Template, agreement: &Template) -> Report {
    let mut report = Report::default();
    if let Some(implemented) = &arrangement.implements {
        if implemented != &agreement.id {
            report.push(Problem::warning(
                ProblemKind::UnknownImplementedNode,
                format!(
                    "template \"{}\" implements \"{implemented}\", but the agreement is drafted on \"{}\"; its links may not match.",
                    arrangement.id, agreement.id
                ),
            ));
        }
    }
    for (index, node) in arrangement.nodes.iter().enumerate() {
        for target in &node.implements {
            if agreement.node(target).is_none() {
                report.push(
                    Problem::error(
                        ProblemKind::UnknownImplementedNode,
                        format!(
                            "node \"{}\" implements \"{target}\", which template \"{}\" {} does not have.",
                            node.id, agreement.id, agreement.version
                        ),
                    )
                    .at_node(&node.id)
                    .related(target)
                    .at_line(arrangement.source.node(index).map(|l| l.node)),
                );
            }
        }
    }
    report
}

/// Where one linked agreement node stands in the rendered agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum LinkTarget {
    /// In the agreement: the article's label ("Article 27") and the target's own label when it
    /// is a paragraph or item of it ("2.").
    InAgreement {
        article: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        within: Option<String>,
    },
    /// A chapter or part: its label ("Chapter 2").
    Division { label: String },
    /// The agreement's draft leaves the target out.
    LeftOut,
}

/// One arrangement node's link to one agreement node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ArrangementLink {
    /// The arrangement node.
    pub node: String,
    /// The agreement node it implements.
    pub target: String,
    pub at: LinkTarget,
}

/// The current place of every link of `arrangement` in the rendered `agreement`.
pub fn resolve_links(arrangement: &Template, agreement: &Document) -> Vec<ArrangementLink> {
    arrangement
        .nodes
        .iter()
        .flat_map(|node| {
            node.implements.iter().map(|target| ArrangementLink {
                node: node.id.clone(),
                target: target.clone(),
                at: locate(&agreement.nodes, target, None).unwrap_or(LinkTarget::LeftOut),
            })
        })
        .collect()
}

fn locate(nodes: &[DocumentNode], target: &str, article: Option<&str>) -> Option<LinkTarget> {
    for node in nodes {
        let enclosing = if node.kind == NodeKind::Article {
            node.label.as_deref()
        } else {
            article
        };
        if node.id == target {
            return Some(match (node.kind, enclosing) {
                (NodeKind::Article, Some(label)) => LinkTarget::InAgreement {
                    article: label.to_string(),
                    within: None,
                },
                (_, Some(article)) => LinkTarget::InAgreement {
                    article: article.to_string(),
                    within: node.label.clone(),
                },
                (_, None) => LinkTarget::Division {
                    label: node.label.clone().unwrap_or_default(),
                },
            });
        }
        if let Some(found) = locate(&node.children, target, enclosing) {
            return Some(found);
        }
    }
    None
}
