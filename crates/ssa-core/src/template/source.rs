//! Line numbers of a parsed template file, so that every problem can say where to look.
//!
//! Lines are recorded by position (the n-th `[[node]]`, the n-th `[[parameter]]`) rather than
//! by id, because a file with two nodes of the same id must still point at both.

use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// Where the parts of one `[[node]]` table start in the file (1-based lines).
#[derive(Debug, Clone, Default)]
pub struct NodeLines {
    /// The node's `id = …` line, or the table header when the id is missing.
    pub node: usize,
    pub text: Option<usize>,
    pub heading: Option<usize>,
    pub when: Option<usize>,
    /// One per alternative, in order: the line of its `text`.
    pub alternatives: Vec<usize>,
}

/// Line information for a whole template file. Empty for templates built in code.
///
/// Equality ignores it on purpose: a template read back from its own export is the same
/// template even though its lines moved.
#[derive(Debug, Clone, Default)]
pub struct SourceLines {
    pub nodes: Vec<NodeLines>,
    pub parameters: Vec<usize>,
}

impl PartialEq for SourceLines {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl SourceLines {
    /// Reads line positions from a file that is already known to parse.
    pub(crate) fn scan(text: &str) -> SourceLines {
        let Ok(root) = DeTable::parse(text) else {
            return SourceLines::default();
        };
        let lines = LineIndex::new(text);
        let root = root.get_ref();
        let tables = |key: &str| -> Vec<&Spanned<DeValue<'_>>> {
            match root.get(key).map(|value| value.get_ref()) {
                Some(DeValue::Array(items)) => items.iter().collect(),
                _ => Vec::new(),
            }
        };
        let nodes = tables("node")
            .into_iter()
            .map(|node| {
                let at = |key: &str| node.get_ref().get(key).map(|v| lines.line(v.span().start));
                let alternatives = match node.get_ref().get("alternatives").map(|v| v.get_ref()) {
                    Some(DeValue::Array(items)) => items
                        .iter()
                        .map(|alt| {
                            let span = alt.get_ref().get("text").unwrap_or(alt).span();
                            lines.line(span.start)
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                NodeLines {
                    node: at("id").unwrap_or_else(|| lines.line(node.span().start)),
                    text: at("text"),
                    heading: at("heading"),
                    when: at("when"),
                    alternatives,
                }
            })
            .collect();
        let parameters = tables("parameter")
            .into_iter()
            .map(|parameter| {
                let span = parameter.get_ref().get("name").unwrap_or(parameter).span();
                lines.line(span.start)
            })
            .collect();
        SourceLines { nodes, parameters }
    }

    pub fn node(&self, index: usize) -> Option<&NodeLines> {
        self.nodes.get(index)
    }

    pub fn parameter(&self, index: usize) -> Option<usize> {
        self.parameters.get(index).copied()
    }
}

/// Byte offset to 1-based line number.
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        LineIndex { starts }
    }

    pub(crate) fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }
}
