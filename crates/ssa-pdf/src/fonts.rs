//! The fonts a document is set in, and the measurements the layout takes from them.
//!
//! Contract: a [`FontSet`] is built from font bytes handed in by the caller (this crate reads no
//! files). Every character is set in the face its style asks for when that face has a glyph for
//! it, otherwise in the fallback face; when neither has one it is replaced by U+FFFD (the
//! replacement character, drawn from the fallback) and reported in
//! [`crate::Typeset::missing_characters`], so nothing is ever dropped without a trace.
//! Advance widths come from the same `hmtx` table printpdf writes into the PDF's `/W` array,
//! so what the layout measures is what a viewer draws.

use crate::PdfError;

/// The font files of a document, as bytes.
#[derive(Clone, Copy)]
pub struct FontFiles<'a> {
    pub regular: &'a [u8],
    pub bold: &'a [u8],
    pub italic: &'a [u8],
    /// Used for characters the three faces above lack (symbols, other scripts).
    pub fallback: &'a [u8],
}

impl FontFiles<'static> {
    /// The fonts shipped in `assets/fonts` (with their licences), built into the binary so an
    /// export looks the same on every machine and needs no font installed.
    pub fn shipped() -> FontFiles<'static> {
        FontFiles {
            regular: include_bytes!("../../../assets/fonts/LiberationSerif-Regular.ttf"),
            bold: include_bytes!("../../../assets/fonts/LiberationSerif-Bold.ttf"),
            italic: include_bytes!("../../../assets/fonts/LiberationSerif-Italic.ttf"),
            fallback: include_bytes!("../../../assets/fonts/DejaVuSans.ttf"),
        }
    }
}

/// The typographic style of a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Regular,
    Bold,
    Italic,
}

/// Index of a face in a [`FontSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceId(pub(crate) usize);

pub(crate) const FALLBACK: FaceId = FaceId(3);
const REPLACEMENT: char = '\u{FFFD}';

pub(crate) struct Face {
    pub(crate) name: &'static str,
    pub(crate) bytes: Vec<u8>,
    units_per_em: f32,
    /// Advance width per char, cached: measuring is the layout's inner loop.
    advances: std::collections::HashMap<char, Option<f32>>,
    ascender: f32,
}

impl Face {
    fn parse(name: &'static str, bytes: &[u8]) -> Result<Face, PdfError> {
        let face = ttf_parser::Face::parse(bytes, 0).map_err(|e| PdfError::Font {
            face: name,
            reason: e.to_string(),
        })?;
        Ok(Face {
            name,
            bytes: bytes.to_vec(),
            units_per_em: f32::from(face.units_per_em()),
            advances: Default::default(),
            ascender: f32::from(face.ascender()),
        })
    }

    /// Advance of `c` in em, or `None` when the face has no glyph for it.
    fn advance(&mut self, c: char) -> Option<f32> {
        if let Some(known) = self.advances.get(&c) {
            return *known;
        }
        let face = ttf_parser::Face::parse(&self.bytes, 0).expect("parsed once already");
        let advance = face
            .glyph_index(c)
            .filter(|g| g.0 != 0)
            .and_then(|g| face.glyph_hor_advance(g))
            .map(|a| f32::from(a) / self.units_per_em);
        self.advances.insert(c, advance);
        advance
    }
}

pub struct FontSet {
    pub(crate) faces: Vec<Face>,
}

impl FontSet {
    pub fn new(files: FontFiles<'_>) -> Result<FontSet, PdfError> {
        Ok(FontSet {
            faces: vec![
                Face::parse("regular", files.regular)?,
                Face::parse("bold", files.bold)?,
                Face::parse("italic", files.italic)?,
                Face::parse("fallback", files.fallback)?,
            ],
        })
    }

    fn face_of(style: Style) -> FaceId {
        match style {
            Style::Regular => FaceId(0),
            Style::Bold => FaceId(1),
            Style::Italic => FaceId(2),
        }
    }

    /// The face that draws `c` in `style`, the character actually drawn (U+FFFD when no face
    /// has it) and its advance in em.
    pub(crate) fn resolve(&mut self, c: char, style: Style) -> (FaceId, char, f32) {
        let own = Self::face_of(style);
        if let Some(advance) = self.faces[own.0].advance(c) {
            return (own, c, advance);
        }
        if let Some(advance) = self.faces[FALLBACK.0].advance(c) {
            return (FALLBACK, c, advance);
        }
        let advance = self.faces[FALLBACK.0].advance(REPLACEMENT).unwrap_or(0.6);
        (FALLBACK, REPLACEMENT, advance)
    }

    /// Width of `text` in points at `size`, each character in the face that draws it.
    pub fn width(&mut self, text: &str, style: Style, size: f32) -> f32 {
        text.chars().map(|c| self.resolve(c, style).2).sum::<f32>() * size
    }

    /// The regular face's ascender in em (to place the first baseline under a top edge).
    pub(crate) fn ascender(&self) -> f32 {
        self.faces[0].ascender / self.faces[0].units_per_em
    }

    pub fn has_glyph(&mut self, c: char, style: Style) -> bool {
        self.faces[Self::face_of(style).0].advance(c).is_some()
    }
}
