//! Comparing two renders of an agreement: which provisions were added, removed, changed, moved
//! or renumbered, with a word-level redline per provision; and the deviation-from-model report.
//!
//! Contract:
//!
//! - Pure: two [`Document`]s in, a [`Comparison`] out. The caller decides what the two sides
//!   are (two versions, a version and the current draft, a version and the model template).
//! - **Units.** A document is compared provision by provision. A unit is the agreement's title
//!   or any node that is not a paragraph or an item (preamble, part, chapter, section, article,
//!   signature block). An article's unit carries its heading, its own text and the text of all
//!   its paragraphs and items, one line each with their labels; a part, chapter or section
//!   carries its heading only (its articles are units of their own).
//! - **Matching is by node id, never by number.** A unit present on both sides whose label
//!   changed is *renumbered*; one whose place among the matched units changed (another parent,
//!   or another order) is *moved*. Neither is a change of wording: an article renumbered
//!   because an earlier one was left out is reported as renumbered with unchanged text.
//! - **Words.** Text is normalised to Unicode NFC and split on Unicode word boundaries
//!   (UAX #29, `unicode-segmentation`): a word, a run of spaces and each punctuation mark are
//!   tokens of their own, so "Party," against "Party;" shows only the comma and semicolon,
//!   and "Etat" against "État" is one changed word. The diff is `similar`'s (Myers).
//! - **References and sub-numbers follow the numbering.** A cross-reference is one token that
//!   stands for its target node, and a paragraph's or item's label one token that stands for
//!   that node: "Article 12" written as "Article 11" after a renumbering is not a change. The
//!   redline shows the newer side's rendering of such tokens.
//! - Line breaks separate the lines of a unit and are tokens too; a consumer shows the redline
//!   with white space preserved.

mod deviation;
mod tokens;

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, DiffOp};

use crate::template::{Document, DocumentNode, NodeKind};

pub use deviation::{deviation_report, model_draft, Deviation, DeviationKind, DeviationReport};
use tokens::{title_text, unit_text, UnitText};

/// Id of the unit that stands for the agreement's title (node ids never start with `#`).
pub const TITLE_UNIT_ID: &str = "#title";

/// The comparison of an older side (`before`) with a newer side (`after`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Comparison {
    pub summary: ComparisonSummary,
    /// Every unit, in the newer side's order; a removed unit sits after the unit that
    /// preceded it on the older side.
    pub units: Vec<UnitComparison>,
}

