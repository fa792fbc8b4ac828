//! Structure edits of a draft: add, move, delete, split, merge, retitle.
//!
//! Each [`StructureEdit`] turns one draft into the next (a new value; the caller saves it like
//! any other edit, so undo, revisions and the "changed elsewhere" merge treat it the same). Edits
//! name provisions by their stable ids, never by numbers; [`apply`] refuses an edit that names
//! no provision of the draft or would put a provision where its kind may not sit, with a
//! [`StructureError`] that says so in plain words, and leaves the draft as it was.
//!
//! How each edit is stored (see [`super::structure`]): an added provision is an entry of
//! `added` (id `new-N`, see [`new_id`]) with its wording in `custom_wording` and heading in
//! `headings`; a place is the parent's full child list in `order` (dropped again when it is the
//! model's); deleting a model provision leaves it out through `inclusion` (a mandatory one
//! too, which validation reports as a departure from the model), deleting an added one removes
//! it and what it holds.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::draft::{AddedNode, Draft};
use super::format::{NodeKind, Template};
use super::outline::Outline;
use super::structure::{arranged, wording_in_force, TOP_LEVEL};
use super::text::{pieces, Piece};

/// One change to the structure of a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum StructureEdit {
    /// A new provision at `place`, with its heading and wording (which may use tokens).
    Add {
        kind: NodeKind,
        place: Place,
        heading: Option<String>,
        text: String,
    },
    Move {
        id: String,
        place: Place,
    },
    /// Before the previous kept provision of the same parent.
    MoveUp {
        id: String,
    },
    /// After the next kept provision of the same parent.
    MoveDown {
        id: String,
    },
    /// Into the previous kept sibling, as its last child (an added paragraph becomes an item).
    Indent {
        id: String,
    },
    /// Out of its parent, right after it (an added item under a paragraph becomes a paragraph).
    Outdent {
        id: String,
    },
    Delete {
        id: String,
    },
    /// Brings back a model provision the draft deleted or left out.
    Restore {
        id: String,
    },
    /// The provision keeps `before` as its wording; a new one of the same kind right after it
    /// gets `after`.
    Split {
        id: String,
        before: String,
        after: String,
    },
    /// The provision and the next kept one of the same kind become one: wordings joined, the
    /// next one's sub-provisions moved in, the next one deleted.
    Merge {
        id: String,
    },
    /// `None`: the model's heading again.
    Heading {
        id: String,
        heading: Option<String>,
    },
    /// `None`: the template's title again.
    Title {
        title: Option<String>,
    },
}

/// Where a provision goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "at", rename_all = "snake_case")]
pub enum Place {
    After {
        id: String,
    },
    Before {
        id: String,
    },
    FirstIn {
        id: String,
    },
    LastIn {
        id: String,
    },
    /// The end of the agreement, at the top level (a Final Protocol, an annex).
    End,
}

/// Why a structure edit was refused; the message says it in plain words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StructureError {
    #[error("there is no such provision in this draft")]
    UnknownNode(String),
    #[error("{0}")]
    NotPossible(String),
}

/// The draft after the edit, and the provision the edit made, moved or changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Edited {
    pub draft: Draft,
    pub node: Option<String>,
}

