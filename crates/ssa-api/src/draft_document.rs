//! The draft as a whole document: structure edits, the provision list, problems as a lawyer
//! reads them, and the models a new draft can start from, in the order that fits.
//!
//! Contract: a structure edit is saved exactly like a wording edit ([`Workbench::edit_draft`]:
//! the same merge against another writer's edit, the same revision), so undo and history need
//! nothing new. An edit naming no provision of the draft, or putting one where its kind cannot
//! go, is refused with [`ErrorCode::InvalidInput`] and nothing is saved.

use std::collections::HashMap;

use ssa_core::negotiation::Negotiation;
use ssa_core::template::document::plain;
use ssa_core::template::edit::{apply, StructureEdit, StructureError};
use ssa_core::template::structure::arranged;
use ssa_core::template::{AgreementKind, Document, DocumentNode, Draft, NodeKind, Template};

use crate::dto::{ProvisionDto, RenderedDto, StructureEditDto, TemplateChoiceDto};
use crate::guard::render_checked;
use crate::problems::{worded, ProblemDto};
use crate::{ApiError, ErrorCode, Workbench};

/// The draft rendered, with its problems worded and its provision list.
pub(crate) fn rendered(template: &Template, draft: Draft) -> RenderedDto {
    let (document, problems) = render_checked(template, &draft);
    let problems = worded(template, &document, &problems);
    let provisions = provisions(template, &draft, &document);
    RenderedDto {
        document,
        problems,
        draft,
        provisions,
    }
}

/// Every provision of the draft in reading order, kept or not, for the picker and the outline.
pub fn provisions(template: &Template, draft: &Draft, document: &Document) -> Vec<ProvisionDto> {
    let arranged = arranged(template, draft);
    let mut in_document: HashMap<&str, (&DocumentNode, Option<&DocumentNode>)> = HashMap::new();
    fn visit<'d>(
        node: &'d DocumentNode,
        article: Option<&'d DocumentNode>,
        out: &mut HashMap<&'d str, (&'d DocumentNode, Option<&'d DocumentNode>)>,
    ) {
        out.insert(node.id.as_str(), (node, article));
        let inner = match node.kind {
            NodeKind::Article => Some(node),
            NodeKind::Paragraph | NodeKind::Item => article,
            _ => None,
        };
        for child in &node.children {
            visit(child, inner, out);
        }
    }
    for node in &document.nodes {
        visit(node, None, &mut in_document);
    }
    let mut depth_of: HashMap<&str, u32> = HashMap::new();
    let mut out = Vec::with_capacity(arranged.nodes.len());
    for node in &arranged.nodes {
        let depth = node
            .parent
            .as_deref()
            .and_then(|p| depth_of.get(p))
            .map_or(0, |d| d + 1);
        depth_of.insert(node.id.as_str(), depth);
        let (citation, heading, kept) = match in_document.get(node.id.as_str()) {
            Some((rendered, article)) => {
                let own = plain(&rendered.heading);
                let heading = match (rendered.kind, article) {
                    (NodeKind::Paragraph | NodeKind::Item, Some(article)) => {
                        plain(&article.heading)
                    }
                    _ => own,
                };
                (rendered.citation.clone(), heading, true)
            }
            None => (
                None,
                node.heading
                    .clone()
                    .filter(|h| !h.contains("{{"))
                    .unwrap_or_default(),
                false,
            ),
        };
        out.push(ProvisionDto {
            id: node.id.clone(),
            kind: node.kind,
            citation,
            heading,
            kept,
            added: draft.added.contains_key(&node.id),
            depth,
        });
    }
    out
}

