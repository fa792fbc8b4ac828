//! The agreement as a treaty office prints it: title page, contents with page numbers,
//! preamble, parts, chapters and articles as the template engine numbered them, and a
//! signature block with a column per party.
//!
//! Contract: the text is exactly ssa-core's rendered [`Document`]; unfilled placeholders and
//! broken references read as [`Segment::plain`] writes them (in grey, so they stand out on
//! paper), never blank. Parts and articles are in the outline and the contents.

use ssa_core::template::{Document, DocumentNode, NodeKind, Segment};

use crate::fonts::{FontFiles, FontSet, Style};
use crate::layout::{
    Align, Anchor, Block, Decorations, Mark, PageGeometry, Paragraph, Span, Table,
};
use crate::{produce, DocumentInfo, Output, PdfError};

/// Words the PDF prints around the agreement's own text, in the user's language.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementLabels {
    pub between: String,
    pub and: String,
    pub contents: String,
    /// The footer, with `{page}` and `{pages}`.
    pub page_of: String,
    pub place: String,
    pub date: String,
    pub signature: String,
    pub subject: String,
}

impl AgreementLabels {
    pub fn english() -> AgreementLabels {
        AgreementLabels {
            between: "between".into(),
            and: "and".into(),
            contents: "Contents".into(),
            page_of: "Page {page} of {pages}".into(),
            place: "Place".into(),
            date: "Date".into(),
            signature: "Signature".into(),
            subject: "Social security agreement".into(),
        }
    }
}

/// What the agreement PDF needs beside the rendered document.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementInput<'a> {
    pub document: &'a Document,
    /// The parties' names, own side first, as on the title page and the signature columns.
    pub parties: Vec<String>,
    /// The running header's status, e.g. "DRAFT - Round 3 - 23 November 2026".
    pub status: String,
    /// The date printed on the title page, already written in the user's language.
    pub date: String,
    /// A diagonal word across every page ("DRAFT"), if any.
    pub watermark: Option<String>,
    pub language: String,
    pub created_unix: i64,
    pub labels: AgreementLabels,
    /// For an initialled version: its fingerprint and the delegations' signatures, printed
    /// after the signature block.
    pub seal: Option<InitialledSeal>,
}

