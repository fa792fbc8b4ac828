//! A negotiation's draft agreement: started from a template, saved edit by edit, rendered.
//!
//! Contract: a negotiation has at most one draft; it records the template id and version it was
//! started from and keeps them (a newer template version never changes an existing draft).
//! [`Workbench::save_draft`] refuses a draft for another template or version, so the stored
//! draft always renders against the template it names. A new draft takes the feasibility
//! study's coverage choice for its benefit chapters (see [`crate::documents`]).

use ssa_core::negotiation::{Negotiation, PartyRole};
use ssa_core::template::{render, Document, Draft, ParameterType, Report, Template, Value};

use crate::dto::{AgreementDto, RenderedDto};
use crate::templates::DEFAULT_TEMPLATE_ID;
use crate::{ApiError, ErrorCode, Workbench};

/// An empty draft of `template` whose party parameters hold the parties' names, in order: own
/// side first, then the counterparts in the order the user listed them.
pub(crate) fn draft_with_parties(template: &Template, negotiation: &Negotiation) -> Draft {
    let mut parties = negotiation.parties.clone();
    parties.sort_by_key(|p| p.role != PartyRole::Own);
    let mut draft = Draft::of(template);
    let party_parameters = template
        .parameters
        .iter()
        .filter(|p| p.kind == ParameterType::Party);
    for (parameter, party) in party_parameters.zip(parties) {
        draft
            .values
            .insert(parameter.name.clone(), Value::Text(party.name));
    }
    draft
}

/// A rendered agreement with the draft's validation report.
pub struct Agreement {
    pub template: Template,
    pub draft: Draft,
    pub document: Document,
    pub report: Report,
}

impl Workbench {
    /// Starts the negotiation's draft from a template (the newest version of `template_id`, or
    /// of the default R167 Annex I template). The parties' names fill the template's party
    /// parameters in order: own side first, then the counterparts.
    pub fn start_draft(
        &mut self,
        negotiation_id: &str,
        template_id: Option<&str>,
    ) -> Result<Draft, ApiError> {
        let negotiation = self
            .store
            .get_negotiation(negotiation_id)?
            .ok_or_else(|| ApiError::not_found("negotiation", negotiation_id))?;
        if self.store.get_draft(negotiation_id)?.is_some() {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!("\"{}\" already has a draft agreement.", negotiation.title),
            ));
        }
        let template_id = template_id.unwrap_or(DEFAULT_TEMPLATE_ID);
        let version = self.latest_template_version(template_id)?;
        let template = self.load_template(template_id, &version)?;
        if let Some(implemented) = &template.implements {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!(
                    "Template {template_id} implements {implemented}: it is for an administrative arrangement, not an agreement. Pick an agreement template."
                ),
            ));
        }
        let mut draft = draft_with_parties(&template, &negotiation);
        // The feasibility study's coverage choice decides the benefit chapters from the start.
        let flags = self.coverage_flags(negotiation_id)?;
        crate::documents::set_flags(&template, &mut draft, &flags);
        self.store
            .put_draft(negotiation_id, &draft, self.clock.now())?;
        Ok(draft)
    }

    pub fn get_draft(&self, negotiation_id: &str) -> Result<Option<Draft>, ApiError> {
        Ok(self.store.get_draft(negotiation_id)?.map(|d| d.draft))
    }

    /// Saves the draft as it now is (one edit, one transaction).
    pub fn save_draft(&mut self, negotiation_id: &str, draft: &Draft) -> Result<(), ApiError> {
        let current = self.get_draft(negotiation_id)?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!(
                    "Negotiation {negotiation_id} has no draft agreement yet; start one first."
                ),
            )
        })?;
        same_template("draft", &current, draft)?;
        self.store
            .put_draft(negotiation_id, draft, self.clock.now())?;
        Ok(())
    }

    /// Renders the negotiation's draft and validates it against its template.
    pub fn agreement(&self, negotiation_id: &str) -> Result<Agreement, ApiError> {
        let draft = self.get_draft(negotiation_id)?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!("Negotiation {negotiation_id} has no draft agreement yet."),
            )
        })?;
        let template = self.load_template(&draft.template_id, &draft.template_version)?;
        let document = render(&template, &draft);
        let report = draft.validate(&template);
        Ok(Agreement {
            template,
            draft,
            document,
            report,
        })
    }

    /// The agreement view's data, or `None` when the negotiation has no draft yet.
    pub fn agreement_view(&self, negotiation_id: &str) -> Result<Option<AgreementDto>, ApiError> {
        if self.get_draft(negotiation_id)?.is_none() {
            // Distinguish "no draft" from "no negotiation".
            self.get_negotiation(negotiation_id)?;
            return Ok(None);
        }
        let agreement = self.agreement(negotiation_id)?;
        Ok(Some(AgreementDto {
            negotiation_id: negotiation_id.to_string(),
            template: agreement.template,
            draft: agreement.draft,
            document: agreement.document,
            problems: agreement.report.problems,
        }))
    }

    /// Starts the draft and returns the agreement view's data.
    pub fn start_agreement(
        &mut self,
        negotiation_id: &str,
        template_id: Option<&str>,
    ) -> Result<AgreementDto, ApiError> {
        self.start_draft(negotiation_id, template_id)?;
        self.agreement_view(negotiation_id)?
            .ok_or_else(|| ApiError::not_found("draft of negotiation", negotiation_id))
    }

    /// Saves one edit of the draft and renders it afresh.
    pub fn edit_draft(
        &mut self,
        negotiation_id: &str,
        draft: &Draft,
    ) -> Result<RenderedDto, ApiError> {
        self.save_draft(negotiation_id, draft)?;
        // Rendered from the edit in hand: the store holds exactly this draft now.
        let template = self.load_template(&draft.template_id, &draft.template_version)?;
        Ok(RenderedDto {
            document: render(&template, draft),
            problems: draft.validate(&template).problems,
        })
    }
}

/// An edit is saved only to a draft started from the same template version: `what` ("draft",
/// "arrangement") names the draft in the refusal.
pub(crate) fn same_template(what: &str, current: &Draft, edit: &Draft) -> Result<(), ApiError> {
    if (&current.template_id, &current.template_version)
        == (&edit.template_id, &edit.template_version)
    {
        return Ok(());
    }
    Err(ApiError::new(
        ErrorCode::InvalidInput,
        format!(
            "This {what} was started from template {} {}; an edit for {} {} cannot be saved to it.",
            current.template_id, current.template_version, edit.template_id, edit.template_version
        ),
    ))
}
