//! The debrief: what each group agreed, article by article, against the model and against
//! each team's brief.
//!
//! Contract: the input of a group is the latest exchange file each of its teams sent (the
//! facilitator collects them). For each article some brief speaks of:
//!
//! - the group's **text** is the latest of those files; its particulars are the values the
//!   briefs' limits name (template defaults included, as exchange files carry them);
//! - the article is **agreed** when the latest shared position on it (highest round, in any of
//!   the files) is agreed (or agreed ad referendum) and, if both teams sent a file, their texts
//!   carry the same particulars; otherwise it is **open**, and **no file** when none came;
//! - a team's **red line held** when the group's text crosses none of the team's limits on the
//!   article ([`crate::mandate::check`]); a team without limits there has no red line to hold;
//! - a team scores a priority's **points** when the article is agreed, kept in the text, and
//!   its text meets the priority's conditions;
//! - the article **converged** when every group agreed it with the same particulars.

use std::collections::BTreeMap;

use crate::exchange::Payload;
use crate::mandate::{check, Limit, ProposalFacts};
use crate::rounds::PositionStatus;
use crate::scenario::Scenario;
use crate::template::Value;

/// One group's files: the latest exchange file of each team that sent one, by team id.
#[derive(Debug, Clone, Default)]
pub struct GroupFiles<'a> {
    pub number: u32,
    pub locked: bool,
    pub latest: BTreeMap<String, &'a Payload>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    NoFile,
    Open,
    Agreed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamResult {
    pub team: String,
    /// None: the team's brief sets no checkable red line on this article, or no text came.
    pub red_line_held: Option<bool>,
    pub points: u32,
    pub points_possible: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupArticle {
    pub group: u32,
    pub outcome: Outcome,
    /// The text's particulars, in the order of [`ArticleComparison::parameters`].
    pub values: Vec<Option<Value>>,
    /// The agreed wording of the latest agreed position, if the files share one.
    pub agreed_text: Option<String>,
    /// Whether the group's text leaves the article out.
    pub left_out: bool,
    pub teams: Vec<TeamResult>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Convergence {
    /// Every group agreed the same particulars.
    Converged,
    /// Groups agreed different particulars.
    Diverged,
    /// Some groups agreed (all the same particulars), others did not.
    Partly,
    /// No group agreed it.
    NoneAgreed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleComparison {
    pub article: String,
    /// "Article 7" as the latest file numbers it, if any file came.
    pub label: Option<String>,
    pub heading: String,
    /// The particulars the briefs speak of on this article.
    pub parameters: Vec<String>,
    /// Their values in the model (the template's defaults).
    pub model_values: Vec<Option<Value>>,
    pub groups: Vec<GroupArticle>,
    pub convergence: Convergence,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamTotal {
    pub team: String,
    pub points: u32,
    pub points_possible: u32,
    pub red_lines_held: u32,
    pub red_lines: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupTotal {
    pub group: u32,
    pub locked: bool,
    pub teams: Vec<TeamTotal>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Debrief {
    pub articles: Vec<ArticleComparison>,
    pub totals: Vec<GroupTotal>,
}

fn limit_parameter(limit: &Limit) -> Option<&str> {
    match limit {
        Limit::AtMost { parameter, .. }
        | Limit::AtLeast { parameter, .. }
        | Limit::OneOf { parameter, .. } => Some(parameter),
        Limit::MustStay => None,
    }
}

/// The particulars the briefs name on `article`, in order of first mention.
fn article_parameters(scenario: &Scenario, article: &str) -> Vec<String> {
    let mut parameters: Vec<String> = Vec::new();
    for team in &scenario.teams {
        let limits = team
            .instruction(article)
            .into_iter()
            .flat_map(|i| i.limits.iter())
            .chain(
                team.priorities
                    .iter()
                    .filter(|p| p.article.get_ref() == article)
                    .flat_map(|p| p.met_when.iter()),
            );
        for limit in limits {
            if let Some(name) = limit_parameter(limit) {
                if !parameters.iter().any(|p| p == name) {
                    parameters.push(name.to_string());
                }
            }
        }
    }
    parameters
}

fn is_agreed(status: PositionStatus) -> bool {
    matches!(
        status,
        PositionStatus::Agreed | PositionStatus::AgreedAdReferendum
    )
}

fn compare_group(
    scenario: &Scenario,
    article: &str,
    parameters: &[String],
    group: &GroupFiles<'_>,
) -> GroupArticle {
    let latest = group
        .latest
        .values()
        .max_by(|a, b| a.exported_at.cmp(&b.exported_at))
        .copied();
    let values_of = |payload: &Payload| -> Vec<Option<Value>> {
        parameters
            .iter()
            .map(|p| payload.values.get(p).cloned())
            .collect()
    };
    let Some(text) = latest else {
        return GroupArticle {
            group: group.number,
            outcome: Outcome::NoFile,
            values: vec![None; parameters.len()],
            agreed_text: None,
            left_out: false,
            teams: scenario
                .teams
                .iter()
                .map(|team| TeamResult {
                    team: team.id().to_string(),
                    red_line_held: None,
                    points: 0,
                    points_possible: possible(scenario, team.id(), article),
                })
                .collect(),
        };
    };
    let values = values_of(text);
    let same_text = group.latest.values().all(|p| values_of(p) == values);
    let position = group
        .latest
        .values()
        .flat_map(|p| p.positions.iter())
        .filter(|position| position.node_id == article)
        .max_by_key(|position| position.round);
    let agreed = position.is_some_and(|p| is_agreed(p.status)) && same_text;
    let left_out = text.omitted.iter().any(|id| id == article);
    let facts = ProposalFacts {
        values: text.values.clone(),
        omits: left_out,
    };
    let label = |name: &str| name.to_string();
    let teams = scenario
        .teams
        .iter()
        .map(|team| {
            let red_line_held = team
                .instruction(article)
                .filter(|i| !i.limits.is_empty())
                .map(|i| check(&i.limits, &facts, &label).is_empty());
            let points = team
                .priorities
                .iter()
                .filter(|p| p.article.get_ref() == article)
                .filter(|p| agreed && !left_out && check(&p.met_when, &facts, &label).is_empty())
                .map(|p| p.points)
                .sum();
            TeamResult {
                team: team.id().to_string(),
                red_line_held,
                points,
                points_possible: possible(scenario, team.id(), article),
            }
        })
        .collect();
    GroupArticle {
        group: group.number,
        outcome: if agreed {
            Outcome::Agreed
        } else {
            Outcome::Open
        },
        values,
        agreed_text: position
            .filter(|p| is_agreed(p.status))
            .and_then(|p| p.agreed.clone()),
        left_out,
        teams,
    }
}

fn possible(scenario: &Scenario, team: &str, article: &str) -> u32 {
    scenario
        .team(team)
        .map(|t| {
            t.priorities
                .iter()
                .filter(|p| p.article.get_ref() == article)
                .map(|p| p.points)
                .sum()
        })
        .unwrap_or(0)
}

fn convergence(groups: &[GroupArticle]) -> Convergence {
    let agreed: Vec<&GroupArticle> = groups
        .iter()
        .filter(|g| g.outcome == Outcome::Agreed)
        .collect();
    let Some(first) = agreed.first() else {
        return Convergence::NoneAgreed;
    };
    if agreed.iter().any(|g| g.values != first.values) {
        Convergence::Diverged
    } else if agreed.len() == groups.len() {
        Convergence::Converged
    } else {
        Convergence::Partly
    }
}

/// The debrief of a workshop; `model_values` are the model template's default values.
pub fn debrief(
    scenario: &Scenario,
    model_values: &BTreeMap<String, Value>,
    groups: &[GroupFiles<'_>],
) -> Debrief {
    let articles: Vec<ArticleComparison> = scenario
        .briefed_articles()
        .into_iter()
        .map(|article| {
            let parameters = article_parameters(scenario, article);
            let compared: Vec<GroupArticle> = groups
                .iter()
                .map(|group| compare_group(scenario, article, &parameters, group))
                .collect();
            let node = groups
                .iter()
                .flat_map(|g| g.latest.values())
                .max_by(|a, b| a.exported_at.cmp(&b.exported_at))
                .and_then(|p| p.nodes.iter().find(|n| n.id == article));
            ArticleComparison {
                article: article.to_string(),
                label: node.and_then(|n| n.label.clone()),
                heading: node.map(|n| n.heading.clone()).unwrap_or_default(),
                model_values: parameters
                    .iter()
                    .map(|p| model_values.get(p).cloned())
                    .collect(),
                parameters,
                convergence: convergence(&compared),
                groups: compared,
            }
        })
        .collect();
    let totals = groups
        .iter()
        .map(|group| GroupTotal {
            group: group.number,
            locked: group.locked,
            teams: scenario
                .teams
                .iter()
                .map(|team| {
                    let results = articles.iter().flat_map(|a| {
                        a.groups
                            .iter()
                            .filter(|g| g.group == group.number)
                            .flat_map(|g| g.teams.iter())
                            .filter(|t| t.team == team.id())
                    });
                    let mut total = TeamTotal {
                        team: team.id().to_string(),
                        points: 0,
                        points_possible: 0,
                        red_lines_held: 0,
                        red_lines: 0,
                    };
                    for result in results {
                        total.points += result.points;
                        total.points_possible += result.points_possible;
                        if let Some(held) = result.red_line_held {
                            total.red_lines += 1;
                            total.red_lines_held += held as u32;
                        }
                    }
                    total
                })
                .collect(),
        })
        .collect();
    Debrief { articles, totals }
}
