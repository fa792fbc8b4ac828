# Shared by run-app.sh and test-all.sh: install what is missing on a Debian/Ubuntu machine.
# Idempotent: a second run installs nothing and takes seconds.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the Debian packages given as arguments that are not installed yet.
ensure_apt_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "Installing system packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

BUILD_PACKAGES=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config)
# dbus (dbus-run-session) and libglib2.0-bin (gdbus): a private session bus on which the e2e
# test sends the screen saver's lock signal.
TEST_PACKAGES=(xvfb xauth webkit2gtk-driver poppler-utils qpdf strace dbus libglib2.0-bin)

ensure_toolchains() {
  if ! command -v cargo >/dev/null 2>&1; then
    [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
  fi
  command -v cargo >/dev/null 2>&1 || {
    echo "Rust is not installed. Install it with rustup (see the README), then run this again." >&2
    exit 1
  }
  if ! command -v npm >/dev/null 2>&1; then
    ensure_apt_packages nodejs npm
  fi
  local node_major
  node_major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$node_major" -lt 20 ]; then
    echo "Node.js $node_major is too old; SSA Workbench's UI build needs Node.js 20 or newer." >&2
    exit 1
  fi
}

# npm ci when node_modules is missing or older than the lock file.
ensure_npm_packages() {
  local dir="$1"
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "Installing npm packages in $dir"
    (cd "$dir" && npm ci --no-fund --no-audit --loglevel=error)
  fi
}

build_ui() {
  say "Building the UI"
  (cd ui && npm run build --silent)
}
