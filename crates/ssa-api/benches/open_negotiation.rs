//! Opening a negotiation with a long history: 100 named versions and 100 more revisions
//! between them, on the sample draft (R167 Annex I). Opening lists the versions (with their
//! initialling) and loads, renders and checks the current draft, as the app does when the
//! user opens the negotiation.
//!
//! Target: under 30 ms. Run with `cargo bench -p ssa-api --bench open_negotiation`.

use std::hint::black_box;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use ssa_api::paths::DataDir;
use ssa_api::{Clock, UuidIds, Workbench};
use ssa_core::template::Value;

/// Ten minutes per reading, so that every saved edit starts a revision of its own.
struct Steps(AtomicI64);

impl Clock for Steps {
    fn now(&self) -> DateTime<Utc> {
        let step = self.0.fetch_add(1, Ordering::SeqCst);
        Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap() + Duration::minutes(10 * step)
    }
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let (mut workbench, _) = Workbench::open(
        &DataDir::new(dir.path()),
        Arc::new(Steps(AtomicI64::new(0))),
        Arc::new(UuidIds),
    )
    .expect("workbench opens");
    let id = workbench.create_sample_negotiation().expect("sample").id;
    for round in 0..100i64 {
        let mut draft = workbench.get_draft(&id).unwrap().unwrap();
        draft
            .values
            .insert("posting.months".into(), Value::Number(12 + round % 24));
        workbench.save_draft(&id, &draft).unwrap();
        draft
            .custom_wording
            .insert("M5.1.2".into(), format!("Wording of round {round}."));
        workbench.save_draft(&id, &draft).unwrap();
        workbench
            .name_version(&id, &format!("Text tabled at round {round}"))
            .unwrap();
    }
    workbench
        .initial_version(&id, 200, "A. Negotiator")
        .unwrap();
    let revisions = workbench.list_revisions(&id).unwrap();
    assert!(revisions.iter().filter(|r| r.name.is_some()).count() >= 100);
    assert!(revisions.len() >= 200);

    c.bench_function("open a negotiation with 100 versions", |b| {
        b.iter(|| {
            let versions = workbench.list_revisions(black_box(&id)).unwrap();
            let agreement = workbench.agreement_view(black_box(&id)).unwrap();
            (versions, agreement)
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
