#!/usr/bin/env bash
# Builds the Linux installers, a .deb and an .rpm, from a clean release build, with the desktop
# entry, the icons and the `ssa` command line in /usr/bin, and prints their sizes (the README
# quotes what this prints). Uses the prebuilt npm package of the Tauri CLI: `cargo install
# tauri-cli` takes over ten minutes on two cores. Installers land in dist/installers/.
source "$(dirname "$0")/lib.sh"

TAURI_CLI_VERSION=2.12.6

ensure_apt_packages "${BUILD_PACKAGES[@]}"
ensure_toolchains
ensure_npm_packages ui
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"

say "Building the ssa command line (release)"
cargo build --release -p ssa-cli
cli="$CARGO_TARGET_DIR/release/ssa"

say "Building the app and bundling it (release; the UI is built first by beforeBuildCommand)"
# The CLI is added to both packages through a config overlay, so the committed config stays
# buildable without it (a debug `cargo build` never looks for the file).
overlay=$(printf '{"bundle":{"linux":{"deb":{"files":{"/usr/bin/ssa":"%s"}},"rpm":{"files":{"/usr/bin/ssa":"%s"}}}}}' "$cli" "$cli")
(cd "$repo/src-tauri" && npx --yes "@tauri-apps/cli@$TAURI_CLI_VERSION" build --bundles deb,rpm --config "$overlay")

out="$repo/dist/installers"
rm -rf "$out" && mkdir -p "$out"
cp "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb "$CARGO_TARGET_DIR"/release/bundle/rpm/*.rpm "$out/"
say "Installers"
size() { awk -v bytes="$(stat -c %s "$1")" 'BEGIN { printf "%.1f MB", bytes / 1048576 }'; }
for file in "$out"/*; do printf '%-50s %s\n' "$(basename "$file")" "$(size "$file")"; done
printf '%-50s %s\n' "the app's binary (stripped)" "$(size "$CARGO_TARGET_DIR/release/ssa-workbench")"
printf '%-50s %s\n' "the ssa command line (stripped)" "$(size "$cli")"
