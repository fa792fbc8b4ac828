//! Exporting a negotiation's documents as PDF files: the agreement (the current draft or a
//! version), a redline between two texts, the negotiation brief of a round, and the step report.
//!
//! Contract:
//! - An export is two steps so that a front end can typeset without holding the database:
//!   [`Workbench::prepare_pdf`] reads everything the document needs (texts, parties, the status
//!   line, today's date from the [`crate::Clock`]) into a [`PreparedPdf`], and
//!   [`PreparedPdf::write`] typesets it and writes the file atomically (the target is the old
//!   file or the whole new one, never a partial PDF).
//! - Words printed around the negotiation's text come from [`words`]: the agreement and the
//!   redline in the agreement's language (its template's), the brief and the step report in
//!   the language the user asks for (the interface's).
//! - The running header's status says what the paper is: "DRAFT - Round 3 - 23 November 2026"
//!   for the working text (the round is the latest one, left out before the first round),
//!   "INITIALLED - <fingerprint prefix>" for an initialled version, "DRAFT - Version “name” -
//!   date" for a named version not initialled.
//! - The brief's mandate column is filled only for the internal variant; the counterpart
//!   variant never reads the mandate at all.
//! - The agreement PDF of an initialled version prints the text's fingerprint and each
//!   delegation's signature on it (ours, and theirs once received in their exchange file), and
//!   is signed: a detached `<file>.sig` is written beside it ([`Workbench::sign_file`]).

mod brief;
mod redline;
mod simulation;
mod step_report;
mod words;
mod workshop;
mod workshop_words;

pub(crate) use workshop::workshop_article_word;
pub use workshop::WorkshopPdfDto;

use std::path::Path;

use serde::{Deserialize, Serialize};
use specta::Type;
use ssa_core::initialling::short_fingerprint;
use ssa_core::template::Document;
use ssa_pdf::agreement::{
    agreement_pdf, printable_signature, AgreementInput, InitialledSeal, SealSignature,
};
use ssa_pdf::brief::{brief_pdf, BriefInput};
use ssa_pdf::redline::{redline_pdf, RedlineInput};
use ssa_pdf::simulation::{simulation_pdf, SimulationInput};
use ssa_pdf::step_report::{step_report_pdf, StepReportInput};
use ssa_pdf::{FontFiles, Output, PdfError};

use crate::dto::{ExportDto, PartyRoleDto, VersionRefDto};
use crate::files::write_atomically;
use crate::{ApiError, ErrorCode, Workbench};

pub(crate) use words::Words;

/// Which document to export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(tag = "doc", rename_all = "snake_case")]
pub enum PdfDocumentDto {
    /// The agreement: title page, contents, articles, signature block.
    Agreement { version: VersionRefDto },
    /// What changed from `before` to `after`, with a summary up front.
    Redline {
        before: VersionRefDto,
        after: VersionRefDto,
        /// Only the provisions that changed (otherwise the whole text, changes marked).
        #[serde(rename = "changedOnly")]
        changed_only: bool,
    },
    /// The four-column table of a round (the latest when `round_id` is absent).
    Brief {
        #[serde(rename = "roundId")]
        round_id: Option<String>,
        /// The internal variant, with the mandate column. Never hand it to the other party.
        internal: bool,
        /// Append the benefit simulation after the table.
        #[serde(default, rename = "withSimulation")]
        with_simulation: bool,
    },
    /// The process checklist and gate decisions, and the feasibility comparison table.
    StepReport,
    /// The benefit simulation: each sample career's pensions without and with the agreement,
    /// the arithmetic, and the corridor's cost estimate.
    Simulation,
}

/// Everything a document needs, read from the database; typesetting it needs no lock.
#[derive(Debug, Clone)]
pub enum PreparedPdf {
    Agreement(Box<AgreementJob>),
    Redline(Box<RedlineInput>),
    Brief(Box<BriefInput>),
    StepReport(Box<StepReportInput>),
    /// A workshop handout or the debrief.
    Handout(Box<ssa_pdf::handout::HandoutInput>),
    Simulation(Box<SimulationInput>),
}

/// The agreement's input owns its document (the PDF crate's input borrows it).
#[derive(Debug, Clone)]
pub struct AgreementJob {
    document: Document,
    parties: Vec<String>,
    status: String,
    date: String,
    watermark: Option<String>,
    language: String,
    created_unix: i64,
    seal: Option<InitialledSeal>,
}

/// What the header says about a text of the agreement, and whether it carries the DRAFT
/// watermark.
pub(crate) struct TextStatus {
    pub status: String,
    pub watermark: Option<String>,
}

