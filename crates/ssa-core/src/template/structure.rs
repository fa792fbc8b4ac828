//! The draft's own structure over the model: provisions added, moved, retitled.
//!
//! A draft is a whole document, but it stores only what differs from its template (see
//! [`Draft`]): `added` provisions, the `order` of a parent's children where the draft changed
//! it, `headings` and the `title`. [`arranged`] lays these over the template and returns the
//! template *as this draft has it*: the same nodes plus the added ones, in the draft's reading
//! order, each under its parent in the draft. Everything downstream (numbering, rendering,
//! validation, the outline) works on that arranged template, so an added article is numbered,
//! referenced and checked exactly as a model one is.
//!
//! Contract: pure and total. An `order` entry naming an unknown node is ignored; a node listed
//! under two parents sits under the first (in key order); a list that would put a node inside
//! itself is ignored for that node (it stays at the top level), so the result is always a tree
//! with every parent before its children. [`super::check_draft`] reports what was ignored.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::draft::Draft;
use super::format::{Node, Template};
use super::source::SourceLines;

/// The key of the top level in [`Draft::order`].
pub const TOP_LEVEL: &str = "";

/// `template` with `draft`'s additions, order, headings and title applied (borrowed as it is
/// when the draft changes none of them).
pub fn arranged<'t>(template: &'t Template, draft: &Draft) -> Cow<'t, Template> {
    if draft.added.is_empty()
        && draft.order.is_empty()
        && draft.headings.is_empty()
        && draft.title.is_none()
    {
        return Cow::Borrowed(template);
    }
    let mut nodes: Vec<Node> = template.nodes.clone();
    let mut known: HashSet<String> = nodes.iter().map(|n| n.id.clone()).collect();
    for (id, added) in &draft.added {
        if known.insert(id.clone()) {
            nodes.push(added_node(id, added.kind));
        }
    }
    for node in &mut nodes {
        if let Some(heading) = draft.headings.get(&node.id) {
            node.heading = (!heading.trim().is_empty()).then(|| heading.clone());
        }
    }
    let tree = Tree::of(&nodes, draft);
    let mut ordered: Vec<Node> = Vec::with_capacity(nodes.len());
    let mut placed = vec![false; nodes.len()];
    let mut stack: Vec<(usize, Option<usize>)> =
        tree.top.iter().rev().map(|&i| (i, None)).collect();
    let push_tree = |stack: &mut Vec<(usize, Option<usize>)>,
                     placed: &mut Vec<bool>,
                     ordered: &mut Vec<Node>| {
        while let Some((index, parent)) = stack.pop() {
            if placed[index] {
                continue;
            }
            placed[index] = true;
            let mut node = nodes[index].clone();
            node.parent = parent.map(|p| nodes[p].id.clone());
            ordered.push(node);
            stack.extend(tree.children[index].iter().rev().map(|&c| (c, Some(index))));
        }
    };
    push_tree(&mut stack, &mut placed, &mut ordered);
    // Nodes caught in a cycle of `order` entries: at the top level, so that nothing is lost.
    for index in 0..nodes.len() {
        if !placed[index] {
            stack.push((index, None));
            push_tree(&mut stack, &mut placed, &mut ordered);
        }
    }
    let mut result = Template {
        format: template.format.clone(),
        id: template.id.clone(),
        version: template.version.clone(),
        title: template.title.clone(),
        kind: template.kind,
        language: template.language.clone(),
        description: template.description.clone(),
        derived_from: template.derived_from.clone(),
        implements: template.implements.clone(),
        provenance: template.provenance.clone(),
        style: template.style.clone(),
        parameters: template.parameters.clone(),
        nodes: ordered,
        // Lines of the template file no longer match the rearranged list.
        source: SourceLines::default(),
    };
    if let Some(title) = draft.title.as_ref().filter(|t| !t.trim().is_empty()) {
        result.title = title.clone();
    }
    Cow::Owned(result)
}

/// A node the draft adds, as the arranged template holds it: mandatory (it is the draft's
/// own), its wording and heading kept in the draft's maps like any node's.
fn added_node(id: &str, kind: super::format::NodeKind) -> Node {
    Node {
        id: id.to_string(),
        kind,
        parent: None,
        heading: None,
        text: String::new(),
        optional: false,
        included_by_default: true,
        when: None,
        alternatives: Vec::new(),
        defines: Default::default(),
        guidance: None,
        provenance: None,
        implements: Vec::new(),
    }
}

/// Children lists by node index, after the draft's `order`.
struct Tree {
    top: Vec<usize>,
    children: Vec<Vec<usize>>,
}

impl Tree {
    fn of(nodes: &[Node], draft: &Draft) -> Tree {
        let mut index_of: HashMap<&str, usize> = HashMap::with_capacity(nodes.len());
        for (index, node) in nodes.iter().enumerate() {
            index_of.entry(node.id.as_str()).or_insert(index);
        }
        // Which parent each node sits under: `Some(None)` is the top level.
        let mut assigned: Vec<Option<Option<usize>>> = vec![None; nodes.len()];
        for (parent_key, list) in &draft.order {
            let parent = if parent_key == TOP_LEVEL {
                None
            } else {
                match index_of.get(parent_key.as_str()) {
                    Some(&p) => Some(p),
                    None => continue,
                }
            };
            for child in list {
                if let Some(&c) = index_of.get(child.as_str()) {
                    if assigned[c].is_none() && Some(c) != parent {
                        assigned[c] = Some(parent);
                    }
                }
            }
        }
        // The model's parent, honoured as the outline does: only an earlier node.
        let model_parent = |index: usize| -> Option<usize> {
            nodes[index]
                .parent
                .as_deref()
                .and_then(|id| index_of.get(id).copied())
                .filter(|&p| p < index)
        };
        let parent_of: Vec<Option<usize>> = (0..nodes.len())
            .map(|i| assigned[i].unwrap_or_else(|| model_parent(i)))
            .collect();
        let mut top = Vec::new();
        let mut children = vec![Vec::new(); nodes.len()];
        let mut listed = vec![false; nodes.len()];
        // Listed children first, in the draft's order, then the rest in the model's.
        for (parent_key, list) in &draft.order {
            let parent = if parent_key == TOP_LEVEL {
                None
            } else {
                match index_of.get(parent_key.as_str()) {
                    Some(&p) => Some(p),
                    None => continue,
                }
            };
            for child in list {
                let Some(&c) = index_of.get(child.as_str()) else {
                    continue;
                };
                if listed[c] || parent_of[c] != parent {
                    continue;
                }
                listed[c] = true;
                match parent {
                    Some(p) => children[p].push(c),
                    None => top.push(c),
                }
            }
        }
        for index in 0..nodes.len() {
            if listed[index] {
                continue;
            }
            match parent_of[index] {
                Some(p) => children[p].push(index),
                None => top.push(index),
            }
        }
        Tree { top, children }
    }
}

/// The wording in force for a node of (arranged) `template` in `draft`: the draft's own
/// wording, else the chosen alternative, else the default one, else the model text.
pub fn wording_in_force<'a>(node: &'a Node, draft: &'a Draft) -> &'a str {
    if let Some(custom) = draft.custom_wording.get(&node.id) {
        return custom;
    }
    let chosen = draft
        .alternatives
        .get(&node.id)
        .and_then(|id| node.alternatives.iter().find(|a| &a.id == id))
        .or_else(|| node.default_alternative());
    chosen.map_or(node.text.as_str(), |a| a.text.as_str())
}
