//! Reading and writing template files.
//!
//! Contract: [`Template::parse`] fails only when the text cannot be read as a template at all
//! (TOML syntax, a missing or misspelt field, a value of the wrong type), with the line.
//! Everything else is [`Template::validate`]'s job, which returns every problem at once.
//! [`Template::load`] does both and is what an import should call. [`Template::to_toml`] writes
//! a file that parses back to an equal template.

use super::check_template;
use super::format::Template;
use super::report::{Problem, ProblemKind, Report, Severity};
use super::source::{LineIndex, SourceLines};
use crate::limits::{size_text, MAX_TEMPLATE_BYTES};

/// Why a template file could not be used. `origin` names the file in messages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("{origin}, line {line}: {message}")]
    Syntax {
        origin: String,
        line: usize,
        message: String,
    },
    #[error(
        "{origin} is not a usable template ({} error(s)):\n{}",
        report.errors().count(),
        report.errors().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n")
    )]
    Invalid { origin: String, report: Report },
    #[error("could not write the template as TOML: {message}")]
    Export { message: String },
    #[error("{origin} is larger than {}, the largest template file SSA Workbench reads", size_text(*.limit))]
    TooLarge { origin: String, limit: usize },
}

impl TemplateError {
    /// The error as a validation report, so that a UI shows a file that does not parse the
    /// same way as one that parses with problems.
    pub fn to_report(&self) -> Report {
        match self {
            TemplateError::Syntax { line, message, .. } => Report {
                problems: vec![
                    Problem::error(ProblemKind::Syntax, message.clone()).at_line(Some(*line))
                ],
            },
            TemplateError::Invalid { report, .. } => report.clone(),
            TemplateError::Export { message } => Report {
                problems: vec![Problem::error(ProblemKind::Syntax, message.clone())],
            },
            TemplateError::TooLarge { limit, .. } => Report {
                problems: vec![Problem::error(
                    ProblemKind::TooLong,
                    format!(
                        "the file is larger than {}, the largest template file SSA Workbench \
                         reads.",
                        size_text(*limit)
                    ),
                )],
            },
        }
    }
}

impl Template {
    /// Reads a template from TOML text, recording line numbers for later messages. Text over
    /// [`MAX_TEMPLATE_BYTES`] is refused unread.
    pub fn parse(origin: &str, text: &str) -> Result<Template, TemplateError> {
        if text.len() > MAX_TEMPLATE_BYTES {
            return Err(TemplateError::TooLarge {
                origin: origin.to_string(),
                limit: MAX_TEMPLATE_BYTES,
            });
        }
        let mut template: Template =
            toml::from_str(text).map_err(|error| TemplateError::Syntax {
                origin: origin.to_string(),
                line: error
                    .span()
                    .map(|span| LineIndex::new(text).line(span.start))
                    .unwrap_or(1),
                message: crate::toml_errors::toml_message(&error),
            })?;
        template.source = SourceLines::scan(text);
        Ok(template)
    }

    /// Parses and validates; succeeds only without errors, returning the warnings with it.
    pub fn load(origin: &str, text: &str) -> Result<(Template, Report), TemplateError> {
        let template = Template::parse(origin, text)?;
        let report = template.validate();
        if report.has_errors() {
            return Err(TemplateError::Invalid {
                origin: origin.to_string(),
                report,
            });
        }
        let warnings = Report {
            problems: report
                .problems
                .into_iter()
                .filter(|p| p.severity == Severity::Warning)
                .collect(),
        };
        Ok((template, warnings))
    }

    /// Every problem with the template itself (see [`check_template`]).
    pub fn validate(&self) -> Report {
        check_template::check(self)
    }

    /// The template as a TOML file in the `ssa-template/1` format.
    pub fn to_toml(&self) -> Result<String, TemplateError> {
        toml::to_string(self).map_err(|error| TemplateError::Export {
            message: error.to_string(),
        })
    }
}
