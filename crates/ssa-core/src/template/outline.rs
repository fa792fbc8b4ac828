//! The tree, the nodes a draft keeps, and their numbers: computed fresh on every call.
//!
//! This is the one place where inclusion and numbering are decided, so that rendering,
//! draft validation and the tests cannot disagree. Rules:
//!
//! - a node is kept when its parent is kept, the draft (or the default) includes it if it is
//!   optional, and its `when` condition holds;
//! - parts are numbered I, II… among the top level; chapters and sections 1, 2… within their
//!   parent; articles 1, 2… through the whole agreement; paragraphs 1, 2… within their article,
//!   but only when the article keeps two or more (a lone paragraph is not numbered, as in
//!   treaty practice); items (a), (b)… within their parent, then (i), (ii)…, then (A), (B)….
//!
//! A broken file is still laid out as well as it can be (a node whose parent is unknown sits at
//! the top level; a `when` that does not parse counts as true; a node nested deeper than
//! [`MAX_NESTING_DEPTH`] sits beside its parent instead, so that no walk of the tree goes
//! deeper than that): validation reports the fault.

use std::collections::HashMap;

use super::draft::{Draft, Value};
use super::expr::Expr;
use super::format::{NodeKind, Parameter, ReferenceStyle, Style, Template};
use crate::limits::MAX_NESTING_DEPTH;

/// Why a node is not in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Omission {
    /// An optional node the draft (or the template's default) leaves out.
    Excluded,
    /// Its `when` condition is false; holds the condition.
    Condition(String),
    /// An ancestor is left out; holds the index of the highest such ancestor (an index, not
    /// its id, so that a long id is not copied into every descendant).
    Ancestor(usize),
}

/// Layout of a template under a draft. Indices are positions in `template.nodes`.
#[derive(Debug)]
pub struct Outline<'t> {
    pub template: &'t Template,
    pub roots: Vec<usize>,
    pub children: Vec<Vec<usize>>,
    pub parent: Vec<Option<usize>>,
    /// First node with each id; a duplicate id is reported by validation and never addressed.
    pub by_id: HashMap<&'t str, usize>,
    pub omitted: Vec<Option<Omission>>,
    /// The node's own number ("III", "12", "a"), when it is kept and numbered.
    pub numbers: Vec<Option<String>>,
    parameters: HashMap<&'t str, &'t Parameter>,
    draft: &'t Draft,
}

