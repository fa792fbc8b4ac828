//! A draft: one negotiation's choices on top of a template.
//!
//! A draft stores only what differs from the template's defaults, keyed by stable node ids and
//! parameter names, never by numbers. It is checked by [`super::check_draft`] and turned into
//! a document by [`super::render`]; nothing here needs the template to exist.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::format::{NodeKind, Template};

/// Template id and version, plus the choices made for one agreement.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub template_id: String,
    pub template_version: String,
    /// Optional nodes kept (true) or left out (false), overriding the template's default.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub inclusion: BTreeMap<String, bool>,
    /// For nodes with alternative wordings: the id of the chosen alternative.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub alternatives: BTreeMap<String, String>,
    /// Parameter values by parameter name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, Value>,
    /// Free wording replacing the model wording of a node; may use the same `{{…}}` tokens.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub custom_wording: BTreeMap<String, String>,
    /// Provisions the draft adds to the model, by their ids (`new-1`, `new-2`…, never reused).
    /// Their wording is in `custom_wording`, their heading in `headings`, their place in
    /// `order`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub added: BTreeMap<String, AddedNode>,
    /// The children of a parent in reading order where the draft changed them, keyed by the
    /// parent's id (`""`: the top level). A node listed here sits under that parent; every other
    /// node sits where the model puts it. See [`super::structure`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub order: BTreeMap<String, Vec<String>>,
    /// Headings replacing the model's (or giving an added provision its heading).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headings: BTreeMap<String, String>,
    /// The agreement's title; absent: the template's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// A provision the draft adds: its kind (the rest is kept where any node's choices are).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct AddedNode {
    pub kind: NodeKind,
}

impl Draft {
    /// An empty draft of `template`: every node and parameter at its default.
    pub fn of(template: &Template) -> Draft {
        Draft {
            template_id: template.id.clone(),
            template_version: template.version.clone(),
            ..Draft::default()
        }
    }

    /// Sets a parameter value; returns the draft, for building drafts in one expression.
    pub fn with_value(mut self, name: &str, value: impl Into<Value>) -> Draft {
        self.values.insert(name.to_string(), value.into());
        self
    }
}

/// A parameter value. The template's parameter type says which shape is expected; a value of
/// another shape is reported by draft validation, and renders as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(untagged)]
pub enum Value {
    Flag(bool),
    Number(i64),
    /// Text, a name, an ISO date or a choice value.
    Text(String),
    Amount(Amount),
    Laws(Vec<LawsForBranch>),
}

/// A sum of money; the amount is a decimal string so that no rounding ever happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Amount {
    pub amount: String,
    /// ISO 4217 code, upper case ("EUR").
    pub currency: String,
}

/// The laws of one party that one branch covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct LawsForBranch {
    /// The branch as it should read in the agreement ("old-age benefits").
    pub branch: String,
    pub laws: Vec<String>,
}

impl From<bool> for Value {
    fn from(value: bool) -> Self {
        Value::Flag(value)
    }
}

impl From<i64> for Value {
    fn from(value: i64) -> Self {
        Value::Number(value)
    }
}

impl From<&str> for Value {
    fn from(value: &str) -> Self {
        Value::Text(value.to_string())
    }
}

impl From<String> for Value {
    fn from(value: String) -> Self {
        Value::Text(value)
    }
}

impl From<Amount> for Value {
    fn from(value: Amount) -> Self {
        Value::Amount(value)
    }
}

impl From<Vec<LawsForBranch>> for Value {
    fn from(value: Vec<LawsForBranch>) -> Self {
        Value::Laws(value)
    }
}

impl Value {
    /// Whether the value counts as given: empty text and an empty list of laws do not.
    pub fn is_filled(&self) -> bool {
        match self {
            Value::Text(text) => !text.trim().is_empty(),
            Value::Laws(entries) => !entries.is_empty(),
            Value::Flag(_) | Value::Number(_) | Value::Amount(_) => true,
        }
    }

    /// The shape's name, for messages ("text", "a whole number").
    pub fn shape(&self) -> &'static str {
        match self {
            Value::Flag(_) => "yes/no",
            Value::Number(_) => "a whole number",
            Value::Text(_) => "text",
            Value::Amount(_) => "an amount",
            Value::Laws(_) => "a list of laws",
        }
    }
}