impl Workbench {
    /// Reads what `document` needs. `language` is the language of the brief's and the step
    /// report's words (the agreement and the redline use the agreement's own language).
    pub fn prepare_pdf(
        &mut self,
        negotiation_id: &str,
        document: &PdfDocumentDto,
        language: &str,
    ) -> Result<PreparedPdf, ApiError> {
        Ok(match document {
            PdfDocumentDto::Agreement { version } => {
                PreparedPdf::Agreement(Box::new(self.prepare_agreement(negotiation_id, version)?))
            }
            PdfDocumentDto::Redline {
                before,
                after,
                changed_only,
            } => PreparedPdf::Redline(Box::new(self.prepare_redline(
                negotiation_id,
                before,
                after,
                *changed_only,
            )?)),
            PdfDocumentDto::Brief {
                round_id,
                internal,
                with_simulation,
            } => {
                let mut brief =
                    self.prepare_brief(negotiation_id, round_id.as_deref(), *internal, language)?;
                if *with_simulation {
                    brief.simulation = Some(self.prepare_simulation(negotiation_id, language)?);
                }
                PreparedPdf::Brief(Box::new(brief))
            }
            PdfDocumentDto::StepReport => PreparedPdf::StepReport(Box::new(
                self.prepare_step_report(negotiation_id, language)?,
            )),
            PdfDocumentDto::Simulation => PreparedPdf::Simulation(Box::new(
                self.prepare_simulation(negotiation_id, language)?,
            )),
        })
    }

    /// Prepares and writes in one go (the command line), and signs what is signed.
    pub fn export_pdf(
        &mut self,
        negotiation_id: &str,
        document: &PdfDocumentDto,
        language: &str,
        path: &Path,
    ) -> Result<ExportDto, ApiError> {
        let job = self.prepare_pdf(negotiation_id, document, language)?;
        let written = job.write(path)?;
        self.sign_export(negotiation_id, &job, written)
    }

    /// Signs the written PDF when it is one of an initialled text (see the module contract).
    pub fn sign_export(
        &mut self,
        negotiation_id: &str,
        job: &PreparedPdf,
        mut written: ExportDto,
    ) -> Result<ExportDto, ApiError> {
        if job.is_signed() {
            let signature = self.sign_file(negotiation_id, Path::new(&written.path))?;
            written.signature_path = Some(signature.display().to_string());
        }
        Ok(written)
    }

    /// The fingerprint and signatures printed on an initialled version's PDF.
    fn seal(
        &mut self,
        negotiation_id: &str,
        version: &VersionRefDto,
        words: &Words,
    ) -> Result<Option<InitialledSeal>, ApiError> {
        let VersionRefDto::Revision { number } = version else {
            return Ok(None);
        };
        let Some(initialled) = self.revision(negotiation_id, *number)?.initialled else {
            return Ok(None);
        };
        let signatures =
            self.initialling_signatures(negotiation_id, *number, &initialled.fingerprint)?;
        let mut parties = self.get_negotiation(negotiation_id)?.parties;
        parties.sort_by_key(|p| p.role != PartyRoleDto::Own);
        let signatures = parties
            .into_iter()
            .map(|party| {
                let lines = match signatures.iter().find(|s| s.delegation == party.iso_code) {
                    Some(signed) => {
                        let key = ssa_core::signing::PublicKey::from_hex(&signed.public_key)
                            .map(|k| k.fingerprint().to_grouped_hex())
                            .unwrap_or_default();
                        vec![
                            format!("{}: {key}", words.seal_key),
                            format!(
                                "{}: {}",
                                words.seal_signature,
                                printable_signature(&signed.signature)
                            ),
                        ]
                    }
                    None => vec![words.seal_missing.to_string()],
                };
                SealSignature {
                    delegation: words.seal_delegation.replace("{name}", &party.name),
                    lines,
                }
            })
            .collect();
        Ok(Some(InitialledSeal {
            heading: words.seal_heading.into(),
            fingerprint_label: words.seal_fingerprint.into(),
            fingerprint: initialled.fingerprint,
            signatures,
        }))
    }

    fn prepare_agreement(
        &mut self,
        negotiation_id: &str,
        version: &VersionRefDto,
    ) -> Result<AgreementJob, ApiError> {
        let negotiation = self.get_negotiation(negotiation_id)?;
        self.refuse_broken_text(negotiation_id, version)?;
        let (document, language) = self.render_version(negotiation_id, version)?;
        let words = Words::of(&language);
        let now = self.clock.now();
        let date = words.long_date(now.date_naive());
        let text = self.text_status(negotiation_id, version, words, &date)?;
        let seal = self.seal(negotiation_id, version, words)?;
        let mut parties = negotiation.parties;
        parties.sort_by_key(|p| p.role != PartyRoleDto::Own);
        Ok(AgreementJob {
            document,
            parties: parties.into_iter().map(|p| p.name).collect(),
            status: text.status,
            date,
            watermark: text.watermark,
            language,
            created_unix: now.timestamp(),
            seal,
        })
    }

