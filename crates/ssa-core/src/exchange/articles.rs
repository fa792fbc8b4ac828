//! The agreement as a flat list of nodes, and the text of each article read from it.
//!
//! Both sides of an exchange use these functions: the exporter flattens its rendered document,
//! the importer reads the counterpart's flat nodes, and each article's text is put together the
//! same way from either, so that "our proposal" and "their proposal" compare like for like.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::template::document::plain as plain_segments;
use crate::template::{Document, DocumentNode, NodeKind, Segment};

/// One node of the agreement as exchanged: its stable id, its place in the tree (`parent`),
/// and its numbers and text as rendered by the sender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeNode {
    pub id: String,
    #[serde(default)]
    pub parent: Option<String>,
    pub kind: NodeKind,
    #[serde(default)]
    pub number: Option<String>,
    /// The number as printed ("Article 12", "3.", "(a)").
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub heading: String,
    #[serde(default)]
    pub text: String,
    /// The parameters whose values appear in this node's heading or text.
    #[serde(default)]
    pub parameters: Vec<String>,
}

/// An article's whole text: heading, own text, and its paragraphs and items with their labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleText {
    pub node_id: String,
    pub label: Option<String>,
    pub heading: String,
    /// Heading, text and sub-provisions, one per line.
    pub text: String,
    /// Parameters used anywhere in the article.
    pub parameters: Vec<String>,
}

/// Appends the parameters of `segments` that `into` does not list yet (in `seen`, so that a
/// node with thousands of placeholders is not searched for each).
fn parameters_of<'s>(segments: &'s [Segment], into: &mut Vec<String>, seen: &mut HashSet<&'s str>) {
    for segment in segments {
        if let Segment::Value { parameter, .. } | Segment::Unfilled { parameter, .. } = segment {
            if seen.insert(parameter.as_str()) {
                into.push(parameter.clone());
            }
        }
    }
}

/// The document's nodes in reading order, each naming its parent.
pub fn flatten(document: &Document) -> Vec<ExchangeNode> {
    fn visit(node: &DocumentNode, parent: Option<&str>, out: &mut Vec<ExchangeNode>) {
        let mut parameters = Vec::new();
        let mut seen = HashSet::new();
        parameters_of(&node.heading, &mut parameters, &mut seen);
        parameters_of(&node.text, &mut parameters, &mut seen);
        out.push(ExchangeNode {
            id: node.id.clone(),
            parent: parent.map(str::to_string),
            kind: node.kind,
            number: node.number.clone(),
            label: node.label.clone(),
            heading: plain_segments(&node.heading),
            text: plain_segments(&node.text),
            parameters,
        });
        for child in &node.children {
            visit(child, Some(&node.id), out);
        }
    }
    let mut out = Vec::new();
    for node in &document.nodes {
        visit(node, None, &mut out);
    }
    out
}

/// Every article of a flat node list, in reading order, with its whole text.
///
/// Linear in the list: an article's provisions are the nodes after it down to the end of its
/// subtree or the next article (articles do not nest; a file that nests them anyway does not
/// make each article read the rest of the file again).
pub fn article_texts(nodes: &[ExchangeNode]) -> Vec<ArticleText> {
    let mut articles = Vec::new();
    for (index, node) in nodes.iter().enumerate() {
        if node.kind != NodeKind::Article {
            continue;
        }
        let mut lines = Vec::new();
        let mut parameters = Vec::new();
        let mut seen = HashSet::new();
        for p in &node.parameters {
            if seen.insert(p.as_str()) {
                parameters.push(p.clone());
            }
        }
        if !node.text.is_empty() {
            lines.push(node.text.clone());
        }
        // Descendants follow their article in reading order; collect until the subtree ends.
        let mut inside = vec![node.id.as_str()];
        for later in &nodes[index + 1..] {
            let Some(parent) = later.parent.as_deref() else {
                break;
            };
            if later.kind == NodeKind::Article {
                break;
            }
            // From the innermost out: a child usually follows its parent or a sibling.
            let Some(depth) = inside.iter().rposition(|id| *id == parent) else {
                break;
            };
            inside.truncate(depth + 1);
            inside.push(later.id.as_str());
            let line = match &later.label {
                Some(label) => format!("{label} {}", later.text),
                None => later.text.clone(),
            };
            lines.push(line);
            for p in &later.parameters {
                if seen.insert(p.as_str()) {
                    parameters.push(p.clone());
                }
            }
        }
        articles.push(ArticleText {
            node_id: node.id.clone(),
            label: node.label.clone(),
            heading: node.heading.clone(),
            text: lines.join("\n"),
            parameters,
        });
    }
    articles
}
