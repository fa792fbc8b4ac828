//! The typesetting engine: blocks in, positioned glyph runs and rules out, page by page.
//!
//! printpdf only draws; wrapping, justification and pagination are ours (printpdf 0.12's op
//! API places text where it is told and never wraps or breaks pages; its HTML mode does, but
//! with fonts looked up on the machine, so the output would differ from laptop to laptop).
//!
//! Contract:
//! - Lines break only at Unicode line-break opportunities (UAX #14, `unicode-linebreak`), or,
//!   for a word wider than the line, between characters (no hyphen is added: a hyphen would
//!   change the text of a treaty).
//! - Justified paragraphs stretch the spaces of every line but the last and those ended by a
//!   forced break; nothing is ever set wider than the measure.
//! - A paragraph split across pages leaves at least two lines on each page (no orphans, no
//!   widows); a block marked `keep_with_next` goes to the page of the first lines of the next.
//! - A table row is never split unless it is taller than a whole page; the header row is
//!   repeated on every page the table spans.
//! - Coordinates in the output are points from the page's top-left corner, baselines for text.

use std::collections::HashMap;

use unicode_linebreak::{linebreaks, BreakOpportunity};

use crate::fonts::{FaceId, FontSet, Style};

/// How a run is marked: plain, or as a change in a redline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    Plain,
    /// Underlined, in the insertion colour.
    Inserted,
    /// Struck through, in the deletion colour.
    Deleted,
    /// Text the user still has to supply (an unfilled placeholder): grey.
    Muted,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: Style,
    pub mark: Mark,
}

