//! Inputs for the tests, the example and the bench: the Annex I agreement rendered from the
//! shipped template, and synthetic redline, brief and step-report inputs (their real sources
//! are built elsewhere and mapped onto these types later).

#![allow(dead_code)]

use ssa_core::template::{render, Document, Draft, Template};
use ssa_pdf::agreement::{AgreementInput, AgreementLabels};
use ssa_pdf::brief::{BriefInput, BriefLabels, BriefRow};
use ssa_pdf::redline::{
    ArticleChange, RedlineArticle, RedlineInput, RedlineLabels, RedlineOp, RedlineSegment,
    RedlineSummary,
};
use ssa_pdf::step_report::{
    ChecklistItem, Comparison, ComparisonRow, GateDecision, StepReportInput, StepReportLabels,
    StepSection,
};

pub const ANNEX1: &str = include_str!("../../../../assets/templates/r167-annex1-bilateral.toml");

/// 23 November 2026, 10:00 UTC.
pub const CREATED: i64 = 1_795_428_000;

pub fn annex1_document() -> Document {
    let (template, _) = Template::load("r167-annex1-bilateral.toml", ANNEX1).expect("ships");
    let draft = Draft::of(&template)
        .with_value("party_a", "the Republic of Aurelia")
        .with_value("party_b", "the Kingdom of Boreland");
    render(&template, &draft)
}

pub fn agreement_input(document: &Document) -> AgreementInput<'_> {
    AgreementInput {
        document,
        parties: vec!["Republic of Aurelia".into(), "Kingdom of Boreland".into()],
        status: "DRAFT - Round 3 - 23 November 2026".into(),
        date: "23 November 2026".into(),
        watermark: Some("DRAFT".into()),
        language: "en".into(),
        created_unix: CREATED,
        labels: AgreementLabels::english(),
        seal: None,
    }
}

fn seg(op: RedlineOp, text: &str) -> RedlineSegment {
    RedlineSegment {
        op,
        text: text.into(),
    }
}

pub fn redline_input(changed_only: bool) -> RedlineInput {
    use RedlineOp::*;
    RedlineInput {
        title: "Agreement on Social Security between the Republic of Aurelia and the Kingdom of Boreland".into(),
        compared: "Text tabled at round 2 → draft of 23 November 2026".into(),
        status: "DRAFT - Round 3 - 23 November 2026".into(),
        date: "23 November 2026".into(),
        articles: vec![
            RedlineArticle {
                label: "Article 1".into(),
                heading: vec![seg(Equal, "Definitions")],
                change: ArticleChange::Unchanged,
                segments: vec![seg(Equal, "1. For the purposes of this Agreement, the terms defined below have the meanings given to them.")],
            },
            RedlineArticle {
                label: "Article 5".into(),
                heading: vec![seg(Equal, "Equality of treatment")],
                change: ArticleChange::Changed,
                segments: vec![
                    seg(Equal, "1. Unless otherwise provided in this Agreement, persons to whom this Agreement applies shall "),
                    seg(Deleted, "be entitled to "),
                    seg(Inserted, "receive "),
                    seg(Equal, "the same treatment as nationals of a Party in the application of its legislation"),
                    seg(Inserted, ", including as regards the payment of benefits abroad"),
                    seg(Equal, ".\n2. Paragraph 1 does not apply to the legislation on "),
                    seg(Deleted, "voluntary insurance."),
                    seg(Inserted, "voluntary insurance of persons who do not reside in the territory of the Party concerned."),
                ],
            },
            RedlineArticle {
                label: "Article 9".into(),
                heading: vec![seg(Inserted, "Posted workers")],
                change: ArticleChange::Added,
                segments: vec![seg(Inserted, "A person employed in the territory of one Party who is sent by the employer to work in the territory of the other Party shall remain subject to the legislation of the first Party for up to 24 months.")],
            },
            RedlineArticle {
                label: "Article 11".into(),
                heading: vec![seg(Deleted, "Voluntary insurance")],
                change: ArticleChange::Removed,
                segments: vec![seg(Deleted, "Periods of voluntary insurance completed under the legislation of one Party shall be taken into account by the other Party.")],
            },
        ],
        changed_only,
        watermark: None,
        language: "en".into(),
        created_unix: CREATED,
        labels: RedlineLabels::english(),
        summary: RedlineSummary {
            added: 1,
            removed: 1,
            changed: 1,
            unchanged: 1,
            ..RedlineSummary::default()
        },
    }
}

