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
            has(&text, "Version “Text tabled at round 2”"),
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

/// The sample with version "Round 1" (as started) and version "Round 2" (article M5.7 left
/// out, paragraph M5.1.2 reworded), as in the comparison tests.
fn two_versions(place: &Place) -> String {
    let session = place.session();
    let id = session.with(|w| w.create_sample_negotiation()).unwrap().id;
    session.with(|w| w.name_version(&id, "Round 1")).unwrap();
    let mut draft = session.with(|w| w.get_draft(&id)).unwrap().unwrap();
    draft.inclusion.insert("M5.7".into(), false);
    draft.custom_wording.insert(
        "M5.1.2".into(),
        "The {{term:competent_authority|competent authorities}} shall inform each other without delay of any change in their {{term:legislation}}.".into(),
    );
    session.with(|w| w.save_draft(&id, &draft)).unwrap();
    session.with(|w| w.name_version(&id, "Round 2")).unwrap();
    id
}

/// `text` (already through [`words`]) contains `wanted` once it is through [`words`] too.
fn has(text: &str, wanted: &str) -> bool {
    text.contains(&words(wanted))
}

fn export(place: &Place, args: &[&str], name: &str) -> (std::path::PathBuf, String) {
    let path = place.dir.path().join(name);
    let mut argv = vec!["export"];
    argv.extend_from_slice(args);
    argv.extend(["--out", path.to_str().unwrap()]);
    let (code, out, err) = place.ssa(&argv);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("wrote"), "{out}");
    assert_sound(&path);
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size < 300 * 1024, "{name}: {size} bytes");
    // To look at the documents: SSA_PDF_OUT=<folder> keeps a copy of each.
    if let Ok(folder) = std::env::var("SSA_PDF_OUT") {
        std::fs::copy(&path, std::path::Path::new(&folder).join(name)).unwrap();
    }
    // `-raw`: the content stream's order, which sets each table cell whole.
    let text = tool("pdftotext", &["-raw"], &path)
        .map(|t| words(&t))
        .unwrap_or_default();
    (path, text)
}

#[test]
fn the_redline_of_two_versions_shows_the_summary_and_both_sides_of_each_change() {
    let place = Place::new();
    let id = two_versions(&place);
    let (_, text) = export(
        &place,
        &[
            &id,
            "--doc",
            "redline",
            "--from",
            "Round 1",
            "--to",
            "Round 2",
            "--changed-only",
        ],
        "redline.pdf",
    );
    if text.is_empty() {
        return;
    }
    assert!(has(&text, "Summary of changes"), "{text}");
    assert!(
        has(&text, "Version “Round 1” → Version “Round 2”"),
        "{text}"
    );
    assert!(has(&text, "without delay") && has(&text, "as soon as possible"));
    // A later article renumbered by the left-out one is reported as such, not as changed.
    assert!(has(&text, "(was Article"), "{text}");
    assert!(has(&text, "[renumbered]") && has(&text, "[removed]"));
    // Changed provisions only: an untouched article's text is not there.
    assert!(!has(
        &text,
        "shall apply to persons who are or have been subject"
    ));
}

#[test]
fn the_whole_text_redline_of_a_text_with_itself_is_the_whole_agreement_in_order() {
    let place = Place::new();
    let id = sample(&place);
    let (path, _) = export(
        &place,
        &[
            &id, "--doc", "redline", "--from", "current", "--to", "current",
        ],
        "same.pdf",
    );
    let document = place.session().with(|w| w.agreement(&id)).unwrap().document;
    if let Some(text) = body_text(&path, PageGeometry::a4()) {
        assert_in_order(&document, &words(&text));
    }
}