/// The refusal of a structure edit, in plain words.
fn refused(error: StructureError) -> ApiError {
    let message = match error {
        StructureError::UnknownNode(_) => {
            "That provision is not in this draft (it may have been deleted in another window); \
             reload the draft. Nothing was changed."
                .to_string()
        }
        StructureError::NotPossible(why) => {
            let mut why = why;
            if let Some(first) = why.get(0..1) {
                why = first.to_uppercase() + &why[1..];
            }
            format!("{why}. Nothing was changed.")
        }
    };
    ApiError::new(ErrorCode::InvalidInput, message)
}

impl Workbench {
    /// Applies one structure edit to the negotiation's draft as `base` had it, and saves it like
    /// any edit (merged with another writer's edit, or refused as changed elsewhere).
    pub fn edit_draft_structure(
        &mut self,
        negotiation_id: &str,
        base: &Draft,
        edit: &StructureEdit,
    ) -> Result<StructureEditDto, ApiError> {
        let template = self.load_template(&base.template_id, &base.template_version)?;
        let edited = apply(&template, base, edit).map_err(refused)?;
        let rendered = self.edit_draft(negotiation_id, base, &edited.draft)?;
        let citation = edited.node.as_deref().and_then(|id| {
            rendered
                .document
                .find(id)
                .and_then(|node| node.citation.clone())
        });
        Ok(StructureEditDto {
            rendered,
            node: edited.node,
            citation,
        })
    }

    /// The draft's problems, worded (what the app's problems panel and `ssa check` show).
    pub fn check_draft(&self, negotiation_id: &str) -> Result<Vec<ProblemDto>, ApiError> {
        let agreement = self.agreement(negotiation_id)?;
        Ok(worded(
            &agreement.template,
            &agreement.document,
            &agreement.report.problems,
        ))
    }

    /// The models a draft of this negotiation can start from, the one that fits first (and
    /// marked recommended): a bilateral negotiation gets the R167 Annex I agreement, one with
    /// more than two parties the multilateral model. Administrative arrangements are not listed.
    pub fn template_choices(
        &self,
        negotiation_id: &str,
    ) -> Result<Vec<TemplateChoiceDto>, ApiError> {
        let negotiation = self
            .store
            .get_negotiation(negotiation_id)?
            .ok_or_else(|| ApiError::not_found("negotiation", negotiation_id))?;
        let mut choices = Vec::new();
        for summary in self.list_templates()? {
            if summary.implements.is_some() {
                continue;
            }
            let Ok(template) = self.load_template(&summary.id, &summary.version) else {
                continue;
            };
            choices.push((fit(&template, &negotiation), template));
        }
        // Newest version of each model only.
        choices.sort_by(|(fa, a), (fb, b)| {
            fb.cmp(fa)
                .then_with(|| a.id.cmp(&b.id))
                .then_with(|| crate::templates::compare_versions(&b.version, &a.version))
        });
        choices.dedup_by(|(_, a), (_, b)| a.id == b.id);
        Ok(choices
            .into_iter()
            .enumerate()
            .map(|(index, (_, template))| TemplateChoiceDto {
                label: choice_label(&template),
                purpose: template.description.clone(),
                id: template.id,
                version: template.version,
                recommended: index == 0,
            })
            .collect())
    }
}

/// How well a model fits: its kind matching the number of parties first, then the shipped
/// default for that kind.
fn fit(template: &Template, negotiation: &Negotiation) -> u8 {
    let wanted = if negotiation.parties.len() > 2 {
        AgreementKind::Multilateral
    } else {
        AgreementKind::Bilateral
    };
    let kind = u8::from(template.kind == wanted) * 2;
    let annex1 = u8::from(
        wanted == AgreementKind::Bilateral && template.id == crate::templates::DEFAULT_TEMPLATE_ID,
    );
    kind + annex1
}