pub fn brief_input(internal: bool) -> BriefInput {
    let row = |article: &str,
               heading: &str,
               ours: &str,
               theirs: &str,
               table: &str,
               status: &str,
               mandate: &str| BriefRow {
        article: article.into(),
        heading: heading.into(),
        ours: ours.into(),
        theirs: theirs.into(),
        on_the_table: table.into(),
        status: status.into(),
        mandate: Some(mandate.into()),
    };
    let mut rows = vec![
        row("Article 3", "Persons covered", "All persons who are or have been subject to the legislation of either Party, and their family members and survivors.", "Nationals of the Parties only.", "Persons who are or have been subject to the legislation of either Party.", "Open", "Coverage of third-country nationals is essential; may accept a review clause after five years."),
        row("Article 9", "Posted workers", "Up to 24 months, extendable by agreement of the competent authorities.", "Up to 36 months.", "Up to 24 months, extendable by 12 months.", "Agreed ad ref.", "Up to 36 months acceptable if self-employed persons are included."),
        row("Article 14", "Totalization", "Periods of insurance under both legislations are totalized for entitlement.", "Totalization only for old-age benefits.", "Totalization for every branch covered.", "Agreed", "No flexibility: totalization for all branches is the purpose of the agreement."),
    ];
    for i in 15..40 {
        rows.push(row(&format!("Article {i}"), "Benefits abroad", "Benefits are paid in full to beneficiaries residing in the territory of the other Party, without reduction, suspension or withdrawal.", "Payment abroad subject to an annual certificate of life.", "Payment abroad in full; certificate of life once a year, exchanged electronically between the liaison bodies.", "Open", "A certificate of life is acceptable; electronic exchange preferred."));
    }
    BriefInput {
        title: "Aurelia – Boreland social security agreement".into(),
        round: "Round 3 – Boreal City, 23–25 November 2026".into(),
        status: "DRAFT - Round 3 - 23 November 2026".into(),
        date: "23 November 2026".into(),
        internal,
        rows,
        watermark: internal.then(|| "INTERNAL".into()),
        language: "en".into(),
        created_unix: CREATED,
        labels: BriefLabels::english(),
        simulation: None,
    }
}

pub fn step_report_input() -> StepReportInput {
    let item = |text: &str, done: bool, who: &str, when: &str, note: &str| ChecklistItem {
        text: text.into(),
        done,
        who: who.into(),
        when: when.into(),
        note: note.into(),
    };
    StepReportInput {
        negotiation: "Aurelia – Boreland".into(),
        status: "Step 2 of 8".into(),
        date: "23 November 2026".into(),
        steps: vec![
            StepSection {
                title: "Step 1 – Decision to negotiate".into(),
                summary: "Done · 2/2".into(),
                items: vec![
                    item(
                        "Ministerial mandate obtained",
                        true,
                        "M. Duarte",
                        "3 March 2026",
                        "",
                    ),
                    item(
                        "Negotiating team appointed (legal, actuarial, administrative)",
                        true,
                        "Cabinet office",
                        "17 March 2026",
                        "Actuary seconded from the pension fund.",
                    ),
                ],
                gates: vec![GateDecision {
                    gate: "Proceed to the feasibility study".into(),
                    decision: "Approved".into(),
                    date: "1 April 2026".into(),
                    note: "".into(),
                }],
            },
            StepSection {
                title: "Step 2 – Feasibility study".into(),
                summary: "In progress · 1/2".into(),
                items: vec![
                    item(
                        "Migration flows between the two countries estimated",
                        true,
                        "Statistics unit",
                        "12 June 2026",
                        "About 48 000 Aurelians work in Boreland.",
                    ),
                    item(
                        "Cost of totalization estimated by the actuary",
                        false,
                        "A. Novák",
                        "",
                        "Waiting for Boreland's contribution records.",
                    ),
                ],
                gates: vec![],
            },
        ],
        comparison: Some(Comparison {
            title: "Comparison of the two schemes".into(),
            columns: vec!["Republic of Aurelia".into(), "Kingdom of Boreland".into()],
            note: String::new(),
            rows: vec![
                ComparisonRow {
                    topic: "Pensionable age".into(),
                    values: vec![
                        "65 for men and women".into(),
                        "67, rising to 68 from 2030".into(),
                    ],
                },
                ComparisonRow {
                    topic: "Minimum contribution period".into(),
                    values: vec!["15 years".into(), "5 years".into()],
                },
                ComparisonRow {
                    topic: "Benefits paid abroad".into(),
                    values: vec![
                        "Yes, with an annual certificate of life".into(),
                        "Only to countries with an agreement".into(),
                    ],
                },
            ],
        }),
        language: "en".into(),
        created_unix: CREATED,
        labels: StepReportLabels::english(),
    }
}
