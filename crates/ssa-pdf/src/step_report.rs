//! The step report: for each step of the eight-step process, its checklist (done or not, who,
//! when, a note) and the gate decisions taken; then a comparison table of the two parties'
//! schemes (the feasibility study's rows).
//!
//! Contract: every checklist item is printed with an explicit done/open word (not a symbol
//! alone), so the report reads the same on a greyscale printer and to a screen reader.

use crate::fonts::{FontFiles, FontSet, Style};
use crate::layout::{Align, Anchor, Block, Decorations, PageGeometry, Paragraph, Span, Table};
use crate::{produce, DocumentInfo, Output, PdfError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistItem {
    pub text: String,
    pub done: bool,
    pub who: String,
    pub when: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GateDecision {
    /// The gate's question.
    pub gate: String,
    pub decision: String,
    pub date: String,
    /// The rationale.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepSection {
    /// E.g. "Step 2 – Feasibility study".
    pub title: String,
    /// A line under the title: the step's status and progress, why it was skipped.
    pub summary: String,
    pub items: Vec<ChecklistItem>,
    pub gates: Vec<GateDecision>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComparisonRow {
    pub topic: String,
    /// One cell per column after the topic; a "\n" starts a new line in the cell.
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub title: String,
    /// The columns after the topic: one per party, and whatever else the caller compares
    /// (e.g. the team's decision). A row with fewer values leaves the last cells empty.
    pub columns: Vec<String>,
    pub rows: Vec<ComparisonRow>,
    /// Printed under the table (e.g. where the figures come from).
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepReportLabels {
    pub checklist: String,
    pub item: String,
    pub done: String,
    pub open: String,
    pub who: String,
    pub when: String,
    pub note: String,
    pub gates: String,
    pub gate: String,
    pub decision: String,
    pub topic: String,
    pub page_of: String,
    pub subject: String,
}

impl StepReportLabels {
    pub fn english() -> StepReportLabels {
        StepReportLabels {
            checklist: "Checklist".into(),
            item: "Item".into(),
            done: "Done".into(),
            open: "Open".into(),
            who: "Who".into(),
            when: "When".into(),
            note: "Note".into(),
            gates: "Gate decisions".into(),
            gate: "Gate".into(),
            decision: "Decision".into(),
            topic: "Topic".into(),
            page_of: "Page {page} of {pages}".into(),
            subject: "Step report".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepReportInput {
    pub negotiation: String,
    pub status: String,
    /// The line under the title: the date, and what the report covers.
    pub date: String,
    pub steps: Vec<StepSection>,
    pub comparison: Option<Comparison>,
    pub language: String,
    pub created_unix: i64,
    pub labels: StepReportLabels,
}

pub fn step_report_pdf(input: &StepReportInput, files: FontFiles<'_>) -> Result<Output, PdfError> {
    let mut fonts = FontSet::new(files)?;
    let decorations = Decorations {
        header_left: format!("{} – {}", input.negotiation, input.labels.subject),
        header_right: input.status.clone(),
        footer: input.labels.page_of.clone(),
        watermark: None,
        plain_first_page: false,
    };
    let info = DocumentInfo {
        title: format!("{} – {}", input.labels.subject, input.negotiation),
        subject: input.labels.subject.clone(),
        language: input.language.clone(),
        created_unix: input.created_unix,
    };
    produce(
        &mut fonts,
        &step_report_blocks(input),
        PageGeometry::a4(),
        &decorations,
        &info,
    )
}

fn heading(text: &str, size: f32, before: f32, anchor: Option<Anchor>) -> Block {
    let mut p = Paragraph::new(vec![Span::new(text.to_string(), Style::Bold)], size);
    p.align = Align::Left;
    p.space_before = before;
    p.space_after = 5.0;
    p.keep_with_next = true;
    p.anchor = anchor;
    Block::Paragraph(p)
}

fn bold_row(cells: &[&str]) -> Vec<Vec<Span>> {
    cells
        .iter()
        .map(|c| vec![Span::new(c.to_string(), Style::Bold)])
        .collect()
}

pub fn step_report_blocks(input: &StepReportInput) -> Vec<Block> {
    let labels = &input.labels;
    let mut blocks = Vec::new();
    let mut title = Paragraph::new(
        vec![Span::new(
            format!("{} – {}", labels.subject, input.negotiation),
            Style::Bold,
        )],
        15.0,
    );
    title.align = Align::Left;
    title.space_after = 3.0;
    blocks.push(Block::Paragraph(title));
    let mut date = Paragraph::new(vec![Span::new(input.date.clone(), Style::Italic)], 11.0);
    date.align = Align::Left;
    date.space_after = 6.0;
    blocks.push(Block::Paragraph(date));
    for (index, step) in input.steps.iter().enumerate() {
        blocks.push(heading(
            &step.title,
            12.5,
            16.0,
            Some(Anchor {
                key: format!("step-{index}"),
                title: step.title.clone(),
                level: 0,
            }),
        ));
        if !step.summary.is_empty() {
            let mut summary =
                Paragraph::new(vec![Span::new(step.summary.clone(), Style::Italic)], 10.0);
            summary.align = Align::Left;
            summary.space_after = 4.0;
            summary.keep_with_next = !step.items.is_empty() || !step.gates.is_empty();
            blocks.push(Block::Paragraph(summary));
        }
        if !step.items.is_empty() {
            blocks.push(heading(&labels.checklist, 10.5, 4.0, None));
            let rows = step
                .items
                .iter()
                .map(|item| {
                    vec![
                        vec![Span::plain(item.text.clone())],
                        vec![Span::new(
                            if item.done {
                                &labels.done
                            } else {
                                &labels.open
                            }
                            .clone(),
                            if item.done {
                                Style::Regular
                            } else {
                                Style::Bold
                            },
                        )],
                        vec![Span::plain(item.who.clone())],
                        vec![Span::plain(item.when.clone())],
                        vec![Span::new(item.note.clone(), Style::Italic)],
                    ]
                })
                .collect();
            blocks.push(Block::Table(Table {
                columns: vec![3.2, 0.8, 1.3, 1.1, 2.4],
                header: Some(bold_row(&[
                    &labels.item,
                    &labels.done,
                    &labels.who,
                    &labels.when,
                    &labels.note,
                ])),
                rows,
                size: 9.5,
                borders: true,
                space_before: 2.0,
                space_after: 8.0,
            }));
        }
        if !step.gates.is_empty() {
            blocks.push(heading(&labels.gates, 10.5, 4.0, None));
            let rows = step
                .gates
                .iter()
                .map(|gate| {
                    vec![
                        vec![Span::plain(gate.gate.clone())],
                        vec![Span::new(gate.decision.clone(), Style::Bold)],
                        vec![Span::plain(gate.date.clone())],
                        vec![Span::new(gate.note.clone(), Style::Italic)],
                    ]
                })
                .collect();
            blocks.push(Block::Table(Table {
                columns: vec![2.6, 1.2, 1.3, 3.1],
                header: Some(bold_row(&[
                    &labels.gate,
                    &labels.decision,
                    &labels.when,
                    &labels.note,
                ])),
                rows,
                size: 9.5,
                borders: true,
                space_before: 2.0,
                space_after: 8.0,
            }));
        }
    }
    if let Some(comparison) = &input.comparison {
        blocks.push(heading(
            &comparison.title,
            12.5,
            18.0,
            Some(Anchor {
                key: "comparison".into(),
                title: comparison.title.clone(),
                level: 0,
            }),
        ));
        let rows = comparison
            .rows
            .iter()
            .map(|row| {
                let mut cells = vec![vec![Span::new(row.topic.clone(), Style::Bold)]];
                cells
                    .extend((0..comparison.columns.len()).map(|i| {
                        vec![Span::plain(row.values.get(i).cloned().unwrap_or_default())]
                    }));
                cells
            })
            .collect();
        let mut header = vec![vec![Span::new(labels.topic.clone(), Style::Bold)]];
        header.extend(
            comparison
                .columns
                .iter()
                .map(|c| vec![Span::new(c.clone(), Style::Bold)]),
        );
        let mut columns = vec![1.2];
        columns.extend(std::iter::repeat_n(2.0, comparison.columns.len()));
        blocks.push(Block::Table(Table {
            columns,
            header: Some(header),
            rows,
            size: 9.0,
            borders: true,
            space_before: 2.0,
            space_after: 4.0,
        }));
        if !comparison.note.is_empty() {
            let mut note =
                Paragraph::new(vec![Span::new(comparison.note.clone(), Style::Italic)], 9.5);
            note.align = Align::Left;
            blocks.push(Block::Paragraph(note));
        }
    }
    blocks
}
