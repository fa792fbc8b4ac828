//! The documents as files: structure (qpdf), fonts (pdffonts), text (pdftotext), and the layout's
//! own output (every glyph inside the text area). The poppler and qpdf checks are skipped, with
//! a message, only where those tools are not installed (CI installs them: scripts/lib.sh).

mod samples;
mod unicode;

use std::path::Path;
use std::process::Command;

use ssa_pdf::layout::{Role, Typeset};
use ssa_pdf::{FontFiles, Output};

/// Runs a command-line tool on a PDF; `None` when the tool is not installed.
pub fn tool(name: &str, args: &[&str], pdf: &Path) -> Option<String> {
    let mut command = Command::new(name);
    command.args(args).arg(pdf);
    if name == "pdftotext" {
        command.arg("-");
    }
    let output = match command.output() {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("SKIPPED: {name} is not installed (apt-get install poppler-utils qpdf)");
            return None;
        }
        Err(e) => panic!("{name}: {e}"),
    };
    assert!(
        output.status.success(),
        "{name} failed on {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

pub fn write(output: &Output, name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, &output.pdf).unwrap();
    (dir, path)
}

/// qpdf finds no damage; every font is embedded and subset, with a ToUnicode map.
pub fn assert_sound(pdf: &Path) {
    if let Some(check) = tool("qpdf", &["--check"], pdf) {
        assert!(
            check.contains("No syntax or stream encoding errors"),
            "{check}"
        );
    }
    if let Some(fonts) = tool("pdffonts", &[], pdf) {
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "no fonts in {}", pdf.display());
        for row in rows {
            let name = row.split_whitespace().next().unwrap();
            assert!(
                name.len() > 7 && name.as_bytes()[6] == b'+',
                "not a subset name: {row}"
            );
            let columns: Vec<&str> = row.split_whitespace().collect();
            let flags = &columns[columns.len() - 5..columns.len() - 2];
            assert_eq!(flags, ["yes", "yes", "yes"], "emb/sub/uni: {row}");
        }
    }
}

/// Every body glyph run lies inside the text area (margins), on every page.
pub fn assert_inside_text_area(typeset: &Typeset) {
    let g = typeset.geometry;
    for (index, page) in typeset.pages.iter().enumerate() {
        for run in page.runs.iter().filter(|r| r.role == Role::Body) {
            let end = run.x + run.drawn_width();
            assert!(
                run.x >= g.left - 30.0 - 0.01,
                "page {}: {:?} starts left of the margin",
                index + 1,
                run.text
            );
            assert!(
                end <= g.width - g.right + 0.01,
                "page {}: {:?} ends at {end}",
                index + 1,
                run.text
            );
            assert!(
                run.baseline >= g.top && run.baseline <= g.height - g.bottom + 0.01,
                "page {}: {:?} outside the body",
                index + 1,
                run.text
            );
        }
    }
}