fn round_with_positions(place: &Place) -> String {
    use ssa_api::rounds::PositionInput;
    use ssa_core::mandate::{Limit, MandateEntry};
    use ssa_core::rounds::PositionStatus;
    let session = place.session();
    let id = session.with(|w| w.create_sample_negotiation()).unwrap().id;
    let mut round = session.with(|w| w.add_round(&id)).unwrap();
    round.place = "Ottawa".into();
    round.held_on = "2026-11-23".into();
    let round = session.with(|w| w.save_round(&id, &round)).unwrap();
    session
        .with(|w| {
            w.save_position(
                &id,
                &round.id,
                "M2-AL.2",
                &PositionInput {
                    status: PositionStatus::CounterProposed,
                    ours: None,
                    theirs: Some("Posting for up to thirty-six months, without extension.".into()),
                    agreed: None,
                    justification: "Our actuaries advise against long postings.".into(),
                    shared: false,
                },
            )
        })
        .unwrap();
    session
        .with(|w| {
            w.save_mandate_entry(
                &id,
                &MandateEntry {
                    node_id: "M2-AL.2".into(),
                    red_line: "Never more than 12 months.".into(),
                    preferred: "12 months".into(),
                    fallback: "Accept 12 months plus an extension.".into(),
                    limits: vec![Limit::AtMost {
                        parameter: "posting.months".into(),
                        value: 12,
                    }],
                },
            )
        })
        .unwrap();
    id
}

#[test]
fn the_brief_carries_the_mandate_only_in_the_internal_variant() {
    let place = Place::new();
    let id = round_with_positions(&place);
    let (_, counterpart) = export(&place, &[&id, "--doc", "brief"], "brief.pdf");
    let (_, internal) = export(
        &place,
        &[&id, "--doc", "brief", "--round", "1", "--internal"],
        "brief-internal.pdf",
    );
    if counterpart.is_empty() {
        return;
    }
    for text in [&counterpart, &internal] {
        assert!(has(text, "Round 1 – Ottawa, 23 November 2026"), "{text}");
        assert!(has(text, "Our position") && has(text, "On the table"));
        assert!(has(text, "thirty-six months"), "their proposal is there");
        assert!(has(text, "Counter-proposed"));
        assert!(has(text, "Posted workers") || has(text, "Article 7"));
    }
    for secret in [
        "Never more than 12 months",
        "Mandate",
        "Red line",
        "INTERNAL",
        "actuaries advise",
    ] {
        assert!(
            !counterpart.contains(secret),
            "{secret} in the counterpart brief"
        );
    }
    assert!(has(&internal, "Never more than 12 months"), "{internal}");
    assert!(has(&internal, "at most 12 months"), "{internal}");
    assert!(has(&internal, "INTERNAL"));
    // The header dates the brief by its round, not by the day it was printed.
    assert!(
        has(&counterpart, "Round 1 - 23 November 2026"),
        "{counterpart}"
    );
    assert!(
        has(&internal, "INTERNAL - Round 1 - 23 November 2026"),
        "{internal}"
    );
    assert!(
        !has(&internal, "actuaries advise"),
        "justifications stay out"
    );

    // In French, the words around the texts are French.
    let (_, french) = export(&place, &[&id, "--doc", "brief", "--lang", "fr"], "note.pdf");
    assert!(has(&french, "Notre position") && has(&french, "Contre-proposé"));
    assert!(
        has(&french, "Cycle 1 – Ottawa, 23 novembre 2026"),
        "{french}"
    );
}

