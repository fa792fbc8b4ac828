//! The draft's history: revisions (every saved edit, close edits folded together), the versions
//! a user names ("Text tabled at round 2"), which are never changed, and the versions the
//! negotiators initial, locked with the fingerprint of their text. Comparison of any two of
//! them, the current draft or the model template, and the deviation-from-model report.
//!
//! Contract:
//!
//! - A side of a comparison is a [`VersionRefDto`]. On the command line it is written as a
//!   revision number, a version name, `current` or `model`; the two words win over a version
//!   so named, which stays reachable by its number.
//! - **The model side** is the draft's template rendered with every default choice and the
//!   *other* side's parameter values (the current draft's when both sides are the model), so a
//!   comparison with the model shows wording, never particulars left to fill in.
//! - Initialling needs a named version not yet initialled and the name(s) of who initials; the
//!   fingerprint is [`ssa_core::initialling::fingerprint`] of the version rendered on its
//!   template. Initialling cannot be undone: the store refuses it too.

use ssa_core::compare::{compare, deviation_report, model_draft, Comparison, DeviationReport};
use ssa_core::initialling::fingerprint;
use ssa_core::template::{render, Document, Draft};
use ssa_store::Initialling;

use crate::dto::{RevisionDto, VerificationDto, VersionRefDto};
use crate::{ApiError, ErrorCode, Workbench};

pub const VERSION_NAME_MAX_CHARS: usize = 200;
/// The longest "initialled by" text (the names of one or more negotiators).
pub const INITIALLED_BY_MAX_CHARS: usize = 300;

/// How the command line writes the model template and the current draft as a version.
pub const MODEL_WORD: &str = "model";
pub const CURRENT_WORD: &str = "current";

fn refuse<T>(message: impl Into<String>) -> Result<T, ApiError> {
    Err(ApiError::new(ErrorCode::InvalidInput, message))
}

