//! The child process of the fault tests (`tests/acceptance/faults.rs`), one mode per fault:
//!
//! ```text
//! ssa-fault-child first-start <data dir>     the app's first start (sample seeded), then "started"
//! ssa-fault-child migrate <data dir>         opens (and so migrates) the database, then "migrated"
//! ssa-fault-child export-template <data dir> <file>   writes the R167 Annex I template file
//! ssa-fault-child reword <data dir> <negotiation> <node> <text>   one edit, as another window makes it
//! ssa-fault-child edit-draft <data dir> <negotiation> <writer> <seconds> <own node>... -- <shared node>...
//! ```
//!
//! `edit-draft` rewords provisions of the negotiation's draft for `seconds`, as a window does:
//! each edit goes from the draft as last stored (`base`), on one of its own provisions or, one
//! time in four, on a provision the other writer edits too. After each call it prints
//! `saved <node> <text>` or `refused <node> <error code>`, then `done <saved> <refused>`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ssa_api::paths::DataDir;
use ssa_api::{ApiError, ErrorCode, Session, SessionOptions, SystemClock, UuidIds, Workbench};

fn first_start(dir: PathBuf) -> Result<(), ApiError> {
    let session = Session::start(
        DataDir::new(dir),
        Arc::new(SystemClock),
        Arc::new(UuidIds),
        SessionOptions {
            seed_sample_on_create: true,
        },
    );
    if let ssa_api::dto::StartupDto::Problem { message, .. } = session.startup() {
        return Err(ApiError::new(ErrorCode::Storage, message));
    }
    println!("started");
    Ok(())
}

fn migrate(dir: PathBuf) -> Result<(), ApiError> {
    Workbench::open(&DataDir::new(dir), Arc::new(SystemClock), Arc::new(UuidIds))?;
    println!("migrated");
    Ok(())
}

fn export_template(dir: PathBuf, out: Option<&String>) -> Result<(), ApiError> {
    let out =
        out.ok_or_else(|| ApiError::new(ErrorCode::InvalidInput, "export-template needs a file"))?;
    let (workbench, _) =
        Workbench::open(&DataDir::new(dir), Arc::new(SystemClock), Arc::new(UuidIds))?;
    workbench.export_template_file("r167-annex1-bilateral", "1.1.0", std::path::Path::new(out))
}

fn reword(dir: PathBuf, args: &[String]) -> Result<(), ApiError> {
    let [negotiation, node, text] = args else {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "reword needs a negotiation, a node and a text",
        ));
    };
    let (mut workbench, _) =
        Workbench::open(&DataDir::new(dir), Arc::new(SystemClock), Arc::new(UuidIds))?;
    let base = workbench
        .get_draft(negotiation)?
        .ok_or_else(|| ApiError::not_found("draft", negotiation))?;
    let mut edit = base.clone();
    edit.custom_wording.insert(node.clone(), text.clone());
    workbench.edit_draft(negotiation, &base, &edit)?;
    println!("saved {node}");
    Ok(())
}

fn edit_draft(dir: PathBuf, args: &[String]) -> Result<(), ApiError> {
    let [negotiation, writer, seconds, nodes @ ..] = args else {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "edit-draft needs its arguments",
        ));
    };
    let split = nodes.iter().position(|n| n == "--").unwrap_or(nodes.len());
    let (own, shared) = (&nodes[..split], &nodes[(split + 1).min(nodes.len())..]);
    let seconds: u64 = seconds.parse().unwrap_or(5);
    let (mut workbench, _) =
        Workbench::open(&DataDir::new(dir), Arc::new(SystemClock), Arc::new(UuidIds))?;
    let mut base = workbench
        .get_draft(negotiation)?
        .ok_or_else(|| ApiError::not_found("draft", negotiation))?;
    let mut out = std::io::stdout().lock();
    let (mut saved, mut refused) = (0u64, 0u64);
    let started = Instant::now();
    let mut n = 0u64;
    while started.elapsed() < Duration::from_secs(seconds) {
        n += 1;
        let pool = if n.is_multiple_of(4) && !shared.is_empty() {
            shared
        } else {
            own
        };
        let node = &pool[(n as usize / 4 + n as usize) % pool.len()];
        let text = format!("Wording {n} by writer {writer}.");
        let mut edit = base.clone();
        edit.custom_wording.insert(node.clone(), text.clone());
        match workbench.edit_draft(negotiation, &base, &edit) {
            Ok(rendered) => {
                saved += 1;
                base = rendered.draft;
                let _ = writeln!(out, "saved {node} {text}");
            }
            Err(error) => {
                refused += 1;
                let code = serde_json::to_string(&error.code).unwrap_or_default();
                let _ = writeln!(out, "refused {node} {}", code.trim_matches('"'));
                // As the window does on a refusal: reload, then go on.
                base = workbench
                    .get_draft(negotiation)?
                    .ok_or_else(|| ApiError::not_found("draft", negotiation))?;
            }
        }
        let _ = out.flush();
    }
    let _ = writeln!(out, "done {saved} {refused}");
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mode), Some(dir)) = (args.first(), args.get(1)) else {
        eprintln!("usage: ssa-fault-child first-start|migrate|edit-draft <data dir> ...");
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    let result = match mode.as_str() {
        "first-start" => first_start(dir),
        "migrate" => migrate(dir),
        "export-template" => export_template(dir, args.get(2)),
        "reword" => reword(dir, &args[2..]),
        "edit-draft" => edit_draft(dir, &args[2..]),
        other => Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!("unknown mode {other}"),
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("ssa-fault-child: {error}");
            ExitCode::from(1)
        }
    }
}