impl Span {
    pub fn new(text: impl Into<String>, style: Style) -> Span {
        Span {
            text: text.into(),
            style,
            mark: Mark::Plain,
        }
    }
    pub fn plain(text: impl Into<String>) -> Span {
        Span::new(text, Style::Regular)
    }
    pub fn marked(text: impl Into<String>, style: Style, mark: Mark) -> Span {
        Span {
            text: text.into(),
            style,
            mark,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Justify,
    Left,
    Center,
    Right,
}

/// An entry for the outline (bookmarks) and the table of contents.
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    pub key: String,
    pub title: String,
    /// 0 for parts (or top-level entries), 1 for articles under them.
    pub level: u8,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub spans: Vec<Span>,
    pub size: f32,
    /// Line height as a multiple of the size.
    pub leading: f32,
    pub align: Align,
    /// Left edge of the text, from the left margin.
    pub indent: f32,
    /// Right indent, from the right margin.
    pub indent_right: f32,
    /// A label hung to the left of the text ("3.", "(a)"), set at `indent - hang`.
    pub label: Option<Span>,
    pub hang: f32,
    pub space_before: f32,
    pub space_after: f32,
    pub keep_with_next: bool,
    pub anchor: Option<Anchor>,
    /// A table-of-contents line: the page of this anchor key is set flush right.
    pub page_ref: Option<String>,
}

impl Paragraph {
    pub fn new(spans: Vec<Span>, size: f32) -> Paragraph {
        Paragraph {
            spans,
            size,
            leading: 1.3,
            align: Align::Justify,
            indent: 0.0,
            indent_right: 0.0,
            label: None,
            hang: 0.0,
            space_before: 0.0,
            space_after: size * 0.5,
            keep_with_next: false,
            anchor: None,
            page_ref: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Relative column widths.
    pub columns: Vec<f32>,
    pub header: Option<Vec<Vec<Span>>>,
    pub rows: Vec<Vec<Vec<Span>>>,
    pub size: f32,
    pub borders: bool,
    pub space_before: f32,
    pub space_after: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
    /// Vertical space; dropped at the top of a page.
    Space(f32),
    PageBreak,
    /// A horizontal rule across the measure.
    Rule,
}

/// Page size and margins, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageGeometry {
    pub width: f32,
    pub height: f32,
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

impl PageGeometry {
    /// A4 portrait with treaty-office margins (25 mm sides, 30 mm top for the running header).
    pub fn a4() -> PageGeometry {
        let mm = 72.0 / 25.4;
        PageGeometry {
            width: 210.0 * mm,
            height: 297.0 * mm,
            top: 30.0 * mm,
            bottom: 25.0 * mm,
            left: 25.0 * mm,
            right: 25.0 * mm,
        }
    }
    /// A4 landscape, for wide tables (the negotiation brief).
    pub fn a4_landscape() -> PageGeometry {
        let portrait = PageGeometry::a4();
        let mm = 72.0 / 25.4;
        PageGeometry {
            width: portrait.height,
            height: portrait.width,
            top: 25.0 * mm,
            bottom: 20.0 * mm,
            left: 20.0 * mm,
            right: 20.0 * mm,
        }
    }
    pub fn measure(&self) -> f32 {
        self.width - self.left - self.right
    }
    pub fn body_height(&self) -> f32 {
        self.height - self.top - self.bottom
    }
}

/// What the running header, footer and watermark say.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decorations {
    pub header_left: String,
    pub header_right: String,
    /// With `{page}` and `{pages}`, e.g. "Page {page} of {pages}".
    pub footer: String,
    pub watermark: Option<String>,
    /// The title page carries no header or footer.
    pub plain_first_page: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Body,
    Header,
    Footer,
    Watermark,
}

/// One run of glyphs in one face, size and mark, on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    pub x: f32,
    pub baseline: f32,
    pub face: FaceId,
    pub size: f32,
    pub text: String,
    /// Natural width, before justification.
    pub width: f32,
    /// Extra width given to each space of the run (justification).
    pub extra_per_space: f32,
    pub mark: Mark,
    pub role: Role,
    /// Counter-clockwise rotation in degrees (the watermark).
    pub angle: f32,
}

impl GlyphRun {
    /// The width as drawn, justification included.
    pub fn drawn_width(&self) -> f32 {
        self.width + self.extra_per_space * self.text.matches(' ').count() as f32
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RuleLine {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub thickness: f32,
    pub mark: Mark,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub runs: Vec<GlyphRun>,
    pub rules: Vec<RuleLine>,
}

/// Where an anchor landed.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedAnchor {
    pub anchor: Anchor,
    /// 0-based page index.
    pub page: usize,
    pub y: f32,
}

/// The typeset document.
#[derive(Debug, Clone, PartialEq)]
pub struct Typeset {
    pub geometry: PageGeometry,
    pub pages: Vec<Page>,
    pub anchors: Vec<PlacedAnchor>,
    /// Characters no font could draw, replaced by U+FFFD (each once, in order of appearance).
    pub missing_characters: Vec<char>,
}

// ---------------------------------------------------------------------------------------------
// Line breaking

/// One character with what it needs for setting.
#[derive(Debug, Clone, Copy)]
struct Glyph {
    c: char,
    face: FaceId,
    width: f32,
    mark: Mark,
}

/// A set line: glyphs from `x` (relative to the paragraph's left edge).
#[derive(Debug, Clone)]
struct SetLine {
    glyphs: Vec<Glyph>,
    /// Whether to stretch the spaces (not for the last line or a forced break).
    stretch: bool,
}

/// A word: the glyphs up to and including the spaces after it, then the break after it.
struct Word {
    glyphs: Vec<Glyph>,
    /// Width without the trailing spaces (what must fit at a line end).
    ink: f32,
    /// Width with the trailing spaces.
    full: f32,
    forced_break_after: bool,
}

pub(crate) struct Shaper<'a> {
    pub(crate) fonts: &'a mut FontSet,
    missing: Vec<char>,
}

impl Shaper<'_> {
    fn glyphs(&mut self, spans: &[Span], size: f32) -> Vec<Glyph> {
        let mut glyphs = Vec::new();
        for span in spans {
            for c in span.text.chars() {
                // A tab has no glyph and reads as a space; a newline is a forced break.
                let c = if c == '\t' { ' ' } else { c };
                if c == '\n' {
                    glyphs.push(Glyph {
                        c,
                        face: FaceId(0),
                        width: 0.0,
                        mark: span.mark,
                    });
                    continue;
                }
                let (face, drawn, advance) = self.fonts.resolve(c, span.style);
                if drawn != c && !self.missing.contains(&c) {
                    self.missing.push(c);
                }
                glyphs.push(Glyph {
                    c: drawn,
                    face,
                    width: advance * size,
                    mark: span.mark,
                });
            }
        }
        glyphs
    }