impl<'t> Outline<'t> {
    pub fn new(template: &'t Template, draft: &'t Draft) -> Outline<'t> {
        let count = template.nodes.len();
        let mut by_id = HashMap::with_capacity(count);
        for (index, node) in template.nodes.iter().enumerate() {
            by_id.entry(node.id.as_str()).or_insert(index);
        }
        let mut parent = vec![None; count];
        let mut depth = vec![1; count];
        let mut children = vec![Vec::new(); count];
        let mut roots = Vec::new();
        for (index, node) in template.nodes.iter().enumerate() {
            // Only an earlier parent is honoured, which rules out cycles.
            let mut found = node
                .parent
                .as_deref()
                .and_then(|id| by_id.get(id).copied())
                .filter(|&p| p < index);
            // Too deep: beside the parent (whose own depth is at most the limit).
            if let Some(p) = found.filter(|&p| depth[p] >= MAX_NESTING_DEPTH) {
                found = parent[p];
            }
            depth[index] = found.map_or(1, |p| depth[p] + 1);
            parent[index] = found;
            match found {
                Some(p) => children[p].push(index),
                None => roots.push(index),
            }
        }
        let parameters = template
            .parameters
            .iter()
            .map(|p| (p.name.as_str(), p))
            .collect();
        let mut outline = Outline {
            template,
            roots,
            children,
            parent,
            by_id,
            omitted: vec![None; count],
            numbers: vec![None; count],
            parameters,
            draft,
        };
        outline.decide_inclusion();
        outline.number();
        outline
    }

    /// The value a parameter has in this draft: the draft's value, else the template default.
    pub fn value(&self, name: &str) -> Option<&'t Value> {
        self.draft
            .values
            .get(name)
            .or_else(|| self.parameters.get(name).and_then(|p| p.default.as_ref()))
    }

    pub fn draft(&self) -> &'t Draft {
        self.draft
    }

    pub fn parameter(&self, name: &str) -> Option<&'t Parameter> {
        self.parameters.get(name).copied()
    }

    pub fn is_kept(&self, index: usize) -> bool {
        self.omitted[index].is_none()
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Whether the condition holds in this draft; a condition that does not parse holds.
    pub fn condition_holds(&self, condition: &str) -> bool {
        match Expr::parse(condition) {
            Ok(expr) => expr.eval(&|name| self.value(name)),
            Err(_) => true,
        }
    }

    fn decide_inclusion(&mut self) {
        let mut stack: Vec<usize> = self.roots.iter().rev().copied().collect();
        while let Some(index) = stack.pop() {
            let node = &self.template.nodes[index];
            let omission = if let Some(p) = self.parent[index] {
                match &self.omitted[p] {
                    Some(Omission::Ancestor(top)) => Some(Omission::Ancestor(*top)),
                    Some(_) => Some(Omission::Ancestor(p)),
                    None => None,
                }
            } else {
                None
            };
            self.omitted[index] = omission.or_else(|| {
                // A mandatory provision is kept unless the draft deletes it (which departs from
                // the model and is reported as such).
                let default = !node.optional || node.included_by_default;
                let included = self
                    .draft
                    .inclusion
                    .get(&node.id)
                    .copied()
                    .unwrap_or(default);
                if !included {
                    Some(Omission::Excluded)
                } else {
                    match &node.when {
                        Some(condition) if !self.condition_holds(condition) => {
                            Some(Omission::Condition(condition.clone()))
                        }
                        _ => None,
                    }
                }
            });
            stack.extend(self.children[index].iter().rev());
        }
    }

    fn number(&mut self) {
        let roots = self.roots.clone();
        self.number_siblings(&roots, None);
        let mut article = 0;
        let mut stack: Vec<usize> = roots.into_iter().rev().collect();
        while let Some(index) = stack.pop() {
            if !self.is_kept(index) {
                continue;
            }
            if self.template.nodes[index].kind == NodeKind::Article {
                article += 1;
                self.numbers[index] = Some(article.to_string());
            }
            let children = self.children[index].clone();
            self.number_siblings(&children, Some(index));
            stack.extend(children.into_iter().rev());
        }
    }

    /// Numbers the kept nodes among `siblings` that are counted within their parent.
    fn number_siblings(&mut self, siblings: &[usize], parent: Option<usize>) {
        let nodes = &self.template.nodes;
        let kept: Vec<usize> = siblings
            .iter()
            .copied()
            .filter(|&c| self.omitted[c].is_none())
            .collect();
        let parent_kind = parent.map(|p| nodes[p].kind);
        let paragraphs = kept
            .iter()
            .filter(|&&c| nodes[c].kind == NodeKind::Paragraph)
            .count();
        // In an annex (a Final Protocol) every paragraph is numbered, even a lone one.
        let paragraphs_numbered = match parent_kind {
            Some(NodeKind::Article) => paragraphs >= 2,
            Some(NodeKind::Annex) => true,
            _ => false,
        };
        let item_depth = parent.map_or(0, |p| self.item_depth(p));
        let mut counters: HashMap<NodeKind, usize> = HashMap::new();
        for child in kept {
            let kind = nodes[child].kind;
            let counter = counters.entry(kind).or_insert(0);
            *counter += 1;
            let n = *counter;
            let number = match kind {
                NodeKind::Part => Some(roman(n, true)),
                NodeKind::Chapter | NodeKind::Section => Some(n.to_string()),
                NodeKind::Paragraph if paragraphs_numbered => Some(n.to_string()),
                NodeKind::Item => Some(item_number(n, item_depth)),
                _ => None,
            };
            if kind != NodeKind::Article {
                self.numbers[child] = number;
            }
        }
    }

    /// How many item ancestors a child item of `index` has (0 for an item under a paragraph).
    fn item_depth(&self, index: usize) -> usize {
        let mut depth = 0;
        let mut current = Some(index);
        while let Some(i) = current {
            if self.template.nodes[i].kind != NodeKind::Item {
                break;
            }
            depth += 1;
            current = self.parent[i];
        }
        depth
    }

    /// The node's number as printed before it: "Part III", "Article 12", "3.", "(a)".
    pub fn label(&self, index: usize) -> Option<String> {
        let number = self.numbers[index].as_deref()?;
        let style = &self.template.style;
        Some(match self.template.nodes[index].kind {
            NodeKind::Part => format!("{} {number}", style.part_label),
            NodeKind::Chapter => format!("{} {number}", style.chapter_label),
            NodeKind::Section => format!("{} {number}", style.section_label),
            NodeKind::Article => format!("{} {number}", style.article_label),
            NodeKind::Paragraph => format!("{number}."),
            NodeKind::Item => format!("({number})"),
            NodeKind::Preamble | NodeKind::Signature | NodeKind::Annex => return None,
        })
    }

    /// How another node refers to this one ("Article 12, paragraph 3"), if it is kept and can
    /// be referred to at all (the preamble and signature block cannot). `from` is the node the
    /// reference is written in: inside the same article, the article is not repeated
    /// ("paragraph 3", "this Article"), as treaty drafting does.
    pub fn reference_text(&self, index: usize, from: Option<usize>) -> Option<String> {
        if !self.is_kept(index) {
            return None;
        }
        let style = &self.template.style;
        let node = &self.template.nodes[index];
        let of_parent = |label: String| match self.parent[index] {
            Some(p)
                if matches!(
                    self.template.nodes[p].kind,
                    NodeKind::Part | NodeKind::Chapter
                ) =>
            {
                match self.reference_text(p, None) {
                    Some(parent) => format!("{label} {} {parent}", style.of_word),
                    None => label,
                }
            }
            _ => label,
        };
        let here = from.and_then(|f| self.article_of(f));
        let same_article = here.is_some() && here == self.article_of(index);
        match node.kind {
            NodeKind::Article if same_article => Some(format!("this {}", style.article_label)),
            NodeKind::Part | NodeKind::Article => self.label(index),
            NodeKind::Chapter | NodeKind::Section => self.label(index).map(of_parent),
            NodeKind::Paragraph | NodeKind::Item => {
                let (article, tail) = self.provision_path(index)?;
                // An unnumbered lone paragraph is cited as its article; from inside that
                // article, that is "this Article".
                if same_article && tail.is_empty() {
                    return Some(format!("this {}", style.article_label));
                }
                let article = if same_article { None } else { Some(article) };
                Some(write_provision(style, article, &tail))
            }
            NodeKind::Annex => Some(self.annex_name(index)),
            NodeKind::Preamble | NodeKind::Signature => None,
        }
    }

    /// The provision's citation as a person types it and the command line prints it, whatever
    /// the template's reference style: "Part III", "Chapter 2 of Part III", "Article 12",
    /// "Article 12(3)", "Article 12(3)(a)", "Final Protocol(2)"; `None` for a node left out or
    /// one that cannot be cited (preamble, signature block).
    pub fn citation(&self, index: usize) -> Option<String> {
        if !self.is_kept(index) {
            return None;
        }
        let node = &self.template.nodes[index];
        match node.kind {
            NodeKind::Part | NodeKind::Article => self.label(index),
            NodeKind::Chapter | NodeKind::Section => self.reference_text(index, None),
            NodeKind::Paragraph | NodeKind::Item => {
                let (article, tail) = self.provision_path(index)?;
                let numbers: String = tail.iter().map(|(_, n)| format!("({n})")).collect();
                Some(format!("{article}{numbers}"))
            }
            NodeKind::Annex => Some(self.annex_name(index)),
            NodeKind::Preamble | NodeKind::Signature => None,
        }
    }

    /// An annex's name: its heading as written ("Final Protocol").
    fn annex_name(&self, index: usize) -> String {
        self.template.nodes[index]
            .heading
            .clone()
            .unwrap_or_else(|| "Annex".to_string())
    }

    /// The article a node is in (itself, for an article).
    pub fn article_of(&self, index: usize) -> Option<usize> {
        let mut current = Some(index);
        while let Some(i) = current {
            match self.template.nodes[i].kind {
                NodeKind::Article => return Some(i),
                NodeKind::Paragraph | NodeKind::Item => current = self.parent[i],
                _ => return None,
            }
        }
        None
    }

    /// For a paragraph or item: its article's label and the numbered steps below the article.
    fn provision_path(&self, index: usize) -> Option<(String, Vec<(NodeKind, String)>)> {
        let mut tail = Vec::new();
        let mut current = index;
        loop {
            let node = &self.template.nodes[current];
            match node.kind {
                NodeKind::Article => return Some((self.label(current)?, tail)),
                NodeKind::Annex => return Some((self.annex_name(current), tail)),
                NodeKind::Paragraph | NodeKind::Item => {
                    if let Some(number) = &self.numbers[current] {
                        tail.insert(0, (node.kind, number.clone()));
                    }
                    current = self.parent[current]?;
                }
                _ => return None,
            }
        }
    }
}

