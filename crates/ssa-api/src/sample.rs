//! The sample negotiation offered on first start: two fictional countries (user-assigned ISO
//! codes XA and XB, which no real country uses), so a new user has something to explore.

use crate::dto::{NegotiationDto, NegotiationInput, PartyDto, PartyRoleDto};
use crate::{ApiError, Workbench};

pub const SAMPLE_TITLE: &str =
    "Social Security Agreement between the Republic of Aurelia and the Kingdom of Boreland";

impl Workbench {
    /// Creates the sample negotiation and returns it.
    pub fn create_sample_negotiation(&mut self) -> Result<NegotiationDto, ApiError> {
        self.create_negotiation(NegotiationInput {
            title: SAMPLE_TITLE.to_string(),
            parties: vec![
                PartyDto {
                    name: "Republic of Aurelia".into(),
                    iso_code: "XA".into(),
                    role: PartyRoleDto::Own,
                },
                PartyDto {
                    name: "Kingdom of Boreland".into(),
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
        })
    }
}
