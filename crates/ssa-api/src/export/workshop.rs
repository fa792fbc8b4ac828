//! Workshop handouts and the debrief as PDF, in the workshop's language: the general brief,
//! each team's confidential brief (marked "CONFIDENTIAL — TEAM X" on every page), the
//! facilitator's guide and the debrief report with its comparison table.
//!
//! Contract: a team's brief is made from that team's brief alone ([`TeamBrief`]), whether the
//! facilitator prints it from the scenario or the team from its pack; the general brief holds
//! no team's brief; only the facilitator's guide and the debrief set the briefs side by side.

use std::path::Path;

use serde::{Deserialize, Serialize};
use specta::Type;
use ssa_core::documents::feasibility::{CorridorKind, Feasibility};
use ssa_core::workshop::pack::{
    scenario_feasibility, scenario_parties, scenario_rounds, PackParty, PackRound, TeamBrief,
};
use ssa_pdf::handout::{HandoutBlock, HandoutInput};

use super::workshop_words::WorkshopWords;
use super::{PreparedPdf, Words};
use crate::dto::ExportDto;
use crate::workshop_debrief::{ConvergenceDto, ModelWording, OutcomeDto};
use crate::{ApiError, ErrorCode, Workbench};

/// Which workshop document to print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(tag = "doc", rename_all = "snake_case")]
pub enum WorkshopPdfDto {
    GeneralBrief,
    /// One team's confidential brief, by its letter or id ("A").
    TeamBrief {
        team: String,
    },
    FacilitatorGuide,
    Debrief,
}

/// What a handout's page says about it, around its blocks.
struct Paper {
    title: String,
    subtitle: String,
    header_left: String,
    /// What the paper is, on every page.
    mark: String,
    watermark: Option<String>,
    landscape: bool,
}

/// The word for "Article" in `language`.
pub(crate) fn workshop_article_word(language: &str) -> &'static str {
    WorkshopWords::of(language).article
}

/// What the general brief is made of: the same from the scenario or from a pack.
struct GeneralSource<'a> {
    parties: &'a [PackParty],
    feasibility: &'a Feasibility,
    general_brief: &'a str,
    rounds: &'a [PackRound],
}

fn rounds_table(words: &WorkshopWords, rounds: &[PackRound]) -> HandoutBlock {
    HandoutBlock::Table {
        columns: vec![0.6, 2.0, 0.7, 4.0],
        header: vec![
            words.round.into(),
            String::new(),
            words.minutes.into(),
            words.focus.into(),
        ],
        rows: rounds
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    (i + 1).to_string(),
                    r.title.clone(),
                    r.minutes.to_string(),
                    r.focus.clone(),
                ]
            })
            .collect(),
    }
}