/// Applies `edit` to `draft` (on `template`); see the module documentation.
pub fn apply(
    template: &Template,
    draft: &Draft,
    edit: &StructureEdit,
) -> Result<Edited, StructureError> {
    let mut layout = Layout::of(template, draft);
    let mut next = draft.clone();
    let node = match edit {
        StructureEdit::Add {
            kind,
            place,
            heading,
            text,
        } => {
            let (parent, position) = layout.resolve(place)?;
            layout.check_fits(*kind, parent.as_deref())?;
            let named = heading.as_ref().is_some_and(|h| !h.trim().is_empty());
            if *kind == NodeKind::Annex && !named {
                return Err(StructureError::NotPossible(
                    "an annex needs its name as its heading (“Final Protocol”)".into(),
                ));
            }
            let id = new_id(template, draft);
            next.added.insert(id.clone(), AddedNode { kind: *kind });
            if let Some(heading) = heading.as_ref().filter(|h| !h.trim().is_empty()) {
                next.headings.insert(id.clone(), heading.trim().to_string());
            }
            next.custom_wording.insert(id.clone(), text.clone());
            layout.kinds.insert(id.clone(), *kind);
            layout.insert(&id, parent, position);
            Some(id)
        }
        StructureEdit::Move { id, place } => {
            layout.known(id)?;
            let (parent, position) = layout.resolve_without(place, id)?;
            if parent.as_deref().is_some_and(|p| layout.is_within(p, id)) {
                return Err(StructureError::NotPossible(
                    "a provision cannot be moved into itself".into(),
                ));
            }
            layout.check_fits(layout.kinds[id.as_str()], parent.as_deref())?;
            layout.remove(id);
            layout.insert(id, parent, position);
            Some(id.clone())
        }
        StructureEdit::MoveUp { id } | StructureEdit::MoveDown { id } => {
            layout.known(id)?;
            let up = matches!(edit, StructureEdit::MoveUp { .. });
            let outline_template = arranged(template, draft);
            let outline = Outline::new(&outline_template, draft);
            let parent = layout.parent_of(id);
            let siblings = layout.children(parent.as_deref()).to_vec();
            let at = siblings.iter().position(|s| s == id).unwrap_or(0);
            let kept = |other: &String| {
                outline
                    .index_of(other)
                    .is_some_and(|index| outline.is_kept(index))
            };
            let neighbour = if up {
                siblings[..at].iter().rposition(kept)
            } else {
                siblings[at + 1..]
                    .iter()
                    .position(kept)
                    .map(|offset| at + 1 + offset)
            };
            let Some(neighbour) = neighbour else {
                return Err(StructureError::NotPossible(if up {
                    "it is already the first provision here".into()
                } else {
                    "it is already the last provision here".into()
                }));
            };
            let list = layout.children_mut(parent.as_deref());
            let moved = list.remove(at);
            list.insert(neighbour, moved);
            Some(id.clone())
        }
        StructureEdit::Indent { id } => {
            layout.known(id)?;
            let parent = layout.parent_of(id);
            let siblings = layout.children(parent.as_deref()).to_vec();
            let at = siblings.iter().position(|s| s == id).unwrap_or(0);
            let Some(new_parent) = siblings[..at].last().cloned() else {
                return Err(StructureError::NotPossible(
                    "there is no provision before it to indent it into".into(),
                ));
            };
            let kind = layout.kinds[id.as_str()];
            let kind = if draft.added.contains_key(id) && kind == NodeKind::Paragraph {
                NodeKind::Item
            } else {
                kind
            };
            layout.check_fits(kind, Some(&new_parent))?;
            if kind != layout.kinds[id.as_str()] {
                next.added.insert(id.clone(), AddedNode { kind });
                layout.kinds.insert(id.clone(), kind);
            }
            layout.remove(id);
            let end = layout.children(Some(&new_parent)).len();
            layout.insert(id, Some(new_parent), end);
            Some(id.clone())
        }
        StructureEdit::Outdent { id } => {
            layout.known(id)?;
            let Some(parent) = layout.parent_of(id) else {
                return Err(StructureError::NotPossible(
                    "it is already at the top level".into(),
                ));
            };
            let grandparent = layout.parent_of(&parent);
            let kind = layout.kinds[id.as_str()];
            let kind = match (
                draft.added.contains_key(id),
                kind,
                layout.kinds.get(&parent),
            ) {
                (true, NodeKind::Item, Some(NodeKind::Paragraph)) => NodeKind::Paragraph,
                _ => kind,
            };
            layout.check_fits(kind, grandparent.as_deref())?;
            if kind != layout.kinds[id.as_str()] {
                next.added.insert(id.clone(), AddedNode { kind });
                layout.kinds.insert(id.clone(), kind);
            }
            layout.remove(id);
            let after_parent = layout
                .children(grandparent.as_deref())
                .iter()
                .position(|s| *s == parent)
                .map_or(0, |p| p + 1);
            layout.insert(id, grandparent, after_parent);
            Some(id.clone())
        }
        StructureEdit::Delete { id } => {
            layout.known(id)?;
            if draft.added.contains_key(id) {
                // Model provisions moved into it go back where the model has them.
                for gone in layout.subtree(id) {
                    if draft.added.contains_key(&gone) {
                        forget(&mut next, &gone);
                        layout.remove(&gone);
                        layout.lists.remove(gone.as_str());
                    }
                }
            } else {
                next.inclusion.insert(id.clone(), false);
            }
            None
        }
        StructureEdit::Restore { id } => {
            layout.known(id)?;
            let optional_default = template
                .nodes
                .iter()
                .find(|n| &n.id == id)
                .map(|n| n.optional && !n.included_by_default);
            match optional_default {
                // An optional one the model leaves out by default: kept explicitly.
                Some(true) => {
                    next.inclusion.insert(id.clone(), true);
                }
                _ => {
                    next.inclusion.remove(id);
                }
            }
            Some(id.clone())
        }
        StructureEdit::Split { id, before, after } => {
            layout.known(id)?;
            let kind = layout.kinds[id.as_str()];
            if !matches!(kind, NodeKind::Paragraph | NodeKind::Item) {
                return Err(StructureError::NotPossible(
                    "only a paragraph or an item can be split".into(),
                ));
            }
            let parent = layout.parent_of(id);
            let at = layout
                .children(parent.as_deref())
                .iter()
                .position(|s| s == id)
                .unwrap_or(0);
            let new = new_id(template, draft);
            next.custom_wording.insert(id.clone(), before.clone());
            next.custom_wording.insert(new.clone(), after.clone());
            next.added.insert(new.clone(), AddedNode { kind });
            layout.kinds.insert(new.clone(), kind);
            layout.insert(&new, parent, at + 1);
            Some(new)
        }
        StructureEdit::Merge { id } => {
            layout.known(id)?;
            let arranged_template = arranged(template, draft);
            let outline = Outline::new(&arranged_template, draft);
            let kind = layout.kinds[id.as_str()];
            let parent = layout.parent_of(id);
            let siblings = layout.children(parent.as_deref()).to_vec();
            let at = siblings.iter().position(|s| s == id).unwrap_or(0);
            let following = siblings[at + 1..].iter().find(|other| {
                outline
                    .index_of(other)
                    .is_some_and(|index| outline.is_kept(index))
            });
            let Some(following) = following
                .filter(|f| layout.kinds[f.as_str()] == kind)
                .cloned()
            else {
                return Err(StructureError::NotPossible(
                    "there is no next provision of the same kind to merge it with".into(),
                ));
            };
            let wording = |node_id: &str| {
                arranged_template
                    .nodes
                    .iter()
                    .find(|n| n.id == node_id)
                    .map_or(String::new(), |n| wording_in_force(n, draft).to_string())
            };
            let joined = join_wordings(&wording(id), &wording(&following));
            next.custom_wording.insert(id.clone(), joined);
            for child in layout.children(Some(&following)).to_vec() {
                layout.remove(&child);
                let end = layout.children(Some(id)).len();
                layout.insert(&child, Some(id.clone()), end);
            }
            if draft.added.contains_key(&following) {
                forget(&mut next, &following);
                layout.remove(&following);
                layout.lists.remove(following.as_str());
            } else {
                next.inclusion.insert(following.clone(), false);
            }
            Some(id.clone())
        }
        StructureEdit::Heading { id, heading } => {
            layout.known(id)?;
            let cleared = heading.as_ref().is_none_or(|h| h.trim().is_empty());
            if cleared
                && draft.added.contains_key(id)
                && layout.kinds[id.as_str()] == NodeKind::Annex
            {
                return Err(StructureError::NotPossible(
                    "an annex needs its name as its heading (“Final Protocol”)".into(),
                ));
            }
            match heading.as_ref().map(|h| h.trim()).filter(|h| !h.is_empty()) {
                Some(heading) => {
                    next.headings.insert(id.clone(), heading.to_string());
                }
                None => {
                    next.headings.remove(id);
                }
            }
            Some(id.clone())
        }
        StructureEdit::Title { title } => {
            next.title = title
                .as_ref()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty() && *t != template.title);
            None
        }
    };
    next.order = layout.into_order();
    Ok(Edited { draft: next, node })
}

