//! `ssa scenario …` and `ssa workshop …`: workshop mode on the command line, for a trainer
//! preparing a room of laptops (create the workshop, hand out the packs), for a team's laptop
//! (join its pack), and for the facilitator's desk (collect, time, lock, debrief).

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;
use ssa_api::workshop::{DeskAction, TeamNameDto, WorkshopInput};
use ssa_api::{ApiError, ErrorCode, OutcomeDto, Workbench, WorkshopPdfDto};

#[derive(Subcommand, Debug)]
pub enum ScenarioCommand {
    /// List the stored scenarios.
    List {
        /// The language of titles: en, fr or es.
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Validate a scenario file and list its problems with their lines (exit code 1 if any).
    Validate { file: PathBuf },
    /// Import a scenario file (refused, with every problem, if it has any).
    Import { file: PathBuf },
    /// Write a stored scenario's file, to derive a scenario of your own from it.
    Export {
        id: String,
        #[arg(long)]
        version: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum WorkshopCommand {
    /// Create a workshop from a scenario: one team pack per team and group and the
    /// facilitator's file, written to the folder given.
    Create {
        /// The scenario's id (`ssa scenario list`).
        scenario: String,
        #[arg(long)]
        groups: u32,
        #[arg(long)]
        out: PathBuf,
        /// The workshop's title (default: the scenario's id).
        #[arg(long)]
        title: Option<String>,
        /// The workshop's language: en, fr or es.
        #[arg(long, default_value = "en")]
        lang: String,
        /// A team's name, as `a=Delegation of Marisol` (repeat for each team to rename).
        #[arg(long = "team")]
        teams: Vec<String>,
    },
    /// On a team's laptop: join a team pack (creates the team's negotiation).
    Join { pack: PathBuf },
    /// List the workshops of this desk.
    List,
    /// Print the desk: each group's round, timer, articles and files.
    Desk { workshop: String },
    /// Collect the groups' exchange files.
    Collect {
        workshop: String,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Start the round timer of a group (default: every unlocked group).
    Start {
        workshop: String,
        #[arg(long)]
        group: Option<u32>,
    },
    /// Pause the round timer of a group (default: every unlocked group).
    Pause {
        workshop: String,
        #[arg(long)]
        group: Option<u32>,
    },
    /// Move a group to its next round.
    NextRound {
        workshop: String,
        #[arg(long)]
        group: u32,
    },
    /// Lock a group's text: no more files are collected for it.
    Lock {
        workshop: String,
        #[arg(long)]
        group: u32,
    },
    /// Every group back to round 1, unlocked, timers at zero, collected files dropped.
    Reset { workshop: String },
    /// Print the debrief and write it as PDF.
    Debrief {
        workshop: String,
        #[arg(long)]
        lang: Option<String>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// Validating a scenario needs the model templates: the data folder's.
pub fn scenario(
    workbench: &mut Workbench,
    command: ScenarioCommand,
    out: &mut dyn Write,
) -> Result<i32, ApiError> {
    match command {
        ScenarioCommand::List { lang } => {
            let scenarios = workbench.list_scenarios(&lang)?;
            if scenarios.is_empty() {
                let _ = writeln!(out, "No scenarios.");
            }
            for s in scenarios {
                let _ = writeln!(
                    out,
                    "{} {}  {}  [{}]  {} teams, {} rounds ({} min), languages {}",
                    s.id,
                    s.version,
                    s.title,
                    s.countries.join(", "),
                    s.teams.len(),
                    s.rounds,
                    s.minutes,
                    s.languages.join(", ")
                );
            }
        }
        ScenarioCommand::Validate { file } => {
            let (name, text) = ssa_api::read_for_import(
                &file,
                ssa_core::limits::MAX_SCENARIO_BYTES,
                "scenario file",
            )?;
            return Ok(match workbench.validate_scenario(&name, &text) {
                Ok(scenario) => {
                    let _ = writeln!(
                        out,
                        "{name}: valid ({} {}, {} countries, {} teams, {} rounds, languages {})",
                        scenario.id,
                        scenario.version,
                        scenario.countries.len(),
                        scenario.teams.len(),
                        scenario.rounds.len(),
                        scenario.languages.join(", ")
                    );
                    0
                }
                Err(error) => {
                    let _ = writeln!(out, "{}", error.message);
                    1
                }
            });
        }
        ScenarioCommand::Import { file } => {
            let imported = workbench.import_scenario_file(&file, "en")?;
            let _ = writeln!(out, "imported {} {}", imported.id, imported.version);
        }
        ScenarioCommand::Export {
            id,
            version,
            out: path,
        } => {
            workbench.export_scenario_file(&id, version.as_deref(), &path)?;
            let _ = writeln!(out, "wrote {}", path.display());
        }
    }
    Ok(0)
}

fn team_names(teams: &[String]) -> Result<Vec<TeamNameDto>, ApiError> {
    teams
        .iter()
        .map(|t| {
            let (team, name) = t.split_once('=').ok_or_else(|| {
                ApiError::new(
                    ErrorCode::InvalidInput,
                    format!("\"{t}\" is not of the form \"a=Team name\"."),
                )
            })?;
            Ok(TeamNameDto {
                team: team.trim().into(),
                name: name.trim().into(),
            })
        })
        .collect()
}

fn minutes_seconds(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let seconds = seconds.abs();
    format!("{sign}{}:{:02}", seconds / 60, seconds % 60)
}

pub fn workshop(
    workbench: &mut Workbench,
    command: WorkshopCommand,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, ApiError> {
    let desk_action = |workbench: &mut Workbench, which: &str, action| {
        let id = workbench.resolve_workshop(which)?;
        workbench.workshop_action(&id, action)
    };
    match command {
        WorkshopCommand::Create {
            scenario,
            groups,
            out: folder,
            title,
            lang,
            teams,
        } => {
            let created = workbench.create_workshop(
                &WorkshopInput {
                    title: title.unwrap_or_else(|| scenario.clone()),
                    scenario_id: scenario,
                    scenario_version: None,
                    language: lang,
                    groups,
                    team_names: team_names(&teams)?,
                },
                &folder,
            )?;
            let _ = writeln!(
                out,
                "workshop {} \"{}\": {} groups, {} files in {}",
                created.workshop.id,
                created.workshop.title,
                created.workshop.groups,
                created.files.len(),
                created.folder
            );
            for file in &created.files {
                let _ = writeln!(out, "  {file}");
            }
        }
        WorkshopCommand::Join { pack } => {
            let negotiation = workbench.join_team_pack_file(&pack)?;
            let _ = writeln!(out, "joined: {}  {}", negotiation.id, negotiation.title);
        }
        WorkshopCommand::List => {
            let workshops = workbench.list_workshops()?;
            if workshops.is_empty() {
                let _ = writeln!(out, "No workshops.");
            }
            for w in workshops {
                let _ = writeln!(
                    out,
                    "{}  {}  ({}, {} groups, {})",
                    w.id, w.title, w.scenario_title, w.groups, w.language
                );
            }
        }
        WorkshopCommand::Desk { workshop } => {
            let id = workbench.resolve_workshop(&workshop)?;
            print_desk(&workbench.workshop_desk(&id)?, out);
        }
        WorkshopCommand::Collect { workshop, files } => {
            let id = workbench.resolve_workshop(&workshop)?;
            let mut refused = 0;
            for file in files {
                match workbench.collect_exchange_path(&id, &file) {
                    Ok(c) => {
                        let _ = writeln!(
                            out,
                            "collected {} (group {}, team {})",
                            c.file_name,
                            c.group,
                            c.team.to_uppercase()
                        );
                    }
                    Err(e) => {
                        refused += 1;
                        let _ = writeln!(err, "ssa: {}", e.message);
                    }
                }
            }
            return Ok(if refused > 0 { 1 } else { 0 });
        }
        WorkshopCommand::Start { workshop, group } => print_desk(
            &desk_action(workbench, &workshop, DeskAction::Start(group))?,
            out,
        ),
        WorkshopCommand::Pause { workshop, group } => print_desk(
            &desk_action(workbench, &workshop, DeskAction::Pause(group))?,
            out,
        ),
        WorkshopCommand::NextRound { workshop, group } => print_desk(
            &desk_action(workbench, &workshop, DeskAction::NextRound(group))?,
            out,
        ),
        WorkshopCommand::Lock { workshop, group } => print_desk(
            &desk_action(workbench, &workshop, DeskAction::Lock(group))?,
            out,
        ),
        WorkshopCommand::Reset { workshop } => {
            print_desk(&desk_action(workbench, &workshop, DeskAction::Reset)?, out)
        }
        WorkshopCommand::Debrief {
            workshop,
            lang,
            out: path,
        } => {
            let id = workbench.resolve_workshop(&workshop)?;
            let debrief = workbench.workshop_debrief(&id, lang.as_deref())?;
            for article in &debrief.articles {
                let _ = writeln!(out, "{}", article.label);
                let _ = writeln!(
                    out,
                    "  model: {}",
                    pairs(&article.parameters, &article.model_values)
                );
                for group in &article.groups {
                    let outcome = match group.outcome {
                        OutcomeDto::Agreed => "agreed",
                        OutcomeDto::Open => "open",
                        OutcomeDto::NoFile => "no file",
                    };
                    let teams: Vec<String> = group
                        .teams
                        .iter()
                        .map(|t| {
                            format!(
                                "team {}: {}, {}/{} points",
                                t.letter,
                                match t.red_line_held {
                                    Some(true) => "red line held",
                                    Some(false) => "red line crossed",
                                    None => "no red line",
                                },
                                t.points,
                                t.points_possible
                            )
                        })
                        .collect();
                    let _ = writeln!(
                        out,
                        "  group {}: {outcome}; {}; {}",
                        group.group,
                        pairs(&article.parameters, &group.values),
                        teams.join("; ")
                    );
                }
            }
            if let Some(path) = path {
                let export = workbench.export_workshop_pdf(
                    &id,
                    &WorkshopPdfDto::Debrief,
                    lang.as_deref(),
                    &path,
                )?;
                let _ = writeln!(
                    out,
                    "wrote {} ({} pages, {} bytes)",
                    export.path, export.pages, export.bytes
                );
            }
        }
    }
    Ok(0)
}

fn pairs(names: &[String], values: &[String]) -> String {
    names
        .iter()
        .zip(values)
        .map(|(n, v)| format!("{n} {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn print_desk(desk: &ssa_api::workshop::DeskDto, out: &mut dyn Write) {
    let _ = writeln!(
        out,
        "{}  ({}, {} groups)",
        desk.workshop.title, desk.workshop.scenario_title, desk.workshop.groups
    );
    for g in &desk.groups {
        let teams: Vec<String> = g
            .teams
            .iter()
            .map(|t| format!("{} {} ({} files)", t.letter, t.name, t.files))
            .collect();
        let state = if g.locked {
            "locked"
        } else if g.running {
            "running"
        } else {
            "paused"
        };
        let _ = writeln!(
            out,
            "group {}: round {} \"{}\", {} left of {} min, {state}; {}",
            g.number,
            g.round,
            g.round_title,
            minutes_seconds(g.remaining_seconds),
            g.minutes,
            teams.join(", ")
        );
        for a in &g.articles {
            let state = match a.state {
                ssa_api::workshop::ArticleStateDto::Agreed => "agreed",
                ssa_api::workshop::ArticleStateDto::Open => "open",
                ssa_api::workshop::ArticleStateDto::NoFile => "no file",
            };
            let _ = writeln!(out, "  {}: {state}", a.label);
        }
    }
}

/// `ssa export <workshop> --doc handout|guide|debrief [--team A]`, or on a team's laptop
/// `ssa export <negotiation> --doc handout [--team A]` (its own team only).
pub fn export(
    workbench: &mut Workbench,
    target: &str,
    doc: WorkshopPdfDto,
    language: Option<&str>,
    path: &std::path::Path,
) -> Result<ssa_api::dto::ExportDto, ApiError> {
    if let Ok(id) = workbench.resolve_workshop(target) {
        return workbench.export_workshop_pdf(&id, &doc, language, path);
    }
    let team = workbench.team_brief(target)?.ok_or_else(|| {
        ApiError::new(
            ErrorCode::NotFound,
            format!("\"{target}\" is neither a workshop here nor a negotiation joined from a team pack."),
        )
    })?;
    let own_brief = match &doc {
        WorkshopPdfDto::GeneralBrief => false,
        WorkshopPdfDto::TeamBrief { team: asked } if asked.eq_ignore_ascii_case(&team.team) => true,
        WorkshopPdfDto::TeamBrief { team: asked } => {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!(
                    "This laptop plays team {}; team {}'s brief is not here (it never is, on another team's laptop).",
                    team.letter,
                    asked.to_uppercase()
                ),
            ))
        }
        _ => {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                "The facilitator's guide and the debrief are printed at the facilitator's desk.",
            ))
        }
    };
    workbench
        .prepare_team_pdf(&team.negotiation_id, own_brief)?
        .write(path)
}
