//! `render(template, draft) -> Document`.
//!
//! Contract: rendering never fails and never guesses. Whatever the draft lacks is marked
//! ([`Segment::Unfilled`], [`Segment::BrokenReference`]) instead of being left blank, and a
//! text whose tokens do not parse is shown as written; [`super::check_draft`] and
//! [`super::check_template`] say what to fix. Numbers come from [`Outline`], computed afresh.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::document::{
    BrokenReason, Document, DocumentNode, OmissionReason, OmittedNode, Segment, Wording,
};
use super::draft::{Draft, Value};
use super::format::{ParameterType, Provenance, Template};
use super::outline::{Omission, Outline};
use super::structure::arranged;
use super::text::{pieces, Piece};

/// Renders `draft` on `template` into a numbered document.
pub fn render(template: &Template, draft: &Draft) -> Document {
    let arranged = arranged(template, draft);
    let template = arranged.as_ref();
    let outline = Outline::new(template, draft);
    let renderer = Renderer::new(&outline);
    let nodes = outline
        .roots
        .iter()
        .filter(|&&index| outline.is_kept(index))
        .map(|&index| renderer.node(index))
        .collect();
    let omitted = template
        .nodes
        .iter()
        .zip(&outline.omitted)
        .filter_map(|(node, omission)| {
            let reason = match omission.as_ref()? {
                Omission::Excluded if !node.optional => OmissionReason::Deleted,
                Omission::Excluded => OmissionReason::Excluded,
                Omission::Condition(when) => OmissionReason::Condition { when: when.clone() },
                Omission::Ancestor(_) => return None,
            };
            Some(OmittedNode {
                id: node.id.clone(),
                reason,
            })
        })
        .collect();
    Document {
        template_id: template.id.clone(),
        template_version: template.version.clone(),
        title: renderer.segments(&template.title, None),
        nodes,
        omitted,
    }
}

/// Where each defined term is defined: key to (term as written, defining node index).
pub(crate) fn term_definitions(template: &Template) -> HashMap<&str, (&str, usize)> {
    let mut terms = HashMap::new();
    for (index, node) in template.nodes.iter().enumerate() {
        for (key, term) in &node.defines {
            terms.entry(key.as_str()).or_insert((term.as_str(), index));
        }
    }
    terms
}

/// The provenance each node carries, its own or inherited. (Validation keeps provenance short,
/// see [`crate::limits::MAX_PROVENANCE_NOTE_CHARS`]; [`bounded`] keeps a render of an invalid
/// template from repeating a long one on every node.)
pub(crate) fn effective_provenance<'t>(outline: &Outline<'t>) -> Vec<&'t Provenance> {
    let template = outline.template;
    let mut effective: Vec<&Provenance> = Vec::with_capacity(template.nodes.len());
    for (index, node) in template.nodes.iter().enumerate() {
        // Parents come earlier in the list, so theirs is already known.
        let inherited = outline.parent[index].map_or(&template.provenance, |p| effective[p]);
        effective.push(node.provenance.as_ref().unwrap_or(inherited));
    }
    effective
}

struct Renderer<'o, 't> {
    outline: &'o Outline<'t>,
    terms: HashMap<&'t str, (&'t str, usize)>,
    provenance: Vec<&'t Provenance>,
}

impl<'o, 't> Renderer<'o, 't> {
    fn new(outline: &'o Outline<'t>) -> Self {
        Renderer {
            outline,
            terms: term_definitions(outline.template),
            provenance: effective_provenance(outline),
        }
    }

    fn node(&self, index: usize) -> DocumentNode {
        let outline = self.outline;
        let node = &outline.template.nodes[index];
        let (text, wording, differs_from_model) = self.wording(index);
        let children = outline.children[index]
            .iter()
            .filter(|&&child| outline.is_kept(child))
            .map(|&child| self.node(child))
            .collect();
        DocumentNode {
            id: node.id.clone(),
            kind: node.kind,
            number: outline.numbers[index].clone(),
            label: outline.label(index),
            citation: outline.citation(index),
            added: outline.draft().added.contains_key(&node.id),
            heading: node
                .heading
                .as_deref()
                .map(|heading| self.segments(heading, Some(index)))
                .unwrap_or_default(),
            text: self.segments(text, Some(index)),
            wording,
            differs_from_model,
            provenance: bounded(self.provenance[index]),
            guidance: node.guidance.clone(),
            children,
        }
    }

