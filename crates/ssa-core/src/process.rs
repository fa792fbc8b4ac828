//! The negotiation process as data.
//!
//! The eight steps are a reconstruction (see `shared/domain/eight-step-process.md`), so they are
//! not code: a process definition is parsed from a TOML file (`assets/process/`), validated, and
//! can be replaced without a rebuild. This module owns the file's shape and its validation;
//! it knows nothing of where the file comes from.

use serde::{Deserialize, Serialize};

/// The format tag a process file must carry; bumped when the shape changes incompatibly.
pub const PROCESS_FORMAT: &str = "ssa-process/1";

/// Text in the three working languages of the product. French and Spanish fall back to English
/// where a translation is missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalizedText {
    pub en: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub es: Option<String>,
}

impl LocalizedText {
    /// The text in `language` ("en", "fr", "es"), or the English text.
    pub fn get(&self, language: &str) -> &str {
        let translated = match language {
            "fr" => self.fr.as_deref(),
            "es" => self.es.as_deref(),
            _ => None,
        };
        translated.unwrap_or(&self.en)
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
pub struct Provenance {
    pub status: ProvenanceStatus,
    /// Source ids as listed in the domain notes' source lists.
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepDefinition {
    /// Stable id, never shown; answers and a negotiation's current step refer to it.
    pub id: String,
    pub title: LocalizedText,
    /// Preparation, negotiation, conclusion or implementation.
    pub block: String,
    pub provenance: Provenance,
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

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProcessFileError {
    #[error("{origin}, line {line}: {message}")]
    Syntax {
        origin: String,
        line: usize,
        message: String,
    },
    #[error("{origin}: {}", problems.join("; "))]
    Invalid {
        origin: String,
        problems: Vec<String>,
    },
}

impl ProcessDefinition {
    /// Parses and validates a process file. `origin` names the file in messages.
    pub fn parse(origin: &str, text: &str) -> Result<ProcessDefinition, ProcessFileError> {
        let definition: ProcessDefinition =
            toml::from_str(text).map_err(|error| ProcessFileError::Syntax {
                origin: origin.to_string(),
                line: error
                    .span()
                    .map(|span| text[..span.start].matches('\n').count() + 1)
                    .unwrap_or(1),
                message: error.message().to_string(),
            })?;
        let problems = definition.problems();
        if problems.is_empty() {
            Ok(definition)
        } else {
            Err(ProcessFileError::Invalid {
                origin: origin.to_string(),
                problems,
            })
        }
    }

    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.format != PROCESS_FORMAT {
            problems.push(format!(
                "format is \"{}\", this version of SSA Workbench reads \"{PROCESS_FORMAT}\"",
                self.format
            ));
        }
        if self.steps.is_empty() {
            problems.push("the process has no steps".into());
        }
        for (index, step) in self.steps.iter().enumerate() {
            if step.id.trim().is_empty() {
                problems.push(format!("step {} has an empty id", index + 1));
            } else if self.steps[..index].iter().any(|s| s.id == step.id) {
                problems.push(format!("step id \"{}\" is used twice", step.id));
            }
            if step.title.en.trim().is_empty() {
                problems.push(format!("step \"{}\" has no English title", step.id));
            }
        }
        problems
    }

    pub fn step(&self, id: &str) -> Option<(usize, &StepDefinition)> {
        self.steps
            .iter()
            .enumerate()
            .find(|(_, step)| step.id == id)
            .map(|(index, step)| (index + 1, step))
    }

    pub fn first_step(&self) -> &StepDefinition {
        // `parse` refuses a process without steps.
        &self.steps[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
format = "ssa-process/1"
id = "p"
version = "1"
title = { en = "Process" }
provenance = { status = "inferred" }

[[steps]]
id = "need"
title = { en = "Identify the need", fr = "Identifier le besoin" }
block = "preparation"
provenance = { status = "inferred", sources = ["P7"] }

[[steps]]
id = "feasibility"
title = { en = "Feasibility" }
block = "preparation"
provenance = { status = "sourced" }
"#;

    #[test]
    fn parses_steps_in_order_with_numbers() {
        let process = ProcessDefinition::parse("p.toml", MINIMAL).unwrap();
        assert_eq!(process.first_step().id, "need");
        let (number, step) = process.step("feasibility").unwrap();
        assert_eq!(number, 2);
        assert_eq!(step.title.get("fr"), "Feasibility");
        assert_eq!(
            process.step("need").unwrap().1.title.get("fr"),
            "Identifier le besoin"
        );
    }

    #[test]
    fn a_syntax_error_names_the_file_and_line() {
        let broken = MINIMAL.replace(
            "block = \"preparation\"\nprovenance = { status = \"sourced\" }",
            "block = ",
        );
        let error = ProcessDefinition::parse("p.toml", &broken).unwrap_err();
        let ProcessFileError::Syntax { line, .. } = &error else {
            panic!("{error:?}")
        };
        assert_eq!(*line, 17, "{error}");
        assert!(error.to_string().starts_with("p.toml, line 17:"));
    }

    #[test]
    fn duplicate_ids_and_wrong_format_are_reported_together() {
        let broken = MINIMAL
            .replace("ssa-process/1", "ssa-process/9")
            .replace("id = \"feasibility\"", "id = \"need\"");
        let error = ProcessDefinition::parse("p.toml", &broken).unwrap_err();
        assert_eq!(
            error,
            ProcessFileError::Invalid {
                origin: "p.toml".into(),
                problems: vec![
                    "format is \"ssa-process/9\", this version of SSA Workbench reads \"ssa-process/1\"".into(),
                    "step id \"need\" is used twice".into()
                ]
            }
        );
    }

    #[test]
    fn unknown_fields_are_refused_rather_than_ignored() {
        let broken = MINIMAL.replace(
            "block = \"preparation\"\nprovenance = { status = \"inferred\", sources",
            "blok = \"x\"\nblock = \"preparation\"\nprovenance = { status = \"inferred\", sources",
        );
        assert!(matches!(
            ProcessDefinition::parse("p.toml", &broken),
            Err(ProcessFileError::Syntax { .. })
        ));
    }
}
