//! The sample negotiation offered on first start: two fictional countries (user-assigned ISO
//! codes XA and XB, which no real country uses), so a new user has something to explore.

use ssa_core::template::{LawsForBranch, Value};

use crate::dto::{NegotiationDto, NegotiationInput, PartyDto, PartyRoleDto};
use crate::{ApiError, Workbench, DEFAULT_TEMPLATE_ID};

pub const SAMPLE_TITLE: &str =
    "Social Security Agreement between the Republic of Aurelia and the Kingdom of Boreland";

impl Workbench {
    /// Creates the sample negotiation, with a draft agreement started from the R167 Annex I
    /// template and partly filled in (the signature particulars are left open on purpose, so
    /// the draft shows what an unfilled placeholder looks like), and returns it.
    pub fn create_sample_negotiation(&mut self) -> Result<NegotiationDto, ApiError> {
        let negotiation = self.create_negotiation(sample_input())?;
        self.complete_sample(&negotiation.id)?;
        self.get_negotiation(&negotiation.id)
    }

    /// On a database waiting for its sample (a new one: see ssa-store's migration 8), creates
    /// the sample, or completes the one a start killed halfway left (found by its title, its
    /// draft missing or unfilled), then marks it done. Every step is its own transaction and
    /// safe to repeat, so a start killed anywhere finishes the job on the next start.
    pub fn seed_sample_if_pending(&mut self) -> Result<(), ApiError> {
        if self.store.state(SAMPLE_STATE)?.as_deref() != Some("pending") {
            return Ok(());
        }
        let existing = self
            .list_negotiations(crate::dto::ShelfDto::Active)?
            .into_iter()
            .find(|n| n.title == SAMPLE_TITLE);
        let id = match existing {
            Some(sample) => sample.id,
            None => self.create_negotiation(sample_input())?.id,
        };
        self.complete_sample(&id)?;
        self.store.set_state(SAMPLE_STATE, "done")?;
        Ok(())
    }

    /// Gives the sample its draft agreement with the sample's values (those it lacks).
    fn complete_sample(&mut self, id: &str) -> Result<(), ApiError> {
        let mut draft = match self.get_draft(id)? {
            Some(draft) => draft,
            None => self.start_draft(id, Some(DEFAULT_TEMPLATE_ID))?,
        };
        let before = draft.clone();
        for (name, value) in sample_values() {
            draft.values.entry(name.to_string()).or_insert(value);
        }
        if draft != before {
            self.save_draft(id, &draft)?;
        }
        Ok(())
    }
}

/// The key of [`ssa_store::Store::state`] that says whether the sample is still to be made.
const SAMPLE_STATE: &str = "sample";

fn sample_input() -> NegotiationInput {
    NegotiationInput {
        title: SAMPLE_TITLE.to_string(),
        parties: vec![
            PartyDto {
                name: "the Republic of Aurelia".into(),
                iso_code: "XA".into(),
                role: PartyRoleDto::Own,
            },
            PartyDto {
                name: "the Kingdom of Boreland".into(),
                iso_code: "XB".into(),
                role: PartyRoleDto::Counterpart,
            },
        ],
        working_languages: vec!["en".into(), "fr".into()],
        notes: "A sample negotiation between two fictional countries, to explore SSA \
                    Workbench. About 40,000 Aurelian nationals work in Boreland, many of them \
                    posted by Aurelian employers for up to two years; Boreland's pensioners \
                    increasingly retire to Aurelia. Neither country can export its pensions \
                    today. Delete it, or keep it for training, as you wish."
            .into(),
    }
}

fn text(value: &str) -> Value {
    Value::Text(value.to_string())
}

fn laws(branch: &str, laws: &[&str]) -> LawsForBranch {
    LawsForBranch {
        branch: branch.to_string(),
        laws: laws.iter().map(|l| l.to_string()).collect(),
    }
}

/// The sample draft's parameter values (fictional laws and bodies).
fn sample_values() -> Vec<(&'static str, Value)> {
    vec![
        (
            "territory_a",
            text("the territory of the Republic of Aurelia"),
        ),
        (
            "territory_b",
            text("the territory of the Kingdom of Boreland, excluding its overseas dependencies"),
        ),
        (
            "national_a",
            text("a citizen of the Republic of Aurelia within the meaning of its nationality law"),
        ),
        ("national_b", text("a national of the Kingdom of Boreland")),
        (
            "authority_a",
            text("the Minister of Labour and Social Protection"),
        ),
        ("authority_b", text("the Minister of Social Affairs")),
        (
            "legislation_a",
            Value::Laws(vec![
                laws(
                    "old-age, invalidity and survivors' pensions",
                    &["the State Pensions Act 2011"],
                ),
                laws(
                    "sickness and maternity",
                    &["the Social Insurance Code, Book II"],
                ),
            ]),
        ),
        (
            "legislation_b",
            Value::Laws(vec![laws(
                "old-age, invalidity and survivors' pensions",
                &[
                    "the General Pension Insurance Act",
                    "the Civil Service Pensions Act",
                ],
            )]),
        ),
        ("branch.sickness", Value::Flag(true)),
        ("posting.months", Value::Number(24)),
        ("languages", text("Aurelian, Borean and English")),
        ("prevailing_language", text("English")),
    ]
}
