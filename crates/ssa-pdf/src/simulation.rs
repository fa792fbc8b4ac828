//! The simulation: for each sample career, each party's pension without and with the agreement
//! under the draft's terms, the arithmetic line by line, and the corridor's yearly cost with the
//! assumptions it rests on. Also appended to the negotiation brief when asked
//! ([`simulation_blocks`]).
//!
//! Contract: every figure is printed as text the caller formatted (money in the reader's
//! language); the explanation lines are printed as given, one numbered line each, so that a
//! person can check the arithmetic by hand with the paper alone.

use crate::fonts::{FontFiles, FontSet, Style};
use crate::layout::{Align, Anchor, Block, Decorations, PageGeometry, Paragraph, Span, Table};
use crate::{produce, DocumentInfo, Output, PdfError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimulationLabels {
    pub subject: String,
    pub terms: String,
    pub party: String,
    pub without: String,
    pub with: String,
    pub difference: String,
    pub total: String,
    pub explanation: String,
    pub corridor: String,
    pub yearly_without: String,
    pub yearly_with: String,
    pub yearly_extra: String,
    pub assumptions: String,
    pub page_of: String,
}

impl SimulationLabels {
    pub fn english() -> SimulationLabels {
        SimulationLabels {
            subject: "Benefit simulation".into(),
            terms: "Under the draft agreement".into(),
            party: "Party".into(),
            without: "Without the agreement".into(),
            with: "With the agreement".into(),
            difference: "Difference".into(),
            total: "All parties".into(),
            explanation: "How each figure is computed".into(),
            corridor: "Corridor cost estimate".into(),
            yearly_without: "Yearly cost without the agreement".into(),
            yearly_with: "Yearly cost with the agreement".into(),
            yearly_extra: "Additional yearly cost".into(),
            assumptions: "Assumptions".into(),
            page_of: "Page {page} of {pages}".into(),
        }
    }
}

/// One row of figures: the party, then without, with and the difference, formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureRow {
    pub party: String,
    pub without: String,
    pub with: String,
    pub difference: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CareerSection {
    pub name: String,
    pub rows: Vec<FigureRow>,
    pub total: FigureRow,
    /// Per party: its name and its explanation lines.
    pub explanation: Vec<(String, Vec<String>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorridorSection {
    pub rows: Vec<FigureRow>,
    pub assumptions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimulationInput {
    pub negotiation: String,
    pub status: String,
    pub date: String,
    /// The draft's terms, one line each ("Pension calculation method: pro rata…").
    pub terms: Vec<String>,
    pub careers: Vec<CareerSection>,
    pub corridor: Option<CorridorSection>,
    pub language: String,
    pub created_unix: i64,
    pub labels: SimulationLabels,
}

pub fn simulation_pdf(input: &SimulationInput, files: FontFiles<'_>) -> Result<Output, PdfError> {
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
    let mut blocks = Vec::new();
    let mut title = Paragraph::new(
        vec![Span::new(
            format!("{} – {}", input.labels.subject, input.negotiation),
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
    blocks.extend(simulation_blocks(input, false));
    produce(&mut fonts, &blocks, PageGeometry::a4(), &decorations, &info)
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

fn line(text: &str, size: f32, style: Style) -> Block {
    let mut p = Paragraph::new(vec![Span::new(text.to_string(), style)], size);
    p.align = Align::Left;
    p.space_after = 2.0;
    Block::Paragraph(p)
}

fn figures(
    labels: &SimulationLabels,
    first: &str,
    rows: &[FigureRow],
    total: Option<&FigureRow>,
) -> Block {
    let header = [first, &labels.without, &labels.with, &labels.difference]
        .iter()
        .map(|c| vec![Span::new(c.to_string(), Style::Bold)])
        .collect();
    let cells = |row: &FigureRow, style: Style| {
        vec![
            vec![Span::new(row.party.clone(), style)],
            vec![Span::new(row.without.clone(), style)],
            vec![Span::new(row.with.clone(), style)],
            vec![Span::new(row.difference.clone(), style)],
        ]
    };
    let mut table_rows: Vec<_> = rows.iter().map(|r| cells(r, Style::Regular)).collect();
    if let Some(total) = total {
        table_rows.push(cells(total, Style::Bold));
    }
    Block::Table(Table {
        columns: vec![2.2, 1.6, 1.6, 1.6],
        header: Some(header),
        rows: table_rows,
        size: 9.5,
        borders: true,
        space_before: 2.0,
        space_after: 6.0,
    })
}

/// The simulation's body: the draft's terms, each career, the corridor estimate. `appended`
/// when it follows another document (the brief): it then opens with its own title.
pub fn simulation_blocks(input: &SimulationInput, appended: bool) -> Vec<Block> {
    let labels = &input.labels;
    let mut blocks = Vec::new();
    if appended {
        blocks.push(heading(
            &labels.subject,
            13.5,
            20.0,
            Some(Anchor {
                key: "simulation".into(),
                title: labels.subject.clone(),
                level: 0,
            }),
        ));
    }
    blocks.push(heading(&labels.terms, 12.0, 8.0, None));
    for term in &input.terms {
        blocks.push(line(term, 10.0, Style::Regular));
    }
    for (index, career) in input.careers.iter().enumerate() {
        blocks.push(heading(
            &career.name,
            12.0,
            14.0,
            Some(Anchor {
                key: format!("career-{index}"),
                title: career.name.clone(),
                level: if appended { 1 } else { 0 },
            }),
        ));
        blocks.push(figures(
            labels,
            &labels.party,
            &career.rows,
            Some(&career.total),
        ));
        blocks.push(heading(&labels.explanation, 10.5, 4.0, None));
        for (party, lines) in &career.explanation {
            blocks.push(heading(party, 9.5, 3.0, None));
            for (n, text) in lines.iter().enumerate() {
                blocks.push(line(&format!("{}. {text}", n + 1), 9.0, Style::Regular));
            }
        }
    }
    if let Some(corridor) = &input.corridor {
        blocks.push(heading(
            &labels.corridor,
            12.0,
            16.0,
            Some(Anchor {
                key: "corridor".into(),
                title: labels.corridor.clone(),
                level: if appended { 1 } else { 0 },
            }),
        ));
        let header = [
            &labels.party,
            &labels.yearly_without,
            &labels.yearly_with,
            &labels.yearly_extra,
        ]
        .iter()
        .map(|c| vec![Span::new(c.to_string(), Style::Bold)])
        .collect();
        blocks.push(Block::Table(Table {
            columns: vec![2.2, 1.6, 1.6, 1.6],
            header: Some(header),
            rows: corridor
                .rows
                .iter()
                .map(|r| {
                    vec![
                        vec![Span::plain(r.party.clone())],
                        vec![Span::plain(r.without.clone())],
                        vec![Span::plain(r.with.clone())],
                        vec![Span::new(r.difference.clone(), Style::Bold)],
                    ]
                })
                .collect(),
            size: 9.5,
            borders: true,
            space_before: 2.0,
            space_after: 6.0,
        }));
        blocks.push(heading(&labels.assumptions, 10.5, 4.0, None));
        for assumption in &corridor.assumptions {
            blocks.push(line(&format!("– {assumption}"), 9.5, Style::Regular));
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> SimulationInput {
        let row = |party: &str| FigureRow {
            party: party.into(),
            without: "0.00".into(),
            with: "360.00".into(),
            difference: "360.00".into(),
        };
        SimulationInput {
            negotiation: "Agreement between A and B".into(),
            status: "3 December 2026".into(),
            date: "3 December 2026".into(),
            terms: vec!["Pension calculation method: pro rata".into()],
            careers: vec![CareerSection {
                name: "Example 1".into(),
                rows: vec![row("State A"), row("State B")],
                total: row("All parties"),
                explanation: vec![(
                    "State A".into(),
                    vec!["Pro rata: 800.00 × 18 ÷ 40 = 360.00".into()],
                )],
            }],
            corridor: Some(CorridorSection {
                rows: vec![row("State A")],
                assumptions: vec!["1,000 people in the corridor.".into()],
            }),
            language: "en".into(),
            created_unix: 0,
            labels: SimulationLabels::english(),
        }
    }

    #[test]
    fn every_figure_and_line_is_on_the_page() {
        let output = simulation_pdf(&input(), FontFiles::shipped()).unwrap();
        assert!(output.pdf.starts_with(b"%PDF-"));
        let text: String = output
            .typeset
            .pages
            .iter()
            .flat_map(|p| p.runs.iter().map(|r| r.text.clone()))
            .collect::<Vec<_>>()
            .join(" ");
        for needle in [
            "360.00",
            "Pro rata",
            "Corridor cost estimate",
            "1,000 people",
        ] {
            assert!(text.contains(needle), "{needle} missing from {text}");
        }
    }
}
