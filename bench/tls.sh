#!/usr/bin/env bash
# TLS benchmark: N loopback TLS endpoints (openssl s_server, root -> intermediate -> P-256 leaf made here),
# `conndiag tls` over all of them in one process against `openssl s_client -verify_return_error` run once
# per endpoint (a shell loop, and the same spread over all cores with xargs -P). Both verify the chain
# against the same CA file and check the host name. Prints medians and ratios, and the single-endpoint
# whole-process ratio. No root needed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-5}
N=${N:-200}
THROTTLE=${THROTTLE:-32}
PKI="$WORK/tls-pki"
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

build_release

rm -rf "$PKI"; mkdir -p "$PKI/servers"
make_pki "$PKI"

for i in $(seq "$N"); do
  openssl s_server -accept 127.0.0.1:0 -www -cert "$PKI/leaf.pem" -key "$PKI/leaf.key" -cert_chain "$PKI/inter.pem" \
    > "$PKI/servers/$i.out" 2>&1 &
  PIDS+=("$!")
done
: > "$PKI/targets.txt"
for i in $(seq "$N"); do
  port=""
  for _ in $(seq 100); do
    port=$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$PKI/servers/$i.out" 2>/dev/null || true)
    [ -n "$port" ] && break
    sleep 0.05
  done
  [ -n "$port" ] || { echo "s_server $i did not start: $(cat "$PKI/servers/$i.out")" >&2; exit 1; }
  echo "127.0.0.1:$port" >> "$PKI/targets.txt"
done
PORTS=$(cut -d: -f2 "$PKI/targets.txt")
FIRST=$(head -n 1 "$PKI/targets.txt")

CD_ARGS=(tls - --server-name localhost --ca-bundle "$PKI/root.pem" --ca-bundle-only --throttle "$THROTTLE")
s_client_one() {
  openssl s_client -connect "127.0.0.1:$1" -servername localhost -verify_hostname localhost \
    -CAfile "$PKI/root.pem" -verify_return_error -brief </dev/null >/dev/null 2>&1
}
export -f s_client_one; export PKI

# Sanity: both tools must accept every endpoint.
CD_COUNTS=$("${CONNDIAG[@]}" "${CD_ARGS[@]}" --json < "$PKI/targets.txt" | python3 -c '
import json, sys
r = json.load(sys.stdin)
clean = sum(1 for x in r if x["isTrusted"] and not x["findings"])
both = sum(1 for x in r if x["supportedProtocols"] == ["Tls12", "Tls13"])
print(f"{len(r)} reports, {clean} trusted without findings, {both} with TLS 1.2+1.3")')
OK=0; for p in $PORTS; do s_client_one "$p" && OK=$((OK + 1)); done
SC_COUNTS="$OK of $N verified (rc 0)"

cd_ms=(); loop_ms=(); par_ms=(); one_cd=(); one_sc=()
for _ in $(seq "$RUNS"); do
  cd_ms+=("$(wall_ms sh -c '"$0" "$@" < "'"$PKI/targets.txt"'"' "${CONNDIAG[@]}" "${CD_ARGS[@]}")")
  loop_ms+=("$(wall_ms bash -c 'for p in '"$(echo $PORTS)"'; do s_client_one "$p"; done')")
  par_ms+=("$(wall_ms bash -c 'echo '"$(echo $PORTS)"' | tr " " "\n" | xargs -P '"$(nproc)"' -I{} bash -c "s_client_one {}"')")
  one_cd+=("$(wall_ms "${CONNDIAG[@]}" tls "$FIRST" --server-name localhost --ca-bundle "$PKI/root.pem" --ca-bundle-only)")
  one_sc+=("$(wall_ms bash -c "s_client_one ${FIRST#*:}")")
done
# Where conndiag's time goes: the process start alone, and the engine in one process (round 0 cold, then warm).
START_MS=$(for _ in $(seq "$RUNS"); do wall_ms "${CONNDIAG[@]}" --version; done | median)
"${BENCH[@]}" tls "$PKI/targets.txt" "$PKI/root.pem" "$THROTTLE" > "$WORK/tls-engine.txt"
"${BENCH[@]}" tls "$PKI/targets.txt" "$PKI/root.pem" "$THROTTLE" nochecks > "$WORK/tls-engine-nochecks.txt"
warm() { sed -n 's/^round [123]: .* in \([0-9]*\) ms.*/\1/p' "$1" | median; }
cold() { sed -n 's/^round 0: .* in \([0-9]*\) ms.*/\1/p' "$1"; }
ENGINE_WARM=$(warm "$WORK/tls-engine.txt"); ENGINE_COLD=$(cold "$WORK/tls-engine.txt")
NOCHECK_WARM=$(warm "$WORK/tls-engine-nochecks.txt")
CD=$(printf '%s\n' "${cd_ms[@]}" | median)
LOOP=$(printf '%s\n' "${loop_ms[@]}" | median)
PAR=$(printf '%s\n' "${par_ms[@]}" | median)
ONE_CD=$(printf '%s\n' "${one_cd[@]}" | median)
ONE_SC=$(printf '%s\n' "${one_sc[@]}" | median)

cat <<OUT
## TLS: $N endpoints on loopback ($(machine_line))
command: bench/tls.sh (RUNS=$RUNS, N=$N, THROTTLE=$THROTTLE); peers: $N \`openssl s_server -www\` processes, P-256 leaf + intermediate, same CA file for both tools
| tool | median wall ms (runs: ${RUNS}) | results |
|---|---|---|
| conndiag tls - --server-name localhost --ca-bundle root.pem --ca-bundle-only --throttle $THROTTLE < targets (one process; ReadyToRun publish; also checks TLS 1.2 and 1.3 support, 2 handshakes per endpoint) | $CD (${cd_ms[*]}) | $CD_COUNTS |
| for each endpoint: openssl s_client -verify_return_error -verify_hostname localhost -CAfile root.pem -brief (shell loop) | $LOOP (${loop_ms[*]}) | $SC_COUNTS |
| the same s_client runs with xargs -P $(nproc) | $PAR (${par_ms[*]}) | |
| single endpoint, whole process: conndiag tls $FIRST | $ONE_CD (${one_cd[*]}) | |
| single endpoint: openssl s_client (as above) | $ONE_SC (${one_sc[*]}) | |
| conndiag --version (process start, nothing else) | $START_MS | |
| engine in one process (bench harness), first round: JIT + the platform's one-time certificate-store load | $ENGINE_COLD | $(sed -n 's/^round 0: //p' "$WORK/tls-engine.txt") |
| engine in one process, warm rounds (median of 3) | $ENGINE_WARM | $(sed -n 's/^round 3: //p' "$WORK/tls-engine.txt") |
| engine warm, without the protocol checks (1 handshake per endpoint, as s_client) | $NOCHECK_WARM | $(sed -n 's/^round 3: //p' "$WORK/tls-engine-nochecks.txt") |
ratios (above 1: conndiag faster): s_client loop / conndiag = **$(ratio "$LOOP" "$CD")×** (goal ≥ 10), s_client xargs -P $(nproc) / conndiag = $(ratio "$PAR" "$CD")×,
single endpoint whole process: s_client / conndiag = $(ratio "$ONE_SC" "$ONE_CD")×;
engine only: s_client loop / warm engine = $(ratio "$LOOP" "$ENGINE_WARM")× ($(ratio "$LOOP" "$NOCHECK_WARM")× without the protocol checks)
OUT
