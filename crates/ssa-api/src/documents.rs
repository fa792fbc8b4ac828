//! The step documents of a negotiation: the feasibility study, the signature and ratification
//! record and the monitoring record (the administrative arrangement is in [`crate::arrangement`]).
//!
//! Contract:
//! - A document that was never saved reads as empty; each save replaces the whole document in
//!   one transaction, after validation against the negotiation's parties. A refused save
//!   changes nothing and names every problem's field.
//! - The feasibility study's coverage choice drives the agreement's benefit chapters. When a
//!   save changes the choice for a chapter, the draft agreement's flag is set through
//!   [`Workbench::save_draft`], so the draft's history records it; flags the save did not
//!   change are left as the draft has them (the team may have set them in the agreement view).
//!   A new draft takes every decided flag ([`Workbench::start_draft`]). The view reports any
//!   chapter where the draft and the choice differ, and [`Workbench::apply_coverage_to_draft`]
//!   brings the draft in line.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use specta::Type;
use ssa_core::documents::branch::{Branch, BRANCH_FLAGS};
use ssa_core::documents::feasibility::{draft_flags, suggest_all, BranchSuggestion, Feasibility};
use ssa_core::documents::monitoring::Monitoring;
use ssa_core::documents::ratification::{EntryIntoForce, Ratification};
use ssa_core::documents::FieldProblem;
use ssa_core::negotiation::Negotiation;
use ssa_core::template::{
    render, Document, DocumentNode, Draft, ParameterType, Segment, Template, Value,
};
use ssa_store::StepDocument;

use crate::dto::{FieldProblemDto, PartyDto};
use crate::templates::DEFAULT_TEMPLATE_ID;
use crate::{ApiError, ErrorCode, Workbench};

/// The parameter holding the delay between the last notification and entry into force.
pub const ENTRY_MONTHS_PARAMETER: &str = "entry.months";

/// One benefit chapter of the agreement: the branches it deals with, the team's choice and the
/// draft's current state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ChapterChoiceDto {
    /// The template flag ("branch.pensions").
    pub flag: String,
    pub branches: Vec<Branch>,
    /// What the team's choice implies; `None` while none of its branches is decided.
    pub chosen: Option<bool>,
    /// Whether the draft agreement has the chapter; `None` without a draft (or a template
    /// without this flag).
    pub in_draft: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct FeasibilityDto {
    pub negotiation_id: String,
    pub parties: Vec<PartyDto>,
    pub feasibility: Feasibility,
    pub suggestions: Vec<BranchSuggestion>,
    pub chapters: Vec<ChapterChoiceDto>,
    pub has_draft: bool,
}

/// Where the delay of the entry-into-force rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum MonthsSource {
    /// The draft agreement's value.
    Draft,
    /// The template's default (the draft leaves it at the default, or there is no draft).
    TemplateDefault,
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RatificationDto {
    pub negotiation_id: String,
    pub parties: Vec<PartyDto>,
    pub ratification: Ratification,
    /// `None` when the agreement's template has no `entry.months` parameter.
    pub entry_into_force: Option<EntryIntoForce>,
    pub entry_months: Option<u32>,
    pub months_source: MonthsSource,
    /// The article of the agreement that states the rule, as the draft renders it (or the
    /// model, without a draft): its label and text.
    pub rule_article: Option<String>,
    pub rule_text: Vec<Segment>,
    pub has_draft: bool,
    /// Dates in an order that cannot be right; shown, never refused.
    pub warnings: Vec<FieldProblemDto>,
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MonitoringDto {
    pub negotiation_id: String,
    pub parties: Vec<PartyDto>,
    pub monitoring: Monitoring,
}

pub(crate) fn refused(what: &str, problems: Vec<FieldProblem>) -> ApiError {
    let mut error = ApiError::new(
        ErrorCode::InvalidInput,
        format!(
            "The {what} was not saved: {}",
            problems
                .iter()
                .map(|p| p.message.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        ),
    );
    error.problems = problems.into_iter().map(Into::into).collect();
    error
}

pub(crate) fn party_codes(negotiation: &Negotiation) -> Vec<&str> {
    negotiation
        .parties
        .iter()
        .map(|p| p.iso_code.as_str())
        .collect()
}

pub(crate) fn parties_of(negotiation: &Negotiation) -> Vec<PartyDto> {
    negotiation
        .parties
        .iter()
        .cloned()
        .map(Into::into)
        .collect()
}

/// A flag's value in a draft: the draft's own, else the template's default, else false.
pub(crate) fn flag_value(template: &Template, draft: &Draft, flag: &str) -> Option<bool> {
    let parameter = template
        .parameter(flag)
        .filter(|p| p.kind == ParameterType::Flag)?;
    Some(
        match draft.values.get(flag).or(parameter.default.as_ref()) {
            Some(Value::Flag(value)) => *value,
            _ => false,
        },
    )
}

/// Sets the given flags in the draft (only flags the template declares); true if anything
/// changed. A value equal to the template's default is stored as no value, like the agreement
/// view does, so the draft keeps only its differences.
pub(crate) fn set_flags(
    template: &Template,
    draft: &mut Draft,
    flags: &BTreeMap<&str, bool>,
) -> bool {
    let mut changed = false;
    for (flag, value) in flags {
        let Some(current) = flag_value(template, draft, flag) else {
            continue;
        };
        if current == *value {
            continue;
        }
        let default = template.parameter(flag).and_then(|p| p.default.clone());
        if default == Some(Value::Flag(*value)) {
            draft.values.remove(*flag);
        } else {
            draft.values.insert(flag.to_string(), Value::Flag(*value));
        }
        changed = true;
    }
    changed
}

/// The first node (depth first) whose text uses `parameter`.
fn node_using<'d>(nodes: &'d [DocumentNode], parameter: &str) -> Option<&'d DocumentNode> {
    nodes.iter().find_map(|node| {
        let uses = node.text.iter().any(|segment| match segment {
            Segment::Value { parameter: p, .. } | Segment::Unfilled { parameter: p, .. } => {
                p == parameter
            }
            _ => false,
        });
        if uses {
            Some(node)
        } else {
            node_using(&node.children, parameter)
        }
    })
}