/// Two wordings as one: a space between them, unless one is empty.
fn join_wordings(first: &str, second: &str) -> String {
    match (first.trim_end(), second.trim_start()) {
        ("", second) => second.to_string(),
        (first, "") => first.to_string(),
        (first, second) => format!("{first} {second}"),
    }
}

/// Removes every choice the draft holds for an added provision.
fn forget(draft: &mut Draft, id: &str) {
    draft.added.remove(id);
    draft.custom_wording.remove(id);
    draft.headings.remove(id);
    draft.inclusion.remove(id);
    draft.alternatives.remove(id);
}

/// The next free `new-N` id: above every one the template has, the draft has, or any wording
/// of the draft still refers to, so that a reference left to a deleted provision never comes
/// to point at a new one.
fn new_id(template: &Template, draft: &Draft) -> String {
    let number = |id: &str| id.strip_prefix("new-").and_then(|n| n.parse::<u64>().ok());
    let referred: Vec<&str> = draft
        .custom_wording
        .values()
        .filter_map(|wording| pieces(wording).ok())
        .flatten()
        .filter_map(|piece| match piece {
            Piece::Reference(target) => Some(target),
            _ => None,
        })
        .collect();
    let highest = template
        .nodes
        .iter()
        .map(|n| n.id.as_str())
        .chain(draft.added.keys().map(String::as_str))
        .chain(draft.custom_wording.keys().map(String::as_str))
        .chain(draft.inclusion.keys().map(String::as_str))
        .chain(referred)
        .filter_map(number)
        .max()
        .unwrap_or(0);
    format!("new-{}", highest + 1)
}