    /// Breaks `spans` into lines no wider than `width`.
    fn break_lines(&mut self, spans: &[Span], size: f32, width: f32) -> Vec<SetLine> {
        let text: String = spans.iter().map(|s| s.text.as_str()).collect();
        let glyphs = self.glyphs(spans, size);
        // Byte offset -> glyph index, to cut the glyph list at the break opportunities.
        let mut glyph_at_byte = HashMap::new();
        for (i, (byte, _)) in text.char_indices().enumerate() {
            glyph_at_byte.insert(byte, i);
        }
        glyph_at_byte.insert(text.len(), glyphs.len());
        let mut words = Vec::new();
        let mut start = 0;
        for (byte, opportunity) in linebreaks(&text) {
            let end = glyph_at_byte[&byte];
            let slice = &glyphs[start..end];
            let forced = opportunity == BreakOpportunity::Mandatory && byte < text.len();
            let visible: Vec<Glyph> = slice.iter().copied().filter(|g| g.c != '\n').collect();
            let trailing: f32 = visible
                .iter()
                .rev()
                .take_while(|g| g.c == ' ')
                .map(|g| g.width)
                .sum();
            let full: f32 = visible.iter().map(|g| g.width).sum();
            words.push(Word {
                glyphs: visible,
                ink: full - trailing,
                full,
                forced_break_after: forced,
            });
            start = end;
        }

        let mut lines = Vec::new();
        let mut line: Vec<Glyph> = Vec::new();
        let mut line_width = 0.0f32;
        for word in words {
            if !line.is_empty() && line_width + word.ink > width + 0.01 {
                lines.push(SetLine {
                    glyphs: std::mem::take(&mut line),
                    stretch: true,
                });
                line_width = 0.0;
            }
            if line.is_empty() && word.ink > width + 0.01 {
                // Emergency break: a word wider than the measure is cut between characters.
                let mut piece: Vec<Glyph> = Vec::new();
                let mut piece_width = 0.0;
                for glyph in word.glyphs {
                    if !piece.is_empty() && glyph.c != ' ' && piece_width + glyph.width > width {
                        lines.push(SetLine {
                            glyphs: std::mem::take(&mut piece),
                            stretch: false,
                        });
                        piece_width = 0.0;
                    }
                    piece_width += glyph.width;
                    piece.push(glyph);
                }
                line_width = piece_width;
                line = piece;
            } else {
                line_width += word.full;
                line.extend(word.glyphs);
            }
            if word.forced_break_after {
                lines.push(SetLine {
                    glyphs: std::mem::take(&mut line),
                    stretch: false,
                });
                line_width = 0.0;
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(SetLine {
                glyphs: line,
                stretch: false,
            });
        }
        for line in &mut lines {
            while line.glyphs.last().is_some_and(|g| g.c == ' ') {
                line.glyphs.pop();
            }
        }
        lines
    }
}

/// Groups a line's glyphs into runs of one face and mark, placed from `x`.
#[allow(clippy::too_many_arguments)]
fn runs_of_line(
    line: &SetLine,
    x: f32,
    baseline: f32,
    size: f32,
    extra_per_space: f32,
    role: Role,
) -> Vec<GlyphRun> {
    let mut runs: Vec<GlyphRun> = Vec::new();
    let mut pen = x;
    for glyph in &line.glyphs {
        let extends = runs
            .last()
            .is_some_and(|r| r.face == glyph.face && r.mark == glyph.mark);
        if !extends {
            runs.push(GlyphRun {
                x: pen,
                baseline,
                face: glyph.face,
                size,
                text: String::new(),
                width: 0.0,
                extra_per_space,
                mark: glyph.mark,
                role,
                angle: 0.0,
            });
        }
        let run = runs.last_mut().expect("pushed above");
        run.text.push(glyph.c);
        run.width += glyph.width;
        pen += glyph.width;
        if glyph.c == ' ' {
            pen += extra_per_space;
        }
    }
    runs
}

fn line_width(line: &SetLine) -> f32 {
    line.glyphs.iter().map(|g| g.width).sum()
}

/// The lines of a paragraph as positioned runs, relative to the top of the paragraph's first
/// line box and the left margin; returns one entry per line (its runs and rules).
struct PreparedParagraph {
    lines: Vec<(Vec<GlyphRun>, Vec<RuleLine>)>,
    line_height: f32,
    space_before: f32,
    space_after: f32,
    keep_with_next: bool,
    anchor: Option<Anchor>,
}

fn decoration_rules(runs: &[GlyphRun]) -> Vec<RuleLine> {
    runs.iter()
        .filter(|r| matches!(r.mark, Mark::Inserted | Mark::Deleted))
        .map(|r| {
            // Underline just below the baseline; strike-through at about the x-height middle.
            let y = match r.mark {
                Mark::Inserted => r.baseline + r.size * 0.12,
                _ => r.baseline - r.size * 0.28,
            };
            RuleLine {
                x1: r.x,
                y1: y,
                x2: r.x + r.drawn_width(),
                y2: y,
                thickness: r.size * 0.06,
                mark: r.mark,
            }
        })
        .collect()
}

fn prepare_paragraph(
    shaper: &mut Shaper<'_>,
    p: &Paragraph,
    geometry: &PageGeometry,
    page_numbers: &HashMap<String, usize>,
) -> PreparedParagraph {
    let line_height = p.size * p.leading;
    let ascent = shaper.fonts.ascender() * p.size;
    // A table-of-contents line keeps a column on the right for the page number.
    let number_column = if p.page_ref.is_some() {
        shaper.fonts.width("0000", Style::Regular, p.size)
    } else {
        0.0
    };
    let width = geometry.measure() - p.indent - p.indent_right - number_column;
    let set = shaper.break_lines(&p.spans, p.size, width);
    let count = set.len();
    let mut lines = Vec::with_capacity(count);
    for (i, line) in set.iter().enumerate() {
        let natural = line_width(line);
        let spaces = line.glyphs.iter().filter(|g| g.c == ' ').count();
        let left = geometry.left + p.indent;
        let (x, extra) = match p.align {
            Align::Justify if line.stretch && spaces > 0 && i + 1 < count => {
                (left, (width - natural).max(0.0) / spaces as f32)
            }
            Align::Center => (left + (width - natural).max(0.0) / 2.0, 0.0),
            Align::Right => (left + (width - natural).max(0.0), 0.0),
            _ => (left, 0.0),
        };
        let baseline = i as f32 * line_height + ascent;
        // The hung label comes first, so text extraction reads "3. The competent…".
        let mut runs = Vec::new();
        if i == 0 {
            if let Some(label) = &p.label {
                let label_line = SetLine {
                    glyphs: shaper.glyphs(std::slice::from_ref(label), p.size),
                    stretch: false,
                };
                runs.extend(runs_of_line(
                    &label_line,
                    left - p.hang,
                    baseline,
                    p.size,
                    0.0,
                    Role::Body,
                ));
            }
        }
        runs.extend(runs_of_line(line, x, baseline, p.size, extra, Role::Body));
        if i + 1 == count {
            if let Some(key) = &p.page_ref {
                let number = page_numbers
                    .get(key)
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| "0".into());
                let number_line = SetLine {
                    glyphs: shaper.glyphs(&[Span::plain(number)], p.size),
                    stretch: false,
                };
                let w = line_width(&number_line);
                runs.extend(runs_of_line(
                    &number_line,
                    geometry.width - geometry.right - p.indent_right - w,
                    baseline,
                    p.size,
                    0.0,
                    Role::Body,
                ));
            }
        }
        let rules = decoration_rules(&runs);
        lines.push((runs, rules));
    }
    PreparedParagraph {
        lines,
        line_height,
        space_before: p.space_before,
        space_after: p.space_after,
        keep_with_next: p.keep_with_next,
        anchor: p.anchor.clone(),
    }
}

