//! The readers under test. Each target runs the whole path a file or a typed text takes in the
//! app: parse, validate, and, where that succeeds, what the app does next with it (render,
//! compare, lay out as exchange articles). None may panic, abort or hang, whatever the bytes.

use std::sync::OnceLock;

use ssa_core::exchange::{article_texts, decode, flatten};
use ssa_core::process::ProcessDefinition;
use ssa_core::template::{render, Draft, Template};

use crate::Target;

/// Every target. A new reader is one more entry here (see `fuzz/README.md`).
pub const ALL: &[Target] = &[
    Target {
        name: "template",
        run: template,
        dictionary: TEMPLATE_TOKENS,
        assets: &[
            "assets/templates/r167-annex2-coordination.toml",
            "assets/templates/r167-admin-arrangement.toml",
        ],
    },
    Target {
        name: "process",
        run: process,
        dictionary: PROCESS_TOKENS,
        assets: &["assets/process/eight-step-process.toml"],
    },
    Target {
        name: "exchange",
        run: exchange,
        dictionary: EXCHANGE_TOKENS,
        assets: &[],
    },
    Target {
        name: "simulation",
        run: simulation,
        dictionary: SIMULATION_TOKENS,
        assets: &[
            "assets/simulations/examples/bands-weeks-quarters.toml",
            "assets/simulations/examples/ex1-holzmann-pro-rata.toml",
            "assets/simulations/examples/ex3-minimum-period.toml",
        ],
    },
    Target {
        name: "draft-wording",
        run: draft_wording,
        dictionary: WORDING_TOKENS,
        assets: &[],
    },
];

const SIMULATION_TOKENS: &[&str] = &[
    "[[party]]\n",
    "[[period]]\n",
    "[[conversion]]\n",
    "format = \"ssa-simulation/1\"\n",
    "kind = \"sum\"",
    "kind = \"bands\"",
    "kind = \"per_period\"",
    "parts = [",
    "bands = [",
    "amount = \"99999999.99\"",
    "amount = 1000000",
    "per = \"0.01\"",
    "per = 100000",
    "remainder = \"exact\"",
    "unit = \"days\"",
    "unit = \"years\"",
    "start = 0001-01-01",
    "end = 9999-12-31",
    "minimum_period_months = 120",
    "career_years = \"0.01\"",
    "{ kind = \"fixed\", amount = \"1\" }",
];

const TEMPLATE_TOKENS: &[&str] = &[
    "[[node]]\n",
    "[[parameter]]\n",
    "[provenance]\n",
    "[style]\n",
    "id = ",
    "kind = ",
    "parent = ",
    "text = ",
    "heading = ",
    "when = ",
    "optional = true\n",
    "included_by_default = false\n",
    "defines = { a = \"b\" }\n",
    "alternatives = [",
    "{ id = \"x\", label = \"l\", text = \"y\", default = true }",
    "type = \"months\"\n",
    "type = \"choice\"\n",
    "type = \"date\"\n",
    "choices = [",
    "min = ",
    "max = ",
    "default = ",
    "not_before = ",
    "implements = ",
    "derived_from = ",
    "\"article\"",
    "\"item\"",
    "\"paragraph\"",
    "\"part\"",
    "{{",
    "}}",
    "{{ref:",
    "{{term:",
    "|",
    " and ",
    " or ",
    "not ",
    " == ",
    " != ",
    " >= ",
    "\"\"\"",
    "'''",
    "\\u00e9",
    "99999999999999999999",
    "-1",
    "1e400",
    "true",
    "false",
];

const PROCESS_TOKENS: &[&str] = &[
    "[[steps]]\n",
    "[[steps.checklist]]\n",
    "[[steps.outputs]]\n",
    "[[steps.pitfalls]]\n",
    "[steps.gate]\n",
    "id = ",
    "title = { en = \"t\" }\n",
    "label = ",
    "explanation = ",
    "purpose = ",
    "block = \"preparation\"\n",
    "provenance = { status = \"inferred\" }\n",
    "question = ",
    "go = ",
    "no_go = ",
    "revisit = ",
    "en = ",
    "fr = ",
    "es = ",
    "format = ",
    "version = ",
    "99999999999999999999",
    "\"\"\"",
    "{ ",
    " }",
    "[",
    "]",
];

