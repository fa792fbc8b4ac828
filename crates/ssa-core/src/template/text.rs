//! The `{{…}}` tokens inside node text.
//!
//! | Token | Meaning |
//! |---|---|
//! | `{{posting.months}}` | the value of a parameter |
//! | `{{ref:M2-AL.1}}` | a cross-reference to a node, rendered from its current number |
//! | `{{term:competent_authority}}` | a defined term, as its defining node writes it |
//! | `{{term:institution\|institutions}}` | a defined term written differently (a plural) |
//!
//! `{{` always opens a token and there is no escape: treaty text has no use for double braces.
//! A stray `}}` is an error too, because it is almost always a typo for a token.

use std::fmt;

use crate::limits::excerpt;

/// A piece of node text: literal wording or a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Literal(&'a str),
    Parameter(&'a str),
    Reference(&'a str),
    Term {
        key: &'a str,
        /// The wording to show instead of the defined term itself.
        display: Option<&'a str>,
    },
}

/// Why a text could not be split into pieces; `offset` is a byte offset into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenError {
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Splits `text` into literal pieces and tokens.
pub fn pieces(text: &str) -> Result<Vec<Piece<'_>>, TokenError> {
    let mut pieces = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(open) = rest.find("{{") {
        let literal = &rest[..open];
        check_no_stray_close(literal, offset)?;
        if !literal.is_empty() {
            pieces.push(Piece::Literal(literal));
        }
        let after_open = &rest[open + 2..];
        let Some(close) = after_open.find("}}") else {
            return Err(TokenError {
                offset: offset + open,
                message: format!(
                    "\"{{{{\" at \"{}\" is never closed with \"}}}}\"",
                    excerpt(&rest[open..])
                ),
            });
        };
        let inner = &after_open[..close];
        pieces.push(token(inner, offset + open)?);
        let consumed = open + 2 + close + 2;
        rest = &rest[consumed..];
        offset += consumed;
    }
    check_no_stray_close(rest, offset)?;
    if !rest.is_empty() {
        pieces.push(Piece::Literal(rest));
    }
    Ok(pieces)
}

fn token(inner: &str, offset: usize) -> Result<Piece<'_>, TokenError> {
    let fail = |message: String| TokenError { offset, message };
    if inner.contains("{{") {
        return Err(fail(format!(
            "token \"{{{{{}}}}}\" is not closed before the next \"{{{{\"",
            excerpt(inner)
        )));
    }
    let trimmed = inner.trim();
    if let Some(target) = trimmed.strip_prefix("ref:") {
        let target = target.trim();
        if !is_node_id(target) {
            return Err(fail(format!(
                "\"{{{{ref:{}}}}}\" does not name a node id (letters, digits, . - _ #)",
                excerpt(target)
            )));
        }
        return Ok(Piece::Reference(target));
    }
    if let Some(term) = trimmed.strip_prefix("term:") {
        let (key, display) = match term.split_once('|') {
            Some((key, display)) => (key.trim(), Some(display.trim())),
            None => (term.trim(), None),
        };
        if !is_name(key) {
            return Err(fail(format!(
                "\"{{{{term:{}}}}}\" does not name a term key (lower case, digits, _ and .)",
                excerpt(key)
            )));
        }
        if display == Some("") {
            return Err(fail(format!(
                "\"{{{{term:{}|}}}}\" has an empty wording after \"|\"",
                excerpt(key)
            )));
        }
        return Ok(Piece::Term { key, display });
    }
    if trimmed.is_empty() {
        return Err(fail("empty token \"{{}}\"".to_string()));
    }
    if let Some((prefix, _)) = trimmed.split_once(':') {
        return Err(fail(format!(
            "unknown token kind \"{}:\"; use {{{{name}}}}, {{{{ref:id}}}} or {{{{term:key}}}}",
            excerpt(prefix)
        )));
    }
    if !is_name(trimmed) {
        return Err(fail(format!(
            "\"{{{{{}}}}}\" is not a parameter name (lower case letters, digits, _ and .)",
            excerpt(trimmed)
        )));
    }
    Ok(Piece::Parameter(trimmed))
}

