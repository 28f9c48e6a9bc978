#!/usr/bin/env bash
# Build, stage and test ConnDiag without PowerShell (build.ps1 does the same plus Pester, help and packages).
#
#   ./build.sh build   dotnet build -c Release of the whole solution
#   ./build.sh stage   build, then lay out the module in out/ConnDiag/<version>/ as Import-Module expects it
#   ./build.sh test    stage, syntax-check every .ps1/.psd1 (tools/pscheck), run every test project;
#                      exits non-zero on any failure. This is the project's test command (README, .ci/run).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)"
if [[ -z "$version" ]]; then
  echo "build.sh: no <Version> in Directory.Build.props" >&2
  exit 1
fi
stage_dir="$root/out/ConnDiag/$version"

say() { printf '\n==> %s\n' "$*"; }

build() {
  say "dotnet build -c Release (version $version)"
  dotnet build ConnDiag.sln -c Release --nologo -v quiet -clp:ErrorsOnly
}

stage() {
  build
  say "stage $stage_dir"
  local bin="$root/src/ConnDiag/bin/Release/net8.0"
  local manifest_version
  manifest_version="$(sed -n "s/^[[:space:]]*ModuleVersion[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" ConnDiag.psd1)"
  if [[ "$manifest_version" != "$version" ]]; then
    echo "build.sh: ConnDiag.psd1 ModuleVersion '$manifest_version' differs from Directory.Build.props <Version> '$version'" >&2
    exit 1
  fi
  rm -rf "$stage_dir"
  mkdir -p "$stage_dir/en-US"
  cp "$bin/ConnDiag.dll" "$bin/ConnDiag.Core.dll" "$stage_dir/"
  cp ConnDiag.psd1 module/ConnDiag.Format.ps1xml "$stage_dir/"
  cp module/en-US/about_ConnDiag.help.txt "$stage_dir/en-US/"
  # MAML help exists only where build.ps1 Docs ran (it needs PlatyPS under pwsh).
  if [[ -f out/help/en-US/ConnDiag.dll-Help.xml ]]; then
    cp out/help/en-US/ConnDiag.dll-Help.xml "$stage_dir/en-US/"
  fi
  # The host pwsh provides System.Management.Automation; a shipped copy would shadow it and break loading.
  if find "$stage_dir" -iname 'System.Management.Automation*.dll' | grep -q .; then
    echo "build.sh: System.Management.Automation.dll must not be shipped in the module" >&2
    exit 1
  fi
  (cd "$stage_dir" && find . -type f | sort | sed 's:^\./:  :')
}

run_tests() {
  stage
  say "syntax check of PowerShell files (tools/pscheck)"
  tools/pscheck/run.sh

  say "dotnet test ConnDiag.sln"
  local log
  log="$(mktemp)"
  local status=0
  dotnet test ConnDiag.sln --nologo 2>&1 | tee "$log" || status=$?
  echo "Pester skipped: build.sh runs without pwsh; ./build.ps1 Test runs the Pester suites in tests/pester."
  # One closing line over all test projects (dotnet test prints one summary per project).
  awk '/(Passed|Failed)! +- +Failed: / {
         gsub(",", ""); for (i = 1; i <= NF; i++) {
           if ($i == "Failed:") f += $(i + 1); if ($i == "Passed:") p += $(i + 1); if ($i == "Skipped:") s += $(i + 1) }
         n++ }
       END { if (n == 0) { print "build.sh: dotnet test reported no test run" > "/dev/stderr"; exit 1 }
             printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log" || status=1
  rm -f "$log"
  return "$status"
}

case "${1:-}" in
  build) build ;;
  stage) stage ;;
  test) run_tests ;;
  *)
    echo "usage: ./build.sh build|stage|test" >&2
    exit 2
    ;;
esac