/// "R167 Annex I — bilateral agreement": the model's title without its placeholders is no
/// name, so the label says what the model is, from its id and kind.
fn choice_label(template: &Template) -> String {
    let kind = match template.kind {
        AgreementKind::Bilateral => "bilateral agreement",
        AgreementKind::Multilateral => "multilateral agreement",
    };
    let source = match template.id.as_str() {
        id if id.starts_with("r167-annex1") => "R167 Annex I",
        id if id.starts_with("r167-annex2") => "R167 Annex II",
        _ => "",
    };
    if !source.is_empty() {
        let what = if template.id.contains("annex2") {
            "multilateral co-ordination agreement"
        } else {
            kind
        };
        return format!("{source} — {what}");
    }
    // A ministry's own model: its title with any placeholder replaced by a dash.
    let title = strip_placeholders(&template.title);
    if title.is_empty() {
        format!("{} — {kind}", template.id)
    } else {
        format!("{title} — {kind}")
    }
}

fn strip_placeholders(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        out.push('…');
        rest = rest[open..]
            .find("}}")
            .map_or("", |close| &rest[open + close + 2..]);
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Workbench {
    /// The id of the provision cited as `citation` ("Article 8", "Article 8(2)(b)", "Part II",
    /// "Final Protocol(1)") in the draft as it is now; refused (exit code 1 on the command line)
    /// when no provision reads so, with the range of articles there are.
    pub fn provision_cited(
        &self,
        negotiation_id: &str,
        citation: &str,
    ) -> Result<String, ApiError> {
        let agreement = self.agreement(negotiation_id)?;
        let wanted = normalised_citation(citation);
        if let Some(node) = agreement
            .document
            .walk()
            .find(|n| n.citation.as_deref().map(normalised_citation) == Some(wanted.clone()))
        {
            return Ok(node.id.clone());
        }
        let articles: Vec<&str> = agreement
            .document
            .walk()
            .filter(|n| n.kind == NodeKind::Article)
            .filter_map(|n| n.citation.as_deref())
            .collect();
        let range = match (articles.first(), articles.last()) {
            (Some(first), Some(last)) => format!(" Its articles run from {first} to {last}."),
            _ => String::new(),
        };
        Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!("This draft has no provision “{citation}”.{range} Nothing was changed."),
        ))
    }

    /// Where a provision of `kind` goes when it is put "after" the provision cited as
    /// `citation`, as a person means it: after a provision of the same kind; at the end of a
    /// provision that can hold it (a paragraph "after Article 8" is Article 8's last
    /// paragraph); an article after a paragraph goes after that paragraph's article.
    pub fn place_after(
        &self,
        negotiation_id: &str,
        citation: &str,
        kind: NodeKind,
    ) -> Result<ssa_core::template::edit::Place, ApiError> {
        use ssa_core::template::edit::Place;
        let id = self.provision_cited(negotiation_id, citation)?;
        let agreement = self.agreement(negotiation_id)?;
        let mut chain: Vec<&DocumentNode> = Vec::new();
        fn path<'d>(nodes: &'d [DocumentNode], id: &str, out: &mut Vec<&'d DocumentNode>) -> bool {
            for node in nodes {
                out.push(node);
                if node.id == id || path(&node.children, id, out) {
                    return true;
                }
                out.pop();
            }
            false
        }
        path(&agreement.document.nodes, &id, &mut chain);
        let target = chain
            .last()
            .expect("the cited provision is in the document");
        if target.kind == kind {
            return Ok(Place::After { id });
        }
        if kind.may_sit_under(Some(target.kind)) {
            return Ok(Place::LastIn { id });
        }
        // After the nearest enclosing provision beside which it may sit.
        for (depth, ancestor) in chain.iter().enumerate().rev().skip(1) {
            let parent_kind = depth.checked_sub(1).map(|p| chain[p].kind);
            if ancestor.kind == kind || kind.may_sit_under(parent_kind) {
                return Ok(Place::After {
                    id: ancestor.id.clone(),
                });
            }
        }
        Ok(Place::After { id })
    }
}

/// A citation compared without case or spaces ("article 8 (2)" reads as "Article 8(2)").
fn normalised_citation(citation: &str) -> String {
    citation
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}
