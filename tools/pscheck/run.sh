#!/usr/bin/env bash
# Syntax-checks every .ps1/.psd1/.psm1 in the repository (except node_modules/ and out/) and the
# ```powershell blocks of docs/*.md with tree-sitter-powershell, so CI catches a broken script,
# manifest or help example on machines without pwsh.
# Installs the two pinned npm packages into tools/pscheck/node_modules on first use.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if ! command -v node >/dev/null 2>&1; then
  echo "pscheck: node is not installed (apt-get install nodejs npm)" >&2
  exit 2
fi

if [[ ! -f "$here/node_modules/web-tree-sitter/package.json" || ! -f "$here/node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm" ]]; then
  echo "pscheck: installing web-tree-sitter and tree-sitter-powershell (pinned in package.json)"
  # --ignore-scripts: the WebAssembly grammar needs no native build step.
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

check() { node --liftoff-only "$here/check-ps.mjs" "$@"; }

# The checker must reject files known to be broken, or a green run would prove nothing, and accept
# valid code that hits the grammar limits it works around.
for broken in "$here"/selftest/broken.*.txt; do
  if check "$broken" >/dev/null; then
    echo "pscheck: self-test failed: $broken was accepted" >&2
    exit 1
  fi
done
if ! check "$here"/selftest/valid-*.txt >/dev/null; then
  echo "pscheck: self-test failed: valid files in tools/pscheck/selftest/ were rejected:" >&2
  check "$here"/selftest/valid-*.txt >&2 || true
  exit 1
fi

# Scripts, manifests and modules, plus the ```powershell examples of the help pages in docs/
# (they become Get-Help examples).
mapfile -d '' files < <(cd "$root" && {
  find . \( -name node_modules -o -name out -o -name .git -o -name bin -o -name obj \) -prune \
    -o -type f \( -name '*.ps1' -o -name '*.psd1' -o -name '*.psm1' \) -print0
  [[ -d docs ]] && find ./docs -type f -name '*.md' -print0
} | sort -z)
if [[ ${#files[@]} -eq 0 ]]; then
  echo "pscheck: no PowerShell files found under $root" >&2
  exit 1
fi
cd "$root"
check "${files[@]}"
