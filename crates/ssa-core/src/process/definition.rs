//! The shape of a process file (`ssa-process/1`): steps with their purpose, people, inputs,
//! outputs, checklist, gate and pitfalls, every piece of content with its provenance.

use serde::{Deserialize, Serialize};
use toml::Spanned;

/// The format tag a process file must carry; bumped when the shape changes incompatibly.
pub const PROCESS_FORMAT: &str = "ssa-process/1";

/// The blocks the steps are grouped in (domain notes §3.1); the UI has a name for each.
pub const BLOCKS: &[&str] = &["preparation", "negotiation", "conclusion", "implementation"];

/// Text in the three working languages of the product. French and Spanish are optional: where
/// a translation is missing, [`LocalizedText::get`] answers the English text, and
/// [`LocalizedText::translation`] lets a caller see that it did (the UI marks such text as
/// English rather than passing it off as a translation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalizedText {
    pub en: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub es: Option<String>,
}

impl LocalizedText {
    /// The text in `language` ("en", "fr", "es"), or the English text when it is not translated.
    pub fn get(&self, language: &str) -> &str {
        self.translation(language).unwrap_or(&self.en)
    }

    /// The text in `language` if the file has it (English always has it).
    pub fn translation(&self, language: &str) -> Option<&str> {
        match language {
            "en" => Some(self.en.as_str()),
            "fr" => self.fr.as_deref(),
            "es" => self.es.as_deref(),
            _ => None,
        }
        .filter(|text| !text.trim().is_empty())
    }
}

/// Whether a piece of content is stated in a cited source or reconstructed by the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProvenanceStatus {
    Sourced,
    Inferred,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    pub status: ProvenanceStatus,
    /// Source ids as listed in the domain notes' source lists.
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub note: String,
}

/// A document a step produces. Its id is what other parts of the workbench link to
/// (`feasibility`, `mandate`, `rounds`, `ratification`, `arrangement`, `monitoring`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputDefinition {
    pub id: Spanned<String>,
    pub title: LocalizedText,
    pub provenance: Provenance,
}

/// One checklist item. Its id is stable across versions of the file: a negotiation's answers
/// are kept by it when the negotiation moves to a newer version of the process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItemDefinition {
    pub id: Spanned<String>,
    pub label: LocalizedText,
    pub explanation: LocalizedText,
    pub provenance: Provenance,
}

/// The decision that closes a step, and what each of the three answers means for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GateDefinition {
    pub question: LocalizedText,
    pub go: Option<LocalizedText>,
    pub no_go: Option<LocalizedText>,
    pub revisit: Option<LocalizedText>,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PitfallDefinition {
    pub text: LocalizedText,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepDefinition {
    /// Stable id, never shown; answers and a negotiation's current step refer to it.
    pub id: Spanned<String>,
    pub title: LocalizedText,
    /// One of [`BLOCKS`].
    pub block: String,
    pub purpose: LocalizedText,
    /// Who is involved.
    #[serde(default)]
    pub actors: Vec<LocalizedText>,
    #[serde(default)]
    pub inputs: Vec<LocalizedText>,
    #[serde(default)]
    pub outputs: Vec<OutputDefinition>,
    #[serde(default)]
    pub checklist: Vec<ChecklistItemDefinition>,
    /// Optional in the file's grammar so that a missing gate is reported with the step's id
    /// and line, like every other problem, rather than as a bare syntax error.
    pub gate: Option<GateDefinition>,
    #[serde(default)]
    pub pitfalls: Vec<PitfallDefinition>,
    pub provenance: Provenance,
}

impl StepDefinition {
    pub fn id(&self) -> &str {
        self.id.get_ref()
    }

    pub fn item(&self, item_id: &str) -> Option<&ChecklistItemDefinition> {
        self.checklist
            .iter()
            .find(|item| item.id.get_ref() == item_id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessDefinition {
    pub format: String,
    pub id: String,
    pub version: String,
    pub title: LocalizedText,
    pub provenance: Provenance,
    pub steps: Vec<StepDefinition>,
}

impl ProcessDefinition {
    /// The step with this id and its 1-based number.
    pub fn step(&self, id: &str) -> Option<(usize, &StepDefinition)> {
        self.steps
            .iter()
            .enumerate()
            .find(|(_, step)| step.id() == id)
            .map(|(index, step)| (index + 1, step))
    }

    pub fn first_step(&self) -> &StepDefinition {
        // `parse` refuses a process without steps.
        &self.steps[0]
    }

    /// The step a checklist item belongs to, and the item (item ids are unique in a process).
    pub fn item(&self, item_id: &str) -> Option<(&StepDefinition, &ChecklistItemDefinition)> {
        self.steps
            .iter()
            .find_map(|step| step.item(item_id).map(|item| (step, item)))
    }
}

/// Versions compare as dotted numbers ("2026.10" is newer than "2026.9"); a part that is not a
/// number compares as text after the numbers.
pub fn compare_versions(a: &str, b: &str) -> std::cmp::Ordering {
    let parts = |v: &str| -> Vec<(u64, String)> {
        v.split('.')
            .map(|part| (part.parse::<u64>().unwrap_or(u64::MAX), part.to_string()))
            .collect()
    };
    parts(a).cmp(&parts(b))
}
