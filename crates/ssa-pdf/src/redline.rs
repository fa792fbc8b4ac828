//! A redline: what changed between two texts of the agreement, article by article.
//!
//! Contract: the input is one entry per provision, its heading and text in the comparison's own
//! segments (`ssa_core::compare`), whichever two texts were compared. Inserted text is
//! underlined and blue, deleted text struck through and red: the lines carry the meaning when
//! printed in greyscale, the colours on screen. The summary and a legend come first; then
//! either the changed articles only or the whole text.

use crate::fonts::{FontFiles, FontSet, Style};
use crate::layout::{
    Align, Anchor, Block, Decorations, Mark, PageGeometry, Paragraph, Span, Table,
};
use crate::{produce, DocumentInfo, Output, PdfError};

/// A redline is written in the comparison's own segments (`ssa_core::compare`).
pub use ssa_core::compare::{RedlineOp, RedlineSegment};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleChange {
    Unchanged,
    Added,
    Removed,
    Changed,
    Moved,
    /// Same wording, another number (an earlier article was added or left out).
    Renumbered,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedlineArticle {
    /// "Article 11 (was Article 12)", "Part III", "Preamble".
    pub label: String,
    /// The heading, marked like the text (a heading can be reworded too); may be empty.
    pub heading: Vec<RedlineSegment>,
    pub change: ArticleChange,
    /// The article's text as segments; a paragraph break is a "\n" in a segment, and a line
    /// starting with groups of four spaces is indented by one step per group (items under a
    /// paragraph).
    pub segments: Vec<RedlineSegment>,
}

impl RedlineArticle {
    /// The heading as plain text, as it reads after the change (as it read before, for a
    /// removed article).
    fn heading_text(&self) -> String {
        let text = |keep: &dyn Fn(RedlineOp) -> bool| -> String {
            self.heading
                .iter()
                .filter(|s| keep(s.op))
                .map(|s| s.text.as_str())
                .collect()
        };
        let after = text(&|op| op != RedlineOp::Deleted);
        if after.trim().is_empty() {
            text(&|op| op != RedlineOp::Inserted)
        } else {
            after
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedlineLabels {
    pub summary: String,
    pub legend: String,
    pub inserted: String,
    pub deleted: String,
    pub added: String,
    pub removed: String,
    pub changed: String,
    pub moved: String,
    pub renumbered: String,
    pub unchanged: String,
    pub page_of: String,
    pub subject: String,
}

impl RedlineLabels {
    pub fn english() -> RedlineLabels {
        RedlineLabels {
            summary: "Summary of changes".into(),
            legend: "How to read this document:".into(),
            inserted: "inserted text".into(),
            deleted: "deleted text".into(),
            added: "Added".into(),
            removed: "Removed".into(),
            changed: "Changed".into(),
            moved: "Moved".into(),
            renumbered: "Renumbered".into(),
            unchanged: "Unchanged".into(),
            page_of: "Page {page} of {pages}".into(),
            subject: "Comparison of two texts of a social security agreement".into(),
        }
    }

    fn of(&self, change: ArticleChange) -> &str {
        match change {
            ArticleChange::Unchanged => &self.unchanged,
            ArticleChange::Added => &self.added,
            ArticleChange::Removed => &self.removed,
            ArticleChange::Changed => &self.changed,
            ArticleChange::Moved => &self.moved,
            ArticleChange::Renumbered => &self.renumbered,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedlineInput {
    /// The agreement's title.
    pub title: String,
    /// What is compared with what, e.g. "Text tabled at round 2 → current draft".
    pub compared: String,
    pub status: String,
    pub date: String,
    pub articles: Vec<RedlineArticle>,
    /// Only the articles that changed (added, removed, changed, moved).
    pub changed_only: bool,
    pub watermark: Option<String>,
    pub language: String,
    pub created_unix: i64,
    pub labels: RedlineLabels,
    /// The counts printed in the summary table: the comparison's own, so that the paper and the
    /// screen give the same numbers (moved and renumbered provisions are also counted as
    /// changed or unchanged, by their wording).
    pub summary: RedlineSummary,
}

/// How many provisions fall in each class (see [`RedlineInput::summary`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RedlineSummary {
    pub added: u32,
    pub removed: u32,
    pub changed: u32,
    pub moved: u32,
    pub renumbered: u32,
    pub unchanged: u32,
}

impl RedlineSummary {
    fn of(&self, change: ArticleChange) -> u32 {
        match change {
            ArticleChange::Added => self.added,
            ArticleChange::Removed => self.removed,
            ArticleChange::Changed => self.changed,
            ArticleChange::Moved => self.moved,
            ArticleChange::Renumbered => self.renumbered,
            ArticleChange::Unchanged => self.unchanged,
        }
    }
}

pub fn redline_pdf(input: &RedlineInput, files: FontFiles<'_>) -> Result<Output, PdfError> {
    let mut fonts = FontSet::new(files)?;
    let decorations = Decorations {
        header_left: format!("{} – {}", input.title, input.compared),
        header_right: input.status.clone(),
        footer: input.labels.page_of.clone(),
        watermark: input.watermark.clone(),
        plain_first_page: false,
    };
    let info = DocumentInfo {
        title: format!("{} – {}", input.title, input.compared),
        subject: input.labels.subject.clone(),
        language: input.language.clone(),
        created_unix: input.created_unix,
    };
    produce(
        &mut fonts,
        &redline_blocks(input),
        PageGeometry::a4(),
        &decorations,
        &info,
    )
}

/// How far an item line is indented per level, in points.
const INDENT_STEP: f32 = 18.0;

fn mark(op: RedlineOp) -> Mark {
    match op {
        RedlineOp::Equal => Mark::Plain,
        RedlineOp::Inserted => Mark::Inserted,
        RedlineOp::Deleted => Mark::Deleted,
    }
}

pub fn redline_blocks(input: &RedlineInput) -> Vec<Block> {
    let labels = &input.labels;
    let mut blocks = Vec::new();
    let mut title = Paragraph::new(vec![Span::new(input.title.clone(), Style::Bold)], 16.0);
    title.align = Align::Center;
    title.space_after = 4.0;
    blocks.push(Block::Paragraph(title));
    let mut compared = Paragraph::new(vec![Span::new(input.compared.clone(), Style::Italic)], 11.5);
    compared.align = Align::Center;
    compared.space_after = 2.0;
    blocks.push(Block::Paragraph(compared));
    let mut date = Paragraph::new(vec![Span::plain(input.date.clone())], 10.5);
    date.align = Align::Center;
    date.space_after = 16.0;
    blocks.push(Block::Paragraph(date));

    let mut summary = Paragraph::new(vec![Span::new(labels.summary.clone(), Style::Bold)], 12.0);
    summary.keep_with_next = true;
    summary.align = Align::Left;
    blocks.push(Block::Paragraph(summary));
    let count = |change| input.summary.of(change);
    let changes = [
        ArticleChange::Added,
        ArticleChange::Removed,
        ArticleChange::Changed,
        ArticleChange::Moved,
        ArticleChange::Renumbered,
        ArticleChange::Unchanged,
    ];
    blocks.push(Block::Table(Table {
        columns: vec![1.0; changes.len()],
        header: Some(
            changes
                .iter()
                .map(|c| vec![Span::new(labels.of(*c).to_string(), Style::Bold)])
                .collect(),
        ),
        rows: vec![changes
            .iter()
            .map(|c| vec![Span::plain(count(*c).to_string())])
            .collect()],
        size: 10.0,
        borders: true,
        space_before: 4.0,
        space_after: 10.0,
    }));
    let changed_list: Vec<String> = input
        .articles
        .iter()
        .filter(|a| a.change != ArticleChange::Unchanged)
        .map(|a| format!("{} ({})", a.label, labels.of(a.change).to_lowercase()))
        .collect();
    if !changed_list.is_empty() {
        let mut list = Paragraph::new(vec![Span::plain(changed_list.join(" · "))], 10.0);
        list.align = Align::Left;
        blocks.push(Block::Paragraph(list));
    }
    let mut legend = Paragraph::new(
        vec![
            Span::new(format!("{} ", labels.legend), Style::Italic),
            Span::marked(labels.inserted.clone(), Style::Regular, Mark::Inserted),
            Span::plain(" · "),
            Span::marked(labels.deleted.clone(), Style::Regular, Mark::Deleted),
        ],
        10.0,
    );
    legend.align = Align::Left;
    legend.space_after = 8.0;
    blocks.push(Block::Paragraph(legend));
    blocks.push(Block::Rule);

    for (index, article) in input.articles.iter().enumerate() {
        if input.changed_only && article.change == ArticleChange::Unchanged {
            continue;
        }
        let mut title_spans = Vec::new();
        if !article.label.is_empty() {
            title_spans.push(Span::new(article.label.clone(), Style::Bold));
        }
        if !article.heading.is_empty() {
            if !title_spans.is_empty() {
                title_spans.push(Span::new(" – ", Style::Bold));
            }
            title_spans.extend(
                article
                    .heading
                    .iter()
                    .map(|s| Span::marked(s.text.clone(), Style::Bold, mark(s.op))),
            );
        }
        if article.change != ArticleChange::Unchanged {
            title_spans.push(Span::new(
                format!("  [{}]", labels.of(article.change).to_lowercase()),
                Style::Italic,
            ));
        }
        let mut heading = Paragraph::new(title_spans, 11.0);
        heading.align = Align::Left;
        heading.space_before = 12.0;
        heading.space_after = 4.0;
        heading.keep_with_next = true;
        let heading_text = article.heading_text();
        heading.anchor = Some(Anchor {
            key: format!("unit-{index}"),
            title: match (article.label.is_empty(), heading_text.is_empty()) {
                (_, true) => article.label.clone(),
                (true, false) => heading_text,
                (false, false) => format!("{} – {heading_text}", article.label),
            },
            level: 0,
        });
        blocks.push(Block::Paragraph(heading));
        // One paragraph per line of the article's text, marks kept across the breaks.
        let mut paragraph: Vec<Span> = Vec::new();
        let mut depth = 0usize;
        let flush = |spans: &mut Vec<Span>, depth: usize, blocks: &mut Vec<Block>| {
            if !spans.is_empty() {
                let mut p = Paragraph::new(std::mem::take(spans), 11.0);
                p.indent = INDENT_STEP * depth as f32;
                p.space_after = 5.0;
                blocks.push(Block::Paragraph(p));
            }
        };
        for segment in &article.segments {
            for (i, piece) in segment.text.split('\n').enumerate() {
                let mut piece = piece;
                if i > 0 {
                    flush(&mut paragraph, depth, &mut blocks);
                    depth = 0;
                    while let Some(rest) = piece.strip_prefix("    ") {
                        depth += 1;
                        piece = rest;
                    }
                }
                if !piece.is_empty() {
                    paragraph.push(Span::marked(piece, Style::Regular, mark(segment.op)));
                }
            }
        }
        flush(&mut paragraph, depth, &mut blocks);
    }
    blocks
}