/// The draft's tree as child lists by parent key, to edit and write back.
struct Layout {
    lists: HashMap<String, Vec<String>>,
    parents: HashMap<String, String>,
    kinds: HashMap<String, NodeKind>,
    /// The model's child lists, to drop `order` entries that equal them.
    model: HashMap<String, Vec<String>>,
}

impl Layout {
    fn of(template: &Template, draft: &Draft) -> Layout {
        let arranged = arranged(template, draft);
        let lists = child_lists(&arranged);
        let model = child_lists(template);
        let mut parents = HashMap::new();
        for (parent, list) in &lists {
            for child in list {
                parents.insert(child.clone(), parent.clone());
            }
        }
        let kinds = arranged
            .nodes
            .iter()
            .map(|n| (n.id.clone(), n.kind))
            .collect();
        Layout {
            lists,
            parents,
            kinds,
            model,
        }
    }

    fn known(&self, id: &str) -> Result<(), StructureError> {
        if self.kinds.contains_key(id) {
            Ok(())
        } else {
            Err(StructureError::UnknownNode(id.to_string()))
        }
    }

    fn parent_of(&self, id: &str) -> Option<String> {
        self.parents
            .get(id)
            .filter(|p| p.as_str() != TOP_LEVEL)
            .cloned()
    }

    fn children(&self, parent: Option<&str>) -> &[String] {
        self.lists
            .get(parent.unwrap_or(TOP_LEVEL))
            .map_or(&[], Vec::as_slice)
    }

    fn children_mut(&mut self, parent: Option<&str>) -> &mut Vec<String> {
        self.lists
            .entry(parent.unwrap_or(TOP_LEVEL).to_string())
            .or_default()
    }

    /// Whether `id` is `ancestor` or inside it.
    fn is_within(&self, id: &str, ancestor: &str) -> bool {
        let mut current = Some(id.to_string());
        while let Some(node) = current {
            if node == ancestor {
                return true;
            }
            current = self.parent_of(&node);
        }
        false
    }

    /// The node and everything inside it.
    fn subtree(&self, id: &str) -> Vec<String> {
        let mut out = vec![id.to_string()];
        let mut at = 0;
        while at < out.len() {
            let children = self.children(Some(&out[at])).to_vec();
            out.extend(children);
            at += 1;
        }
        out
    }

