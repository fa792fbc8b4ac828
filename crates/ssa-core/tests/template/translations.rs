//! The French and Spanish wording of the shipped templates, kept beside them in
//! `assets/templates/translations/<template id>.<language>.toml` (format: the README there).
//!
//! This is the check that keeps those files in step with the English templates. It fails when:
//! - a shipped template has no file for a language, or a file names a template, language or
//!   template version other than its own;
//! - a node, parameter, alternative or choice, or one of their texts (heading, text, guidance,
//!   label, help, a defined term), is missing, or one is translated that the template lacks;
//! - a translated text carries other `{{…}}` tokens than the English one, or not as often (a
//!   defined term by its key: its display form is translated), or a token does not parse;
//! - a style word the renderer needs in that language is missing;
//! - French typography is broken (a no-break space before ; : ? ! and inside « »), or a
//!   contracting preposition or an article stands before a reference or a name (the rendered
//!   reference carries its own article: "l'article 4", "el artículo 4");
//! - the template with its wording replaced by the translation does not validate cleanly, or its
//!   default draft renders a broken reference.
//!
//! Set `SSA_TRANSLATION_PREVIEW=<dir>` to write each translated template's default rendering
//! there as plain text, for reading.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use ssa_core::template::text::{pieces, Piece};
use ssa_core::template::{render, Draft, ParameterType, Segment, Template};
use ssa_core::typography::{excerpt_around, french_spacing_faults};

const LANGUAGES: &[&str] = &["fr", "es"];

