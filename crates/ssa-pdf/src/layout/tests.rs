//! The engine's promises, checked on its output (positioned runs), before anything is drawn.

use super::*;
use crate::fonts::{FontFiles, FontSet, FALLBACK};

fn fonts() -> FontSet {
    FontSet::new(FontFiles::shipped()).expect("shipped fonts parse")
}

const LOREM: &str = "Each Party shall take into account, for the acquisition, maintenance or recovery of the right to benefits, periods of insurance, employment or residence completed under the legislation of the other Party, as far as necessary, provided that they do not overlap.";

fn small_page(lines: usize) -> PageGeometry {
    // Room for exactly `lines` body lines of 10 pt at leading 1.3.
    PageGeometry {
        width: 300.0,
        height: 13.0 * lines as f32 + 0.5 + 80.0,
        top: 40.0,
        bottom: 40.0,
        left: 30.0,
        right: 30.0,
    }
}

fn para(text: &str) -> Paragraph {
    let mut p = Paragraph::new(vec![Span::plain(text)], 10.0);
    p.space_after = 0.0;
    p
}

/// Body runs grouped into lines: (page, baseline) -> runs, in order.
fn lines(typeset: &Typeset) -> Vec<(usize, f32, Vec<&GlyphRun>)> {
    let mut out: Vec<(usize, f32, Vec<&GlyphRun>)> = Vec::new();
    for (index, page) in typeset.pages.iter().enumerate() {
        for run in page.runs.iter().filter(|r| r.role == Role::Body) {
            match out.last_mut() {
                Some(last) if last.0 == index && (last.1 - run.baseline).abs() < 0.01 => {
                    last.2.push(run)
                }
                _ => out.push((index, run.baseline, vec![run])),
            }
        }
    }
    out
}

