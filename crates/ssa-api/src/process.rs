//! The negotiation process: stored definitions (shipped, imported), a negotiation's progress
//! through the version it started with, and the move to a newer version.
//!
//! Contract:
//! - The shipped definition is compiled in and added to the store at every start, once per
//!   version; stored definitions never change. An import validates the whole file first and
//!   stores nothing when it has a problem; every problem names the step or item and the line.
//! - A negotiation follows one stored (id, version). One made before progress existed follows
//!   the shipped version, which is recorded on its first saved change.
//! - Every change is one transaction on the store (progress and current step together) and
//!   answers the whole process view, so the front end never recomputes percentages itself.
//! - Dates come in as YYYY-MM-DD; the time of an edit comes from the injected clock.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use ssa_core::negotiation::Negotiation;
use ssa_core::process::progress::{
    summarize, Attachment, GateDecision, ItemAnswer, Progress, ProgressError, StepStatus,
};
use ssa_core::process::{compare_versions, LocalizedText, ProcessDefinition, ProcessFileError};
use ssa_store::{ProcessOrigin, StoredProcess};

use crate::dto::{FieldProblemDto, LocalizedTextDto, StepRefDto};
use crate::process_dto::*;
use crate::{ApiError, ErrorCode, Workbench, DEFAULT_PROCESS_TOML};

/// The file name the shipped process is known by in messages.
pub const SHIPPED_PROCESS_FILE: &str = "eight-step-process.toml";

/// Parsed definitions by (id, version). Stored definitions never change, so an entry never
/// goes stale; parsing a process file on every read of the home list would be wasted work.
#[derive(Default)]
pub(crate) struct ProcessCache(Mutex<HashMap<(String, String), Arc<ProcessDefinition>>>);

/// Validates a process file without storing it. `origin` names the file in messages.
pub fn validate_process_file(origin: &str, text: &str) -> Result<ProcessDefinition, ApiError> {
    ProcessDefinition::parse(origin, text).map_err(|e| file_error(&e))
}

fn file_error(error: &ProcessFileError) -> ApiError {
    let problems = error.problems();
    let origin = match error {
        ProcessFileError::Syntax { origin, .. }
        | ProcessFileError::Invalid { origin, .. }
        | ProcessFileError::TooLarge { origin, .. } => origin,
    };
    let mut api_error = ApiError::new(
        ErrorCode::InvalidInput,
        format!(
            "{origin} has {} problem(s); nothing was stored.",
            problems.len()
        ),
    );
    api_error.problems = problems
        .iter()
        .map(|p| FieldProblemDto {
            field: p.location.clone(),
            message: match p.line {
                Some(line) => format!("line {line}: {}", p.message),
                None => p.message.clone(),
            },
        })
        .collect();
    api_error
}

fn progress_error(error: ProgressError) -> ApiError {
    let field = match &error {
        ProgressError::UnknownStep(id) | ProgressError::SkipWithoutReason(id) => id.clone(),
        ProgressError::UnknownItem(id) => id.clone(),
        ProgressError::AttachmentWithoutPath { item, .. } | ProgressError::TooLong { item, .. } => {
            item.clone()
        }
    };
    let code = match error {
        ProgressError::UnknownStep(_) | ProgressError::UnknownItem(_) => ErrorCode::NotFound,
        _ => ErrorCode::InvalidInput,
    };
    let message = error.to_string();
    ApiError {
        code,
        problems: vec![FieldProblemDto {
            field,
            message: message.clone(),
        }],
        message,
    }
}

fn parse_date(field: &str, text: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        let message = format!("{field}: \"{text}\" is not a date; write it as YYYY-MM-DD.");
        ApiError {
            code: ErrorCode::InvalidInput,
            problems: vec![FieldProblemDto {
                field: field.to_string(),
                message: message.clone(),
            }],
            message,
        }
    })
}