impl Workbench {
    /// The negotiation's revisions, oldest first, each with its name and initialling if any.
    pub fn list_revisions(&self, negotiation_id: &str) -> Result<Vec<RevisionDto>, ApiError> {
        self.get_negotiation(negotiation_id)?;
        Ok(self
            .store
            .list_revisions(negotiation_id)?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// Names the draft as it now is. Refused when the name is empty, too long or already used
    /// in this negotiation, or when the current text is already a named version.
    pub fn name_version(
        &mut self,
        negotiation_id: &str,
        name: &str,
    ) -> Result<RevisionDto, ApiError> {
        let name = name.trim();
        if name.is_empty() {
            return refuse("Give the version a name, such as \"Text tabled at round 2\".");
        }
        if name.chars().count() > VERSION_NAME_MAX_CHARS {
            return refuse(format!(
                "A version name has at most {VERSION_NAME_MAX_CHARS} characters."
            ));
        }
        let revisions = self.list_revisions(negotiation_id)?;
        let Some(latest) = revisions.last() else {
            return refuse("There is no draft agreement to name yet.");
        };
        if let Some(existing) = &latest.name {
            return refuse(format!(
                "The current text is already the version \"{existing}\"; edit the draft before naming another version."
            ));
        }
        if revisions.iter().any(|r| r.name.as_deref() == Some(name)) {
            return refuse(format!(
                "This negotiation already has a version named \"{name}\"."
            ));
        }
        let number = self
            .store
            .name_latest_revision(negotiation_id, name)?
            .expect("a revision exists: checked above");
        self.revision(negotiation_id, number)
    }

    /// Reads a side of a comparison as the command line writes it: a revision number, a
    /// version name, `current` or `model`. An unknown one is refused with the list of known
    /// ones.
    pub fn resolve_version(
        &self,
        negotiation_id: &str,
        which: &str,
    ) -> Result<VersionRefDto, ApiError> {
        let which = which.trim();
        match which {
            MODEL_WORD => return Ok(VersionRefDto::Model),
            CURRENT_WORD => return Ok(VersionRefDto::Current),
            _ => {}
        }
        let revisions = self.list_revisions(negotiation_id)?;
        let found = revisions
            .iter()
            .find(|r| r.name.as_deref() == Some(which))
            .or_else(|| {
                which
                    .parse::<u32>()
                    .ok()
                    .and_then(|n| revisions.iter().find(|r| r.number == n))
            });
        match found {
            Some(revision) => Ok(VersionRefDto::Revision {
                number: revision.number,
            }),
            None => {
                let mut known: Vec<String> = revisions
                    .iter()
                    .map(|r| match &r.name {
                        Some(name) => format!("{} \"{name}\"", r.number),
                        None => r.number.to_string(),
                    })
                    .collect();
                known.extend([CURRENT_WORD.to_string(), MODEL_WORD.to_string()]);
                refuse(format!(
                    "Negotiation {negotiation_id} has no version named or numbered \"{which}\". Known: {}.",
                    known.join(", ")
                ))
            }
        }
    }

    /// The revision named `which`, or numbered `which`.
    pub(crate) fn find_revision(
        &self,
        negotiation_id: &str,
        which: &str,
    ) -> Result<RevisionDto, ApiError> {
        let revisions = self.list_revisions(negotiation_id)?;
        let by_name = revisions
            .iter()
            .position(|r| r.name.as_deref() == Some(which));
        let by_number = || {
            which
                .parse::<u32>()
                .ok()
                .and_then(|n| revisions.iter().position(|r| r.number == n))
        };
        match by_name.or_else(by_number) {
            Some(index) => Ok(revisions[index].clone()),
            None => Err(ApiError::new(
                ErrorCode::NotFound,
                format!(
                    "Negotiation {negotiation_id} has no version named or numbered \"{which}\"."
                ),
            )),
        }
    }

    /// Renders the draft as it was at a revision, given by number or by version name.
    pub fn render_revision(&self, negotiation_id: &str, which: &str) -> Result<Document, ApiError> {
        let version = self.resolve_version(negotiation_id, which)?;
        let current = self.current_draft(negotiation_id)?;
        let draft = self.side_draft(negotiation_id, &version, &current)?;
        self.render_draft(&draft)
    }

    /// Compares `before` with `after`, provision by provision, word by word.
    pub fn compare_versions(
        &self,
        negotiation_id: &str,
        before: &VersionRefDto,
        after: &VersionRefDto,
    ) -> Result<Comparison, ApiError> {
        let (older, newer, _) = self.render_sides(negotiation_id, before, after)?;
        Ok(compare(&older, &newer))
    }

    /// The two sides of a comparison rendered, the model side with the other side's
    /// particulars; and the language of the newer side's template.
    pub(crate) fn render_sides(
        &self,
        negotiation_id: &str,
        before: &VersionRefDto,
        after: &VersionRefDto,
    ) -> Result<(Document, Document, String), ApiError> {
        let current = self.current_draft(negotiation_id)?;
        let mut before_draft = self.side_draft(negotiation_id, before, &current)?;
        let mut after_draft = self.side_draft(negotiation_id, after, &current)?;
        if *before == VersionRefDto::Model {
            before_draft = model_draft(&after_draft);
        }
        if *after == VersionRefDto::Model {
            after_draft = model_draft(&before_draft);
        }
        let (newer, language) = self.render_with_language(&after_draft)?;
        Ok((self.render_draft(&before_draft)?, newer, language))
    }

    /// Which provisions of `version` depart from the model template's wording, and how.
    pub fn deviation_report(
        &self,
        negotiation_id: &str,
        version: &VersionRefDto,
    ) -> Result<DeviationReport, ApiError> {
        let current = self.current_draft(negotiation_id)?;
        let draft = self.side_draft(negotiation_id, version, &current)?;
        let model = self.render_draft(&model_draft(&draft))?;
        Ok(deviation_report(&model, &self.render_draft(&draft)?))
    }

    /// Initials the named version `number`: locks it with the fingerprint of its text, with
    /// who initialled it and now. Cannot be undone.
    pub fn initial_version(
        &mut self,
        negotiation_id: &str,
        number: u32,
        initialled_by: &str,
    ) -> Result<RevisionDto, ApiError> {
        let initialled_by = initialled_by.trim();
        if initialled_by.is_empty() {
            return refuse("Say who initials this version (the negotiators' names).");
        }
        if initialled_by.chars().count() > INITIALLED_BY_MAX_CHARS {
            return refuse(format!(
                "\"Initialled by\" has at most {INITIALLED_BY_MAX_CHARS} characters."
            ));
        }
        let revision = self.revision(negotiation_id, number)?;
        let Some(name) = &revision.name else {
            return refuse(format!(
                "Revision {number} is not a named version; name it before initialling it."
            ));
        };
        if let Some(done) = &revision.initialled {
            return refuse(format!(
                "The version \"{name}\" was already initialled by {} on {}.",
                done.initialled_by, done.initialled_at
            ));
        }
        let document = self.render_draft(&self.revision_draft(negotiation_id, number)?)?;
        self.store.initial_version(
            negotiation_id,
            number,
            &Initialling {
                fingerprint: fingerprint(&document),
                initialled_by: initialled_by.to_string(),
                initialled_at: self.clock.now(),
            },
        )?;
        tracing::info!(negotiation_id, number, "version initialled");
        self.revision(negotiation_id, number)
    }

    /// Recomputes an initialled version's fingerprint from its text as it renders now and
    /// says whether it still matches the one recorded.
    pub fn verify_initialled(
        &self,
        negotiation_id: &str,
        number: u32,
    ) -> Result<VerificationDto, ApiError> {
        let revision = self.revision(negotiation_id, number)?;
        let (Some(name), Some(initialled)) = (revision.name, revision.initialled) else {
            return refuse(format!("Revision {number} was not initialled."));
        };
        let document = self.render_draft(&self.revision_draft(negotiation_id, number)?)?;
        let recomputed = fingerprint(&document);
        Ok(VerificationDto {
            number,
            name,
            matches: recomputed == initialled.fingerprint,
            recorded: initialled.fingerprint,
            recomputed,
        })
    }

    pub(crate) fn revision(
        &self,
        negotiation_id: &str,
        number: u32,
    ) -> Result<RevisionDto, ApiError> {
        self.list_revisions(negotiation_id)?
            .into_iter()
            .find(|r| r.number == number)
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::NotFound,
                    format!("Negotiation {negotiation_id} has no revision {number}."),
                )
            })
    }

    fn revision_draft(&self, negotiation_id: &str, number: u32) -> Result<Draft, ApiError> {
        self.store
            .get_revision(negotiation_id, number)?
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::NotFound,
                    format!("Negotiation {negotiation_id} has no revision {number}."),
                )
            })
    }

    pub(crate) fn current_draft(&self, negotiation_id: &str) -> Result<Draft, ApiError> {
        self.get_draft(negotiation_id)?.ok_or_else(|| {
            // Distinguish "no draft" from "no negotiation".
            match self.get_negotiation(negotiation_id) {
                Err(error) => error,
                Ok(_) => ApiError::new(
                    ErrorCode::NotFound,
                    format!("Negotiation {negotiation_id} has no draft agreement yet."),
                ),
            }
        })
    }

    /// The draft a side stands for; the model side is filled in by the caller (it depends on
    /// the other side) and stands for the current draft here.
    pub(crate) fn side_draft(
        &self,
        negotiation_id: &str,
        version: &VersionRefDto,
        current: &Draft,
    ) -> Result<Draft, ApiError> {
        match version {
            VersionRefDto::Model => Ok(model_draft(current)),
            VersionRefDto::Current => Ok(current.clone()),
            VersionRefDto::Revision { number } => self.revision_draft(negotiation_id, *number),
        }
    }

    /// A side rendered (the model with the current draft's particulars), with the language of
    /// its template.
    pub(crate) fn render_version(
        &self,
        negotiation_id: &str,
        version: &VersionRefDto,
    ) -> Result<(Document, String), ApiError> {
        let current = self.current_draft(negotiation_id)?;
        self.render_with_language(&self.side_draft(negotiation_id, version, &current)?)
    }

    fn render_with_language(&self, draft: &Draft) -> Result<(Document, String), ApiError> {
        let template = self.load_template(&draft.template_id, &draft.template_version)?;
        Ok((render(&template, draft), template.language))
    }

    fn render_draft(&self, draft: &Draft) -> Result<Document, ApiError> {
        let template = self.load_template(&draft.template_id, &draft.template_version)?;
        Ok(render(&template, draft))
    }
}
