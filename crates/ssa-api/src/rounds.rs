//! Rounds, positions per article, internal comments and the mandate, as the negotiation view
//! and `ssa rounds` need them.
//!
//! Contract:
//!
//! - [`Workbench::positions_view`] is the four-column view of one round: every article of the
//!   current draft in live order with its live number, then articles only the other side's
//!   proposal has. For each: our proposal (the recorded one, or the draft's current text), theirs,
//!   the proposal on the table (rule in `ssa_core::rounds`; while nothing is recorded, our draft
//!   text is what we stand on, so it is on the table), the status, the mandate beside it
//!   and a warning for each red line the proposal on the table crosses. An article with no
//!   position in the round shows the one of the latest earlier round (`carriedFromRound`).
//! - Red lines are checked against the parameter values of the proposal on the table: the
//!   draft's values (template defaults included) when it is our draft text, the values of their
//!   exchange file when it is theirs, whether their version leaves the article out; a text typed
//!   in by hand states no values, so only "must stay" can be checked on it.
//! - Every save is validated first and refused with every problem, each naming its field;
//!   nothing is stored then.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use specta::Type;
use ssa_core::exchange::{article_texts, flatten, ArticleText};
use ssa_core::mandate::{check, MandateEntry, ProposalFacts};
use ssa_core::negotiation::FieldProblem;
use ssa_core::rounds::{
    carried_position, effective_ours, on_the_table, summary, Position, PositionStatus, Round, Side,
    TheirProposal,
};
use ssa_core::template::{Choice, Draft, NodeKind, ParameterType, Template, Value};
use ssa_store::StoredComment;

use crate::dto::FieldProblemDto;
use crate::{ApiError, ErrorCode, Workbench};

fn stamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PositionDto {
    pub round_id: String,
    pub node_id: String,
    pub status: PositionStatus,
    pub ours: Option<String>,
    pub theirs: Option<TheirProposal>,
    pub agreed: Option<String>,
    pub justification: String,
    pub shared: bool,
    pub updated_at: String,
}

impl From<&Position> for PositionDto {
    fn from(p: &Position) -> Self {
        PositionDto {
            round_id: p.round_id.clone(),
            node_id: p.node_id.clone(),
            status: p.status,
            ours: p.ours.clone(),
            theirs: p.theirs.clone(),
            agreed: p.agreed.clone(),
            justification: p.justification.clone(),
            shared: p.shared,
            updated_at: stamp(p.updated_at),
        }
    }
}

/// What the position editor saves. `ours: null` means "the draft's text"; `theirs: null` keeps
/// no proposal of theirs (a proposal that came from a file is kept unless its text is changed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PositionInput {
    pub status: PositionStatus,
    pub ours: Option<String>,
    pub theirs: Option<String>,
    pub agreed: Option<String>,
    pub justification: String,
    pub shared: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TableDto {
    pub side: Side,
    pub text: String,
}

/// One row of the four-column view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ArticleRowDto {
    pub node_id: String,
    /// The live label ("Article 12"); their label for an article only their proposal has.
    pub label: Option<String>,
    pub heading: String,
    /// The article's text in the current draft (empty when the draft does not have it).
    pub draft_text: String,
    pub in_draft: bool,
    /// The position recorded in this round, or carried from an earlier one.
    pub position: Option<PositionDto>,
    pub carried_from_round: Option<u32>,
    /// Our proposal as it reads (the draft's text unless one was recorded).
    pub ours: String,
    pub ours_from_draft: bool,
    pub theirs: Option<TheirProposal>,
    pub table: Option<TableDto>,
    pub status: PositionStatus,
    pub mandate: Option<MandateEntry>,
    pub red_line_warnings: Vec<String>,
    pub open_comments: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct StatusCountDto {
    pub status: PositionStatus,
    pub count: u32,
}

