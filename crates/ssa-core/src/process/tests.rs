use chrono::NaiveDate;

use super::progress::*;
use super::*;
use crate::typography::{excerpt_around, french_spacing_faults};

const SHIPPED: &str = include_str!("../../../../assets/process/eight-step-process.toml");

/// Two steps, the smallest complete file; tests break it one way at a time.
const MINIMAL: &str = r#"format = "ssa-process/1"
id = "p"
version = "1"
title = { en = "Process" }
provenance = { status = "inferred" }

[[steps]]
id = "need"
title = { en = "Identify the need", fr = "Identifier le besoin" }
block = "preparation"
purpose = { en = "Why" }
provenance = { status = "inferred", sources = ["P7"] }

[[steps.checklist]]
id = "need-data"
label = { en = "Data assembled" }
explanation = { en = "Figures" }
provenance = { status = "inferred" }

[[steps.checklist]]
id = "need-gaps"
label = { en = "Gaps found" }
explanation = { en = "Per branch" }
provenance = { status = "inferred" }

[steps.gate]
question = { en = "Explore?" }
go = { en = "Yes" }
no_go = { en = "No" }
revisit = { en = "Later" }
provenance = { status = "inferred" }

[[steps]]
id = "feasibility"
title = { en = "Feasibility" }
block = "preparation"
purpose = { en = "Check" }
provenance = { status = "sourced" }

[[steps.outputs]]
id = "feasibility"
title = { en = "Feasibility report" }
provenance = { status = "inferred" }

[[steps.checklist]]
id = "feas-legislation"
label = { en = "Legislation compared" }
explanation = { en = "Branch by branch" }
provenance = { status = "inferred" }

[steps.gate]
question = { en = "Negotiate?" }
go = { en = "Yes" }
no_go = { en = "No" }
revisit = { en = "Later" }
provenance = { status = "inferred" }
"#;

fn minimal() -> ProcessDefinition {
    ProcessDefinition::parse("p.toml", MINIMAL).unwrap()
}

fn problems(text: &str) -> Vec<ProcessProblem> {
    match ProcessDefinition::parse("p.toml", text) {
        Err(ProcessFileError::Invalid { problems, .. }) => problems,
        other => panic!("expected validation problems, got {other:?}"),
    }
}

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).expect(needle)]
        .matches('\n')
        .count()
        + 1
}

fn date(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, day).unwrap()
}

/// Every text of a step, each with where it sits (for the failure message).
fn step_texts(step: &StepDefinition) -> Vec<(String, &LocalizedText)> {
    let mut texts = vec![
        ("title".to_string(), &step.title),
        ("purpose".to_string(), &step.purpose),
    ];
    texts.extend(step.actors.iter().map(|t| ("actor".to_string(), t)));
    texts.extend(step.inputs.iter().map(|t| ("input".to_string(), t)));
    for output in &step.outputs {
        texts.push((format!("output {}", output.id.get_ref()), &output.title));
    }
    for item in &step.checklist {
        let at = format!("checklist item {}", item.id.get_ref());
        texts.push((format!("{at} label"), &item.label));
        texts.push((format!("{at} explanation"), &item.explanation));
    }
    if let Some(gate) = &step.gate {
        texts.push(("gate question".to_string(), &gate.question));
        for (answer, text) in [
            ("go", &gate.go),
            ("no-go", &gate.no_go),
            ("revisit", &gate.revisit),
        ] {
            texts.extend(text.iter().map(|t| (format!("gate {answer}"), t)));
        }
    }
    texts.extend(
        step.pitfalls
            .iter()
            .map(|p| ("pitfall".to_string(), &p.text)),
    );
    texts
}

