//! Small hand-built documents for unit tests of what consumes a [`Document`].

use crate::template::{
    Confidence, Document, DocumentNode, NodeKind, Provenance, Segment, SourceStatus, Wording,
};

pub fn text(text: &str) -> Vec<Segment> {
    vec![Segment::Text { text: text.into() }]
}

pub fn node(id: &str, kind: NodeKind, label: Option<&str>, body: Vec<Segment>) -> DocumentNode {
    DocumentNode {
        id: id.into(),
        kind,
        number: None,
        label: label.map(Into::into),
        citation: label.map(Into::into),
        added: false,
        heading: vec![],
        text: body,
        wording: Wording::Model,
        differs_from_model: false,
        provenance: Provenance {
            status: SourceStatus::Inferred,
            confidence: Confidence::Low,
            sources: vec![],
            note: String::new(),
        },
        guidance: None,
        children: vec![],
    }
}

/// An article numbered `number` with the given text.
pub fn article(id: &str, number: u32, body: &str) -> DocumentNode {
    node(
        id,
        NodeKind::Article,
        Some(&format!("Article {number}")),
        text(body),
    )
}

pub fn document(title: &str, nodes: Vec<DocumentNode>) -> Document {
    Document {
        template_id: "t".into(),
        template_version: "1".into(),
        title: text(title),
        nodes,
        omitted: vec![],
    }
}