impl Workbench {
    fn document<T: serde::de::DeserializeOwned + Default>(
        &self,
        kind: StepDocument,
        id: &str,
    ) -> Result<T, ApiError> {
        Ok(self.store.get_step_document(kind, id)?.unwrap_or_default())
    }

    /// The agreement's template and draft: the negotiation's draft, or the default template's
    /// empty draft when there is none (`false` in the answer).
    pub(crate) fn agreement_or_model(&self, id: &str) -> Result<(Template, Draft, bool), ApiError> {
        match self.get_draft(id)? {
            Some(draft) => {
                let template = self.load_template(&draft.template_id, &draft.template_version)?;
                Ok((template, draft, true))
            }
            None => {
                let version = self.latest_template_version(DEFAULT_TEMPLATE_ID)?;
                let template = self.load_template(DEFAULT_TEMPLATE_ID, &version)?;
                let draft = Draft::of(&template);
                Ok((template, draft, false))
            }
        }
    }

    // ----- Feasibility -----

    pub fn feasibility_view(&self, id: &str) -> Result<FeasibilityDto, ApiError> {
        let negotiation = self.negotiation(id)?;
        let feasibility: Feasibility = self.document(StepDocument::Feasibility, id)?;
        let draft = match self.get_draft(id)? {
            Some(draft) => {
                let template = self.load_template(&draft.template_id, &draft.template_version)?;
                Some((template, draft))
            }
            None => None,
        };
        let chosen = draft_flags(&feasibility.coverage);
        let chapters = BRANCH_FLAGS
            .iter()
            .map(|flag| ChapterChoiceDto {
                flag: flag.flag.to_string(),
                branches: flag.branches.to_vec(),
                chosen: chosen.get(flag.flag).copied(),
                in_draft: draft
                    .as_ref()
                    .and_then(|(template, draft)| flag_value(template, draft, flag.flag)),
            })
            .collect();
        Ok(FeasibilityDto {
            negotiation_id: id.to_string(),
            parties: parties_of(&negotiation),
            suggestions: suggest_all(&feasibility, &party_codes(&negotiation)),
            feasibility,
            chapters,
            has_draft: draft.is_some(),
        })
    }

    /// Saves the feasibility study; a changed coverage choice is carried into the draft.
    pub fn save_feasibility(
        &mut self,
        id: &str,
        feasibility: &Feasibility,
    ) -> Result<FeasibilityDto, ApiError> {
        let negotiation = self.negotiation(id)?;
        let problems = feasibility.validate(&party_codes(&negotiation));
        if !problems.is_empty() {
            return Err(refused("feasibility study", problems));
        }
        let before: Feasibility = self.document(StepDocument::Feasibility, id)?;
        // The simulator's setup is saved by the simulator alone (crate::simulation): a study
        // saved from a copy read before the simulator's last save must not undo it.
        let stored = Feasibility {
            simulation: before.simulation.clone(),
            ..feasibility.clone()
        };
        self.store
            .put_step_document(StepDocument::Feasibility, id, &stored, self.clock.now())?;
        let old = draft_flags(&before.coverage);
        let changed: BTreeMap<&str, bool> = draft_flags(&feasibility.coverage)
            .into_iter()
            .filter(|(flag, value)| old.get(flag) != Some(value))
            .collect();
        if !changed.is_empty() {
            self.set_draft_flags(id, &changed)?;
        }
        self.feasibility_view(id)
    }