    /// The wording in force for a node: custom, a chosen alternative, or the model text.
    fn wording(&self, index: usize) -> (&'t str, Wording, bool) {
        let template = self.outline.template;
        let node = &template.nodes[index];
        let draft_choice = self.outline_draft().alternatives.get(&node.id);
        let chosen = draft_choice
            .and_then(|id| node.alternatives.iter().find(|a| &a.id == id))
            .or_else(|| node.default_alternative());
        let model_text = chosen.map_or(node.text.as_str(), |a| a.text.as_str());
        if let Some(custom) = self.outline_draft().custom_wording.get(&node.id) {
            let default_text = node
                .default_alternative()
                .map_or(node.text.as_str(), |a| a.text.as_str());
            return (custom, Wording::Custom, custom != default_text);
        }
        match chosen {
            Some(alternative) => {
                let is_default = Some(alternative) == node.default_alternative();
                let wording = Wording::Alternative {
                    id: alternative.id.clone(),
                    label: alternative.label.clone(),
                    is_default,
                };
                (model_text, wording, !is_default)
            }
            None => (model_text, Wording::Model, false),
        }
    }

    fn outline_draft(&self) -> &'t Draft {
        self.outline.draft()
    }

    fn segments(&self, text: &str, from: Option<usize>) -> Vec<Segment> {
        let Ok(pieces) = pieces(text) else {
            return vec![Segment::Text { text: text.into() }];
        };
        let mut segments: Vec<Segment> = Vec::with_capacity(pieces.len());
        for piece in pieces {
            let segment = match piece {
                Piece::Literal(literal) => Segment::Text {
                    text: literal.into(),
                },
                Piece::Parameter(name) => self.parameter(name),
                Piece::Reference(target) => self.reference(target, from),
                Piece::Term { key, display } => self.term(key, display),
            };
            let segment = match segment {
                Segment::Reference { target, text } if starts_sentence(&segments) => {
                    Segment::Reference {
                        target,
                        text: capitalised(&text),
                    }
                }
                // A party's name carries its own article ("the Republic of Aurelia"), which
                // opens a sentence with a capital.
                Segment::Value { parameter, text }
                    if starts_sentence(&segments)
                        && self.outline.parameter(&parameter).map(|p| p.kind)
                            == Some(ParameterType::Party) =>
                {
                    Segment::Value {
                        parameter,
                        text: capitalised(&text),
                    }
                }
                other => other,
            };
            // Adjacent literal runs are merged so that consumers see one run per stretch.
            match (segments.last_mut(), &segment) {
                (Some(Segment::Text { text: previous }), Segment::Text { text }) => {
                    previous.push_str(text)
                }
                _ => segments.push(segment),
            }
        }
        segments
    }

    fn parameter(&self, name: &str) -> Segment {
        let outline = self.outline;
        let declared = outline.parameter(name);
        let label = declared.map_or(name, |p| p.label.as_str()).to_string();
        match outline.value(name) {
            Some(value) if value.is_filled() => Segment::Value {
                parameter: name.into(),
                text: format_value(
                    value,
                    declared.map(|p| p.kind),
                    declared.map(|p| &p.choices[..]).unwrap_or(&[]),
                    &outline.template.language,
                ),
            },
            _ => Segment::Unfilled {
                parameter: name.into(),
                label,
            },
        }
    }

    fn reference(&self, target: &str, from: Option<usize>) -> Segment {
        let outline = self.outline;
        let Some(index) = outline.index_of(target) else {
            return Segment::BrokenReference {
                target: target.into(),
                reason: BrokenReason::Missing,
            };
        };
        match outline.reference_text(index, from) {
            Some(text) => Segment::Reference {
                target: target.into(),
                text,
            },
            None => Segment::BrokenReference {
                target: target.into(),
                reason: if outline.is_kept(index) {
                    BrokenReason::NotNumbered
                } else {
                    BrokenReason::Omitted
                },
            },
        }
    }

    fn term(&self, key: &str, display: Option<&str>) -> Segment {
        let definition = self.terms.get(key);
        let text = display
            .or(definition.map(|(term, _)| *term))
            .unwrap_or(key)
            .to_string();
        let defined_in = definition
            .filter(|(_, index)| self.outline.is_kept(*index))
            .map(|(_, index)| self.outline.template.nodes[*index].id.clone());
        Segment::Term {
            key: key.into(),
            text,
            display: display.map(str::to_string),
            defined_in,
        }
    }
}

