//! One run: inputs `from..to` of one target, in this process. Prints one line per event on
//! standard output, for the campaign that started it:
//!
//! ```text
//! progress <next iteration>
//! start <iteration>                    (with `save_each` only, before each input)
//! panic <iteration> <message>          (the input is saved to the crash folder)
//! hang <iteration> <milliseconds>      (an input that took over HANG_MS)
//! done <inputs run> <slowest ms> <peak KB>
//! ```
//!
//! With `save_each`, every input is written to that file before it runs, so that the input of
//! an abort (which ends the process) can be found by running again.

use std::io::Write;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::{corpus, mutate, Target};

/// An input that takes longer than this is a hang.
pub const HANG_MS: u128 = 5_000;

pub struct RunOptions {
    pub seed: u64,
    pub from: u64,
    pub to: u64,
    /// Stop early when this much time has passed.
    pub deadline: Option<Duration>,
    pub save_each: Option<PathBuf>,
    pub crash_dir: PathBuf,
}

/// The file an input of `target` is saved to when it fails.
pub fn crash_path(crash_dir: &Path, target: &str, seed: u64, iteration: u64) -> PathBuf {
    crash_dir.join(format!("{target}-{seed}-{iteration}.bin"))
}

/// The stack the inputs run on: 2 MiB, what a thread of the app's async runtime has (the
/// main thread's 8 MiB would hide an overflow that a command on a worker thread hits).
pub const STACK_BYTES: usize = 2 * 1024 * 1024;

/// Runs `work` on a thread with a [`STACK_BYTES`] stack.
pub fn on_small_stack<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, work)
            .expect("a thread starts")
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

pub fn run(target: &Target, options: &RunOptions) -> std::io::Result<()> {
    on_small_stack(|| run_here(target, options))
}

fn run_here(target: &Target, options: &RunOptions) -> std::io::Result<()> {
    let seeds = corpus(target)?;
    let out = std::io::stdout();
    let started = Instant::now();
    let mut last_progress = Instant::now();
    let mut slowest_ms = 0u128;
    let mut ran = 0u64;
    // Panics are counted, not printed by the default hook.
    let message: Arc<Mutex<String>> = Arc::default();
    let hook_message = Arc::clone(&message);
    panic::set_hook(Box::new(move |info| {
        let location = info
            .location()
            .map(|l| format!(" at {l}"))
            .unwrap_or_default();
        let text = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".into());
        *hook_message.lock().unwrap_or_else(|p| p.into_inner()) = format!("{text}{location}");
    }));
    for iteration in options.from..options.to {
        if options.deadline.is_some_and(|d| started.elapsed() >= d) {
            break;
        }
        let input = mutate::input(&seeds, target.dictionary, options.seed, iteration);
        if let Some(path) = &options.save_each {
            std::fs::write(path, &input)?;
            let mut out = out.lock();
            writeln!(out, "start {iteration}")?;
            out.flush()?;
        }
        let began = Instant::now();
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| (target.run)(&input)));
        let took = began.elapsed().as_millis();
        slowest_ms = slowest_ms.max(took);
        ran += 1;
        let mut out = out.lock();
        if outcome.is_err() {
            std::fs::create_dir_all(&options.crash_dir)?;
            let path = crash_path(&options.crash_dir, target.name, options.seed, iteration);
            std::fs::write(&path, &input)?;
            let text = message
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .replace('\n', " ");
            writeln!(out, "panic {iteration} {text}")?;
        }
        if took > HANG_MS {
            writeln!(out, "hang {iteration} {took}")?;
        }
        if last_progress.elapsed() >= Duration::from_secs(1) {
            writeln!(out, "progress {}", iteration + 1)?;
            out.flush()?;
            last_progress = Instant::now();
        }
    }
    let mut out = out.lock();
    writeln!(out, "done {ran} {slowest_ms} {}", peak_kilobytes())?;
    out.flush()
}

/// The most memory this process has held (resident), from `/proc/self/status` (Linux).
pub fn peak_kilobytes() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}
