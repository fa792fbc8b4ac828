//! The eight-step process through the boundary: ticking items and recording a gate survive a
//! restart and show on the home list; a process file is validated in full, imported as a new
//! version, exported byte for byte; a negotiation moves to the new version keeping the answers
//! whose ids match; `ssa process` prints the same.

use ssa_api::dto::{
    AttachmentDto, GateChoiceDto, GateDecisionDto, ItemAnswerDto, ShelfDto, StepStatusDto,
};
use ssa_api::{ErrorCode, DEFAULT_PROCESS_TOML};

use crate::support::{input, Place};

fn ticked(who: &str) -> ItemAnswerDto {
    ItemAnswerDto {
        done: true,
        who: who.into(),
        when: Some("2026-03-02".into()),
        note: "From the 2025 census".into(),
        attachments: vec![AttachmentDto {
            path: "/shared/corridor-figures.xlsx".into(),
            label: "Figures".into(),
        }],
    }
}

/// The shipped file as a newer version, with one item renamed and one step's id changed.
fn newer_process() -> String {
    DEFAULT_PROCESS_TOML
        .replace("version = \"2026.2\"", "version = \"2026.3\"")
        .replace("id = \"need-gaps\"", "id = \"need-protection-gaps\"")
}

#[test]
fn ticks_and_a_gate_decision_survive_a_restart_and_show_on_the_home_list() {
    let place = Place::new();
    let session = place.session();
    let id = session
        .with(|w| w.create_negotiation(input("A–B")))
        .unwrap()
        .id;
    session
        .with(|w| w.set_item_answer(&id, "need-corridor-data", ticked("M. Actuary")))
        .unwrap();
    let view = session
        .with(|w| w.set_item_answer(&id, "need-gaps", ticked("L. Lawyer")))
        .unwrap();
    assert_eq!(view.steps[0].status, StepStatusDto::InProgress);
    assert_eq!((view.steps[0].ticked, view.steps[0].total), (2, 6));
    let view = session
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
    assert_eq!(view.current_step, "feasibility");
    assert_eq!(view.steps[0].percent, 100);
    drop(session);

    let session = place.session();
    let view = session.with(|w| w.negotiation_process(&id)).unwrap();
    let item = &view.steps[0].checklist[0];
    assert_eq!(item.answer, ticked("M. Actuary"));
    let gate = view.steps[0].gate.decision.as_ref().unwrap();
    assert_eq!(
        (gate.choice, gate.date.as_str()),
        (GateChoiceDto::Go, "2026-03-10")
    );
    assert_eq!(view.steps[0].status, StepStatusDto::Done);
    assert!(view
        .next_actions
        .iter()
        .all(|action| action.step_id == "feasibility"));
    let listed = &session
        .with(|w| w.list_negotiations(ShelfDto::Active))
        .unwrap()[0];
    assert_eq!(listed.current_step.id, "feasibility");
    assert_eq!(listed.current_step.number, 2);
    assert_eq!(listed.current_step.percent_done, view.percent);
    assert_eq!(view.percent, 100 / 8);
}

#[test]
fn refused_changes_say_what_is_wrong_and_store_nothing() {
    let place = Place::new();
    let session = place.session();
    let id = session
        .with(|w| w.create_negotiation(input("A–B")))
        .unwrap()
        .id;
    let before = session.with(|w| w.negotiation_process(&id)).unwrap();

    let error = session
        .with(|w| w.set_step_status(&id, "contact", StepStatusDto::Skipped, " "))
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert!(error.message.contains("\"contact\""), "{}", error.message);

    let mut bad_date = ticked("X");
    bad_date.when = Some("10/03/2026".into());
    let error = session
        .with(|w| w.set_item_answer(&id, "need-gaps", bad_date))
        .unwrap_err();
    assert!(
        error.message.contains("need-gaps") && error.message.contains("YYYY-MM-DD"),
        "{}",
        error.message
    );
    let error = session
        .with(|w| w.set_item_answer(&id, "no-such-item", ticked("X")))
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::NotFound);
    assert_eq!(
        session.with(|w| w.negotiation_process(&id)).unwrap(),
        before
    );

    let skipped = session
        .with(|w| {
            w.set_step_status(
                &id,
                "contact",
                StepStatusDto::Skipped,
                "Talks held by the ministers",
            )
        })
        .unwrap();
    assert_eq!(skipped.steps[3].skip_reason, "Talks held by the ministers");
}

