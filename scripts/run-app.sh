#!/usr/bin/env bash
# Installs what is missing, builds SSA Workbench and runs it. The app keeps its database in the
# user's data folder (~/.local/share/org.ssaworkbench.desktop), or in $SSA_DATA_DIR if set; a
# new database starts with the sample negotiation.
source "$(dirname "$0")/lib.sh"

ensure_apt_packages "${BUILD_PACKAGES[@]}"
ensure_toolchains
ensure_npm_packages ui
build_ui
say "Building and starting SSA Workbench (the first build takes a few minutes)"
exec cargo run -p ssa-workbench -- "$@"
