//! The shapes that cross the boundary. Field names are camelCase in JSON and TypeScript.

use serde::{Deserialize, Serialize};
use specta::Type;
use ssa_core::negotiation::{FieldProblem, Party, PartyRole, Shelf};
use ssa_core::process::LocalizedText;

pub use crate::process_dto::*;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct FieldProblemDto {
    pub field: String,
    pub message: String,
}

impl From<FieldProblem> for FieldProblemDto {
    fn from(problem: FieldProblem) -> Self {
        FieldProblemDto {
            field: problem.field,
            message: problem.message,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum PartyRoleDto {
    Own,
    Counterpart,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ShelfDto {
    Active,
    Archived,
    Bin,
}

impl From<ShelfDto> for Shelf {
    fn from(shelf: ShelfDto) -> Shelf {
        match shelf {
            ShelfDto::Active => Shelf::Active,
            ShelfDto::Archived => Shelf::Archived,
            ShelfDto::Bin => Shelf::Bin,
        }
    }
}

impl From<Shelf> for ShelfDto {
    fn from(shelf: Shelf) -> ShelfDto {
        match shelf {
            Shelf::Active => ShelfDto::Active,
            Shelf::Archived => ShelfDto::Archived,
            Shelf::Bin => ShelfDto::Bin,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PartyDto {
    pub name: String,
    pub iso_code: String,
    pub role: PartyRoleDto,
}

impl From<PartyDto> for Party {
    fn from(party: PartyDto) -> Party {
        Party {
            name: party.name,
            iso_code: party.iso_code,
            role: match party.role {
                PartyRoleDto::Own => PartyRole::Own,
                PartyRoleDto::Counterpart => PartyRole::Counterpart,
            },
        }
    }
}

impl From<Party> for PartyDto {
    fn from(party: Party) -> PartyDto {
        PartyDto {
            name: party.name,
            iso_code: party.iso_code,
            role: match party.role {
                PartyRole::Own => PartyRoleDto::Own,
                PartyRole::Counterpart => PartyRoleDto::Counterpart,
            },
        }
    }
}

/// Text in English with optional French and Spanish; the UI picks by its language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct LocalizedTextDto {
    pub en: String,
    pub fr: Option<String>,
    pub es: Option<String>,
}

impl From<&LocalizedText> for LocalizedTextDto {
    fn from(text: &LocalizedText) -> Self {
        LocalizedTextDto {
            en: text.en.clone(),
            fr: text.fr.clone(),
            es: text.es.clone(),
        }
    }
}

/// Where a negotiation stands in the process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct StepRefDto {
    pub id: String,
    /// 1-based position of the step in the process.
    pub number: u32,
    pub step_count: u32,
    pub title: LocalizedTextDto,
    /// Percent of the negotiation's process done (see `NegotiationProcessDto::percent`).
    pub percent_done: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct NegotiationDto {
    pub id: String,
    pub title: String,
    pub parties: Vec<PartyDto>,
    /// Three or more parties.
    pub multilateral: bool,
    pub working_languages: Vec<String>,
    pub notes: String,
    pub current_step: StepRefDto,
    pub shelf: ShelfDto,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// RFC 3339, UTC: when the content was last edited.
    pub updated_at: String,
}

/// What the user fills in to create a negotiation or change its particulars.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct NegotiationInput {
    pub title: String,
    pub parties: Vec<PartyDto>,
    pub working_languages: Vec<String>,
    pub notes: String,
}

/// For the About box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AboutDto {
    pub version: String,
    pub data_dir: String,
    pub database_path: String,
    pub log_dir: String,
    pub schema_version: u32,
    pub read_only: bool,
    /// The database is encrypted with a passphrase.
    pub encrypted: bool,
}

/// Whether a database is open, and if not, why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase", tag = "state")]
pub enum StartupDto {
    /// A database is open. `readOnly` when it is a copy opened for reading.
    #[serde(rename_all = "camelCase")]
    Ready {
        read_only: bool,
        /// The database is encrypted with a passphrase (it can be locked).
        encrypted: bool,
        database_path: String,
        /// True when this start created the database (and seeded the sample).
        created: bool,
        /// Where the database was backed up before a migration at this start, if it was.
        backup_path: Option<String>,
    },
    /// The database could not be opened. It was left untouched; the user may open a read-only
    /// copy or start a fresh database (the old file is kept aside).
    #[serde(rename_all = "camelCase")]
    Problem {
        code: crate::ErrorCode,
        message: String,
        database_path: String,
    },
    /// The database is encrypted and waits for its passphrase: nothing of it is open.
    #[serde(rename_all = "camelCase")]
    Locked {
        reason: crate::security::LockReason,
        database_path: String,
        /// Wrong passphrases entered in a row.
        wrong_attempts: u32,
        /// After five wrong passphrases: seconds before the next try is accepted.
        retry_after_seconds: Option<u32>,
    },
}

/// A stored template, for the template picker and `ssa templates`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TemplateSummaryDto {
    pub id: String,
    pub version: String,
    /// The agreement title as the template writes it (with its placeholders).
    pub title: String,
    /// "shipped", "imported" or "derived".
    pub origin: String,
    /// For an administrative arrangement: the id of the agreement template it implements. Such
    /// a template is not offered for starting an agreement.
    pub implements: Option<String>,
}

impl TemplateSummaryDto {
    pub(crate) fn from_stored(stored: &ssa_store::StoredTemplate) -> TemplateSummaryDto {
        TemplateSummaryDto {
            id: stored.id.clone(),
            version: stored.version.clone(),
            title: stored.title.clone(),
            origin: stored.origin.as_str().to_string(),
            // A stored template always parses (it was validated when stored); one that somehow
            // does not is listed as an agreement template and refused when used.
            implements: ssa_core::template::Template::parse("stored template", &stored.source)
                .ok()
                .and_then(|template| template.implements),
        }
    }
}

/// A negotiation's draft agreement with everything the agreement view needs: the template (its
/// nodes, alternatives, guidance and parameter declarations), the draft's choices, the rendered
/// document and the draft's problems.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AgreementDto {
    pub negotiation_id: String,
    pub template: ssa_core::template::Template,
    pub draft: ssa_core::template::Draft,
    pub document: ssa_core::template::Document,
    pub problems: Vec<crate::problems::ProblemDto>,
    /// Every provision, for the reference picker and the outline.
    pub provisions: Vec<ProvisionDto>,
}

/// What an edit of the draft returns: the draft as stored (the edit, with any edit another
/// writer saved meanwhile merged in), rendered afresh, and its problems.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RenderedDto {
    pub document: ssa_core::template::Document,
    pub problems: Vec<crate::problems::ProblemDto>,
    pub draft: ssa_core::template::Draft,
    pub provisions: Vec<ProvisionDto>,
}

/// One provision as the reference picker lists it: "Article 12(3)" and the heading of its
/// article. Left-out provisions are listed too (`kept: false`), so a picker can show them
/// disabled; they have no citation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ProvisionDto {
    pub id: String,
    pub kind: ssa_core::template::NodeKind,
    /// "Article 12(3)"; absent for a left-out provision.
    pub citation: Option<String>,
    /// Its own heading, or (for a paragraph or an item) its article's.
    pub heading: String,
    pub kept: bool,
    pub added: bool,
    /// 0 for the top level.
    pub depth: u32,
}

