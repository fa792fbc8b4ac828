//! The step report's input: the negotiation's progress through the process
//! ([`Workbench::negotiation_process`]) and its feasibility study ([`Workbench::feasibility_view`]).

use ssa_core::documents::branch::Branch;
use ssa_core::documents::feasibility::{Coverage, SchemeRow};
use ssa_pdf::step_report::{
    ChecklistItem, Comparison, ComparisonRow, GateDecision, StepReportInput, StepSection,
};

use super::words::{pick, Words};
use crate::process_dto::{ProcessStepDto, StepStatusDto};
use crate::{ApiError, Workbench};

impl Workbench {
    pub(crate) fn prepare_step_report(
        &self,
        negotiation_id: &str,
        language: &str,
    ) -> Result<StepReportInput, ApiError> {
        let negotiation = self.get_negotiation(negotiation_id)?;
        let process = self.negotiation_process(negotiation_id)?;
        let feasibility = self.feasibility_view(negotiation_id)?;
        let words = Words::of(language);
        let now = self.clock.now();
        let date = words.long_date(now.date_naive());
        let columns: Vec<String> = feasibility
            .parties
            .iter()
            .map(|p| p.name.clone())
            .chain([words.team_choice.to_string()])
            .collect();
        let rows = Branch::ALL
            .iter()
            .map(|branch| {
                let mut values: Vec<String> = feasibility
                    .parties
                    .iter()
                    .map(|party| {
                        let row = feasibility
                            .feasibility
                            .schemes
                            .iter()
                            .find(|r| r.branch == *branch && r.party == party.iso_code);
                        scheme_cell(row, words)
                    })
                    .collect();
                values.push(
                    match feasibility.feasibility.coverage.get(branch) {
                        Some(Coverage::Covered) => words.covered,
                        Some(Coverage::NotCovered) => words.not_covered,
                        None => words.not_decided,
                    }
                    .to_string(),
                );
                ComparisonRow {
                    topic: words.branch(*branch).to_string(),
                    values,
                }
            })
            .collect();
        let notes = feasibility.feasibility.notes.trim();
        Ok(StepReportInput {
            negotiation: negotiation.title,
            status: date.clone(),
            date: format!(
                "{date} · {} ({}) · {}%",
                pick(&process.process_title, language),
                process.process_version,
                process.percent
            ),
            steps: process
                .steps
                .iter()
                .map(|step| step_section(step, language, words))
                .collect(),
            comparison: Some(Comparison {
                title: words.feasibility_title.to_string(),
                columns,
                rows,
                note: if notes.is_empty() {
                    String::new()
                } else {
                    format!("{}: {notes}", words.feasibility_notes)
                },
            }),
            language: language.to_string(),
            created_unix: now.timestamp(),
            labels: words.step_report_labels(),
        })
    }
}

fn step_section(step: &ProcessStepDto, language: &str, words: &Words) -> StepSection {
    let mut summary = format!(
        "{} · {}/{}",
        words.step_status(step.status),
        step.ticked,
        step.total
    );
    if step.status == StepStatusDto::Skipped && !step.skip_reason.trim().is_empty() {
        summary.push_str(&format!(
            " · {} {}",
            words.skipped_because,
            step.skip_reason.trim()
        ));
    }
    StepSection {
        title: format!(
            "{} {} – {}",
            words.step,
            step.number,
            pick(&step.title, language)
        ),
        summary,
        items: step
            .checklist
            .iter()
            .map(|item| {
                let mut note = item.answer.note.trim().to_string();
                for attachment in &item.answer.attachments {
                    if !note.is_empty() {
                        note.push('\n');
                    }
                    note.push_str(if attachment.label.trim().is_empty() {
                        &attachment.path
                    } else {
                        &attachment.label
                    });
                }
                ChecklistItem {
                    text: pick(&item.label, language).to_string(),
                    done: item.answer.done,
                    who: item.answer.who.clone(),
                    when: item
                        .answer
                        .when
                        .as_deref()
                        .map(|w| words.stored_date(w))
                        .unwrap_or_default(),
                    note,
                }
            })
            .collect(),
        gates: step
            .gate
            .decision
            .iter()
            .map(|decision| GateDecision {
                gate: pick(&step.gate.question, language).to_string(),
                decision: words.gate_choice(decision.choice).to_string(),
                date: words.stored_date(&decision.date),
                note: decision.rationale.clone(),
            })
            .collect(),
    }
}

/// One party's scheme for a branch, in a few lines.
fn scheme_cell(row: Option<&SchemeRow>, words: &Words) -> String {
    let Some(row) = row else {
        return words.not_described.to_string();
    };
    match row.exists {
        None => words.not_described.to_string(),
        Some(false) => words.no_scheme.to_string(),
        Some(true) => {
            let mut lines = vec![row
                .scheme_type
                .map(|t| words.scheme_type(t))
                .unwrap_or(words.not_described)
                .to_string()];
            for (label, text) in [
                (words.persons_covered, &row.persons_covered),
                (words.qualifying_period, &row.qualifying_period),
                (words.export_rules, &row.export_rules),
                (words.conditions, &row.conditions),
            ] {
                if !text.trim().is_empty() {
                    lines.push(format!("{label}: {}", text.trim()));
                }
            }
            lines.join("\n")
        }
    }
}
