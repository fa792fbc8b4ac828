//! `ssa check` and `ssa draft …`: the draft's problems as the app words them, and structure
//! edits by the labels a person reads ("Article 8", "Article 8(2)(b)"), each saved like an
//! edit in the app. A label the draft does not have is refused with exit code 1.

use std::io::Write;

use clap::Subcommand;
use ssa_api::{ApiError, Workbench};
use ssa_core::template::edit::{Place, StructureEdit};
use ssa_core::template::{NodeKind, Severity};

#[derive(Subcommand, Debug)]
pub enum DraftCommand {
    /// Add a provision after the one labelled `--after`, and print its label.
    Add {
        negotiation: String,
        /// The provision it follows, as printed ("Article 8", "Article 8(2)").
        #[arg(long)]
        after: String,
        #[arg(long, value_enum)]
        kind: AddedKind,
        #[arg(long)]
        heading: Option<String>,
        #[arg(long, default_value = "")]
        text: String,
    },
    /// Move a provision after another one, and print its new label.
    Move {
        negotiation: String,
        label: String,
        #[arg(long)]
        after: String,
    },
    /// Delete a provision (a provision the model requires too: the draft then departs from it).
    Delete { negotiation: String, label: String },
    /// Set the agreement's title ("" for the model's title again).
    Title { negotiation: String, title: String },
}

/// The kinds `ssa draft add` makes.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum AddedKind {
    Article,
    Paragraph,
    Item,
}

impl From<AddedKind> for NodeKind {
    fn from(kind: AddedKind) -> NodeKind {
        match kind {
            AddedKind::Article => NodeKind::Article,
            AddedKind::Paragraph => NodeKind::Paragraph,
            AddedKind::Item => NodeKind::Item,
        }
    }
}

/// `ssa check`: every problem in `language`, errors first; exit code 1 when there is an error.
pub fn check(
    workbench: &Workbench,
    negotiation: &str,
    language: &str,
    out: &mut dyn Write,
) -> Result<i32, ApiError> {
    let mut problems = workbench.check_draft(negotiation)?;
    problems.sort_by_key(|p| p.severity != Severity::Error);
    let (error, warning, none) = match language {
        "fr" => ("erreur", "avertissement", "Aucun problème."),
        "es" => ("error", "advertencia", "Ningún problema."),
        _ => ("error", "warning", "No problems."),
    };
    if problems.is_empty() {
        let _ = writeln!(out, "{none}");
    }
    for problem in &problems {
        let severity = match problem.severity {
            Severity::Error => error,
            Severity::Warning => warning,
        };
        let _ = writeln!(out, "{severity}: {}", problem.text.get(language));
    }
    Ok(i32::from(
        problems.iter().any(|p| p.severity == Severity::Error),
    ))
}

/// `ssa draft …`: one structure edit, saved; prints the label it leaves.
pub fn edit(
    workbench: &mut Workbench,
    command: DraftCommand,
    out: &mut dyn Write,
) -> Result<i32, ApiError> {
    let (negotiation, edit) = match command {
        DraftCommand::Add {
            negotiation,
            after,
            kind,
            heading,
            text,
        } => {
            let place = workbench.place_after(&negotiation, &after, kind.into())?;
            let edit = StructureEdit::Add {
                kind: kind.into(),
                place,
                heading,
                text,
            };
            (negotiation, edit)
        }
        DraftCommand::Move {
            negotiation,
            label,
            after,
        } => {
            let id = workbench.provision_cited(&negotiation, &label)?;
            let kind = workbench
                .agreement(&negotiation)?
                .document
                .find(&id)
                .map_or(NodeKind::Article, |n| n.kind);
            let place = match workbench.place_after(&negotiation, &after, kind)? {
                Place::After { id: target } if target == id => {
                    return Err(ApiError::new(
                        ssa_api::ErrorCode::InvalidInput,
                        format!("“{label}” cannot be moved after itself. Nothing was changed."),
                    ))
                }
                place => place,
            };
            (negotiation, StructureEdit::Move { id, place })
        }
        DraftCommand::Delete { negotiation, label } => {
            let id = workbench.provision_cited(&negotiation, &label)?;
            (negotiation, StructureEdit::Delete { id })
        }
        DraftCommand::Title { negotiation, title } => {
            let title = (!title.trim().is_empty()).then_some(title);
            (negotiation, StructureEdit::Title { title })
        }
    };
    let base = workbench
        .get_draft(&negotiation)?
        .ok_or_else(|| ApiError::not_found("draft agreement of negotiation", &negotiation))?;
    let edited = workbench.edit_draft_structure(&negotiation, &base, &edit)?;
    match (&edit, edited.citation) {
        (StructureEdit::Title { .. }, _) => {
            let title = ssa_core::template::document::plain(&edited.rendered.document.title);
            let _ = writeln!(out, "{title}");
        }
        (StructureEdit::Delete { .. }, _) => {
            let _ = writeln!(out, "Deleted; the later provisions are renumbered.");
        }
        (_, Some(citation)) => {
            let _ = writeln!(out, "{citation}");
        }
        (_, None) => {
            let _ = writeln!(out, "Saved.");
        }
    }
    for problem in edited
        .rendered
        .problems
        .iter()
        .filter(|p| p.kind == ssa_core::template::ProblemKind::DepartsFromModel)
    {
        let _ = writeln!(out, "warning: {}", problem.message);
    }
    Ok(0)
}