/// How many units fall in each class. `moved` and `renumbered` count units that are also
/// counted as `changed` or `unchanged` (they describe the place, not the wording).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ComparisonSummary {
    pub added: u32,
    pub removed: u32,
    pub changed: u32,
    pub unchanged: u32,
    pub moved: u32,
    pub renumbered: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UnitComparison {
    /// The node's stable id ([`TITLE_UNIT_ID`] for the title).
    pub id: String,
    /// Absent for the agreement's title.
    pub kind: Option<NodeKind>,
    /// The unit's label and heading on the older side, when it is there.
    pub before: Option<UnitPlace>,
    /// The unit's label and heading on the newer side, when it is there.
    pub after: Option<UnitPlace>,
    pub change: UnitChange,
    /// Its place among the units of both sides changed (another parent or another order).
    pub moved: bool,
    /// Its label changed ("Article 12" became "Article 11").
    pub renumbered: bool,
    /// The unit's text, word by word; adjacent tokens of one kind are joined.
    pub redline: Vec<RedlineSegment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UnitPlace {
    /// "Article 12", "Part III"; absent for unnumbered units.
    pub label: Option<String>,
    /// The heading as plain text; empty when there is none.
    pub heading: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum UnitChange {
    Added,
    Removed,
    Changed,
    Unchanged,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RedlineSegment {
    pub op: RedlineOp,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RedlineOp {
    Equal,
    Inserted,
    Deleted,
}

/// One side's unit, ready to be compared.
struct Unit<'d> {
    id: String,
    kind: Option<NodeKind>,
    parent: Option<&'d str>,
    place: UnitPlace,
    text: UnitText<'d>,
}

/// Compares `before` with `after`, unit by unit.
pub fn compare(before: &Document, after: &Document) -> Comparison {
    let old = units(before);
    let new = units(after);
    let moved = moved_ids(&old, &new);
    let old_index: HashMap<&str, usize> = old
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.as_str(), i))
        .collect();
    let new_ids: HashSet<&str> = new.iter().map(|u| u.id.as_str()).collect();

    let mut summary = ComparisonSummary::default();
    let mut result = Vec::with_capacity(new.len().max(old.len()));
    // A removed unit is emitted after the old unit that precedes it: before each matched unit,
    // the removed units that came before its old position.
    let mut old_cursor = 0;
    for unit in &new {
        match old_index.get(unit.id.as_str()) {
            Some(&i) => {
                if i >= old_cursor {
                    push_removed(&old[old_cursor..i], &new_ids, &mut result, &mut summary);
                    old_cursor = i + 1;
                }
                let before_unit = &old[i];
                let redline = redline(&before_unit.text, &unit.text);
                let changed = redline.iter().any(|s| s.op != RedlineOp::Equal);
                let is_moved = moved.contains(unit.id.as_str());
                let renumbered = before_unit.place.label != unit.place.label;
                if changed {
                    summary.changed += 1;
                } else {
                    summary.unchanged += 1;
                }
                summary.moved += u32::from(is_moved);
                summary.renumbered += u32::from(renumbered);
                result.push(UnitComparison {
                    id: unit.id.clone(),
                    kind: unit.kind,
                    before: Some(before_unit.place.clone()),
                    after: Some(unit.place.clone()),
                    change: if changed {
                        UnitChange::Changed
                    } else {
                        UnitChange::Unchanged
                    },
                    moved: is_moved,
                    renumbered,
                    redline,
                });
                // The units the older side removed right after this one follow it.
                if i + 1 == old_cursor {
                    let run = old[old_cursor..]
                        .iter()
                        .take_while(|u| !new_ids.contains(u.id.as_str()))
                        .count();
                    push_removed(
                        &old[old_cursor..old_cursor + run],
                        &new_ids,
                        &mut result,
                        &mut summary,
                    );
                    old_cursor += run;
                }
            }
            None => {
                summary.added += 1;
                result.push(one_sided(unit, UnitChange::Added));
            }
        }
    }
    push_removed(&old[old_cursor..], &new_ids, &mut result, &mut summary);
    Comparison {
        summary,
        units: result,
    }
}

fn push_removed(
    old: &[Unit<'_>],
    new_ids: &HashSet<&str>,
    result: &mut Vec<UnitComparison>,
    summary: &mut ComparisonSummary,
) {
    for unit in old.iter().filter(|u| !new_ids.contains(u.id.as_str())) {
        summary.removed += 1;
        result.push(one_sided(unit, UnitChange::Removed));
    }
}

fn one_sided(unit: &Unit<'_>, change: UnitChange) -> UnitComparison {
    let (op, before, after) = match change {
        UnitChange::Removed => (RedlineOp::Deleted, Some(unit.place.clone()), None),
        _ => (RedlineOp::Inserted, None, Some(unit.place.clone())),
    };
    UnitComparison {
        id: unit.id.clone(),
        kind: unit.kind,
        before,
        after,
        change,
        moved: false,
        renumbered: false,
        redline: join(unit.text.tokens.iter().map(|t| (op, unit.text.shown(t)))),
    }
}

/// Ids of the units present on both sides whose place changed: another parent, or outside the
/// longest run of matched units kept in the same order.
fn moved_ids<'a>(old: &'a [Unit<'_>], new: &[Unit<'_>]) -> HashSet<&'a str> {
    let new_parent: HashMap<&str, Option<&str>> =
        new.iter().map(|u| (u.id.as_str(), u.parent)).collect();
    let common_old: Vec<&str> = old
        .iter()
        .map(|u| u.id.as_str())
        .filter(|id| new_parent.contains_key(id))
        .collect();
    let old_ids: HashSet<&str> = common_old.iter().copied().collect();
    let common_new: Vec<&str> = new
        .iter()
        .map(|u| u.id.as_str())
        .filter(|id| old_ids.contains(id))
        .collect();
    let mut in_order: HashSet<&str> = HashSet::new();
    for op in capture_diff_slices(Algorithm::Myers, &common_old, &common_new) {
        if let DiffOp::Equal { old_index, len, .. } = op {
            in_order.extend(&common_old[old_index..old_index + len]);
        }
    }
    old.iter()
        .filter(|u| {
            let id = u.id.as_str();
            match new_parent.get(id) {
                Some(parent) => *parent != u.parent || !in_order.contains(id),
                None => false,
            }
        })
        .map(|u| u.id.as_str())
        .collect()
}

