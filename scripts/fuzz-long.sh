#!/usr/bin/env bash
# The long fuzzing run whose figures the README quotes: a million inputs per reader (template,
# process, exchange, draft wording), optimised build, one core. About an hour on a 2-core
# laptop. Prints the table and writes it to fuzz/figures.md; exit code 1 when any input
# panicked, aborted or hung (their inputs are saved in fuzz/crashes/).
#
#   bash scripts/fuzz-long.sh                 # 1,000,000 inputs per target
#   INPUTS=100000 bash scripts/fuzz-long.sh   # a shorter run
#   bash scripts/fuzz-long.sh --target exchange
source "$(dirname "$0")/lib.sh"
ensure_toolchains
inputs="${INPUTS:-1000000}"
say "Building the fuzzing harness (release)"
cargo build --release -p ssa-fuzz
say "Fuzzing: $inputs inputs per target"
target_dir="${CARGO_TARGET_DIR:-$repo/target}"
"$target_dir/release/ssa-fuzz" campaign --inputs "$inputs" --report fuzz/figures.md "$@"