/// A copy of `provenance` within the limits, cut (with "…") when an invalid template exceeds
/// them.
fn bounded(provenance: &Provenance) -> Provenance {
    use crate::limits::{excerpt_of, MAX_PROVENANCE_NOTE_CHARS, MAX_PROVENANCE_SOURCES};
    let sources = &provenance.sources;
    Provenance {
        status: provenance.status,
        confidence: provenance.confidence,
        sources: sources[..sources.len().min(MAX_PROVENANCE_SOURCES)]
            .iter()
            .map(|source| excerpt_of(source, MAX_PROVENANCE_NOTE_CHARS / MAX_PROVENANCE_SOURCES))
            .collect(),
        note: excerpt_of(&provenance.note, MAX_PROVENANCE_NOTE_CHARS),
    }
}

/// Whether the next segment opens a sentence: a reference there ("paragraph 1 shall…") must
/// start with a capital letter.
fn starts_sentence(before: &[Segment]) -> bool {
    match before.last() {
        None => true,
        Some(Segment::Text { text }) => {
            let trimmed = text.trim_end();
            trimmed.is_empty() || trimmed.ends_with(['.', ':']) && text.ends_with(' ')
        }
        Some(_) => false,
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Writes a filled value as it reads in the agreement.
pub(crate) fn format_value(
    value: &Value,
    kind: Option<ParameterType>,
    choices: &[super::format::Choice],
    language: &str,
) -> String {
    match (value, kind) {
        (Value::Number(months), Some(ParameterType::Months)) => months_text(*months, language),
        (Value::Text(date), Some(ParameterType::Date)) => match parse_date(date) {
            Some(date) => date_text(date, language),
            None => date.clone(),
        },
        (Value::Text(choice), Some(ParameterType::Choice)) => choices
            .iter()
            .find(|c| &c.value == choice)
            .map_or_else(|| choice.clone(), |c| c.text.clone()),
        (Value::Text(text), _) => text.clone(),
        (Value::Number(number), _) => number.to_string(),
        (Value::Flag(flag), _) => match (*flag, language) {
            (true, "fr") => "oui".into(),
            (true, "es") => "sí".into(),
            (true, _) => "yes".into(),
            (false, _) => "no".into(),
        },
        (Value::Amount(amount), _) => format!("{} {}", amount.currency, amount.amount),
        (Value::Laws(entries), _) => entries
            .iter()
            .map(|entry| format!("{} ({})", join_list(&entry.laws, language), entry.branch))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// "A", "A and B", "A, B and C".
fn join_list(items: &[String], language: &str) -> String {
    let and = match language {
        "fr" => "et",
        "es" => "y",
        _ => "and",
    };
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// "24 months", "24 mois", "24 meses" ("1 month", "1 mes"); English for any other language.
pub fn months_text(months: i64, language: &str) -> String {
    let unit = match (language, months == 1) {
        ("fr", _) => "mois",
        ("es", true) => "mes",
        ("es", false) => "meses",
        (_, true) => "month",
        (_, false) => "months",
    };
    format!("{months} {unit}")
}

/// "1 March 2026", "1er mars 2026" (French writes the first of the month as an ordinal),
/// "1 de marzo de 2026"; English for any other language.
pub fn date_text(date: NaiveDate, language: &str) -> String {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const ES: [&str; 12] = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    let month = date.month0() as usize;
    match language {
        "fr" if date.day() == 1 => format!("1er {} {}", FR[month], date.year()),
        "fr" => format!("{} {} {}", date.day(), FR[month], date.year()),
        "es" => format!("{} de {} de {}", date.day(), ES[month], date.year()),
        _ => format!("{} {} {}", date.day(), EN[month], date.year()),
    }
}