/// What a structure edit returns: the draft rendered as [`RenderedDto`], and the provision the
/// edit made, moved or changed with its citation now ("Article 9").
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct StructureEditDto {
    pub rendered: RenderedDto,
    pub node: Option<String>,
    pub citation: Option<String>,
}

/// A model a negotiation can start its draft from, as the picker lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TemplateChoiceDto {
    pub id: String,
    pub version: String,
    /// What it is, in plain words: "R167 Annex I — bilateral agreement".
    pub label: String,
    /// What it is for (the template's description).
    pub purpose: String,
    /// True for the one that fits the negotiation best: listed first and selected.
    pub recommended: bool,
}

/// One revision of a negotiation's draft; a named one is a version, and an initialled version
/// is locked with the fingerprint of its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RevisionDto {
    pub number: u32,
    pub name: Option<String>,
    /// RFC 3339, UTC.
    pub started_at: String,
    pub updated_at: String,
    pub initialled: Option<InitiallingDto>,
}

/// Who initialled a version, when, and the fingerprint of its canonical text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct InitiallingDto {
    /// SHA-256 of the canonical text, 64 lower-case hexadecimal digits.
    pub fingerprint: String,
    /// Its first digits, for lists.
    pub short_fingerprint: String,
    pub initialled_by: String,
    /// RFC 3339, UTC.
    pub initialled_at: String,
}

pub(crate) fn stamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl From<ssa_store::RevisionSummary> for RevisionDto {
    fn from(revision: ssa_store::RevisionSummary) -> Self {
        RevisionDto {
            number: revision.number,
            name: revision.name,
            started_at: stamp(revision.started_at),
            updated_at: stamp(revision.updated_at),
            initialled: revision.initialled.map(|i| InitiallingDto {
                short_fingerprint: ssa_core::initialling::short_fingerprint(&i.fingerprint)
                    .to_string(),
                fingerprint: i.fingerprint,
                initialled_by: i.initialled_by,
                initialled_at: stamp(i.initialled_at),
            }),
        }
    }
}

/// One side of a comparison: the model template, the draft as it is now, or a revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum VersionRefDto {
    /// The draft's template with its default choices and the other side's parameter values.
    Model,
    /// The draft as it is now.
    Current,
    /// A revision (a version when named), by number.
    Revision { number: u32 },
}

/// The result of checking an initialled version's fingerprint against its text now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct VerificationDto {
    pub number: u32,
    pub name: String,
    /// The fingerprint recorded when it was initialled.
    pub recorded: String,
    /// The fingerprint of the text as it renders now.
    pub recomputed: String,
    pub matches: bool,
}

/// A file an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ExportDto {
    pub path: String,
    pub pages: u32,
    pub bytes: u32,
    /// The detached signature written beside the file (`<path>.sig`), when it is signed.
    pub signature_path: Option<String>,
    /// For the agreement: how many particulars are still open and print as bracketed blanks
    /// ("[posting duration]"), the negotiators' mark for text not yet agreed.
    pub open_particulars: u32,
}