/// "Article 12, paragraph 3, subparagraph (a)(ii)" or "Article 12(3)(a)(ii)"; without the
/// article (a reference inside the same article): "paragraph 3, subparagraph (a)(ii)".
fn write_provision(style: &Style, article: Option<String>, tail: &[(NodeKind, String)]) -> String {
    let mut parts: Vec<String> = article.into_iter().collect();
    let compact = style.references == ReferenceStyle::Compact && !parts.is_empty();
    let mut steps = tail.iter().peekable();
    if compact {
        let numbers: String = steps.map(|(_, number)| format!("({number})")).collect();
        return format!("{}{numbers}", parts[0]);
    }
    if let Some((NodeKind::Paragraph, number)) = steps.peek() {
        parts.push(format!("{} {number}", style.paragraph_label));
        steps.next();
    }
    let items: String = steps.map(|(_, number)| format!("({number})")).collect();
    if !items.is_empty() {
        parts.push(format!("{} {items}", style.subparagraph_label));
    }
    parts.join(", ")
}

fn item_number(n: usize, depth: usize) -> String {
    match depth % 3 {
        0 => letters(n, false),
        1 => roman(n, false),
        _ => letters(n, true),
    }
}

/// Past zzz (78 items under one parent, far beyond any treaty) items are numbered in digits,
/// so that a file with a million items cannot make a million ever-longer labels.
const MAX_LETTERED: usize = 26 * 3;

