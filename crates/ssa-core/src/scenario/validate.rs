//! Reading a scenario file: TOML syntax first, then every rule of the format and every
//! reference into the model template, all problems at once, each naming where it is (the
//! country, team, article or round and the line of the file).

use std::collections::HashSet;

use toml::Spanned;

use super::definition::*;
use crate::limits::{excerpt, size_text, MAX_SCENARIO_BYTES};
use crate::mandate::{Limit, MandateEntry};
use crate::template::source::LineIndex;
use crate::template::{AgreementKind, Template};

/// One thing wrong with a scenario file: the process file's line-numbered problem, one type
/// for both (line, what it is about — "team A", "country XA", "round 2" —, message).
pub use crate::process::ProcessProblem as ScenarioProblem;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScenarioFileError {
    #[error("{origin}, line {line}: {message}")]
    Syntax {
        origin: String,
        line: usize,
        message: String,
    },
    #[error("{origin}: {}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid {
        origin: String,
        problems: Vec<ScenarioProblem>,
    },
    #[error("{origin} is larger than {}, the largest scenario file SSA Workbench reads", size_text(*.limit))]
    TooLarge { origin: String, limit: usize },
}

impl ScenarioFileError {
    /// Every problem, a syntax error being the one problem of its file.
    pub fn problems(&self) -> Vec<ScenarioProblem> {
        match self {
            ScenarioFileError::Syntax { line, message, .. } => vec![ScenarioProblem {
                line: Some(*line),
                location: "file".into(),
                message: message.clone(),
            }],
            ScenarioFileError::Invalid { problems, .. } => problems.clone(),
            ScenarioFileError::TooLarge { limit, .. } => vec![ScenarioProblem {
                line: None,
                location: "file".into(),
                message: format!(
                    "the file is larger than {}, the largest scenario file SSA Workbench reads",
                    size_text(*limit)
                ),
            }],
        }
    }
}

impl Scenario {
    /// Parses and validates a scenario file. `origin` names the file in messages; `model`
    /// answers the template the scenario drafts from (None: the workbench has no such
    /// template, which is a problem of the file). Text over [`MAX_SCENARIO_BYTES`] is refused
    /// unread.
    pub fn parse(
        origin: &str,
        text: &str,
        model: &dyn Fn(&ModelRef) -> Option<Template>,
    ) -> Result<Scenario, ScenarioFileError> {
        if text.len() > MAX_SCENARIO_BYTES {
            return Err(ScenarioFileError::TooLarge {
                origin: origin.to_string(),
                limit: MAX_SCENARIO_BYTES,
            });
        }
        let scenario: Scenario =
            toml::from_str(text).map_err(|error| ScenarioFileError::Syntax {
                origin: origin.to_string(),
                line: error
                    .span()
                    .map(|span| LineIndex::new(text).line(span.start))
                    .unwrap_or(1),
                message: crate::toml_errors::toml_message(&error),
            })?;
        let mut checker = Checker {
            lines: LineIndex::new(text),
            languages: scenario
                .languages
                .iter()
                .filter(|l| SCENARIO_LANGUAGES.contains(&l.as_str()))
                .cloned()
                .collect(),
            problems: Vec::new(),
        };
        checker.check(&scenario);
        match model(&scenario.model) {
            Some(template) => checker.check_model(&scenario, &template),
            None => {
                let line = checker.line(&scenario.model.template);
                checker.push(
                    line,
                    "model".into(),
                    format!(
                        "the model template \"{}\"{} is not in this workbench; import it first",
                        excerpt(scenario.model.template.get_ref()),
                        scenario
                            .model
                            .version
                            .as_ref()
                            .map(|v| format!(" version {}", excerpt(v)))
                            .unwrap_or_default()
                    ),
                );
            }
        }
        if checker.problems.is_empty() {
            Ok(scenario)
        } else {
            Err(ScenarioFileError::Invalid {
                origin: origin.to_string(),
                problems: checker.problems,
            })
        }
    }
}

/// Ids are written into databases and files: lower-case letters, digits and dashes.
fn is_valid_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.len() <= 80
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The ISO 3166 codes left for users (AA, QM–QZ, XA–XZ, ZZ): a scenario's countries are
/// fictional, so no code of a real country is accepted.
fn is_user_assigned_code(code: &str) -> bool {
    let bytes = code.as_bytes();
    if bytes.len() != 2 || !bytes.iter().all(u8::is_ascii_uppercase) {
        return false;
    }
    matches!(
        (bytes[0], bytes[1]),
        (b'X', _) | (b'A', b'A') | (b'Z', b'Z')
    ) || (bytes[0] == b'Q' && bytes[1] >= b'M')
}

struct Checker {
    lines: LineIndex,
    /// The declared languages the workbench knows; every text must be in each.
    languages: Vec<String>,
    problems: Vec<ScenarioProblem>,
}

impl Checker {
    fn line<T>(&self, value: &Spanned<T>) -> Option<usize> {
        Some(self.lines.line(value.span().start))
    }

    fn push(&mut self, line: Option<usize>, location: String, message: impl Into<String>) {
        self.problems.push(ScenarioProblem {
            line,
            location,
            message: message.into(),
        });
    }

