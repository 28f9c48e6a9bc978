#!/usr/bin/env bash
# Renders a ConnDiag HTML report in Debian's chromium with playwright-core (see render.mjs); installs the one pinned
# npm package into tools/render/node_modules on first use (--ignore-scripts: no browser download, chromium is Debian's).
# `run.sh --install` only installs: the tests call it first, outside the network namespace they render in.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v node >/dev/null 2>&1; then
  echo "render: node is not installed (apt-get install nodejs npm)" >&2
  exit 2
fi
if [[ ! -f "$here/node_modules/playwright-core/package.json" ]]; then
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
fi
[[ "${1:-}" == "--install" ]] && exit 0
exec node "$here/render.mjs" "$@"