/// Past MMMCMXCIX, digits: Roman numerals grow with the number.
const MAX_ROMAN: usize = 3999;

/// a…z, then aa, bb… (the treaty convention, not spreadsheet columns).
fn letters(n: usize, upper: bool) -> String {
    if n > MAX_LETTERED {
        return n.to_string();
    }
    let base = if upper { b'A' } else { b'a' };
    let letter = (base + ((n - 1) % 26) as u8) as char;
    std::iter::repeat_n(letter, (n - 1) / 26 + 1).collect()
}

pub(crate) fn roman(mut n: usize, upper: bool) -> String {
    if n > MAX_ROMAN {
        return n.to_string();
    }
    const TABLE: [(usize, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut text = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            text.push_str(digits);
            n -= value;
        }
    }
    if upper {
        text.to_uppercase()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        assert_eq!(roman(14, true), "XIV");
        assert_eq!(roman(4, false), "iv");
        assert_eq!(letters(1, false), "a");
        assert_eq!(letters(27, false), "aa");
        assert_eq!(item_number(2, 1), "ii");
        assert_eq!(letters(78, false), "zzz");
        assert_eq!(letters(79, false), "79");
        assert_eq!(roman(3999, true), "MMMCMXCIX");
        assert_eq!(roman(4000, true), "4000");
    }
}
