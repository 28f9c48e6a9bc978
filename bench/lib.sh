# Shared helpers for bench/*.sh: build once, a machine line, and median wall time of a command.
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
WORK="$BENCH_DIR/work"
mkdir -p "$WORK"

# conndiag is measured as it ships: a Release publish with ReadyToRun code, so a short run does not spend
# its time in the JIT's first tier (10,240 loopback targets: 0.92 s plain IL, 0.65 s ReadyToRun, here).
build_release() {
  dotnet publish -c Release --nologo -v q -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$WORK/cli" "$ROOT/src/ConnDiag.Cli" >/dev/null
  dotnet build -c Release --nologo -v q "$ROOT/bench/ConnDiag.Bench" >/dev/null
  CONNDIAG=("dotnet" "$WORK/cli/conndiag.dll")
  BENCH=("dotnet" "$ROOT/bench/ConnDiag.Bench/bin/Release/net10.0/ConnDiag.Bench.dll")
}

machine_line() {
  local cpu
  cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
  echo "$(date -u +%Y-%m-%dT%H:%MZ) · $(uname -sr) · $(nproc) cores · ${cpu:-unknown cpu} · .NET $(dotnet --version)"
}

# wall_ms CMD...: wall-clock milliseconds of one run (output discarded, exit code ignored).
wall_ms() {
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}

# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