const EXCHANGE_TOKENS: &[&str] = &[
    "\"format\"",
    "\"payload\"",
    "\"checksum\"",
    "\"nodes\"",
    "\"parent\"",
    "\"positions\"",
    "\"omitted\"",
    "\"values\"",
    "\"parties\"",
    "\"iso_code\"",
    "\"round\"",
    "\"node_id\"",
    "\"status\"",
    "\"agreed\"",
    "\"kind\"",
    "\"article\"",
    "\"item\"",
    "\"ssa-exchange/1\"",
    "\"sha256:",
    "null",
    "true",
    "18446744073709551616",
    "-0",
    "1e999",
    "\\u0000",
    "\\ud800",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
];

const WORDING_TOKENS: &[&str] = &[
    "{{",
    "}}",
    "{{ref:",
    "{{term:",
    "{{posting.months}}",
    "{{ref:M2-AL.1}}",
    "|",
    "}}}}",
    "{{{{",
    "{{term:competent_authority|",
    "é",
    "\u{301}",
    "\n",
    "\"",
];

/// Templates are read, validated and rendered (a stored template is rendered even when it
/// has problems), and a valid one is written back to TOML.
fn template(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let Ok(template) = Template::parse("fuzz.toml", &text) else {
        return;
    };
    let report = template.validate();
    let draft = Draft::of(&template);
    let document = render(&template, &draft);
    let _ = draft.validate(&template);
    let _ = document.to_plain_text();
    let _ = article_texts(&flatten(&document));
    if !report.has_errors() {
        let _ = template.to_toml();
    }
}

/// A case file is read and, if valid, simulated; every explanation line is worded in the three
/// languages, as the command line, the window and the PDF do.
fn simulation(bytes: &[u8]) {
    use ssa_core::simulation::{case_file::parse_case, render_line, simulate, Language};
    let text = String::from_utf8_lossy(bytes);
    let Ok(file) = parse_case(&text) else {
        return;
    };
    if let Ok(outcome) = simulate(&file.case) {
        for party in &outcome.parties {
            for line in &party.explanation {
                for language in [Language::En, Language::Fr, Language::Es] {
                    let _ = render_line(line, language);
                }
            }
        }
    }
}

fn process(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let _ = ProcessDefinition::parse("fuzz.toml", &text);
}

/// Exchange files are decoded; a file that is accepted has its articles put together, as the
/// import does.
fn exchange(bytes: &[u8]) {
    if let Ok(payload) = decode(bytes) {
        let _ = article_texts(&payload.nodes);
    }
}

/// The shipped R167 Annex I template, parsed once per process.
fn annex1() -> &'static Template {
    static TEMPLATE: OnceLock<Template> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let path = crate::repository_root().join("assets/templates/r167-annex1-bilateral.toml");
        let text = std::fs::read_to_string(&path).expect("the shipped template is readable");
        Template::parse("r167-annex1-bilateral.toml", &text).expect("the shipped template parses")
    })
}

/// Wording typed into the agreement view: the input becomes the free wording of one article
/// of the shipped Annex I template (the first byte picks which), then the draft is validated
/// and rendered, as every save and every view of the agreement does. An input that is a
/// draft's JSON (as stored) is read as that draft instead.
fn draft_wording(bytes: &[u8]) {
    let template = annex1();
    let draft = match serde_json::from_slice::<Draft>(bytes) {
        Ok(mut draft) => {
            draft.template_id = template.id.clone();
            draft.template_version = template.version.clone();
            draft
        }
        Err(_) => {
            let (&pick, wording) = bytes.split_first().unwrap_or((&0, &[]));
            let node = &template.nodes[usize::from(pick) % template.nodes.len()];
            let mut draft = Draft::of(template);
            draft.custom_wording.insert(
                node.id.clone(),
                String::from_utf8_lossy(wording).into_owned(),
            );
            draft
        }
    };
    let _ = draft.validate(template);
    let document = render(template, &draft);
    let _ = document.to_plain_text();
    let _ = article_texts(&flatten(&document));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;

    /// The seeds are well-formed, so that mutations start from inputs that get past the
    /// parsers; and none of them fails a target.
    #[test]
    fn every_seed_is_read_and_accepted() {
        for target in ALL {
            let seeds = corpus(target).unwrap();
            assert!(!seeds.is_empty(), "{} has no seeds", target.name);
            for seed in &seeds {
                (target.run)(seed);
            }
        }
        for seed in corpus(&ALL[0]).unwrap() {
            let text = String::from_utf8(seed).unwrap();
            Template::load("seed.toml", &text).unwrap();
        }
        for seed in corpus(&ALL[1]).unwrap() {
            ProcessDefinition::parse("seed.toml", &String::from_utf8(seed).unwrap()).unwrap();
        }
        for seed in corpus(&ALL[2]).unwrap() {
            decode(&seed).unwrap();
        }
    }
}