fn text(text: &LocalizedText) -> LocalizedTextDto {
    text.into()
}

fn answer_dto(answer: &ItemAnswer) -> ItemAnswerDto {
    ItemAnswerDto {
        done: answer.done,
        who: answer.who.clone(),
        when: answer.when.map(|d| d.format("%Y-%m-%d").to_string()),
        note: answer.note.clone(),
        attachments: answer
            .attachments
            .iter()
            .map(|a| AttachmentDto {
                path: a.path.clone(),
                label: a.label.clone(),
            })
            .collect(),
    }
}

impl Workbench {
    pub(crate) fn seed_shipped_process(&mut self) -> Result<(), ApiError> {
        let added = self.store.add_process_if_missing(&StoredProcess {
            id: self.process.id.clone(),
            version: self.process.version.clone(),
            title: self.process.title.en.clone(),
            origin: ProcessOrigin::Shipped,
            source: DEFAULT_PROCESS_TOML.to_string(),
            created_at: self.clock.now(),
        })?;
        if added {
            tracing::info!(version = %self.process.version, "shipped process added");
        }
        Ok(())
    }

    /// The shipped definition (parsed at start), shared through the cache.
    fn shipped(&self) -> Arc<ProcessDefinition> {
        self.definition(&self.process.id, &self.process.version)
            .unwrap_or_else(|_| Arc::new(self.process.clone()))
    }

    /// A stored definition, parsed. The shipped one is already in memory (and may not be in a
    /// read-only copy of an older database).
    fn definition(&self, id: &str, version: &str) -> Result<Arc<ProcessDefinition>, ApiError> {
        let key = (id.to_string(), version.to_string());
        let mut cache = self
            .processes
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(found) = cache.get(&key) {
            return Ok(found.clone());
        }
        if id == self.process.id && version == self.process.version {
            let shipped = Arc::new(self.process.clone());
            cache.insert(key, shipped.clone());
            return Ok(shipped);
        }
        let stored = self
            .store
            .get_process(id, version)?
            .ok_or_else(|| ApiError::not_found("process", &format!("{id} {version}")))?;
        // A stored definition validated when it was stored; failing now means the database
        // was edited by hand, and the message says which definition.
        let parsed = Arc::new(
            ProcessDefinition::parse(&format!("stored process {id} {version}"), &stored.source)
                .map_err(|e| file_error(&e))?,
        );
        cache.insert(key, parsed.clone());
        Ok(parsed)
    }

    /// The definition a negotiation follows and its recorded progress.
    fn progress_of(
        &self,
        negotiation_id: &str,
    ) -> Result<(Arc<ProcessDefinition>, Progress), ApiError> {
        match self.store.get_progress(negotiation_id)? {
            Some(stored) => Ok((
                self.definition(&stored.process_id, &stored.process_version)?,
                stored.progress,
            )),
            None => Ok((self.shipped(), Progress::default())),
        }
    }

    /// Records the shipped process version for a negotiation just created `at` (its creation
    /// time, so that this is not counted as a later edit).
    pub(crate) fn start_progress(
        &mut self,
        negotiation_id: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), ApiError> {
        self.store.put_progress(
            negotiation_id,
            &self.process.id,
            &self.process.version,
            &Progress::default(),
            None,
            at,
        )?;
        Ok(())
    }

    /// Where a negotiation stands, for the home list: its current step and percent done.
    pub(crate) fn step_ref(&self, negotiation: &Negotiation) -> StepRefDto {
        let (process, progress) = self.progress_of(&negotiation.id).unwrap_or_else(|error| {
            tracing::warn!(%error, id = %negotiation.id, "progress unreadable; shown as not started");
            (self.shipped(), Progress::default())
        });
        let summary = summarize(&process, &progress, &negotiation.current_step);
        let (number, step) = process
            .step(&summary.current_step)
            .unwrap_or((1, process.first_step()));
        StepRefDto {
            id: step.id().to_string(),
            number: number as u32,
            step_count: process.steps.len() as u32,
            title: text(&step.title),
            percent_done: summary.percent,
        }
    }

