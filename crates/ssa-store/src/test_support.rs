//! Fixtures shared by the unit tests of this crate.

use chrono::{DateTime, Utc};
use ssa_core::negotiation::{Negotiation, Party, PartyRole, Shelf};

/// A bilateral negotiation (XA own, XB counterpart) on `shelf`, created and edited `at`.
pub fn negotiation(id: &str, shelf: Shelf, at: DateTime<Utc>) -> Negotiation {
    Negotiation {
        id: id.into(),
        title: "T".into(),
        parties: vec![
            Party {
                name: "A".into(),
                iso_code: "XA".into(),
                role: PartyRole::Own,
            },
            Party {
                name: "B".into(),
                iso_code: "XB".into(),
                role: PartyRole::Counterpart,
            },
        ],
        working_languages: vec!["en".into()],
        notes: String::new(),
        current_step: "need".into(),
        shelf,
        created_at: at,
        updated_at: at,
    }
}
