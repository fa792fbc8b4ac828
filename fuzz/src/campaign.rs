//! A campaign: many inputs per target, each batch run by a child process (`ssa-fuzz run`), so
//! that an input which aborts the process (a stack overflow cannot be caught) or hangs it is
//! counted, found and saved, and the campaign goes on after it.
//!
//! When a child dies, or says nothing for [`SILENCE`], the batch is run again from its last
//! progress line with every input written to a file before it runs ("start" lines name each
//! one); the input it dies on again is saved to the crash folder and the campaign goes on
//! after it.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::runner::crash_path;
use crate::Target;

/// How long a child may say nothing before it is taken to hang (it prints progress every
/// second, and an input that takes over five seconds is reported as a hang by the child).
pub const SILENCE: Duration = Duration::from_secs(60);

/// Inputs per child process.
const BATCH: u64 = 50_000;

pub struct CampaignOptions {
    pub seed: u64,
    pub inputs: u64,
    /// Per target; the campaign stops a target early when it is reached.
    pub seconds: Option<u64>,
    pub crash_dir: PathBuf,
}

/// What one target's campaign found.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    pub target: String,
    pub inputs: u64,
    pub panics: u64,
    pub aborts: u64,
    pub hangs: u64,
    pub slowest_ms: u128,
    pub peak_kb: u64,
    pub seconds: f64,
    /// The saved inputs of every panic, abort and hang.
    pub saved: Vec<PathBuf>,
}

impl Tally {
    pub fn clean(&self) -> bool {
        self.panics == 0 && self.aborts == 0 && self.hangs == 0
    }
}

/// How a child ended.
enum Ending {
    /// It printed "done".
    Done,
    /// It died or was killed for silence; holds the last iteration it announced starting, if
    /// it was asked to announce them.
    Died {
        hung: bool,
        last_started: Option<u64>,
    },
}

pub fn run(target: &Target, options: &CampaignOptions) -> std::io::Result<Tally> {
    let started = Instant::now();
    let mut tally = Tally {
        target: target.name.to_string(),
        ..Tally::default()
    };
    let mut next = 0u64;
    while next < options.inputs {
        let remaining = match options.seconds {
            Some(limit) => {
                let left = Duration::from_secs(limit).saturating_sub(started.elapsed());
                if left.is_zero() {
                    break;
                }
                Some(left)
            }
            None => None,
        };
        let to = (next + BATCH).min(options.inputs);
        let (ending, progress) = batch(target, options, next, to, remaining, None, &mut tally)?;
        match ending {
            Ending::Done => next = to,
            Ending::Died { hung, .. } => {
                // Again from the last progress, announcing and saving each input.
                let from = progress.unwrap_or(next);
                let isolate = options
                    .crash_dir
                    .join(format!(".{}-current.bin", target.name));
                std::fs::create_dir_all(&options.crash_dir)?;
                let (again, _) =
                    batch(target, options, from, to, None, Some(&isolate), &mut tally)?;
                match again {
                    Ending::Died {
                        hung: hung_again,
                        last_started: Some(culprit),
                    } => {
                        let saved =
                            crash_path(&options.crash_dir, target.name, options.seed, culprit);
                        std::fs::rename(&isolate, &saved)?;
                        tally.saved.push(saved);
                        if hung || hung_again {
                            tally.hangs += 1;
                        } else {
                            tally.aborts += 1;
                        }
                        tally.inputs += culprit - from + 1;
                        next = culprit + 1;
                    }
                    // Not reproduced (or died before its first input): count it, move on.
                    _ => {
                        if hung {
                            tally.hangs += 1;
                        } else {
                            tally.aborts += 1;
                        }
                        next = to;
                    }
                }
            }
        }
    }
    tally.seconds = started.elapsed().as_secs_f64();
    Ok(tally)
}

/// Runs inputs `from..to` in a child; adds what it reports to `tally`. Returns how it ended
/// and the last progress it reported.
fn batch(
    target: &Target,
    options: &CampaignOptions,
    from: u64,
    to: u64,
    deadline: Option<Duration>,
    save_each: Option<&Path>,
    tally: &mut Tally,
) -> std::io::Result<(Ending, Option<u64>)> {
    let mut command = Command::new(std::env::current_exe()?);
    command
        .args(["run", "--target", target.name])
        .args(["--seed", &options.seed.to_string()])
        .args(["--from", &from.to_string(), "--to", &to.to_string()])
        .arg("--crash-dir")
        .arg(&options.crash_dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some(deadline) = deadline {
        command.args(["--seconds", &deadline.as_secs().max(1).to_string()]);
    }
    if let Some(path) = save_each {
        command.arg("--save-each").arg(path);
    }
    let mut child = command.spawn()?;
    let lines = read_lines(&mut child);
    let mut progress = None;
    let mut last_started = None;
    loop {
        match lines.recv_timeout(SILENCE) {
            Ok(line) => {
                let mut words = line.splitn(3, ' ');
                let (kind, first, rest) = (
                    words.next().unwrap_or(""),
                    words.next().unwrap_or(""),
                    words.next().unwrap_or(""),
                );
                let number = first.parse::<u64>().ok();
                match kind {
                    "progress" => progress = number,
                    "start" => last_started = number,
                    "panic" => {
                        tally.panics += 1;
                        if let Some(iteration) = number {
                            tally.saved.push(crash_path(
                                &options.crash_dir,
                                target.name,
                                options.seed,
                                iteration,
                            ));
                        }
                        eprintln!("  {}: panic at input {first}: {rest}", target.name);
                    }
                    "hang" => {
                        tally.hangs += 1;
                        eprintln!("  {}: input {first} took {rest} ms", target.name);
                    }
                    "done" => {
                        let values: Vec<u64> = line
                            .split(' ')
                            .skip(1)
                            .filter_map(|v| v.parse().ok())
                            .collect();
                        if let [ran, slowest, peak] = values[..] {
                            tally.inputs += ran;
                            tally.slowest_ms = tally.slowest_ms.max(u128::from(slowest));
                            tally.peak_kb = tally.peak_kb.max(peak);
                        }
                        let _ = child.wait();
                        return Ok((Ending::Done, progress));
                    }
                    _ => {}
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let _ = child.kill();
                let _ = child.wait();
                return Ok((
                    Ending::Died {
                        hung: true,
                        last_started,
                    },
                    progress,
                ));
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                let _ = child.wait();
                return Ok((
                    Ending::Died {
                        hung: false,
                        last_started,
                    },
                    progress,
                ));
            }
        }
    }
}

fn read_lines(child: &mut Child) -> mpsc::Receiver<String> {
    let stdout = child.stdout.take().expect("stdout is piped");
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if send.send(line).is_err() {
                break;
            }
        }
    });
    receive
}

/// The campaign's figures as a Markdown table (the README's fuzzing section quotes it).
pub fn table(tallies: &[Tally]) -> String {
    let mut out = String::from(
        "| target | inputs | panics | aborts | hangs > 5 s | slowest input | peak memory | time |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for t in tallies {
        out += &format!(
            "| {} | {} | {} | {} | {} | {} ms | {:.0} MB | {:.0} s |\n",
            t.target,
            thousands(t.inputs),
            t.panics,
            t.aborts,
            t.hangs,
            t.slowest_ms,
            t.peak_kb as f64 / 1024.0,
            t.seconds
        );
    }
    out
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_read_with_separators() {
        assert_eq!(super::thousands(1_000_000), "1,000,000");
        assert_eq!(super::thousands(999), "999");
    }
}