/// A table row: the lines of each cell, positioned relative to the row's top.
struct PreparedRow {
    /// Per line index: runs of every cell at that line.
    lines: Vec<(Vec<GlyphRun>, Vec<RuleLine>)>,
    line_height: f32,
}

const CELL_PADDING: f32 = 4.0;
/// The fewest lines of a row set on either side of a page break.
const MIN_SPLIT_LINES: usize = 4;

struct PreparedTable {
    header: Option<PreparedRow>,
    rows: Vec<PreparedRow>,
    column_x: Vec<f32>,
    borders: bool,
    space_before: f32,
    space_after: f32,
}

fn prepare_row(
    shaper: &mut Shaper<'_>,
    cells: &[Vec<Span>],
    column_x: &[f32],
    size: f32,
) -> PreparedRow {
    let line_height = size * 1.25;
    let ascent = shaper.fonts.ascender() * size;
    let mut per_cell = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        let width = column_x[i + 1] - column_x[i] - 2.0 * CELL_PADDING;
        per_cell.push(shaper.break_lines(cell, size, width));
    }
    let count = per_cell.iter().map(Vec::len).max().unwrap_or(1);
    let mut lines = Vec::new();
    for line_index in 0..count {
        let mut runs = Vec::new();
        for (i, cell_lines) in per_cell.iter().enumerate() {
            if let Some(line) = cell_lines.get(line_index) {
                let baseline = CELL_PADDING + line_index as f32 * line_height + ascent;
                runs.extend(runs_of_line(
                    line,
                    column_x[i] + CELL_PADDING,
                    baseline,
                    size,
                    0.0,
                    Role::Body,
                ));
            }
        }
        let rules = decoration_rules(&runs);
        lines.push((runs, rules));
    }
    PreparedRow { lines, line_height }
}