fn check_no_stray_close(literal: &str, offset: usize) -> Result<(), TokenError> {
    match literal.find("}}") {
        Some(at) => Err(TokenError {
            offset: offset + at,
            message: format!(
                "\"}}}}\" without an opening \"{{{{\" near \"{}\"",
                excerpt(tail_chars(&literal[..at], 20))
            ),
        }),
        None => Ok(()),
    }
}

/// The last `count` characters of `text`. Counted in characters, not bytes: a byte offset may
/// fall inside a multi-byte letter (French or Spanish wording), and slicing there panics.
fn tail_chars(text: &str, count: usize) -> &str {
    match text.char_indices().rev().nth(count.saturating_sub(1)) {
        Some((start, _)) if count > 0 => &text[start..],
        _ if count == 0 => "",
        _ => text,
    }
}

/// Parameter names and term keys: `posting.months`, `branch.old_age`.
pub fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name.split('.').all(|part| {
            let mut chars = part.chars();
            matches!(chars.next(), Some('a'..='z'))
                && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
        })
}

/// Node ids: `M2-AL.2.1`, `M2.1#e`, `preamble`.
pub fn is_node_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_literals_and_every_token_kind() {
        let text = "Under {{ref:M1.1}}, the {{term:institution|institutions}} pay {{amount}}.";
        assert_eq!(
            pieces(text).unwrap(),
            vec![
                Piece::Literal("Under "),
                Piece::Reference("M1.1"),
                Piece::Literal(", the "),
                Piece::Term {
                    key: "institution",
                    display: Some("institutions")
                },
                Piece::Literal(" pay "),
                Piece::Parameter("amount"),
                Piece::Literal("."),
            ]
        );
    }

    #[test]
    fn reports_broken_tokens_with_their_offset() {
        assert_eq!(pieces("abc {{ref:X").unwrap_err().offset, 4);
        assert!(pieces("a }} b").is_err());
        assert!(pieces("{{}}").is_err());
        assert!(pieces("{{Bad Name}}").is_err());
        assert!(pieces("{{foo:bar}}").unwrap_err().message.contains("foo:"));
        assert!(pieces("{{term:x|}}").is_err());
    }

    #[test]
    fn a_stray_close_after_accented_wording_is_an_error_not_a_panic() {
        for text in [
            "ééééééééééx}}",
            "ñ}}",
            "ééééééééééééééééééééééééé}}",
            "€ à}} b",
        ] {
            let error = pieces(text).unwrap_err();
            assert!(
                error.message.contains("without an opening"),
                "{text}: {error}"
            );
            assert!(
                text.is_char_boundary(error.offset),
                "{text}: offset {}",
                error.offset
            );
        }
        let error = pieces("Les prestations de vieillesse dues à l'intéressé}}").unwrap_err();
        assert!(error.message.contains("e dues à l'intéressé"), "{error}");
    }

    #[test]
    fn messages_quote_a_short_excerpt_of_a_long_token() {
        let long = "é".repeat(100_000);
        for text in [
            format!("{{{{ref:{long}}}}}"),
            format!("{{{{term:{long}}}}}"),
            format!("{{{{term:{long}|}}}}"),
            format!("{{{{{long}:x}}}}"),
            format!("{{{{{long}}}}}"),
            format!("{{{{{long}"),
            format!("{{{{{long}{{{{"),
            format!("{long}}}}}"),
        ] {
            let error = pieces(&text).unwrap_err();
            assert!(error.message.len() < 300, "{}", error.message);
        }
    }

    #[test]
    fn tail_chars_counts_characters() {
        assert_eq!(tail_chars("abcdé", 2), "dé");
        assert_eq!(tail_chars("é", 5), "é");
        assert_eq!(tail_chars("abc", 0), "");
        assert_eq!(tail_chars("", 3), "");
    }

    #[test]
    fn names_and_ids() {
        assert!(is_name("posting.months"));
        assert!(!is_name("Posting"));
        assert!(!is_name("a..b"));
        assert!(is_node_id("M2.1#e"));
        assert!(!is_node_id("M 2"));
    }
}
