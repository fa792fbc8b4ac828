//! Rendering the full R167 Annex I template with every branch covered.
//!
//! Target: well under 5 ms per render, so that the UI can re-render on every keystroke.
//! Run with `cargo bench -p ssa-core --bench render`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use ssa_core::template::{render, Draft, Template};

const ANNEX1: &str = include_str!("../../../assets/templates/r167-annex1-bilateral.toml");

fn sample_draft(template: &Template) -> Draft {
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

fn bench(c: &mut Criterion) {
    let template = Template::parse("r167-annex1-bilateral.toml", ANNEX1).expect("template parses");
    let draft = sample_draft(&template);
    c.bench_function("render annex I", |b| {
        b.iter(|| render(black_box(&template), black_box(&draft)))
    });
    c.bench_function("render annex I to plain text", |b| {
        b.iter(|| render(black_box(&template), black_box(&draft)).to_plain_text())
    });
    c.bench_function("validate annex I draft", |b| {
        b.iter(|| black_box(&draft).validate(black_box(&template)))
    });
    c.bench_function("parse and validate annex I", |b| {
        b.iter(|| {
            Template::parse("r167-annex1-bilateral.toml", black_box(ANNEX1))
                .expect("parses")
                .validate()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
