#!/usr/bin/env bash
# DNS benchmarks. Needs dnsmasq, dig and dnsperf (Debian: dnsmasq-base, bind9-dnsutils, dnsperf).
#  1. Codec: DNS messages parsed per second and bytes allocated per parse (golden messages of the tests).
#  2. Bulk resolution of 10,000 names (A records from a hosts file) against a local dnsmasq:
#     ConnDiag's client through the engine's DnsLookup at concurrency C (bulk mode with shared UDP sockets,
#     and the default diagnostic mode with one fresh socket per query) vs `dig -f` (sequential) vs
#     `dnsperf` with C queries outstanding. RUNS interleaved runs, medians, ratios.
#  3. The DNS reader fuzz corpus, longer than the CI test (FUZZ messages).
# Appends a section to bench/results.md with the machine line.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-5}
CONC=${CONC:-64}
NAMES=${NAMES:-10000}
FUZZ=${FUZZ:-2000000}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-10}
RESULTS=${RESULTS:-"$BENCH_DIR/results.md"}
D="$WORK/dns"
mkdir -p "$D"

cleanup() {
  [ -n "${DNSMASQ_PID:-}" ] && kill "$DNSMASQ_PID" 2>/dev/null || true
}
trap cleanup EXIT

for tool in dnsmasq dig dnsperf; do
  command -v "$tool" >/dev/null || { echo "dns.sh: $tool is not installed" >&2; exit 2; }
done

build_release

# 10,000 names in a hosts file (dnsmasq answers them from memory) and the same names as a query list
# (dnsperf's "NAME TYPE" format, which dig -f reads as well).
python3 - "$D" "$NAMES" <<'PY'
import sys
d, n = sys.argv[1], int(sys.argv[2])
with open(f"{d}/hosts", "w") as h, open(f"{d}/names.txt", "w") as q:
    for i in range(n):
        h.write(f"127.{1 + i // 65536}.{(i // 256) % 256}.{i % 256} n{i}.bench.test\n")
        q.write(f"n{i}.bench.test A\n")
PY

PORT=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dnsmasq --no-daemon --port="$PORT" --listen-address=127.0.0.1 --bind-interfaces --no-resolv --no-hosts --no-poll \
  --pid-file= --log-facility=- --addn-hosts="$D/hosts" --local=/bench.test/ 2> "$D/dnsmasq.log" &
DNSMASQ_PID=$!
for _ in $(seq 50); do dig +short +tries=1 +timeout=1 -p "$PORT" @127.0.0.1 n0.bench.test >/dev/null 2>&1 && break; sleep 0.1; done
LAST=$((NAMES - 1))
[ "$(dig +short -p "$PORT" @127.0.0.1 "n$LAST.bench.test")" != "" ] || { echo "dns.sh: dnsmasq does not answer n$LAST.bench.test" >&2; exit 1; }

echo "== codec"
"${BENCH[@]}" dnscodec 1000000 | tee "$D/codec.txt"

