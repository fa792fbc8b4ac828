//! `ssa feasibility <negotiation>`: the feasibility study as text, branch by branch: each
//! party's scheme, what the coverage rule suggests and why, and the team's choice; then the
//! corridor figures and the chapters of the draft agreement.

use std::io::Write;

use ssa_api::documents::FeasibilityDto;
use ssa_core::documents::feasibility::{
    CorridorKind, Coverage, SchemeType, Suggestion, SuggestionReason,
};

fn scheme_type(kind: Option<SchemeType>) -> &'static str {
    match kind {
        Some(SchemeType::Contributory) => "contributory",
        Some(SchemeType::NonContributory) => "non-contributory",
        Some(SchemeType::ProvidentFund) => "provident fund",
        None => "type not given",
    }
}

fn reason(reason: &SuggestionReason) -> String {
    match reason {
        SuggestionReason::AllContributory => "every party has a contributory scheme".into(),
        SuggestionReason::NoScheme { party } => format!("{party} has no scheme"),
        SuggestionReason::NonContributory { party } => {
            format!("{party}'s scheme is paid out of public funds, often excluded from export")
        }
        SuggestionReason::SchemeTypesDiffer => {
            "provident fund beside a pension scheme: totalization does not fit as such".into()
        }
        SuggestionReason::AllProvidentFunds => {
            "provident funds only: secure payment of balances abroad".into()
        }
        SuggestionReason::NotCompared { party } => format!("{party} is not described yet"),
    }
}

pub fn print(view: &FeasibilityDto, title: &str, out: &mut dyn Write) {
    let _ = writeln!(out, "Feasibility study: {title}\n");
    for suggestion in &view.suggestions {
        let branch = suggestion.branch;
        let advice = match suggestion.suggestion {
            Suggestion::Cover => "cover",
            Suggestion::Consider => "consider",
            Suggestion::DoNotCover => "do not cover",
            Suggestion::Incomplete => "cannot say yet",
        };
        let choice = match view.feasibility.coverage.get(&branch) {
            Some(Coverage::Covered) => "covered",
            Some(Coverage::NotCovered) => "not covered",
            None => "not decided",
        };
        let _ = writeln!(
            out,
            "{}: suggested {advice} ({}); chosen: {choice}",
            branch.name(),
            reason(&suggestion.reason)
        );
        for party in &view.parties {
            let row = view
                .feasibility
                .schemes
                .iter()
                .find(|r| r.branch == branch && r.party == party.iso_code);
            let line = match row {
                None => "not described".to_string(),
                Some(row) if row.exists == Some(false) => "no scheme".to_string(),
                Some(row) => {
                    let mut parts = vec![scheme_type(row.scheme_type).to_string()];
                    for (label, text) in [
                        ("persons covered", &row.persons_covered),
                        ("qualifying period", &row.qualifying_period),
                        ("export", &row.export_rules),
                        ("conditions", &row.conditions),
                        ("notes", &row.notes),
                    ] {
                        if !text.trim().is_empty() {
                            parts.push(format!("{label}: {}", text.trim()));
                        }
                    }
                    parts.join("; ")
                }
            };
            let _ = writeln!(out, "  {:<4} {line}", party.iso_code);
        }
    }
    if !view.feasibility.corridor.is_empty() {
        let _ = writeln!(out, "\nCorridor");
        for figure in &view.feasibility.corridor {
            let what = match figure.kind {
                CorridorKind::MigrantWorkers => "migrant workers",
                CorridorKind::PostedWorkers => "posted workers",
                CorridorKind::PensionersAbroad => "pensioners abroad",
            };
            let count = figure.count.map_or("?".to_string(), |c| c.to_string());
            let year = figure
                .year
                .map_or("year not given".to_string(), |y| y.to_string());
            let source = if figure.source.is_empty() {
                "source not given"
            } else {
                figure.source.as_str()
            };
            let _ = writeln!(
                out,
                "  {what} {} → {}: {count} ({year}; {source})",
                figure.from, figure.to
            );
        }
    }
    let _ = writeln!(out, "\nChapters of the draft agreement");
    for chapter in &view.chapters {
        let state = |value: Option<bool>| match value {
            Some(true) => "in",
            Some(false) => "out",
            None => "-",
        };
        let _ = writeln!(
            out,
            "  {:<26} chosen {:<3}  draft {}",
            chapter.flag,
            state(chapter.chosen),
            if view.has_draft {
                state(chapter.in_draft)
            } else {
                "no draft yet"
            }
        );
    }
}