#[test]
fn the_shipped_process_has_eight_complete_steps_in_three_languages() {
    let process = ProcessDefinition::parse("eight-step-process.toml", SHIPPED).unwrap();
    assert_eq!(process.steps.len(), 8);
    let mut faults = Vec::new();
    let mut texts = vec![("process".to_string(), "title".to_string(), &process.title)];
    for step in &process.steps {
        assert!(!step.checklist.is_empty(), "{}", step.id());
        assert!(step.gate.is_some(), "{}", step.id());
        texts.extend(
            step_texts(step)
                .into_iter()
                .map(|(at, text)| (format!("step {}", step.id()), at, text)),
        );
    }
    for (step, at, text) in &texts {
        for language in ["fr", "es"] {
            if text.translation(language).is_none() {
                faults.push(format!(
                    "{step}, {at}: \"{}\" has no {language} text",
                    text.en
                ));
            }
        }
        if let Some(french) = text.translation("fr") {
            faults.extend(french_spacing_faults(french).into_iter().map(|fault| {
                format!(
                    "{step}, {at} (fr): no no-break space at '{}' in \"{}\"",
                    fault.mark,
                    excerpt_around(french, fault.at)
                )
            }));
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    assert!(texts.len() > 200, "only {} texts found", texts.len());
    let output_ids: Vec<&str> = process
        .steps
        .iter()
        .flat_map(|s| s.outputs.iter().map(|o| o.id.get_ref().as_str()))
        .collect();
    for id in [
        "feasibility",
        "mandate",
        "rounds",
        "ratification",
        "arrangement",
        "monitoring",
    ] {
        assert!(output_ids.contains(&id), "output {id} missing");
    }
}

#[test]
fn parses_steps_in_order_with_numbers_and_falls_back_to_english_visibly() {
    let process = minimal();
    assert_eq!(process.first_step().id(), "need");
    let (number, step) = process.step("feasibility").unwrap();
    assert_eq!(number, 2);
    assert_eq!(step.title.get("fr"), "Feasibility");
    assert_eq!(step.title.translation("fr"), None);
    assert_eq!(
        process.step("need").unwrap().1.title.get("fr"),
        "Identifier le besoin"
    );
    assert_eq!(
        process.item("feas-legislation").unwrap().0.id(),
        "feasibility"
    );
}

#[test]
fn a_syntax_error_names_the_file_and_line() {
    let broken = MINIMAL.replace("purpose = { en = \"Check\" }", "purpose = ");
    let error = ProcessDefinition::parse("p.toml", &broken).unwrap_err();
    let ProcessFileError::Syntax { line, .. } = &error else {
        panic!("{error:?}")
    };
    let expected = line_of(&broken, "purpose = \n");
    assert_eq!(*line, expected, "{error}");
    assert!(error
        .to_string()
        .starts_with(&format!("p.toml, line {expected}:")));
}

#[test]
fn an_unknown_block_or_field_is_refused_with_its_line() {
    let broken = MINIMAL.replace(
        "[steps.gate]\nquestion = { en = \"Explore?\" }",
        "[steps.gates]\nquestion = { en = \"Explore?\" }",
    );
    let error = ProcessDefinition::parse("p.toml", &broken).unwrap_err();
    assert!(
        matches!(error, ProcessFileError::Syntax { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("gates"), "{error}");

    let unknown_language = MINIMAL.replace("{ en = \"Why\" }", "{ en = \"Why\", de = \"Warum\" }");
    let error = ProcessDefinition::parse("p.toml", &unknown_language).unwrap_err();
    let expected = line_of(&unknown_language, "de = ");
    assert!(
        error.to_string().contains(&format!("line {expected}")),
        "{error}"
    );
}

#[test]
fn wrong_format_and_duplicate_step_ids_are_reported_together_with_lines() {
    let broken = MINIMAL
        .replace("ssa-process/1", "ssa-process/9")
        .replace("id = \"feasibility\"\ntitle", "id = \"need\"\ntitle");
    let found = problems(&broken);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].message.contains("ssa-process/9"));
    assert_eq!(
        found[1].line,
        Some(line_of(
            &broken,
            "id = \"need\"\ntitle = { en = \"Feasibility"
        ))
    );
    assert_eq!(found[1].location, "step 2 \"need\"");
    assert!(found[1].message.contains("used twice"));
}

#[test]
fn a_duplicate_item_id_names_the_item_and_its_line() {
    let broken = MINIMAL.replace("id = \"feas-legislation\"", "id = \"need-data\"");
    let found = problems(&broken);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].line,
        Some(line_of(
            &broken,
            "id = \"need-data\"\nlabel = { en = \"Legislation"
        ))
    );
    assert!(found[0]
        .location
        .starts_with("item \"need-data\" of step 2"));
}