fn line_text(runs: &[&GlyphRun]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

#[test]
fn lines_stay_within_the_measure_and_keep_every_word_in_order() {
    let mut fonts = fonts();
    let geometry = PageGeometry::a4();
    let typeset = typeset(
        &mut fonts,
        &[Block::Paragraph(para(LOREM))],
        geometry,
        &Decorations::default(),
    );
    let set = lines(&typeset);
    assert!(set.len() >= 2, "the paragraph wraps");
    let right = geometry.width - geometry.right;
    for (_, _, runs) in &set {
        let end = runs.last().map(|r| r.x + r.drawn_width()).unwrap();
        assert!(
            end <= right + 0.01,
            "line ends at {end}, measure ends at {right}"
        );
    }
    let joined: Vec<String> = set
        .iter()
        .flat_map(|(_, _, r)| words(&line_text(r)))
        .collect();
    assert_eq!(joined, words(LOREM));
}

#[test]
fn justified_lines_fill_the_measure_except_the_last() {
    let mut fonts = fonts();
    let geometry = PageGeometry::a4();
    let typeset = typeset(
        &mut fonts,
        &[Block::Paragraph(para(&format!("{LOREM} {LOREM}")))],
        geometry,
        &Decorations::default(),
    );
    let set = lines(&typeset);
    let right = geometry.width - geometry.right;
    for (i, (_, _, runs)) in set.iter().enumerate() {
        let end = runs.last().map(|r| r.x + r.drawn_width()).unwrap();
        if i + 1 < set.len() {
            assert!(
                (end - right).abs() < 0.05,
                "line {i} ends at {end}, not {right}"
            );
        } else {
            assert!(end < right - 1.0, "the last line is not stretched");
            assert!(runs.iter().all(|r| r.extra_per_space == 0.0));
        }
    }
}

#[test]
fn left_aligned_text_is_not_stretched() {
    let mut fonts = fonts();
    let mut p = para(LOREM);
    p.align = Align::Left;
    let typeset = typeset(
        &mut fonts,
        &[Block::Paragraph(p)],
        PageGeometry::a4(),
        &Decorations::default(),
    );
    assert!(lines(&typeset)
        .iter()
        .all(|(_, _, runs)| runs.iter().all(|r| r.extra_per_space == 0.0)));
}

#[test]
fn a_word_longer_than_the_line_is_cut_without_a_hyphen_and_nothing_is_lost() {
    let mut fonts = fonts();
    let word = "Sozialversicherungsabkommensdurchführungsvereinbarungsänderungsprotokoll".repeat(3);
    let geometry = small_page(40);
    let typeset = typeset(
        &mut fonts,
        &[Block::Paragraph(para(&format!("Before {word} after.")))],
        geometry,
        &Decorations::default(),
    );
    let set = lines(&typeset);
    let right = geometry.width - geometry.right;
    for (_, _, runs) in &set {
        let end = runs.last().map(|r| r.x + r.drawn_width()).unwrap();
        assert!(end <= right + 0.01, "overflow: {end} > {right}");
    }
    let all: String = set
        .iter()
        .map(|(_, _, r)| line_text(r))
        .collect::<Vec<_>>()
        .join("");
    assert!(!all.contains('-'), "no hyphen is added");
    assert_eq!(all.replace(' ', ""), format!("Before{word}after."));
    assert!(set.len() >= 4);
}

#[test]
fn forced_line_breaks_are_kept_and_not_justified() {
    let mut fonts = fonts();
    let typeset = typeset(
        &mut fonts,
        &[Block::Paragraph(para("First line\nSecond line"))],
        PageGeometry::a4(),
        &Decorations::default(),
    );
    let set = lines(&typeset);
    assert_eq!(set.len(), 2);
    assert_eq!(line_text(&set[0].2), "First line");
    assert!(set[0].2.iter().all(|r| r.extra_per_space == 0.0));
}

/// For every amount of filler before it, a long paragraph split over pages leaves at least
/// two of its lines on each page.
#[test]
fn no_widows_or_orphans_wherever_the_page_breaks() {
    let page_lines = 12;
    for filler in 0..page_lines {
        let mut fonts = fonts();
        let mut blocks: Vec<Block> = (0..filler)
            .map(|i| Block::Paragraph(para(&format!("Filler {i}"))))
            .collect();
        let text = format!("{LOREM} {LOREM} {LOREM}");
        blocks.push(Block::Paragraph(para(&text)));
        let typeset = typeset(
            &mut fonts,
            &blocks,
            small_page(page_lines),
            &Decorations::default(),
        );
        let set = lines(&typeset);
        let body: Vec<_> = set.iter().skip(filler).collect();
        let mut per_page = std::collections::BTreeMap::new();
        for (page, _, _) in &body {
            *per_page.entry(*page).or_insert(0) += 1;
        }
        assert!(
            body.len() >= 4,
            "the test paragraph is long enough to split"
        );
        for (page, count) in &per_page {
            assert!(
                *count >= 2,
                "filler {filler}: page {page} has {count} line(s) of the paragraph"
            );
        }
        for (_, _, runs) in set.iter() {
            assert!(runs
                .iter()
                .all(|r| r.baseline <= typeset.geometry.height - typeset.geometry.bottom + 0.01));
        }
    }
}

#[test]
fn a_heading_goes_to_the_next_page_with_its_text() {
    let page_lines = 10;
    let mut fonts = fonts();
    let mut blocks: Vec<Block> = (0..page_lines - 2)
        .map(|i| Block::Paragraph(para(&format!("Filler {i}"))))
        .collect();
    let mut heading = para("Article 7");
    heading.keep_with_next = true;
    blocks.push(Block::Paragraph(heading));
    blocks.push(Block::Paragraph(para(LOREM)));
    let typeset = typeset(
        &mut fonts,
        &blocks,
        small_page(page_lines),
        &Decorations::default(),
    );
    let set = lines(&typeset);
    let heading_line = set
        .iter()
        .find(|(_, _, r)| line_text(r) == "Article 7")
        .unwrap();
    let first_text_line = set
        .iter()
        .find(|(_, _, r)| line_text(r).starts_with("Each Party"))
        .unwrap();
    assert_eq!(heading_line.0, 1, "the heading left the foot of page 1");
    assert_eq!(heading_line.0, first_text_line.0);
}

#[test]
fn a_long_table_repeats_its_header_and_keeps_cell_text_inside_its_column() {
    let mut fonts = fonts();
    let geometry = small_page(30);
    let rows: Vec<Vec<Vec<Span>>> = (0..30)
        .map(|i| {
            vec![
                vec![Span::plain(format!("Row {i}"))],
                vec![Span::plain(LOREM)],
            ]
        })
        .collect();
    let table = Table {
        columns: vec![1.0, 3.0],
        header: Some(vec![
            vec![Span::new("Topic", Style::Bold)],
            vec![Span::new("Text", Style::Bold)],
        ]),
        rows,
        size: 9.0,
        borders: true,
        space_before: 0.0,
        space_after: 0.0,
    };
    let typeset = typeset(
        &mut fonts,
        &[Block::Table(table)],
        geometry,
        &Decorations::default(),
    );
    assert!(typeset.pages.len() > 2);
    let split = geometry.left + geometry.measure() / 4.0;
    for page in &typeset.pages {
        let texts: Vec<&str> = page.runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(
            texts.iter().filter(|t| **t == "Topic").count(),
            1,
            "header on every page"
        );
        for run in &page.runs {
            let end = run.x + run.drawn_width();
            if run.x < split {
                assert!(
                    end <= split - CELL_PADDING + 0.01,
                    "{} overflows its cell",
                    run.text
                );
            } else {
                assert!(end <= geometry.width - geometry.right - CELL_PADDING + 0.01);
            }
            assert!(run.baseline <= geometry.height - geometry.bottom);
        }
    }
    // Every row is printed once, in order.
    let rows: Vec<String> = typeset
        .pages
        .iter()
        .flat_map(|p| p.runs.iter())
        .filter(|r| r.text.starts_with("Row "))
        .map(|r| r.text.clone())
        .collect();
    assert_eq!(
        rows,
        (0..30).map(|i| format!("Row {i}")).collect::<Vec<_>>()
    );
}

#[test]
fn a_character_missing_from_the_serif_comes_from_the_fallback_and_one_missing_everywhere_is_reported(
) {
    let mut fonts = fonts();
    assert!(
        !fonts.has_glyph('✓', Style::Regular),
        "test premise: the serif lacks ✓"
    );
    let typeset = typeset(
        &mut fonts,
        &[Block::Paragraph(para("Done ✓ and 中"))],
        PageGeometry::a4(),
        &Decorations::default(),
    );
    let runs: Vec<&GlyphRun> = typeset.pages[0].runs.iter().collect();
    let tick = runs
        .iter()
        .find(|r| r.text.contains('✓'))
        .expect("the tick is set");
    assert_eq!(tick.face, FALLBACK);
    assert!(runs.iter().any(|r| r.text.contains('\u{FFFD}')));
    assert_eq!(typeset.missing_characters, vec!['中']);
}

#[test]
fn contents_lines_show_the_page_their_anchor_landed_on() {
    let mut fonts = fonts();
    let mut entry = para("Article 2");
    entry.page_ref = Some("a2".into());
    let mut target = para("Article 2 itself");
    target.anchor = Some(Anchor {
        key: "a2".into(),
        title: "Article 2".into(),
        level: 0,
    });
    let blocks = vec![
        Block::Paragraph(entry),
        Block::PageBreak,
        Block::Paragraph(para("Page two")),
        Block::PageBreak,
        Block::Paragraph(target),
    ];
    let typeset = typeset(
        &mut fonts,
        &blocks,
        PageGeometry::a4(),
        &Decorations::default(),
    );
    assert_eq!(typeset.anchors[0].page, 2);
    assert!(typeset.pages[0].runs.iter().any(|r| r.text == "3"));
}

#[test]
fn header_footer_and_page_count_on_every_page_but_a_plain_title_page() {
    let mut fonts = fonts();
    let decorations = Decorations {
        header_left: "Agreement".into(),
        header_right: "DRAFT - Round 3".into(),
        footer: "Page {page} of {pages}".into(),
        watermark: None,
        plain_first_page: true,
    };
    let blocks = vec![
        Block::Paragraph(para("Title")),
        Block::PageBreak,
        Block::Paragraph(para("Body")),
        Block::PageBreak,
        Block::Paragraph(para("More")),
    ];
    let typeset = typeset(&mut fonts, &blocks, PageGeometry::a4(), &decorations);
    let footers: Vec<String> = typeset
        .pages
        .iter()
        .map(|p| {
            p.runs
                .iter()
                .filter(|r| r.role == Role::Footer)
                .map(|r| r.text.clone())
                .collect()
        })
        .collect();
    assert_eq!(
        footers,
        vec!["".to_string(), "Page 2 of 3".into(), "Page 3 of 3".into()]
    );
}

#[test]
fn a_long_row_breaks_across_pages_instead_of_leaving_a_page_empty() {
    let mut fonts = fonts();
    let geometry = small_page(30);
    let long = [LOREM; 3].join(" ");
    let table = Table {
        columns: vec![1.0, 3.0],
        header: Some(vec![
            vec![Span::new("Topic", Style::Bold)],
            vec![Span::new("Text", Style::Bold)],
        ]),
        rows: vec![
            vec![vec![Span::plain("Long")], vec![Span::plain(long.clone())]],
            vec![vec![Span::plain("Last")], vec![Span::plain("A line.")]],
        ],
        size: 9.0,
        borders: true,
        space_before: 0.0,
        space_after: 0.0,
    };
    // About half a page of text first: the long row (under a page, over a third of one)
    // does not fit under it whole.
    let mut blocks = vec![Block::Paragraph(para(&[LOREM; 3].join(" ")))];
    blocks.push(Block::Table(table));
    let typeset = typeset(&mut fonts, &blocks, geometry, &Decorations::default());
    let page_of = |text: &str| {
        typeset
            .pages
            .iter()
            .position(|p| p.runs.iter().any(|r| r.text == text))
            .unwrap()
    };
    assert_eq!(
        page_of("Long"),
        0,
        "the long row starts under the paragraph"
    );
    assert_eq!(page_of("Last"), 1);
    // Nothing of the long row is lost: every word of its text is set, in order.
    let set: Vec<String> = typeset
        .pages
        .iter()
        .flat_map(|p| p.runs.iter())
        .filter(|r| r.x > geometry.left + geometry.measure() / 4.0 && r.text != "Text")
        .map(|r| r.text.clone())
        .collect();
    let set = set.join(" ");
    assert!(
        set.split_whitespace()
            .collect::<String>()
            .contains(&long.split_whitespace().collect::<String>()),
        "the long text is set whole"
    );
    // The header repeats on the page the row continues on.
    assert!(typeset.pages[1].runs.iter().any(|r| r.text == "Topic"));
}
