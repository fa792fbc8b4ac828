//! Exporting the agreement of a negotiation as a PDF file: the current draft or a named version.
//!
//! Contract: an export is two steps so that a front end can typeset without holding the
//! database: [`Workbench::prepare_agreement_export`] reads everything the PDF needs (the
//! rendered document, the parties, the status line, today's date from the [`crate::Clock`]) and
//! [`AgreementExport::write`] typesets and writes the file atomically (the target is the old file
//! or the whole new one, never a partial PDF). The PDF's printed words (title page, contents,
//! footer, signature block) and the date are in the agreement's language (the template's),
//! which need not be the interface's.

use std::path::Path;

use chrono::{DateTime, Datelike, Utc};
use ssa_core::template::{render, Document};
use ssa_pdf::agreement::{agreement_pdf, AgreementInput, AgreementLabels};
use ssa_pdf::FontFiles;

use crate::dto::ExportDto;
use crate::files::write_atomically;
use crate::{ApiError, ErrorCode, Workbench};

/// Everything the agreement PDF needs, read from the database; typesetting it needs no lock.
#[derive(Debug, Clone)]
pub struct AgreementExport {
    document: Document,
    parties: Vec<String>,
    status: String,
    date: String,
    watermark: Option<String>,
    language: String,
    created_unix: i64,
}

impl Workbench {
    /// Reads what the PDF of the negotiation's agreement needs: the current draft, or the
    /// version named (or numbered) `version`.
    pub fn prepare_agreement_export(
        &self,
        negotiation_id: &str,
        version: Option<&str>,
    ) -> Result<AgreementExport, ApiError> {
        let negotiation = self.get_negotiation(negotiation_id)?;
        let (template, draft, version_name) = match version {
            None => {
                let agreement = self.agreement(negotiation_id)?;
                (agreement.template, agreement.draft, None)
            }
            Some(which) => {
                let revision = self.find_revision(negotiation_id, which)?;
                let draft = self
                    .store
                    .get_revision(negotiation_id, revision.number)?
                    .ok_or_else(|| ApiError::not_found("revision", &revision.number.to_string()))?;
                let template = self.load_template(&draft.template_id, &draft.template_version)?;
                let name = revision.name.unwrap_or_else(|| revision.number.to_string());
                (template, draft, Some(name))
            }
        };
        let mut parties = negotiation.parties.clone();
        parties.sort_by_key(|p| p.role != crate::dto::PartyRoleDto::Own);
        let language = template.language.clone();
        let words = Words::of(&language);
        let now = self.clock.now();
        let date = long_date(now, &language);
        let status = match &version_name {
            None => format!("{} - {date}", words.draft),
            Some(name) => format!("{} - {} “{name}” - {date}", words.draft, words.version),
        };
        Ok(AgreementExport {
            document: render(&template, &draft),
            parties: parties.into_iter().map(|p| p.name).collect(),
            status,
            date,
            // The working text carries the word across every page; a named version is a text
            // someone tabled, printed as it was tabled.
            watermark: version_name.is_none().then(|| words.draft.to_string()),
            language,
            created_unix: now.timestamp(),
        })
    }

    /// Prepares and writes in one go (the command line).
    pub fn export_agreement_pdf(
        &self,
        negotiation_id: &str,
        version: Option<&str>,
        path: &Path,
    ) -> Result<ExportDto, ApiError> {
        self.prepare_agreement_export(negotiation_id, version)?
            .write(path)
    }
}

impl AgreementExport {
    /// Typesets the agreement and writes it to `path`.
    pub fn write(&self, path: &Path) -> Result<ExportDto, ApiError> {
        if path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase)
            != Some("pdf".into())
        {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!(
                    "{} does not end in .pdf; choose a file name ending in .pdf.",
                    path.display()
                ),
            ));
        }
        let input = AgreementInput {
            document: &self.document,
            parties: self.parties.clone(),
            status: self.status.clone(),
            date: self.date.clone(),
            watermark: self.watermark.clone(),
            language: self.language.clone(),
            created_unix: self.created_unix,
            labels: Words::of(&self.language).labels,
        };
        let output = agreement_pdf(&input, FontFiles::shipped()).map_err(|e| {
            ApiError::new(
                ErrorCode::Storage,
                format!("Could not make {}: {e}", path.display()),
            )
        })?;
        if !output.typeset.missing_characters.is_empty() {
            tracing::warn!(
                missing = ?output.typeset.missing_characters,
                "characters no shipped font can draw were replaced"
            );
        }
        write_atomically(path, &output.pdf)?;
        Ok(ExportDto {
            path: path.display().to_string(),
            pages: output.typeset.pages.len() as u32,
            bytes: output.pdf.len() as u32,
        })
    }
}

/// The words the PDF prints around the agreement, per language; English for any other.
struct Words {
    draft: &'static str,
    version: &'static str,
    labels: AgreementLabels,
}

impl Words {
    fn of(language: &str) -> Words {
        let owned = |words: [&str; 8]| AgreementLabels {
            between: words[0].into(),
            and: words[1].into(),
            contents: words[2].into(),
            page_of: words[3].into(),
            place: words[4].into(),
            date: words[5].into(),
            signature: words[6].into(),
            subject: words[7].into(),
        };
        match primary(language) {
            "fr" => Words {
                draft: "PROJET",
                version: "Version",
                labels: owned([
                    "entre",
                    "et",
                    "Table des matières",
                    "Page {page} sur {pages}",
                    "Lieu",
                    "Date",
                    "Signature",
                    "Accord de sécurité sociale",
                ]),
            },
            "es" => Words {
                draft: "BORRADOR",
                version: "Versión",
                labels: owned([
                    "entre",
                    "y",
                    "Índice",
                    "Página {page} de {pages}",
                    "Lugar",
                    "Fecha",
                    "Firma",
                    "Convenio de seguridad social",
                ]),
            },
            _ => Words {
                draft: "DRAFT",
                version: "Version",
                labels: AgreementLabels::english(),
            },
        }
    }
}

fn primary(language: &str) -> &str {
    language.split(['-', '_']).next().unwrap_or(language)
}

/// "23 November 2026", "23 novembre 2026", "23 de noviembre de 2026". A table of month names
/// rather than chrono's `unstable-locales` feature, which pulls in every locale for three.
pub(crate) fn long_date(when: DateTime<Utc>, language: &str) -> String {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const ES: [&str; 12] = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    let (day, month, year) = (when.day(), when.month0() as usize, when.year());
    match primary(language) {
        "fr" if day == 1 => format!("1er {} {year}", FR[month]),
        "fr" => format!("{day} {} {year}", FR[month]),
        "es" => format!("{day} de {} de {year}", ES[month]),
        _ => format!("{day} {} {year}", EN[month]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_are_written_in_the_agreement_language() {
        let day = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
        assert_eq!(long_date(day, "en"), "23 November 2026");
        assert_eq!(long_date(day, "fr-FR"), "23 novembre 2026");
        assert_eq!(long_date(day, "es"), "23 de noviembre de 2026");
        let first = Utc.with_ymd_and_hms(2026, 8, 1, 0, 0, 0).unwrap();
        assert_eq!(long_date(first, "fr"), "1er août 2026");
    }
}
