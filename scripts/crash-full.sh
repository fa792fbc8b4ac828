#!/usr/bin/env bash
# The fault tests at their full setting: 500 kills of a writer mid-edit, a third of that many
# kills during a first start (which includes the switch to WAL) and during a migration, the
# full-disk test, and two processes editing one draft for 20 seconds. `cargo test` (and so
# scripts/test-all.sh and CI) runs the same tests with 60 kills and 4 seconds.
#
#   bash scripts/crash-full.sh
#   SSA_CRASH_KILLS=1000 bash scripts/crash-full.sh
source "$(dirname "$0")/lib.sh"
ensure_toolchains
export SSA_CRASH_KILLS="${SSA_CRASH_KILLS:-500}"
export SSA_TWO_WRITERS_SECONDS="${SSA_TWO_WRITERS_SECONDS:-20}"
say "Fault tests: $SSA_CRASH_KILLS kills, two writers for $SSA_TWO_WRITERS_SECONDS s"
cargo test -p ssa-tests --test acceptance -- crash:: faults:: --nocapture --test-threads 1
