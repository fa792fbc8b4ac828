//! One negotiation's progress through a process definition: step statuses, checklist answers
//! and gate decisions, and what follows from them (percent done, next actions).
//!
//! Contract: [`Progress`] holds only what the team recorded; everything shown (percentages,
//! next actions, step numbers) is computed from it and the definition by [`summarize`]. The
//! current step is kept by the caller (it belongs to the negotiation) and passed in. Every
//! change checks its ids against the definition and refuses with a [`ProgressError`] that says
//! what and where; on refusal the progress is unchanged. Dates are passed in; nothing reads a
//! clock.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::definition::ProcessDefinition;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    #[default]
    NotStarted,
    InProgress,
    Done,
    Skipped,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GateChoice {
    Go,
    NoGo,
    Revisit,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateDecision {
    pub choice: GateChoice,
    pub date: NaiveDate,
    pub rationale: String,
}

/// A file the answer refers to; the workbench keeps the reference, never a copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub path: String,
    #[serde(default)]
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ItemAnswer {
    pub done: bool,
    #[serde(default)]
    pub who: String,
    #[serde(default)]
    pub when: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
}

impl ItemAnswer {
    fn is_blank(&self) -> bool {
        *self == ItemAnswer::default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct StepState {
    pub status: StepStatus,
    /// Why the step was skipped; required with [`StepStatus::Skipped`].
    #[serde(default)]
    pub skip_reason: String,
    #[serde(default)]
    pub gate: Option<GateDecision>,
}

/// What a team recorded, keyed by step id and checklist item id (stable across versions of a
/// process file). Stored as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Progress {
    #[serde(default)]
    pub steps: BTreeMap<String, StepState>,
    #[serde(default)]
    pub answers: BTreeMap<String, ItemAnswer>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProgressError {
    #[error("The process has no step \"{0}\".")]
    UnknownStep(String),
    #[error("The process has no checklist item \"{0}\".")]
    UnknownItem(String),
    #[error("Step \"{0}\": say why the step is skipped.")]
    SkipWithoutReason(String),
    #[error("Item \"{item}\": attachment {number} has no file path.")]
    AttachmentWithoutPath { item: String, number: usize },
    #[error("Item \"{item}\": who ({length} characters) and the note must stay under {limit} characters.")]
    TooLong {
        item: String,
        length: usize,
        limit: usize,
    },
}

/// Free text kept in an answer is bounded so that a pasted document does not end up in a note.
pub const TEXT_LIMIT: usize = 20_000;

impl Progress {
    pub fn step_state(&self, step_id: &str) -> StepState {
        self.steps.get(step_id).cloned().unwrap_or_default()
    }

    pub fn answer(&self, item_id: &str) -> ItemAnswer {
        self.answers.get(item_id).cloned().unwrap_or_default()
    }

    /// Records the answer to a checklist item. Ticking an item of a step not started yet puts
    /// the step in progress (work on it has evidently begun).
    pub fn set_answer(
        &mut self,
        process: &ProcessDefinition,
        item_id: &str,
        answer: ItemAnswer,
    ) -> Result<(), ProgressError> {
        let (step, _) = process
            .item(item_id)
            .ok_or_else(|| ProgressError::UnknownItem(item_id.to_string()))?;
        let answer = normalised(item_id, answer)?;
        if answer.done {
            let state = self.steps.entry(step.id().to_string()).or_default();
            if state.status == StepStatus::NotStarted {
                state.status = StepStatus::InProgress;
            }
        }
        if answer.is_blank() {
            self.answers.remove(item_id);
        } else {
            self.answers.insert(item_id.to_string(), answer);
        }
        Ok(())
    }

    /// Sets a step's status; skipping needs a reason, which is kept only while skipped.
    pub fn set_status(
        &mut self,
        process: &ProcessDefinition,
        step_id: &str,
        status: StepStatus,
        skip_reason: &str,
    ) -> Result<(), ProgressError> {
        process
            .step(step_id)
            .ok_or_else(|| ProgressError::UnknownStep(step_id.to_string()))?;
        let reason = skip_reason.trim();
        if status == StepStatus::Skipped && reason.is_empty() {
            return Err(ProgressError::SkipWithoutReason(step_id.to_string()));
        }
        let state = self.steps.entry(step_id.to_string()).or_default();
        state.status = status;
        state.skip_reason = if status == StepStatus::Skipped {
            reason.to_string()
        } else {
            String::new()
        };
        Ok(())
    }

    /// Records the gate decision closing a step and answers the current step afterwards.
    ///
    /// "Go" marks the step done and, when it was the current step, moves the current step on
    /// to the next step that is neither done nor skipped, which is then in progress. "No-go" and "revisit" keep the step in
    /// progress: the team stops or reworks it, and the current step stays where it is.
    pub fn record_gate(
        &mut self,
        process: &ProcessDefinition,
        step_id: &str,
        decision: GateDecision,
        current_step: &str,
    ) -> Result<String, ProgressError> {
        let (number, _) = process
            .step(step_id)
            .ok_or_else(|| ProgressError::UnknownStep(step_id.to_string()))?;
        let choice = decision.choice;
        let state = self.steps.entry(step_id.to_string()).or_default();
        state.gate = Some(GateDecision {
            rationale: decision.rationale.trim().to_string(),
            ..decision
        });
        state.skip_reason.clear();
        state.status = match choice {
            GateChoice::Go => StepStatus::Done,
            GateChoice::NoGo | GateChoice::Revisit => StepStatus::InProgress,
        };
        if choice == GateChoice::Go && step_id == current_step {
            let next = process.steps[number..]
                .iter()
                .find(|step| {
                    !matches!(
                        self.step_state(step.id()).status,
                        StepStatus::Done | StepStatus::Skipped
                    )
                })
                .map(|step| step.id().to_string());
            if let Some(next) = &next {
                // The team now works on the next step.
                let state = self.steps.entry(next.clone()).or_default();
                if state.status == StepStatus::NotStarted {
                    state.status = StepStatus::InProgress;
                }
            }
            return Ok(next.unwrap_or_else(|| step_id.to_string()));
        }
        Ok(current_step.to_string())
    }

    /// This progress carried over to another process definition (usually a newer version of
    /// the same process): answers and step states whose ids the new definition has are kept,
    /// the others dropped and listed.
    pub fn carried_to(&self, process: &ProcessDefinition) -> (Progress, Dropped) {
        let mut kept = Progress::default();
        let mut dropped = Dropped::default();
        for (item_id, answer) in &self.answers {
            if process.item(item_id).is_some() {
                kept.answers.insert(item_id.clone(), answer.clone());
            } else {
                dropped.items.push(item_id.clone());
            }
        }
        for (step_id, state) in &self.steps {
            if process.step(step_id).is_some() {
                kept.steps.insert(step_id.clone(), state.clone());
            } else {
                dropped.steps.push(step_id.clone());
            }
        }
        (kept, dropped)
    }
}

/// What a move to another process definition could not keep.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Dropped {
    /// Checklist item ids with an answer that the new definition does not have.
    pub items: Vec<String>,
    /// Step ids with a recorded status or gate that the new definition does not have.
    pub steps: Vec<String>,
}

fn normalised(item_id: &str, answer: ItemAnswer) -> Result<ItemAnswer, ProgressError> {
    let who = answer.who.trim().to_string();
    let note = answer.note.trim_end().to_string();
    for text in [&who, &note] {
        if text.chars().count() > TEXT_LIMIT {
            return Err(ProgressError::TooLong {
                item: item_id.to_string(),
                length: text.chars().count(),
                limit: TEXT_LIMIT,
            });
        }
    }
    let mut attachments = Vec::new();
    for (index, attachment) in answer.attachments.into_iter().enumerate() {
        let path = attachment.path.trim().to_string();
        if path.is_empty() {
            return Err(ProgressError::AttachmentWithoutPath {
                item: item_id.to_string(),
                number: index + 1,
            });
        }
        attachments.push(Attachment {
            path,
            label: attachment.label.trim().to_string(),
        });
    }
    Ok(ItemAnswer {
        done: answer.done,
        who,
        when: answer.when,
        note,
        attachments,
    })
}

/// A step as shown: its status and how much of its checklist is ticked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepSummary {
    pub id: String,
    pub number: usize,
    pub status: StepStatus,
    pub ticked: usize,
    pub total: usize,
    /// 100 for a done step; otherwise the ticked share of the checklist, rounded down.
    pub percent: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextAction {
    pub step_id: String,
    pub item_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub steps: Vec<StepSummary>,
    /// Mean of the step percentages, skipped steps left out (they are not work to do).
    pub percent: u32,
    /// The current step's id when the definition has it, else the first step's.
    pub current_step: String,
    /// Unticked items of the steps in progress and of the current step, in process order.
    pub next_actions: Vec<NextAction>,
}

/// Computes what the progress amounts to on its definition.
pub fn summarize(process: &ProcessDefinition, progress: &Progress, current_step: &str) -> Summary {
    let current_step = if process.step(current_step).is_some() {
        current_step.to_string()
    } else {
        process.first_step().id().to_string()
    };
    let mut steps = Vec::new();
    let mut next_actions = Vec::new();
    for (index, step) in process.steps.iter().enumerate() {
        let status = progress.step_state(step.id()).status;
        let ticked = step
            .checklist
            .iter()
            .filter(|item| progress.answer(item.id.get_ref()).done)
            .count();
        let total = step.checklist.len();
        let percent = if status == StepStatus::Done {
            100
        } else {
            (ticked * 100).checked_div(total).unwrap_or(0) as u32
        };
        if status == StepStatus::InProgress || step.id() == current_step {
            next_actions.extend(
                step.checklist
                    .iter()
                    .filter(|item| !progress.answer(item.id.get_ref()).done)
                    .map(|item| NextAction {
                        step_id: step.id().to_string(),
                        item_id: item.id.get_ref().clone(),
                    }),
            );
        }
        steps.push(StepSummary {
            id: step.id().to_string(),
            number: index + 1,
            status,
            ticked,
            total,
            percent,
        });
    }
    let counted: Vec<u32> = steps
        .iter()
        .filter(|s| s.status != StepStatus::Skipped)
        .map(|s| s.percent)
        .collect();
    let percent = if counted.is_empty() {
        100
    } else {
        counted.iter().sum::<u32>() / counted.len() as u32
    };
    Summary {
        steps,
        percent,
        current_step,
        next_actions,
    }
}