    /// Refuses to print a text that would read broken (a reference with no target, a term
    /// whose definition is left out, wording whose markup does not parse), with the list of
    /// what to fix, each named by its provision. An initialled version is printed as it was
    /// initialled, whatever it holds: its text is fixed.
    fn refuse_broken_text(
        &self,
        negotiation_id: &str,
        version: &VersionRefDto,
    ) -> Result<(), ApiError> {
        if let VersionRefDto::Revision { number } = version {
            if self.revision(negotiation_id, *number)?.initialled.is_some() {
                return Ok(());
            }
        }
        let current = self.current_draft(negotiation_id)?;
        let draft = self.side_draft(negotiation_id, version, &current)?;
        let template = self.load_template(&draft.template_id, &draft.template_version)?;
        let (document, problems) = crate::guard::render_checked(&template, &draft);
        let broken: Vec<crate::problems::ProblemDto> =
            crate::problems::worded(&template, &document, &problems)
                .into_iter()
                .filter(|p| {
                    p.severity == ssa_core::template::Severity::Error
                        && crate::problems::prints_broken(p.kind)
                })
                .collect();
        if broken.is_empty() {
            return Ok(());
        }
        let mut error = ApiError::new(
            ErrorCode::InvalidInput,
            format!(
                "This text is not exported: {} would print broken. Fix {} first (the problems \
                 panel lists {}), then export again.",
                if broken.len() == 1 {
                    "one provision".to_string()
                } else {
                    format!("{} places", broken.len())
                },
                if broken.len() == 1 { "it" } else { "them" },
                if broken.len() == 1 { "it" } else { "them" },
            ),
        );
        error.problems = broken
            .into_iter()
            .map(|p| crate::dto::FieldProblemDto {
                field: p.node.unwrap_or_default(),
                message: p.message,
            })
            .collect();
        Err(error)
    }

    /// The header status and watermark of a text of the agreement (see the module contract).
    pub(crate) fn text_status(
        &self,
        negotiation_id: &str,
        version: &VersionRefDto,
        words: &Words,
        date: &str,
    ) -> Result<TextStatus, ApiError> {
        Ok(match version {
            VersionRefDto::Current => {
                let round = self
                    .store
                    .list_rounds(negotiation_id)?
                    .last()
                    .map(|r| r.number);
                TextStatus {
                    status: match round {
                        Some(n) => format!("{} - {} {n} - {date}", words.draft, words.round),
                        None => format!("{} - {date}", words.draft),
                    },
                    // The working text carries the word across every page.
                    watermark: Some(words.draft.to_string()),
                }
            }
            VersionRefDto::Model => TextStatus {
                status: format!("{} - {date}", capitalised(words.model)),
                watermark: None,
            },
            VersionRefDto::Revision { number } => {
                let revision = self.revision(negotiation_id, *number)?;
                // A version is a text someone tabled: printed as it was tabled, unmarked.
                let status = match (&revision.initialled, &revision.name) {
                    (Some(initialled), _) => format!(
                        "{} - {}",
                        words.initialled,
                        short_fingerprint(&initialled.fingerprint)
                    ),
                    (None, Some(name)) => {
                        format!("{} - {} “{name}” - {date}", words.draft, words.version)
                    }
                    (None, None) => {
                        format!("{} - {} {number} - {date}", words.draft, words.revision)
                    }
                };
                TextStatus {
                    status,
                    watermark: None,
                }
            }
        })
    }
}

/// The particulars still open in a document: each prints as a bracketed blank.
fn open_particulars(document: &Document) -> u32 {
    let count = |segments: &[ssa_core::template::Segment]| {
        segments
            .iter()
            .filter(|s| matches!(s, ssa_core::template::Segment::Unfilled { .. }))
            .count()
    };
    let in_nodes: usize = document
        .walk()
        .map(|node| count(&node.heading) + count(&node.text))
        .sum();
    (count(&document.title) + in_nodes) as u32
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl PreparedPdf {
    /// Whether the written file is signed (the agreement of an initialled version).
    pub fn is_signed(&self) -> bool {
        matches!(self, PreparedPdf::Agreement(job) if job.seal.is_some())
    }

    /// Typesets the document and writes it to `path`, which must end in `.pdf`.
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
        let output = self.typeset().map_err(|e| {
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
            signature_path: None,
            open_particulars: match self {
                PreparedPdf::Agreement(job) => open_particulars(&job.document),
                _ => 0,
            },
        })
    }

    /// The PDF, without writing it anywhere.
    pub fn typeset(&self) -> Result<Output, PdfError> {
        let fonts = FontFiles::shipped();
        match self {
            PreparedPdf::Agreement(job) => agreement_pdf(
                &AgreementInput {
                    document: &job.document,
                    parties: job.parties.clone(),
                    status: job.status.clone(),
                    date: job.date.clone(),
                    watermark: job.watermark.clone(),
                    language: job.language.clone(),
                    created_unix: job.created_unix,
                    labels: Words::of(&job.language).agreement_labels(),
                    seal: job.seal.clone(),
                },
                fonts,
            ),
            PreparedPdf::Redline(input) => redline_pdf(input, fonts),
            PreparedPdf::Brief(input) => brief_pdf(input, fonts),
            PreparedPdf::StepReport(input) => step_report_pdf(input, fonts),
            PreparedPdf::Handout(input) => ssa_pdf::handout::handout_pdf(input, fonts),
            PreparedPdf::Simulation(input) => simulation_pdf(input, fonts),
        }
    }
}
