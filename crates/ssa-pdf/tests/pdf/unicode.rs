//! French and Spanish text with every accented letter, typographic quotes and dashes, and a
//! long unbreakable word: nothing lost (pdftotext round trip), nothing outside the text area.

use ssa_pdf::layout::{Block, Decorations, PageGeometry, Paragraph, Span};
use ssa_pdf::{DocumentInfo, FontFiles, FontSet};

use crate::{assert_inside_text_area, assert_sound, tool, words, write};

const FRENCH: &str = "« L’accord s’applique à toute personne qui “réside” sur le territoire d’une Partie » : àâäçéèêëîïôöùûüÿœæ ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ – période d’assurance — être, Noël, maïs, cœur, Lætitia.";
const SPANISH: &str = "¿Qué prestaciones se exportan? ¡Todas! “Año”, ‘niño’, pingüino, acción, está, período, último: ñ Ñ á é í ó ú ü Á É Í Ó Ú Ü — cotización – seguridad social.";
const LONG_WORD: &str = "Anticonstitutionnellementinterprétationsdesaccordsbilatérauxdesécuritésocialeinterétatiquesnonobstantlesdispositionscontraires";

#[test]
fn french_and_spanish_survive_the_round_trip_without_overflow() {
    let mut fonts = FontSet::new(FontFiles::shipped()).unwrap();
    let blocks: Vec<Block> = [FRENCH, SPANISH, LONG_WORD]
        .iter()
        .map(|text| Block::Paragraph(Paragraph::new(vec![Span::plain(*text)], 11.0)))
        .collect();
    let typeset = ssa_pdf::layout::typeset(
        &mut fonts,
        &blocks,
        PageGeometry::a4(),
        &Decorations::default(),
    );
    assert!(
        typeset.missing_characters.is_empty(),
        "{:?}",
        typeset.missing_characters
    );
    assert_inside_text_area(&typeset);
    let pdf = ssa_pdf::render::to_pdf(
        &typeset,
        &fonts,
        &DocumentInfo {
            title: "Unicode".into(),
            subject: String::new(),
            language: "fr".into(),
            created_unix: 0,
        },
    )
    .unwrap();
    let output = ssa_pdf::Output { pdf, typeset };
    let (_dir, path) = write(&output, "unicode.pdf");
    assert_sound(&path);
    if let Some(text) = tool("pdftotext", &["-enc", "UTF-8"], &path) {
        let got = words(&text);
        assert!(got.contains(&words(FRENCH)), "French lost:\n{got}");
        assert!(got.contains(&words(SPANISH)), "Spanish lost:\n{got}");
        // The long word was cut over lines: joined again it is whole.
        assert!(
            got.replace(' ', "").contains(LONG_WORD),
            "long word lost:\n{got}"
        );
    }
}
