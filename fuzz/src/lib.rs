//! # ssa-fuzz: the fuzzing harness
//!
//! Every reader of outside input is a [`Target`]: a function from bytes to nothing that must
//! return (never panic, never abort, never hang) whatever the bytes, a dictionary of tokens of
//! its format, and a seed corpus (`fuzz/corpus/<name>/`, plus shipped assets). The runner
//! ([`runner`]) feeds each target inputs made by mutating the corpus ([`mutate`]) and counts
//! panics, hangs and memory; the campaign ([`campaign`]) runs the runner in child processes so
//! that an abort (a stack overflow) is counted and its input saved rather than ending the run.
//!
//! Why a harness of our own rather than cargo-fuzz, AFL or bolero: only the stable toolchain
//! is available (cargo-fuzz needs nightly's sanitizer flags); AFL++ through the `afl` crate
//! builds AFL++ from source and an instrumented second copy of every dependency, minutes of
//! the two shared cores and a gigabyte of disk for each CI run; bolero on stable generates
//! random values without mutating a corpus, which rarely gets past a TOML or JSON parser. The
//! faults this harness is for (issue 19) come from structure: nesting thousands deep, one
//! token repeated thousands of times, multi-byte letters at the wrong place; the mutator makes
//! exactly those from well-formed seeds, deterministically, in about 300 lines. A target is a
//! plain `fn(&[u8])`, so an AFL or libFuzzer entry point can wrap any of them in a few lines
//! the day a nightly or AFL toolchain is at hand.
//!
//! Adding a reader (the .docx, Akoma Ntoso and text importers): see `fuzz/README.md`.

pub mod campaign;
pub mod mutate;
pub mod runner;
pub mod targets;

use std::path::{Path, PathBuf};

/// One reader under test.
pub struct Target {
    /// Also the name of its corpus folder, `fuzz/corpus/<name>/`.
    pub name: &'static str,
    /// Reads the input; must return for any bytes.
    pub run: fn(&[u8]),
    /// Tokens of the format that mutations insert (keywords, delimiters, field names).
    pub dictionary: &'static [&'static str],
    /// Shipped files that also seed the corpus, relative to the repository root.
    pub assets: &'static [&'static str],
}

/// The repository root (this crate lives in `fuzz/`).
pub fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("fuzz/ has a parent")
        .to_path_buf()
}

/// The target called `name`.
pub fn target(name: &str) -> Option<&'static Target> {
    targets::ALL.iter().find(|t| t.name == name)
}

/// The seed inputs of a target: the files of its corpus folder and its assets, sorted by path
/// so that every run sees them in the same order.
pub fn corpus(target: &Target) -> std::io::Result<Vec<Vec<u8>>> {
    let root = repository_root();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("fuzz/corpus").join(target.name))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file())
        .collect();
    paths.sort();
    paths.extend(target.assets.iter().map(|asset| root.join(asset)));
    let mut seeds = Vec::with_capacity(paths.len());
    for path in paths {
        seeds.push(std::fs::read(&path)?);
    }
    Ok(seeds)
}
