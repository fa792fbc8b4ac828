//! The negotiation brief: for one round, each article's position on our side, on theirs, the
//! text now on the table and where it stands; the internal variant adds the mandate column.
//!
//! Contract: the mandate column is printed only when [`BriefInput::internal`] is set (a brief
//! handed to the other party must never carry it), whatever the rows contain. Landscape A4, the
//! header row repeated on every page.

use crate::fonts::{FontFiles, FontSet, Style};
use crate::layout::{Align, Block, Decorations, PageGeometry, Paragraph, Span, Table};
use crate::{produce, DocumentInfo, Output, PdfError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefRow {
    pub article: String,
    pub heading: String,
    pub ours: String,
    pub theirs: String,
    pub on_the_table: String,
    pub status: String,
    pub mandate: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefLabels {
    pub article: String,
    pub ours: String,
    pub theirs: String,
    pub on_the_table: String,
    pub status: String,
    pub mandate: String,
    pub internal_notice: String,
    pub page_of: String,
    pub subject: String,
}

impl BriefLabels {
    pub fn english() -> BriefLabels {
        BriefLabels {
            article: "Article".into(),
            ours: "Our position".into(),
            theirs: "Their position".into(),
            on_the_table: "On the table".into(),
            status: "Status".into(),
            mandate: "Mandate".into(),
            internal_notice: "Internal: contains the negotiating mandate. Not for the other party."
                .into(),
            page_of: "Page {page} of {pages}".into(),
            subject: "Negotiation brief".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefInput {
    pub title: String,
    /// E.g. "Round 3 – Ottawa, 23–25 November 2026".
    pub round: String,
    pub status: String,
    /// Under the title, after the round: when the brief was printed ("as of 24 November 2026").
    pub date: String,
    pub internal: bool,
    pub rows: Vec<BriefRow>,
    pub watermark: Option<String>,
    pub language: String,
    pub created_unix: i64,
    pub labels: BriefLabels,
    /// The benefit simulation, appended after the table when the team asks for it.
    pub simulation: Option<crate::simulation::SimulationInput>,
}

pub fn brief_pdf(input: &BriefInput, files: FontFiles<'_>) -> Result<Output, PdfError> {
    let mut fonts = FontSet::new(files)?;
    let decorations = Decorations {
        header_left: format!("{} – {}", input.title, input.round),
        header_right: input.status.clone(),
        footer: input.labels.page_of.clone(),
        watermark: input.watermark.clone(),
        plain_first_page: false,
    };
    let info = DocumentInfo {
        title: format!("{} – {}", input.labels.subject, input.round),
        subject: input.labels.subject.clone(),
        language: input.language.clone(),
        created_unix: input.created_unix,
    };
    produce(
        &mut fonts,
        &brief_blocks(input),
        PageGeometry::a4_landscape(),
        &decorations,
        &info,
    )
}

pub fn brief_blocks(input: &BriefInput) -> Vec<Block> {
    let labels = &input.labels;
    let mut blocks = Vec::new();
    let mut title = Paragraph::new(
        vec![Span::new(
            format!("{} – {}", labels.subject, input.title),
            Style::Bold,
        )],
        15.0,
    );
    title.align = Align::Left;
    title.space_after = 3.0;
    blocks.push(Block::Paragraph(title));
    let mut round = Paragraph::new(
        vec![Span::new(
            format!("{} · {}", input.round, input.date),
            Style::Italic,
        )],
        11.0,
    );
    round.align = Align::Left;
    round.space_after = 8.0;
    blocks.push(Block::Paragraph(round));
    if input.internal {
        let mut notice = Paragraph::new(
            vec![Span::new(labels.internal_notice.clone(), Style::Bold)],
            10.0,
        );
        notice.align = Align::Left;
        blocks.push(Block::Paragraph(notice));
    }
    let mut header = vec![
        vec![Span::new(labels.article.clone(), Style::Bold)],
        vec![Span::new(labels.ours.clone(), Style::Bold)],
        vec![Span::new(labels.theirs.clone(), Style::Bold)],
        vec![Span::new(labels.on_the_table.clone(), Style::Bold)],
        vec![Span::new(labels.status.clone(), Style::Bold)],
    ];
    let mut columns = vec![1.1, 3.0, 2.3, 2.3, 1.0];
    if input.internal {
        header.push(vec![Span::new(labels.mandate.clone(), Style::Bold)]);
        columns = vec![1.0, 2.6, 1.9, 1.9, 0.9, 2.2];
    }
    let rows = input
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![
                vec![
                    Span::new(row.article.clone(), Style::Bold),
                    Span::plain(format!("\n{}", row.heading)),
                ],
                vec![Span::plain(row.ours.clone())],
                vec![Span::plain(row.theirs.clone())],
                vec![Span::plain(row.on_the_table.clone())],
                vec![Span::new(row.status.clone(), Style::Italic)],
            ];
            if input.internal {
                cells.push(vec![Span::plain(row.mandate.clone().unwrap_or_default())]);
            }
            cells
        })
        .collect();
    blocks.push(Block::Table(Table {
        columns,
        header: Some(header),
        rows,
        size: 9.5,
        borders: true,
        space_before: 6.0,
        space_after: 0.0,
    }));
    if let Some(simulation) = &input.simulation {
        blocks.extend(crate::simulation::simulation_blocks(simulation, true));
    }
    blocks
}