impl PreparedRow {
    fn height(&self) -> f32 {
        self.lines.len() as f32 * self.line_height + 2.0 * CELL_PADDING
    }
}

fn prepare_table(shaper: &mut Shaper<'_>, t: &Table, geometry: &PageGeometry) -> PreparedTable {
    let total: f32 = t.columns.iter().sum();
    let mut column_x = vec![geometry.left];
    for fraction in &t.columns {
        let last = *column_x.last().expect("starts with the left margin");
        column_x.push(last + geometry.measure() * fraction / total);
    }
    let header = t
        .header
        .as_ref()
        .map(|h| prepare_row(shaper, h, &column_x, t.size));
    let rows = t
        .rows
        .iter()
        .map(|r| prepare_row(shaper, r, &column_x, t.size))
        .collect();
    PreparedTable {
        header,
        rows,
        column_x,
        borders: t.borders,
        space_before: t.space_before,
        space_after: t.space_after,
    }
}

enum Prepared {
    Paragraph(PreparedParagraph),
    Table(PreparedTable),
    Space(f32),
    PageBreak,
    Rule,
}

impl Prepared {
    /// The height the block needs at least on the page it starts on (its first two lines, or
    /// its header and first row), for keep-with-next.
    fn first_chunk(&self) -> f32 {
        match self {
            Prepared::Paragraph(p) => p.space_before + p.line_height * p.lines.len().min(2) as f32,
            Prepared::Table(t) => {
                t.space_before
                    + t.header.as_ref().map_or(0.0, PreparedRow::height)
                    + t.rows.first().map_or(0.0, PreparedRow::height)
            }
            Prepared::Space(_) | Prepared::PageBreak | Prepared::Rule => 0.0,
        }
    }
    fn whole(&self) -> f32 {
        match self {
            Prepared::Paragraph(p) => {
                p.space_before + p.line_height * p.lines.len() as f32 + p.space_after
            }
            _ => self.first_chunk(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Pagination

struct Paginator {
    geometry: PageGeometry,
    pages: Vec<Page>,
    /// Distance from the top margin already used on the current page.
    used: f32,
    anchors: Vec<PlacedAnchor>,
}

impl Paginator {
    fn remaining(&self) -> f32 {
        self.geometry.body_height() - self.used
    }
    fn at_top(&self) -> bool {
        self.used == 0.0
    }
    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.used = 0.0;
    }
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page is open")
    }
    fn place(&mut self, runs: &[GlyphRun], rules: &[RuleLine], top: f32) {
        let dy = self.geometry.top + top;
        let page = self.pages.last_mut().expect("a page is open");
        page.runs.extend(runs.iter().cloned().map(|mut r| {
            r.baseline += dy;
            r
        }));
        page.rules.extend(rules.iter().cloned().map(|mut r| {
            r.y1 += dy;
            r.y2 += dy;
            r
        }));
    }

    fn paragraph(&mut self, p: &PreparedParagraph) {
        let lh = p.line_height;
        let n = p.lines.len();
        if !self.at_top() {
            self.used += p.space_before;
        }
        let mut next = 0;
        while next < n {
            let left = n - next;
            let fit = (self.remaining() / lh + 0.001).floor().max(0.0) as usize;
            let mut take = left.min(fit);
            if take < left {
                // Widows: leave at least two lines for the next page.
                if left - take < 2 {
                    take = left.saturating_sub(2);
                }
                // Orphans: do not start a paragraph with one line at the foot of a page.
                if take < 2 {
                    take = 0;
                }
                if take == 0 && self.at_top() {
                    // A page cannot hold even two lines: set what fits rather than loop.
                    take = fit.max(1).min(left);
                }
            }
            if take == 0 {
                self.new_page();
                continue;
            }
            if next == 0 {
                if let Some(anchor) = &p.anchor {
                    self.anchors.push(PlacedAnchor {
                        anchor: anchor.clone(),
                        page: self.pages.len() - 1,
                        y: self.geometry.top + self.used,
                    });
                }
            }
            for (i, (runs, rules)) in p.lines[next..next + take].iter().enumerate() {
                // Lines were prepared relative to the paragraph's first line.
                let shift = self.used + i as f32 * lh - (next + i) as f32 * lh;
                self.place(runs, rules, shift);
            }
            self.used += take as f32 * lh;
            next += take;
            if next < n {
                self.new_page();
            }
        }
        self.used += p.space_after;
    }

    fn table_row(&mut self, row: &PreparedRow, t: &PreparedTable, header: bool) {
        let top = self.used;
        // The row's lines hold every cell's line at that height; the runs go to the page cell
        // by cell, so the content stream reads each cell whole (copy-paste, screen readers and
        // `pdftotext -raw` follow that order) rather than line by line across the columns.
        let mut cells: Vec<Vec<GlyphRun>> = vec![Vec::new(); t.column_x.len().max(1)];
        for (runs, rules) in &row.lines {
            for run in runs {
                let column = t
                    .column_x
                    .iter()
                    .rposition(|x| *x <= run.x + 0.01)
                    .unwrap_or(0);
                cells[column].push(run.clone());
            }
            self.place(&[], rules, top);
        }
        for runs in &cells {
            self.place(runs, &[], top);
        }
        let height = row.height();
        if t.borders {
            let y_top = self.geometry.top + top;
            let y_bottom = y_top + height;
            let left = t.column_x[0];
            let right = *t.column_x.last().expect("columns");
            let thickness = if header { 0.8 } else { 0.4 };
            let rules = &mut self.page().rules;
            rules.push(RuleLine {
                x1: left,
                y1: y_top,
                x2: right,
                y2: y_top,
                thickness,
                mark: Mark::Plain,
            });
            rules.push(RuleLine {
                x1: left,
                y1: y_bottom,
                x2: right,
                y2: y_bottom,
                thickness,
                mark: Mark::Plain,
            });
            for x in &t.column_x {
                rules.push(RuleLine {
                    x1: *x,
                    y1: y_top,
                    x2: *x,
                    y2: y_bottom,
                    thickness: 0.4,
                    mark: Mark::Plain,
                });
            }
        }
        self.used += height;
    }

    fn table(&mut self, t: &PreparedTable) {
        let header_height = t.header.as_ref().map_or(0.0, PreparedRow::height);
        if !self.at_top() {
            self.used += t.space_before;
        }
        let first = t.rows.first();
        let first_height = first.map_or(0.0, PreparedRow::height);
        let first_splits = first
            .is_some_and(|row| self.splits(row, self.remaining() - header_height, header_height));
        if !self.at_top() && header_height + first_height > self.remaining() && !first_splits {
            self.new_page();
        }
        if let Some(header) = &t.header {
            self.table_row(header, t, true);
        }
        for row in &t.rows {
            if row.height() > self.remaining() {
                if self.splits(row, self.remaining(), header_height) {
                    self.split_row(row, t);
                    continue;
                }
                self.new_page();
                if let Some(header) = &t.header {
                    self.table_row(header, t, true);
                }
            }
            self.table_row(row, t, false);
        }
        self.used += t.space_after;
    }

    /// Whether a row that does not fit in `room` is broken across pages rather than moved
    /// whole to the next one: always when no page could hold it, and when it is long (over a
    /// third of a page) and at least [`MIN_SPLIT_LINES`] of its lines fit, so long cells (an
    /// article's text) do not leave half pages empty. Short rows are never broken.
    fn splits(&self, row: &PreparedRow, room: f32, header_height: f32) -> bool {
        let page_room = self.geometry.body_height() - header_height;
        if row.height() > page_room {
            return true;
        }
        let lines_that_fit = ((room - 2.0 * CELL_PADDING) / row.line_height).floor();
        row.height() > page_room / 3.0
            && lines_that_fit >= MIN_SPLIT_LINES as f32
            && row.lines.len() >= 2 * MIN_SPLIT_LINES
    }

    /// A row broken across pages (see [`Paginator::splits`]): its lines are set on as many pages as
    /// they need, the header repeated.
    fn split_row(&mut self, row: &PreparedRow, t: &PreparedTable) {
        let mut from = 0;
        while from < row.lines.len() {
            let fit = ((self.remaining() - 2.0 * CELL_PADDING) / row.line_height).floor() as usize;
            if fit == 0 {
                self.new_page();
                if let Some(header) = &t.header {
                    self.table_row(header, t, true);
                }
                continue;
            }
            let mut to = (from + fit).min(row.lines.len());
            // Widows: never leave a row's last line alone at the top of the next page.
            if row.lines.len() - to == 1 && to - from > 1 {
                to -= 1;
            }
            let part = PreparedRow {
                lines: row.lines[from..to]
                    .iter()
                    .enumerate()
                    .map(|(i, (runs, rules))| {
                        let dy = (i as f32 - (from + i) as f32) * row.line_height;
                        (
                            runs.iter()
                                .cloned()
                                .map(|mut r| {
                                    r.baseline += dy;
                                    r
                                })
                                .collect(),
                            rules
                                .iter()
                                .cloned()
                                .map(|mut r| {
                                    r.y1 += dy;
                                    r.y2 += dy;
                                    r
                                })
                                .collect(),
                        )
                    })
                    .collect(),
                line_height: row.line_height,
            };
            self.table_row(&part, t, false);
            from = to;
        }
    }
}

/// Sets `blocks` on pages. `page_numbers` gives the page (1-based, as printed) of each anchor
/// key for table-of-contents lines; see [`typeset`] for the two-pass use.
fn paginate(
    fonts: &mut FontSet,
    blocks: &[Block],
    geometry: PageGeometry,
    page_numbers: &HashMap<String, usize>,
) -> (Vec<Page>, Vec<PlacedAnchor>, Vec<char>) {
    let mut shaper = Shaper {
        fonts,
        missing: Vec::new(),
    };
    let prepared: Vec<Prepared> = blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => {
                Prepared::Paragraph(prepare_paragraph(&mut shaper, p, &geometry, page_numbers))
            }
            Block::Table(t) => Prepared::Table(prepare_table(&mut shaper, t, &geometry)),
            Block::Space(s) => Prepared::Space(*s),
            Block::PageBreak => Prepared::PageBreak,
            Block::Rule => Prepared::Rule,
        })
        .collect();
    let mut paginator = Paginator {
        geometry,
        pages: vec![Page::default()],
        used: 0.0,
        anchors: Vec::new(),
    };
    for (i, block) in prepared.iter().enumerate() {
        // Keep with next: this block and every following keep-with-next block, plus the first
        // lines of the block they lead into, must start on one page.
        if let Prepared::Paragraph(p) = block {
            if p.keep_with_next && !paginator.at_top() {
                let mut needed = block.whole();
                for following in &prepared[i + 1..] {
                    match following {
                        Prepared::Paragraph(q) if q.keep_with_next => needed += following.whole(),
                        Prepared::Space(s) => needed += s,
                        other => {
                            needed += other.first_chunk();
                            break;
                        }
                    }
                }
                if needed > paginator.remaining() && needed <= paginator.geometry.body_height() {
                    paginator.new_page();
                }
            }
        }
        match block {
            Prepared::Paragraph(p) => paginator.paragraph(p),
            Prepared::Table(t) => paginator.table(t),
            Prepared::Space(s) => {
                if !paginator.at_top() {
                    paginator.used = (paginator.used + s).min(geometry.body_height());
                }
            }
            Prepared::PageBreak => {
                if !paginator.at_top() {
                    paginator.new_page();
                }
            }
            Prepared::Rule => {
                let y = geometry.top + paginator.used;
                paginator.page().rules.push(RuleLine {
                    x1: geometry.left,
                    y1: y,
                    x2: geometry.width - geometry.right,
                    y2: y,
                    thickness: 0.5,
                    mark: Mark::Plain,
                });
                paginator.used += 6.0;
            }
        }
    }
    let missing = shaper.missing;
    (paginator.pages, paginator.anchors, missing)
}

