//! One article edited in a 60-article draft, saved and rendered afresh, through the boundary
//! the app calls on every keystroke pause (`Workbench::edit_draft`: merge against the stored
//! draft, save with its revision, render, check, word the problems, list the provisions).
//!
//! The draft is the sample agreement (R167 Annex I) grown to 60 articles with added articles,
//! each referring to another, so the added-provision machinery is measured too.
//!
//! Target: p99 under 5 ms. Criterion reports the mean; the p99 of the timed edits is printed at
//! the end. Run with `cargo bench -p ssa-api --bench edit_article`.

use std::hint::black_box;
use std::sync::Arc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use ssa_api::paths::DataDir;
use ssa_api::{Clock, UuidIds, Workbench};
use ssa_core::template::edit::{Place, StructureEdit};
use ssa_core::template::NodeKind;

/// One instant: a burst of typing folds into one revision, as in the app.
struct Fixed;

impl Clock for Fixed {
    fn now(&self) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap()
    }
}

const ARTICLES: usize = 60;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let (mut workbench, _) = Workbench::open(
        &DataDir::new(dir.path()),
        Arc::new(Fixed),
        Arc::new(UuidIds),
    )
    .expect("workbench opens");
    let id = workbench.create_sample_negotiation().expect("sample").id;
    let articles = |workbench: &Workbench| -> Vec<String> {
        let agreement = workbench.agreement(&id).unwrap();
        agreement
            .document
            .walk()
            .filter(|n| n.kind == NodeKind::Article)
            .map(|n| n.id.clone())
            .collect()
    };
    let mut ids = articles(&workbench);
    while ids.len() < ARTICLES {
        let base = workbench.get_draft(&id).unwrap().unwrap();
        let after = ids[ids.len() / 2].clone();
        let target = ids[ids.len() / 3].clone();
        workbench
            .edit_draft_structure(
                &id,
                &base,
                &StructureEdit::Add {
                    kind: NodeKind::Article,
                    place: Place::After { id: after },
                    heading: Some(format!("Added article {}", ids.len())),
                    text: format!(
                        "The competent authorities shall apply {{{{ref:{target}}}}} to the persons \
                         referred to in this Article."
                    ),
                },
            )
            .unwrap();
        ids = articles(&workbench);
    }
    assert_eq!(ids.len(), ARTICLES);
    let edited = ids[ARTICLES / 2].clone();
    let mut round = 0u64;
    let timings = Mutex::new(Vec::<Duration>::new());
    c.bench_function(
        "edit one article of a 60-article draft, save and render",
        |b| {
            b.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    let base = workbench.get_draft(&id).unwrap().unwrap();
                    let mut draft = base.clone();
                    round += 1;
                    draft.custom_wording.insert(
                        edited.clone(),
                        format!(
                            "Wording typed by the negotiator, pass {round}, citing {{{{ref:{}}}}}.",
                            ids[3]
                        ),
                    );
                    let started = Instant::now();
                    let rendered = workbench.edit_draft(black_box(&id), &base, &draft).unwrap();
                    let took = started.elapsed();
                    black_box(rendered);
                    timings.lock().unwrap().push(took);
                    total += took;
                }
                total
            })
        },
    );
    let mut timings = timings.into_inner().unwrap();
    timings.sort();
    let at = |q: f64| timings[((timings.len() as f64 * q) as usize).min(timings.len() - 1)];
    println!(
        "edit one article of a 60-article draft: {} edits timed, p50 {:.2} ms, p99 {:.2} ms (target p99 < 5 ms)",
        timings.len(),
        at(0.50).as_secs_f64() * 1000.0,
        at(0.99).as_secs_f64() * 1000.0
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
