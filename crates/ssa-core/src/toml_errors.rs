//! TOML errors worded for a person: the template and process readers show the TOML library's
//! message with the line, and a few of its messages speak in Rust types ("invalid type: integer
//! `99999999999999999999` as i128, expected i64"). Those are rewritten here; every message is
//! also cut to a short length, since some quote the offending input whole.

use crate::limits::excerpt_of;

/// Longest message kept, in characters.
const MESSAGE_CHARS: usize = 300;

/// The message of a TOML error (without its line, which the caller adds), worded for a person.
pub(crate) fn toml_message(error: &toml::de::Error) -> String {
    person_message(error.message().trim())
}

fn person_message(message: &str) -> String {
    if let Some(number) = out_of_range_integer(message) {
        let expected = message.rsplit("expected ").next().unwrap_or("");
        let range = match expected.trim() {
            "u8" => "from 0 to 255",
            "u16" => "from 0 to 65,535",
            "u32" => "from 0 to 4,294,967,295",
            "u64" | "usize" => "from 0 to 18,446,744,073,709,551,615",
            "i32" => "from -2,147,483,648 to 2,147,483,647",
            _ => "from -9,223,372,036,854,775,808 to 9,223,372,036,854,775,807",
        };
        return format!(
            "the number {} is out of range: whole numbers here go {range}",
            excerpt_of(number, 30)
        );
    }
    if message.contains("max recursion depth") {
        return "arrays or tables are nested too deeply to be read; no SSA Workbench file nests \
                them more than a few levels"
            .into();
    }
    if message == "floating-point number overflowed" {
        return "a number is too large to be read".into();
    }
    excerpt_of(message, MESSAGE_CHARS)
}

/// The number in "invalid type: integer `N` as i128, expected …" (also for "as u128").
fn out_of_range_integer(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("invalid type: integer `")?;
    let (number, tail) = rest.split_once('`')?;
    (tail.starts_with(" as i128") || tail.starts_with(" as u128")).then_some(number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_types_become_ranges() {
        let message =
            person_message("invalid type: integer `99999999999999999999` as i128, expected i64");
        assert_eq!(
            message,
            "the number 99999999999999999999 is out of range: whole numbers here go from \
             -9,223,372,036,854,775,808 to 9,223,372,036,854,775,807"
        );
        assert!(!message.contains("i128"));
        assert!(
            person_message("invalid type: integer `-1` as i128, expected u32")
                .contains("from 0 to 4,294,967,295")
        );
    }

    #[test]
    fn other_messages_are_kept_but_cut_short() {
        assert_eq!(person_message("missing field `id`"), "missing field `id`");
        let long = format!("unknown field `{}`", "x".repeat(10_000));
        assert!(person_message(&long).chars().count() <= MESSAGE_CHARS + 1);
        assert!(
            person_message("cannot recurse further; max recursion depth met")
                .contains("nested too deeply")
        );
    }
}