    /// The newest stored version of process `id`, if newer than `version`.
    fn newer_version(&self, id: &str, version: &str) -> Result<Option<String>, ApiError> {
        Ok(self
            .store
            .list_processes()?
            .into_iter()
            .filter(|p| p.id == id)
            .map(|p| p.version)
            .filter(|v| compare_versions(v, version).is_gt())
            .max_by(|a, b| compare_versions(a, b)))
    }

    /// The negotiation's process: every step with its status and progress, the current step,
    /// the next actions.
    pub fn negotiation_process(
        &self,
        negotiation_id: &str,
    ) -> Result<NegotiationProcessDto, ApiError> {
        let negotiation = self.negotiation(negotiation_id)?;
        let (process, progress) = self.progress_of(negotiation_id)?;
        let summary = summarize(&process, &progress, &negotiation.current_step);
        let steps = process
            .steps
            .iter()
            .zip(&summary.steps)
            .map(|(step, counted)| {
                let state = progress.step_state(step.id());
                // `parse` refuses a step without a complete gate.
                let gate = step.gate.as_ref().expect("validated gate");
                let option = |o: &Option<LocalizedText>| text(o.as_ref().expect("validated gate"));
                ProcessStepDto {
                    id: step.id().to_string(),
                    number: counted.number as u32,
                    title: text(&step.title),
                    block: step.block.clone(),
                    purpose: text(&step.purpose),
                    actors: step.actors.iter().map(text).collect(),
                    inputs: step.inputs.iter().map(text).collect(),
                    outputs: step
                        .outputs
                        .iter()
                        .map(|o| OutputDto {
                            id: o.id.get_ref().clone(),
                            title: text(&o.title),
                            provenance: (&o.provenance).into(),
                        })
                        .collect(),
                    checklist: step
                        .checklist
                        .iter()
                        .map(|item| ChecklistItemDto {
                            id: item.id.get_ref().clone(),
                            label: text(&item.label),
                            explanation: text(&item.explanation),
                            provenance: (&item.provenance).into(),
                            answer: answer_dto(&progress.answer(item.id.get_ref())),
                        })
                        .collect(),
                    gate: GateDto {
                        question: text(&gate.question),
                        go: option(&gate.go),
                        no_go: option(&gate.no_go),
                        revisit: option(&gate.revisit),
                        provenance: (&gate.provenance).into(),
                        decision: state.gate.as_ref().map(|d| GateDecisionDto {
                            choice: d.choice.into(),
                            date: d.date.format("%Y-%m-%d").to_string(),
                            rationale: d.rationale.clone(),
                        }),
                    },
                    pitfalls: step
                        .pitfalls
                        .iter()
                        .map(|p| PitfallDto {
                            text: text(&p.text),
                            provenance: (&p.provenance).into(),
                        })
                        .collect(),
                    provenance: (&step.provenance).into(),
                    status: state.status.into(),
                    skip_reason: state.skip_reason.clone(),
                    ticked: counted.ticked as u32,
                    total: counted.total as u32,
                    percent: counted.percent,
                }
            })
            .collect();
        let next_actions = summary
            .next_actions
            .iter()
            .filter_map(|action| {
                let (number, step) = process.step(&action.step_id)?;
                let item = step.item(&action.item_id)?;
                Some(NextActionDto {
                    step_id: action.step_id.clone(),
                    step_number: number as u32,
                    item_id: action.item_id.clone(),
                    label: text(&item.label),
                })
            })
            .collect();
        Ok(NegotiationProcessDto {
            negotiation_id: negotiation_id.to_string(),
            process_id: process.id.clone(),
            process_version: process.version.clone(),
            process_title: text(&process.title),
            process_provenance: (&process.provenance).into(),
            steps,
            percent: summary.percent,
            current_step: summary.current_step,
            next_actions,
            newer_version: self.newer_version(&process.id, &process.version)?,
        })
    }