echo "== bulk resolution of $NAMES names, concurrency $CONC, $RUNS runs"
: > "$D/shared.txt"; : > "$D/fresh.txt"; : > "$D/dnsperf.txt"; : > "$D/dig.txt"; : > "$D/shared.log"; : > "$D/fresh.log"
for run in $(seq "$RUNS"); do
  "${BENCH[@]}" dnsbulk "$D/names.txt" "127.0.0.1:$PORT" "$CONC" "$ROUNDS" shared "$WARMUP" | tee -a "$D/shared.log" | grep '^summary' >> "$D/shared.txt"
  "${BENCH[@]}" dnsbulk "$D/names.txt" "127.0.0.1:$PORT" "$CONC" 3 fresh 3 | tee -a "$D/fresh.log" | grep '^summary' >> "$D/fresh.txt"
  dnsperf -s 127.0.0.1 -p "$PORT" -d "$D/names.txt" -c 1 -q "$CONC" -n 1 > "$D/dnsperf.out" 2>&1
  grep -E 'Queries per second' "$D/dnsperf.out" | awk '{printf "%.0f\n", $4}' >> "$D/dnsperf.txt"
  grep -qE 'Queries lost: +0 ' "$D/dnsperf.out" || echo "dns.sh: dnsperf lost queries in run $run" >&2
  ms=$(wall_ms dig +tries=1 +timeout=2 -p "$PORT" @127.0.0.1 -f "$D/names.txt")
  answered=$(dig +noall +answer +tries=1 +timeout=2 -p "$PORT" @127.0.0.1 -f "$D/names.txt" | wc -l)
  [ "$answered" -eq "$NAMES" ] || echo "dns.sh: dig -f answered $answered of $NAMES in run $run" >&2
  awk -v n="$NAMES" -v ms="$ms" 'BEGIN { printf "%.0f\n", n / (ms / 1000) }' >> "$D/dig.txt"
  echo "run $run: shared $(tail -1 "$D/shared.txt") | fresh $(tail -1 "$D/fresh.txt") | dnsperf $(tail -1 "$D/dnsperf.txt") qps | dig -f $(tail -1 "$D/dig.txt") qps"
done

col() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" "$2"; }
SHARED=$(col median_qps "$D/shared.txt" | median)
SHARED_COLD=$(col cold_qps "$D/shared.txt" | median)
FRESH=$(col median_qps "$D/fresh.txt" | median)
DNSPERF=$(median < "$D/dnsperf.txt")
DIG=$(median < "$D/dig.txt")
list() { tr '\n' ' ' < "$1" | sed 's/ $//'; }

echo "== fuzz"
"${BENCH[@]}" dnsfuzz "$FUZZ" 424242 | tee "$D/fuzz.txt"

LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo
  echo "## DNS: codec and bulk resolution of $NAMES names, concurrency $CONC ($(machine_line))"
  echo "command: bench/dns.sh (RUNS=$RUNS, CONC=$CONC, ROUNDS=$ROUNDS after WARMUP=$WARMUP rounds); load average at the end: $LOAD (other work shares the 2 cores)"
  echo
  echo "Codec (golden messages of tests/ConnDiag.Core.Tests/Dns/Wire, 1,000,000 parses each, one thread):"
  echo
  echo '```'
  cat "$D/codec.txt"
  echo '```'
  echo
  echo "| tool | median qps (runs: $RUNS) | per run |"
  echo "|---|---|---|"
  echo "| ConnDiag engine, bulk mode (ShareUdpSockets, 1 socket), DnsLookup at $CONC in flight, after warm-up | $SHARED | $(col median_qps "$D/shared.txt" | tr '\n' ' ') |"
  echo "| same, first round of a fresh process (JIT cold) | $SHARED_COLD | $(col cold_qps "$D/shared.txt" | tr '\n' ' ') |"
  echo "| ConnDiag engine, default mode (fresh socket per query), 3 rounds after 3 warm-up | $FRESH | $(col median_qps "$D/fresh.txt" | tr '\n' ' ') |"
  echo "| dnsperf -c 1 -q $CONC -n 1 | $DNSPERF | $(list "$D/dnsperf.txt") |"
  echo "| dig -f (sequential) | $DIG | $(list "$D/dig.txt") |"
  echo
  echo "ratios: bulk / dnsperf = **$(ratio "$SHARED" "$DNSPERF")×** (goal ≥ 0.8), bulk / dig -f = **$(ratio "$SHARED" "$DIG")×** (goal ≥ 20),"
  echo "bulk cold / dnsperf = $(ratio "$SHARED_COLD" "$DNSPERF")×, default mode / dnsperf = $(ratio "$FRESH" "$DNSPERF")×, default mode / dig -f = $(ratio "$FRESH" "$DIG")×"
  echo
  echo "Fuzz: \`$(cat "$D/fuzz.txt" | head -1)\`"
} >> "$RESULTS"
tail -25 "$RESULTS"
