//! # ssa-api: the use cases of SSA Workbench
//!
//! The one boundary every front end calls: the desktop shell's commands and the `ssa` CLI are
//! one-line calls into this crate. It owns the database handle for a data directory it is given
//! a path to; it is handed its clock and id source ([`Clock`], [`IdSource`]) so that tests can
//! fix both.
//!
//! Everything crossing the boundary is a DTO from [`dto`] (serialisable, with TypeScript types
//! generated through `specta`) and every failure is an [`ApiError`] `{ code, message }`.

mod agreement;
mod arrangement;
pub mod documents;
mod draft_document;
pub mod dto;
mod error;
pub mod exchange;
mod export;
mod files;
mod guard;
mod initialled;
mod negotiations;
pub mod paths;
pub mod problems;
mod process;
mod process_dto;
pub mod rounds;
mod sample;
pub mod scenarios;
pub mod team;
pub mod workshop;
mod workshop_debrief;
pub use sample::SAMPLE_TITLE;
pub use workshop_debrief::{ConvergenceDto, DebriefDto, OutcomeDto};
pub mod security;
mod session;
pub mod signing;
pub mod simulation;
mod system;
mod templates;
mod versions;

pub use agreement::Agreement;
pub use arrangement::{AgreementNumbering, ArrangementDto, ARRANGEMENT_TEMPLATE_ID};
pub use draft_document::provisions;
pub use error::{ApiError, ErrorCode};
pub use export::{PdfDocumentDto, PreparedPdf, WorkshopPdfDto};
pub use files::read_for_import;
pub use guard::{caught, internal_error};
pub use process::{validate_process_file, SHIPPED_PROCESS_FILE};
pub use session::{Session, SessionOptions, Workbench};
pub use ssa_store::Passphrase;
pub use system::{Clock, IdSource, SystemClock, UuidIds};
pub use templates::{validate_template_file, DEFAULT_TEMPLATE_ID, SHIPPED_TEMPLATES};
pub use versions::{CURRENT_WORD, MODEL_WORD};

/// The application identifier. The desktop shell's `tauri.conf.json` uses the same value, so the
/// CLI finds the app's database in the same place (a test checks they agree).
pub const APP_IDENTIFIER: &str = "org.ssaworkbench.desktop";

/// The app's version, shown in the About box.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The process definition shipped with the app.
pub const DEFAULT_PROCESS_TOML: &str =
    include_str!("../../../assets/process/eight-step-process.toml");
