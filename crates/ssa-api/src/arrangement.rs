//! The administrative arrangement: a second draft per negotiation, on its own template
//! (`r167-admin-arrangement`), whose provisions name the agreement articles they implement.
//!
//! Contract: like the agreement's draft, the arrangement's draft keeps the template id and
//! version it was started from and is saved edit by edit ([`Workbench::edit_arrangement`]
//! refuses a draft for another template). A new arrangement takes the parties' names, and every
//! value the agreement's draft already has for a parameter of the same name and type (the
//! competent authorities, the place of signature…). Its links are shown with the agreement's
//! live numbers: those of the negotiation's draft agreement, or of the model when there is no
//! draft yet (`agreement_numbering` says which).

use serde::Serialize;
use specta::Type;
use ssa_core::documents::arrangement::{check_links, resolve_links, ArrangementLink};
use ssa_core::template::{Document, Draft, Template};

use crate::dto::RenderedDto;
use crate::guard::render_checked;
use crate::{ApiError, ErrorCode, Workbench};

/// The template a new administrative arrangement starts from.
pub const ARRANGEMENT_TEMPLATE_ID: &str = "r167-admin-arrangement";

/// Whose numbers the links show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum AgreementNumbering {
    /// The negotiation's draft agreement.
    Draft,
    /// The model agreement (no draft agreement yet).
    Model,
}

/// The arrangement view's data: like the agreement view's, plus the links to the agreement.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ArrangementDto {
    pub negotiation_id: String,
    pub template: Template,
    pub draft: Draft,
    pub document: Document,
    pub problems: Vec<crate::problems::ProblemDto>,
    pub provisions: Vec<crate::dto::ProvisionDto>,
    pub links: Vec<ArrangementLink>,
    pub agreement_numbering: AgreementNumbering,
}

impl Workbench {
    pub fn arrangement_view(&self, id: &str) -> Result<Option<ArrangementDto>, ApiError> {
        self.negotiation(id)?;
        let Some(draft) = self.store.get_arrangement_draft(id)? else {
            return Ok(None);
        };
        let template = self.load_template(&draft.template_id, &draft.template_version)?;
        let (agreement_template, agreement_draft, has_draft) = self.agreement_or_model(id)?;
        let (agreement, _) = render_checked(&agreement_template, &agreement_draft);
        let (document, mut problems) = render_checked(&template, &draft);
        problems.extend(check_links(&template, &agreement_template).problems);
        let problems = crate::problems::worded(&template, &document, &problems);
        let provisions = crate::provisions(&template, &draft, &document);
        Ok(Some(ArrangementDto {
            negotiation_id: id.to_string(),
            provisions,
            document,
            links: resolve_links(&template, &agreement),
            agreement_numbering: if has_draft {
                AgreementNumbering::Draft
            } else {
                AgreementNumbering::Model
            },
            template,
            draft,
            problems,
        }))
    }

    /// Starts the negotiation's administrative arrangement from the newest version of the
    /// shipped arrangement template.
    pub fn start_arrangement(&mut self, id: &str) -> Result<ArrangementDto, ApiError> {
        let negotiation = self.negotiation(id)?;
        if self.store.get_arrangement_draft(id)?.is_some() {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!(
                    "\"{}\" already has an administrative arrangement.",
                    negotiation.title
                ),
            ));
        }
        let version = self.latest_template_version(ARRANGEMENT_TEMPLATE_ID)?;
        let template = self.load_template(ARRANGEMENT_TEMPLATE_ID, &version)?;
        let mut draft = crate::agreement::draft_with_parties(&template, &negotiation);
        if let Some(agreement) = self.get_draft(id)? {
            let agreement_template =
                self.load_template(&agreement.template_id, &agreement.template_version)?;
            for parameter in &template.parameters {
                let same_kind = agreement_template
                    .parameter(&parameter.name)
                    .is_some_and(|p| p.kind == parameter.kind);
                if let (true, Some(value)) = (same_kind, agreement.values.get(&parameter.name)) {
                    draft.values.insert(parameter.name.clone(), value.clone());
                }
            }
        }
        self.store
            .put_arrangement_draft(id, &draft, self.clock.now())?;
        self.arrangement_view(id)?
            .ok_or_else(|| ApiError::not_found("administrative arrangement of negotiation", id))
    }

    /// Saves one edit of the arrangement made from `base` and renders it afresh; another
    /// writer's edit is merged or the edit refused, as for the agreement
    /// ([`Workbench::edit_draft`]).
    pub fn edit_arrangement(
        &mut self,
        id: &str,
        base: &Draft,
        draft: &Draft,
    ) -> Result<RenderedDto, ApiError> {
        let current = self.store.get_arrangement_draft(id)?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!("Negotiation {id} has no administrative arrangement yet; start one first."),
            )
        })?;
        crate::agreement::same_template("arrangement", &current, draft)?;
        crate::agreement::within_size("arrangement", draft)?;
        let outcome = self
            .store
            .save_arrangement_edit(id, base, draft, self.clock.now())?;
        let stored = self.edit_outcome(id, outcome, &current)?;
        let template = self.load_template(&stored.template_id, &stored.template_version)?;
        let (agreement_template, _, _) = self.agreement_or_model(id)?;
        let (document, mut problems) = render_checked(&template, &stored);
        problems.extend(check_links(&template, &agreement_template).problems);
        Ok(RenderedDto {
            problems: crate::problems::worded(&template, &document, &problems),
            provisions: crate::provisions(&template, &stored, &document),
            document,
            draft: stored,
        })
    }
}