/// Style words every translation gives: the `[style]` labels the renderer has today, and those
/// it needs to write references, sub-items, flags and markers in the language.
const STYLE_WORDS: &[&str] = &[
    "part_label",
    "chapter_label",
    "section_label",
    "article_label",
    "paragraph_label",
    "subparagraph_label",
    "of_word",
    "of_part",
    "of_chapter",
    "article_reference",
    "part_reference",
    "chapter_reference",
    "section_reference",
    "paragraph_reference",
    "subparagraph_reference",
    "this_article",
    "item_format",
    "and_word",
    "yes_word",
    "no_word",
    "unfilled",
    "reference_missing",
    "reference_omitted",
    "reference_not_numbered",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Translation {
    template: String,
    language: String,
    title: String,
    description: String,
    provenance: TranslationProvenance,
    style: BTreeMap<String, String>,
    #[serde(default)]
    parameters: BTreeMap<String, ParameterText>,
    #[serde(default)]
    nodes: BTreeMap<String, NodeText>,
    #[serde(default)]
    alternatives: BTreeMap<String, BTreeMap<String, AlternativeText>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslationProvenance {
    drafted_from: String,
    template_version: String,
    note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ParameterText {
    label: String,
    help: Option<String>,
    #[serde(default)]
    choices: BTreeMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NodeText {
    heading: Option<String>,
    text: Option<String>,
    guidance: Option<String>,
    #[serde(default)]
    defines: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AlternativeText {
    label: String,
    text: String,
    guidance: Option<String>,
}

fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/templates")
}

fn shipped_templates() -> Vec<Template> {
    let mut templates = Vec::new();
    for entry in std::fs::read_dir(assets()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let (template, _) = Template::load(&name, &text).unwrap_or_else(|e| panic!("{e}"));
            templates.push(template);
        }
    }
    templates.sort_by(|a, b| a.id.cmp(&b.id));
    templates
}

fn read_translation(template: &str, language: &str) -> Result<Translation, String> {
    let path = assets().join(format!("translations/{template}.{language}.toml"));
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("{}: cannot be read ({e})", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The tokens of a text, as comparable keys: `name`, `ref:id`, `term:key` (display dropped).
fn tokens(text: &str) -> Result<Vec<String>, String> {
    let mut found: Vec<String> = pieces(text)
        .map_err(|e| e.message)?
        .into_iter()
        .filter_map(|piece| match piece {
            Piece::Literal(_) => None,
            Piece::Parameter(name) => Some(name.to_string()),
            Piece::Reference(id) => Some(format!("ref:{id}")),
            Piece::Term { key, .. } => Some(format!("term:{key}")),
        })
        .collect();
    found.sort();
    Ok(found)
}

/// Collects the faults of one translation file against its template.
struct Checker<'t> {
    template: &'t Template,
    language: &'t str,
    faults: Vec<String>,
    /// Parameters whose value is a name written with its article in fr/es.
    names: BTreeSet<&'t str>,
    texts: usize,
}

impl<'t> Checker<'t> {
    fn new(template: &'t Template, language: &'t str) -> Self {
        let names = template
            .parameters
            .iter()
            .filter(|p| {
                matches!(
                    p.kind,
                    ParameterType::Party | ParameterType::Authority | ParameterType::Institution
                )
            })
            .map(|p| p.name.as_str())
            .collect();
        Checker {
            template,
            language,
            faults: Vec::new(),
            names,
            texts: 0,
        }
    }

    fn fault(&mut self, at: &str, message: String) {
        self.faults.push(format!(
            "{}.{} {at}: {message}",
            self.template.id, self.language
        ));
    }

    /// One English text against its translation (both absent is fine).
    fn text(&mut self, at: &str, english: Option<&str>, translated: Option<&str>) {
        match (english.filter(|t| !t.trim().is_empty()), translated) {
            (None, None) => {}
            (Some(_), None) => self.fault(at, "missing".into()),
            (None, Some(_)) => {
                self.fault(at, "translated, but the template has no such text".into())
            }
            (Some(english), Some(translated)) => {
                self.texts += 1;
                if translated.trim().is_empty() {
                    return self.fault(at, "empty".into());
                }
                match (tokens(english), tokens(translated)) {
                    (Ok(expected), Ok(found)) if expected != found => self.fault(
                        at,
                        format!("tokens {found:?} differ from the English {expected:?}"),
                    ),
                    (_, Err(error)) => self.fault(at, format!("token syntax: {error}")),
                    _ => {}
                }
                for problem in language_faults(self.language, translated, &self.names) {
                    self.fault(at, problem);
                }
            }
        }
    }

    /// The fields of one element: (field name, English, translation).
    fn fields(&mut self, at: &str, fields: &[(&str, Option<&str>, Option<&str>)]) {
        for (field, english, translated) in fields {
            self.text(&format!("{at} {field}"), *english, *translated);
        }
    }

    fn check(&mut self, translation: &Translation) {
        let template = self.template;
        if translation.template != template.id || translation.language != self.language {
            self.fault(
                "header",
                format!(
                    "names template {} in {}",
                    translation.template, translation.language
                ),
            );
        }
        let provenance = &translation.provenance;
        if provenance.template_version != template.version || provenance.drafted_from != "en" {
            self.fault(
                "provenance",
                format!(
                    "translates version {} from {}; the template is version {} in en",
                    provenance.template_version, provenance.drafted_from, template.version
                ),
            );
        }
        if provenance.note.trim().is_empty() {
            self.fault("provenance", "the note is empty".into());
        }
        self.fields(
            "template",
            &[
                ("title", Some(&template.title), Some(&translation.title)),
                (
                    "description",
                    Some(&template.description),
                    Some(&translation.description),
                ),
            ],
        );
        for word in STYLE_WORDS {
            if translation
                .style
                .get(*word)
                .is_none_or(|w| w.trim().is_empty())
            {
                self.fault("style", format!("no {word}"));
            }
        }
        self.parameters(translation);
        self.nodes(translation);
    }

    fn parameters(&mut self, translation: &Translation) {
        for parameter in &self.template.parameters {
            let at = format!("parameter {}", parameter.name);
            let Some(text) = translation.parameters.get(&parameter.name) else {
                self.fault(&at, "missing".into());
                continue;
            };
            self.fields(
                &at,
                &[
                    ("label", Some(&parameter.label), Some(&text.label)),
                    ("help", parameter.help.as_deref(), text.help.as_deref()),
                ],
            );
            let values: BTreeSet<&str> =
                parameter.choices.iter().map(|c| c.value.as_str()).collect();
            let translated: BTreeSet<&str> = text.choices.keys().map(String::as_str).collect();
            if values != translated {
                self.fault(
                    &at,
                    format!("choices {translated:?} differ from the template's {values:?}"),
                );
            }
            for choice in &parameter.choices {
                let at = format!("{at} choice {}", choice.value);
                self.text(
                    &at,
                    Some(&choice.text),
                    text.choices.get(&choice.value).map(String::as_str),
                );
            }
        }
        for name in translation.parameters.keys() {
            if self.template.parameter(name).is_none() {
                self.fault(&format!("parameter {name}"), "not in the template".into());
            }
        }
    }

    fn nodes(&mut self, translation: &Translation) {
        let empty = NodeText::default();
        for node in &self.template.nodes {
            let at = format!("node {}", node.id);
            let text = translation.nodes.get(&node.id).unwrap_or(&empty);
            self.fields(
                &at,
                &[
                    ("heading", node.heading.as_deref(), text.heading.as_deref()),
                    ("text", Some(&node.text), text.text.as_deref()),
                    (
                        "guidance",
                        node.guidance.as_deref(),
                        text.guidance.as_deref(),
                    ),
                ],
            );
            for (key, term) in &node.defines {
                let at = format!("{at} defined term {key}");
                self.text(&at, Some(term), text.defines.get(key).map(String::as_str));
            }
            let keys: BTreeSet<&String> = node.defines.keys().collect();
            let translated: BTreeSet<&String> = text.defines.keys().collect();
            if keys != translated {
                self.fault(
                    &at,
                    format!("defines {translated:?}, the template {keys:?}"),
                );
            }
            let none = BTreeMap::new();
            let alternatives = translation.alternatives.get(&node.id).unwrap_or(&none);
            for alternative in &node.alternatives {
                let at = format!("{at} alternative {}", alternative.id);
                match alternatives.get(&alternative.id) {
                    None => self.fault(&at, "missing".into()),
                    Some(text) => self.fields(
                        &at,
                        &[
                            ("label", Some(&alternative.label), Some(&text.label)),
                            ("text", Some(&alternative.text), Some(&text.text)),
                            (
                                "guidance",
                                alternative.guidance.as_deref(),
                                text.guidance.as_deref(),
                            ),
                        ],
                    ),
                }
            }
            for id in alternatives.keys() {
                if !node.alternatives.iter().any(|a| &a.id == id) {
                    self.fault(
                        &format!("{at} alternative {id}"),
                        "not in the template".into(),
                    );
                }
            }
        }
        for id in translation
            .nodes
            .keys()
            .chain(translation.alternatives.keys())
        {
            if self.template.node(id).is_none() {
                self.fault(&format!("node {id}"), "not in the template".into());
            }
        }
    }
}

/// Faults of wording in one language: French typography, and what may stand before a
/// reference or a name (they render with their own article in French and Spanish).
fn language_faults(language: &str, text: &str, names: &BTreeSet<&str>) -> Vec<String> {
    let mut faults = Vec::new();
    let Ok(pieces) = pieces(text) else {
        return faults;
    };
    let forbidden: &[&str] = match language {
        "fr" => &["de", "à", "le", "la", "les", "du", "au", "aux", "des"],
        "es" => &["de", "a", "el", "la", "los", "las", "del", "al"],
        _ => &[],
    };
    let mut before = String::new();
    for piece in &pieces {
        let named = match piece {
            Piece::Reference(id) => Some(format!("ref:{id}")),
            Piece::Parameter(name) if names.contains(name) => Some(name.to_string()),
            _ => None,
        };
        if let Some(named) = named {
            let previous = before.trim_end();
            let last_word = previous
                .rsplit(|c: char| c.is_whitespace() || c == '(')
                .next()
                .unwrap_or("")
                .to_lowercase();
            let elided = language == "fr" && (previous.ends_with("d'") || previous.ends_with("l'"));
            if elided || forbidden.contains(&last_word.as_str()) && previous.len() < before.len() {
                faults.push(format!(
                    "\"…{}{{{{{named}}}}}\": the token renders with its own article; reword \
                     so that no preposition that contracts, and no article, stands before it",
                    tail(&before, 20)
                ));
            }
        }
        match piece {
            Piece::Literal(literal) => before.push_str(literal),
            _ => before.push('X'),
        }
    }
    // `before` is now the text with each token masked as one letter: tokens hold colons.
    if language == "fr" {
        faults.extend(french_spacing_faults(&before).into_iter().map(|fault| {
            format!(
                "no no-break space at '{}' in \"{}\"",
                fault.mark,
                excerpt_around(&before, fault.at)
            )
        }));
    }
    faults
}

fn tail(text: &str, chars: usize) -> String {
    let count = text.chars().count();
    text.chars().skip(count.saturating_sub(chars)).collect()
}

/// The template with its wording replaced by the translation (what the later fold will do),
/// so that validation and rendering can be checked in the language.
fn translated_template(template: &Template, translation: &Translation) -> Template {
    let mut folded = template.clone();
    folded.title = translation.title.clone();
    folded.description = translation.description.clone();
    folded.language = translation.language.clone();
    let style = |key: &str, into: &mut String| {
        if let Some(word) = translation.style.get(key) {
            *into = word.clone();
        }
    };
    style("part_label", &mut folded.style.part_label);
    style("chapter_label", &mut folded.style.chapter_label);
    style("section_label", &mut folded.style.section_label);
    style("article_label", &mut folded.style.article_label);
    style("paragraph_label", &mut folded.style.paragraph_label);
    style("subparagraph_label", &mut folded.style.subparagraph_label);
    style("of_word", &mut folded.style.of_word);
    for parameter in &mut folded.parameters {
        if let Some(text) = translation.parameters.get(&parameter.name) {
            parameter.label = text.label.clone();
            parameter.help = text.help.clone();
            for choice in &mut parameter.choices {
                if let Some(wording) = text.choices.get(&choice.value) {
                    choice.text = wording.clone();
                }
            }
        }
    }
    for node in &mut folded.nodes {
        if let Some(text) = translation.nodes.get(&node.id) {
            node.heading = text.heading.clone().or(node.heading.take());
            node.text = text.text.clone().unwrap_or(std::mem::take(&mut node.text));
            node.guidance = text.guidance.clone().or(node.guidance.take());
            for (key, term) in &text.defines {
                node.defines.insert(key.clone(), term.clone());
            }
        }
        if let Some(alternatives) = translation.alternatives.get(&node.id) {
            for alternative in &mut node.alternatives {
                if let Some(text) = alternatives.get(&alternative.id) {
                    alternative.label = text.label.clone();
                    alternative.text = text.text.clone();
                    alternative.guidance = text.guidance.clone().or(alternative.guidance.take());
                }
            }
        }
    }
    folded
}

#[test]
fn every_shipped_template_is_worded_in_french_and_spanish_with_the_same_tokens() {
    let templates = shipped_templates();
    assert!(templates.len() >= 3, "{} templates", templates.len());
    let preview = std::env::var_os("SSA_TRANSLATION_PREVIEW").map(PathBuf::from);
    let mut faults = Vec::new();
    for template in &templates {
        for &language in LANGUAGES {
            let translation = match read_translation(&template.id, language) {
                Ok(translation) => translation,
                Err(fault) => {
                    faults.push(fault);
                    continue;
                }
            };
            let mut checker = Checker::new(template, language);
            checker.check(&translation);
            assert!(
                checker.texts > 40,
                "{} {language}: {} texts",
                template.id,
                checker.texts
            );
            faults.append(&mut checker.faults);

            let folded = translated_template(template, &translation);
            let report = folded.validate();
            for problem in report.problems {
                faults.push(format!("{}.{language} folded: {problem}", template.id));
            }
            let document = render(&folded, &Draft::of(&folded));
            let text = document.to_plain_text();
            if text.contains("[reference to") {
                faults.push(format!("{}.{language}: a reference is broken", template.id));
            }
            if let Some(dir) = &preview {
                std::fs::create_dir_all(dir).unwrap();
                let path = dir.join(format!("{}.{language}.txt", template.id));
                std::fs::write(path, text).unwrap();
            }
            let segments = document.nodes.iter().flat_map(|n| n.text.iter());
            assert!(segments
                .into_iter()
                .all(|s| !matches!(s, Segment::BrokenReference { .. })));
        }
    }
    assert!(
        faults.is_empty(),
        "{} fault(s):\n{}",
        faults.len(),
        faults.join("\n")
    );
}

#[test]
fn the_checker_catches_a_lost_token_a_wrong_term_key_and_french_typography() {
    let template = shipped_templates()
        .into_iter()
        .find(|t| t.id == "r167-annex2-coordination")
        .unwrap();
    let mut translation = read_translation(&template.id, "fr").unwrap();
    for (node, from, to) in [
        ("M2.4.3", "{{ref:M2.4.1}}", "le paragraphe 1"),
        (
            "M2.5.3",
            "term:contracting_party|",
            "term:contracting_parties|",
        ),
    ] {
        let text = &mut translation.nodes.get_mut(node).unwrap().text;
        *text = text.as_ref().map(|t| t.replace(from, to));
    }
    translation.nodes.get_mut("M2.1.1").unwrap().text = Some("Aux fins du présent Accord :".into());
    translation.nodes.get_mut("M2.9").unwrap().text =
        Some("Ouvert selon de {{ref:M2.3}}, reçu par {{depositary}}.".into());
    translation.nodes.remove("M2.6");
    translation.alternatives.remove("M2.8");
    translation.style.remove("this_article");
    let mut checker = Checker::new(&template, "fr");
    checker.check(&translation);
    let faults = checker.faults.join("\n");
    for expected in [
        "node M2.4.3 text: tokens",
        "node M2.5.3 text: tokens",
        "node M2.1.1 text: no no-break space at ':'",
        "node M2.9 text: tokens",
        "the token renders with its own article",
        "node M2.6 heading: missing",
        "node M2.8 alternative more_favourable: missing",
        "style: no this_article",
    ] {
        assert!(faults.contains(expected), "{expected} not in:\n{faults}");
    }
}
