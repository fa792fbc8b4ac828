//! A corridor estimate: 10,000 careers simulated under two parties' rules (bands by yearly
//! average in weeks on one side, quarters with a conversion on the other, the higher-of and
//! pro-rata methods, a minimum-period rule), each with its explanation lines.
//!
//! Target: under 100 ms for the 10,000, so that a corridor estimate feels instant.
//! Run with `cargo bench -p ssa-core --bench simulation`; `scripts/bench-simulation.sh` prints
//! the figure the README quotes.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use rust_decimal::Decimal;
use ssa_core::simulation::case_file::parse_case;
use ssa_core::simulation::{simulate, Case, Period, PeriodKind, Unit};

const RULES: &str = include_str!("../../../assets/simulations/examples/bands-weeks-quarters.toml");

/// 10,000 careers: weeks in XA and quarters in XB spread over the range, some under a year.
fn careers() -> Vec<Case> {
    let mut base = parse_case(RULES).expect("the shipped example reads").case;
    base.minimum_period_months = Some(12);
    base.periods.clear();
    (0..10_000u32)
        .map(|i| {
            let mut case = base.clone();
            let weeks = (i * 37) % 2_000;
            let quarters = (i * 11) % 160;
            for (party, amount, unit) in
                [("XA", weeks, Unit::Weeks), ("XB", quarters, Unit::Quarters)]
            {
                case.periods.push(Period {
                    party: party.into(),
                    amount: Decimal::from(amount),
                    unit,
                    kind: PeriodKind::Paid,
                    start: None,
                    end: None,
                });
            }
            case
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let careers = careers();
    c.bench_function("simulate 10,000 careers", |b| {
        b.iter(|| {
            for case in &careers {
                black_box(simulate(black_box(case)).expect("valid career"));
            }
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
