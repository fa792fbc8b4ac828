//! What the workbench accepts, in numbers, and how much of a bad input a message quotes.
//!
//! Every reader of outside input (a template, process or exchange file; a draft's wording typed
//! in the app; a condition in a template) is bounded by the limits below, so that no input,
//! however hostile, can make validation or rendering take more than linear time and memory, or
//! overflow the stack. Each limit is checked where the input is read and refused with a
//! message that says the limit; the README's "Limits" section lists them for users.
//!
//! The figures are far above anything a real agreement needs (the shipped R167 Annex I template
//! is 68 KB with five levels of nesting and conditions of a dozen words), and far below what
//! would strain a laptop.

/// Largest template file read, in bytes (4 MiB: sixty times the shipped R167 Annex I).
pub const MAX_TEMPLATE_BYTES: usize = 4 * 1024 * 1024;

/// Largest process file read, in bytes (2 MiB: fifty times the shipped eight-step process).
pub const MAX_PROCESS_BYTES: usize = 2 * 1024 * 1024;

/// Largest scenario file read, in bytes (2 MiB: twenty times a shipped scenario in three
/// languages).
pub const MAX_SCENARIO_BYTES: usize = 2 * 1024 * 1024;

/// Largest team pack or workshop file read, in bytes (8 MiB: a pack carries its model
/// template, at most [`MAX_TEMPLATE_BYTES`], and a scenario, at most [`MAX_SCENARIO_BYTES`]).
pub const MAX_WORKSHOP_FILE_BYTES: usize = 8 * 1024 * 1024;

/// Largest exchange file read, in bytes (16 MiB: an agreement with every position of many
/// rounds fits in a fraction of it).
pub const MAX_EXCHANGE_BYTES: usize = 16 * 1024 * 1024;

/// Largest draft saved, as its JSON, in bytes (4 MiB: every provision of a long agreement
/// reworded several times over).
pub const MAX_DRAFT_BYTES: usize = 4 * 1024 * 1024;

/// How deep nodes may nest: a node at the top level is at depth 1, an article in a section in
/// a chapter in a part at depth 4, its paragraph at 5, sub-items below. Twelve leaves seven
/// levels of items under a paragraph; treaty drafting uses three.
pub const MAX_NESTING_DEPTH: usize = 12;

/// How deep a `when` condition may nest `not` and parentheses (`not (a or (b and not c))` is 4
/// deep). Chains of `and` / `or` do not nest and have no limit of their own.
pub const MAX_CONDITION_DEPTH: usize = 32;

/// Longest provenance note, in characters. A node without provenance of its own inherits its
/// parent's, and the rendered document repeats it on every such node, so an unbounded note
/// would grow the document with the square of the file. Shipped notes run to 200 characters.
pub const MAX_PROVENANCE_NOTE_CHARS: usize = 1000;

/// Most sources one provenance may cite (each a short id such as "C5"), for the same reason.
pub const MAX_PROVENANCE_SOURCES: usize = 20;

/// How many characters of a bad value a message quotes.
pub const EXCERPT_CHARS: usize = 40;

/// At most [`EXCERPT_CHARS`] characters of `text`, with "…" when it was cut. Cut on character
/// boundaries, never inside a multi-byte letter.
pub fn excerpt(text: &str) -> String {
    excerpt_of(text, EXCERPT_CHARS)
}

/// At most `count` characters of `text`, with "…" when it was cut.
pub fn excerpt_of(text: &str, count: usize) -> String {
    match text.char_indices().nth(count) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// "4 MB", "16 MB", "512 KB": a size limit as a person reads it.
pub fn size_text(bytes: usize) -> String {
    const MB: usize = 1024 * 1024;
    if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_cut_on_characters_and_say_so() {
        assert_eq!(excerpt_of("abcdef", 3), "abc…");
        assert_eq!(excerpt_of("ééé", 3), "ééé");
        assert_eq!(excerpt_of("éééé", 2), "éé…");
        assert_eq!(excerpt_of("", 2), "");
        assert_eq!(
            excerpt(&"x".repeat(1000)).chars().count(),
            EXCERPT_CHARS + 1
        );
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_text(MAX_TEMPLATE_BYTES), "4 MB");
        assert_eq!(size_text(512 * 1024), "512 KB");
        assert_eq!(size_text(1000), "1 KB");
    }
}
