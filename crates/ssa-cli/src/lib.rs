//! `ssa`: the command line of SSA Workbench, for batch jobs on the same database as the app.
//!
//! [`run`] takes the arguments and the output streams, so acceptance tests drive it in-process;
//! `main.rs` only wires it to the real ones. Exit codes: 0 success; 1 the input was refused
//! (a field that does not validate, a template file with errors); 2 the command could not run
//! (bad arguments, an unknown id, an unreadable database).

use std::io::Write;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use ssa_api::dto::{NegotiationDto, NegotiationInput, PartyDto, PartyRoleDto, ShelfDto};
use ssa_api::paths::DataDir;
use ssa_api::{ApiError, SystemClock, UuidIds, Workbench, APP_IDENTIFIER};

#[derive(Parser, Debug)]
#[command(name = "ssa", version, about = "SSA Workbench on the command line")]
struct Cli {
    /// The data directory (default: $SSA_DATA_DIR, or the app's own data directory).
    #[arg(long, global = true)]
    data_dir: Option<std::path::PathBuf>,
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
    /// Print a negotiation's draft agreement as numbered plain text; unfilled placeholders
    /// are marked, and the draft's problems are listed on standard error.
    Render {
        negotiation: String,
        /// A revision number or a version name (default: the draft as it is now).
        #[arg(long)]
        version: Option<String>,
    },
    /// List the revisions of a negotiation's draft; named ones are versions.
    Versions { negotiation: String },
    /// Name the draft as it now is, making it a version that is never changed.
    NameVersion { negotiation: String, name: String },
    /// Export a document of a negotiation as PDF (exit code 1 when the output is refused).
    Export {
        negotiation: String,
        /// Which document.
        #[arg(long, value_enum)]
        doc: ExportDocument,
        /// A revision number or a version name (default: the draft as it is now).
        #[arg(long)]
        version: Option<String>,
        /// The PDF file to write (replaced whole if it exists).
        #[arg(long)]
        out: std::path::PathBuf,
    },
}

/// The documents `ssa export` can write.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum ExportDocument {
    /// The agreement: title page, contents, articles, signature block.
    Agreement,
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
    match execute(cli, out, err) {
        Ok(code) => code,
        Err(error) => {
            let _ = writeln!(err, "ssa: {}", error.message);
            for problem in &error.problems {
                let _ = writeln!(err, "  {}: {}", problem.field, problem.message);
            }
            if error.code == ssa_api::ErrorCode::InvalidInput {
                1
            } else {
                2
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
    let (mut workbench, _) =
        Workbench::open(&data_dir(&cli), Arc::new(SystemClock), Arc::new(UuidIds))?;
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
                        "{}  {}  [{}]  step {}/{}  edited {}",
                        n.id,
                        n.title,
                        parties_line(n),
                        n.current_step.number,
                        n.current_step.step_count,
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
                    "step:      {} of {}: {}",
                    n.current_step.number, n.current_step.step_count, n.current_step.title.en
                );
                let _ = writeln!(out, "shelf:     {:?}", n.shelf);
                let _ = writeln!(out, "created:   {}", n.created_at);
                let _ = writeln!(out, "edited:    {}", n.updated_at);
                if !n.notes.is_empty() {
                    let _ = writeln!(out, "\n{}", n.notes);
                }
            }
        }
        Command::Sample => {
            let sample = workbench.create_sample_negotiation()?;
            let _ = writeln!(out, "{}", sample.id);
        }
        Command::Templates => {
            for t in workbench.list_templates()? {
                let _ = writeln!(out, "{}  {}  ({})  {}", t.id, t.version, t.origin, t.title);
            }
        }
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
            for problem in &agreement.report.problems {
                let _ = writeln!(err, "{problem}");
            }
        }
        Command::Export {
            negotiation,
            doc: ExportDocument::Agreement,
            version,
            out: path,
        } => {
            let export = workbench.export_agreement_pdf(&negotiation, version.as_deref(), &path)?;
            let _ = writeln!(
                out,
                "wrote {} ({} pages, {} bytes)",
                export.path, export.pages, export.bytes
            );
        }
        Command::Versions { negotiation } => {
            for r in workbench.list_revisions(&negotiation)? {
                let _ = writeln!(
                    out,
                    "{:>4}  {}  {}",
                    r.number,
                    r.updated_at,
                    r.name
                        .as_deref()
                        .map(|n| format!("version \"{n}\""))
                        .unwrap_or_default()
                );
            }
        }
        Command::NameVersion { negotiation, name } => {
            let named = workbench.name_version(&negotiation, &name)?;
            let _ = writeln!(out, "{}", named.number);
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
    }
    Ok(0)
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
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(error) => {
            let _ = writeln!(err, "ssa: cannot read {origin}: {error}");
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