/// Typesets `blocks` in two passes: the first finds the page of every anchor, the second sets
/// those numbers in the table-of-contents lines. A contents line keeps a fixed column for its
/// number, so the numbers cannot move anything and the second pass paginates as the first.
pub fn typeset(
    fonts: &mut FontSet,
    blocks: &[Block],
    geometry: PageGeometry,
    decorations: &Decorations,
) -> Typeset {
    let (_, first_anchors, _) = paginate(fonts, blocks, geometry, &HashMap::new());
    let numbers: HashMap<String, usize> = first_anchors
        .iter()
        .map(|a| (a.anchor.key.clone(), a.page + 1))
        .collect();
    let (mut pages, anchors, mut missing) = paginate(fonts, blocks, geometry, &numbers);
    debug_assert_eq!(
        first_anchors.iter().map(|a| a.page).collect::<Vec<_>>(),
        anchors.iter().map(|a| a.page).collect::<Vec<_>>(),
        "page numbers in the contents moved the text"
    );
    let mut shaper = Shaper {
        fonts,
        missing: Vec::new(),
    };
    decorate(&mut shaper, &mut pages, &geometry, decorations);
    for c in shaper.missing {
        if !missing.contains(&c) {
            missing.push(c);
        }
    }
    Typeset {
        geometry,
        pages,
        anchors,
        missing_characters: missing,
    }
}

