//! The redline PDF's input from a comparison of two texts of the agreement
//! ([`ssa_core::compare`]): one entry per provision, heading and text marked word by word.

use ssa_core::compare::{compare, RedlineSegment, UnitChange, UnitComparison, TITLE_UNIT_ID};
use ssa_core::template::document::plain;
use ssa_core::template::NodeKind;
use ssa_pdf::redline::{ArticleChange, RedlineArticle, RedlineInput, RedlineSummary};

use super::words::Words;
use crate::dto::VersionRefDto;
use crate::{ApiError, Workbench};

impl Workbench {
    pub(crate) fn prepare_redline(
        &self,
        negotiation_id: &str,
        before: &VersionRefDto,
        after: &VersionRefDto,
        changed_only: bool,
    ) -> Result<RedlineInput, ApiError> {
        let (older, newer, language) = self.render_sides(negotiation_id, before, after)?;
        let comparison = compare(&older, &newer);
        let words = Words::of(&language);
        let now = self.clock.now();
        let date = words.long_date(now.date_naive());
        let text = self.text_status(negotiation_id, after, words, &date)?;
        Ok(RedlineInput {
            title: plain(&newer.title),
            compared: format!(
                "{} → {}",
                self.side_name(negotiation_id, before, words)?,
                self.side_name(negotiation_id, after, words)?
            ),
            status: text.status,
            date,
            articles: comparison
                .units
                .iter()
                .map(|unit| redline_article(unit, words))
                .collect(),
            changed_only,
            watermark: text.watermark,
            language,
            created_unix: now.timestamp(),
            labels: words.redline_labels(),
            summary: RedlineSummary {
                added: comparison.summary.added,
                removed: comparison.summary.removed,
                changed: comparison.summary.changed,
                moved: comparison.summary.moved,
                renumbered: comparison.summary.renumbered,
                unchanged: comparison.summary.unchanged,
            },
        })
    }

    /// "Version “Tabled at round 2”", "Revision 14", "Current draft", "Model template".
    fn side_name(
        &self,
        negotiation_id: &str,
        side: &VersionRefDto,
        words: &Words,
    ) -> Result<String, ApiError> {
        Ok(match side {
            VersionRefDto::Model => super::capitalised(words.model),
            VersionRefDto::Current => super::capitalised(words.current),
            VersionRefDto::Revision { number } => {
                match self.revision(negotiation_id, *number)?.name {
                    Some(name) => format!("{} “{name}”", words.version),
                    None => format!("{} {number}", super::capitalised(words.revision)),
                }
            }
        })
    }
}

fn redline_article(unit: &UnitComparison, words: &Words) -> RedlineArticle {
    let place = unit.after.as_ref().or(unit.before.as_ref());
    let has_heading = [&unit.before, &unit.after]
        .iter()
        .any(|p| p.as_ref().is_some_and(|p| !p.heading.is_empty()));
    let label_of =
        |p: &Option<ssa_core::compare::UnitPlace>| p.as_ref().and_then(|p| p.label.clone());
    let label = match (label_of(&unit.before), label_of(&unit.after)) {
        (Some(before), Some(after)) if unit.renumbered => {
            format!("{after} ({} {before})", words.was)
        }
        (_, Some(after)) => after,
        (Some(before), None) => before,
        (None, None) if has_heading => String::new(),
        (None, None) if unit.id == TITLE_UNIT_ID => words.title.to_string(),
        (None, None) => match unit.kind {
            Some(NodeKind::Preamble) => words.preamble.to_string(),
            Some(NodeKind::Signature) => words.signature.to_string(),
            _ => place
                .map(|p| p.heading.clone())
                .unwrap_or_else(|| unit.id.clone()),
        },
    };
    let change = match unit.change {
        UnitChange::Added => ArticleChange::Added,
        UnitChange::Removed => ArticleChange::Removed,
        UnitChange::Changed => ArticleChange::Changed,
        UnitChange::Unchanged if unit.moved => ArticleChange::Moved,
        UnitChange::Unchanged if unit.renumbered => ArticleChange::Renumbered,
        UnitChange::Unchanged => ArticleChange::Unchanged,
    };
    let (heading, segments) = if has_heading {
        split_first_line(&unit.redline)
    } else {
        (Vec::new(), unit.redline.clone())
    };
    RedlineArticle {
        label,
        heading,
        change,
        segments,
    }
}

/// The segments before the first line break (the heading, as the comparison writes a unit's
/// heading on its first line) and the rest, starting with that break.
fn split_first_line(redline: &[RedlineSegment]) -> (Vec<RedlineSegment>, Vec<RedlineSegment>) {
    let mut heading = Vec::new();
    let mut rest = Vec::new();
    let mut in_heading = true;
    for segment in redline {
        let mut piece = segment.clone();
        if in_heading {
            match piece.text.find('\n') {
                None => heading.push(piece),
                Some(at) => {
                    in_heading = false;
                    let tail = piece.text.split_off(at);
                    if !piece.text.is_empty() {
                        heading.push(piece.clone());
                    }
                    rest.push(RedlineSegment {
                        op: piece.op,
                        text: tail,
                    });
                }
            }
        } else {
            rest.push(piece);
        }
    }
    (heading, rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ssa_core::compare::RedlineOp;

    fn core(op: RedlineOp, text: &str) -> RedlineSegment {
        RedlineSegment {
            op,
            text: text.into(),
        }
    }

    #[test]
    fn the_first_line_is_the_heading_and_the_rest_the_text() {
        let (heading, rest) = split_first_line(&[
            core(RedlineOp::Equal, "Posted "),
            core(RedlineOp::Deleted, "workers"),
            core(RedlineOp::Inserted, "persons\n1. A person"),
            core(RedlineOp::Equal, " sent abroad"),
        ]);
        let texts =
            |s: &[RedlineSegment]| s.iter().map(|s| (s.op, s.text.clone())).collect::<Vec<_>>();
        assert_eq!(
            texts(&heading),
            vec![
                (RedlineOp::Equal, "Posted ".to_string()),
                (RedlineOp::Deleted, "workers".to_string()),
                (RedlineOp::Inserted, "persons".to_string()),
            ]
        );
        assert_eq!(
            texts(&rest),
            vec![
                (RedlineOp::Inserted, "\n1. A person".to_string()),
                (RedlineOp::Equal, " sent abroad".to_string()),
            ]
        );
    }
}
