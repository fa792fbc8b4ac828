//! Comparing two full drafts of the R167 Annex I template in which every provision is reworded
//! a little (one word changed, one added), as two rounds of a negotiation might differ.
//!
//! Target: under 20 ms per comparison, so that the Versions view answers at once.
//! Run with `cargo bench -p ssa-core --bench compare`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use ssa_core::compare::compare;
use ssa_core::template::{render, Draft, Template};

const ANNEX1: &str = include_str!("../../../assets/templates/r167-annex1-bilateral.toml");

fn full_draft(template: &Template) -> Draft {
    let mut draft = Draft::of(template)
        .with_value("party_a", "the Republic of Aurelia")
        .with_value("party_b", "the Kingdom of Boreland")
        .with_value("signature.place", "Aurelia City")
        .with_value("signature.date", "2026-03-01");
    for branch in [
        "sickness",
        "pensions",
        "employment_injury",
        "death_grants",
        "unemployment",
        "family",
    ] {
        draft = draft.with_value(&format!("branch.{branch}"), true);
    }
    draft.inclusion.insert("M3.2.assessment".into(), true);
    draft
}

/// The same draft with every node that has wording reworded: "shall" becomes "must" and a
/// phrase is added at the end.
fn reworded(template: &Template, draft: &Draft) -> Draft {
    let mut reworded = draft.clone();
    for node in template.nodes.iter().filter(|n| !n.text.trim().is_empty()) {
        let text = node.text.replacen("shall", "must", 1);
        reworded
            .custom_wording
            .insert(node.id.clone(), format!("{text} (as agreed)"));
    }
    reworded
}

fn bench(c: &mut Criterion) {
    let template = Template::parse("r167-annex1-bilateral.toml", ANNEX1).expect("template parses");
    let first = full_draft(&template);
    let second = reworded(&template, &first);
    let before = render(&template, &first);
    let after = render(&template, &second);
    let comparison = compare(&before, &after);
    assert!(comparison.summary.changed > 40, "{:?}", comparison.summary);
    c.bench_function("compare two reworded annex I drafts", |b| {
        b.iter(|| compare(black_box(&before), black_box(&after)))
    });
    c.bench_function("render and compare two annex I drafts", |b| {
        b.iter(|| {
            compare(
                &render(black_box(&template), black_box(&first)),
                &render(black_box(&template), black_box(&second)),
            )
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
