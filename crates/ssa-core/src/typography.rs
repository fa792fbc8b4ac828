//! Typographic rules of the working languages that content files are checked against.
//!
//! Contract: pure checks over text, answering where a rule is broken (never rewriting the
//! text), so that a test or a validator can word the fault in the reader's language.
//!
//! French puts a no-break space (U+00A0, or the narrow U+202F) before the double punctuation
//! marks ; : ? ! and inside guillemets « ». A plain space there lets a line break strand the
//! mark at the start of a line, and no space at all is simply wrong in French.

/// One place where the French spacing rule is broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpacingFault {
    /// Index of the mark, in characters (not bytes) from the start of the text.
    pub at: usize,
    /// The punctuation mark that lacks its no-break space.
    pub mark: char,
}

fn is_no_break_space(c: Option<char>) -> bool {
    matches!(c, Some('\u{a0}' | '\u{202f}'))
}

/// Every mark in `text` that lacks the no-break space French wants before it (; : ? ! ») or
/// after it («).
pub fn french_spacing_faults(text: &str) -> Vec<SpacingFault> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| match c {
            ';' | ':' | '?' | '!' | '»' => !is_no_break_space(i.checked_sub(1).map(|j| chars[j])),
            '«' => !is_no_break_space(chars.get(i + 1).copied()),
            _ => false,
        })
        .map(|(at, &mark)| SpacingFault { at, mark })
        .collect()
}

/// A few characters of `text` around character index `at`, for a message.
pub fn excerpt_around(text: &str, at: usize) -> String {
    text.chars().skip(at.saturating_sub(15)).take(20).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wants_no_break_spaces_before_double_punctuation_and_inside_guillemets() {
        assert!(french_spacing_faults("Le pays\u{a0}: «\u{a0}national\u{a0}»\u{a0}?").is_empty());
        assert!(french_spacing_faults("Signé\u{202f}!").is_empty());
        assert_eq!(
            french_spacing_faults("Le pays : oui"),
            vec![SpacingFault { at: 8, mark: ':' }]
        );
        assert_eq!(french_spacing_faults("« national »").len(), 2);
        assert_eq!(french_spacing_faults("signé?")[0].mark, '?');
        assert!(french_spacing_faults("").is_empty());
    }
}