#[test]
fn missing_english_text_is_reported_per_field() {
    let broken = MINIMAL.replace(
        "label = { en = \"Gaps found\" }",
        "label = { en = \"\", fr = \"Lacunes\" }",
    );
    let found = problems(&broken);
    assert_eq!(found[0].location, "item \"need-gaps\" of step 1 \"need\"");
    assert!(
        found[0].message.contains("label has no English text"),
        "{found:?}"
    );
    assert_eq!(found[0].line, Some(line_of(&broken, "id = \"need-gaps\"")));

    let without_en = MINIMAL.replace("{ en = \"Why\" }", "{ fr = \"Pourquoi\" }");
    let error = ProcessDefinition::parse("p.toml", &without_en).unwrap_err();
    assert!(error.to_string().contains("en"), "{error}");
}

#[test]
fn an_empty_checklist_a_bad_gate_and_an_unknown_block_name_are_reported() {
    let start = MINIMAL
        .find("[[steps.checklist]]\nid = \"feas-legislation\"")
        .unwrap();
    let end = MINIMAL[start..].find("[steps.gate]").unwrap() + start;
    let mut broken = format!("{}{}", &MINIMAL[..start], &MINIMAL[end..]);
    broken = broken
        .replace(
            "revisit = { en = \"Later\" }\nprovenance = { status = \"inferred\" }\n\n[[steps]]",
            "provenance = { status = \"inferred\" }\n\n[[steps]]",
        )
        .replace(
            "block = \"preparation\"\npurpose = { en = \"Check\" }",
            "block = \"drafting\"\npurpose = { en = \"Check\" }",
        );
    let messages: Vec<String> = problems(&broken).iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(
        messages[0].contains("gate of step 1 \"need\"")
            && messages[0].contains("\"revisit\" is missing"),
        "{messages:?}"
    );
    assert!(
        messages[1].contains("unknown block \"drafting\""),
        "{messages:?}"
    );
    assert!(messages[2].contains("checklist is empty"), "{messages:?}");
    let step_line = line_of(&broken, "id = \"feasibility\"");
    assert!(
        messages[2].starts_with(&format!("line {step_line}, step 2 \"feasibility\"")),
        "{messages:?}"
    );
}

#[test]
fn a_missing_gate_and_no_steps_are_reported() {
    let start = MINIMAL.rfind("[steps.gate]").unwrap();
    let found = problems(&MINIMAL[..start]);
    assert!(found[0].message.contains("has no gate"), "{found:?}");

    let header = &MINIMAL[..MINIMAL.find("[[steps]]").unwrap()];
    let found = problems(&format!("{header}steps = []\n"));
    assert!(found[0].message.contains("no steps"), "{found:?}");
}

#[test]
fn a_file_round_trips_through_serialisation() {
    let process = ProcessDefinition::parse("eight-step-process.toml", SHIPPED).unwrap();
    let written = toml::to_string(&process).unwrap();
    let again = ProcessDefinition::parse("written.toml", &written).unwrap();
    assert_eq!(again, process);
}

#[test]
fn ticking_an_item_starts_its_step_and_counts_in_the_summary() {
    let process = minimal();
    let mut progress = Progress::default();
    progress
        .set_answer(
            &process,
            "need-data",
            ItemAnswer {
                done: true,
                who: "  A. Lawyer ".into(),
                when: Some(date(2)),
                note: "from the census".into(),
                attachments: vec![Attachment {
                    path: "/docs/corridor.xlsx".into(),
                    label: "figures".into(),
                }],
            },
        )
        .unwrap();
    assert_eq!(progress.answer("need-data").who, "A. Lawyer");
    assert_eq!(progress.step_state("need").status, StepStatus::InProgress);
    let summary = summarize(&process, &progress, "need");
    assert_eq!((summary.steps[0].ticked, summary.steps[0].total), (1, 2));
    assert_eq!(summary.steps[0].percent, 50);
    assert_eq!(summary.percent, 25);
    assert_eq!(
        summary.next_actions,
        vec![NextAction {
            step_id: "need".into(),
            item_id: "need-gaps".into()
        }]
    );
    // Unticking with nothing else recorded removes the answer.
    progress
        .set_answer(&process, "need-data", ItemAnswer::default())
        .unwrap();
    assert!(progress.answers.is_empty());
}

