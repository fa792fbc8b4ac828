//! The child process of the crash test: opens the workbench of a data directory (the first
//! argument, or `SSA_DATA_DIR`; an encrypted one with the passphrase in the file named by the
//! second argument) and writes edits until it is killed. After each committed call it
//! prints `committed N <stage> <id>` and flushes, so the test knows what must survive the kill.
//! See [`ssa_tests::crash`] for the edits.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use ssa_api::dto::{NegotiationInput, PartyDto, PartyRoleDto};
use ssa_api::paths::{DataDir, DATA_DIR_ENV};
use ssa_api::{ApiError, Passphrase, SystemClock, UuidIds, Workbench};
use ssa_tests::crash;

fn input(title: String, notes: String, counterpart: &str) -> NegotiationInput {
    NegotiationInput {
        title,
        parties: vec![
            PartyDto {
                name: "Republic of Aurelia".into(),
                iso_code: "XA".into(),
                role: PartyRoleDto::Own,
            },
            PartyDto {
                name: counterpart.into(),
                iso_code: "XB".into(),
                role: PartyRoleDto::Counterpart,
            },
        ],
        working_languages: vec!["en".into(), "fr".into()],
        notes,
    }
}

fn write_forever(workbench: &mut Workbench) -> Result<(), ApiError> {
    let mut out = std::io::stdout().lock();
    let mut current = String::new();
    let mut created = 0;
    for n in 1u64.. {
        let stage = match n % 3 {
            1 => {
                created = n;
                current = workbench
                    .create_negotiation(input(crash::title(n), String::new(), "Boreland"))?
                    .id;
                1
            }
            2 => {
                let edited = input(
                    crash::title(created),
                    crash::notes(created),
                    "Kingdom of Boreland",
                );
                workbench.update_negotiation(&current, edited)?;
                2
            }
            _ => {
                workbench.rename_negotiation(&current, &crash::renamed(created))?;
                3
            }
        };
        // If stdout is gone the test is over; nothing more to report.
        if writeln!(out, "{}", crash::report(n, stage, &current))
            .and_then(|()| out.flush())
            .is_err()
        {
            break;
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .or_else(|| std::env::var_os(DATA_DIR_ENV).map(PathBuf::from));
    let Some(dir) = dir else {
        eprintln!("usage: ssa-crash-writer <data dir>  (or set {DATA_DIR_ENV})");
        return ExitCode::from(2);
    };
    let key = std::env::args_os().nth(2).map(|file| {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        Passphrase::new(text.lines().next().unwrap_or(""))
    });
    let result = Workbench::open_with_key(
        &DataDir::new(dir),
        key.as_ref(),
        Arc::new(SystemClock),
        Arc::new(UuidIds),
    )
    .and_then(|(mut workbench, _)| write_forever(&mut workbench));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("ssa-crash-writer: {error}");
            ExitCode::from(1)
        }
    }
}
