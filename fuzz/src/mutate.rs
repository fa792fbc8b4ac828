//! Inputs made from the seed corpus: the n-th input of a run is a pure function of the seed
//! corpus, the run's seed and n, so any input a report names can be made again.
//!
//! Each input is one seed (or two spliced) with one to eight mutations, chosen among:
//!
//! - byte-level: flip a bit, overwrite with an "interesting" byte, delete, insert or duplicate
//!   a range, truncate;
//! - token-level: insert a token of the target's dictionary, or a multi-byte letter (é, ñ, €,
//!   a four-byte emoji) where an ASCII one was;
//! - structural blow-ups, the shape of the faults of issue 19: repeat a slice of the input
//!   hundreds or thousands of times (ids, conditions, tables, array items), or repeat one
//!   opening token thousands of times (`not `, `(`, `[`, `{`).
//!
//! Inputs stay under [`MAX_INPUT`] bytes so that a run measures the readers, not the copying.

use fastrand::Rng;

/// Largest input made, in bytes (over the template and process size limits, under the
/// exchange one, so that both the refusal and the reading are exercised).
pub const MAX_INPUT: usize = 6 * 1024 * 1024;

/// Bytes that often matter to a parser.
const INTERESTING: &[u8] = b"\0\n\r\t \"'\\{}[]()=,.:#-_|<>!0123456789\xc3\xa9\xff";

/// Letters of more than one byte, to land inside and beside UTF-8 sequences.
const WIDE: &[&str] = &["é", "ñ", "ü", "€", "ß", "😀", "\u{301}", "\u{200b}", "Ω"];

/// Openers that nest when repeated.
const OPENERS: &[&str] = &[
    "not ", "(", "[", "{", "[[", "{\"a\":", "[1,", "{{", "a.", "\"",
];

/// The `iteration`-th input of the run `seed` over `corpus`.
pub fn input(corpus: &[Vec<u8>], dictionary: &[&str], seed: u64, iteration: u64) -> Vec<u8> {
    let mut rng = Rng::with_seed(mix(seed, iteration));
    let mut data = if corpus.is_empty() {
        Vec::new()
    } else {
        corpus[rng.usize(..corpus.len())].clone()
    };
    let mutations = rng.usize(1..=8);
    for _ in 0..mutations {
        mutate_once(&mut rng, &mut data, corpus, dictionary);
        if data.len() > MAX_INPUT {
            data.truncate(MAX_INPUT);
        }
    }
    data
}

/// SplitMix64 of the seed and the iteration: neighbouring iterations get unrelated streams.
fn mix(seed: u64, iteration: u64) -> u64 {
    let mut z = seed ^ iteration.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn position(rng: &mut Rng, data: &[u8]) -> usize {
    rng.usize(..=data.len())
}

/// A range of `data` of at most `longest` bytes.
fn range(rng: &mut Rng, data: &[u8], longest: usize) -> (usize, usize) {
    let start = position(rng, data);
    let end = (start + rng.usize(..=longest)).min(data.len());
    (start, end)
}

fn mutate_once(rng: &mut Rng, data: &mut Vec<u8>, corpus: &[Vec<u8>], dictionary: &[&str]) {
    match rng.u8(..13) {
        0 if !data.is_empty() => {
            let at = rng.usize(..data.len());
            data[at] ^= 1 << rng.u8(..8);
        }
        1 if !data.is_empty() => {
            let at = rng.usize(..data.len());
            data[at] = INTERESTING[rng.usize(..INTERESTING.len())];
        }
        2 => {
            let (start, end) = range(rng, data, 64);
            data.drain(start..end);
        }
        3 => {
            let at = position(rng, data);
            let bytes: Vec<u8> = (0..rng.usize(1..16)).map(|_| rng.u8(..)).collect();
            data.splice(at..at, bytes);
        }
        4 | 5 if !dictionary.is_empty() => {
            let at = position(rng, data);
            let token = dictionary[rng.usize(..dictionary.len())].as_bytes();
            data.splice(at..at, token.iter().copied());
        }
        6 => {
            let (start, end) = range(rng, data, 256);
            let chunk = data[start..end].to_vec();
            let at = position(rng, data);
            data.splice(at..at, chunk);
        }
        7 => {
            // Blow-up: one slice repeated.
            let (start, end) = range(rng, data, 128);
            if end > start {
                let times = repeat_count(rng);
                let chunk = data[start..end].repeat(times);
                data.splice(end..end, chunk);
            }
        }
        8 => {
            // Blow-up: one opener repeated (deep nesting).
            let opener = OPENERS[rng.usize(..OPENERS.len())];
            let at = position(rng, data);
            data.splice(at..at, opener.repeat(repeat_count(rng)).into_bytes());
        }
        9 => {
            let at = position(rng, data);
            let wide = WIDE[rng.usize(..WIDE.len())].as_bytes();
            if at < data.len() && data[at].is_ascii() && rng.bool() {
                data.splice(at..at + 1, wide.iter().copied());
            } else {
                data.splice(at..at, wide.iter().copied());
            }
        }
        10 if !corpus.is_empty() => {
            // Splice: a piece of another seed.
            let other = &corpus[rng.usize(..corpus.len())];
            let (start, end) = range(rng, other, 512);
            let at = position(rng, data);
            data.splice(at..at, other[start..end].iter().copied());
        }
        11 => {
            let at = position(rng, data);
            data.truncate(at);
        }
        _ => {
            // Swap two bytes.
            if data.len() >= 2 {
                let a = rng.usize(..data.len());
                let b = rng.usize(..data.len());
                data.swap(a, b);
            }
        }
    }
}

/// Mostly a few repeats, sometimes thousands: deep and wide inputs without every input being
/// huge.
fn repeat_count(rng: &mut Rng) -> usize {
    match rng.u8(..10) {
        0..=5 => rng.usize(2..16),
        6..=8 => rng.usize(16..1_000),
        _ => rng.usize(1_000..40_000),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_input_is_made_again_from_its_seed_and_iteration() {
        let corpus = vec![b"id = \"a\"\n[[node]]\n".to_vec(), b"{\"a\": [1]}".to_vec()];
        let dictionary = ["[[node]]", "when = "];
        for iteration in 0..200 {
            assert_eq!(
                input(&corpus, &dictionary, 7, iteration),
                input(&corpus, &dictionary, 7, iteration)
            );
        }
        let distinct: std::collections::HashSet<Vec<u8>> = (0..200)
            .map(|i| input(&corpus, &dictionary, 7, i))
            .collect();
        assert!(distinct.len() > 150, "{} distinct inputs", distinct.len());
    }

    #[test]
    fn inputs_stay_under_the_size_bound_and_some_nest_deep() {
        let corpus = vec![b"x".repeat(100_000)];
        let mut deep = 0;
        for iteration in 0..300 {
            let made = input(&corpus, &[], 1, iteration);
            assert!(made.len() <= MAX_INPUT);
            if made.windows(8).any(|w| w == b"not not ") || made.windows(4).any(|w| w == b"((((") {
                deep += 1;
            }
        }
        assert!(deep > 0);
    }
}
