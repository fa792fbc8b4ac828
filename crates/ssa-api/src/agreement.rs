//! A negotiation's draft agreement: started from a template, saved edit by edit, rendered.
//!
//! Contract: a negotiation has at most one draft; it records the template id and version it was
//! started from and keeps them (a newer template version never changes an existing draft).
//! [`Workbench::save_draft`] refuses a draft for another template or version, so the stored
//! draft always renders against the template it names. A new draft takes the feasibility
//! study's coverage choice for its benefit chapters (see [`crate::documents`]).

use ssa_core::limits::{size_text, MAX_DRAFT_BYTES};
use ssa_core::negotiation::{Negotiation, PartyRole};
use ssa_core::template::merge::Conflict;
use ssa_core::template::{Document, Draft, ParameterType, Report, Template, Value};
use ssa_store::EditOutcome;

use crate::dto::{AgreementDto, FieldProblemDto, RenderedDto};
use crate::guard::render_checked;
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
        self.start_draft_on(negotiation_id, template_id, &version)
    }

    /// Starts the negotiation's draft from one version of a template (a team pack names the
    /// exact model its scenario drafts from).
    pub(crate) fn start_draft_on(
        &mut self,
        negotiation_id: &str,
        template_id: &str,
        version: &str,
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
        let template = self.load_template(template_id, version)?;
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

    /// Saves the draft as it now is (one transaction), replacing whatever is stored: for a
    /// draft this process has just made (the sample, tests). An edit a person makes goes
    /// through [`Workbench::edit_draft`], which never overwrites another writer's edit.
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
        let (document, problems) = render_checked(&template, &draft);
        let report = Report { problems };
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
        let problems = crate::problems::worded(
            &agreement.template,
            &agreement.document,
            &agreement.report.problems,
        );
        let provisions =
            crate::provisions(&agreement.template, &agreement.draft, &agreement.document);
        Ok(Some(AgreementDto {
            negotiation_id: negotiation_id.to_string(),
            template: agreement.template,
            draft: agreement.draft,
            document: agreement.document,
            problems,
            provisions,
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

    /// Saves one edit of the draft and renders it afresh. `base` is the draft the edit was made
    /// from (the one the editor last had from the store): another writer's edit saved since
    /// is merged in provision by provision, and an edit of a provision the other writer changed
    /// too is refused with [`ErrorCode::ChangedElsewhere`], nothing saved. Returns the draft as
    /// stored now with its rendering.
    pub fn edit_draft(
        &mut self,
        negotiation_id: &str,
        base: &Draft,
        draft: &Draft,
    ) -> Result<RenderedDto, ApiError> {
        let current = self
            .get_draft(negotiation_id)?
            .ok_or_else(|| no_draft(negotiation_id))?;
        same_template("draft", &current, draft)?;
        within_size("draft", draft)?;
        let outcome = self
            .store
            .save_draft_edit(negotiation_id, base, draft, self.clock.now())?;
        let stored = self.edit_outcome(negotiation_id, outcome, &current)?;
        let template = self.load_template(&stored.template_id, &stored.template_version)?;
        Ok(crate::draft_document::rendered(&template, stored))
    }

    /// The stored draft after an edit, or the refusal of the edit; `current` names the
    /// provisions of a conflict.
    pub(crate) fn edit_outcome(
        &self,
        negotiation_id: &str,
        outcome: EditOutcome,
        current: &Draft,
    ) -> Result<Draft, ApiError> {
        match outcome {
            EditOutcome::Saved(stored) => Ok(*stored),
            EditOutcome::NoDraft => Err(no_draft(negotiation_id)),
            EditOutcome::ChangedElsewhere(conflict) => {
                let template =
                    self.load_template(&current.template_id, &current.template_version)?;
                Err(changed_elsewhere(&template, current, &conflict))
            }
        }
    }
}

fn no_draft(negotiation_id: &str) -> ApiError {
    ApiError::new(
        ErrorCode::NotFound,
        format!("Negotiation {negotiation_id} has no draft agreement yet; start one first."),
    )
}

/// A draft over [`MAX_DRAFT_BYTES`] is refused: every view and export reads it whole.
pub(crate) fn within_size(what: &str, draft: &Draft) -> Result<(), ApiError> {
    let size = serde_json::to_vec(draft).map_or(0, |json| json.len());
    if size <= MAX_DRAFT_BYTES {
        return Ok(());
    }
    Err(ApiError::new(
        ErrorCode::InvalidInput,
        format!(
            "This {what} has grown larger than {}, the most SSA Workbench keeps for one draft; \
             the edit was not saved. Shorten the wording you added.",
            size_text(MAX_DRAFT_BYTES)
        ),
    ))
}

/// The refusal of an edit that another writer's edit overlaps, naming each provision (by its
/// label, "Article 12, paragraph 3", where it has one) or parameter.
fn changed_elsewhere(template: &Template, current: &Draft, conflict: &Conflict) -> ApiError {
    let (document, _) = render_checked(template, current);
    // A paragraph or item is named by its article ("Article 4 (Equality of treatment)"), as a
    // person finds it in the outline.
    let mut names: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    let mut stack: Vec<(&ssa_core::template::DocumentNode, Option<String>)> =
        document.nodes.iter().map(|n| (n, None)).collect();
    while let Some((node, article)) = stack.pop() {
        let heading = ssa_core::template::document::plain(&node.heading);
        let own = match (node.label.as_deref(), heading.is_empty()) {
            (Some(label), false) => format!("{label} ({heading})"),
            (Some(label), true) => label.to_string(),
            (None, false) => heading,
            (None, true) => match node.kind {
                ssa_core::template::NodeKind::Preamble => "the preamble".to_string(),
                ssa_core::template::NodeKind::Signature => "the signature block".to_string(),
                _ => node.id.clone(),
            },
        };
        let name = article.clone().unwrap_or(own);
        let encloses = matches!(
            node.kind,
            ssa_core::template::NodeKind::Article
                | ssa_core::template::NodeKind::Preamble
                | ssa_core::template::NodeKind::Signature
        );
        let inside = encloses.then(|| name.clone());
        for child in &node.children {
            stack.push((child, inside.clone().or_else(|| article.clone())));
        }
        names.insert(node.id.as_str(), name);
    }
    let name = |key: &str| -> String {
        names.get(key).cloned().unwrap_or_else(|| {
            template
                .parameter(key)
                .map_or(key.to_string(), |p| p.label.clone())
        })
    };
    let mut error = ApiError::new(
        ErrorCode::ChangedElsewhere,
        format!(
            "This draft was changed elsewhere (in another window or with the ssa command) in \
             the same place{}: {}. Your edit was not saved; reload to see the other change, \
             then make yours again.",
            if conflict.choices.len() > 1 { "s" } else { "" },
            conflict
                .keys()
                .iter()
                .map(|key| name(key))
                .collect::<Vec<_>>()
                .join("; ")
        ),
    );
    error.problems = conflict
        .keys()
        .iter()
        .map(|key| FieldProblemDto {
            field: key.to_string(),
            message: name(key),
        })
        .collect();
    error
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