const HEADER_SIZE: f32 = 8.5;

/// Running header, footer and watermark on every page (the title page excepted if asked).
fn decorate(
    shaper: &mut Shaper<'_>,
    pages: &mut [Page],
    g: &PageGeometry,
    decorations: &Decorations,
) {
    let total = pages.len();
    let header_baseline = g.top - 22.0;
    let footer_baseline = g.height - g.bottom + 26.0;
    for (index, page) in pages.iter_mut().enumerate() {
        if let Some(text) = &decorations.watermark {
            let size = 64.0;
            let line = SetLine {
                glyphs: shaper.glyphs(&[Span::new(text.clone(), Style::Bold)], size),
                stretch: false,
            };
            let width = line_width(&line);
            // Centred on the page along the diagonal from bottom-left to top-right.
            let angle = (g.height / g.width).atan();
            let (cx, cy) = (g.width / 2.0, g.height / 2.0);
            let x = cx - angle.cos() * width / 2.0 + angle.sin() * size * 0.35;
            let y = cy + angle.sin() * width / 2.0 + angle.cos() * size * 0.35;
            for mut run in runs_of_line(&line, x, y, size, 0.0, Role::Watermark) {
                run.angle = angle.to_degrees();
                page.runs.insert(0, run);
            }
        }
        if index == 0 && decorations.plain_first_page {
            continue;
        }
        let measure = g.measure();
        let right_width =
            shaper
                .fonts
                .width(&decorations.header_right, Style::Regular, HEADER_SIZE);
        // The title gives way to the status when both do not fit on one line.
        let left_room = (measure - right_width - 18.0).max(measure * 0.3);
        let left = fit_text(shaper, &decorations.header_left, left_room, HEADER_SIZE);
        for (text, x_of) in [
            (left, None),
            (decorations.header_right.clone(), Some(right_width)),
        ] {
            let line = SetLine {
                glyphs: shaper.glyphs(&[Span::new(text, Style::Italic)], HEADER_SIZE),
                stretch: false,
            };
            let x = match x_of {
                None => g.left,
                Some(_) => g.width - g.right - line_width(&line),
            };
            page.runs.extend(runs_of_line(
                &line,
                x,
                header_baseline,
                HEADER_SIZE,
                0.0,
                Role::Header,
            ));
        }
        page.rules.push(RuleLine {
            x1: g.left,
            y1: header_baseline + 5.0,
            x2: g.width - g.right,
            y2: header_baseline + 5.0,
            thickness: 0.4,
            mark: Mark::Plain,
        });
        let footer = decorations
            .footer
            .replace("{page}", &(index + 1).to_string())
            .replace("{pages}", &total.to_string());
        let line = SetLine {
            glyphs: shaper.glyphs(&[Span::plain(footer)], HEADER_SIZE),
            stretch: false,
        };
        let x = g.left + (measure - line_width(&line)) / 2.0;
        page.runs.extend(runs_of_line(
            &line,
            x,
            footer_baseline,
            HEADER_SIZE,
            0.0,
            Role::Footer,
        ));
    }
}

/// `text` shortened with an ellipsis to fit `width` (running headers are one line).
fn fit_text(shaper: &mut Shaper<'_>, text: &str, width: f32, size: f32) -> String {
    if shaper.fonts.width(text, Style::Italic, size) <= width {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
        if shaper.fonts.width(&candidate, Style::Italic, size) <= width {
            return candidate;
        }
    }
    String::new()
}

#[cfg(test)]
mod tests;