/// The word-level redline of two unit texts; equal tokens show the newer side's text.
fn redline(old: &UnitText<'_>, new: &UnitText<'_>) -> Vec<RedlineSegment> {
    let old_keys: Vec<_> = old.tokens.iter().map(|t| old.key(t)).collect();
    let new_keys: Vec<_> = new.tokens.iter().map(|t| new.key(t)).collect();
    if old_keys == new_keys {
        return join(new.tokens.iter().map(|t| (RedlineOp::Equal, new.shown(t))));
    }
    let mut pieces: Vec<(RedlineOp, &str)> = Vec::with_capacity(new.tokens.len());
    // Tokens next to each other are next to each other in the unit's text: one slice per run.
    fn take<'a>(
        pieces: &mut Vec<(RedlineOp, &'a str)>,
        op: RedlineOp,
        side: &'a UnitText<'_>,
        tokens: std::ops::Range<usize>,
    ) {
        pieces.push((op, side.span(tokens)));
    }
    for op in capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys) {
        match op {
            DiffOp::Equal { new_index, len, .. } => take(
                &mut pieces,
                RedlineOp::Equal,
                new,
                new_index..new_index + len,
            ),
            DiffOp::Delete {
                old_index, old_len, ..
            } => take(
                &mut pieces,
                RedlineOp::Deleted,
                old,
                old_index..old_index + old_len,
            ),
            DiffOp::Insert {
                new_index, new_len, ..
            } => take(
                &mut pieces,
                RedlineOp::Inserted,
                new,
                new_index..new_index + new_len,
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                take(
                    &mut pieces,
                    RedlineOp::Deleted,
                    old,
                    old_index..old_index + old_len,
                );
                take(
                    &mut pieces,
                    RedlineOp::Inserted,
                    new,
                    new_index..new_index + new_len,
                );
            }
        }
    }
    tidy(join(pieces))
}

/// Folds the spaces the diff kept between two changes into the changes, and puts a change's
/// deletions before its insertions: "[-as soon as possible-]{+without delay+}" reads better
/// than four interleaved one-word changes around shared spaces. (`similar` has no semantic
/// clean-up of its own; this is the whitespace part of diff-match-patch's.)
fn tidy(segments: Vec<RedlineSegment>) -> Vec<RedlineSegment> {
    let is_gap = |s: &RedlineSegment| {
        s.op == RedlineOp::Equal && s.text.chars().all(|c| c.is_whitespace() && c != '\n')
    };
    let mut out = Vec::with_capacity(segments.len());
    let mut i = 0;
    while i < segments.len() {
        if segments[i].op == RedlineOp::Equal {
            out.push(segments[i].clone());
            i += 1;
            continue;
        }
        let (mut deleted, mut inserted) = (String::new(), String::new());
        loop {
            let segment = &segments[i];
            match segment.op {
                RedlineOp::Deleted => deleted.push_str(&segment.text),
                RedlineOp::Inserted => inserted.push_str(&segment.text),
                RedlineOp::Equal => {
                    deleted.push_str(&segment.text);
                    inserted.push_str(&segment.text);
                }
            }
            i += 1;
            let next_is_change =
                |k: usize| segments.get(k).is_some_and(|s| s.op != RedlineOp::Equal);
            if next_is_change(i) || (segments.get(i).is_some_and(is_gap) && next_is_change(i + 1)) {
                continue;
            }
            break;
        }
        for (op, text) in [
            (RedlineOp::Deleted, deleted),
            (RedlineOp::Inserted, inserted),
        ] {
            if !text.is_empty() {
                out.push(RedlineSegment { op, text });
            }
        }
    }
    out
}