fn general_blocks(words: &WorkshopWords, source: &GeneralSource<'_>) -> Vec<HandoutBlock> {
    let pdf_words = Words::of(words.code);
    let name_of = |code: &str| {
        source
            .parties
            .iter()
            .find(|p| p.code == code)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| code.to_string())
    };
    let mut blocks = vec![HandoutBlock::Text(source.general_brief.to_string())];
    blocks.push(HandoutBlock::Heading(words.countries.into()));
    for party in source.parties {
        blocks.push(HandoutBlock::Labelled {
            label: party.name.clone(),
            text: party.profile.clone(),
        });
    }
    if !source.feasibility.corridor.is_empty() {
        blocks.push(HandoutBlock::Heading(words.corridor.into()));
        blocks.push(HandoutBlock::Table {
            columns: vec![1.4, 1.4, 1.5, 0.9, 0.6, 2.6],
            header: [
                words.from,
                words.to,
                words.what,
                words.count,
                words.year,
                words.source,
            ]
            .map(String::from)
            .to_vec(),
            rows: source
                .feasibility
                .corridor
                .iter()
                .map(|f| {
                    vec![
                        name_of(&f.from),
                        name_of(&f.to),
                        words.corridor_kinds[match f.kind {
                            CorridorKind::MigrantWorkers => 0,
                            CorridorKind::PostedWorkers => 1,
                            CorridorKind::PensionersAbroad => 2,
                        }]
                        .to_string(),
                        f.count
                            .map(|c| group_digits(c, words.code))
                            .unwrap_or_default(),
                        f.year.map(|y| y.to_string()).unwrap_or_default(),
                        f.source.clone(),
                    ]
                })
                .collect(),
        });
    }
    if !source.feasibility.schemes.is_empty() {
        blocks.push(HandoutBlock::Heading(words.schemes.into()));
        let mut branches: Vec<_> = source
            .feasibility
            .schemes
            .iter()
            .map(|s| s.branch)
            .collect();
        branches.sort();
        branches.dedup();
        let mut columns = vec![1.2];
        columns.extend(std::iter::repeat_n(2.0, source.parties.len()));
        let mut header = vec![words.branch.to_string()];
        header.extend(source.parties.iter().map(|p| p.name.clone()));
        blocks.push(HandoutBlock::Table {
            columns,
            header,
            rows: branches
                .into_iter()
                .map(|branch| {
                    let mut row = vec![pdf_words.branch(branch).to_string()];
                    row.extend(source.parties.iter().map(|party| {
                        match source
                            .feasibility
                            .schemes
                            .iter()
                            .find(|s| s.branch == branch && s.party == party.code)
                        {
                            Some(s) if s.exists == Some(false) => words.no_scheme.to_string(),
                            Some(s) => [
                                s.scheme_type
                                    .map(|t| pdf_words.scheme_type(t).to_string())
                                    .unwrap_or_default(),
                                s.persons_covered.clone(),
                                s.qualifying_period.clone(),
                                s.export_rules.clone(),
                                s.conditions.clone(),
                            ]
                            .into_iter()
                            .filter(|t| !t.is_empty())
                            .collect::<Vec<_>>()
                            .join(" "),
                            None => "—".into(),
                        }
                    }));
                    row
                })
                .collect(),
        });
    }
    blocks.push(HandoutBlock::Heading(words.rounds.into()));
    blocks.push(rounds_table(words, source.rounds));
    blocks
}

