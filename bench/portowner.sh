#!/usr/bin/env bash
# Port-owner benchmark with 2,000 sockets open (1,000 listeners + 500 connected pairs in one process):
# the engine's lookup of one port (in-process, median of many) and `conndiag port-owner PORT` as a whole
# process, against `ss -ltnp` and `lsof -nP -iTCP -sTCP:LISTEN` (hyperfine medians). Prints the ratios.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
build_release

mkfifo "$WORK/hold.fifo" 2>/dev/null || true
rm -f "$WORK/port"
"${BENCH[@]}" hold 1000 500 "$WORK/port" < "$WORK/hold.fifo" > "$WORK/hold.out" &
HOLDER=$!
exec 3>"$WORK/hold.fifo"   # keeps the holder's stdin open until we close it
trap 'exec 3>&-; wait $HOLDER 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$WORK/port" ] && break; sleep 0.1; done
PORT=$(cat "$WORK/port")

ENGINE=$("${BENCH[@]}" owner "$PORT" 200)
ENGINE_MS=$(sed -E 's/.*median_ms=([0-9.]+).*/\1/' <<<"$ENGINE")

hyperfine -N --warmup 3 --runs 30 --export-json "$WORK/owner.json" \
  "ss -ltnp" "ss -ltnp sport = :$PORT" "lsof -nP -iTCP -sTCP:LISTEN" \
  "${CONNDIAG[*]} port-owner $PORT" >/dev/null 2>&1
read -r SS SS1 LSOF CLI < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print(*["%.3f" % (x["median"] * 1000) for x in r])' "$WORK/owner.json")

cat <<OUT
## Port owner: one port among 2,000 open sockets ($(machine_line))
command: bench/portowner.sh
| what | median ms |
|---|---|
| ConnDiag engine, in-process lookup of port $PORT (200 runs) | $ENGINE_MS ($ENGINE) |
| conndiag port-owner $PORT (whole process) | $CLI |
| ss -ltnp | $SS |
| ss -ltnp sport = :$PORT | $SS1 |
| lsof -nP -iTCP -sTCP:LISTEN | $LSOF |
ratios: ss -ltnp / engine = **$(ratio "$SS" "$ENGINE_MS")×** (goal ≥ 5), lsof / engine = $(ratio "$LSOF" "$ENGINE_MS")×,
whole process: ss -ltnp / conndiag = $(ratio "$SS" "$CLI")×, lsof / conndiag = $(ratio "$LSOF" "$CLI")×
OUT
