//! Model-agreement templates: parse, validate, render to a numbered document.
//!
//! A [`Template`] is data (a TOML file in the `ssa-template/1` format, documented in
//! `assets/templates/README.md`): metadata, typed parameter declarations, and a flat list of
//! nodes (preamble, parts, chapters, sections, articles, paragraphs, items, signature block),
//! each with a stable id that is never rendered. A [`Draft`] records one negotiation's choices
//! on top of it: which optional nodes are kept, which alternative wording is chosen, parameter
//! values and free rewording. [`render`] turns the two into a [`Document`], numbering every
//! node afresh, so that leaving an article out renumbers every later article and every
//! reference to it.
//!
//! Contract:
//!
//! - Pure: text in, values out. The caller reads files; nothing here touches IO or the clock.
//! - [`Template::parse`] fails only on text that is not a template at all, with the line;
//!   [`Template::validate`] reports every problem of the file itself; [`Draft::validate`]
//!   every problem of the draft's choices. Both return a [`Report`] a person can act on.
//! - [`render`] never fails: what is missing is marked in the document, never left blank.
//! - [`Template::to_toml`] writes a file that [`Template::parse`] reads back equal.

mod check_draft;
mod check_template;
mod check_text;
pub mod document;
pub mod draft;
pub mod edit;
pub mod expr;
pub mod format;
pub mod merge;
mod outline;
mod parse;
mod render;
pub mod report;
pub(crate) mod source;
pub mod structure;
pub mod text;
mod value_check;

pub use document::{
    BrokenReason, Document, DocumentNode, OmissionReason, OmittedNode, Segment, Wording,
};
pub use draft::{AddedNode, Amount, Draft, LawsForBranch, Value};
pub use format::{
    AgreementKind, Alternative, Choice, Confidence, Node, NodeKind, Parameter, ParameterType,
    Provenance, ReferenceStyle, SourceStatus, Style, Template, TemplateRef, TEMPLATE_FORMAT,
};
pub use parse::TemplateError;
pub use render::{date_text, months_text, render};
pub use report::{Problem, ProblemKind, Report, Severity};
pub use source::{NodeLines, SourceLines};