/// Joins adjacent pieces of the same kind into one segment.
fn join<'t>(pieces: impl IntoIterator<Item = (RedlineOp, &'t str)>) -> Vec<RedlineSegment> {
    let mut segments: Vec<RedlineSegment> = Vec::new();
    for (op, text) in pieces {
        match segments.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => segments.push(RedlineSegment {
                op,
                text: text.to_string(),
            }),
        }
    }
    segments
}

/// The document's units in reading order.
fn units(document: &Document) -> Vec<Unit<'_>> {
    let mut out = vec![Unit {
        id: TITLE_UNIT_ID.to_string(),
        kind: None,
        parent: None,
        place: UnitPlace {
            label: None,
            heading: String::new(),
        },
        text: title_text(&document.title),
    }];
    fn visit<'d>(node: &'d DocumentNode, parent: Option<&'d str>, out: &mut Vec<Unit<'d>>) {
        if matches!(node.kind, NodeKind::Paragraph | NodeKind::Item) {
            return;
        }
        out.push(Unit {
            id: node.id.clone(),
            kind: Some(node.kind),
            parent,
            place: UnitPlace {
                label: node.label.clone(),
                heading: crate::template::document::plain(&node.heading),
            },
            text: unit_text(node),
        });
        for child in &node.children {
            visit(child, Some(&node.id), out);
        }
    }
    for node in &document.nodes {
        visit(node, None, &mut out);
    }
    out
}

impl Comparison {
    /// The comparison as plain text: the summary, then each unit that is not unchanged in
    /// place and wording, with a header and its redline (`[-deleted-]`, `{+inserted+}`).
    pub fn to_redline_text(&self) -> String {
        let s = &self.summary;
        let mut out = format!(
            "{} added, {} removed, {} changed, {} moved, {} renumbered, {} unchanged\n",
            s.added, s.removed, s.changed, s.moved, s.renumbered, s.unchanged
        );
        for unit in &self.units {
            if unit.change == UnitChange::Unchanged && !unit.moved && !unit.renumbered {
                continue;
            }
            out.push('\n');
            out.push_str(&unit.header());
            out.push('\n');
            if unit.change == UnitChange::Unchanged {
                continue;
            }
            for segment in &unit.redline {
                match segment.op {
                    RedlineOp::Equal => out.push_str(&segment.text),
                    RedlineOp::Deleted => {
                        out.push_str("[-");
                        out.push_str(&segment.text);
                        out.push_str("-]");
                    }
                    RedlineOp::Inserted => {
                        out.push_str("{+");
                        out.push_str(&segment.text);
                        out.push_str("+}");
                    }
                }
            }
            out.push('\n');
        }
        out
    }
}

impl UnitComparison {
    /// "== Article 11 (was Article 12): changed, renumbered [M5.8] ==".
    pub fn header(&self) -> String {
        // The label only: the heading is the first line of the redline.
        let label = |place: &Option<UnitPlace>| {
            place
                .as_ref()
                .map(|p| match (&p.label, p.heading.is_empty()) {
                    (Some(label), _) => label.clone(),
                    (None, false) => p.heading.clone(),
                    (None, true) if self.id == TITLE_UNIT_ID => "Title".to_string(),
                    (None, true) => self.id.clone(),
                })
        };
        let name = match (label(&self.before), label(&self.after)) {
            (Some(before), Some(after)) if self.renumbered => {
                format!("{after} (was {before})")
            }
            (_, Some(after)) => after,
            (Some(before), None) => before,
            (None, None) => self.id.clone(),
        };
        let mut states = vec![match self.change {
            UnitChange::Added => "added",
            UnitChange::Removed => "removed",
            UnitChange::Changed => "changed",
            UnitChange::Unchanged => "wording unchanged",
        }];
        if self.moved {
            states.push("moved");
        }
        if self.renumbered {
            states.push("renumbered");
        }
        format!("== {name}: {} [{}] ==", states.join(", "), self.id)
    }
}

#[cfg(test)]
mod tests;