/// "62,000", "62 000", "62.000" as each language groups thousands.
fn group_digits(count: u32, language: &str) -> String {
    let separator = match language {
        "fr" => '\u{202f}',
        "es" => '.',
        _ => ',',
    };
    let digits = count.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

fn team_blocks(
    words: &WorkshopWords,
    wording: &ModelWording,
    brief: &TeamBrief,
    rounds: &[PackRound],
) -> Vec<HandoutBlock> {
    let mut blocks = vec![
        HandoutBlock::Heading(words.your_instructions.into()),
        HandoutBlock::Text(brief.text.clone()),
        HandoutBlock::Heading(words.per_article.into()),
    ];
    for article in &brief.articles {
        blocks.push(HandoutBlock::Labelled {
            label: wording.article_name(&article.article),
            text: String::new(),
        });
        blocks.push(HandoutBlock::Bullets(vec![
            format!("{}: {}", words.preferred, article.preferred),
            format!("{}: {}", words.red_line, article.red_line),
            format!("{}: {}", words.fallback, article.fallback),
        ]));
    }
    blocks.push(HandoutBlock::Heading(words.priorities.into()));
    blocks.push(HandoutBlock::Table {
        columns: vec![3.0, 2.5, 0.7],
        header: vec![
            words.priority.into(),
            words.article.into(),
            words.points.into(),
        ],
        rows: brief
            .priorities
            .iter()
            .map(|p| {
                vec![
                    p.text.clone(),
                    wording.article_name(&p.article),
                    p.points.to_string(),
                ]
            })
            .collect(),
    });
    blocks.push(HandoutBlock::Heading(words.walk_away.into()));
    blocks.push(HandoutBlock::Text(brief.walk_away.clone()));
    blocks.push(HandoutBlock::Heading(words.rounds.into()));
    blocks.push(rounds_table(words, rounds));
    blocks
}

impl Workbench {
    fn handout(
        &self,
        words: &WorkshopWords,
        paper: Paper,
        blocks: Vec<HandoutBlock>,
    ) -> PreparedPdf {
        PreparedPdf::Handout(Box::new(HandoutInput {
            subject: paper.title.clone(),
            title: paper.title,
            subtitle: paper.subtitle,
            header_left: paper.header_left,
            header_right: paper.mark,
            watermark: paper.watermark,
            page_of: words.page_of.into(),
            language: words.code.into(),
            created_unix: self.clock.now().timestamp(),
            landscape: paper.landscape,
            blocks,
        }))
    }

    /// Reads what a workshop document needs, in `language` (the workshop's own when None).
    pub fn prepare_workshop_pdf(
        &self,
        workshop_id: &str,
        doc: &WorkshopPdfDto,
        language: Option<&str>,
    ) -> Result<PreparedPdf, ApiError> {
        let loaded = self.load_workshop(workshop_id)?;
        let language = language.unwrap_or(loaded.language()).to_string();
        let words = WorkshopWords::of(&language);
        let scenario = &loaded.scenario;
        let file = &loaded.stored.file;
        let scenario_title = scenario.title.get(&language).to_string();
        let subtitle = format!(
            "{} — {}",
            file.title,
            Words::of(&language).long_date(self.clock.now().date_naive())
        );
        let wording = ModelWording::new(self.model_of(&loaded)?, &language);
        let rounds = scenario_rounds(scenario, &language);
        Ok(match doc {
            WorkshopPdfDto::GeneralBrief => {
                let parties = scenario_parties(scenario, &language);
                let feasibility = scenario_feasibility(scenario, &language);
                let blocks = general_blocks(
                    words,
                    &GeneralSource {
                        parties: &parties,
                        feasibility: &feasibility,
                        general_brief: scenario.general_brief.get(&language),
                        rounds: &rounds,
                    },
                );
                self.handout(
                    words,
                    Paper {
                        title: format!("{} — {scenario_title}", words.general_brief),
                        subtitle,
                        header_left: scenario_title.clone(),
                        mark: words.general_brief_mark.into(),
                        watermark: None,
                        landscape: false,
                    },
                    blocks,
                )
            }
            WorkshopPdfDto::TeamBrief { team } => {
                let id = team.trim().to_lowercase();
                let definition = scenario.team(&id).ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::NotFound,
                        format!(
                            "The scenario has no team {}; its teams are {}.",
                            team.trim(),
                            scenario
                                .teams
                                .iter()
                                .map(|t| t.letter())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                })?;
                let name = file
                    .groups
                    .first()
                    .and_then(|g| g.teams.iter().find(|s| s.team == id))
                    .map(|s| s.name.clone())
                    .unwrap_or_else(|| definition.name.get(&language).to_string());
                let brief = TeamBrief::of(definition, &name, &language);
                self.team_handout(words, &wording, &brief, &rounds, &scenario_title, subtitle)
            }
            WorkshopPdfDto::FacilitatorGuide => {
                let mut blocks = vec![HandoutBlock::Text(scenario.summary.get(&language).into())];
                blocks.push(HandoutBlock::Heading(words.groups.into()));
                blocks.push(HandoutBlock::Table {
                    columns: vec![0.7, 0.7, 2.2, 3.0],
                    header: [words.group, words.team, "", words.pack_file]
                        .map(String::from)
                        .to_vec(),
                    rows: file
                        .groups
                        .iter()
                        .flat_map(|g| {
                            g.teams.iter().map(move |s| {
                                vec![
                                    g.number.to_string(),
                                    s.team.to_uppercase(),
                                    s.name.clone(),
                                    s.pack_file.clone(),
                                ]
                            })
                        })
                        .collect(),
                });
                blocks.push(HandoutBlock::Heading(words.rounds.into()));
                blocks.push(rounds_table(words, &rounds));
                blocks.push(HandoutBlock::Heading(words.zone.into()));
                for article in scenario.briefed_articles() {
                    blocks.push(HandoutBlock::Labelled {
                        label: wording.article_name(article),
                        text: String::new(),
                    });
                    blocks.push(HandoutBlock::Table {
                        columns: vec![0.8, 2.0, 2.0, 2.0],
                        header: vec![
                            words.team.into(),
                            words.preferred.into(),
                            words.red_line.into(),
                            words.fallback.into(),
                        ],
                        rows: scenario
                            .teams
                            .iter()
                            .filter_map(|t| {
                                t.instruction(article).map(|i| {
                                    vec![
                                        t.letter(),
                                        i.preferred.get(&language).into(),
                                        i.red_line.get(&language).into(),
                                        i.fallback.get(&language).into(),
                                    ]
                                })
                            })
                            .collect(),
                    });
                }
                blocks.push(HandoutBlock::Heading(words.points.into()));
                blocks.push(HandoutBlock::Table {
                    columns: vec![0.8, 3.0, 2.4, 0.7],
                    header: vec![
                        words.team.into(),
                        words.priority.into(),
                        words.article.into(),
                        words.points.into(),
                    ],
                    rows: scenario
                        .teams
                        .iter()
                        .flat_map(|t| {
                            let wording = &wording;
                            let language = &language;
                            t.priorities.iter().map(move |p| {
                                vec![
                                    t.letter(),
                                    p.text.get(language).into(),
                                    wording.article_name(p.article.get_ref()),
                                    p.points.to_string(),
                                ]
                            })
                        })
                        .collect(),
                });
                blocks.push(HandoutBlock::Heading(words.notes.into()));
                blocks.push(HandoutBlock::Bullets(
                    scenario
                        .facilitator_notes
                        .iter()
                        .map(|n| n.get(&language).into())
                        .collect(),
                ));
                blocks.push(HandoutBlock::Heading(words.questions.into()));
                blocks.push(HandoutBlock::Bullets(
                    scenario
                        .debrief_questions
                        .iter()
                        .map(|q| q.get(&language).into())
                        .collect(),
                ));
                self.handout(
                    words,
                    Paper {
                        title: format!("{} — {scenario_title}", words.guide),
                        subtitle,
                        header_left: scenario_title.clone(),
                        mark: words.facilitator_mark.into(),
                        watermark: None,
                        landscape: false,
                    },
                    blocks,
                )
            }
            WorkshopPdfDto::Debrief => {
                let debrief = self.workshop_debrief(workshop_id, Some(&language))?;
                let mut blocks = Vec::new();
                for article in &debrief.articles {
                    blocks.push(HandoutBlock::Heading(article.label.clone()));
                    for line in &article.briefs {
                        blocks.push(HandoutBlock::Labelled {
                            label: format!("{} {}", words.team, line.letter),
                            text: format!(
                                "{}: {} {}: {}",
                                words.preferred, line.preferred, words.red_line, line.red_line
                            ),
                        });
                    }
                    let teams: Vec<String> = scenario.teams.iter().map(|t| t.letter()).collect();
                    let mut columns = vec![0.9];
                    columns.extend(std::iter::repeat_n(1.6, article.parameters.len()));
                    columns.push(1.0);
                    columns.extend(std::iter::repeat_n(1.7, teams.len()));
                    let mut header = vec![words.group.to_string()];
                    header.extend(article.parameters.iter().cloned());
                    header.push(words.outcome.into());
                    header.extend(teams.iter().map(|t| format!("{} {t}", words.team)));
                    let mut rows = vec![{
                        let mut row = vec![words.model.to_string()];
                        row.extend(article.model_values.iter().cloned());
                        row
                    }];
                    for group in &article.groups {
                        let mut row = vec![group.group.to_string()];
                        row.extend(group.values.iter().cloned());
                        row.push(
                            match (group.outcome, group.left_out) {
                                (_, true) => words.left_out,
                                (OutcomeDto::Agreed, _) => words.agreed,
                                (OutcomeDto::Open, _) => words.open,
                                (OutcomeDto::NoFile, _) => words.no_file,
                            }
                            .into(),
                        );
                        row.extend(group.teams.iter().map(|t| {
                            if group.outcome == OutcomeDto::NoFile {
                                return "—".to_string();
                            }
                            let line = match t.red_line_held {
                                Some(true) => words.held,
                                Some(false) => words.crossed,
                                None => words.no_red_line,
                            };
                            if t.points_possible > 0 {
                                format!(
                                    "{line}; {}/{} {}",
                                    t.points,
                                    t.points_possible,
                                    words.points.to_lowercase()
                                )
                            } else {
                                line.to_string()
                            }
                        }));
                        rows.push(row);
                    }
                    blocks.push(HandoutBlock::Table {
                        columns,
                        header,
                        rows,
                    });
                    blocks.push(HandoutBlock::Note(
                        match article.convergence {
                            ConvergenceDto::Converged => words.converged,
                            ConvergenceDto::Diverged => words.diverged,
                            ConvergenceDto::Partly => words.partly,
                            ConvergenceDto::NoneAgreed => words.none_agreed,
                        }
                        .into(),
                    ));
                }
                blocks.push(HandoutBlock::Heading(words.scores.into()));
                blocks.push(HandoutBlock::Table {
                    columns: vec![0.8, 0.6, 2.4, 1.0, 1.2, 1.2],
                    header: vec![
                        words.group.into(),
                        words.team.into(),
                        String::new(),
                        words.points.into(),
                        words.red_lines_held.into(),
                        String::new(),
                    ],
                    rows: debrief
                        .totals
                        .iter()
                        .flat_map(|g| {
                            g.teams.iter().map(move |t| {
                                vec![
                                    g.group.to_string(),
                                    t.letter.clone(),
                                    t.name.clone(),
                                    format!("{}/{}", t.points, t.points_possible),
                                    format!("{}/{}", t.red_lines_held, t.red_lines),
                                    if g.locked {
                                        words.locked
                                    } else {
                                        words.not_locked
                                    }
                                    .into(),
                                ]
                            })
                        })
                        .collect(),
                });
                blocks.push(HandoutBlock::Heading(words.questions.into()));
                blocks.push(HandoutBlock::Bullets(debrief.questions.clone()));
                self.handout(
                    words,
                    Paper {
                        title: format!("{} — {scenario_title}", words.debrief),
                        subtitle,
                        header_left: scenario_title.clone(),
                        mark: words.debrief_mark.into(),
                        watermark: None,
                        landscape: true,
                    },
                    blocks,
                )
            }
        })
    }

    fn team_handout(
        &self,
        words: &WorkshopWords,
        wording: &ModelWording,
        brief: &TeamBrief,
        rounds: &[PackRound],
        scenario_title: &str,
        subtitle: String,
    ) -> PreparedPdf {
        let letter = brief.team.to_uppercase();
        self.handout(
            words,
            Paper {
                title: format!("{} — {}", words.team_brief, brief.team_name),
                subtitle,
                header_left: scenario_title.to_string(),
                mark: words.confidential_team.replace("{letter}", &letter),
                watermark: Some(words.confidential.into()),
                landscape: false,
            },
            team_blocks(words, wording, brief, rounds),
        )
    }

    /// On a team's laptop: the general brief or the team's own confidential brief, from the
    /// pack its negotiation was joined from (a team never holds another team's brief).
    pub fn prepare_team_pdf(
        &self,
        negotiation_id: &str,
        own_brief: bool,
    ) -> Result<PreparedPdf, ApiError> {
        let joined = self.store.get_joined_team(negotiation_id)?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                "This negotiation was not joined from a team pack, so it has no workshop handouts.",
            )
        })?;
        let pack = &joined.pack;
        let words = WorkshopWords::of(&pack.language);
        let subtitle = format!(
            "{} — {}",
            pack.workshop_title,
            Words::of(&pack.language).long_date(self.clock.now().date_naive())
        );
        if own_brief {
            let template =
                self.load_template(&pack.model.template_id, &pack.model.template_version)?;
            let wording = ModelWording::new(template, &pack.language);
            return Ok(self.team_handout(
                words,
                &wording,
                &pack.brief,
                &pack.rounds,
                &pack.scenario.title,
                subtitle,
            ));
        }
        let blocks = general_blocks(
            words,
            &GeneralSource {
                parties: &pack.parties,
                feasibility: &pack.feasibility,
                general_brief: &pack.general_brief,
                rounds: &pack.rounds,
            },
        );
        Ok(self.handout(
            words,
            Paper {
                title: format!("{} — {}", words.general_brief, pack.scenario.title),
                subtitle,
                header_left: pack.scenario.title.clone(),
                mark: words.general_brief_mark.into(),
                watermark: None,
                landscape: false,
            },
            blocks,
        ))
    }

    pub fn export_workshop_pdf(
        &self,
        workshop_id: &str,
        doc: &WorkshopPdfDto,
        language: Option<&str>,
        path: &Path,
    ) -> Result<ExportDto, ApiError> {
        self.prepare_workshop_pdf(workshop_id, doc, language)?
            .write(path)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_grouped_as_each_language_writes_them() {
        assert_eq!(super::group_digits(62000, "en"), "62,000");
        assert_eq!(super::group_digits(120000, "es"), "120.000");
        assert_eq!(super::group_digits(999, "fr"), "999");
        assert_eq!(
            super::group_digits(1_234_567, "fr"),
            "1\u{202f}234\u{202f}567"
        );
    }
}
