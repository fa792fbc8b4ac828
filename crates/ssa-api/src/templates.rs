//! Templates: the shipped models, imported files and derived copies, stored in the database.
//!
//! The shipped templates are compiled into the binary and added to the store at every start
//! (once per id and version), so a new database has them and a newer release adds its new
//! versions without touching drafts made from older ones. An import runs the full validation
//! first and stores nothing when the file has an error.

use ssa_core::template::{Report, Template, TemplateError};
use ssa_store::{StoredTemplate, TemplateOrigin};

use crate::dto::{FieldProblemDto, TemplateSummaryDto};
use crate::{ApiError, ErrorCode, Workbench};

/// The templates shipped in `assets/templates/`, as (file name, text).
pub const SHIPPED_TEMPLATES: &[(&str, &str)] = &[
    (
        "r167-annex1-bilateral.toml",
        include_str!("../../../assets/templates/r167-annex1-bilateral.toml"),
    ),
    (
        "r167-annex2-coordination.toml",
        include_str!("../../../assets/templates/r167-annex2-coordination.toml"),
    ),
    (
        "r167-admin-arrangement.toml",
        include_str!("../../../assets/templates/r167-admin-arrangement.toml"),
    ),
];

/// The template a new draft starts from unless the user picks another.
pub const DEFAULT_TEMPLATE_ID: &str = "r167-annex1-bilateral";

/// Validates a template file without storing it: the report on success (warnings only), the
/// error with the full report or the syntax error's line otherwise. `origin` names the file.
pub fn validate_template_file(origin: &str, text: &str) -> Result<Report, TemplateError> {
    Template::load(origin, text).map(|(_, warnings)| warnings)
}

fn template_error(error: TemplateError) -> ApiError {
    let report = error.to_report();
    let mut api_error = ApiError::new(ErrorCode::InvalidInput, error.to_string());
    api_error.problems = problems_of(&report);
    api_error
}

