//! Reading a process file: TOML syntax first, then every rule of the format, all problems at
//! once. Each problem names where it is: the step or item id and the line of the file.

use std::collections::HashSet;

use toml::Spanned;

use super::definition::*;
use crate::limits::{excerpt, size_text, MAX_PROCESS_BYTES};
use crate::template::source::LineIndex;

/// One thing wrong with a process file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessProblem {
    /// 1-based line in the file, where known.
    pub line: Option<usize>,
    /// What the problem is about: "step need", "item need-corridor-data", "process".
    pub location: String,
    pub message: String,
}

impl std::fmt::Display for ProcessProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}, {}: {}", self.location, self.message),
            None => write!(f, "{}: {}", self.location, self.message),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProcessFileError {
    #[error("{origin}, line {line}: {message}")]
    Syntax {
        origin: String,
        line: usize,
        message: String,
    },
    #[error("{origin}: {}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid {
        origin: String,
        problems: Vec<ProcessProblem>,
    },
    #[error("{origin} is larger than {}, the largest process file SSA Workbench reads", size_text(*.limit))]
    TooLarge { origin: String, limit: usize },
}

impl ProcessFileError {
    /// Every problem, a syntax error being the one problem of its file.
    pub fn problems(&self) -> Vec<ProcessProblem> {
        match self {
            ProcessFileError::Syntax { line, message, .. } => vec![ProcessProblem {
                line: Some(*line),
                location: "file".into(),
                message: message.clone(),
            }],
            ProcessFileError::Invalid { problems, .. } => problems.clone(),
            ProcessFileError::TooLarge { limit, .. } => vec![ProcessProblem {
                line: None,
                location: "file".into(),
                message: format!(
                    "the file is larger than {}, the largest process file SSA Workbench reads",
                    size_text(*limit)
                ),
            }],
        }
    }
}

impl ProcessDefinition {
    /// Parses and validates a process file. `origin` names the file in messages.
    /// Text over [`MAX_PROCESS_BYTES`] is refused unread.
    pub fn parse(origin: &str, text: &str) -> Result<ProcessDefinition, ProcessFileError> {
        if text.len() > MAX_PROCESS_BYTES {
            return Err(ProcessFileError::TooLarge {
                origin: origin.to_string(),
                limit: MAX_PROCESS_BYTES,
            });
        }
        let definition: ProcessDefinition =
            toml::from_str(text).map_err(|error| ProcessFileError::Syntax {
                origin: origin.to_string(),
                line: error
                    .span()
                    .map(|span| LineIndex::new(text).line(span.start))
                    .unwrap_or(1),
                message: crate::toml_errors::toml_message(&error),
            })?;
        let problems = Checker::new(text).check(&definition);
        if problems.is_empty() {
            Ok(definition)
        } else {
            Err(ProcessFileError::Invalid {
                origin: origin.to_string(),
                problems,
            })
        }
    }
}

/// Ids are written into databases and exchanged: lower-case letters, digits and dashes.
fn is_valid_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.len() <= 80
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Linear in the file: lines come from one index of line starts, and every location quotes
/// ids short (an item's location names its step, so a long step id must not be repeated whole
/// for each of its items).
struct Checker {
    lines: LineIndex,
    problems: Vec<ProcessProblem>,
}

impl Checker {
    fn new(text: &str) -> Checker {
        Checker {
            lines: LineIndex::new(text),
            problems: Vec::new(),
        }
    }

    fn line(&self, id: &Spanned<String>) -> Option<usize> {
        Some(self.lines.line(id.span().start))
    }

    fn push(&mut self, line: Option<usize>, location: String, message: impl Into<String>) {
        self.problems.push(ProcessProblem {
            line,
            location,
            message: message.into(),
        });
    }