#[test]
fn a_brief_without_a_round_is_refused_with_the_reason() {
    let place = Place::new();
    let id = sample(&place);
    let path = place.dir.path().join("brief.pdf");
    let (code, _, err) = place.ssa(&[
        "export",
        &id,
        "--doc",
        "brief",
        "--out",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no round yet"), "{err}");
    assert!(!path.exists());
    let (code, _, err) = place.ssa(&[
        "export",
        &id,
        "--doc",
        "brief",
        "--round",
        "4",
        "--out",
        path.to_str().unwrap(),
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("no round 4"), "{err}");
}

#[test]
fn the_step_report_lists_checklists_gate_decisions_and_the_feasibility_table() {
    use ssa_api::dto::{GateChoiceDto, GateDecisionDto, ItemAnswerDto};
    use ssa_core::documents::branch::Branch;
    use ssa_core::documents::feasibility::{Coverage, SchemeRow, SchemeType};
    let place = Place::new();
    let id = sample(&place);
    let session = place.session();
    session
        .with(|w| {
            w.set_item_answer(
                &id,
                "need-gaps",
                ItemAnswerDto {
                    done: true,
                    who: "L. Lawyer".into(),
                    when: Some("2026-03-02".into()),
                    note: "Posted workers pay twice".into(),
                    attachments: vec![],
                },
            )
        })
        .unwrap();
    session
        .with(|w| {
            w.record_gate_decision(
                &id,
                "need",
                GateDecisionDto {
                    choice: GateChoiceDto::Go,
                    date: "2026-03-10".into(),
                    rationale: "200,000 workers in the corridor".into(),
                },
            )
        })
        .unwrap();
    let mut feasibility = session
        .with(|w| w.feasibility_view(&id))
        .unwrap()
        .feasibility;
    feasibility.schemes.push(SchemeRow {
        exists: Some(true),
        scheme_type: Some(SchemeType::ProvidentFund),
        qualifying_period: "No minimum period".into(),
        ..SchemeRow::empty(Branch::OldAge, "XB")
    });
    feasibility
        .coverage
        .insert(Branch::OldAge, Coverage::Covered);
    session
        .with(|w| w.save_feasibility(&id, &feasibility))
        .unwrap();
    drop(session);

    let (_, text) = export(&place, &[&id, "--doc", "step-report"], "steps.pdf");
    if text.is_empty() {
        return;
    }
    assert!(has(&text, "Step 1 – Identify the need"), "{text}");
    assert!(has(&text, "Step 8 –"), "every step is there");
    assert!(has(&text, "Protection gaps identified per branch"));
    assert!(has(&text, "L. Lawyer") && has(&text, "2 March 2026"));
    assert!(has(&text, "200,000 workers in the corridor") && has(&text, "Go"));
    assert!(has(
        &text,
        "Feasibility study: the parties' schemes compared"
    ));
    assert!(has(&text, "Republic of Aurelia") && has(&text, "Kingdom of Boreland"));
    assert!(has(&text, "Provident fund") && has(&text, "No minimum period"));
    assert!(has(&text, "Old age") && has(&text, "Covered"));

    let (_, french) = export(
        &place,
        &[&id, "--doc", "step-report", "--lang", "fr"],
        "etapes.pdf",
    );
    assert!(has(&french, "Étape 1 – Identifier le besoin"), "{french}");
    assert!(has(
        &french,
        "Lacunes de protection identifiées par branche"
    ));
    assert!(has(&french, "Caisse de prévoyance") && has(&french, "Poursuivre"));
}

#[test]
fn the_header_says_draft_and_round_or_initialled_and_the_fingerprint() {
    let place = Place::new();
    let id = round_with_positions(&place);
    let (_, draft) = export(&place, &[&id, "--doc", "agreement"], "draft.pdf");
    let session = place.session();
    let version = session
        .with(|w| w.name_version(&id, "Initialled text"))
        .unwrap();
    let initialled = session
        .with(|w| w.initial_version(&id, version.number, "A. Aurelian, B. Borelander"))
        .unwrap()
        .initialled
        .unwrap();
    drop(session);
    let (_, locked) = export(
        &place,
        &[&id, "--doc", "agreement", "--version", "Initialled text"],
        "initialled.pdf",
    );
    if draft.is_empty() {
        return;
    }
    assert!(has(&draft, "DRAFT - Round 1 - "), "{draft}");
    assert!(
        has(
            &locked,
            &format!("INITIALLED - {}", initialled.short_fingerprint)
        ),
        "{locked}"
    );
    assert!(
        !has(&locked, "DRAFT"),
        "an initialled text carries no DRAFT mark"
    );
}
