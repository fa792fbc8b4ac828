//! The `when` condition language: small on purpose.
//!
//! ```text
//! expr       = and ( "or" and )*
//! and        = unary ( "and" unary )*
//! unary      = "not" unary | "(" expr ")" | comparison
//! comparison = name ( op literal )?
//! op         = "==" | "!=" | "<" | "<=" | ">" | ">="
//! literal    = "double-quoted string" | integer | true | false
//! name       = parameter name, e.g. branch.unemployment or pension.method
//! ```
//!
//! A bare name is true when the parameter is a flag set to true, or any other parameter that is
//! filled. A comparison with a parameter that is not filled (no draft value, no default) is
//! false, except `!=`, which is true. Ordering operators compare numbers (months, number) and,
//! for dates, ISO strings. There are no functions, no arithmetic and no string operations.
//!
//! Bounded on any input: `not` and parentheses nest at most [`MAX_CONDITION_DEPTH`] deep (a
//! deeper condition is a syntax error saying so), and a chain of `and` or `or` is kept as one
//! flat list rather than a nested pair per operator, so neither parsing, evaluating nor
//! dropping a condition recurses more than that depth, however long the chain.

use std::fmt;

use super::draft::Value;
use crate::limits::{excerpt, MAX_CONDITION_DEPTH};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    Name(String),
    Compare {
        name: String,
        op: Operator,
        literal: Literal,
    },
    Not(Box<Expr>),
    /// Every condition holds (`a and b and c`): two or more.
    And(Vec<Expr>),
    /// At least one holds (`a or b or c`): two or more.
    Or(Vec<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Literal {
    Text(String),
    Integer(i64),
    Bool(bool),
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Text(text) => write!(f, "\"{}\"", excerpt(text)),
            Literal::Integer(number) => write!(f, "{number}"),
            Literal::Bool(value) => write!(f, "{value}"),
        }
    }
}

/// A syntax error in a condition; `offset` is a byte offset into the expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    pub offset: usize,
    pub message: String,
}

impl Expr {
    pub fn parse(source: &str) -> Result<Expr, ExprError> {
        let tokens = lex(source)?;
        let mut parser = Parser {
            tokens,
            position: 0,
            end: source.len(),
            depth: 0,
        };
        let expr = parser.or()?;
        match parser.tokens.get(parser.position) {
            None => Ok(expr),
            Some((offset, token)) => Err(ExprError {
                offset: *offset,
                message: format!("unexpected {token} after a complete condition"),
            }),
        }
    }

    /// Every (name, compared literal) pair, for checking against the declared parameters.
    pub fn comparisons(&self) -> Vec<(&str, Option<(Operator, &Literal)>)> {
        let mut found = Vec::new();
        self.collect(&mut found);
        found
    }

    fn collect<'a>(&'a self, found: &mut Vec<(&'a str, Option<(Operator, &'a Literal)>)>) {
        match self {
            Expr::Name(name) => found.push((name, None)),
            Expr::Compare { name, op, literal } => found.push((name, Some((*op, literal)))),
            Expr::Not(inner) => inner.collect(found),
            Expr::And(all) | Expr::Or(all) => {
                for each in all {
                    each.collect(found);
                }
            }
        }
    }

    /// Evaluates with `lookup` giving each parameter's effective value (draft, else default).
    pub fn eval<'v>(&self, lookup: &dyn Fn(&str) -> Option<&'v Value>) -> bool {
        match self {
            Expr::Name(name) => match lookup(name) {
                Some(Value::Flag(value)) => *value,
                Some(value) => value.is_filled(),
                None => false,
            },
            Expr::Compare { name, op, literal } => match lookup(name) {
                Some(value) if value.is_filled() => compare(value, *op, literal),
                _ => *op == Operator::NotEqual,
            },
            Expr::Not(inner) => !inner.eval(lookup),
            Expr::And(all) => all.iter().all(|each| each.eval(lookup)),
            Expr::Or(any) => any.iter().any(|each| each.eval(lookup)),
        }
    }
}

fn compare(value: &Value, op: Operator, literal: &Literal) -> bool {
    use std::cmp::Ordering;
    let ordering: Option<Ordering> = match (value, literal) {
        (Value::Number(left), Literal::Integer(right)) => Some(left.cmp(right)),
        (Value::Text(left), Literal::Text(right)) => Some(left.as_str().cmp(right.as_str())),
        (Value::Flag(left), Literal::Bool(right)) => Some(left.cmp(right)),
        _ => None,
    };
    match (ordering, op) {
        (None, Operator::NotEqual) => true,
        (None, _) => false,
        (Some(o), Operator::Equal) => o == Ordering::Equal,
        (Some(o), Operator::NotEqual) => o != Ordering::Equal,
        (Some(o), Operator::Less) => o == Ordering::Less,
        (Some(o), Operator::LessOrEqual) => o != Ordering::Greater,
        (Some(o), Operator::Greater) => o == Ordering::Greater,
        (Some(o), Operator::GreaterOrEqual) => o != Ordering::Less,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Name(String),
    Text(String),
    Integer(i64),
    Op(Operator),
    Open,
    Close,
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Token::Name(name) => write!(f, "\"{}\"", excerpt(name)),
            Token::Text(text) => write!(f, "string \"{}\"", excerpt(text)),
            Token::Integer(number) => write!(f, "number {number}"),
            Token::Op(_) => f.write_str("an operator"),
            Token::Open => f.write_str("\"(\""),
            Token::Close => f.write_str("\")\""),
        }
    }
}

