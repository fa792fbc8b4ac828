//! The shapes of the process use cases that cross the boundary (see [`crate::dto`]).

use serde::{Deserialize, Serialize};
use specta::Type;
use ssa_core::process::progress::{GateChoice, StepStatus};
use ssa_core::process::{Provenance, ProvenanceStatus};

use crate::dto::LocalizedTextDto;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ProvenanceStatusDto {
    Sourced,
    Inferred,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ProvenanceDto {
    pub status: ProvenanceStatusDto,
    pub sources: Vec<String>,
    pub note: String,
}

impl From<&Provenance> for ProvenanceDto {
    fn from(provenance: &Provenance) -> Self {
        ProvenanceDto {
            status: match provenance.status {
                ProvenanceStatus::Sourced => ProvenanceStatusDto::Sourced,
                ProvenanceStatus::Inferred => ProvenanceStatusDto::Inferred,
            },
            sources: provenance.sources.clone(),
            note: provenance.note.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ProcessOriginDto {
    Shipped,
    Imported,
}

/// A stored process definition, for the list of versions and import/export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ProcessSummaryDto {
    pub id: String,
    pub version: String,
    pub title: LocalizedTextDto,
    pub origin: ProcessOriginDto,
    pub step_count: u32,
    /// How many negotiations follow this version.
    pub negotiations: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum StepStatusDto {
    NotStarted,
    InProgress,
    Done,
    Skipped,
}

impl From<StepStatus> for StepStatusDto {
    fn from(status: StepStatus) -> Self {
        match status {
            StepStatus::NotStarted => StepStatusDto::NotStarted,
            StepStatus::InProgress => StepStatusDto::InProgress,
            StepStatus::Done => StepStatusDto::Done,
            StepStatus::Skipped => StepStatusDto::Skipped,
        }
    }
}

impl From<StepStatusDto> for StepStatus {
    fn from(status: StepStatusDto) -> Self {
        match status {
            StepStatusDto::NotStarted => StepStatus::NotStarted,
            StepStatusDto::InProgress => StepStatus::InProgress,
            StepStatusDto::Done => StepStatus::Done,
            StepStatusDto::Skipped => StepStatus::Skipped,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum GateChoiceDto {
    Go,
    NoGo,
    Revisit,
}

impl From<GateChoice> for GateChoiceDto {
    fn from(choice: GateChoice) -> Self {
        match choice {
            GateChoice::Go => GateChoiceDto::Go,
            GateChoice::NoGo => GateChoiceDto::NoGo,
            GateChoice::Revisit => GateChoiceDto::Revisit,
        }
    }
}

impl From<GateChoiceDto> for GateChoice {
    fn from(choice: GateChoiceDto) -> Self {
        match choice {
            GateChoiceDto::Go => GateChoice::Go,
            GateChoiceDto::NoGo => GateChoice::NoGo,
            GateChoiceDto::Revisit => GateChoice::Revisit,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentDto {
    /// A file path or other reference; the workbench keeps the reference, not a copy.
    pub path: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type, Default)]
#[serde(rename_all = "camelCase")]
pub struct ItemAnswerDto {
    pub done: bool,
    pub who: String,
    /// A date, YYYY-MM-DD.
    pub when: Option<String>,
    pub note: String,
    pub attachments: Vec<AttachmentDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct GateDecisionDto {
    pub choice: GateChoiceDto,
    /// YYYY-MM-DD.
    pub date: String,
    pub rationale: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct OutputDto {
    pub id: String,
    pub title: LocalizedTextDto,
    pub provenance: ProvenanceDto,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItemDto {
    pub id: String,
    pub label: LocalizedTextDto,
    pub explanation: LocalizedTextDto,
    pub provenance: ProvenanceDto,
    pub answer: ItemAnswerDto,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct GateDto {
    pub question: LocalizedTextDto,
    pub go: LocalizedTextDto,
    pub no_go: LocalizedTextDto,
    pub revisit: LocalizedTextDto,
    pub provenance: ProvenanceDto,
    pub decision: Option<GateDecisionDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PitfallDto {
    pub text: LocalizedTextDto,
    pub provenance: ProvenanceDto,
}

/// One step of a negotiation's process: the definition and what the team recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ProcessStepDto {
    pub id: String,
    pub number: u32,
    pub title: LocalizedTextDto,
    /// preparation, negotiation, conclusion or implementation.
    pub block: String,
    pub purpose: LocalizedTextDto,
    pub actors: Vec<LocalizedTextDto>,
    pub inputs: Vec<LocalizedTextDto>,
    pub outputs: Vec<OutputDto>,
    pub checklist: Vec<ChecklistItemDto>,
    pub gate: GateDto,
    pub pitfalls: Vec<PitfallDto>,
    pub provenance: ProvenanceDto,
    pub status: StepStatusDto,
    pub skip_reason: String,
    pub ticked: u32,
    pub total: u32,
    pub percent: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct NextActionDto {
    pub step_id: String,
    pub step_number: u32,
    pub item_id: String,
    pub label: LocalizedTextDto,
}

/// A negotiation's whole process view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct NegotiationProcessDto {
    pub negotiation_id: String,
    pub process_id: String,
    pub process_version: String,
    pub process_title: LocalizedTextDto,
    pub process_provenance: ProvenanceDto,
    pub steps: Vec<ProcessStepDto>,
    /// Overall percent done (skipped steps left out).
    pub percent: u32,
    pub current_step: String,
    pub next_actions: Vec<NextActionDto>,
    /// A newer stored version of the same process, which the negotiation could move to.
    pub newer_version: Option<String>,
}

/// The result of moving a negotiation to another process version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ProcessSwitchDto {
    pub process: NegotiationProcessDto,
    /// Checklist items whose answers the new version has no place for.
    pub dropped_items: Vec<String>,
    /// Steps whose status or gate decision the new version has no place for.
    pub dropped_steps: Vec<String>,
}
