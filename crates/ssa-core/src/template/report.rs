//! Validation reports: every problem at once, each saying what is wrong, where, and what to do.

use std::fmt;

use serde::Serialize;

/// An error stops a template from being used (or a draft from being final); a warning is
/// something a person should look at, such as a placeholder not yet filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// What kind of problem; a UI can switch on it (and the JSON carries it as a snake_case code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// TOML that does not parse, a `{{…}}` token or a `when` condition that does not parse.
    Syntax,
    /// The `format` tag is not one this version reads.
    UnsupportedFormat,
    /// Template id, version or title missing or malformed.
    InvalidMetadata,
    DuplicateId,
    /// A node id with characters that cannot be referenced.
    InvalidId,
    /// `parent` names no node, or a node that comes later in the file.
    UnknownParent,
    /// A node where its kind may not sit (an article inside a paragraph…).
    BadNesting,
    /// A `{{ref:…}}` to a node that does not exist.
    DanglingReference,
    /// A `{{ref:…}}` to a node that has no number (preamble, signature block).
    UnreferableTarget,
    /// A reference to a node the draft leaves out (by exclusion or condition).
    ReferenceToOmitted,
    /// `{{term:…}}` with no node defining the term.
    UndefinedTerm,
    /// A term used where the node defining it is left out of the draft.
    TermDefinitionOmitted,
    DuplicateTerm,
    /// A placeholder or condition naming an undeclared parameter (or a draft value for one).
    UnknownParameter,
    DuplicateParameter,
    /// A parameter declaration that cannot work (min above max, a choice without choices…).
    InvalidParameter,
    /// A condition comparing a parameter with a value of the wrong type.
    TypeMismatch,
    /// A choice value that is not among the parameter's choices.
    UnknownChoice,
    /// Alternatives without exactly one default, duplicate alternative ids, text beside them.
    BadAlternatives,
    /// `included_by_default = false` on a node that is not optional.
    BadOptional,
    /// A node with neither heading, text nor children.
    EmptyNode,
    /// The draft was made for another template or version.
    TemplateMismatch,
    /// A placeholder in a kept node with no value and no default.
    UnfilledPlaceholder,
    /// A value of the wrong shape or format (text for months, "2026-13-01" for a date).
    InvalidValue,
    ValueOutOfRange,
    /// A date earlier than the date it may not precede.
    DateOrder,
    /// A draft choice for a node id the template does not have.
    UnknownNode,
    /// The draft deletes a provision the model requires.
    DepartsFromModel,
    /// A chosen alternative the node does not have.
    UnknownAlternative,
    /// A node's `implements` names a node the implemented template does not have, or the
    /// template does not say which template it implements.
    UnknownImplementedNode,
    /// Nodes nested deeper than [`crate::limits::MAX_NESTING_DEPTH`].
    TooDeep,
    /// A value longer than its limit (see [`crate::limits`]).
    TooLong,
    /// The draft could not be rendered at all (an internal error, caught); the draft is kept and
    /// can be edited or undone.
    Unrenderable,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Problem {
    pub severity: Severity,
    pub kind: ProblemKind,
    /// The node the problem is in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// The other node involved: a reference's target, the first of two duplicates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related_node: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    /// 1-based line in the template file, when the template came from a file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub message: String,
}

impl Problem {
    pub fn error(kind: ProblemKind, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Error,
            kind,
            node: None,
            related_node: None,
            parameter: None,
            line: None,
            message: message.into(),
        }
    }

    pub fn warning(kind: ProblemKind, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(kind, message)
        }
    }

    pub fn at_node(mut self, id: &str) -> Problem {
        self.node = Some(id.to_string());
        self
    }

    pub fn related(mut self, id: &str) -> Problem {
        self.related_node = Some(id.to_string());
        self
    }

    pub fn for_parameter(mut self, name: &str) -> Problem {
        self.parameter = Some(name.to_string());
        self
    }

    pub fn at_line(mut self, line: Option<usize>) -> Problem {
        self.line = line;
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Every problem found, in the order of the file (or of the draft's nodes).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Report {
    pub problems: Vec<Problem>,
}

impl Report {
    pub fn push(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
    }

    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// No errors and no warnings.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    /// Problems of one kind, for tests and for UIs that group them.
    pub fn of_kind(&self, kind: ProblemKind) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(move |p| p.kind == kind)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, problem) in self.problems.iter().enumerate() {
            if index > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}
