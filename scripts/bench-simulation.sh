#!/usr/bin/env bash
# The simulator's speed target: 10,000 careers simulated (with their explanation lines) in
# under 100 ms, so that a corridor estimate feels instant. Runs the criterion bench
# (crates/ssa-core/benches/simulation.rs) and prints the median it measured, the figure the
# README quotes.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -p ssa-core --bench simulation -- --noplot "$@"
estimates="${CARGO_TARGET_DIR:-target}/criterion/simulate 10,000 careers/new/estimates.json"
if [ -f "$estimates" ]; then
  node -e 'const e = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const ms = e.median.point_estimate / 1e6;
    console.log(`simulate 10,000 careers: median ${ms.toFixed(1)} ms (target: under 100 ms)`);
    process.exit(ms < 100 ? 0 : 1);' "$estimates"
fi
