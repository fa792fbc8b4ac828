//! Negotiations and their parties.
//!
//! Contract: [`NegotiationDraft::validate`] is the single gate every new or edited negotiation
//! passes before it is stored. It returns every problem at once (not just the first), each
//! naming the field it concerns, so a form can mark all of them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The team's own side or a counterpart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyRole {
    Own,
    Counterpart,
}

impl PartyRole {
    pub fn as_str(self) -> &'static str {
        match self {
            PartyRole::Own => "own",
            PartyRole::Counterpart => "counterpart",
        }
    }

    pub fn parse(value: &str) -> Option<PartyRole> {
        match value {
            "own" => Some(PartyRole::Own),
            "counterpart" => Some(PartyRole::Counterpart),
            _ => None,
        }
    }
}

/// A country taking part in a negotiation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    /// The country's name as it should appear in the agreement ("Republic of Aurelia").
    pub name: String,
    /// ISO 3166-1 alpha-2 or alpha-3 code, upper case. User-assigned codes (XA..XZ) are
    /// accepted, so that training scenarios can use fictional countries.
    pub iso_code: String,
    pub role: PartyRole,
}

/// Where a negotiation is: on the home list, put away in the archive, or in the bin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shelf {
    Active,
    Archived,
    Bin,
}

impl Shelf {
    pub fn as_str(self) -> &'static str {
        match self {
            Shelf::Active => "active",
            Shelf::Archived => "archived",
            Shelf::Bin => "bin",
        }
    }

    pub fn parse(value: &str) -> Option<Shelf> {
        match value {
            "active" => Some(Shelf::Active),
            "archived" => Some(Shelf::Archived),
            "bin" => Some(Shelf::Bin),
            _ => None,
        }
    }
}

/// A stored negotiation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Negotiation {
    pub id: String,
    pub title: String,
    pub parties: Vec<Party>,
    /// Working languages as lower-case ISO 639-1 codes ("en", "fr", "es").
    pub working_languages: Vec<String>,
    pub notes: String,
    /// Id of the process step the team is working on (see [`crate::process`]).
    pub current_step: String,
    pub shelf: Shelf,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Negotiation {
    /// Two parties make a bilateral agreement; three or more a multilateral one.
    pub fn is_multilateral(&self) -> bool {
        self.parties.len() > 2
    }

    pub fn own_party(&self) -> Option<&Party> {
        self.parties.iter().find(|p| p.role == PartyRole::Own)
    }
}

/// What a user fills in to create a negotiation or edit its particulars.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NegotiationDraft {
    pub title: String,
    pub parties: Vec<Party>,
    pub working_languages: Vec<String>,
    pub notes: String,
}

/// One problem with a [`NegotiationDraft`], naming the field it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldProblem {
    /// A path a form can map to its input: `title`, `parties[1].iso_code`, `working_languages`.
    pub field: String,
    pub message: String,
}

pub const TITLE_MAX_CHARS: usize = 300;
pub const NOTES_MAX_CHARS: usize = 20_000;

impl NegotiationDraft {
    /// Trims surrounding white space and normalises codes (upper-case ISO country codes,
    /// lower-case language codes), so that stored values are canonical.
    pub fn normalised(mut self) -> NegotiationDraft {
        self.title = self.title.trim().to_string();
        for party in &mut self.parties {
            party.name = party.name.trim().to_string();
            party.iso_code = party.iso_code.trim().to_ascii_uppercase();
        }
        self.working_languages = self
            .working_languages
            .iter()
            .map(|l| l.trim().to_ascii_lowercase())
            .filter(|l| !l.is_empty())
            .collect();
        self
    }

    /// Every problem with this draft; empty when it may be stored. Call on a normalised draft.
    pub fn validate(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        let mut problem = |field: String, message: String| {
            problems.push(FieldProblem { field, message });
        };
        if self.title.is_empty() {
            problem("title".into(), "Give the negotiation a title.".into());
        } else if self.title.chars().count() > TITLE_MAX_CHARS {
            problem(
                "title".into(),
                format!("The title is longer than {TITLE_MAX_CHARS} characters."),
            );
        }
        if self.parties.len() < 2 {
            problem(
                "parties".into(),
                "An agreement needs at least two parties.".into(),
            );
        }
        let own_count = self
            .parties
            .iter()
            .filter(|p| p.role == PartyRole::Own)
            .count();
        if !self.parties.is_empty() && own_count != 1 {
            problem(
                "parties".into(),
                format!("Exactly one party must be your own side; {own_count} are marked as own."),
            );
        }
        for (index, party) in self.parties.iter().enumerate() {
            if party.name.is_empty() {
                problem(
                    format!("parties[{index}].name"),
                    format!("Party {}: enter the country's name.", index + 1),
                );
            }
            if !is_iso_country_code(&party.iso_code) {
                problem(
                    format!("parties[{index}].iso_code"),
                    format!(
                        "Party {}: \"{}\" is not an ISO 3166 country code (two or three letters, \
                         such as FR or FRA).",
                        index + 1,
                        party.iso_code
                    ),
                );
            } else if self.parties[..index]
                .iter()
                .any(|earlier| earlier.iso_code == party.iso_code)
            {
                problem(
                    format!("parties[{index}].iso_code"),
                    format!(
                        "Party {}: {} is already used by another party.",
                        index + 1,
                        party.iso_code
                    ),
                );
            }
        }
        if self.working_languages.is_empty() {
            problem(
                "working_languages".into(),
                "Choose at least one working language.".into(),
            );
        }
        for (index, language) in self.working_languages.iter().enumerate() {
            if !is_language_code(language) {
                problem(
                    "working_languages".into(),
                    format!(
                        "\"{language}\" is not an ISO 639-1 language code (such as en, fr, es)."
                    ),
                );
            } else if self.working_languages[..index].contains(language) {
                problem(
                    "working_languages".into(),
                    format!("The language {language} is listed twice."),
                );
            }
        }
        if self.notes.chars().count() > NOTES_MAX_CHARS {
            problem(
                "notes".into(),
                format!("The notes are longer than {NOTES_MAX_CHARS} characters."),
            );
        }
        problems
    }
}