#[test]
fn bad_answers_and_statuses_are_refused_and_change_nothing() {
    let process = minimal();
    let mut progress = Progress::default();
    let before = progress.clone();
    assert_eq!(
        progress.set_answer(&process, "nope", ItemAnswer::default()),
        Err(ProgressError::UnknownItem("nope".into()))
    );
    let with_empty_path = ItemAnswer {
        done: true,
        attachments: vec![Attachment {
            path: " ".into(),
            label: "x".into(),
        }],
        ..ItemAnswer::default()
    };
    assert!(matches!(
        progress.set_answer(&process, "need-data", with_empty_path),
        Err(ProgressError::AttachmentWithoutPath { number: 1, .. })
    ));
    assert_eq!(
        progress.set_status(&process, "need", StepStatus::Skipped, "  "),
        Err(ProgressError::SkipWithoutReason("need".into()))
    );
    assert_eq!(progress, before);
    progress
        .set_status(
            &process,
            "need",
            StepStatus::Skipped,
            "Partner already chosen",
        )
        .unwrap();
    assert_eq!(
        progress.step_state("need").skip_reason,
        "Partner already chosen"
    );
    // A skipped step is not work to do: the overall percent counts the other step only.
    assert_eq!(summarize(&process, &progress, "feasibility").percent, 0);
}

#[test]
fn a_go_closes_the_current_step_and_moves_on_while_revisit_keeps_it_open() {
    let process = minimal();
    let mut progress = Progress::default();
    let decision = |choice| GateDecision {
        choice,
        date: date(5),
        rationale: " Worth it ".into(),
    };
    let current = progress
        .record_gate(&process, "need", decision(GateChoice::Revisit), "need")
        .unwrap();
    assert_eq!(current, "need");
    assert_eq!(progress.step_state("need").status, StepStatus::InProgress);
    let current = progress
        .record_gate(&process, "need", decision(GateChoice::Go), "need")
        .unwrap();
    assert_eq!(current, "feasibility");
    assert_eq!(
        progress.step_state("feasibility").status,
        StepStatus::InProgress
    );
    let state = progress.step_state("need");
    assert_eq!(state.status, StepStatus::Done);
    assert_eq!(state.gate.unwrap().rationale, "Worth it");
    let summary = summarize(&process, &progress, &current);
    assert_eq!(summary.steps[0].percent, 100);
    assert_eq!(summary.percent, 50);
    // A go on the last step leaves it current.
    assert_eq!(
        progress
            .record_gate(
                &process,
                "feasibility",
                decision(GateChoice::Go),
                "feasibility"
            )
            .unwrap(),
        "feasibility"
    );
    assert!(matches!(
        progress.record_gate(&process, "x", decision(GateChoice::Go), "need"),
        Err(ProgressError::UnknownStep(_))
    ));
}

#[test]
fn moving_to_a_new_version_keeps_answers_whose_ids_match_and_lists_the_others() {
    let old = minimal();
    let mut progress = Progress::default();
    for item in ["need-data", "need-gaps", "feas-legislation"] {
        progress
            .set_answer(
                &old,
                item,
                ItemAnswer {
                    done: true,
                    ..ItemAnswer::default()
                },
            )
            .unwrap();
    }
    progress
        .set_status(&old, "feasibility", StepStatus::InProgress, "")
        .unwrap();
    let newer_text = MINIMAL
        .replace("version = \"1\"", "version = \"2\"")
        .replace("id = \"need-gaps\"", "id = \"need-gaps-per-branch\"")
        .replace("id = \"feasibility\"\ntitle", "id = \"assessment\"\ntitle");
    let newer = ProcessDefinition::parse("p2.toml", &newer_text).unwrap();
    let (kept, dropped) = progress.carried_to(&newer);
    assert_eq!(
        kept.answers.keys().collect::<Vec<_>>(),
        vec!["feas-legislation", "need-data"]
    );
    assert_eq!(dropped.items, vec!["need-gaps".to_string()]);
    assert_eq!(dropped.steps, vec!["feasibility".to_string()]);
    assert_eq!(kept.step_state("need").status, StepStatus::InProgress);
}

#[test]
fn versions_compare_as_dotted_numbers() {
    use std::cmp::Ordering;
    assert_eq!(compare_versions("2026.10", "2026.9"), Ordering::Greater);
    assert_eq!(compare_versions("2026.2", "2026.2"), Ordering::Equal);
    assert_eq!(compare_versions("1.0", "1.0.1"), Ordering::Less);
}