fn lex(source: &str) -> Result<Vec<(usize, Token)>, ExprError> {
    let mut tokens = Vec::new();
    let bytes = source.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let c = bytes[at];
        let start = at;
        let two = source.get(at..at + 2).unwrap_or("");
        let op = match two {
            "==" => Some(Operator::Equal),
            "!=" => Some(Operator::NotEqual),
            "<=" => Some(Operator::LessOrEqual),
            ">=" => Some(Operator::GreaterOrEqual),
            _ => None,
        };
        if let Some(op) = op {
            tokens.push((start, Token::Op(op)));
            at += 2;
            continue;
        }
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => at += 1,
            b'(' => {
                tokens.push((start, Token::Open));
                at += 1;
            }
            b')' => {
                tokens.push((start, Token::Close));
                at += 1;
            }
            b'<' | b'>' => {
                let op = if c == b'<' {
                    Operator::Less
                } else {
                    Operator::Greater
                };
                tokens.push((start, Token::Op(op)));
                at += 1;
            }
            b'"' => {
                let Some(length) = source[at + 1..].find('"') else {
                    return Err(ExprError {
                        offset: start,
                        message: "string is not closed with '\"'".into(),
                    });
                };
                tokens.push((start, Token::Text(source[at + 1..at + 1 + length].into())));
                at += length + 2;
            }
            b'0'..=b'9' | b'-' => {
                at += 1;
                while at < bytes.len() && bytes[at].is_ascii_digit() {
                    at += 1;
                }
                let number = source[start..at].parse().map_err(|_| ExprError {
                    offset: start,
                    message: format!("\"{}\" is not a whole number", excerpt(&source[start..at])),
                })?;
                tokens.push((start, Token::Integer(number)));
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                while at < bytes.len()
                    && (bytes[at].is_ascii_alphanumeric() || matches!(bytes[at], b'_' | b'.'))
                {
                    at += 1;
                }
                tokens.push((start, Token::Name(source[start..at].into())));
            }
            _ => {
                let shown = source[at..].chars().next().unwrap_or('?');
                let hint = match shown {
                    '=' => "; compare with \"==\"",
                    '&' | '|' => "; write \"and\" / \"or\"",
                    '!' => "; write \"not\"",
                    '\'' => "; strings use double quotes",
                    _ => "",
                };
                return Err(ExprError {
                    offset: start,
                    message: format!("unexpected character '{shown}'{hint}"),
                });
            }
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<(usize, Token)>,
    position: usize,
    end: usize,
    /// How many `not` and parentheses enclose the current position.
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.position).map(|(_, token)| token)
    }

    fn offset(&self) -> usize {
        self.tokens
            .get(self.position)
            .map_or(self.end, |(offset, _)| *offset)
    }

    fn keyword(&mut self, word: &str) -> bool {
        if matches!(self.peek(), Some(Token::Name(name)) if name == word) {
            self.position += 1;
            true
        } else {
            false
        }
    }

    fn or(&mut self) -> Result<Expr, ExprError> {
        let mut any = vec![self.and()?];
        while self.keyword("or") {
            any.push(self.and()?);
        }
        Ok(if any.len() == 1 {
            any.pop().expect("one condition")
        } else {
            Expr::Or(any)
        })
    }

    fn and(&mut self) -> Result<Expr, ExprError> {
        let mut all = vec![self.unary()?];
        while self.keyword("and") {
            all.push(self.unary()?);
        }
        Ok(if all.len() == 1 {
            all.pop().expect("one condition")
        } else {
            Expr::And(all)
        })
    }

    /// Enters one more `not` or parenthesis, refusing past [`MAX_CONDITION_DEPTH`].
    fn deeper(&mut self) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_CONDITION_DEPTH {
            return Err(ExprError {
                offset: self.offset(),
                message: format!(
                    "the condition nests \"not\" and parentheses more than \
                     {MAX_CONDITION_DEPTH} deep; write it more simply"
                ),
            });
        }
        Ok(())
    }

    fn unary(&mut self) -> Result<Expr, ExprError> {
        if self.keyword("not") {
            self.deeper()?;
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(inner)));
        }
        let offset = self.offset();
        match self.peek().cloned() {
            Some(Token::Open) => {
                self.position += 1;
                self.deeper()?;
                let inner = self.or()?;
                self.depth -= 1;
                if self.peek() != Some(&Token::Close) {
                    return Err(ExprError {
                        offset: self.offset(),
                        message: "missing \")\"".into(),
                    });
                }
                self.position += 1;
                Ok(inner)
            }
            Some(Token::Name(name)) if !matches!(name.as_str(), "and" | "or" | "not") => {
                self.position += 1;
                self.comparison(name)
            }
            Some(token) => Err(ExprError {
                offset,
                message: format!("expected a parameter name, found {token}"),
            }),
            None => Err(ExprError {
                offset,
                message: "the condition ends too early; expected a parameter name".into(),
            }),
        }
    }

    fn comparison(&mut self, name: String) -> Result<Expr, ExprError> {
        let Some(Token::Op(op)) = self.peek().cloned() else {
            return Ok(Expr::Name(name));
        };
        self.position += 1;
        let offset = self.offset();
        let literal = match self.peek().cloned() {
            Some(Token::Text(text)) => Literal::Text(text),
            Some(Token::Integer(number)) => Literal::Integer(number),
            Some(Token::Name(word)) if word == "true" => Literal::Bool(true),
            Some(Token::Name(word)) if word == "false" => Literal::Bool(false),
            Some(Token::Name(word)) => {
                return Err(ExprError {
                    offset,
                    message: format!(
                        "expected a value after the operator, found \"{word}\"; \
                         quote text values: \"{word}\"",
                        word = excerpt(&word)
                    ),
                })
            }
            _ => {
                return Err(ExprError {
                    offset,
                    message: "expected a value (\"text\", a number, true or false)".into(),
                })
            }
        };
        self.position += 1;
        Ok(Expr::Compare { name, op, literal })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(source: &str, values: &[(&str, Value)]) -> bool {
        let expr = Expr::parse(source).unwrap();
        expr.eval(&|name| values.iter().find(|(n, _)| *n == name).map(|(_, v)| v))
    }

    #[test]
    fn evaluates_flags_choices_and_numbers() {
        let values = [
            ("branch.unemployment", Value::Flag(true)),
            ("pension.method", Value::Text("pro_rata".into())),
            ("posting.months", Value::Number(24)),
        ];
        assert!(eval("branch.unemployment", &values));
        assert!(!eval("branch.family", &values));
        assert!(eval("pension.method == \"pro_rata\"", &values));
        assert!(eval("not (branch.family or posting.months > 24)", &values));
        assert!(eval(
            "posting.months >= 24 and branch.unemployment",
            &values
        ));
        assert!(eval("branch.family != true", &values));
    }

    #[test]
    fn and_binds_tighter_than_or() {
        let values = [("a", Value::Flag(true))];
        assert!(eval("a or b and c", &values));
        assert!(!eval("(a or b) and c", &values));
    }

    #[test]
    fn reports_syntax_errors_with_an_offset() {
        let error = Expr::parse("pension.method = \"x\"").unwrap_err();
        assert_eq!(error.offset, 15);
        assert!(error.message.contains("=="));
        assert!(Expr::parse("a and").is_err());
        assert!(Expr::parse("(a").is_err());
        assert!(Expr::parse("a == b").unwrap_err().message.contains("quote"));
        assert!(Expr::parse("a b").is_err());
    }

    #[test]
    fn nesting_past_the_limit_is_a_syntax_error_not_a_stack_overflow() {
        for source in [
            format!("{}a", "not ".repeat(30_000)),
            format!("{}a{}", "(".repeat(30_000), ")".repeat(30_000)),
            format!("{}a", "not (".repeat(10_000)),
        ] {
            let error = Expr::parse(&source).unwrap_err();
            assert!(
                error
                    .message
                    .contains(&format!("more than {MAX_CONDITION_DEPTH} deep")),
                "{}",
                error.message
            );
        }
        let at_limit = format!(
            "{}a{}",
            "(".repeat(MAX_CONDITION_DEPTH),
            ")".repeat(MAX_CONDITION_DEPTH)
        );
        assert!(eval(&at_limit, &[("a", Value::Flag(true))]));
    }

    #[test]
    fn long_chains_stay_flat() {
        let values = [("a", Value::Flag(true)), ("b", Value::Flag(false))];
        let chain = vec!["a"; 100_000].join(" and ");
        let expr = Expr::parse(&chain).unwrap();
        assert!(matches!(&expr, Expr::And(all) if all.len() == 100_000));
        assert!(expr.eval(&|name| values.iter().find(|(n, _)| *n == name).map(|(_, v)| v)));
        let mixed = format!("{} or b", vec!["b and a"; 50_000].join(" or "));
        assert!(!eval(&mixed, &values));
        assert_eq!(Expr::parse(&mixed).unwrap().comparisons().len(), 100_001);
    }

    #[test]
    fn messages_quote_a_short_excerpt() {
        let long = "x".repeat(10_000);
        for source in [
            format!("a == {long}"),
            format!("a \"{long}\""),
            format!("{}9", "9".repeat(10_000)),
        ] {
            let error = Expr::parse(&source).unwrap_err();
            assert!(error.message.len() < 200, "{}", error.message);
        }
    }
}