fn is_iso_country_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_uppercase())
}

fn is_language_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// The title a duplicate gets: "Copy of …", kept within the title limit.
pub fn duplicate_title(title: &str) -> String {
    let copy: String = format!("Copy of {title}");
    copy.chars().take(TITLE_MAX_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn party(name: &str, code: &str, role: PartyRole) -> Party {
        Party {
            name: name.into(),
            iso_code: code.into(),
            role,
        }
    }

    fn valid() -> NegotiationDraft {
        NegotiationDraft {
            title: "Aurelia-Boreland SSA".into(),
            parties: vec![
                party("Aurelia", "XA", PartyRole::Own),
                party("Boreland", "XB", PartyRole::Counterpart),
            ],
            working_languages: vec!["en".into(), "fr".into()],
            notes: String::new(),
        }
    }

    #[test]
    fn a_complete_draft_has_no_problems() {
        assert_eq!(valid().validate(), vec![]);
    }

    #[test]
    fn normalising_trims_and_fixes_case() {
        let mut draft = valid();
        draft.title = "  Title  ".into();
        draft.parties[0].iso_code = " xa ".into();
        draft.working_languages = vec![" EN ".into(), "".into()];
        let draft = draft.normalised();
        assert_eq!(draft.title, "Title");
        assert_eq!(draft.parties[0].iso_code, "XA");
        assert_eq!(draft.working_languages, vec!["en".to_string()]);
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let draft = NegotiationDraft {
            title: "".into(),
            parties: vec![party("", "France", PartyRole::Counterpart)],
            working_languages: vec![],
            notes: String::new(),
        };
        let fields: Vec<String> = draft.validate().into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            vec![
                "title",
                "parties",
                "parties",
                "parties[0].name",
                "parties[0].iso_code",
                "working_languages"
            ]
        );
    }

    #[test]
    fn duplicate_codes_and_two_own_parties_are_refused() {
        let mut draft = valid();
        draft.parties[1] = party("Aurelia again", "XA", PartyRole::Own);
        let problems = draft.validate();
        assert!(problems.iter().any(|p| p.field == "parties[1].iso_code"));
        assert!(problems
            .iter()
            .any(|p| p.field == "parties" && p.message.contains("2 are marked")));
    }

    #[test]
    fn three_parties_make_a_multilateral_negotiation() {
        let mut draft = valid();
        draft
            .parties
            .push(party("Cordova", "XC", PartyRole::Counterpart));
        assert_eq!(draft.validate(), vec![]);
        let negotiation = Negotiation {
            id: "n".into(),
            title: draft.title,
            parties: draft.parties,
            working_languages: draft.working_languages,
            notes: draft.notes,
            current_step: "need".into(),
            shelf: Shelf::Active,
            created_at: DateTime::UNIX_EPOCH,
            updated_at: DateTime::UNIX_EPOCH,
        };
        assert!(negotiation.is_multilateral());
        assert_eq!(negotiation.own_party().unwrap().iso_code, "XA");
    }

    #[test]
    fn over_long_titles_and_bad_languages_are_refused() {
        let mut draft = valid();
        draft.title = "x".repeat(TITLE_MAX_CHARS + 1);
        draft.working_languages = vec!["english".into(), "en".into(), "en".into()];
        let messages: Vec<String> = draft.validate().into_iter().map(|p| p.message).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("longer than 300"));
        assert!(messages[1].contains("\"english\""));
        assert!(messages[2].contains("listed twice"));
    }

    #[test]
    fn duplicate_titles_stay_within_the_limit() {
        assert_eq!(duplicate_title("A"), "Copy of A");
        let long = "y".repeat(TITLE_MAX_CHARS);
        assert_eq!(duplicate_title(&long).chars().count(), TITLE_MAX_CHARS);
    }
}
