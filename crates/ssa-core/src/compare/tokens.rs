//! A unit's text as comparable tokens.
//!
//! A unit's whole text is written once into one string (normalised to NFC) and its tokens are
//! ranges of it, so that tokenising a full agreement costs one allocation per unit; the diff
//! then runs on borrowed keys. Words, spaces and punctuation are keyed by their text; a
//! cross-reference by its target's id and a paragraph's or item's label by that node's id, so
//! that numbers which only follow a renumbering never count as changed wording.

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
use unicode_segmentation::UnicodeSegmentation;

use crate::template::{DocumentNode, NodeKind, Segment};

/// What a token stands for; with [`UnitText::key`], what equality means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Kind<'d> {
    Word,
    /// A cross-reference to this node id.
    Reference(&'d str),
    /// The label of this paragraph or item.
    Label(&'d str),
    LineBreak,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token<'d> {
    pub kind: Kind<'d>,
    pub range: Range<usize>,
}

/// A unit's text and its tokens.
#[derive(Debug, Default)]
pub(super) struct UnitText<'d> {
    text: String,
    pub tokens: Vec<Token<'d>>,
}

impl<'d> UnitText<'d> {
    /// The text a token shows.
    pub fn shown(&self, token: &Token<'d>) -> &str {
        &self.text[token.range.clone()]
    }

    /// The text of the tokens `tokens` (indices), which is one stretch of the unit's text.
    pub fn span(&self, tokens: Range<usize>) -> &str {
        match (self.tokens.get(tokens.start), tokens.end.checked_sub(1)) {
            (Some(first), Some(last)) if last >= tokens.start => {
                &self.text[first.range.start..self.tokens[last].range.end]
            }
            _ => "",
        }
    }

    /// What a token is compared by: its text for words, its target node otherwise.
    pub fn key(&self, token: &Token<'d>) -> (Kind<'d>, &str) {
        match token.kind {
            Kind::Word => (token.kind, self.shown(token)),
            other => (other, ""),
        }
    }

    fn push(&mut self, kind: Kind<'d>, text: &str) {
        let start = self.text.len();
        self.text.push_str(text);
        self.tokens.push(Token {
            kind,
            range: start..self.text.len(),
        });
    }

    fn line_break(&mut self) {
        if !self.tokens.is_empty() {
            self.push(Kind::LineBreak, "\n");
        }
    }

    /// Splits text on Unicode word boundaries (UAX #29) after NFC normalisation; line breaks
    /// in free wording become line-break tokens.
    fn push_words(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let text: Cow<'_, str> = if text.contains('\r') {
            Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
        } else {
            Cow::Borrowed(text)
        };
        let normalised: Cow<'_, str> = match is_nfc_quick(text.chars()) {
            IsNormalized::Yes => text,
            _ => Cow::Owned(text.nfc().collect()),
        };
        for word in normalised.split_word_bounds() {
            let kind = if word == "\n" {
                Kind::LineBreak
            } else {
                Kind::Word
            };
            self.push(kind, word);
        }
    }

    /// Runs of words (text, values, terms, marked gaps) are joined before splitting, so that a
    /// word made of two segments ("Party" + "'s") splits as it reads.
    fn push_segments(&mut self, segments: &'d [Segment]) {
        let mut run = String::new();
        for segment in segments {
            match segment {
                Segment::Reference { target, text } => {
                    self.push_words(&run);
                    run.clear();
                    self.push(Kind::Reference(target), text);
                }
                Segment::Text { text } => run.push_str(text),
                other => run.push_str(&other.printed()),
            }
        }
        self.push_words(&run);
    }
}

/// Tokens of the title.
pub(super) fn title_text(title: &[Segment]) -> UnitText<'_> {
    let mut unit = UnitText::default();
    unit.push_segments(title);
    unit
}

/// Tokens of a unit: its heading, its text, then each paragraph and item below it on a line of
/// its own, indented by depth and starting with its label.
pub(super) fn unit_text(node: &DocumentNode) -> UnitText<'_> {
    let mut unit = UnitText::default();
    if !node.heading.is_empty() {
        unit.push_segments(&node.heading);
    }
    if !node.text.is_empty() {
        unit.line_break();
        unit.push_segments(&node.text);
    }
    fn visit<'d>(node: &'d DocumentNode, depth: usize, unit: &mut UnitText<'d>) {
        for child in &node.children {
            if !matches!(child.kind, NodeKind::Paragraph | NodeKind::Item) {
                continue;
            }
            unit.line_break();
            if depth > 0 {
                unit.push(Kind::Word, &"    ".repeat(depth));
            }
            if let Some(label) = &child.label {
                unit.push(Kind::Label(&child.id), label);
                unit.push(Kind::Word, " ");
            }
            unit.push_segments(&child.text);
            visit(child, depth + 1, unit);
        }
    }
    visit(node, 0, &mut unit);
    unit
}
