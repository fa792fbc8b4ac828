//! What encryption at rest costs, side by side with the plain database: opening the data
//! folder (the key derivation, PBKDF2-HMAC-SHA512 with 256,000 iterations, is slow on purpose
//! and paid once per session), an autosave of the sample draft (`edit_draft`: one transaction
//! and a render, as the app saves a keystroke's edit), and rendering the agreement
//! (`agreement_view`).
//!
//! Run with `cargo bench -p ssa-api --bench encryption`; the README's figures come from it.

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use ssa_api::paths::DataDir;
use ssa_api::{Passphrase, SystemClock, UuidIds, Workbench};
use ssa_core::template::Value;

const PASSPHRASE: &str = "a passphrase for the bench";

/// A data folder holding the sample negotiation, plain or encrypted.
fn folder(encrypted: bool) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let key = encrypted.then(|| Passphrase::new(PASSPHRASE));
    let (mut workbench, _) = Workbench::open_with_key(
        &DataDir::new(dir.path()),
        key.as_ref(),
        Arc::new(SystemClock),
        Arc::new(UuidIds),
    )
    .expect("workbench opens");
    let id = workbench.create_sample_negotiation().expect("sample").id;
    (dir, id)
}

fn open(dir: &std::path::Path, encrypted: bool) -> Workbench {
    let key = encrypted.then(|| Passphrase::new(PASSPHRASE));
    Workbench::open_with_key(
        &DataDir::new(dir),
        key.as_ref(),
        Arc::new(SystemClock),
        Arc::new(UuidIds),
    )
    .expect("workbench opens")
    .0
}

fn bench(c: &mut Criterion) {
    for (encrypted, name) in [(false, "plain"), (true, "encrypted")] {
        let (dir, id) = folder(encrypted);
        let mut group = c.benchmark_group(format!("{name} database"));
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(8));
        group.bench_function("open the data folder", |b| {
            b.iter(|| black_box(open(dir.path(), encrypted)))
        });
        group.finish();

        let mut workbench = open(dir.path(), encrypted);
        let mut draft = workbench.get_draft(&id).unwrap().unwrap();
        let mut group = c.benchmark_group(format!("{name} database"));
        group
            .sample_size(30)
            .measurement_time(Duration::from_secs(6));
        let mut months = 0;
        group.bench_function("autosave an edit of the draft", |b| {
            b.iter(|| {
                months = (months + 1) % 36;
                let base = draft.clone();
                draft
                    .values
                    .insert("posting.months".into(), Value::Number(12 + months));
                black_box(workbench.edit_draft(&id, &base, &draft).unwrap())
            })
        });
        group.bench_function("render the agreement", |b| {
            b.iter(|| black_box(workbench.agreement_view(black_box(&id)).unwrap()))
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