    fn check(mut self, process: &ProcessDefinition) -> Vec<ProcessProblem> {
        let here = || "process".to_string();
        if process.format != PROCESS_FORMAT {
            self.push(
                Some(1),
                here(),
                format!(
                    "format is \"{}\", this version of SSA Workbench reads \"{PROCESS_FORMAT}\"",
                    excerpt(&process.format)
                ),
            );
        }
        if !is_valid_id(&process.id) {
            self.push(None, here(), format!("the id \"{}\" must be lower-case letters, digits and dashes, starting with a letter", excerpt(&process.id)));
        }
        if process.version.trim().is_empty() {
            self.push(None, here(), "the version is empty");
        }
        self.text_required(None, here(), "title", &process.title);
        if process.steps.is_empty() {
            self.push(None, here(), "the process has no steps ([[steps]] blocks)");
        }
        let mut step_ids = HashSet::new();
        let mut item_ids = HashSet::new();
        let mut output_ids = HashSet::new();
        for (index, step) in process.steps.iter().enumerate() {
            let line = self.line(&step.id);
            let location = format!("step {} \"{}\"", index + 1, excerpt(step.id()));
            if !is_valid_id(step.id()) {
                self.push(
                    line,
                    location.clone(),
                    "the id must be lower-case letters, digits and dashes, starting with a letter",
                );
            } else if !step_ids.insert(step.id().to_string()) {
                self.push(line, location.clone(), "this step id is used twice");
            }
            self.check_step(step, line, &location, &mut item_ids, &mut output_ids);
        }
        self.problems
    }

    fn check_step(
        &mut self,
        step: &StepDefinition,
        line: Option<usize>,
        location: &str,
        item_ids: &mut HashSet<String>,
        output_ids: &mut HashSet<String>,
    ) {
        self.text_required(line, location.to_string(), "title", &step.title);
        self.text_required(line, location.to_string(), "purpose", &step.purpose);
        if !BLOCKS.contains(&step.block.as_str()) {
            self.push(
                line,
                location.to_string(),
                format!(
                    "unknown block \"{}\"; use one of {}",
                    excerpt(&step.block),
                    BLOCKS.join(", ")
                ),
            );
        }
        for (what, list) in [("actor", &step.actors), ("input", &step.inputs)] {
            for (n, text) in list.iter().enumerate() {
                self.text_required(
                    line,
                    location.to_string(),
                    &format!("{what} {}", n + 1),
                    text,
                );
            }
        }
        for output in &step.outputs {
            let output_line = self.line(&output.id);
            let here = format!("output \"{}\" of {location}", excerpt(output.id.get_ref()));
            self.id_unique(
                output_line,
                &here,
                output.id.get_ref(),
                output_ids,
                "output",
            );
            self.text_required(output_line, here, "title", &output.title);
        }
        if step.checklist.is_empty() {
            self.push(
                line,
                location.to_string(),
                "the checklist is empty; give the step at least one [[steps.checklist]] item",
            );
        }
        for item in &step.checklist {
            let item_line = self.line(&item.id);
            let here = format!("item \"{}\" of {location}", excerpt(item.id.get_ref()));
            self.id_unique(
                item_line,
                &here,
                item.id.get_ref(),
                item_ids,
                "checklist item",
            );
            self.text_required(item_line, here.clone(), "label", &item.label);
            self.text_required(item_line, here, "explanation", &item.explanation);
        }
        match &step.gate {
            None => self.push(
                line,
                location.to_string(),
                "the step has no gate; add [steps.gate] with a question and the go, no_go and revisit answers",
            ),
            Some(gate) => {
                let here = format!("gate of {location}");
                self.text_required(line, here.clone(), "question", &gate.question);
                for (name, option) in [
                    ("go", &gate.go),
                    ("no_go", &gate.no_go),
                    ("revisit", &gate.revisit),
                ] {
                    match option {
                        None => self.push(
                            line,
                            here.clone(),
                            format!("the answer \"{name}\" is missing; a gate explains go, no_go and revisit"),
                        ),
                        Some(text) => self.text_required(line, here.clone(), name, text),
                    }
                }
            }
        }
        for (n, pitfall) in step.pitfalls.iter().enumerate() {
            self.text_required(
                line,
                location.to_string(),
                &format!("pitfall {}", n + 1),
                &pitfall.text,
            );
        }
    }

    fn id_unique(
        &mut self,
        line: Option<usize>,
        location: &str,
        id: &str,
        seen: &mut HashSet<String>,
        kind: &str,
    ) {
        if !is_valid_id(id) {
            self.push(
                line,
                location.to_string(),
                "the id must be lower-case letters, digits and dashes, starting with a letter",
            );
        } else if !seen.insert(id.to_string()) {
            self.push(
                line,
                location.to_string(),
                format!("this {kind} id is used twice in the process"),
            );
        }
    }

    fn text_required(
        &mut self,
        line: Option<usize>,
        location: String,
        field: &str,
        text: &LocalizedText,
    ) {
        if text.en.trim().is_empty() {
            self.push(
                line,
                location,
                format!("the {field} has no English text (en)"),
            );
        }
    }
}
