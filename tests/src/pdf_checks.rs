//! Checks of exported PDFs with the tools a reader's machine has: qpdf (structure), pdffonts
//! (embedded subset fonts), pdftotext (the text, in order). Shared by the ssa-pdf tests (which
//! include this file) and the acceptance tests. A missing tool skips the check with a message;
//! CI installs them (scripts/lib.sh).

use std::path::Path;
use std::process::Command;

use ssa_pdf::layout::PageGeometry;

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

/// The text of the pages' body only (pdftotext cropped to the text area), so that running
/// headers and footers do not cut a paragraph that runs over a page break.
pub fn body_text(pdf: &Path, g: PageGeometry) -> Option<String> {
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
    use ssa_core::template::document::printed as plain;
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
