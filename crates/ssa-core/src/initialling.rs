//! Initialling: the fingerprint that identifies the exact text of an initialled version.
//!
//! When negotiators initial a version they fix its text; the fingerprint lets anyone holding a
//! copy (an export, a printout, the other party's file) check that it is that text.
//!
//! **Canonical text.** The fingerprint is the SHA-256 of the version's canonical text, encoded
//! as UTF-8, written as 64 lower-case hexadecimal digits. The canonical text is
//! [`Document::to_plain_text`] of the version rendered on its template (title first, then every
//! provision with its computed number and heading, paragraphs and items with their labels and
//! indentation, references written out, unfilled particulars marked `[…: not filled]`), with
//! every line ending (`\r\n`, `\r`) turned into `\n` and the whole text normalised to Unicode
//! NFC. Nothing else goes in: not the template's guidance or provenance, not the version's name,
//! date or author. The same words in the same numbering always give the same fingerprint.

use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use crate::template::Document;

/// How many hexadecimal digits the short form of a fingerprint shows.
pub const SHORT_FINGERPRINT_DIGITS: usize = 12;

/// The canonical text of a rendered version (see the module documentation).
pub fn canonical_text(document: &Document) -> String {
    document
        .to_plain_text()
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .nfc()
        .collect()
}

/// SHA-256 of the canonical text, as 64 lower-case hexadecimal digits.
pub fn fingerprint(document: &Document) -> String {
    fingerprint_of_text(&canonical_text(document))
}

/// SHA-256 of `canonical` (already canonical text), as 64 lower-case hexadecimal digits.
pub fn fingerprint_of_text(canonical: &str) -> String {
    let digest = Sha256::digest(canonical.as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The first [`SHORT_FINGERPRINT_DIGITS`] digits, for lists; the full value is what counts.
pub fn short_fingerprint(fingerprint: &str) -> &str {
    &fingerprint[..fingerprint.len().min(SHORT_FINGERPRINT_DIGITS)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_documents::{article, document as doc};

    fn document(title: &str, text: &str) -> Document {
        doc(title, vec![article("A1", 1, text)])
    }

    #[test]
    fn the_fingerprint_of_a_fixed_document_never_changes() {
        let doc = document("Agreement", "Each Party shall apply this Agreement.");
        assert_eq!(
            canonical_text(&doc),
            "Agreement\n\nArticle 1\n\nEach Party shall apply this Agreement.\n"
        );
        // Golden value: `printf 'Agreement\n\nArticle 1\n\nEach Party shall apply this Agreement.\n' | sha256sum`
        assert_eq!(
            fingerprint(&doc),
            "c1f49cf0707579ceb70ddd5844c148b040bf5e659c8b04b4137183a3940a9d0d"
        );
        assert_eq!(short_fingerprint(&fingerprint(&doc)).len(), 12);
    }

    #[test]
    fn the_same_text_gives_the_same_fingerprint_whatever_its_encoding_of_accents_and_line_ends() {
        let composed = document("Accord", "L'État applique l'accord.\r\nFin.");
        let decomposed = document("Accord", "L'E\u{301}tat applique l'accord.\nFin.");
        assert_eq!(fingerprint(&composed), fingerprint(&decomposed));
        let other = document("Accord", "L'État applique l'accord.\nFin!");
        assert_ne!(fingerprint(&composed), fingerprint(&other));
    }
}
