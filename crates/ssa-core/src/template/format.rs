//! The shape of a template file (`ssa-template/1`), as Rust types.
//!
//! These types are the file format: they deserialise from and serialise to the TOML documented
//! in `assets/templates/README.md`, field for field. Nodes are stored flat, in reading order,
//! each naming its `parent`; the tree is rebuilt by [`super::outline`]. Numbers are never
//! stored: they are computed by [`super::render`] from the nodes that a draft keeps.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::draft::Value;
use super::source::SourceLines;

/// The format tag every template file carries; bumped when the shape changes incompatibly.
pub const TEMPLATE_FORMAT: &str = "ssa-template/1";

/// A model agreement: metadata, parameter declarations and the node list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Must be [`TEMPLATE_FORMAT`].
    pub format: String,
    /// Stable identifier of the template ("r167-annex1-bilateral"); drafts refer to it.
    pub id: String,
    /// Version of this template's content; a draft records the version it was made from.
    pub version: String,
    /// The agreement's title; may contain placeholders (`{{party_a}}`).
    pub title: String,
    pub kind: AgreementKind,
    /// Language of the wording, lower-case ISO 639-1 ("en"). Used for dates and durations.
    #[serde(default = "default_language")]
    pub language: String,
    /// What this template is for, shown in the template picker; never rendered.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Set when a ministry duplicated another template to make its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derived_from: Option<TemplateRef>,
    /// For a template that implements another (an administrative arrangement implementing an
    /// agreement): the id of the implemented template, whose node ids the nodes'
    /// `implements` name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implements: Option<String>,
    /// Provenance of the template as a whole; nodes without their own inherit it.
    pub provenance: Provenance,
    #[serde(default)]
    pub style: Style,
    #[serde(default, rename = "parameter", skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter>,
    #[serde(default, rename = "node")]
    pub nodes: Vec<Node>,
    /// Where each node and parameter sits in the file it was parsed from, for messages.
    #[serde(skip)]
    pub source: SourceLines,
}

fn default_language() -> String {
    "en".to_string()
}

/// Identifies one version of one template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct TemplateRef {
    pub id: String,
    pub version: String,
}

/// Two parties, or three or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AgreementKind {
    Bilateral,
    Multilateral,
}

/// How numbers and cross-references are written. Defaults are English treaty style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields, default)]
pub struct Style {
    pub part_label: String,
    pub chapter_label: String,
    pub section_label: String,
    pub article_label: String,
    /// Used inside references: "Article 12, paragraph 3".
    pub paragraph_label: String,
    /// Used inside references: "Article 12, paragraph 3, subparagraph (a)".
    pub subparagraph_label: String,
    /// Joins a chapter to its part in references: "Chapter 2 of Part III".
    pub of_word: String,
    pub references: ReferenceStyle,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            part_label: "Part".into(),
            chapter_label: "Chapter".into(),
            section_label: "Section".into(),
            article_label: "Article".into(),
            paragraph_label: "paragraph".into(),
            subparagraph_label: "subparagraph".into(),
            of_word: "of".into(),
            references: ReferenceStyle::Long,
        }
    }
}

/// `long`: "Article 12, paragraph 3, subparagraph (a)"; `compact`: "Article 12(3)(a)".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ReferenceStyle {
    Long,
    Compact,
}

/// Whether a node's wording is stated in a cited source or drafted by the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SourceStatus {
    /// Stated in an authentic text that was read.
    Verified,
    /// Stated in a cited source, but not checked against the authentic text.
    Sourced,
    /// Stated in a translation of the authentic text, paraphrased back.
    Translated,
    /// Reconstructed by the project from the structure and from comparable instruments.
    Inferred,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

/// Where a node's substance comes from, so inferred text can be told apart and replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    pub status: SourceStatus,
    pub confidence: Confidence,
    /// Source ids from the domain notes' source lists ("C5", "E3").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The structural kind of a node; decides where it may sit and how it is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Preamble,
    Part,
    Chapter,
    Section,
    Article,
    Paragraph,
    /// A sub-item: (a), (b) under a paragraph or article; (i), (ii) under another item.
    Item,
    Signature,
    /// A separate instrument after the signature block (a Final Protocol, an annex): its
    /// heading is its name; it is not numbered and holds paragraphs numbered 1., 2.…
    Annex,
}

impl NodeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Preamble => "preamble",
            NodeKind::Part => "part",
            NodeKind::Chapter => "chapter",
            NodeKind::Section => "section",
            NodeKind::Article => "article",
            NodeKind::Paragraph => "paragraph",
            NodeKind::Item => "item",
            NodeKind::Signature => "signature",
            NodeKind::Annex => "annex",
        }
    }

    /// Whether another node can refer to a node of this kind.
    pub fn is_referable(self) -> bool {
        !matches!(self, NodeKind::Preamble | NodeKind::Signature)
    }

    /// Whether a node of this kind may sit directly under `parent` (`None`: top level).
    pub fn may_sit_under(self, parent: Option<NodeKind>) -> bool {
        use NodeKind::*;
        matches!(
            (self, parent),
            (Preamble | Part | Signature | Annex, None)
                | (Chapter, None | Some(Part))
                | (Section, None | Some(Part | Chapter))
                | (Article, None | Some(Part | Chapter | Section))
                | (Paragraph, Some(Article | Preamble | Signature | Annex))
                | (Item, Some(Article | Paragraph | Item))
        )
    }
}

