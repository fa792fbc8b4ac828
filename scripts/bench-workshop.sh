#!/usr/bin/env bash
# The workshop set-up figures of the README: runs the criterion bench and prints each median.
# PROFILE=dev measures the debug build (slower, and quick to build where it is built already);
# the default is cargo's bench profile (optimised).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --profile "${PROFILE:-bench}" -p ssa-api --bench workshop_setup -- --noplot >/dev/null
target="${CARGO_TARGET_DIR:-target}"
for estimates in "$target"/criterion/workshop\ setup/*/new/estimates.json; do
  name="$(basename "$(dirname "$(dirname "$estimates")")")"
  median_ns="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["median"]["point_estimate"])' "$estimates")"
  python3 -c 'import sys; print(f"{sys.argv[1]}: {float(sys.argv[2])/1e6:.1f} ms")' "$name" "$median_ns"
done