    /// Sets every flag the coverage choice decides in the draft agreement (when the draft was
    /// changed in the agreement view, or a save was interrupted).
    pub fn apply_coverage_to_draft(&mut self, id: &str) -> Result<FeasibilityDto, ApiError> {
        let feasibility: Feasibility = self.document(StepDocument::Feasibility, id)?;
        if self.get_draft(id)?.is_none() {
            return Err(ApiError::new(
                ErrorCode::NotFound,
                "There is no draft agreement yet; the choice will be applied when it is started.",
            ));
        }
        self.set_draft_flags(id, &draft_flags(&feasibility.coverage))?;
        self.feasibility_view(id)
    }

    fn set_draft_flags(&mut self, id: &str, flags: &BTreeMap<&str, bool>) -> Result<(), ApiError> {
        let Some(base) = self.get_draft(id)? else {
            return Ok(());
        };
        let template = self.load_template(&base.template_id, &base.template_version)?;
        let mut draft = base.clone();
        if set_flags(&template, &mut draft, flags) {
            // Merged with any edit saved since it was read; a clash with one is refused.
            let outcome = self
                .store
                .save_draft_edit(id, &base, &draft, self.clock.now())?;
            self.edit_outcome(id, outcome, &base)?;
        }
        Ok(())
    }

    /// The coverage choice's flags, for a draft being started.
    pub(crate) fn coverage_flags(
        &self,
        id: &str,
    ) -> Result<BTreeMap<&'static str, bool>, ApiError> {
        let feasibility: Feasibility = self.document(StepDocument::Feasibility, id)?;
        Ok(draft_flags(&feasibility.coverage))
    }

    // ----- Signature and ratification -----

    pub fn ratification_view(&self, id: &str) -> Result<RatificationDto, ApiError> {
        let negotiation = self.negotiation(id)?;
        let ratification: Ratification = self.document(StepDocument::Ratification, id)?;
        let (template, draft, has_draft) = self.agreement_or_model(id)?;
        let own = draft.values.get(ENTRY_MONTHS_PARAMETER);
        let declared = template.parameter(ENTRY_MONTHS_PARAMETER);
        let months_value = own.or(declared.and_then(|p| p.default.as_ref()));
        let entry_months = match months_value {
            Some(Value::Number(n)) => u32::try_from(*n).ok(),
            _ => None,
        };
        let entry_into_force = entry_months
            .map(|months| ratification.entry_into_force(&party_codes(&negotiation), months));
        let document: Document = render(&template, &draft);
        let rule = node_using(&document.nodes, ENTRY_MONTHS_PARAMETER);
        Ok(RatificationDto {
            negotiation_id: id.to_string(),
            parties: parties_of(&negotiation),
            warnings: ratification
                .date_warnings()
                .into_iter()
                .map(Into::into)
                .collect(),
            ratification,
            entry_into_force,
            entry_months,
            months_source: if own.is_some() {
                MonthsSource::Draft
            } else {
                MonthsSource::TemplateDefault
            },
            rule_article: rule.and_then(|node| node.label.clone()),
            rule_text: rule.map(|node| node.text.clone()).unwrap_or_default(),
            has_draft,
        })
    }

    pub fn save_ratification(
        &mut self,
        id: &str,
        ratification: &Ratification,
    ) -> Result<RatificationDto, ApiError> {
        let negotiation = self.negotiation(id)?;
        let problems = ratification.validate(&party_codes(&negotiation));
        if !problems.is_empty() {
            return Err(refused("ratification record", problems));
        }
        self.store.put_step_document(
            StepDocument::Ratification,
            id,
            ratification,
            self.clock.now(),
        )?;
        self.ratification_view(id)
    }

    // ----- Monitoring -----

    pub fn monitoring_view(&self, id: &str) -> Result<MonitoringDto, ApiError> {
        let negotiation = self.negotiation(id)?;
        Ok(MonitoringDto {
            negotiation_id: id.to_string(),
            parties: parties_of(&negotiation),
            monitoring: self.document(StepDocument::Monitoring, id)?,
        })
    }

    pub fn save_monitoring(
        &mut self,
        id: &str,
        monitoring: &Monitoring,
    ) -> Result<MonitoringDto, ApiError> {
        let negotiation = self.negotiation(id)?;
        let problems = monitoring.validate(&party_codes(&negotiation));
        if !problems.is_empty() {
            return Err(refused("monitoring record", problems));
        }
        self.store
            .put_step_document(StepDocument::Monitoring, id, monitoring, self.clock.now())?;
        self.monitoring_view(id)
    }
}
