use ssa_core::limits::MAX_PROCESS_BYTES;
use ssa_core::process::{ProcessDefinition, ProcessFileError};

use crate::scaling::{assert_linear, total_len};

/// A process with one step of `items` checklist items, each missing its explanation (one
/// problem per item), under the step id `step_id`.
fn process(step_id: &str, items: usize) -> String {
    let mut text = format!(
        r#"format = "ssa-process/1"
id = "p"
version = "1"
title = {{ en = "Process" }}
provenance = {{ status = "inferred" }}

[[steps]]
id = "{step_id}"
title = {{ en = "Step" }}
block = "preparation"
purpose = {{ en = "Why" }}
provenance = {{ status = "inferred" }}

[steps.gate]
question = {{ en = "Go?" }}
go = {{ en = "Yes" }}
no_go = {{ en = "No" }}
revisit = {{ en = "Later" }}
provenance = {{ status = "inferred" }}
"#
    );
    for i in 0..items {
        text += &format!(
            "\n[[steps.checklist]]\nid = \"item-{i}\"\nlabel = {{ en = \"Item\" }}\nexplanation = {{ en = \"\" }}\nprovenance = {{ status = \"inferred\" }}\n"
        );
    }
    text
}

#[test]
fn a_long_step_id_is_not_repeated_in_the_location_of_each_item() {
    let step_id = "s".repeat(100_000);
    let error = ProcessDefinition::parse("long.toml", &process(&step_id, 1_000)).unwrap_err();
    let problems = error.problems();
    assert!(problems.len() > 1_000);
    // Before: 1,000 locations of 100 KB each (100 MB; a 2 MB file reached 8 GB).
    let total = total_len(problems.iter().map(|p| p.location.as_str()));
    assert!(total < 200_000, "{total} bytes of locations");
    assert!(problems.iter().all(|p| p.line.is_some()));
}

#[test]
fn line_numbers_are_found_in_linear_time() {
    assert_linear(
        "process line numbers",
        2_000,
        |n| process("step", n),
        |text| {
            let error = ProcessDefinition::parse("many.toml", text).unwrap_err();
            assert!(error.problems().len() >= 2_000);
        },
    );
}

#[test]
fn lines_are_still_right() {
    let text = process("step", 3);
    let problems = ProcessDefinition::parse("p.toml", &text)
        .unwrap_err()
        .problems();
    let item_line = |n: usize| {
        text.lines()
            .position(|l| l == format!("id = \"item-{n}\""))
            .unwrap()
            + 1
    };
    for (n, problem) in problems.iter().enumerate() {
        assert_eq!(problem.line, Some(item_line(n)), "{problem}");
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_with_the_limit() {
    let text = format!("# {}\n", "x".repeat(MAX_PROCESS_BYTES));
    let error = ProcessDefinition::parse("big.toml", &text).unwrap_err();
    assert!(matches!(error, ProcessFileError::TooLarge { .. }));
    assert!(error.problems()[0].message.contains("2 MB"));
}

#[test]
fn an_out_of_range_number_is_worded_for_a_person() {
    let text = process("step", 1).replace("version = \"1\"", "version = 99999999999999999999");
    let message = ProcessDefinition::parse("p.toml", &text)
        .unwrap_err()
        .to_string();
    assert!(!message.contains("i128"), "{message}");
    assert!(message.contains("out of range"), "{message}");
}
