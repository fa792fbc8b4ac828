//! The documents as files: structure (qpdf), fonts (pdffonts), text (pdftotext), and the layout's
//! own output (every glyph inside the text area). The poppler and qpdf checks are skipped, with
//! a message, only where those tools are not installed (CI installs them: scripts/lib.sh).

#[path = "../../../../tests/src/pdf_checks.rs"]
mod checks;
mod samples;
mod unicode;

pub use checks::{assert_in_order, assert_sound, body_text, tool, words};

use ssa_pdf::layout::{Role, Typeset};
use ssa_pdf::{FontFiles, Output};

pub fn write(output: &Output, name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, &output.pdf).unwrap();
    (dir, path)
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
    if let Some(text) = body_text(&path, output.typeset.geometry) {
        assert_in_order(&document, &words(&text));
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
