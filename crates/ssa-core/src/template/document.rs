//! A rendered agreement: a numbered tree whose text is a list of typed segments.
//!
//! The same value feeds the UI preview, the PDF typesetter, the exchange file and the diff, so
//! it keeps what each of them needs: numbers and labels already computed, every placeholder
//! either filled or marked [`Segment::Unfilled`], references already written out, and for each
//! node whether its wording is the model's. [`Document::to_plain_text`] is the reference
//! plain-text form (golden files, clipboard, a quick look).

use serde::Serialize;

use super::format::{NodeKind, Provenance};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Document {
    pub template_id: String,
    pub template_version: String,
    pub title: Vec<Segment>,
    pub nodes: Vec<DocumentNode>,
    /// The highest nodes the draft leaves out, each with the reason, so a UI can offer them.
    pub omitted: Vec<OmittedNode>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DocumentNode {
    /// The template node's stable id.
    pub id: String,
    pub kind: NodeKind,
    /// The bare number ("III", "12", "3", "a"); absent for unnumbered nodes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The number as printed ("Part III", "Article 12", "3.", "(a)").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// How a person cites it and the command line prints it ("Article 12(3)(a)", "Final
    /// Protocol(2)"); absent for the preamble and the signature block.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    /// True for a provision this draft adds (the model does not have it).
    pub added: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub heading: Vec<Segment>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub text: Vec<Segment>,
    pub wording: Wording,
    /// True when the wording is not the template's default: custom text or another alternative.
    pub differs_from_model: bool,
    /// The node's own provenance, or the one it inherits.
    pub provenance: Provenance,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<DocumentNode>,
}

/// Where a node's wording comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum Wording {
    /// The template's `text`.
    Model,
    /// One of the template's alternative wordings.
    Alternative {
        id: String,
        /// Its name, for people ("Pro-rata apportionment").
        label: String,
        is_default: bool,
    },
    /// Free wording from the draft.
    Custom,
}

/// A run of text. Plain text concatenates `text` fields and marks the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Segment {
    Text {
        text: String,
    },
    /// A placeholder filled from the draft or from the parameter's default.
    Value {
        parameter: String,
        text: String,
    },
    /// A placeholder with no value yet; never rendered blank.
    Unfilled {
        parameter: String,
        label: String,
    },
    /// A cross-reference written from the target's current number.
    Reference {
        target: String,
        text: String,
    },
    /// A cross-reference whose target is not in this document.
    BrokenReference {
        target: String,
        reason: BrokenReason,
    },
    /// A use of a defined term.
    Term {
        key: String,
        text: String,
        /// The wording written in the token (`{{term:key|display}}`), when it is not the defined
        /// term itself; kept so that the editor writes the token back exactly.
        #[serde(skip_serializing_if = "Option::is_none")]
        display: Option<String>,
        /// Id of the node that defines it, when that node is in the document.
        #[serde(skip_serializing_if = "Option::is_none")]
        defined_in: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum BrokenReason {
    /// No node has this id.
    Missing,
    /// The node exists but this draft leaves it out.
    Omitted,
    /// The node exists but cannot be referred to (preamble, signature block).
    NotNumbered,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OmittedNode {
    pub id: String,
    pub reason: OmissionReason,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OmissionReason {
    /// An optional node left out.
    Excluded,
    /// A provision the model requires, deleted by this draft (a departure from the model).
    Deleted,
    /// A condition that does not hold in this draft.
    Condition { when: String },
}

impl Segment {
    /// The segment as it reads in plain text; placeholders and broken references are marked.
    pub fn plain(&self) -> String {
        match self {
            Segment::Text { text }
            | Segment::Value { text, .. }
            | Segment::Reference { text, .. }
            | Segment::Term { text, .. } => text.clone(),
            Segment::Unfilled { label, .. } => format!("[{label}: not filled]"),
            Segment::BrokenReference { target, reason } => match reason {
                BrokenReason::Missing => format!("[reference to {target}: no such provision]"),
                BrokenReason::Omitted => format!("[reference to {target}: not in this draft]"),
                BrokenReason::NotNumbered => format!("[reference to {target}: not numbered]"),
            },
        }
    }
}

impl Segment {
    /// The segment as it prints on paper: like [`Segment::plain`], but an open particular is the
    /// bracketed blank negotiators use for text not yet agreed ("[posting duration]").
    /// (`plain` keeps "[…: not filled]": it is the canonical text initialled versions are
    /// fingerprinted on, which must never change.)
    pub fn printed(&self) -> String {
        match self {
            Segment::Unfilled { label, .. } => format!("[{label}]"),
            other => other.plain(),
        }
    }
}

/// Joins segments as they print on paper (see [`Segment::printed`]).
pub fn printed(segments: &[Segment]) -> String {
    segments.iter().map(Segment::printed).collect()
}

/// Joins segments into plain text.
pub fn plain(segments: &[Segment]) -> String {
    segments.iter().map(Segment::plain).collect()
}

impl Document {
    /// The agreement as numbered plain text, one block per node, blank lines between blocks.
    pub fn to_plain_text(&self) -> String {
        let mut out = String::new();
        out.push_str(&plain(&self.title));
        out.push('\n');
        for node in &self.nodes {
            write_node(&mut out, node, 0);
        }
        out
    }

    /// Depth-first walk over every node of the document.
    pub fn walk(&self) -> impl Iterator<Item = &DocumentNode> {
        let mut stack: Vec<&DocumentNode> = self.nodes.iter().rev().collect();
        std::iter::from_fn(move || {
            let node = stack.pop()?;
            stack.extend(node.children.iter().rev());
            Some(node)
        })
    }

    pub fn find(&self, id: &str) -> Option<&DocumentNode> {
        self.walk().find(|node| node.id == id)
    }
}

/// A blank line, then `block` on a line of its own; nothing for an empty block.
fn push_block(out: &mut String, block: &str) {
    if !block.is_empty() {
        out.push('\n');
        out.push_str(block);
        out.push('\n');
    }
}

fn write_node(out: &mut String, node: &DocumentNode, indent: usize) {
    let heading = plain(&node.heading);
    let text = plain(&node.text);
    let pad = " ".repeat(indent);
    match node.kind {
        NodeKind::Part | NodeKind::Chapter | NodeKind::Section | NodeKind::Article => {
            out.push('\n');
            out.push_str(node.label.as_deref().unwrap_or_default());
            out.push('\n');
            if !heading.is_empty() {
                out.push_str(&heading);
                out.push('\n');
            }
            push_block(out, &text);
        }
        NodeKind::Preamble | NodeKind::Signature | NodeKind::Annex => {
            push_block(out, &heading);
            push_block(out, &text);
        }
        NodeKind::Paragraph | NodeKind::Item => {
            out.push('\n');
            out.push_str(&pad);
            if let Some(label) = &node.label {
                out.push_str(label);
                out.push(' ');
            }
            out.push_str(&text);
            out.push('\n');
        }
    }
    let child_indent = match node.kind {
        NodeKind::Item => indent + 4,
        NodeKind::Paragraph => indent + 4,
        _ => indent,
    };
    for child in &node.children {
        let indent = if child.kind == NodeKind::Item && node.kind == NodeKind::Article {
            4
        } else {
            child_indent
        };
        write_node(out, child, indent);
    }
}