    /// A text must be there in every language the scenario declares.
    fn text(&mut self, line: Option<usize>, location: &str, field: &str, text: &LocalizedText) {
        let missing: Vec<&str> = self
            .languages
            .iter()
            .filter(|language| text.translation(language).is_none())
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            self.push(
                line,
                location.to_string(),
                format!(
                    "the {field} has no text in {} (the scenario's languages are {})",
                    missing.join(", "),
                    self.languages.join(", ")
                ),
            );
        }
    }

    fn check(&mut self, scenario: &Scenario) {
        let here = "scenario";
        if scenario.format != SCENARIO_FORMAT {
            self.push(
                Some(1),
                here.into(),
                format!(
                    "format is \"{}\", this version of SSA Workbench reads \"{SCENARIO_FORMAT}\"",
                    excerpt(&scenario.format)
                ),
            );
        }
        if !is_valid_id(&scenario.id) {
            self.push(None, here.into(), format!("the id \"{}\" must be lower-case letters, digits and dashes, starting with a letter", excerpt(&scenario.id)));
        }
        if scenario.version.trim().is_empty() {
            self.push(None, here.into(), "the version is empty");
        }
        if scenario.languages.is_empty() {
            self.push(
                None,
                here.into(),
                "no languages are listed; list en, fr or es",
            );
        }
        for language in &scenario.languages {
            if !SCENARIO_LANGUAGES.contains(&language.as_str()) {
                self.push(
                    None,
                    here.into(),
                    format!(
                        "the language \"{}\" is not one of en, fr, es",
                        excerpt(language)
                    ),
                );
            }
        }
        self.text(None, here, "title", &scenario.title);
        self.text(None, here, "summary", &scenario.summary);
        self.text(None, here, "general brief", &scenario.general_brief);
        self.check_countries(scenario);
        self.check_teams(scenario);
        if scenario.rounds.is_empty() {
            self.push(
                None,
                here.into(),
                "the scenario has no rounds ([[rounds]] blocks)",
            );
        }
        for (index, round) in scenario.rounds.iter().enumerate() {
            let location = format!("round {}", index + 1);
            self.text(None, &location, "title", &round.title);
            self.text(None, &location, "focus", &round.focus);
            if !(1..=600).contains(&round.minutes) {
                self.push(
                    None,
                    location,
                    format!(
                        "{} minutes is not a round's length; give 1 to 600",
                        round.minutes
                    ),
                );
            }
        }
        for (index, note) in scenario.facilitator_notes.iter().enumerate() {
            self.text(
                None,
                "facilitator notes",
                &format!("note {}", index + 1),
                note,
            );
        }
        for (index, question) in scenario.debrief_questions.iter().enumerate() {
            self.text(
                None,
                "debrief questions",
                &format!("question {}", index + 1),
                question,
            );
        }
    }

    fn check_countries(&mut self, scenario: &Scenario) {
        if scenario.countries.len() < 2 {
            self.push(
                None,
                "scenario".into(),
                "a scenario needs at least two countries ([[countries]] blocks)",
            );
        }
        let mut codes = HashSet::new();
        for country in &scenario.countries {
            let line = self.line(&country.code);
            let code = country.code.get_ref();
            let location = format!("country {}", excerpt(code));
            if !is_user_assigned_code(code) {
                self.push(
                    line,
                    location.clone(),
                    "the code must be one of the codes ISO 3166 leaves for users (XA to XZ, \
                     QM to QZ, AA, ZZ), so that no real country is named",
                );
            } else if !codes.insert(code.clone()) {
                self.push(line, location.clone(), "this country code is used twice");
            }
            self.text(line, &location, "name", &country.name);
            self.text(line, &location, "profile", &country.profile);
            let mut branches = HashSet::new();
            for scheme in &country.schemes {
                let scheme_line = self.line(&scheme.branch);
                let branch = *scheme.branch.get_ref();
                let here = format!("{} scheme of {location}", branch.name());
                if !branches.insert(branch) {
                    self.push(scheme_line, here.clone(), "this branch is described twice");
                }
                for (field, text) in [
                    ("persons covered", &scheme.persons_covered),
                    ("qualifying period", &scheme.qualifying_period),
                    ("export rules", &scheme.export_rules),
                    ("conditions", &scheme.conditions),
                ] {
                    if let Some(text) = text {
                        self.text(scheme_line, &here, field, text);
                    }
                }
            }
        }
        for (index, figure) in scenario.corridor.iter().enumerate() {
            let line = self.line(&figure.from);
            let location = format!("corridor figure {}", index + 1);
            for code in [figure.from.get_ref(), &figure.to] {
                if !codes.contains(code) {
                    self.push(
                        line,
                        location.clone(),
                        format!(
                            "\"{}\" is not one of the scenario's countries",
                            excerpt(code)
                        ),
                    );
                }
            }
            if figure.from.get_ref() == &figure.to {
                self.push(
                    line,
                    location.clone(),
                    "a corridor runs between two countries",
                );
            }
            if !(1900..=2100).contains(&figure.year) {
                self.push(
                    line,
                    location.clone(),
                    format!("{} is not a year between 1900 and 2100", figure.year),
                );
            }
            self.text(line, &location, "source", &figure.source);
        }
    }

    fn check_teams(&mut self, scenario: &Scenario) {
        if scenario.teams.len() < 2 {
            self.push(
                None,
                "scenario".into(),
                "a scenario needs at least two teams ([[teams]] blocks)",
            );
        }
        let mut ids = HashSet::new();
        let mut countries = HashSet::new();
        for team in &scenario.teams {
            let line = self.line(&team.id);
            let location = format!("team {}", excerpt(&team.letter()));
            let id = team.id();
            if id.len() != 1 || !id.chars().all(|c| c.is_ascii_lowercase()) {
                self.push(
                    line,
                    location.clone(),
                    "a team's id is one lower-case letter (a, b, c…)",
                );
            } else if !ids.insert(id.to_string()) {
                self.push(line, location.clone(), "this team id is used twice");
            }
            if scenario.country(&team.country).is_none() {
                self.push(
                    line,
                    location.clone(),
                    format!(
                        "\"{}\" is not one of the scenario's countries",
                        excerpt(&team.country)
                    ),
                );
            } else if !countries.insert(team.country.clone()) {
                self.push(
                    line,
                    location.clone(),
                    "another team already negotiates for this country",
                );
            }
            self.text(line, &location, "name", &team.name);
            self.text(line, &location, "confidential brief", &team.brief);
            self.text(line, &location, "walk-away point", &team.walk_away);
            let mut articles = HashSet::new();
            for instruction in &team.articles {
                let article_line = self.line(&instruction.article);
                let here = format!(
                    "article \"{}\" of {location}",
                    excerpt(instruction.article.get_ref())
                );
                if !articles.insert(instruction.article.get_ref().clone()) {
                    self.push(
                        article_line,
                        here.clone(),
                        "the team has instructions on this article twice",
                    );
                }
                self.text(
                    article_line,
                    &here,
                    "preferred position",
                    &instruction.preferred,
                );
                self.text(article_line, &here, "red line", &instruction.red_line);
                self.text(article_line, &here, "fallback", &instruction.fallback);
            }
            let mut priorities = HashSet::new();
            for priority in &team.priorities {
                let priority_line = self.line(&priority.id);
                let here = format!(
                    "priority \"{}\" of {location}",
                    excerpt(priority.id.get_ref())
                );
                if !is_valid_id(priority.id.get_ref()) {
                    self.push(priority_line, here.clone(), "the id must be lower-case letters, digits and dashes, starting with a letter");
                } else if !priorities.insert(priority.id.get_ref().clone()) {
                    self.push(
                        priority_line,
                        here.clone(),
                        "this priority id is used twice in the team",
                    );
                }
                if !(1..=100).contains(&priority.points) {
                    self.push(
                        priority_line,
                        here.clone(),
                        format!("{} points: give 1 to 100", priority.points),
                    );
                }
                self.text(priority_line, &here, "text", &priority.text);
            }
        }
    }

    /// References into the model: articles exist and are articles, limits name its
    /// particulars with the right type, and the model fits the number of countries.
    fn check_model(&mut self, scenario: &Scenario, template: &Template) {
        let line = self.line(&scenario.model.template);
        match template.kind {
            AgreementKind::Bilateral if scenario.countries.len() != 2 => self.push(
                line,
                "model".into(),
                format!(
                    "the model is a bilateral agreement but the scenario has {} countries",
                    scenario.countries.len()
                ),
            ),
            _ => {}
        }
        for team in &scenario.teams {
            let location = format!("team {}", excerpt(&team.letter()));
            for instruction in &team.articles {
                let here = format!(
                    "article \"{}\" of {location}",
                    excerpt(instruction.article.get_ref())
                );
                let line = self.line(&instruction.article);
                self.article_exists(line, &here, instruction.article.get_ref(), template);
                self.limits(line, &here, &instruction.limits, template);
            }
            for priority in &team.priorities {
                let here = format!(
                    "priority \"{}\" of {location}",
                    excerpt(priority.id.get_ref())
                );
                let line = self.line(&priority.article);
                self.article_exists(line, &here, priority.article.get_ref(), template);
                self.limits(line, &here, &priority.met_when, template);
            }
        }
    }

    fn article_exists(&mut self, line: Option<usize>, here: &str, id: &str, template: &Template) {
        match template.node(id) {
            Some(node) if node.kind == crate::template::NodeKind::Article => {}
            Some(_) => self.push(
                line,
                here.to_string(),
                "this node of the model is not an article",
            ),
            None => self.push(
                line,
                here.to_string(),
                format!("the model \"{}\" has no article with this id", template.id),
            ),
        }
    }

    fn limits(&mut self, line: Option<usize>, here: &str, limits: &[Limit], template: &Template) {
        let entry = MandateEntry {
            limits: limits.to_vec(),
            ..MandateEntry::default()
        };
        for problem in entry.validate(template) {
            self.push(line, here.to_string(), problem.message);
        }
    }
}
