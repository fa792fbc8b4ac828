//! # ssa-pdf: the documents SSA Workbench puts on the negotiating table, as PDF
//!
//! Pure: every function takes typed input and font bytes and returns PDF bytes. No files, no
//! clock: dates, status lines and labels in the user's language are passed in.
//!
//! Vocabulary:
//! - [`layout`] is the typesetting engine (line breaking, justification, pagination, tables,
//!   running header and footer, watermark); it produces a [`Typeset`]: positioned glyph runs,
//!   which tests inspect (every glyph inside the text area) before anything is drawn.
//! - [`render`] draws a [`Typeset`] with printpdf and finishes the file (language, outline).
//! - The documents: [`agreement`] (from ssa-core's rendered `Document`), [`redline`],
//!   [`brief`] (positions per article for a round) and [`step_report`] (checklist, gate
//!   decisions, comparison table). Each takes the words and texts to print, already chosen
//!   and translated by the caller (ssa-api), so this crate holds no wording of its own beyond
//!   the English defaults its tests use.
//! - [`html`] writes the agreement as HTML, for comparison with a browser's print-to-PDF.

pub mod agreement;
pub mod brief;
pub mod fonts;
pub mod handout;
pub mod html;
pub mod layout;
pub mod redline;
pub mod render;
pub mod simulation;
pub mod step_report;

pub use fonts::{FontFiles, FontSet, Style};
pub use layout::Typeset;
pub use render::DocumentInfo;

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PdfError {
    #[error("The {face} font could not be read: {reason}")]
    Font { face: &'static str, reason: String },
    #[error("The PDF could not be written: {0}")]
    Write(String),
}

/// A finished document: the PDF and what the layout found while setting it.
#[derive(Debug)]
pub struct Output {
    pub pdf: Vec<u8>,
    pub typeset: Typeset,
}

/// Typesets `blocks` and draws them: the common path of every document.
pub(crate) fn produce(
    fonts: &mut FontSet,
    blocks: &[layout::Block],
    geometry: layout::PageGeometry,
    decorations: &layout::Decorations,
    info: &DocumentInfo,
) -> Result<Output, PdfError> {
    let typeset = layout::typeset(fonts, blocks, geometry, decorations);
    let pdf = render::to_pdf(&typeset, fonts, info)?;
    Ok(Output { pdf, typeset })
}
