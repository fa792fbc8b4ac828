//! The deviation-from-model report: which provisions of a draft depart from the model
//! template's wording, and how.
//!
//! **The model side.** A draft is compared with its template rendered by [`model_draft`]: the
//! same template and version, every optional provision at its default, every default
//! alternative, no rewording, but the draft's own parameter values. The report therefore shows
//! departures in wording and structure, never the particulars a negotiator is meant to fill in
//! (the parties' names, the months of a posting), which would otherwise mark every article.
//!
//! **How a provision departs**, per node of the unit (the article and its paragraphs and items):
//! reworded (custom wording that is not the default text), another alternative chosen, left out
//! (in the model, not in the draft), or added (an optional provision the model leaves out, kept).

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::{compare, UnitChange, UnitComparison, UnitPlace};
use crate::template::{Document, DocumentNode, Draft, NodeKind, Wording};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeviationReport {
    /// Provisions that depart from the model, in the draft's order (left-out ones where the
    /// model has them).
    pub deviations: Vec<Deviation>,
    /// Provisions (title, articles, parts, preamble...) compared in all.
    pub units_compared: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Deviation {
    pub id: String,
    pub kind: Option<NodeKind>,
    /// Label and heading in the draft, or in the model when the draft leaves it out.
    pub place: UnitPlace,
    pub how: Vec<DeviationKind>,
    /// The comparison of the model's text (before) with the draft's (after).
    pub comparison: UnitComparison,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DeviationKind {
    /// Free wording replaces the model's (`node` is the article or one of its paragraphs).
    Reworded { node: String, place: String },
    /// An alternative wording other than the default was chosen (`alternative` is its id,
    /// `alternative_label` its name).
    AlternativeChosen {
        node: String,
        place: String,
        alternative: String,
        alternative_label: String,
    },
    /// The model has this provision; the draft leaves it out (`place` as the model numbers it).
    LeftOut { node: String, place: String },
    /// The draft has a provision the model does not (one it adds, or an optional one the model
    /// leaves out).
    Added { node: String, place: String },
    /// The provision sits elsewhere than in the model (another part or another order);
    /// `from` is where the model has it.
    Moved {
        node: String,
        place: String,
        from: String,
    },
}

/// Where a node reads, for people: "Article 12(3) Posting", "Part II Applicable legislation";
/// never an id. `unit` is the article (or other unit) it belongs to.
fn place_of(node: &DocumentNode, unit: &DocumentNode) -> String {
    let citation = node
        .citation
        .clone()
        .or_else(|| node.label.clone())
        .or_else(|| unit.citation.clone())
        .unwrap_or_default();
    let heading = crate::template::document::plain(&unit.heading);
    match (citation.is_empty(), heading.is_empty()) {
        (false, false) => format!("{citation} {heading}"),
        (false, true) => citation,
        (true, _) => heading,
    }
}

/// The draft the model side is rendered from: `draft`'s template and parameter values, and
/// nothing else of its choices.
pub fn model_draft(draft: &Draft) -> Draft {
    Draft {
        template_id: draft.template_id.clone(),
        template_version: draft.template_version.clone(),
        values: draft.values.clone(),
        ..Draft::default()
    }
}

/// Compares `draft` (rendered) with `model` (its template rendered from [`model_draft`]).
pub fn deviation_report(model: &Document, draft: &Document) -> DeviationReport {
    let comparison = compare(model, draft);
    let model_units = unit_nodes(model);
    let draft_units = unit_nodes(draft);
    let mut deviations = Vec::new();
    for unit in &comparison.units {
        let model_unit = model_units.get(unit.id.as_str());
        let draft_unit = draft_units.get(unit.id.as_str());
        let how = match unit.change {
            UnitChange::Added => vec![DeviationKind::Added {
                node: unit.id.clone(),
                place: draft_unit.map_or_else(String::new, |n| place_of(n, n)),
            }],
            UnitChange::Removed => vec![DeviationKind::LeftOut {
                node: unit.id.clone(),
                place: model_unit.map_or_else(String::new, |n| place_of(n, n)),
            }],
            UnitChange::Changed | UnitChange::Unchanged => match (model_unit, draft_unit) {
                (Some(model_node), Some(draft_node)) => {
                    let mut how = departures(model_node, draft_node);
                    if unit.moved && model_node.kind != NodeKind::Signature {
                        how.insert(
                            0,
                            DeviationKind::Moved {
                                node: unit.id.clone(),
                                place: place_of(draft_node, draft_node),
                                from: place_of(model_node, model_node),
                            },
                        );
                    }
                    how
                }
                _ => Vec::new(),
            },
        };
        if how.is_empty() {
            continue;
        }
        let place = unit
            .after
            .clone()
            .or_else(|| unit.before.clone())
            .expect("a unit is on at least one side");
        deviations.push(Deviation {
            id: unit.id.clone(),
            kind: unit.kind,
            place,
            how,
            comparison: unit.clone(),
        });
    }
    DeviationReport {
        deviations,
        units_compared: comparison.units.len() as u32,
    }
}

/// Unit nodes by id (every node that is not a paragraph or an item).
fn unit_nodes(document: &Document) -> HashMap<&str, &DocumentNode> {
    document
        .walk()
        .filter(|n| !is_sub_node(n))
        .map(|n| (n.id.as_str(), n))
        .collect()
}

fn is_sub_node(node: &DocumentNode) -> bool {
    matches!(node.kind, NodeKind::Paragraph | NodeKind::Item)
}

/// The unit node and its paragraphs and items, in reading order.
fn own_nodes(unit: &DocumentNode) -> Vec<&DocumentNode> {
    fn visit<'d>(node: &'d DocumentNode, out: &mut Vec<&'d DocumentNode>) {
        out.push(node);
        for child in node.children.iter().filter(|c| is_sub_node(c)) {
            visit(child, out);
        }
    }
    let mut out = Vec::new();
    visit(unit, &mut out);
    out
}

fn departures(model: &DocumentNode, draft: &DocumentNode) -> Vec<DeviationKind> {
    let model_nodes = own_nodes(model);
    let draft_nodes = own_nodes(draft);
    let model_ids: HashSet<&str> = model_nodes.iter().map(|n| n.id.as_str()).collect();
    let draft_ids: HashSet<&str> = draft_nodes.iter().map(|n| n.id.as_str()).collect();
    let mut how = Vec::new();
    for node in &draft_nodes {
        let place = place_of(node, draft);
        if !model_ids.contains(node.id.as_str()) {
            how.push(DeviationKind::Added {
                node: node.id.clone(),
                place,
            });
            continue;
        }
        match &node.wording {
            Wording::Custom if node.differs_from_model => how.push(DeviationKind::Reworded {
                node: node.id.clone(),
                place,
            }),
            Wording::Alternative {
                id,
                label,
                is_default: false,
            } => how.push(DeviationKind::AlternativeChosen {
                node: node.id.clone(),
                place,
                alternative: id.clone(),
                alternative_label: label.clone(),
            }),
            _ => {}
        }
    }
    how.extend(
        model_nodes
            .iter()
            .filter(|n| !draft_ids.contains(n.id.as_str()))
            .map(|n| DeviationKind::LeftOut {
                node: n.id.clone(),
                place: place_of(n, model),
            }),
    );
    how
}