/// One node of the agreement: a part, an article, a paragraph, a sub-item…
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// Stable id, unique in the template, never rendered. Drafts and references use it.
    pub id: String,
    pub kind: NodeKind,
    /// Id of the enclosing node, which must come earlier in the file; absent at top level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// The model wording, with `{{…}}` tokens. Empty when `alternatives` carry the wording.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// A draft may leave an optional node out.
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
    /// For optional nodes: whether a new draft keeps the node.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub included_by_default: bool,
    /// Condition over parameters (see [`super::expr`]); the node is left out when false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// Alternative wordings of `text`; a draft picks one, otherwise the default one is used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Alternative>,
    /// Terms this node defines: key (used in `{{term:key}}`) to the term as written.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub defines: BTreeMap<String, String>,
    /// Advice to the negotiator on this provision; never rendered in the agreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    /// Absent: inherited from the parent node, and at top level from the template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// Node ids of the template named by the template's `implements` that this node puts into
    /// practice ("M5.2": the article on liaison bodies).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub implements: Vec<String>,
}

/// One of several wordings of a node; exactly one per node is the default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Alternative {
    /// Unique within the node; a draft records it.
    pub id: String,
    /// Short name shown in the UI ("Pro-rata apportionment").
    pub label: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub default: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
}

/// What a negotiator fills in, declared once and used by placeholders and conditions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// Lower-case, dot-separated name used in `{{name}}` and in `when` ("posting.months").
    pub name: String,
    /// Human name, shown in forms and in "[posting duration: not filled]".
    pub label: String,
    #[serde(rename = "type")]
    pub kind: ParameterType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    /// Inclusive lower bound for `months` and `number`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// Inclusive upper bound for `months` and `number`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// The values a `choice` may take, with the wording each renders as.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
    /// For `date`: another date parameter this one may not precede.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_before: Option<String>,
}

/// The type of a parameter, which decides the value a draft gives and how it renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ParameterType {
    /// Free text (a place, a body's name).
    Text,
    /// A party's name as it appears in the agreement ("Republic of Aurelia").
    Party,
    /// An institution's name.
    Institution,
    /// A competent authority's name (usually a ministry).
    Authority,
    /// An ISO date "2026-03-01", rendered "1 March 2026".
    Date,
    /// A whole number of months, rendered "24 months".
    Months,
    /// A whole number, rendered as digits.
    Number,
    /// `{ amount = "1500.00", currency = "EUR" }`.
    Amount,
    /// One of `choices`, by value.
    Choice,
    /// Yes or no; false unless a default says otherwise. Used in conditions.
    Flag,
    /// Laws per branch: `[{ branch = "old-age benefits", laws = ["…"] }]`.
    Laws,
}

impl ParameterType {
    pub fn as_str(self) -> &'static str {
        match self {
            ParameterType::Text => "text",
            ParameterType::Party => "party",
            ParameterType::Institution => "institution",
            ParameterType::Authority => "authority",
            ParameterType::Date => "date",
            ParameterType::Months => "months",
            ParameterType::Number => "number",
            ParameterType::Amount => "amount",
            ParameterType::Choice => "choice",
            ParameterType::Flag => "flag",
            ParameterType::Laws => "laws",
        }
    }
}

/// One value a `choice` parameter may take.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Stored in drafts and compared in conditions.
    pub value: String,
    /// Rendered where the parameter is used as a placeholder.
    pub text: String,
}

fn is_false(value: &bool) -> bool {
    !*value
}

fn is_true(value: &bool) -> bool {
    *value
}

fn yes() -> bool {
    true
}

impl Template {
    /// Each node id with its position in the file (first occurrence wins for duplicates).
    pub(crate) fn node_positions(&self) -> HashMap<&str, usize> {
        let mut positions = HashMap::new();
        for (index, node) in self.nodes.iter().enumerate() {
            positions.entry(node.id.as_str()).or_insert(index);
        }
        positions
    }

    /// Every term key some node defines.
    pub(crate) fn defined_terms(&self) -> HashSet<&str> {
        self.nodes
            .iter()
            .flat_map(|n| n.defines.keys().map(String::as_str))
            .collect()
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|node| node.id == id)
    }

    pub fn parameter(&self, name: &str) -> Option<&Parameter> {
        self.parameters.iter().find(|p| p.name == name)
    }

    /// This template's id and version, as a draft or a derived template records them.
    pub fn reference(&self) -> TemplateRef {
        TemplateRef {
            id: self.id.clone(),
            version: self.version.clone(),
        }
    }

    /// A copy to be edited as a new template (a ministry's own model), recording where it
    /// came from. The copy keeps every node id, so drafts and references carry over.
    pub fn derive(&self, new_id: &str, new_version: &str, new_title: &str) -> Template {
        let mut derived = self.clone();
        derived.derived_from = Some(self.reference());
        derived.id = new_id.to_string();
        derived.version = new_version.to_string();
        derived.title = new_title.to_string();
        derived.source = SourceLines::default();
        derived
    }
}

impl Node {
    /// The alternative a new draft uses, if this node has alternatives.
    pub fn default_alternative(&self) -> Option<&Alternative> {
        self.alternatives
            .iter()
            .find(|a| a.default)
            .or(self.alternatives.first())
    }
}
