//! The agreement PDF of the sample negotiation, exported with `ssa export` as a user would:
//! sound (qpdf), fonts embedded and subset (pdffonts), every heading and the full text of every
//! article in order (pdftotext), under 300 KB; refused output left untouched.

use ssa_pdf::layout::PageGeometry;
use ssa_tests::pdf_checks::{assert_in_order, assert_sound, body_text, tool, words};

use crate::support::Place;

fn sample(place: &Place) -> String {
    let (code, out, err) = place.ssa(&["sample"]);
    assert_eq!(code, 0, "{err}");
    out.split_whitespace().last().unwrap().to_string()
}

#[test]
fn the_sample_agreement_exports_as_a_sound_searchable_pdf_under_300_kb() {
    let place = Place::new();
    let id = sample(&place);
    let path = place.dir.path().join("Aurelia–Boreland agreement.pdf");
    let (code, out, err) = place.ssa(&[
        "export",
        &id,
        "--doc",
        "agreement",
        "--out",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("wrote"), "{out}");
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size < 300 * 1024, "{size} bytes");
    assert_sound(&path);
    let session = place.session();
    let document = session.with(|w| w.agreement(&id)).unwrap().document;
    if let Some(text) = body_text(&path, PageGeometry::a4()) {
        assert_in_order(&document, &words(&text));
    }
    if let Some(info) = tool("pdfinfo", &[], &path) {
        assert!(info.contains("Agreement on Social Security"), "{info}");
    }
}

#[test]
fn a_named_version_exports_as_it_was_named() {
    let place = Place::new();
    let id = sample(&place);
    let (code, _, err) = place.ssa(&["name-version", &id, "Text tabled at round 2"]);
    assert_eq!(code, 0, "{err}");
    let path = place.dir.path().join("round-2.pdf");
    let (code, _, err) = place.ssa(&[
        "export",
        &id,
        "--doc",
        "agreement",
        "--version",
        "Text tabled at round 2",
        "--out",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    if let Some(text) = tool("pdftotext", &[], &path) {
        assert!(
            text.contains("Version “Text tabled at round 2”"),
            "status line names the version"
        );
    }
}

#[test]
fn refused_exports_say_why_and_leave_files_alone() {
    let place = Place::new();
    let id = sample(&place);
    let text_file = place.dir.path().join("notes.txt");
    std::fs::write(&text_file, "keep me").unwrap();
    let (code, _, err) = place.ssa(&[
        "export",
        &id,
        "--doc",
        "agreement",
        "--out",
        text_file.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("notes.txt") && err.contains(".pdf"), "{err}");
    assert_eq!(std::fs::read_to_string(&text_file).unwrap(), "keep me");

    let missing = place.dir.path().join("no-such-folder").join("a.pdf");
    let (code, _, err) = place.ssa(&[
        "export",
        &id,
        "--doc",
        "agreement",
        "--out",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no-such-folder"), "{err}");

    let (code, _, err) = place.ssa(&["export", "nope", "--doc", "agreement", "--out", "x.pdf"]);
    assert_eq!(code, 2);
    assert!(err.contains("nope"), "{err}");

    let (code, _, err) = place.ssa(&[
        "export",
        &id,
        "--doc",
        "agreement",
        "--version",
        "9999",
        "--out",
        place.dir.path().join("v.pdf").to_str().unwrap(),
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("9999"), "{err}");
}
