//! `ssa simulate <case.toml> [--json]` and `ssa simulate <negotiation> --career <career.toml>`:
//! a career's benefits per party without and with the agreement, and the arithmetic.
//!
//! The `--json` keys are a contract with scripts outside the project (issue 16): per party
//! code, `without_agreement`, `theoretical`, `pro_rata`, `direct`, `with_agreement` (decimal
//! strings, two decimals), `own_periods` and `totalized_periods` (in the party's unit) and
//! `explanation` (lines). Extra keys may be added; these stay.

use std::io::Write;

use serde_json::{json, Map, Value};
use ssa_core::simulation::explain::{money, quantity, unit_name};
use ssa_core::simulation::{render_line, Language, Outcome};

/// The JSON of an outcome, keyed by party code.
pub fn outcome_json(outcome: &Outcome, language: Language) -> Value {
    let mut parties = Map::new();
    for party in &outcome.parties {
        parties.insert(
            party.code.clone(),
            json!({
                "unit": party.unit.as_str(),
                "method": party.method.as_str(),
                "without_agreement": party.without_agreement.to_string(),
                "theoretical": party.theoretical.to_string(),
                "pro_rata": party.pro_rata.to_string(),
                "direct": party.direct.to_string(),
                "independent": party.independent.to_string(),
                "with_agreement": party.with_agreement.to_string(),
                "difference": party.difference.to_string(),
                "own_periods": party.own_periods.to_string(),
                "totalized_periods": party.totalized_periods.to_string(),
                "relieved": party.relieved,
                "explanation": party
                    .explanation
                    .iter()
                    .map(|line| render_line(line, language))
                    .collect::<Vec<_>>(),
            }),
        );
    }
    Value::Object(parties)
}

/// The outcome as text: a line of figures per party, its explanation, then the totals.
pub fn print(outcome: &Outcome, title: Option<&str>, out: &mut dyn Write) {
    let l = Language::En;
    if let Some(title) = title {
        let _ = writeln!(out, "{title}\n");
    }
    for party in &outcome.parties {
        let _ = writeln!(
            out,
            "{}: without the agreement {}, with it {} ({}, difference {}); own periods {} {}, totalized {}",
            party.code,
            money(party.without_agreement, l),
            money(party.with_agreement, l),
            party.method.as_str().replace('_', " "),
            money(party.difference, l),
            quantity(party.own_periods, l),
            unit_name(party.unit, party.own_periods, l),
            quantity(party.totalized_periods, l),
        );
        for line in &party.explanation {
            let _ = writeln!(out, "  {}", render_line(line, l));
        }
    }
    let _ = writeln!(
        out,
        "Total: without the agreement {}, with it {}, difference {}",
        money(outcome.total_without, l),
        money(outcome.total_with, l),
        money(outcome.total_difference, l)
    );
}

/// `ssa simulate <case.toml>`: needs no database. Exit 1 on a bad file, 2 when unreadable.
pub fn case_file(
    file: &std::path::Path,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let text = match ssa_api::read_for_import(
        file,
        ssa_core::simulation::case_file::MAX_CASE_FILE_BYTES,
        "case file",
    ) {
        Ok((_, text)) => text,
        Err(error) => {
            let _ = writeln!(err, "ssa: {}", error.message);
            return 2;
        }
    };
    match ssa_core::simulation::case_file::parse_case(&text) {
        Ok(case_file) => {
            // A parsed case is validated, so it simulates.
            let Ok(outcome) = ssa_core::simulation::simulate(&case_file.case) else {
                let _ = writeln!(
                    err,
                    "ssa: {}: the case could not be simulated",
                    file.display()
                );
                return 1;
            };
            if json {
                let _ = writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&outcome_json(&outcome, Language::En))
                        .expect("JSON values serialise")
                );
            } else {
                print(&outcome, case_file.title.as_deref(), out);
            }
            0
        }
        Err(problems) => {
            for problem in problems {
                let _ = writeln!(err, "{}: {problem}", file.display());
            }
            1
        }
    }
}
