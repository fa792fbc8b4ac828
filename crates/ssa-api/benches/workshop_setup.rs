//! Setting up a workshop for a training room: a 10-group workshop (20 teams) from the shipped
//! bilateral scenario, which writes the facilitator's file and 20 team packs (each fsynced and
//! renamed into place) and stores the workshop; beside it, joining one team pack on a team's
//! laptop (the negotiation, its draft, feasibility data, mandate and first round), which is the
//! machine's part of each laptop's set-up.
//!
//! Target: the 10-group set-up under 2 s. Run with `cargo bench -p ssa-api --bench
//! workshop_setup`; `scripts/bench-workshop.sh` prints the medians the README quotes.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion};
use ssa_api::paths::DataDir;
use ssa_api::workshop::WorkshopInput;
use ssa_api::{SystemClock, UuidIds, Workbench};

fn input(groups: u32) -> WorkshopInput {
    WorkshopInput {
        scenario_id: "marisol-eldmark-bilateral".into(),
        scenario_version: None,
        title: "Bench room".into(),
        language: "fr".into(),
        groups,
        team_names: Vec::new(),
    }
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let (mut desk, _) = Workbench::open(
        &DataDir::new(dir.path().join("desk")),
        Arc::new(SystemClock),
        Arc::new(UuidIds),
    )
    .expect("the desk opens");
    let mut run = 0u32;
    let mut group = c.benchmark_group("workshop setup");
    group.sample_size(10);
    group.bench_function("create a 10-group workshop (21 files)", |b| {
        b.iter(|| {
            run += 1;
            let folder = dir.path().join(format!("room-{run}"));
            let created = desk
                .create_workshop(black_box(&input(10)), &folder)
                .unwrap();
            assert_eq!(created.files.len(), 21);
        })
    });
    let folder = dir.path().join("packs");
    desk.create_workshop(&input(10), &folder).unwrap();
    let pack = std::fs::read(folder.join("group-01-team-a.ssa-team.json")).unwrap();
    group.bench_function("join one team pack on a laptop", |b| {
        b.iter(|| {
            run += 1;
            let (mut laptop, _) = Workbench::open(
                &DataDir::new(dir.path().join(format!("laptop-{run}"))),
                Arc::new(SystemClock),
                Arc::new(UuidIds),
            )
            .unwrap();
            laptop.join_team_pack("pack", black_box(&pack)).unwrap();
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