/// A counterpart's exchange file as recorded on import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportRecordDto {
    pub id: String,
    pub round_number: u32,
    pub file_name: String,
    pub sender: String,
    pub sender_name: String,
    pub version_label: String,
    pub exported_at: String,
    pub imported_at: String,
    pub checksum: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PositionsViewDto {
    pub negotiation_id: String,
    pub has_draft: bool,
    pub rounds: Vec<Round>,
    /// The round shown (`None` while the negotiation has no round).
    pub round_id: Option<String>,
    pub rows: Vec<ArticleRowDto>,
    /// How many articles stand at each status in this round, in status order.
    pub summary: Vec<StatusCountDto>,
    pub imports: Vec<ImportRecordDto>,
    /// Names of the draft's named versions, oldest first (what an exchange file may carry
    /// besides the current draft).
    pub versions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CommentDto {
    pub id: String,
    pub node_id: String,
    pub parent_id: Option<String>,
    pub author: String,
    pub body: String,
    pub created_at: String,
    pub resolved_at: Option<String>,
}

impl From<StoredComment> for CommentDto {
    fn from(c: StoredComment) -> Self {
        CommentDto {
            id: c.id,
            node_id: c.node_id,
            parent_id: c.parent_id,
            author: c.author,
            body: c.body,
            created_at: stamp(c.created_at),
            resolved_at: c.resolved_at.map(stamp),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CommentInput {
    pub node_id: String,
    /// The comment this one answers; a reply to a reply joins the same thread.
    pub parent_id: Option<String>,
    pub author: String,
    pub body: String,
}

/// A parameter an article uses, for the mandate's limit editor.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MandateParameterDto {
    pub name: String,
    pub label: String,
    pub kind: ParameterType,
    pub choices: Vec<Choice>,
    /// The draft's value (or the template's default), for reference.
    pub current: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MandateArticleDto {
    pub node_id: String,
    pub label: Option<String>,
    pub heading: String,
    /// An optional article, which may carry "must stay in the agreement".
    pub optional: bool,
    pub in_draft: bool,
    pub parameters: Vec<MandateParameterDto>,
    pub entry: MandateEntry,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MandateViewDto {
    pub negotiation_id: String,
    pub has_draft: bool,
    pub articles: Vec<MandateArticleDto>,
}

pub(crate) fn refused(message: &str, problems: Vec<FieldProblem>) -> ApiError {
    ApiError {
        code: ErrorCode::InvalidInput,
        message: message.to_string(),
        problems: problems.into_iter().map(FieldProblemDto::from).collect(),
    }
}

/// The draft's parameter values with the template's defaults filled in.
pub(crate) fn effective_values(template: &Template, draft: &Draft) -> BTreeMap<String, Value> {
    template
        .parameters
        .iter()
        .filter_map(|p| {
            draft
                .values
                .get(&p.name)
                .or(p.default.as_ref())
                .map(|v| (p.name.clone(), v.clone()))
        })
        .collect()
}

/// The current draft's articles (live order, live numbers) with its template and values.
pub(crate) struct DraftArticles {
    pub template: Template,
    pub articles: Vec<ArticleText>,
    pub values: BTreeMap<String, Value>,
}

impl Workbench {
    pub(crate) fn draft_articles(
        &self,
        negotiation_id: &str,
    ) -> Result<Option<DraftArticles>, ApiError> {
        if self.get_draft(negotiation_id)?.is_none() {
            return Ok(None);
        }
        let agreement = self.agreement(negotiation_id)?;
        Ok(Some(DraftArticles {
            articles: article_texts(&flatten(&agreement.document)),
            values: effective_values(&agreement.template, &agreement.draft),
            template: agreement.template,
        }))
    }

    pub fn list_rounds(&self, negotiation_id: &str) -> Result<Vec<Round>, ApiError> {
        self.negotiation(negotiation_id)?;
        Ok(self.store.list_rounds(negotiation_id)?)
    }

    /// Opens the next round (numbered after the last).
    pub fn add_round(&mut self, negotiation_id: &str) -> Result<Round, ApiError> {
        self.negotiation(negotiation_id)?;
        let id = self.ids.new_id();
        Ok(self
            .store
            .add_round(negotiation_id, &id, self.clock.now())?)
    }

    /// Saves a round's particulars; refused with every problem when one does not validate.
    pub fn save_round(&mut self, negotiation_id: &str, round: &Round) -> Result<Round, ApiError> {
        let negotiation = self.negotiation(negotiation_id)?;
        let mut round = round.clone();
        round.held_on = round.held_on.trim().to_string();
        round.place = round.place.trim().to_string();
        for delegate in &mut round.delegations {
            delegate.name = delegate.name.trim().to_string();
            delegate.party = delegate.party.trim().to_ascii_uppercase();
        }
        for item in &mut round.action_items {
            item.due = item.due.trim().to_string();
        }
        let codes: Vec<String> = negotiation
            .parties
            .iter()
            .map(|p| p.iso_code.clone())
            .collect();
        let problems = round.validate(&codes);
        if !problems.is_empty() {
            return Err(refused(
                &format!("Round {} was not saved.", round.number),
                problems,
            ));
        }
        if !self
            .store
            .put_round(negotiation_id, &round, self.clock.now())?
        {
            return Err(ApiError::not_found("round", &round.id));
        }
        Ok(round)
    }

    fn round_by_id(&self, negotiation_id: &str, round_id: &str) -> Result<Round, ApiError> {
        self.store
            .list_rounds(negotiation_id)?
            .into_iter()
            .find(|r| r.id == round_id)
            .ok_or_else(|| ApiError::not_found("round", round_id))
    }

    /// Records the position on one article in one round.
    pub fn save_position(
        &mut self,
        negotiation_id: &str,
        round_id: &str,
        node_id: &str,
        input: &PositionInput,
    ) -> Result<PositionDto, ApiError> {
        let round = self.round_by_id(negotiation_id, round_id)?;
        let now = self.clock.now();
        let existing = self
            .store
            .list_positions(negotiation_id)?
            .into_iter()
            .find(|(_, p)| p.round_id == round.id && p.node_id == node_id)
            .map(|(_, p)| p);
        let mut position = existing
            .clone()
            .unwrap_or_else(|| Position::open(&round.id, node_id, now));
        let blank_to_none = |t: &Option<String>| t.clone().filter(|t| !t.trim().is_empty());
        let ours = blank_to_none(&input.ours);
        if ours != position.ours {
            position.ours_at = ours.as_ref().map(|_| now);
            position.ours = ours;
        }
        let theirs = blank_to_none(&input.theirs);
        let their_text = position.theirs.as_ref().map(|t| t.text.clone());
        if theirs != their_text {
            // A proposal typed in by hand states its text only.
            position.theirs = theirs.map(|text| TheirProposal {
                text,
                ..TheirProposal::default()
            });
            position.theirs_at = position.theirs.as_ref().map(|_| now);
        }
        position.agreed = blank_to_none(&input.agreed);
        position.status = input.status;
        position.justification = input.justification.trim().to_string();
        position.shared = input.shared;
        position.updated_at = now;
        let problems = position.validate();
        if !problems.is_empty() {
            return Err(refused(
                &format!(
                    "The position on {node_id} in round {} was not saved.",
                    round.number
                ),
                problems,
            ));
        }
        self.store.put_position(&position)?;
        Ok((&position).into())
    }

    /// The four-column view of a round (the latest when `round_id` is `None`).
    pub fn positions_view(
        &self,
        negotiation_id: &str,
        round_id: Option<&str>,
    ) -> Result<PositionsViewDto, ApiError> {
        self.negotiation(negotiation_id)?;
        let rounds = self.store.list_rounds(negotiation_id)?;
        let round = match round_id {
            Some(id) => Some(
                rounds
                    .iter()
                    .find(|r| r.id == id)
                    .ok_or_else(|| ApiError::not_found("round", id))?,
            ),
            None => rounds.last(),
        };
        let draft = self.draft_articles(negotiation_id)?;
        let positions = self.store.list_positions(negotiation_id)?;
        let mandate: BTreeMap<String, MandateEntry> = self
            .store
            .list_mandate(negotiation_id)?
            .into_iter()
            .map(|e| (e.node_id.clone(), e))
            .collect();
        let comments = self.store.list_comments(negotiation_id)?;
        let open_comments = |node_id: &str| {
            comments
                .iter()
                .filter(|c| {
                    c.node_id == node_id && c.parent_id.is_none() && c.resolved_at.is_none()
                })
                .count() as u32
        };
        let label = |name: &str| {
            draft
                .as_ref()
                .and_then(|d| d.template.parameters.iter().find(|p| p.name == name))
                .map(|p| p.label.clone())
                .unwrap_or_else(|| name.to_string())
        };

        let mut rows = Vec::new();
        if let Some(round) = round {
            let mut articles: Vec<(Option<&ArticleText>, String)> = draft
                .as_ref()
                .map(|d| {
                    d.articles
                        .iter()
                        .map(|a| (Some(a), a.node_id.clone()))
                        .collect()
                })
                .unwrap_or_default();
            // Articles only the other side's proposal has come after ours, in their order.
            let mut extras: Vec<(Option<u32>, String)> = Vec::new();
            for (number, position) in &positions {
                if *number <= round.number
                    && !articles.iter().any(|(_, id)| *id == position.node_id)
                    && !extras.iter().any(|(_, id)| *id == position.node_id)
                {
                    let order = carried_position(&positions, &position.node_id, round.number)
                        .and_then(|(_, p)| p.theirs.as_ref())
                        .and_then(|t| t.order);
                    extras.push((order, position.node_id.clone()));
                }
            }
            extras.sort_by_key(|(order, _)| order.unwrap_or(u32::MAX));
            articles.extend(extras.into_iter().map(|(_, id)| (None, id)));
            for (article, node_id) in articles {
                let carried = carried_position(&positions, &node_id, round.number);
                let position = carried.map(|(_, p)| p);
                let draft_text = article.map(|a| a.text.clone()).unwrap_or_default();
                let ours = effective_ours(position, &draft_text).to_string();
                let ours_from_draft = position.is_none_or(|p| p.ours.is_none());
                let table = position
                    .and_then(|p| on_the_table(p, &draft_text))
                    .or_else(|| {
                        // Nothing recorded: our draft text is what we stand on.
                        article.map(|_| (Side::Ours, draft_text.clone()))
                    })
                    .filter(|_| position.is_none_or(|p| p.status != PositionStatus::Withdrawn));
                let mandate_entry = mandate.get(&node_id).cloned();
                let warnings = match (&mandate_entry, &table) {
                    (Some(entry), Some((side, _))) => {
                        let facts = match side {
                            Side::Ours if ours_from_draft => ProposalFacts {
                                values: article
                                    .map(|a| {
                                        a.parameters
                                            .iter()
                                            .filter_map(|p| {
                                                draft
                                                    .as_ref()
                                                    .and_then(|d| d.values.get(p))
                                                    .map(|v| (p.clone(), v.clone()))
                                            })
                                            .collect()
                                    })
                                    .unwrap_or_default(),
                                omits: false,
                            },
                            Side::Theirs => {
                                let theirs = position.and_then(|p| p.theirs.as_ref());
                                ProposalFacts {
                                    values: theirs.map(|t| t.values.clone()).unwrap_or_default(),
                                    omits: theirs.is_some_and(|t| t.omits),
                                }
                            }
                            _ => ProposalFacts::default(),
                        };
                        check(&entry.limits, &facts, &label)
                    }
                    _ => Vec::new(),
                };
                let their_proposal = position.and_then(|p| p.theirs.as_ref());
                rows.push(ArticleRowDto {
                    label: article
                        .and_then(|a| a.label.clone())
                        .or_else(|| their_proposal.and_then(|t| t.label.clone())),
                    heading: article
                        .map(|a| a.heading.clone())
                        .or_else(|| their_proposal.map(|t| t.heading.clone()))
                        .unwrap_or_default(),
                    in_draft: article.is_some(),
                    draft_text,
                    position: position.map(PositionDto::from),
                    carried_from_round: carried.map(|(n, _)| *n).filter(|n| *n != round.number),
                    ours,
                    ours_from_draft,
                    theirs: position.and_then(|p| p.theirs.clone()),
                    table: table.map(|(side, text)| TableDto { side, text }),
                    status: position.map(|p| p.status).unwrap_or(PositionStatus::Open),
                    mandate: mandate_entry,
                    red_line_warnings: warnings,
                    open_comments: open_comments(&node_id),
                    node_id,
                });
            }
        }
        let counts = summary(rows.iter().map(|r| r.status));
        let imports = self
            .store
            .list_imports(negotiation_id)?
            .into_iter()
            .map(|i| ImportRecordDto {
                round_number: rounds
                    .iter()
                    .find(|r| r.id == i.round_id)
                    .map(|r| r.number)
                    .unwrap_or(0),
                id: i.id,
                file_name: i.file_name,
                sender: i.sender,
                sender_name: i.sender_name,
                version_label: i.version_label,
                exported_at: i.exported_at,
                imported_at: stamp(i.imported_at),
                checksum: i.checksum,
            })
            .collect();
        Ok(PositionsViewDto {
            negotiation_id: negotiation_id.to_string(),
            has_draft: draft.is_some(),
            round_id: round.map(|r| r.id.clone()),
            rounds: rounds.clone(),
            rows,
            summary: counts
                .into_iter()
                .map(|(status, count)| StatusCountDto { status, count })
                .collect(),
            imports,
            versions: self
                .store
                .list_revisions(negotiation_id)?
                .into_iter()
                .filter_map(|r| r.name)
                .collect(),
        })
    }

    /// The comments on one article, oldest first (replies after the comment they answer).
    pub fn list_comments(
        &self,
        negotiation_id: &str,
        node_id: &str,
    ) -> Result<Vec<CommentDto>, ApiError> {
        self.negotiation(negotiation_id)?;
        Ok(self
            .store
            .list_comments(negotiation_id)?
            .into_iter()
            .filter(|c| c.node_id == node_id)
            .map(CommentDto::from)
            .collect())
    }

    /// Adds a comment or a reply; returns the article's comments.
    pub fn add_comment(
        &mut self,
        negotiation_id: &str,
        input: &CommentInput,
    ) -> Result<Vec<CommentDto>, ApiError> {
        self.negotiation(negotiation_id)?;
        let mut problems = Vec::new();
        let author = input.author.trim();
        let body = input.body.trim();
        if author.is_empty() {
            problems.push(FieldProblem {
                field: "author".into(),
                message: "Say who is writing the comment.".into(),
            });
        }
        if body.is_empty() {
            problems.push(FieldProblem {
                field: "body".into(),
                message: "The comment is empty.".into(),
            });
        } else if body.chars().count() > 20_000 {
            problems.push(FieldProblem {
                field: "body".into(),
                message: "A comment has at most 20000 characters.".into(),
            });
        }
        let existing = self.store.list_comments(negotiation_id)?;
        // Threads are one level deep: a reply to a reply answers the thread's first comment.
        let parent_id = match &input.parent_id {
            None => None,
            Some(parent) => match existing
                .iter()
                .find(|c| &c.id == parent && c.node_id == input.node_id)
            {
                Some(found) => Some(found.parent_id.clone().unwrap_or(found.id.clone())),
                None => {
                    problems.push(FieldProblem {
                        field: "parentId".into(),
                        message: format!("There is no comment {parent} on this article to answer."),
                    });
                    None
                }
            },
        };
        if !problems.is_empty() {
            return Err(refused("The comment was not saved.", problems));
        }
        self.store.add_comment(
            negotiation_id,
            &StoredComment {
                id: self.ids.new_id(),
                node_id: input.node_id.clone(),
                parent_id,
                author: author.to_string(),
                body: body.to_string(),
                created_at: self.clock.now(),
                resolved_at: None,
            },
        )?;
        self.list_comments(negotiation_id, &input.node_id)
    }

    /// Resolves or reopens a comment thread; returns the article's comments.
    pub fn set_comment_resolved(
        &mut self,
        negotiation_id: &str,
        comment_id: &str,
        resolved: bool,
    ) -> Result<Vec<CommentDto>, ApiError> {
        let comment = self
            .store
            .list_comments(negotiation_id)?
            .into_iter()
            .find(|c| c.id == comment_id)
            .ok_or_else(|| ApiError::not_found("comment", comment_id))?;
        let thread = comment.parent_id.clone().unwrap_or(comment.id.clone());
        let at = resolved.then(|| self.clock.now());
        self.store
            .set_comment_resolved(negotiation_id, &thread, at)?;
        self.list_comments(negotiation_id, &comment.node_id)
    }

    /// The mandate beside every article of the template (live numbers where the draft has it).
    pub fn mandate_view(&self, negotiation_id: &str) -> Result<MandateViewDto, ApiError> {
        self.negotiation(negotiation_id)?;
        let Some(draft) = self.draft_articles(negotiation_id)? else {
            return Ok(MandateViewDto {
                negotiation_id: negotiation_id.into(),
                has_draft: false,
                articles: vec![],
            });
        };
        let entries: BTreeMap<String, MandateEntry> = self
            .store
            .list_mandate(negotiation_id)?
            .into_iter()
            .map(|e| (e.node_id.clone(), e))
            .collect();
        let articles = draft
            .template
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Article)
            .map(|node| {
                let rendered = draft.articles.iter().find(|a| a.node_id == node.id);
                let parameters = rendered
                    .map(|a| {
                        a.parameters
                            .iter()
                            .filter_map(|name| {
                                draft.template.parameters.iter().find(|p| &p.name == name)
                            })
                            .map(|p| MandateParameterDto {
                                name: p.name.clone(),
                                label: p.label.clone(),
                                kind: p.kind,
                                choices: p.choices.clone(),
                                current: draft.values.get(&p.name).cloned(),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                MandateArticleDto {
                    node_id: node.id.clone(),
                    label: rendered.and_then(|a| a.label.clone()),
                    heading: rendered
                        .map(|a| a.heading.clone())
                        .or_else(|| node.heading.clone())
                        .unwrap_or_default(),
                    optional: node.optional,
                    in_draft: rendered.is_some(),
                    parameters,
                    entry: entries.get(&node.id).cloned().unwrap_or(MandateEntry {
                        node_id: node.id.clone(),
                        ..MandateEntry::default()
                    }),
                }
            })
            .collect();
        Ok(MandateViewDto {
            negotiation_id: negotiation_id.into(),
            has_draft: true,
            articles,
        })
    }

    /// Saves the mandate on one article; refused with every problem.
    pub fn save_mandate_entry(
        &mut self,
        negotiation_id: &str,
        entry: &MandateEntry,
    ) -> Result<MandateEntry, ApiError> {
        self.negotiation(negotiation_id)?;
        let draft = self.get_draft(negotiation_id)?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!("Negotiation {negotiation_id} has no draft agreement yet; the mandate follows its articles."),
            )
        })?;
        let template = self.load_template(&draft.template_id, &draft.template_version)?;
        if !template
            .nodes
            .iter()
            .any(|n| n.id == entry.node_id && n.kind == NodeKind::Article)
        {
            return Err(ApiError::not_found("article", &entry.node_id));
        }
        let problems = entry.validate(&template);
        if !problems.is_empty() {
            return Err(refused(
                &format!("The mandate on {} was not saved.", entry.node_id),
                problems,
            ));
        }
        self.store
            .put_mandate_entry(negotiation_id, entry, self.clock.now())?;
        Ok(entry.clone())
    }
}