#[test]
fn a_broken_process_file_is_refused_with_lines_and_nothing_is_stored() {
    let place = Place::new();
    let session = place.session();
    let broken = newer_process()
        .replace("id = \"feas-cost\"", "id = \"feas-reciprocity\"")
        .replace("block = \"conclusion\"", "block = \"closing\"");
    let error = session
        .with(|w| w.import_process("edited.toml", &broken))
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert_eq!(error.problems.len(), 3, "{:?}", error.problems);
    assert!(error.problems[0]
        .field
        .contains("item \"feas-reciprocity\""));
    assert!(error.problems[0].message.starts_with("line "));
    assert_eq!(session.with(|w| w.list_processes()).unwrap().len(), 1);

    std::fs::write(place.dir.path().join("edited.toml"), &broken).unwrap();
    let file = place.dir.path().join("edited.toml");
    let (code, out, _) = place.ssa(&["process", "validate", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("3 problem(s)") && out.contains("unknown block \"closing\""),
        "{out}"
    );
}

#[test]
fn a_newer_version_is_imported_and_a_negotiation_moves_to_it_keeping_matching_answers() {
    let place = Place::new();
    let session = place.session();
    let id = session
        .with(|w| w.create_negotiation(input("A–B")))
        .unwrap()
        .id;
    for item in ["need-corridor-data", "need-gaps"] {
        session
            .with(|w| w.set_item_answer(&id, item, ticked("T")))
            .unwrap();
    }
    let imported = session
        .with(|w| w.import_process("newer.toml", &newer_process()))
        .unwrap();
    assert_eq!(imported.version, "2026.3");
    let again = session
        .with(|w| w.import_process("newer.toml", &newer_process()))
        .unwrap_err();
    assert!(
        again.message.contains("already stored"),
        "{}",
        again.message
    );

    let view = session.with(|w| w.negotiation_process(&id)).unwrap();
    assert_eq!(view.process_version, "2026.2");
    assert_eq!(view.newer_version.as_deref(), Some("2026.3"));

    let switched = session
        .with(|w| w.switch_process_version(&id, "ssa-eight-step", "2026.3"))
        .unwrap();
    assert_eq!(switched.dropped_items, vec!["need-gaps".to_string()]);
    assert_eq!(switched.process.process_version, "2026.3");
    assert_eq!(switched.process.newer_version, None);
    assert!(switched.process.steps[0].checklist[0].answer.done);
    assert_eq!(switched.process.steps[0].ticked, 1);

    // A negotiation created now still starts on the shipped version it was made with.
    let other = session
        .with(|w| w.create_negotiation(input("C–D")))
        .unwrap()
        .id;
    let other_view = session.with(|w| w.negotiation_process(&other)).unwrap();
    assert_eq!(other_view.process_version, "2026.2");

    let out_file = place.dir.path().join("exported.toml");
    session
        .with(|w| w.export_process_file("ssa-eight-step", "2026.3", &out_file))
        .unwrap();
    assert_eq!(std::fs::read_to_string(&out_file).unwrap(), newer_process());
}

#[test]
fn the_command_line_prints_each_step_with_its_status_and_checklist_progress() {
    let place = Place::new();
    let session = place.session();
    let id = session
        .with(|w| w.create_negotiation(input("A–B")))
        .unwrap()
        .id;
    for item in ["need-corridor-data", "need-gaps", "need-instruments"] {
        session
            .with(|w| w.set_item_answer(&id, item, ticked("T")))
            .unwrap();
    }
    drop(session);
    let (code, out, err) = place.ssa(&["process", &id]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("> 1. Identify the need and choose the partner country  [in progress]  3/6"),
        "{out}"
    );
    assert!(
        out.contains("  2. Feasibility and technical assessment  [not started]  0/7"),
        "{out}"
    );
    assert!(out.contains("step 1: Partner has a scheme"), "{out}");

    let exported = place.dir.path().join("process.toml");
    let (code, _, err) = place.ssa(&["process", "export", exported.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(&exported).unwrap(),
        DEFAULT_PROCESS_TOML
    );
    std::fs::write(&exported, newer_process()).unwrap();
    let (code, out, err) = place.ssa(&["process", "import", exported.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("imported ssa-eight-step 2026.3"), "{out}");
    let (code, out, _) = place.ssa(&["process", "upgrade", &id]);
    assert_eq!(code, 0);
    assert!(
        out.contains("dropped the answer to item need-gaps"),
        "{out}"
    );
    let (code, _, err) = place.ssa(&["process", "no-such-negotiation"]);
    assert_eq!(code, 2);
    assert!(err.contains("no-such-negotiation"), "{err}");
}
