#!/usr/bin/env bash
# Installs what is missing and runs every check and test: formatting, clippy, svelte-check,
# Vitest, cargo tests (including the bindings check), and the end-to-end tests against the real
# app under Xvfb. Stops at the first failure.
source "$(dirname "$0")/lib.sh"

started=$SECONDS
step() { say "$* ($((SECONDS - started)) s)"; }

ensure_apt_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
ensure_toolchains
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt clippy 2>/dev/null || true
if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  say "Installing tauri-driver"
  cargo install tauri-driver --locked --version 2.1.0
fi
ensure_npm_packages ui
ensure_npm_packages tests/e2e

step "cargo fmt --check"
cargo fmt --all --check

step "UI: svelte-check, Vitest, build"
(cd ui && npm run check --silent && npm test --silent && npm run build --silent)

step "cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo test (workspace, including the desktop shell's bindings check)"
cargo test --workspace

step "Fuzzing, short run (every reader, a few seconds each; scripts/fuzz-long.sh for the long run)"
cargo run -q -p ssa-fuzz -- campaign --seconds 3 --crash-dir "${TMPDIR:-/tmp}/ssa-fuzz-crashes"

step "Building the app and the CLI for the end-to-end tests"
cargo build -p ssa-workbench -p ssa-cli
cargo build -p ssa-tests --bin ssa-fault-child   # the "other window" of specs/two-places.e2e.js

step "End-to-end tests (WebdriverIO + tauri-driver + WebKitWebDriver under Xvfb)"
export TAURI_DRIVER="${TAURI_DRIVER:-$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")}"
rm -rf tests/e2e/artifacts
# A private D-Bus session bus, so the app's screen-lock watcher has a bus to listen on and the
# security spec can send it the screen saver's lock signal.
(cd tests/e2e && dbus-run-session -- xvfb-run -a --server-args="-screen 0 1280x820x24" npm test --silent)

step "All checks passed"
