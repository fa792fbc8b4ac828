//! A small template exercising every feature, and helpers to break it in one place.

use ssa_core::template::{Draft, Template};

pub const MINI: &str = r#"
format = "ssa-template/1"
id = "mini"
version = "1.0"
title = "Agreement between {{party_a}} and {{party_b}}"
kind = "bilateral"

[provenance]
status = "inferred"
confidence = "low"

[[parameter]]
name = "party_a"
label = "name of the first Party"
type = "party"

[[parameter]]
name = "party_b"
label = "name of the second Party"
type = "party"

[[parameter]]
name = "posting.months"
label = "posting duration"
type = "months"
min = 1
max = 60
default = 24

[[parameter]]
name = "posting.extension"
label = "extension of postings"
type = "flag"
default = true

[[parameter]]
name = "branch.unemployment"
label = "unemployment covered"
type = "flag"

[[parameter]]
name = "pension.method"
label = "pension calculation method"
type = "choice"
default = "pro_rata"
choices = [
  { value = "pro_rata", text = "pro-rata apportionment" },
  { value = "independent_or_higher", text = "the higher of the independent and pro-rata amounts" },
]

[[parameter]]
name = "signature.date"
label = "date of signature"
type = "date"

[[parameter]]
name = "entry.date"
label = "date of entry into force"
type = "date"
not_before = "signature.date"

[[parameter]]
name = "grant"
label = "death grant"
type = "amount"

[[parameter]]
name = "laws_a"
label = "legislation of the first Party"
type = "laws"

[[node]]
id = "pre"
kind = "preamble"
text = "{{party_a}} and {{party_b}} have agreed as follows:"

[[node]]
id = "P1"
kind = "part"
heading = "General provisions"

[[node]]
id = "A.defs"
kind = "article"
parent = "P1"
heading = "Definitions"
text = "For the purposes of this Agreement:"

[[node]]
id = "A.defs#a"
kind = "item"
parent = "A.defs"
text = "\"competent authority\" means the ministry responsible;"
defines = { competent_authority = "competent authority" }

[[node]]
id = "A.defs#b"
kind = "item"
parent = "A.defs"
text = "\"legislation\" means {{laws_a}}."
defines = { legislation = "legislation" }

[[node]]
id = "A.optional"
kind = "article"
parent = "P1"
optional = true
heading = "Optional article"
text = "This article may be left out."

[[node]]
id = "A.post"
kind = "article"
parent = "P1"
heading = "Posted workers"

[[node]]
id = "A.post.1"
kind = "paragraph"
parent = "A.post"
text = "A posted worker stays under the {{term:legislation}} of the sending Party for {{posting.months}}."

[[node]]
id = "A.post.2"
kind = "paragraph"
parent = "A.post"
when = "posting.extension"
text = "The {{term:competent_authority|competent authorities}} may extend the period in {{ref:A.post.1}}."

[[node]]
id = "A.post.3"
kind = "paragraph"
parent = "A.post"
text = "Certificates are issued on request."

[[node]]
id = "A.post.3#a"
kind = "item"
parent = "A.post.3"
text = "to the employer;"

[[node]]
id = "A.post.3#b"
kind = "item"
parent = "A.post.3"
text = "to the worker."

[[node]]
id = "P2"
kind = "part"
heading = "Benefits"

[[node]]
id = "C.unemp"
kind = "chapter"
parent = "P2"
heading = "Unemployment"
when = "branch.unemployment"

[[node]]
id = "A.unemp"
kind = "article"
parent = "C.unemp"
text = "Periods are added together as in {{ref:A.post.3#b}}."

[[node]]
id = "A.pension"
kind = "article"
parent = "P2"
heading = "Calculation"

[[node.alternatives]]
id = "pro_rata"
label = "Pro-rata"
text = "Each Party pays the pro-rata amount; see {{ref:A.post}} and {{ref:A.optional}}."
default = true

[[node.alternatives]]
id = "higher"
label = "Higher of"
text = "Each Party pays {{pension.method}}."

[[node]]
id = "A.final"
kind = "article"
parent = "P2"
heading = "Entry into force"
text = "This Agreement enters into force on {{entry.date}}; a death grant of {{grant}} is payable."

[[node]]
id = "sig"
kind = "signature"
text = "Done on {{signature.date}}."
"#;

pub fn mini() -> Template {
    Template::parse("mini.toml", MINI).expect("the fixture parses")
}

/// The fixture with `from` replaced by `to` (exactly once), parsed.
pub fn mini_with(from: &str, to: &str) -> Template {
    assert_eq!(
        MINI.matches(from).count(),
        1,
        "fixture edit must be unambiguous: {from}"
    );
    Template::parse("mini.toml", &MINI.replacen(from, to, 1)).expect("the edited fixture parses")
}

pub fn filled_draft(template: &Template) -> Draft {
    Draft::of(template)
        .with_value("party_a", "Republic of Aurelia")
        .with_value("party_b", "Kingdom of Boreland")
        .with_value("signature.date", "2026-03-01")
        .with_value("entry.date", "2026-07-01")
}

/// The 1-based line of the first line of `MINI` containing `needle`.
pub fn line_of(needle: &str) -> usize {
    MINI.lines()
        .position(|l| l.contains(needle))
        .expect("needle in fixture")
        + 1
}