    /// Parent and position for a place, as the tree is now.
    fn resolve(&self, place: &Place) -> Result<(Option<String>, usize), StructureError> {
        let position_of = |id: &str| -> Result<(Option<String>, usize), StructureError> {
            self.known(id)?;
            let parent = self.parent_of(id);
            let at = self
                .children(parent.as_deref())
                .iter()
                .position(|s| s == id)
                .unwrap_or(0);
            Ok((parent, at))
        };
        match place {
            Place::After { id } => position_of(id).map(|(p, at)| (p, at + 1)),
            Place::Before { id } => position_of(id),
            Place::FirstIn { id } => self.known(id).map(|()| (Some(id.clone()), 0)),
            Place::LastIn { id } => self
                .known(id)
                .map(|()| (Some(id.clone()), self.children(Some(id)).len())),
            Place::End => Ok((None, self.children(None).len())),
        }
    }

    /// The same, as if `moving` were already taken out of the tree.
    fn resolve_without(
        &self,
        place: &Place,
        moving: &str,
    ) -> Result<(Option<String>, usize), StructureError> {
        let target = match place {
            Place::After { id } | Place::Before { id } | Place::FirstIn { id } => Some(id),
            Place::LastIn { id } => Some(id),
            Place::End => None,
        };
        if target.is_some_and(|t| t == moving) {
            return Err(StructureError::NotPossible(
                "a provision cannot be placed relative to itself".into(),
            ));
        }
        let mut without = Layout {
            lists: self.lists.clone(),
            parents: self.parents.clone(),
            kinds: self.kinds.clone(),
            model: HashMap::new(),
        };
        without.remove(moving);
        without.resolve(place)
    }

    fn check_fits(&self, kind: NodeKind, parent: Option<&str>) -> Result<(), StructureError> {
        let parent_kind = parent.and_then(|p| self.kinds.get(p).copied());
        if kind.may_sit_under(parent_kind) {
            return Ok(());
        }
        Err(StructureError::NotPossible(format!(
            "{} cannot go {}",
            a_kind(kind),
            parent_kind.map_or("at the top level of the agreement".to_string(), |k| {
                format!("directly inside {}", a_kind(k))
            })
        )))
    }

    fn remove(&mut self, id: &str) {
        if let Some(parent) = self.parents.remove(id) {
            if let Some(list) = self.lists.get_mut(&parent) {
                list.retain(|c| c != id);
            }
        }
    }

    fn insert(&mut self, id: &str, parent: Option<String>, position: usize) {
        let key = parent.unwrap_or_else(|| TOP_LEVEL.to_string());
        let list = self.lists.entry(key.clone()).or_default();
        let position = position.min(list.len());
        list.insert(position, id.to_string());
        self.parents.insert(id.to_string(), key);
    }

    /// The `order` entries: every list that is not the model's.
    fn into_order(self) -> std::collections::BTreeMap<String, Vec<String>> {
        self.lists
            .into_iter()
            .filter(|(parent, list)| {
                let model = self.model.get(parent).map_or(&[][..], Vec::as_slice);
                list.as_slice() != model && !(list.is_empty() && model.is_empty())
            })
            .collect()
    }
}

/// "an article", "a paragraph"… for messages.
fn a_kind(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Preamble => "the preamble",
        NodeKind::Part => "a part",
        NodeKind::Chapter => "a chapter",
        NodeKind::Section => "a section",
        NodeKind::Article => "an article",
        NodeKind::Paragraph => "a paragraph",
        NodeKind::Item => "an item",
        NodeKind::Signature => "the signature block",
        NodeKind::Annex => "an annex",
    }
}

/// Child lists by parent key (`""`: top level) of a template as laid out (parents first).
fn child_lists(template: &Template) -> HashMap<String, Vec<String>> {
    let outline_parents: HashMap<&str, usize> = template
        .nodes
        .iter()
        .enumerate()
        .rev()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let mut lists: HashMap<String, Vec<String>> = HashMap::new();
    for (index, node) in template.nodes.iter().enumerate() {
        let parent = node
            .parent
            .as_deref()
            .filter(|p| outline_parents.get(p).is_some_and(|&at| at < index))
            .unwrap_or(TOP_LEVEL);
        lists
            .entry(parent.to_string())
            .or_default()
            .push(node.id.clone());
    }
    lists
}
