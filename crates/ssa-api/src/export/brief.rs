//! The negotiation brief's input from the four-column view of a round
//! ([`Workbench::positions_view`]).
//!
//! The counterpart variant takes nothing from the mandate, the red-line warnings or the
//! justifications, whatever the view holds; only the internal variant fills the mandate column.

use ssa_core::mandate::{Limit, MandateEntry};
use ssa_core::rounds::{Round, Side};
use ssa_core::template::{months_text, ParameterType};
use ssa_pdf::brief::{BriefInput, BriefRow};

use super::words::Words;
use crate::rounds::ArticleRowDto;
use crate::{ApiError, ErrorCode, Workbench};

impl Workbench {
    pub(crate) fn prepare_brief(
        &self,
        negotiation_id: &str,
        round_id: Option<&str>,
        internal: bool,
        language: &str,
    ) -> Result<BriefInput, ApiError> {
        let negotiation = self.get_negotiation(negotiation_id)?;
        let view = self.positions_view(negotiation_id, round_id)?;
        let Some(round) = view
            .round_id
            .as_deref()
            .and_then(|id| view.rounds.iter().find(|r| r.id == id))
        else {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!(
                    "Negotiation \"{}\" has no round yet: add a round in the Rounds area before exporting a brief.",
                    negotiation.title
                ),
            ));
        };
        let words = Words::of(language);
        let now = self.clock.now();
        let date = words.long_date(now.date_naive());
        let parameters = self.parameter_labels(negotiation_id)?;
        let round_name = format!("{} {}", words.round, round.number);
        // The header dates the paper by its round (when the round's date is recorded), not by
        // the day it happened to be printed.
        let round_date = if round.held_on.is_empty() {
            date.clone()
        } else {
            words.stored_date(&round.held_on)
        };
        Ok(BriefInput {
            title: negotiation.title,
            round: round_heading(round, words),
            status: if internal {
                format!("{} - {round_name} - {round_date}", words.internal)
            } else {
                format!("{round_name} - {round_date}")
            },
            date: format!("{} {date}", words.as_of),
            internal,
            rows: view
                .rows
                .iter()
                .map(|row| brief_row(row, internal, words, &parameters))
                .collect(),
            // The word across every page makes the internal paper hard to hand over by mistake.
            watermark: internal.then(|| words.internal.to_string()),
            language: language.to_string(),
            created_unix: now.timestamp(),
            labels: words.brief_labels(),
            simulation: None,
        })
    }

    /// How a limit names a parameter and its value: ("Posting duration", "12 months").
    fn parameter_labels(&self, negotiation_id: &str) -> Result<ParameterNames, ApiError> {
        Ok(ParameterNames(match self.get_draft(negotiation_id)? {
            Some(draft) => self
                .load_template(&draft.template_id, &draft.template_version)?
                .parameters
                .into_iter()
                .map(|p| (p.name, p.label, p.kind))
                .collect(),
            None => Vec::new(),
        }))
    }
}

/// The draft template's parameters: name, label, type.
struct ParameterNames(Vec<(String, String, ParameterType)>);

impl ParameterNames {
    fn label(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, label, _)| label.clone())
            .unwrap_or_else(|| name.to_string())
    }

    /// A limit's value with its unit where the parameter has one ("12 months").
    fn value(&self, name: &str, value: i64, words: &Words) -> String {
        match self.0.iter().find(|(n, _, _)| n == name) {
            Some((_, _, ParameterType::Months)) => months_text(value, words.code),
            _ => value.to_string(),
        }
    }
}

/// "Round 3 – Ottawa, 23 November 2026" (place and date when recorded).
fn round_heading(round: &Round, words: &Words) -> String {
    let mut details = Vec::new();
    if !round.place.trim().is_empty() {
        details.push(round.place.trim().to_string());
    }
    if !round.held_on.is_empty() {
        details.push(words.stored_date(&round.held_on));
    }
    let name = format!("{} {}", words.round, round.number);
    if details.is_empty() {
        name
    } else {
        format!("{name} – {}", details.join(", "))
    }
}

fn brief_row(
    row: &ArticleRowDto,
    internal: bool,
    words: &Words,
    parameters: &ParameterNames,
) -> BriefRow {
    let theirs = match &row.theirs {
        Some(t) if t.omits => words.omits.to_string(),
        Some(t) => t.text.clone(),
        None => words.no_proposal.to_string(),
    };
    let on_the_table = match &row.table {
        Some(table) if table.side == Side::Ours && table.text == row.ours => {
            words.our_text.to_string()
        }
        Some(table)
            if table.side == Side::Theirs
                && row.theirs.as_ref().is_some_and(|t| t.text == table.text) =>
        {
            words.their_text.to_string()
        }
        Some(table) => table.text.clone(),
        None => "—".to_string(),
    };
    let mut status = words.position_status(row.status).to_string();
    if let Some(from) = row.carried_from_round {
        status.push_str(&format!("\n({} {from})", words.round));
    }
    BriefRow {
        article: row.label.clone().unwrap_or_else(|| "—".to_string()),
        heading: row.heading.clone(),
        ours: row.ours.clone(),
        theirs,
        on_the_table,
        status,
        mandate: internal.then(|| {
            mandate_text(
                row.mandate.as_ref(),
                &row.red_line_warnings,
                words,
                parameters,
            )
        }),
    }
}

/// The mandate on one article as lines: red line, preferred, fallback, limits, then any
/// warning that the text on the table crosses a limit.
fn mandate_text(
    entry: Option<&MandateEntry>,
    warnings: &[String],
    words: &Words,
    parameters: &ParameterNames,
) -> String {
    let mut lines = Vec::new();
    if let Some(entry) = entry {
        for (label, text) in [
            (words.red_line, &entry.red_line),
            (words.preferred, &entry.preferred),
            (words.fallback, &entry.fallback),
        ] {
            if !text.trim().is_empty() {
                lines.push(format!("{label}: {}", text.trim()));
            }
        }
        let limits: Vec<String> = entry
            .limits
            .iter()
            .map(|limit| match limit {
                Limit::AtMost { parameter, value } => format!(
                    "{} {} {}",
                    parameters.label(parameter),
                    words.at_most,
                    parameters.value(parameter, *value, words)
                ),
                Limit::AtLeast { parameter, value } => format!(
                    "{} {} {}",
                    parameters.label(parameter),
                    words.at_least,
                    parameters.value(parameter, *value, words)
                ),
                Limit::OneOf { parameter, values } => format!(
                    "{}: {} {}",
                    parameters.label(parameter),
                    words.one_of,
                    values.join(", ")
                ),
                Limit::MustStay => words.must_stay.to_string(),
            })
            .collect();
        if !limits.is_empty() {
            lines.push(format!("{}: {}", words.limits, limits.join("; ")));
        }
    }
    for warning in warnings {
        lines.push(format!("{}: {warning}", words.warning));
    }
    lines.join("\n")
}
