#!/usr/bin/env bash
# Typing responsiveness of the provision editor: one keystroke in a 2,000-word article, side by
# side with the plain text box it replaced (vitest bench under jsdom). The README's figure comes
# from this script.
set -euo pipefail
cd "$(dirname "$0")/../ui"
npx vitest bench --run src/agreement/editor/typing.bench.ts
