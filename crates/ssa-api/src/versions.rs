//! The draft's history: revisions (every saved edit, close edits folded together) and the
//! versions a user names ("Text tabled at round 2"), which are never changed.

use ssa_core::template::{render, Document};

use crate::dto::RevisionDto;
use crate::{ApiError, ErrorCode, Workbench};

pub const VERSION_NAME_MAX_CHARS: usize = 200;

impl Workbench {
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
        let refuse = |message: String| Err(ApiError::new(ErrorCode::InvalidInput, message));
        if name.is_empty() {
            return refuse("Give the version a name, such as \"Text tabled at round 2\".".into());
        }
        if name.chars().count() > VERSION_NAME_MAX_CHARS {
            return refuse(format!(
                "A version name has at most {VERSION_NAME_MAX_CHARS} characters."
            ));
        }
        let revisions = self.list_revisions(negotiation_id)?;
        let Some(latest) = revisions.last() else {
            return refuse("There is no draft agreement to name yet.".into());
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
        self.list_revisions(negotiation_id)?
            .into_iter()
            .find(|r| r.number == number)
            .ok_or_else(|| ApiError::not_found("revision", &number.to_string()))
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
        let found = self.find_revision(negotiation_id, which)?;
        let draft = self
            .store
            .get_revision(negotiation_id, found.number)?
            .ok_or_else(|| ApiError::not_found("revision", &found.number.to_string()))?;
        let template = self.load_template(&draft.template_id, &draft.template_version)?;
        Ok(render(&template, &draft))
    }
}
