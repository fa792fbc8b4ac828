//! Use cases on negotiations: list, create, edit, rename, duplicate, shelve, delete.

use ssa_core::negotiation::{duplicate_title, Negotiation, NegotiationDraft, Shelf};

use crate::dto::{NegotiationDto, NegotiationInput, ShelfDto};
use crate::{ApiError, ErrorCode, Workbench};

impl Workbench {
    pub(crate) fn to_dto(&self, negotiation: Negotiation) -> NegotiationDto {
        let current_step = self.step_ref(&negotiation);
        NegotiationDto {
            multilateral: negotiation.is_multilateral(),
            id: negotiation.id,
            title: negotiation.title,
            parties: negotiation.parties.into_iter().map(Into::into).collect(),
            working_languages: negotiation.working_languages,
            notes: negotiation.notes,
            current_step,
            shelf: negotiation.shelf.into(),
            created_at: ssa_store_timestamp(negotiation.created_at),
            updated_at: ssa_store_timestamp(negotiation.updated_at),
        }
    }

    pub fn list_negotiations(&self, shelf: ShelfDto) -> Result<Vec<NegotiationDto>, ApiError> {
        let negotiations = self.store.list_negotiations(shelf.into())?;
        Ok(negotiations.into_iter().map(|n| self.to_dto(n)).collect())
    }

    fn load(&self, id: &str) -> Result<Negotiation, ApiError> {
        self.negotiation(id)
    }

    /// The stored negotiation, or "not found" naming it: the one lookup every use case shares.
    pub(crate) fn negotiation(&self, id: &str) -> Result<Negotiation, ApiError> {
        self.store
            .get_negotiation(id)?
            .ok_or_else(|| ApiError::not_found("negotiation", id))
    }

    pub fn get_negotiation(&self, id: &str) -> Result<NegotiationDto, ApiError> {
        let negotiation = self.load(id)?;
        Ok(self.to_dto(negotiation))
    }

    pub fn create_negotiation(
        &mut self,
        input: NegotiationInput,
    ) -> Result<NegotiationDto, ApiError> {
        let draft = validated(input)?;
        let now = self.clock.now();
        let negotiation = Negotiation {
            id: self.ids.new_id(),
            title: draft.title,
            parties: draft.parties,
            working_languages: draft.working_languages,
            notes: draft.notes,
            current_step: self.process.first_step().id().to_string(),
            shelf: Shelf::Active,
            created_at: now,
            updated_at: now,
        };
        self.store.insert_negotiation(&negotiation)?;
        // A second transaction: if it is lost, the negotiation follows the shipped process
        // on first use, which is what this records.
        self.start_progress(&negotiation.id, now)?;
        tracing::info!(id = %negotiation.id, "negotiation created");
        Ok(self.to_dto(negotiation))
    }

    /// Replaces the particulars (title, parties, languages, notes).
    pub fn update_negotiation(
        &mut self,
        id: &str,
        input: NegotiationInput,
    ) -> Result<NegotiationDto, ApiError> {
        let draft = validated(input)?;
        if !self
            .store
            .update_particulars(id, &draft, self.clock.now())?
        {
            return Err(ApiError::not_found("negotiation", id));
        }
        self.get_negotiation(id)
    }

    pub fn rename_negotiation(
        &mut self,
        id: &str,
        title: &str,
    ) -> Result<NegotiationDto, ApiError> {
        let current = self.load(id)?;
        // The same gate as every other edit: the renamed negotiation must still be valid.
        let draft = validated_draft(NegotiationDraft {
            title: title.to_string(),
            parties: current.parties,
            working_languages: current.working_languages,
            notes: current.notes,
        })?;
        self.store.set_title(id, &draft.title, self.clock.now())?;
        self.get_negotiation(id)
    }

    /// A new, independent negotiation with the same particulars, on the active shelf.
    pub fn duplicate_negotiation(&mut self, id: &str) -> Result<NegotiationDto, ApiError> {
        let original = self.load(id)?;
        let now = self.clock.now();
        let copy = Negotiation {
            id: self.ids.new_id(),
            title: duplicate_title(&original.title),
            shelf: Shelf::Active,
            created_at: now,
            updated_at: now,
            ..original
        };
        self.store.insert_negotiation(&copy)?;
        Ok(self.to_dto(copy))
    }

    /// Archives, moves to the bin, or brings back to the active list.
    pub fn move_negotiation(
        &mut self,
        id: &str,
        shelf: ShelfDto,
    ) -> Result<NegotiationDto, ApiError> {
        if !self.store.set_shelf(id, shelf.into())? {
            return Err(ApiError::not_found("negotiation", id));
        }
        self.get_negotiation(id)
    }

    /// Deletes a negotiation in the bin for good.
    pub fn delete_negotiation_permanently(&mut self, id: &str) -> Result<(), ApiError> {
        let negotiation = self.load(id)?;
        if negotiation.shelf != Shelf::Bin {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!(
                    "\"{}\" is not in the bin. Move it to the bin before deleting it for good.",
                    negotiation.title
                ),
            ));
        }
        self.store.delete_from_bin(id)?;
        tracing::info!(%id, "negotiation deleted permanently");
        Ok(())
    }

    /// Deletes every negotiation in the bin; returns how many.
    pub fn empty_bin(&mut self) -> Result<u32, ApiError> {
        let in_bin = self.store.list_negotiations(Shelf::Bin)?;
        for negotiation in &in_bin {
            self.store.delete_from_bin(&negotiation.id)?;
        }
        Ok(in_bin.len() as u32)
    }
}

fn ssa_store_timestamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn validated(input: NegotiationInput) -> Result<NegotiationDraft, ApiError> {
    validated_draft(NegotiationDraft {
        title: input.title,
        parties: input.parties.into_iter().map(Into::into).collect(),
        working_languages: input.working_languages,
        notes: input.notes,
    })
}

fn validated_draft(draft: NegotiationDraft) -> Result<NegotiationDraft, ApiError> {
    let draft = draft.normalised();
    let problems = draft.validate();
    if problems.is_empty() {
        return Ok(draft);
    }
    let message = problems
        .iter()
        .map(|p| p.message.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    Err(ApiError {
        code: ErrorCode::InvalidInput,
        message,
        problems: problems.into_iter().map(Into::into).collect(),
    })
}
