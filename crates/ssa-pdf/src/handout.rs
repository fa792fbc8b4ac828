//! Workshop handouts: the general brief, a team's confidential brief, the facilitator's guide
//! and the debrief report. One typesetting for all four: a title, a line under it, then
//! sections of headed paragraphs, bullet lists and tables, with a running header that says
//! what the paper is ("CONFIDENTIAL — TEAM A") and, where given, a watermark on every page.
//!
//! Contract: the caller (ssa-api) chooses and translates every word; paragraphs split on blank
//! lines; a table row with fewer cells than columns leaves the last ones empty.

use crate::fonts::{FontFiles, Style};
use crate::layout::{Align, Anchor, Block, Decorations, PageGeometry, Paragraph, Span, Table};
use crate::{produce, DocumentInfo, FontSet, Output, PdfError};

#[derive(Debug, Clone, PartialEq)]
pub enum HandoutBlock {
    /// A section heading, in the PDF's outline.
    Heading(String),
    /// Text; a blank line starts a new paragraph.
    Text(String),
    /// Text in italics (a note, a question to think about).
    Note(String),
    /// A label in bold and its text ("Red line: never more than 24 months").
    Labelled {
        label: String,
        text: String,
    },
    Bullets(Vec<String>),
    Table {
        /// Relative widths.
        columns: Vec<f32>,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct HandoutInput {
    pub title: String,
    /// The line under the title: the workshop, its date.
    pub subtitle: String,
    pub header_left: String,
    /// What the paper is, on every page ("CONFIDENTIAL — TEAM A", "FACILITATOR").
    pub header_right: String,
    pub watermark: Option<String>,
    /// With `{page}` and `{pages}`.
    pub page_of: String,
    pub subject: String,
    pub language: String,
    pub created_unix: i64,
    pub landscape: bool,
    pub blocks: Vec<HandoutBlock>,
}

pub fn handout_pdf(input: &HandoutInput, files: FontFiles<'_>) -> Result<Output, PdfError> {
    let mut fonts = FontSet::new(files)?;
    let decorations = Decorations {
        header_left: input.header_left.clone(),
        header_right: input.header_right.clone(),
        footer: input.page_of.clone(),
        watermark: input.watermark.clone(),
        plain_first_page: false,
    };
    let info = DocumentInfo {
        title: input.title.clone(),
        subject: input.subject.clone(),
        language: input.language.clone(),
        created_unix: input.created_unix,
    };
    let geometry = if input.landscape {
        PageGeometry::a4_landscape()
    } else {
        PageGeometry::a4()
    };
    produce(
        &mut fonts,
        &handout_blocks(input),
        geometry,
        &decorations,
        &info,
    )
}

fn paragraph(spans: Vec<Span>, size: f32, after: f32) -> Paragraph {
    let mut p = Paragraph::new(spans, size);
    p.align = Align::Left;
    p.space_after = after;
    p
}

pub fn handout_blocks(input: &HandoutInput) -> Vec<Block> {
    let mut blocks = Vec::new();
    blocks.push(Block::Paragraph(paragraph(
        vec![Span::new(input.title.clone(), Style::Bold)],
        16.0,
        3.0,
    )));
    blocks.push(Block::Paragraph(paragraph(
        vec![Span::new(input.subtitle.clone(), Style::Italic)],
        11.0,
        8.0,
    )));
    for (index, block) in input.blocks.iter().enumerate() {
        match block {
            HandoutBlock::Heading(text) => {
                let mut p = paragraph(vec![Span::new(text.clone(), Style::Bold)], 12.5, 5.0);
                p.space_before = 12.0;
                p.keep_with_next = true;
                p.anchor = Some(Anchor {
                    key: format!("section-{index}"),
                    title: text.clone(),
                    level: 0,
                });
                blocks.push(Block::Paragraph(p));
            }
            HandoutBlock::Text(text) | HandoutBlock::Note(text) => {
                let style = if matches!(block, HandoutBlock::Note(_)) {
                    Style::Italic
                } else {
                    Style::Regular
                };
                for part in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
                    let mut p =
                        paragraph(vec![Span::new(part.replace('\n', " "), style)], 10.5, 6.0);
                    p.align = Align::Justify;
                    blocks.push(Block::Paragraph(p));
                }
            }
            HandoutBlock::Labelled { label, text } => {
                // A label without text is a small heading of its own ("Article 8 — Posted
                // workers" above its bullets).
                let spans = if text.is_empty() {
                    vec![Span::new(label.clone(), Style::Bold)]
                } else {
                    vec![
                        Span::new(format!("{label}: "), Style::Bold),
                        Span::plain(text.clone()),
                    ]
                };
                let mut p = paragraph(spans, 10.5, 4.0);
                p.keep_with_next = text.is_empty();
                blocks.push(Block::Paragraph(p));
            }
            HandoutBlock::Bullets(items) => {
                for item in items {
                    let mut p = paragraph(vec![Span::plain(item.clone())], 10.5, 3.0);
                    p.indent = 14.0;
                    p.hang = 10.0;
                    p.label = Some(Span::plain("•"));
                    blocks.push(Block::Paragraph(p));
                }
                blocks.push(Block::Space(4.0));
            }
            HandoutBlock::Table {
                columns,
                header,
                rows,
            } => {
                let cells = |row: &[String], style: Style| -> Vec<Vec<Span>> {
                    (0..columns.len())
                        .map(|i| vec![Span::new(row.get(i).cloned().unwrap_or_default(), style)])
                        .collect()
                };
                blocks.push(Block::Table(Table {
                    columns: columns.clone(),
                    header: Some(cells(header, Style::Bold)),
                    rows: rows.iter().map(|r| cells(r, Style::Regular)).collect(),
                    size: 9.0,
                    borders: true,
                    space_before: 2.0,
                    space_after: 8.0,
                }));
            }
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_confidential_brief_says_so_on_every_page() {
        let input = HandoutInput {
            title: "Brief".into(),
            subtitle: "Workshop".into(),
            header_left: "Scenario".into(),
            header_right: "CONFIDENTIAL — TEAM A".into(),
            watermark: None,
            page_of: "Page {page} of {pages}".into(),
            subject: "Team brief".into(),
            language: "en".into(),
            created_unix: 0,
            landscape: false,
            blocks: (0..40)
                .map(|i| HandoutBlock::Text(format!("Paragraph {i}. {}", "word ".repeat(80))))
                .chain([HandoutBlock::Table {
                    columns: vec![1.0, 2.0],
                    header: vec!["A".into(), "B".into()],
                    rows: vec![vec!["only one cell".into()]],
                }])
                .collect(),
        };
        let output = handout_pdf(&input, FontFiles::shipped()).unwrap();
        assert!(output.typeset.pages.len() > 2);
        for page in &output.typeset.pages {
            let header: String = page
                .runs
                .iter()
                .filter(|run| run.role == crate::layout::Role::Header)
                .map(|run| run.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            assert!(header.contains("CONFIDENTIAL"), "{header}");
        }
        assert!(output.pdf.starts_with(b"%PDF"));
    }
}