/// What the initialled PDF prints of the initialling: the text's fingerprint and, for each
/// delegation, the key it signed with and its signature (or that it is not received yet). The
/// words are the caller's, in the agreement's language.
#[derive(Debug, Clone, PartialEq)]
pub struct InitialledSeal {
    pub heading: String,
    /// "Fingerprint of the initialled text (SHA-256)".
    pub fingerprint_label: String,
    /// 64 hexadecimal digits.
    pub fingerprint: String,
    pub signatures: Vec<SealSignature>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SealSignature {
    /// "Delegation of the Republic of Aurelia".
    pub delegation: String,
    /// "Signing key 3F2A 9C01 …" and "Signature" lines, or the one line "not yet received".
    pub lines: Vec<String>,
}

const BODY: f32 = 11.0;
const STEP: f32 = 24.0;

pub fn agreement_pdf(input: &AgreementInput<'_>, files: FontFiles<'_>) -> Result<Output, PdfError> {
    let mut fonts = FontSet::new(files)?;
    let title = ssa_core::template::document::plain(&input.document.title);
    let blocks = agreement_blocks(input);
    let decorations = Decorations {
        header_left: title.clone(),
        header_right: input.status.clone(),
        footer: input.labels.page_of.clone(),
        watermark: input.watermark.clone(),
        plain_first_page: true,
    };
    let info = DocumentInfo {
        title,
        subject: input.labels.subject.clone(),
        language: input.language.clone(),
        created_unix: input.created_unix,
    };
    produce(&mut fonts, &blocks, PageGeometry::a4(), &decorations, &info)
}

/// The segments as spans: placeholders still to fill in grey italics.
pub(crate) fn spans_of(segments: &[Segment], style: Style) -> Vec<Span> {
    segments
        .iter()
        .map(|segment| match segment {
            Segment::Unfilled { .. } | Segment::BrokenReference { .. } => {
                Span::marked(segment.printed(), Style::Italic, Mark::Muted)
            }
            _ => Span::new(segment.plain(), style),
        })
        .collect()
}

fn centred(spans: Vec<Span>, size: f32) -> Paragraph {
    let mut p = Paragraph::new(spans, size);
    p.align = Align::Center;
    p
}

/// The blocks of the whole agreement, in reading order.
pub fn agreement_blocks(input: &AgreementInput<'_>) -> Vec<Block> {
    let document = input.document;
    let labels = &input.labels;
    let mut blocks = Vec::new();

    // Title page.
    blocks.push(Block::Space(150.0));
    let mut title = centred(spans_of(&document.title, Style::Bold), 20.0);
    title.leading = 1.25;
    title.space_after = 28.0;
    blocks.push(Block::Paragraph(title));
    for (i, party) in input.parties.iter().enumerate() {
        let word = if i == 0 { &labels.between } else { &labels.and };
        let mut joiner = centred(vec![Span::new(word.clone(), Style::Italic)], 12.0);
        joiner.space_after = 10.0;
        blocks.push(Block::Paragraph(joiner));
        let mut name = centred(vec![Span::new(party.clone(), Style::Bold)], 15.0);
        name.space_after = 10.0;
        blocks.push(Block::Paragraph(name));
    }
    blocks.push(Block::Space(60.0));
    let mut status = centred(vec![Span::plain(input.status.clone())], 11.0);
    status.space_after = 4.0;
    blocks.push(Block::Paragraph(status));
    blocks.push(Block::Paragraph(centred(
        vec![Span::new(input.date.clone(), Style::Italic)],
        11.0,
    )));
    blocks.push(Block::PageBreak);

    // Contents: parts and articles with their pages.
    let mut heading = centred(vec![Span::new(labels.contents.clone(), Style::Bold)], 14.0);
    heading.space_after = 16.0;
    blocks.push(Block::Paragraph(heading));
    for node in document.walk() {
        let Some(entry) = outline_entry(document, node) else {
            continue;
        };
        let (style, indent, before) = if entry.level == 0 {
            (Style::Bold, 0.0, 6.0)
        } else {
            (Style::Regular, 18.0, 0.0)
        };
        let mut line = Paragraph::new(vec![Span::new(entry.title.clone(), style)], 10.5);
        line.align = Align::Left;
        line.indent = indent;
        line.space_before = before;
        line.space_after = 1.0;
        line.page_ref = Some(entry.key.clone());
        blocks.push(Block::Paragraph(line));
    }
    blocks.push(Block::PageBreak);

    for node in &document.nodes {
        node_blocks(document, node, input, 0.0, &mut blocks);
    }
    if let Some(seal) = &input.seal {
        seal_blocks(seal, &mut blocks);
    }
    blocks
}

/// Long hexadecimal strings in groups of `width` so that lines can break between them.
fn grouped(hex: &str, width: usize) -> String {
    hex.as_bytes()
        .chunks(width)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

fn seal_blocks(seal: &InitialledSeal, blocks: &mut Vec<Block>) {
    let mut heading = Paragraph::new(vec![Span::new(seal.heading.clone(), Style::Bold)], BODY);
    heading.space_before = 24.0;
    heading.space_after = 6.0;
    heading.keep_with_next = true;
    blocks.push(Block::Paragraph(heading));
    let mut fingerprint = Paragraph::new(
        vec![
            Span::new(format!("{}: ", seal.fingerprint_label), Style::Italic),
            Span::plain(grouped(&seal.fingerprint, 16)),
        ],
        9.0,
    );
    fingerprint.space_after = 8.0;
    blocks.push(Block::Paragraph(fingerprint));
    for signature in &seal.signatures {
        let mut who = Paragraph::new(
            vec![Span::new(signature.delegation.clone(), Style::Bold)],
            9.5,
        );
        who.keep_with_next = true;
        who.space_after = 1.0;
        blocks.push(Block::Paragraph(who));
        for line in &signature.lines {
            let mut p = Paragraph::new(vec![Span::plain(line.clone())], 8.5);
            p.indent = STEP / 2.0;
            p.space_after = 1.0;
            blocks.push(Block::Paragraph(p));
        }
        blocks.push(Block::Space(6.0));
    }
}

/// A signature's 128 hexadecimal digits for print: groups of 16, in two lines' worth.
pub fn printable_signature(hex: &str) -> String {
    grouped(hex, 16)
}

/// Parts and articles go into the outline and the contents; an article is nested under the
/// part it is in.
fn outline_entry(document: &Document, node: &DocumentNode) -> Option<Anchor> {
    let title = |node: &DocumentNode| {
        let label = node.label.clone().unwrap_or_default();
        let heading = ssa_core::template::document::plain(&node.heading);
        if heading.is_empty() {
            label
        } else if label.is_empty() {
            heading
        } else {
            format!("{label} – {heading}")
        }
    };
    match node.kind {
        NodeKind::Part | NodeKind::Annex => Some(Anchor {
            key: node.id.clone(),
            title: title(node),
            level: 0,
        }),
        NodeKind::Article => {
            let in_part = document
                .nodes
                .iter()
                .any(|top| top.kind == NodeKind::Part && contains(top, &node.id));
            Some(Anchor {
                key: node.id.clone(),
                title: title(node),
                level: u8::from(in_part),
            })
        }
        _ => None,
    }
}

fn contains(node: &DocumentNode, id: &str) -> bool {
    node.children.iter().any(|c| c.id == id || contains(c, id))
}

fn body(segments: &[Segment], indent: f32) -> Paragraph {
    let mut p = Paragraph::new(spans_of(segments, Style::Regular), BODY);
    p.indent = indent;
    p.space_after = 6.0;
    p
}

fn node_blocks(
    document: &Document,
    node: &DocumentNode,
    input: &AgreementInput<'_>,
    indent: f32,
    blocks: &mut Vec<Block>,
) {
    match node.kind {
        NodeKind::Part | NodeKind::Chapter | NodeKind::Section => {
            let (size, before) = match node.kind {
                NodeKind::Part => (12.5, 22.0),
                NodeKind::Chapter => (12.0, 16.0),
                _ => (11.5, 12.0),
            };
            let label = node.label.clone().unwrap_or_default().to_uppercase();
            let mut label_p = centred(vec![Span::new(label, Style::Bold)], size);
            label_p.space_before = before;
            label_p.space_after = 2.0;
            label_p.keep_with_next = true;
            label_p.anchor = outline_entry(document, node);
            blocks.push(Block::Paragraph(label_p));
            if !node.heading.is_empty() {
                let mut heading = centred(spans_of(&node.heading, Style::Bold), size);
                heading.space_after = 10.0;
                heading.keep_with_next = true;
                blocks.push(Block::Paragraph(heading));
            }
            if !node.text.is_empty() {
                blocks.push(Block::Paragraph(body(&node.text, 0.0)));
            }
            for child in &node.children {
                node_blocks(document, child, input, 0.0, blocks);
            }
        }
        NodeKind::Article => {
            let label = node.label.clone().unwrap_or_default();
            let mut label_p = centred(vec![Span::new(label, Style::Bold)], BODY);
            label_p.space_before = 14.0;
            label_p.space_after = 1.0;
            label_p.keep_with_next = true;
            label_p.anchor = outline_entry(document, node);
            blocks.push(Block::Paragraph(label_p));
            if !node.heading.is_empty() {
                let mut heading = centred(spans_of(&node.heading, Style::Italic), BODY);
                heading.space_after = 7.0;
                heading.keep_with_next = true;
                blocks.push(Block::Paragraph(heading));
            }
            if !node.text.is_empty() {
                let mut text = body(&node.text, 0.0);
                // An article's own text that introduces a list stays with the list.
                text.keep_with_next = !node.children.is_empty();
                blocks.push(Block::Paragraph(text));
            }
            for child in &node.children {
                node_blocks(document, child, input, 0.0, blocks);
            }
        }
        NodeKind::Paragraph | NodeKind::Item => {
            let mut p = body(&node.text, indent + STEP);
            if let Some(label) = &node.label {
                p.label = Some(Span::plain(label.clone()));
                p.hang = STEP;
            }
            if node.kind == NodeKind::Item {
                p.space_after = 4.0;
            }
            blocks.push(Block::Paragraph(p));
            for child in &node.children {
                node_blocks(document, child, input, indent + STEP, blocks);
            }
        }
        NodeKind::Preamble => {
            if !node.heading.is_empty() {
                let mut heading = centred(spans_of(&node.heading, Style::Bold), 12.0);
                heading.keep_with_next = true;
                blocks.push(Block::Paragraph(heading));
            }
            if !node.text.is_empty() {
                let mut text = body(&node.text, 0.0);
                text.keep_with_next = true;
                blocks.push(Block::Paragraph(text));
            }
            for child in &node.children {
                // Recitals are set as their own paragraphs, without a hanging label.
                let mut p = body(&child.text, 0.0);
                p.label = child.label.clone().map(Span::plain);
                blocks.push(Block::Paragraph(p));
                for grandchild in &child.children {
                    node_blocks(document, grandchild, input, STEP, blocks);
                }
            }
            blocks.push(Block::Space(10.0));
        }
        NodeKind::Signature => signature_blocks(node, input, blocks),
        NodeKind::Annex => {
            // A separate instrument (a Final Protocol): its name, centred, is its title.
            let mut title = centred(spans_of(&node.heading, Style::Bold), 12.5);
            title.space_before = 26.0;
            title.space_after = 10.0;
            title.keep_with_next = true;
            title.anchor = outline_entry(document, node);
            blocks.push(Block::Paragraph(title));
            if !node.text.is_empty() {
                blocks.push(Block::Paragraph(body(&node.text, 0.0)));
            }
            for child in &node.children {
                node_blocks(document, child, input, 0.0, blocks);
            }
        }
    }
}

/// The final formula and one column per party. The template's signature node ends with one
/// paragraph per party ("For the … : signatory"); those become the columns, each with lines
/// for the signature, place and date. A template with fewer such paragraphs than parties gets
/// a column per party with the party's name.
fn signature_blocks(node: &DocumentNode, input: &AgreementInput<'_>, blocks: &mut Vec<Block>) {
    let labels = &input.labels;
    let parties = input.parties.len().max(1);
    let (formula, columns) = if node.children.len() >= parties {
        node.children.split_at(node.children.len() - parties)
    } else {
        (&node.children[..], &[][..])
    };
    if !node.text.is_empty() {
        let mut text = body(&node.text, 0.0);
        text.space_before = 18.0;
        text.keep_with_next = true;
        blocks.push(Block::Paragraph(text));
    }
    for paragraph in formula {
        let mut p = body(&paragraph.text, 0.0);
        p.keep_with_next = true;
        blocks.push(Block::Paragraph(p));
    }
    let heads: Vec<Vec<Span>> = if columns.is_empty() {
        input
            .parties
            .iter()
            .map(|p| vec![Span::new(p.clone(), Style::Bold)])
            .collect()
    } else {
        columns
            .iter()
            .map(|c| spans_of(&c.text, Style::Regular))
            .collect()
    };
    let cell = |head: Vec<Span>| -> Vec<Span> {
        let mut spans = head;
        spans.push(Span::plain(format!(
            "\n\n\n______________________________\n{}\n\n{}: ____________________\n{}: ____________________",
            labels.signature, labels.place, labels.date
        )));
        spans
    };
    blocks.push(Block::Table(Table {
        columns: vec![1.0; heads.len()],
        header: None,
        rows: vec![heads.into_iter().map(cell).collect()],
        size: 10.5,
        borders: false,
        space_before: 16.0,
        space_after: 0.0,
    }));
}
