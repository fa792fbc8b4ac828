//! `ssa-fuzz`: the fuzzing harness's command line (see `fuzz/README.md`).
//!
//! ```text
//! ssa-fuzz campaign [--inputs N] [--seconds S] [--seed S] [--target NAME]... [--report FILE]
//! ssa-fuzz run --target NAME --from A --to B [--seed S] [--seconds S] [--save-each FILE]
//! ssa-fuzz replay --target NAME FILE...
//! ```
//!
//! `campaign` exits 1 when any input panicked, aborted or hung.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand};
use ssa_fuzz::campaign::{self, CampaignOptions};
use ssa_fuzz::runner::{self, RunOptions};
use ssa_fuzz::{repository_root, target, targets};

#[derive(Parser)]
#[command(
    name = "ssa-fuzz",
    about = "Fuzzing harness for SSA Workbench's readers"
)]
struct Cli {
    #[command(subcommand)]
    command: Action,
}

#[derive(Subcommand)]
enum Action {
    /// Runs many inputs per target in child processes and prints the figures.
    Campaign {
        #[arg(long, default_value_t = 1_000_000)]
        inputs: u64,
        /// Stop each target after this many seconds (the short run CI does).
        #[arg(long)]
        seconds: Option<u64>,
        #[arg(long, default_value_t = 19)]
        seed: u64,
        /// Only these targets (default: all).
        #[arg(long = "target")]
        targets: Vec<String>,
        /// Also write the figures (Markdown) to this file.
        #[arg(long)]
        report: Option<PathBuf>,
        #[arg(long)]
        crash_dir: Option<PathBuf>,
    },
    /// Runs inputs `from..to` of one target in this process (what a campaign's child does).
    Run {
        #[arg(long)]
        target: String,
        #[arg(long, default_value_t = 19)]
        seed: u64,
        #[arg(long)]
        from: u64,
        #[arg(long)]
        to: u64,
        #[arg(long)]
        seconds: Option<u64>,
        #[arg(long)]
        save_each: Option<PathBuf>,
        #[arg(long)]
        crash_dir: Option<PathBuf>,
    },
    /// Runs saved inputs (a crash file, a corpus file) through a target, panics shown.
    Replay {
        #[arg(long)]
        target: String,
        files: Vec<PathBuf>,
    },
}

fn default_crash_dir() -> PathBuf {
    repository_root().join("fuzz/crashes")
}

fn named(name: &str) -> &'static ssa_fuzz::Target {
    target(name).unwrap_or_else(|| {
        let known: Vec<&str> = targets::ALL.iter().map(|t| t.name).collect();
        eprintln!(
            "ssa-fuzz: no target \"{name}\"; the targets are {}",
            known.join(", ")
        );
        std::process::exit(2)
    })
}

fn main() -> std::io::Result<()> {
    match Cli::parse().command {
        Action::Run {
            target,
            seed,
            from,
            to,
            seconds,
            save_each,
            crash_dir,
        } => runner::run(
            named(&target),
            &RunOptions {
                seed,
                from,
                to,
                deadline: seconds.map(Duration::from_secs),
                save_each,
                crash_dir: crash_dir.unwrap_or_else(default_crash_dir),
            },
        ),
        Action::Replay { target, files } => {
            let target = named(&target);
            for file in files {
                let bytes = std::fs::read(&file)?;
                let started = std::time::Instant::now();
                runner::on_small_stack(|| (target.run)(&bytes));
                eprintln!("{}: ok in {:?}", file.display(), started.elapsed());
            }
            Ok(())
        }
        Action::Campaign {
            inputs,
            seconds,
            seed,
            targets: names,
            report,
            crash_dir,
        } => {
            let chosen: Vec<&ssa_fuzz::Target> = if names.is_empty() {
                targets::ALL.iter().collect()
            } else {
                names.iter().map(|n| named(n)).collect()
            };
            let options = CampaignOptions {
                seed,
                inputs,
                seconds,
                crash_dir: crash_dir.unwrap_or_else(default_crash_dir),
            };
            let mut tallies = Vec::new();
            for target in chosen {
                eprintln!("ssa-fuzz: {} ...", target.name);
                let tally = campaign::run(target, &options)?;
                eprintln!(
                    "ssa-fuzz: {}: {} inputs, {} panics, {} aborts, {} hangs",
                    tally.target, tally.inputs, tally.panics, tally.aborts, tally.hangs
                );
                tallies.push(tally);
            }
            let table = campaign::table(&tallies);
            print!("{table}");
            if let Some(path) = report {
                std::fs::write(path, &table)?;
            }
            let failed: Vec<_> = tallies.iter().filter(|t| !t.clean()).collect();
            for tally in &failed {
                for saved in &tally.saved {
                    eprintln!("ssa-fuzz: {}: saved {}", tally.target, saved.display());
                }
            }
            if !failed.is_empty() {
                std::process::exit(1);
            }
            Ok(())
        }
    }
}