/// Text for comparison: whitespace normalised and hyphens dropped. The layout may break a line
/// after a word's own hyphen ("non-" / "contributory"); pdftotext then joins the halves, without
/// the hyphen, so hyphens are left out on both sides of a comparison.
pub fn words(text: &str) -> String {
    let mut joined = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut previous = ' ';
    while let Some(c) = chars.next() {
        joined.push(c);
        if c == '-' && !previous.is_whitespace() && chars.peek() == Some(&'\n') {
            chars.next();
        }
        previous = c;
    }
    joined
        .replace(['-', '\u{2010}'], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_agreement_is_sound_searchable_and_inside_its_margins() {
    let document = samples::annex1_document();
    let output = ssa_pdf::agreement::agreement_pdf(
        &samples::agreement_input(&document),
        FontFiles::shipped(),
    )
    .unwrap();
    assert_inside_text_area(&output.typeset);
    assert!(output.typeset.missing_characters.is_empty());
    assert!(output.pdf.len() < 300_000, "{} bytes", output.pdf.len());
    let (_dir, path) = write(&output, "agreement.pdf");
    assert_sound(&path);
    if let Some(info) = tool("pdfinfo", &[], &path) {
        assert!(
            info.contains("Title:           Agreement on Social Security"),
            "{info}"
        );
        assert!(
            info.contains("Subject:         Social security agreement"),
            "{info}"
        );
    }
    let raw = String::from_utf8_lossy(&output.pdf);
    assert!(raw.contains("/Outlines"), "the outline is there");
    if let Some(text) = tool("pdftotext", &[], &path) {
        // The watermark is drawn, not written: it does not pollute the text.
        assert!(!text.contains("DRAFT\n") && !words(&text).contains("D R A F T"));
    }
    if let Some(text) = body_text(&path, &output.typeset) {
        assert_in_order(&document, &words(&text));
    }
}

/// The text of the pages' body only (pdftotext cropped to the text area), so that running
/// headers and footers do not cut a paragraph that runs over a page break.
pub fn body_text(pdf: &Path, typeset: &Typeset) -> Option<String> {
    let g = typeset.geometry;
    let y = (g.top - 14.0).floor() as i64;
    let height = (g.height - g.bottom + 6.0).ceil() as i64 - y;
    let args = [
        "-x".to_string(),
        "0".into(),
        "-y".into(),
        y.to_string(),
        "-W".into(),
        (g.width.ceil() as i64).to_string(),
        "-H".into(),
        height.to_string(),
    ];
    tool(
        "pdftotext",
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
        pdf,
    )
}

/// Every heading and the full text of every node appear in the body in document order (the
/// search starts after the contents, which repeat the headings).
pub fn assert_in_order(document: &ssa_core::template::Document, text: &str) {
    use ssa_core::template::document::plain;
    let preamble = document
        .nodes
        .iter()
        .find(|n| !n.text.is_empty())
        .expect("a first text");
    let mut from = text
        .find(&words(&plain(&preamble.text)))
        .expect("the preamble is there");
    for node in document.walk() {
        for piece in [plain(&node.heading), plain(&node.text)] {
            if piece.is_empty() {
                continue;
            }
            let at = text[from..]
                .find(&words(&piece))
                .unwrap_or_else(|| panic!("{piece:?} (node {}) missing or out of order", node.id));
            from += at;
        }
    }
}

#[test]
fn the_agreement_outline_nests_articles_under_their_parts() {
    let document = samples::annex1_document();
    let output = ssa_pdf::agreement::agreement_pdf(
        &samples::agreement_input(&document),
        FontFiles::shipped(),
    )
    .unwrap();
    let parts = output
        .typeset
        .anchors
        .iter()
        .filter(|a| a.anchor.level == 0)
        .count();
    let articles = output
        .typeset
        .anchors
        .iter()
        .filter(|a| a.anchor.level == 1)
        .count();
    assert_eq!(parts, 6);
    assert_eq!(
        articles,
        document
            .walk()
            .filter(|n| n.kind == ssa_core::template::NodeKind::Article)
            .count()
    );
    let pages: Vec<usize> = output.typeset.anchors.iter().map(|a| a.page).collect();
    assert!(pages.windows(2).all(|w| w[0] <= w[1]), "in page order");
}

#[test]
fn the_redline_marks_insertions_and_deletions_and_can_leave_out_unchanged_articles() {
    let whole = ssa_pdf::redline::redline_pdf(&samples::redline_input(false), FontFiles::shipped())
        .unwrap();
    let changed =
        ssa_pdf::redline::redline_pdf(&samples::redline_input(true), FontFiles::shipped()).unwrap();
    assert_inside_text_area(&whole.typeset);
    let rules = |o: &Output, mark| {
        o.typeset
            .pages
            .iter()
            .flat_map(|p| &p.rules)
            .filter(|r| r.mark == mark)
            .count()
    };
    assert!(
        rules(&whole, ssa_pdf::layout::Mark::Inserted) >= 4,
        "insertions underlined"
    );
    assert!(
        rules(&whole, ssa_pdf::layout::Mark::Deleted) >= 3,
        "deletions struck through"
    );
    for (output, expect_unchanged) in [(&whole, true), (&changed, false)] {
        let (_dir, path) = write(output, "redline.pdf");
        assert_sound(&path);
        if let Some(text) = tool("pdftotext", &[], &path) {
            let text = words(&text);
            assert!(text.contains("Summary of changes"));
            assert!(
                text.contains("be entitled to receive the same treatment"),
                "{text}"
            );
            assert_eq!(text.contains("Article 1 – Definitions"), expect_unchanged);
        }
    }
}

#[test]
fn the_brief_carries_the_mandate_only_in_the_internal_variant() {
    for internal in [true, false] {
        let output =
            ssa_pdf::brief::brief_pdf(&samples::brief_input(internal), FontFiles::shipped())
                .unwrap();
        assert_inside_text_area(&output.typeset);
        assert!(output.typeset.pages.len() >= 2, "the table runs over pages");
        let (_dir, path) = write(&output, "brief.pdf");
        assert_sound(&path);
        if let Some(text) = tool("pdftotext", &[], &path) {
            assert_eq!(text.contains("Mandate"), internal);
            assert_eq!(text.contains("review clause"), internal, "mandate text");
            assert!(text.contains("Their position"));
            assert_eq!(
                text.matches("On the table").count(),
                output.typeset.pages.len(),
                "header row on each page"
            );
        }
    }
}

#[test]
fn the_step_report_lists_checklists_gates_and_the_comparison() {
    let output =
        ssa_pdf::step_report::step_report_pdf(&samples::step_report_input(), FontFiles::shipped())
            .unwrap();
    assert_inside_text_area(&output.typeset);
    let (_dir, path) = write(&output, "step-report.pdf");
    assert_sound(&path);
    if let Some(text) = tool("pdftotext", &[], &path) {
        let text = words(&text);
        for expected in [
            "Step 1 – Decision to negotiate",
            "Gate decisions",
            "Approved",
            "Open",
            "Comparison of the two schemes",
            "Kingdom of Boreland",
            "67, rising to 68 from 2030",
        ] {
            assert!(text.contains(expected), "{expected} missing: {text}");
        }
    }
}

#[test]
fn bad_font_bytes_are_refused_with_the_face_named() {
    let mut files = FontFiles::shipped();
    files.bold = b"not a font";
    let document = samples::annex1_document();
    let error =
        ssa_pdf::agreement::agreement_pdf(&samples::agreement_input(&document), files).unwrap_err();
    assert!(error.to_string().contains("bold"), "{error}");
}