/// A template's errors as an [`ApiError`] whose problems name the node or parameter.
fn report_error(id: &str, report: &Report) -> ApiError {
    let mut error = ApiError::new(
        ErrorCode::InvalidInput,
        format!(
            "Template \"{id}\" has {} error(s); nothing was saved:\n{}",
            report.errors().count(),
            report
                .errors()
                .map(|p| format!("  {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    );
    error.problems = problems_of(report);
    error
}

fn problems_of(report: &Report) -> Vec<FieldProblemDto> {
    report
        .errors()
        .map(|p| FieldProblemDto {
            field: p
                .node
                .clone()
                .or_else(|| p.parameter.clone())
                .unwrap_or_default(),
            message: p.to_string(),
        })
        .collect()
}

/// Template ids are used in file names and references: lower-case, digits and dashes.
fn is_template_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.len() <= 80
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

impl Workbench {
    pub(crate) fn seed_shipped_templates(&mut self) -> Result<(), ApiError> {
        let now = self.clock.now();
        for (file, text) in SHIPPED_TEMPLATES {
            let (template, _) = Template::load(file, text).map_err(template_error)?;
            let added = self.store.add_template_if_missing(&StoredTemplate {
                id: template.id.clone(),
                version: template.version.clone(),
                title: template.title.clone(),
                origin: TemplateOrigin::Shipped,
                source: text.to_string(),
                created_at: now,
            })?;
            if added {
                tracing::info!(id = %template.id, version = %template.version, "shipped template added");
            }
        }
        Ok(())
    }

    pub fn list_templates(&self) -> Result<Vec<TemplateSummaryDto>, ApiError> {
        Ok(self
            .store
            .list_templates()?
            .into_iter()
            .map(|stored| TemplateSummaryDto::from_stored(&stored))
            .collect())
    }

    /// The newest stored version of a template (versions compare as dotted numbers).
    pub(crate) fn latest_template_version(&self, id: &str) -> Result<String, ApiError> {
        self.store
            .list_templates()?
            .into_iter()
            .filter(|t| t.id == id)
            .map(|t| t.version)
            .max_by(|a, b| compare_versions(a, b))
            .ok_or_else(|| ApiError::not_found("template", id))
    }

    /// Parses a stored template. A stored template always validated when it was stored; a
    /// failure here means the database was edited by hand, and the message says so.
    pub fn load_template(&self, id: &str, version: &str) -> Result<Template, ApiError> {
        let stored = self
            .store
            .get_template(id, version)?
            .ok_or_else(|| ApiError::not_found("template", &format!("{id} {version}")))?;
        // Parsing the Annex I template takes longer than rendering it; a negotiation's views
        // load the same template again and again, so the parsed value is kept and reused
        // while the stored source is byte for byte the same (a hand edit is parsed afresh).
        let key = (id.to_string(), version.to_string());
        let mut parsed = self
            .parsed_templates
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((source, template)) = parsed.get(&key) {
            if *source == stored.source {
                return Ok(template.clone());
            }
        }
        let template = Template::parse(&format!("stored template {id} {version}"), &stored.source)
            .map_err(template_error)?;
        parsed.insert(key, (stored.source, template.clone()));
        Ok(template)
    }

    /// Imports a template file: validated in full, stored only without errors, never replacing
    /// a stored template with the same id and version.
    pub fn import_template(
        &mut self,
        origin: &str,
        text: &str,
    ) -> Result<TemplateSummaryDto, ApiError> {
        let (template, _warnings) = Template::load(origin, text).map_err(template_error)?;
        if self
            .store
            .get_template(&template.id, &template.version)?
            .is_some()
        {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!(
                    "{origin}: a template \"{}\" version {} is already stored. Change the version in the file to import it as a new version.",
                    template.id, template.version
                ),
            ));
        }
        let stored = StoredTemplate {
            id: template.id.clone(),
            version: template.version.clone(),
            title: template.title.clone(),
            origin: TemplateOrigin::Imported,
            source: text.to_string(),
            created_at: self.clock.now(),
        };
        self.store.add_template_if_missing(&stored)?;
        Ok(TemplateSummaryDto::from_stored(&stored))
    }

    /// Duplicates a template into a new one of the user's own (version 1.0.0), which records
    /// where it came from and can then be edited.
    pub fn derive_template(
        &mut self,
        id: &str,
        version: &str,
        new_id: &str,
        new_title: &str,
    ) -> Result<TemplateSummaryDto, ApiError> {
        let new_id = new_id.trim();
        let new_title = new_title.trim();
        if !is_template_id(new_id) {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!("\"{new_id}\" cannot be a template id: use lower-case letters, digits and dashes, starting with a letter (e.g. \"aurelia-model-2026\")."),
            ));
        }
        if new_title.is_empty() {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                "Give the new template a title.",
            ));
        }
        if self.store.list_templates()?.iter().any(|t| t.id == new_id) {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!("A template with the id \"{new_id}\" already exists; choose another id."),
            ));
        }
        let original = self.load_template(id, version)?;
        let derived = original.derive(new_id, "1.0.0", new_title);
        let source = derived.to_toml().map_err(template_error)?;
        let stored = StoredTemplate {
            id: derived.id.clone(),
            version: derived.version.clone(),
            title: derived.title.clone(),
            origin: TemplateOrigin::Derived,
            source,
            created_at: self.clock.now(),
        };
        self.store.add_template_if_missing(&stored)?;
        Ok(TemplateSummaryDto::from_stored(&stored))
    }

    /// Saves an edited template. Refused, with nothing changed, when: it is a shipped template
    /// (derive your own first), a draft already uses this version (it would change under the
    /// negotiators' feet: save it as a new version instead), the id or version was changed, or
    /// the template has errors (every problem is returned).
    pub fn save_template(&mut self, template: &Template) -> Result<Report, ApiError> {
        let stored = self
            .store
            .get_template(&template.id, &template.version)?
            .ok_or_else(|| {
                ApiError::not_found("template", &format!("{} {}", template.id, template.version))
            })?;
        if stored.origin == TemplateOrigin::Shipped {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!("\"{}\" is shipped with SSA Workbench and cannot be changed. Duplicate it to make your own.", template.id),
            ));
        }
        let in_use = self
            .store
            .drafts_using_template(&template.id, &template.version)?;
        if in_use > 0 {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!("Version {} of \"{}\" is used by {in_use} draft(s) and cannot be changed. Give the template a new version number to save your changes.", template.version, template.id),
            ));
        }
        let report = template.validate();
        if report.has_errors() {
            return Err(report_error(&template.id, &report));
        }
        let source = template.to_toml().map_err(template_error)?;
        self.store.replace_template_source(
            &template.id,
            &template.version,
            &template.title,
            &source,
        )?;
        Ok(report)
    }

    /// Deletes a template version of the user's own that no draft uses.
    pub fn delete_template(&mut self, id: &str, version: &str) -> Result<(), ApiError> {
        let stored = self
            .store
            .get_template(id, version)?
            .ok_or_else(|| ApiError::not_found("template", &format!("{id} {version}")))?;
        if stored.origin == TemplateOrigin::Shipped {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!("\"{id}\" is shipped with SSA Workbench and cannot be deleted."),
            ));
        }
        let in_use = self.store.drafts_using_template(id, version)?;
        if in_use > 0 {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!("Version {version} of \"{id}\" is used by {in_use} draft(s) and cannot be deleted."),
            ));
        }
        self.store.delete_template(id, version)?;
        Ok(())
    }

    /// Imports the template file at `path` (see [`Workbench::import_template`]).
    pub fn import_template_file(
        &mut self,
        path: &std::path::Path,
    ) -> Result<TemplateSummaryDto, ApiError> {
        let (name, text) = crate::files::read_for_import(
            path,
            ssa_core::limits::MAX_TEMPLATE_BYTES,
            "template file",
        )?;
        self.import_template(&name, &text)
    }

    /// Writes the template's file to `path`, through a temporary file renamed into place so
    /// that a failed write never leaves half a file where the user expects a whole one.
    pub fn export_template_file(
        &self,
        id: &str,
        version: &str,
        path: &std::path::Path,
    ) -> Result<(), ApiError> {
        let text = self.export_template(id, version)?;
        crate::files::write_atomically(path, text.as_bytes())
    }

    /// The template's file, as stored (shipped and imported files keep their comments).
    pub fn export_template(&self, id: &str, version: &str) -> Result<String, ApiError> {
        Ok(self
            .store
            .get_template(id, version)?
            .ok_or_else(|| ApiError::not_found("template", &format!("{id} {version}")))?
            .source)
    }
}

/// Orders "1.10.0" after "1.9.0"; non-numeric parts compare as text.
pub(crate) fn compare_versions(a: &str, b: &str) -> std::cmp::Ordering {
    let parts = |v: &str| -> Vec<(u64, String)> {
        v.split('.')
            .map(|p| (p.parse::<u64>().unwrap_or(0), p.to_string()))
            .collect()
    };
    parts(a).cmp(&parts(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_template_loads_without_errors() {
        for (file, text) in SHIPPED_TEMPLATES {
            validate_template_file(file, text).unwrap_or_else(|e| panic!("{e}"));
        }
    }

    #[test]
    fn versions_compare_numerically() {
        assert_eq!(
            compare_versions("1.10.0", "1.9.0"),
            std::cmp::Ordering::Greater
        );
        assert_eq!(compare_versions("2", "10"), std::cmp::Ordering::Less);
    }
}