    /// Applies `change` to a negotiation's progress and saves it (with the current step it
    /// answers, if any) in one transaction; nothing is saved when the change is refused.
    fn change_progress(
        &mut self,
        negotiation_id: &str,
        change: impl FnOnce(
            &ProcessDefinition,
            &mut Progress,
            &str,
        ) -> Result<Option<String>, ProgressError>,
    ) -> Result<NegotiationProcessDto, ApiError> {
        let negotiation = self.negotiation(negotiation_id)?;
        let (process, mut progress) = self.progress_of(negotiation_id)?;
        let current = summarize(&process, &progress, &negotiation.current_step).current_step;
        let new_current = change(&process, &mut progress, &current).map_err(progress_error)?;
        self.store.put_progress(
            negotiation_id,
            &process.id,
            &process.version,
            &progress,
            new_current.as_deref(),
            self.clock.now(),
        )?;
        self.negotiation_process(negotiation_id)
    }

    /// Ticks or unticks a checklist item, with who, when, a note and file references.
    pub fn set_item_answer(
        &mut self,
        negotiation_id: &str,
        item_id: &str,
        answer: ItemAnswerDto,
    ) -> Result<NegotiationProcessDto, ApiError> {
        let when = match answer.when.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(date) => Some(parse_date(&format!("{item_id} when"), date)?),
        };
        let answer = ItemAnswer {
            done: answer.done,
            who: answer.who,
            when,
            note: answer.note,
            attachments: answer
                .attachments
                .into_iter()
                .map(|a| Attachment {
                    path: a.path,
                    label: a.label,
                })
                .collect(),
        };
        self.change_progress(negotiation_id, |process, progress, _| {
            progress.set_answer(process, item_id, answer).map(|_| None)
        })
    }

    /// Sets a step's status; skipping needs a reason.
    pub fn set_step_status(
        &mut self,
        negotiation_id: &str,
        step_id: &str,
        status: StepStatusDto,
        skip_reason: &str,
    ) -> Result<NegotiationProcessDto, ApiError> {
        self.change_progress(negotiation_id, |process, progress, _| {
            progress
                .set_status(process, step_id, StepStatus::from(status), skip_reason)
                .map(|_| None)
        })
    }

    /// Records the gate decision of a step; a "go" on the current step moves it on.
    pub fn record_gate_decision(
        &mut self,
        negotiation_id: &str,
        step_id: &str,
        decision: GateDecisionDto,
    ) -> Result<NegotiationProcessDto, ApiError> {
        let decision = GateDecision {
            choice: decision.choice.into(),
            date: parse_date(&format!("{step_id} gate date"), &decision.date)?,
            rationale: decision.rationale,
        };
        self.change_progress(negotiation_id, |process, progress, current| {
            progress
                .record_gate(process, step_id, decision, current)
                .map(Some)
        })
    }

    /// Makes another step the one the team is working on.
    pub fn set_current_step(
        &mut self,
        negotiation_id: &str,
        step_id: &str,
    ) -> Result<NegotiationProcessDto, ApiError> {
        self.change_progress(negotiation_id, |process, _, _| {
            process
                .step(step_id)
                .map(|_| Some(step_id.to_string()))
                .ok_or_else(|| ProgressError::UnknownStep(step_id.to_string()))
        })
    }

    /// Moves a negotiation to another stored process version, keeping the answers and step
    /// states whose ids the new version has and reporting the ones it drops.
    pub fn switch_process_version(
        &mut self,
        negotiation_id: &str,
        process_id: &str,
        version: &str,
    ) -> Result<ProcessSwitchDto, ApiError> {
        let negotiation = self.negotiation(negotiation_id)?;
        let target = self.definition(process_id, version)?;
        let (_, progress) = self.progress_of(negotiation_id)?;
        let (kept, dropped) = progress.carried_to(&target);
        let current = summarize(&target, &kept, &negotiation.current_step).current_step;
        self.store.put_progress(
            negotiation_id,
            &target.id,
            &target.version,
            &kept,
            Some(&current),
            self.clock.now(),
        )?;
        tracing::info!(%negotiation_id, %process_id, %version, dropped = dropped.items.len(), "process version switched");
        Ok(ProcessSwitchDto {
            process: self.negotiation_process(negotiation_id)?,
            dropped_items: dropped.items,
            dropped_steps: dropped.steps,
        })
    }

    pub fn list_processes(&self) -> Result<Vec<ProcessSummaryDto>, ApiError> {
        let mut stored = self.store.list_processes()?;
        stored.sort_by(|a, b| {
            a.id.cmp(&b.id)
                .then(compare_versions(&a.version, &b.version))
        });
        stored
            .into_iter()
            .map(|p| {
                let definition = self.definition(&p.id, &p.version)?;
                Ok(ProcessSummaryDto {
                    title: text(&definition.title),
                    origin: match p.origin {
                        ProcessOrigin::Shipped => ProcessOriginDto::Shipped,
                        ProcessOrigin::Imported => ProcessOriginDto::Imported,
                    },
                    step_count: definition.steps.len() as u32,
                    negotiations: self.store.negotiations_using_process(&p.id, &p.version)? as u32,
                    id: p.id,
                    version: p.version,
                })
            })
            .collect()
    }

    /// Imports a process file: validated in full, stored only without problems, never
    /// replacing a stored version.
    pub fn import_process(
        &mut self,
        origin: &str,
        text: &str,
    ) -> Result<ProcessSummaryDto, ApiError> {
        let definition = validate_process_file(origin, text)?;
        if self
            .store
            .get_process(&definition.id, &definition.version)?
            .is_some()
        {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!(
                    "{origin}: process \"{}\" version {} is already stored. Change the version in the file to import it as a new version.",
                    definition.id, definition.version
                ),
            ));
        }
        self.store.add_process_if_missing(&StoredProcess {
            id: definition.id.clone(),
            version: definition.version.clone(),
            title: definition.title.en.clone(),
            origin: ProcessOrigin::Imported,
            source: text.to_string(),
            created_at: self.clock.now(),
        })?;
        tracing::info!(id = %definition.id, version = %definition.version, "process imported");
        self.list_processes()?
            .into_iter()
            .find(|p| p.id == definition.id && p.version == definition.version)
            .ok_or_else(|| ApiError::not_found("process", &definition.id))
    }

    /// Imports the process file at `path` (see [`Workbench::import_process`]).
    pub fn import_process_file(
        &mut self,
        path: &std::path::Path,
    ) -> Result<ProcessSummaryDto, ApiError> {
        let (name, text) = crate::files::read_for_import(
            path,
            ssa_core::limits::MAX_PROCESS_BYTES,
            "process file",
        )?;
        self.import_process(&name, &text)
    }

    /// The process file as stored (comments kept).
    pub fn export_process(&self, id: &str, version: &str) -> Result<String, ApiError> {
        Ok(self
            .store
            .get_process(id, version)?
            .ok_or_else(|| ApiError::not_found("process", &format!("{id} {version}")))?
            .source)
    }

    /// Writes the process file to `path` atomically (see [`crate::files::write_atomically`]).
    pub fn export_process_file(
        &self,
        id: &str,
        version: &str,
        path: &std::path::Path,
    ) -> Result<(), ApiError> {
        let text = self.export_process(id, version)?;
        crate::files::write_atomically(path, text.as_bytes())
    }

    /// The shipped process's id and version (what `ssa process export` writes by default).
    pub fn shipped_process(&self) -> (String, String) {
        (self.process.id.clone(), self.process.version.clone())
    }
}
