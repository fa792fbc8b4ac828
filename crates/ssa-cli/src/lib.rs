//! `ssa`: the command line of SSA Workbench, for batch jobs on the same database as the app.
//!
//! [`run`] takes the arguments and the output streams, so acceptance tests drive it in-process;
//! `main.rs` only wires it to the real ones. Exit codes: 0 success; 1 the input was refused
//! (a field that does not validate, a template file with errors, a file whose signature does
//! not hold); 2 the command could not run (bad arguments, an unknown id, an unreadable
//! database, a wrong passphrase).
//!
//! An encrypted data folder needs its passphrase for every command: from `--passphrase-file F`
//! (the file's first line) or typed at a prompt that does not echo. Never as an argument: the
//! command line is visible to every user of the machine and lands in shell histories.

mod draft;
mod feasibility;
mod security;
mod simulate;
mod workshop;

use std::io::Write;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use ssa_api::dto::{NegotiationDto, NegotiationInput, PartyDto, PartyRoleDto, ShelfDto};
use ssa_api::paths::DataDir;
use ssa_api::{ApiError, PdfDocumentDto, SystemClock, UuidIds, Workbench, APP_IDENTIFIER};

#[derive(Parser, Debug)]
#[command(name = "ssa", version, about = "SSA Workbench on the command line")]
struct Cli {
    /// The data directory (default: $SSA_DATA_DIR, or the app's own data directory).
    #[arg(long, global = true)]
    data_dir: Option<std::path::PathBuf>,
    /// A file whose first line is the data folder's passphrase (when it is encrypted; without
    /// it, the passphrase is asked at the terminal).
    #[arg(long, global = true)]
    passphrase_file: Option<std::path::PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// List negotiations (the active ones unless told otherwise).
    List {
        #[arg(long, conflicts_with = "bin")]
        archived: bool,
        #[arg(long)]
        bin: bool,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Create a negotiation and print its id.
    Create {
        #[arg(long)]
        title: String,
        /// Your own side, as "Country name:ISO" (e.g. "Republic of Aurelia:XA").
        #[arg(long)]
        own: String,
        /// A counterpart, as "Country name:ISO"; repeat for a multilateral agreement.
        #[arg(long, required = true)]
        counterpart: Vec<String>,
        /// Working language (ISO 639-1); repeat for several.
        #[arg(long = "language", default_value = "en")]
        languages: Vec<String>,
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// Show one negotiation.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Create the sample negotiation (two fictional countries) and print its id.
    Sample,
    /// List the stored templates (shipped, imported, derived).
    Templates,
    /// Work with template files.
    Template {
        #[command(subcommand)]
        command: TemplateCommand,
    },
    /// List the draft's problems as the app words them (exit code 1 when one is an error).
    Check {
        negotiation: String,
        /// The language of the messages: en, fr or es.
        #[arg(long, default_value = "en", value_parser = ["en", "fr", "es"])]
        lang: String,
    },
    /// Change the draft's structure: add, move or delete a provision, or set the title.
    Draft {
        #[command(subcommand)]
        command: draft::DraftCommand,
    },
    /// Print a negotiation's draft agreement as numbered plain text; unfilled placeholders
    /// are marked, and the draft's problems are listed on standard error.
    Render {
        negotiation: String,
        /// A revision number or a version name (default: the draft as it is now).
        #[arg(long)]
        version: Option<String>,
    },
    /// List the revisions of a negotiation's draft; named ones are versions, initialled ones
    /// show who initialled them and the start of their fingerprint.
    Versions { negotiation: String },
    /// Compare two versions: the summary, then a redline of each changed provision
    /// (`[-deleted-]`, `{+inserted+}`). A version is a revision number, a version name,
    /// `current` (the draft as it is now) or `model` (the model template).
    Diff {
        negotiation: String,
        before: String,
        after: String,
    },
    /// Initial a named version: lock it with the SHA-256 fingerprint of its text (printed).
    /// This cannot be undone.
    Initial {
        negotiation: String,
        version: String,
        /// Who initials it (the negotiators' names).
        #[arg(long)]
        by: String,
    },
    /// Check that an initialled version's text still has the fingerprint recorded when it
    /// was initialled (exit code 1 when it does not).
    VerifyInitialled {
        negotiation: String,
        version: String,
    },
    /// Name the draft as it now is, making it a version that is never changed.
    NameVersion { negotiation: String, name: String },
    /// Export a document of a negotiation as PDF (exit code 1 when the output is refused).
    ///
    /// `--doc agreement [--version V]`; `--doc redline --from V1 --to V2 [--changed-only]`;
    /// `--doc brief [--round N] [--internal] [--with-simulation]`; `--doc step-report`;
    /// `--doc simulation`. A version is a revision
    /// number, a version name, `current` or `model`.
    Export {
        negotiation: String,
        /// Which document.
        #[arg(long, value_enum)]
        doc: ExportDocument,
        /// The agreement's text to print (default: the draft as it is now).
        #[arg(long)]
        version: Option<String>,
        /// The redline's older side (default: the model template).
        #[arg(long)]
        from: Option<String>,
        /// The redline's newer side (default: the draft as it is now).
        #[arg(long)]
        to: Option<String>,
        /// The redline shows the changed provisions only (default: the whole text).
        #[arg(long)]
        changed_only: bool,
        /// The brief's round number (default: the latest).
        #[arg(long)]
        round: Option<u32>,
        /// The brief's internal variant, with the negotiating mandate. Never for the other party.
        #[arg(long)]
        internal: bool,
        /// Append the benefit simulation to the brief.
        #[arg(long)]
        with_simulation: bool,
        /// The language of the brief's and the step report's words: en, fr or es (the
        /// workshop's language for its handouts).
        #[arg(long)]
        lang: Option<String>,
        /// With `--doc handout`: the team whose confidential brief to print (default: the
        /// general brief).
        #[arg(long)]
        team: Option<String>,
        /// The PDF file to write (replaced whole if it exists).
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Print a negotiation's progress through the process (`ssa process <negotiation>`), or
    /// work with process files.
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Process {
        /// The negotiation whose steps to print.
        #[arg(required = true)]
        negotiation: Option<String>,
        #[command(subcommand)]
        command: Option<ProcessCommand>,
    },
    /// Print a negotiation's feasibility study: each branch compared across the parties, what
    /// the coverage rule suggests and why, the team's choice, the corridor figures.
    Feasibility {
        negotiation: String,
        #[arg(long)]
        json: bool,
    },
    /// Simulate a career's benefits without and with the agreement: `ssa simulate case.toml`
    /// (format ssa-simulation/1, assets/simulations/README.md; exit code 1 for a bad file), or
    /// `ssa simulate <negotiation> --career career.toml` under the negotiation's national rules
    /// and its draft's method, minimum period and covered branches.
    Simulate {
        /// A case file, or with --career a negotiation id.
        input: String,
        /// A career file (periods only) to simulate under the negotiation's rules.
        #[arg(long)]
        career: Option<std::path::PathBuf>,
        /// Print JSON (per party code) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// List a negotiation's rounds and the positions of the latest (or chosen) round.
    Rounds {
        negotiation: String,
        /// The round number (default: the latest).
        #[arg(long)]
        round: Option<u32>,
    },
    /// Exchange files with the other party (format ssa-exchange/1, docs/exchange-format.md).
    Exchange {
        #[command(subcommand)]
        command: ExchangeCommand,
    },
    /// Encrypt the data folder's database, its backups and recovery copies with the
    /// passphrase of `--passphrase-file` (or one typed twice at the prompt).
    Encrypt,
    /// Change the passphrase: the current one from `--passphrase-file`, the new one from
    /// `--new-passphrase-file` (or typed at the prompt).
    Rekey {
        #[arg(long)]
        new_passphrase_file: Option<std::path::PathBuf>,
    },
    /// Signing keys: ours (`ssa key show`) and the other delegations' (`ssa key trust`).
    Key {
        #[command(subcommand)]
        command: KeyCommand,
    },
    /// Scenarios for workshop mode: list, validate, import, export.
    Scenario {
        #[command(subcommand)]
        command: workshop::ScenarioCommand,
    },
    /// Workshop mode: create a workshop, join a team pack, run the desk, print the debrief.
    Workshop {
        #[command(subcommand)]
        command: workshop::WorkshopCommand,
    },
    /// Check a signed export against its detached signature (`<file>.sig` beside it): exit 0
    /// when signed by a trusted delegation, 1 otherwise.
    Verify {
        file: std::path::PathBuf,
        /// The signature file (default: the file's name with `.sig` added).
        #[arg(long)]
        sig: Option<std::path::PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
enum KeyCommand {
    /// Print our delegations' key fingerprints (hex and words), to read out to the other
    /// delegation or print in the minutes.
    Show {
        /// Our delegation's ISO code (its key is made if it has none yet).
        #[arg(long)]
        delegation: Option<String>,
    },
    /// Trust a key for another delegation, once its fingerprint was compared with them.
    Trust {
        /// The fingerprint: 32 hexadecimal digits or 16 words (quoted or not).
        #[arg(required = true, num_args = 1..)]
        fingerprint: Vec<String>,
        /// The other delegation's ISO code.
        #[arg(long)]
        delegation: String,
    },
    /// Withdraw trust in a key.
    Untrust {
        #[arg(required = true, num_args = 1..)]
        fingerprint: Vec<String>,
        #[arg(long)]
        delegation: String,
    },
    /// List our keys and the trusted ones.
    List,
}

#[derive(Subcommand, Debug)]
enum ProcessCommand {
    /// Validate a process file and list its problems with their lines (exit code 1 if any).
    Validate { file: std::path::PathBuf },
    /// Import a process file as a new version (refused, with every problem, if it has any).
    Import { file: std::path::PathBuf },
    /// Write a stored process file (default: the one shipped with this version).
    Export {
        file: std::path::PathBuf,
        #[arg(long, requires = "version")]
        id: Option<String>,
        #[arg(long, requires = "id")]
        version: Option<String>,
    },
    /// List the stored process versions.
    List,
    /// Move a negotiation to another stored version of its process (default: the newest),
    /// keeping the answers whose item ids match; prints the ones dropped.
    Upgrade {
        negotiation: String,
        #[arg(long)]
        version: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
enum ExchangeCommand {
    /// Write an exchange file of the draft (or of a version) for the other party. It never
    /// carries the mandate, comments, notes, justifications or unshared positions.
    Export {
        negotiation: String,
        /// A revision number or a version name (default: the draft as it is now).
        #[arg(long)]
        version: Option<String>,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Import the other party's exchange file as their proposal (exit code 1 when refused).
    Import {
        file: std::path::PathBuf,
        /// The negotiation to import into (default: the one the file's identity or parties name).
        #[arg(long)]
        into: Option<String>,
        /// The round the proposal belongs to (default: the latest; round 1 when there is none).
        #[arg(long)]
        round: Option<u32>,
    },
}

/// The documents `ssa export` can write.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum ExportDocument {
    /// The agreement: title page, contents, articles, signature block.
    Agreement,
    /// What changed between two texts, marked word by word, with a summary up front.
    Redline,
    /// The positions per article of a round: ours, theirs, on the table, status.
    Brief,
    /// The process checklist and gate decisions, and the feasibility comparison table.
    StepReport,
    /// A workshop's general brief, or with `--team A` that team's confidential brief.
    Handout,
    /// A workshop's facilitator's guide.
    Guide,
    /// A workshop's debrief report.
    Debrief,
    /// The benefit simulation: sample careers without and with the agreement, the arithmetic,
    /// the corridor's cost estimate.
    Simulation,
}

#[derive(Subcommand, Debug)]
enum TemplateCommand {
    /// Validate a template file and print the report (exit code 1 when it has errors).
    Validate { file: std::path::PathBuf },
    /// Import a template file into the database (refused, with the report, if it has errors).
    Import { file: std::path::PathBuf },
    /// Write a stored template's file.
    Export {
        id: String,
        version: String,
        #[arg(long)]
        out: std::path::PathBuf,
    },
}

/// Runs `ssa` with `args` (including the program name) and returns the exit code.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() { 2 } else { 0 };
            let stream: &mut dyn Write = if error.use_stderr() { err } else { out };
            let _ = write!(stream, "{}", error.render());
            return code;
        }
    };
    // A panic in a use case is an internal error of this one run (exit code 2), said as such.
    let outcome = ssa_api::caught(|| execute(cli, &mut *out, &mut *err))
        .unwrap_or_else(|detail| Err(ssa_api::internal_error(&detail)));
    match outcome {
        Ok(code) => code,
        Err(error) => {
            let _ = writeln!(err, "ssa: {}", error.message);
            if error.code == ssa_api::ErrorCode::PassphraseRequired {
                let _ = writeln!(
                    err,
                    "  If it is encrypted, give its passphrase with --passphrase-file F (or run ssa at a terminal to be asked)."
                );
            }
            for problem in &error.problems {
                let _ = writeln!(err, "  {}: {}", problem.field, problem.message);
            }
            match error.code {
                ssa_api::ErrorCode::InvalidInput | ssa_api::ErrorCode::BadSignature => 1,
                _ => 2,
            }
        }
    }
}

fn data_dir(cli: &Cli) -> DataDir {
    match &cli.data_dir {
        Some(dir) => DataDir::new(dir),
        None => DataDir::from_env_or(
            dirs::data_dir()
                .unwrap_or_else(|| std::path::PathBuf::from("."))
                .join(APP_IDENTIFIER),
        ),
    }
}

fn execute(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, ApiError> {
    // Validating a file needs no database.
    if let Command::Template {
        command: TemplateCommand::Validate { file },
    } = &cli.command
    {
        return Ok(validate_template(file, out, err));
    }
    if let Command::Process {
        command: Some(ProcessCommand::Validate { file }),
        ..
    } = &cli.command
    {
        return Ok(validate_process(file, out, err));
    }
    // A case file needs no database either.
    if let Command::Simulate {
        input,
        career: None,
        json,
    } = &cli.command
    {
        return Ok(simulate::case_file(
            std::path::Path::new(input),
            *json,
            out,
            err,
        ));
    }
    let folder = data_dir(&cli);
    match &cli.command {
        Command::Encrypt => return security::encrypt(&folder, cli.passphrase_file.as_deref(), out),
        Command::Rekey {
            new_passphrase_file,
        } => {
            return security::rekey(
                &folder,
                cli.passphrase_file.as_deref(),
                new_passphrase_file.as_deref(),
                out,
            )
        }
        _ => {}
    }
    let key = security::passphrase_for(&folder, cli.passphrase_file.as_deref())?;
    let (mut workbench, _) = Workbench::open_with_key(
        &folder,
        key.as_ref(),
        Arc::new(SystemClock),
        Arc::new(UuidIds),
    )?;
    drop(key);
    match cli.command {
        Command::List {
            archived,
            bin,
            json,
        } => {
            let shelf = if archived {
                ShelfDto::Archived
            } else if bin {
                ShelfDto::Bin
            } else {
                ShelfDto::Active
            };
            let negotiations = workbench.list_negotiations(shelf)?;
            if json {
                print_json(out, &negotiations);
            } else if negotiations.is_empty() {
                let _ = writeln!(out, "No negotiations.");
            } else {
                for n in &negotiations {
                    let _ = writeln!(
                        out,
                        "{}  {}  [{}]  step {}/{} ({}% done)  edited {}",
                        n.id,
                        n.title,
                        parties_line(n),
                        n.current_step.number,
                        n.current_step.step_count,
                        n.current_step.percent_done,
                        n.updated_at
                    );
                }
            }
        }
        Command::Create {
            title,
            own,
            counterpart,
            languages,
            notes,
        } => {
            let mut parties = vec![parse_party(&own, PartyRoleDto::Own)?];
            for c in &counterpart {
                parties.push(parse_party(c, PartyRoleDto::Counterpart)?);
            }
            let created = workbench.create_negotiation(NegotiationInput {
                title,
                parties,
                working_languages: languages,
                notes,
            })?;
            let _ = writeln!(out, "{}", created.id);
        }
        Command::Show { id, json } => {
            let n = workbench.get_negotiation(&id)?;
            if json {
                print_json(out, &n);
            } else {
                let _ = writeln!(out, "{}\n", n.title);
                let _ = writeln!(out, "id:        {}", n.id);
                for p in &n.parties {
                    let role = match p.role {
                        PartyRoleDto::Own => "own side",
                        PartyRoleDto::Counterpart => "counterpart",
                    };
                    let _ = writeln!(out, "party:     {} ({}), {}", p.name, p.iso_code, role);
                }
                let _ = writeln!(out, "languages: {}", n.working_languages.join(", "));
                let _ = writeln!(
                    out,
                    "step:      {} of {}: {} ({}% of the process done)",
                    n.current_step.number,
                    n.current_step.step_count,
                    n.current_step.title.en,
                    n.current_step.percent_done
                );
                let _ = writeln!(out, "shelf:     {:?}", n.shelf);
                let _ = writeln!(out, "created:   {}", n.created_at);
                let _ = writeln!(out, "edited:    {}", n.updated_at);
                if !n.notes.is_empty() {
                    let _ = writeln!(out, "\n{}", n.notes);
                }
            }
        }
        Command::Feasibility { negotiation, json } => {
            let view = workbench.feasibility_view(&negotiation)?;
            if json {
                print_json(out, &view);
            } else {
                let title = workbench.get_negotiation(&negotiation)?.title;
                feasibility::print(&view, &title, out);
            }
        }
        Command::Simulate {
            input,
            career: Some(career),
            json,
        } => {
            let (_, text) = ssa_api::read_for_import(
                &career,
                ssa_core::simulation::case_file::MAX_CASE_FILE_BYTES,
                "career file",
            )?;
            let result = workbench.simulate_career_file(&input, &text)?;
            if json {
                print_json(
                    out,
                    &simulate::outcome_json(&result.outcome, ssa_core::simulation::Language::En),
                );
            } else {
                let terms = result.terms;
                let _ = writeln!(
                    out,
                    "Under the draft: method {}, minimum period {}, pensions {}\n",
                    terms.method.as_str().replace('_', " "),
                    terms
                        .minimum_period_months
                        .map(|m| format!("{m} months"))
                        .unwrap_or_else(|| "none".into()),
                    if terms.covered {
                        "covered"
                    } else {
                        "not covered"
                    }
                );
                simulate::print(&result.outcome, None, out);
            }
        }
        Command::Simulate { career: None, .. } => unreachable!("handled before the database opens"),
        Command::Sample => {
            let sample = workbench.create_sample_negotiation()?;
            let _ = writeln!(out, "{}", sample.id);
        }
        Command::Templates => {
            for t in workbench.list_templates()? {
                let _ = writeln!(out, "{}  {}  ({})  {}", t.id, t.version, t.origin, t.title);
            }
        }
        Command::Check { negotiation, lang } => {
            return draft::check(&workbench, &negotiation, &lang, out);
        }
        Command::Draft { command } => return draft::edit(&mut workbench, command, out),
        Command::Render {
            negotiation,
            version: Some(which),
        } => {
            let document = workbench.render_revision(&negotiation, &which)?;
            let _ = write!(out, "{}", document.to_plain_text());
        }
        Command::Render {
            negotiation,
            version: None,
        } => {
            let agreement = workbench.agreement(&negotiation)?;
            let _ = write!(out, "{}", agreement.document.to_plain_text());
            for problem in workbench.check_draft(&negotiation)? {
                let severity = match problem.severity {
                    ssa_core::template::Severity::Error => "error",
                    ssa_core::template::Severity::Warning => "warning",
                };
                let _ = writeln!(err, "{severity}: {}", problem.message);
            }
        }
        Command::Export {
            negotiation,
            doc,
            version,
            from,
            to,
            changed_only,
            round,
            internal,
            with_simulation,
            lang,
            team,
            out: path,
        } => {
            let workshop_doc = match (doc, team) {
                (ExportDocument::Handout, None) => Some(ssa_api::WorkshopPdfDto::GeneralBrief),
                (ExportDocument::Handout, Some(team)) => {
                    Some(ssa_api::WorkshopPdfDto::TeamBrief { team })
                }
                (ExportDocument::Guide, _) => Some(ssa_api::WorkshopPdfDto::FacilitatorGuide),
                (ExportDocument::Debrief, _) => Some(ssa_api::WorkshopPdfDto::Debrief),
                _ => None,
            };
            if let Some(workshop_doc) = workshop_doc {
                let export = workshop::export(
                    &mut workbench,
                    &negotiation,
                    workshop_doc,
                    lang.as_deref(),
                    &path,
                )?;
                let _ = writeln!(
                    out,
                    "wrote {} ({} pages, {} bytes)",
                    export.path, export.pages, export.bytes
                );
                return Ok(0);
            }
            let lang = lang.unwrap_or_else(|| "en".into());
            let side = |which: Option<String>, default: &str| {
                workbench.resolve_version(&negotiation, which.as_deref().unwrap_or(default))
            };
            let document = match doc {
                ExportDocument::Agreement => PdfDocumentDto::Agreement {
                    version: side(version, ssa_api::CURRENT_WORD)?,
                },
                ExportDocument::Redline => PdfDocumentDto::Redline {
                    before: side(from, ssa_api::MODEL_WORD)?,
                    after: side(to, ssa_api::CURRENT_WORD)?,
                    changed_only,
                },
                ExportDocument::Brief => PdfDocumentDto::Brief {
                    round_id: match round {
                        None => None,
                        Some(n) => Some(
                            workbench
                                .list_rounds(&negotiation)?
                                .into_iter()
                                .find(|r| r.number == n)
                                .ok_or_else(|| {
                                    ApiError::new(
                                        ssa_api::ErrorCode::NotFound,
                                        format!("Negotiation {negotiation} has no round {n}."),
                                    )
                                })?
                                .id,
                        ),
                    },
                    internal,
                    with_simulation,
                },
                ExportDocument::StepReport => PdfDocumentDto::StepReport,
                ExportDocument::Handout | ExportDocument::Guide | ExportDocument::Debrief => {
                    unreachable!("workshop documents are exported above")
                }
                ExportDocument::Simulation => PdfDocumentDto::Simulation,
            };
            let export = workbench.export_pdf(&negotiation, &document, &lang, &path)?;
            let _ = writeln!(
                out,
                "wrote {} ({} {}, {} bytes)",
                export.path,
                export.pages,
                if export.pages == 1 { "page" } else { "pages" },
                export.bytes
            );
            match export.open_particulars {
                0 => {}
                1 => {
                    let _ = writeln!(
                        out,
                        "1 particular is still open; it prints as a bracketed blank."
                    );
                }
                n => {
                    let _ = writeln!(
                        out,
                        "{n} particulars are still open; they print as bracketed blanks."
                    );
                }
            }
            if let Some(signature) = &export.signature_path {
                let _ = writeln!(out, "signed: {signature}");
            }
        }
        Command::Versions { negotiation } => {
            for r in workbench.list_revisions(&negotiation)? {
                let mut line = format!("{:>4}  {}", r.number, r.updated_at);
                if let Some(name) = &r.name {
                    line.push_str(&format!("  version \"{name}\""));
                }
                if let Some(i) = &r.initialled {
                    line.push_str(&format!(
                        "  initialled by {} on {}, fingerprint {}",
                        i.initialled_by, i.initialled_at, i.short_fingerprint
                    ));
                }
                let _ = writeln!(out, "{line}");
            }
        }
        Command::Diff {
            negotiation,
            before,
            after,
        } => {
            let before = workbench.resolve_version(&negotiation, &before)?;
            let after = workbench.resolve_version(&negotiation, &after)?;
            let comparison = workbench.compare_versions(&negotiation, &before, &after)?;
            let _ = write!(out, "{}", comparison.to_redline_text());
        }
        Command::Initial {
            negotiation,
            version,
            by,
        } => {
            let number = revision_number(&workbench, &negotiation, &version)?;
            let initialled = workbench.initial_version(&negotiation, number, &by)?;
            let fingerprint = initialled
                .initialled
                .map(|i| i.fingerprint)
                .unwrap_or_default();
            let _ = writeln!(out, "{fingerprint}");
        }
        Command::VerifyInitialled {
            negotiation,
            version,
        } => {
            let number = revision_number(&workbench, &negotiation, &version)?;
            let check = workbench.verify_initialled(&negotiation, number)?;
            if check.matches {
                let _ = writeln!(out, "{}  matches", check.recorded);
            } else {
                let _ = writeln!(
                    err,
                    "The text of \"{}\" no longer has the fingerprint recorded when it was initialled.\n  recorded:   {}\n  recomputed: {}",
                    check.name, check.recorded, check.recomputed
                );
                return Ok(1);
            }
        }
        Command::NameVersion { negotiation, name } => {
            let named = workbench.name_version(&negotiation, &name)?;
            let _ = writeln!(out, "{}", named.number);
        }
        Command::Rounds { negotiation, round } => {
            print_rounds(&workbench, &negotiation, round, out)?;
        }
        Command::Exchange {
            command:
                ExchangeCommand::Export {
                    negotiation,
                    version,
                    out: path,
                },
        } => {
            let done = workbench.export_exchange_file(&negotiation, version.as_deref(), &path)?;
            let _ = writeln!(
                out,
                "wrote {} ({}: {} articles, {} shared positions, {}; signed with key {})",
                done.path,
                done.version_label,
                done.articles,
                done.shared_positions,
                done.checksum,
                done.signed_with.hex
            );
        }
        Command::Exchange {
            command: ExchangeCommand::Import { file, into, round },
        } => {
            let done = workbench.import_exchange_file(&file, into.as_deref(), round)?;
            let _ = writeln!(
                out,
                "imported {} from {} ({}) into negotiation {}, round {}: {} articles, {} left out by them",
                done.file_name,
                done.sender_name,
                done.sender,
                done.negotiation_id,
                done.round_number,
                done.articles,
                done.left_out
            );
            match &done.signer {
                ssa_api::signing::SignerDto::Trusted { .. } => {
                    let _ = writeln!(out, "{}", done.signer.describe());
                }
                _ => {
                    let _ = writeln!(err, "{}", done.signer.describe());
                }
            }
            if let Some(version) = &done.countersigned_version {
                let _ = writeln!(
                    out,
                    "their signature on the initialled text \"{version}\" was recorded"
                );
            }
        }
        Command::Key { command } => return security::key_command(&mut workbench, command, out),
        Command::Verify { file, sig } => {
            let signer = workbench.verify_signed_file(&file, sig.as_deref())?;
            return Ok(match signer {
                ssa_api::signing::SignerDto::Trusted { .. } => {
                    let _ = writeln!(out, "{}: {}", file.display(), signer.describe());
                    0
                }
                _ => {
                    let _ = writeln!(err, "{}: {}", file.display(), signer.describe());
                    1
                }
            });
        }
        Command::Encrypt | Command::Rekey { .. } => {
            unreachable!("handled before the database is opened")
        }
        Command::Template {
            command: TemplateCommand::Import { file },
        } => {
            let imported = workbench.import_template_file(&file)?;
            let _ = writeln!(out, "imported {} {}", imported.id, imported.version);
        }
        Command::Template {
            command:
                TemplateCommand::Export {
                    id,
                    version,
                    out: path,
                },
        } => {
            workbench.export_template_file(&id, &version, &path)?;
            let _ = writeln!(out, "wrote {}", path.display());
        }
        Command::Template {
            command: TemplateCommand::Validate { .. },
        } => unreachable!("handled before the database is opened"),
        Command::Process {
            negotiation,
            command,
        } => return process_command(&mut workbench, negotiation, command, out),
        Command::Scenario { command } => return workshop::scenario(&mut workbench, command, out),
        Command::Workshop { command } => {
            return workshop::workshop(&mut workbench, command, out, err)
        }
    }
    Ok(0)
}

fn print_rounds(
    workbench: &Workbench,
    negotiation: &str,
    round: Option<u32>,
    out: &mut dyn Write,
) -> Result<(), ApiError> {
    let rounds = workbench.list_rounds(negotiation)?;
    if rounds.is_empty() {
        let _ = writeln!(out, "No rounds yet.");
        return Ok(());
    }
    for r in &rounds {
        let _ = writeln!(
            out,
            "round {}  {}  {}",
            r.number,
            if r.held_on.is_empty() {
                "(no date)"
            } else {
                &r.held_on
            },
            r.place
        );
    }
    let chosen = match round {
        Some(n) => rounds.iter().find(|r| r.number == n).ok_or_else(|| {
            ApiError::new(
                ssa_api::ErrorCode::NotFound,
                format!("Negotiation {negotiation} has no round {n}."),
            )
        })?,
        None => rounds.last().expect("checked not empty"),
    };
    let view = workbench.positions_view(negotiation, Some(&chosen.id))?;
    let _ = writeln!(out, "\npositions in round {}:", chosen.number);
    for row in &view.rows {
        let _ = writeln!(
            out,
            "  {:<14} {:<22} {}{}",
            row.label.as_deref().unwrap_or(&row.node_id),
            row.status.as_str(),
            row.heading,
            if row.red_line_warnings.is_empty() {
                String::new()
            } else {
                format!("  [red line: {}]", row.red_line_warnings.join(" "))
            }
        );
    }
    let counts: Vec<String> = view
        .summary
        .iter()
        .map(|c| format!("{} {}", c.count, c.status.as_str()))
        .collect();
    let _ = writeln!(out, "summary: {}", counts.join(", "));
    Ok(())
}

/// The revision a version name or number stands for; `current` and `model` are not versions
/// that can be initialled.
fn revision_number(workbench: &Workbench, negotiation: &str, which: &str) -> Result<u32, ApiError> {
    match workbench.resolve_version(negotiation, which)? {
        ssa_api::dto::VersionRefDto::Revision { number } => Ok(number),
        _ => Err(ApiError::new(
            ssa_api::ErrorCode::InvalidInput,
            format!("\"{which}\" is not a named version; give a version name or number."),
        )),
    }
}

fn parties_line(n: &NegotiationDto) -> String {
    n.parties
        .iter()
        .map(|p| p.iso_code.as_str())
        .collect::<Vec<_>>()
        .join("-")
}

fn print_json<T: serde::Serialize>(out: &mut dyn Write, value: &T) {
    let _ = writeln!(
        out,
        "{}",
        serde_json::to_string_pretty(value).expect("DTOs always serialise")
    );
}

fn parse_party(text: &str, role: PartyRoleDto) -> Result<PartyDto, ApiError> {
    let (name, code) = text.rsplit_once(':').ok_or_else(|| {
        ApiError::new(
            ssa_api::ErrorCode::InvalidInput,
            format!("\"{text}\" is not of the form \"Country name:ISO\" (e.g. \"Republic of Aurelia:XA\")."),
        )
    })?;
    Ok(PartyDto {
        name: name.to_string(),
        iso_code: code.to_string(),
        role,
    })
}

fn validate_template(file: &std::path::Path, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let origin = file.display().to_string();
    let text =
        match ssa_api::read_for_import(file, ssa_core::limits::MAX_TEMPLATE_BYTES, "template file")
        {
            Ok((_, text)) => text,
            Err(error) => {
                let _ = writeln!(err, "ssa: {}", error.message);
                return 2;
            }
        };
    match ssa_api::validate_template_file(&origin, &text) {
        Ok(warnings) => {
            for warning in &warnings.problems {
                let _ = writeln!(out, "{warning}");
            }
            let _ = writeln!(
                out,
                "{origin}: valid ({} warning(s))",
                warnings.problems.len()
            );
            0
        }
        Err(error) => {
            let _ = writeln!(out, "{error}");
            1
        }
    }
}

fn validate_process(file: &std::path::Path, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let origin = file.display().to_string();
    let text =
        match ssa_api::read_for_import(file, ssa_core::limits::MAX_PROCESS_BYTES, "process file") {
            Ok((_, text)) => text,
            Err(error) => {
                let _ = writeln!(err, "ssa: {}", error.message);
                return 2;
            }
        };
    match ssa_api::validate_process_file(&origin, &text) {
        Ok(process) => {
            let _ = writeln!(
                out,
                "{origin}: valid ({} {}, {} steps)",
                process.id,
                process.version,
                process.steps.len()
            );
            0
        }
        Err(error) => {
            let _ = writeln!(out, "{}", error.message);
            for problem in &error.problems {
                let _ = writeln!(out, "  {}: {}", problem.field, problem.message);
            }
            1
        }
    }
}

fn process_command(
    workbench: &mut Workbench,
    negotiation: Option<String>,
    command: Option<ProcessCommand>,
    out: &mut dyn Write,
) -> Result<i32, ApiError> {
    match (negotiation, command) {
        (Some(negotiation), None) => {
            print_process(&workbench.negotiation_process(&negotiation)?, out)
        }
        (_, Some(ProcessCommand::Import { file })) => {
            let imported = workbench.import_process_file(&file)?;
            let _ = writeln!(out, "imported {} {}", imported.id, imported.version);
        }
        (_, Some(ProcessCommand::Export { file, id, version })) => {
            let (id, version) = match (id, version) {
                (Some(id), Some(version)) => (id, version),
                _ => workbench.shipped_process(),
            };
            workbench.export_process_file(&id, &version, &file)?;
            let _ = writeln!(out, "wrote {} ({id} {version})", file.display());
        }
        (_, Some(ProcessCommand::List)) => {
            for p in workbench.list_processes()? {
                let origin = match p.origin {
                    ssa_api::dto::ProcessOriginDto::Shipped => "shipped",
                    ssa_api::dto::ProcessOriginDto::Imported => "imported",
                };
                let _ = writeln!(
                    out,
                    "{}  {}  ({origin})  {} steps  {} negotiation(s)  {}",
                    p.id, p.version, p.step_count, p.negotiations, p.title.en
                );
            }
        }
        (
            _,
            Some(ProcessCommand::Upgrade {
                negotiation,
                version,
            }),
        ) => {
            let current = workbench.negotiation_process(&negotiation)?;
            let Some(version) = version.or(current.newer_version) else {
                let _ = writeln!(
                    out,
                    "{} {} is the newest stored version; nothing to do.",
                    current.process_id, current.process_version
                );
                return Ok(0);
            };
            let switched =
                workbench.switch_process_version(&negotiation, &current.process_id, &version)?;
            let _ = writeln!(out, "now on {} {}", current.process_id, version);
            for item in &switched.dropped_items {
                let _ = writeln!(out, "dropped the answer to item {item}");
            }
            for step in &switched.dropped_steps {
                let _ = writeln!(out, "dropped the status of step {step}");
            }
        }
        (_, Some(ProcessCommand::Validate { .. })) => {
            unreachable!("handled before the database is opened")
        }
        (None, None) => unreachable!("clap requires a negotiation or a subcommand"),
    }
    Ok(0)
}

fn print_process(process: &ssa_api::dto::NegotiationProcessDto, out: &mut dyn Write) {
    use ssa_api::dto::{GateChoiceDto, StepStatusDto};
    let _ = writeln!(
        out,
        "{} ({} {}): {}% done\n",
        process.process_title.en, process.process_id, process.process_version, process.percent
    );
    for step in &process.steps {
        let status = match step.status {
            StepStatusDto::NotStarted => "not started".to_string(),
            StepStatusDto::InProgress => "in progress".to_string(),
            StepStatusDto::Done => "done".to_string(),
            StepStatusDto::Skipped => format!("skipped: {}", step.skip_reason),
        };
        let marker = if step.id == process.current_step {
            ">"
        } else {
            " "
        };
        let gate = step
            .gate
            .decision
            .as_ref()
            .map(|d| {
                let choice = match d.choice {
                    GateChoiceDto::Go => "go",
                    GateChoiceDto::NoGo => "no-go",
                    GateChoiceDto::Revisit => "revisit",
                };
                format!("  gate: {choice} on {}", d.date)
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{marker} {}. {}  [{status}]  {}/{}{gate}",
            step.number, step.title.en, step.ticked, step.total
        );
    }
    if !process.next_actions.is_empty() {
        let _ = writeln!(out, "\nNext actions:");
        for action in &process.next_actions {
            let _ = writeln!(out, "  step {}: {}", action.step_number, action.label.en);
        }
    }
}
