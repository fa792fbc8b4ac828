//! A check that work grows linearly with the input: the operation is timed on an input and on
//! one four times larger (best of five runs each, inputs built beforehand). Linear work takes
//! about 4 times as long, quadratic work 16 times; the bound of 10 tells them apart with room
//! for a busy machine. A complexity check, not a speed target: no absolute time is asserted.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One timing at a time, so that the scaling tests do not slow one another down.
static TIMING: Mutex<()> = Mutex::new(());

pub fn assert_linear<I>(what: &str, small: usize, build: impl Fn(usize) -> I, run: impl Fn(&I)) {
    let _alone = TIMING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let best = |n: usize| -> Duration {
        let input = build(n);
        (0..5)
            .map(|_| {
                let started = Instant::now();
                run(&input);
                started.elapsed()
            })
            .min()
            .unwrap()
    };
    let small_time = best(small);
    let large_time = best(small * 4);
    let ratio = large_time.as_secs_f64() / small_time.as_secs_f64().max(1e-4);
    eprintln!("{what}: {small_time:?} -> {large_time:?} ({ratio:.1}x)");
    assert!(
        ratio < 10.0,
        "{what}: {small} took {small_time:?}, {} took {large_time:?} ({ratio:.1}x for 4x the input)",
        small * 4
    );
}

/// The total length of some messages, to check that they do not repeat the input.
pub fn total_len<'a>(messages: impl IntoIterator<Item = &'a str>) -> usize {
    messages.into_iter().map(str::len).sum()
}
