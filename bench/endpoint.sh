#!/usr/bin/env bash
# Endpoint benchmark: N loopback HTTPS endpoints served by one nginx (root -> intermediate -> P-256 leaf made
# here, one listen port per endpoint). `conndiag endpoint` diagnoses all of them in one process (config, tcp,
# tls chain analysis, and the HTTPS request for each) against `curl -s -o /dev/null -w ...` run once per
# endpoint in a shell loop. Both verify against the same CA file. Also: one endpoint, whole process each, and
# the engine's in-process time per diagnosis set against curl's own time_total. No root needed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-5}
N=${N:-100}
THROTTLE=${THROTTLE:-16}
PKI="$WORK/endpoint-pki"
NGINX_PID=""
# The proxy environment must not route loopback traffic anywhere.
unset HTTPS_PROXY https_proxy HTTP_PROXY http_proxy ALL_PROXY all_proxy NO_PROXY no_proxy

cleanup() {
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && wait "$NGINX_PID" 2>/dev/null || true
}
trap cleanup EXIT

NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "nginx is needed (apt-get install nginx-light)" >&2; exit 1; }
build_release

rm -rf "$PKI"; mkdir -p "$PKI/logs"
make_pki "$PKI"

# N free loopback ports (bound then released; nginx takes them a moment later).
python3 - "$N" > "$PKI/ports.txt" <<'PY'
import socket, sys
held = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); held.append(s)
for s in held: print(s.getsockname()[1])
for s in held: s.close()
PY
{
  echo "worker_processes 1; daemon off; pid $PKI/nginx.pid; error_log $PKI/logs/error.log warn;"
  echo "events { worker_connections 1024; }"
  echo "http { access_log off; client_body_temp_path $PKI/logs; proxy_temp_path $PKI/logs; fastcgi_temp_path $PKI/logs; uwsgi_temp_path $PKI/logs; scgi_temp_path $PKI/logs;"
  echo "  server {"
  while read -r p; do echo "    listen 127.0.0.1:$p ssl;"; done < "$PKI/ports.txt"
  echo "    ssl_certificate $PKI/chain.pem; ssl_certificate_key $PKI/leaf.key;"
  echo "    location / { default_type text/plain; return 200 \"ok\\n\"; }"
  echo "  }"
  echo "}"
} > "$PKI/nginx.conf"
"$NGINX" -c "$PKI/nginx.conf" -e "$PKI/logs/error.log" &
NGINX_PID=$!
sed 's#^#https://127.0.0.1:#; s#$#/#' "$PKI/ports.txt" > "$PKI/urls.txt"
FIRST=$(head -n 1 "$PKI/urls.txt")
for _ in $(seq 100); do curl -s -o /dev/null --cacert "$PKI/root.pem" "$FIRST" && break; sleep 0.05; done

curl_one() { curl -s -o /dev/null --max-time 10 --cacert "$PKI/root.pem" -w '%{http_code} %{time_total}\n' "$1"; }
export -f curl_one; export PKI
CD_ARGS=(endpoint - --cacert "$PKI/root.pem" --throttle "$THROTTLE" --warn-ms 60000 --critical-ms 60000)

# Sanity: both tools must succeed on every endpoint.
CD_COUNTS=$("${CONNDIAG[@]}" "${CD_ARGS[@]}" --json < "$PKI/urls.txt" | python3 -c '
import json, sys
r = json.load(sys.stdin)
ok = sum(1 for x in r if x["outcome"] == "Pass")
print(f"{len(r)} reports, {ok} Pass")')
SC_OK=$(while read -r u; do curl_one "$u"; done < "$PKI/urls.txt" | grep -c '^200 ' || true)
SC_COUNTS="$SC_OK of $N answered 200"

cd_ms=(); loop_ms=(); one_cd=(); one_curl=()
for _ in $(seq "$RUNS"); do
  cd_ms+=("$(wall_ms sh -c '"$0" "$@" < "'"$PKI/urls.txt"'"' "${CONNDIAG[@]}" "${CD_ARGS[@]}")")
  loop_ms+=("$(wall_ms bash -c 'while read -r u; do curl_one "$u"; done < "'"$PKI/urls.txt"'"')")
  one_cd+=("$(wall_ms "${CONNDIAG[@]}" endpoint "$FIRST" --cacert "$PKI/root.pem")")
  one_curl+=("$(wall_ms curl_one "$FIRST")")
done
CURL_TOTAL_MS=$(for _ in $(seq 20); do curl_one "$FIRST" | awk '{printf "%.3f\n", $2 * 1000}'; done | median)
"${BENCH[@]}" endpoint "$PKI/urls.txt" "$PKI/root.pem" "$THROTTLE" 20 > "$WORK/endpoint-engine.txt"
warm() { sed -n 's/^round [123]: .* in \([0-9]*\) ms.*/\1/p' "$1" | median; }
ENGINE_WARM=$(warm "$WORK/endpoint-engine.txt")
ENGINE_COLD=$(sed -n 's/^round 0: .* in \([0-9]*\) ms.*/\1/p' "$WORK/endpoint-engine.txt")
SINGLE_MS=$(sed -n 's/^single: median \([0-9.]*\) ms.*/\1/p' "$WORK/endpoint-engine.txt")
SINGLE_HTTP_MS=$(sed -n 's/.*http exchange \([0-9.]*\) ms.*/\1/p' "$WORK/endpoint-engine.txt")
CD=$(printf '%s\n' "${cd_ms[@]}" | median)
LOOP=$(printf '%s\n' "${loop_ms[@]}" | median)
ONE_CD=$(printf '%s\n' "${one_cd[@]}" | median)
ONE_CURL=$(printf '%s\n' "${one_curl[@]}" | median)

cat <<OUT
## Endpoint: $N loopback HTTPS endpoints ($(machine_line))
command: bench/endpoint.sh (RUNS=$RUNS, N=$N, THROTTLE=$THROTTLE); peer: curl $(curl --version | head -n 1 | cut -d' ' -f2); one nginx, $N TLS ports, P-256 leaf + intermediate, same CA file for both tools
| tool | median wall ms (runs: ${RUNS}) | results |
|---|---|---|
| conndiag endpoint - --cacert root.pem --throttle $THROTTLE < urls (one process; config, tcp, tls chain analysis and the HTTPS GET per endpoint) | $CD (${cd_ms[*]}) | $CD_COUNTS |
| for each URL: curl -s -o /dev/null --cacert root.pem -w '%{http_code} %{time_total}' (shell loop) | $LOOP (${loop_ms[*]}) | $SC_COUNTS |
| single endpoint, whole process: conndiag endpoint URL --cacert root.pem | $ONE_CD (${one_cd[*]}) | |
| single endpoint, whole process: curl (as above) | $ONE_CURL (${one_curl[*]}) | |
| engine in one process (bench harness), first round: JIT, certificate store, resolver configuration | $ENGINE_COLD | $(sed -n 's/^round 0: //p' "$WORK/endpoint-engine.txt") |
| engine in one process, warm rounds (median of 3) | $ENGINE_WARM | $(sed -n 's/^round 3: //p' "$WORK/endpoint-engine.txt") |
| one endpoint in process, warm: a whole diagnosis (median of 20) | $SINGLE_MS | of which the HTTPS exchange (its own connection and handshake): $SINGLE_HTTP_MS ms |
| one endpoint: curl's own time_total (median of 20) | $CURL_TOTAL_MS | |
ratios (above 1: conndiag faster): curl loop / conndiag = **$(ratio "$LOOP" "$CD")×** (goal ≥ 5),
single endpoint whole process: curl / conndiag = $(ratio "$ONE_CURL" "$ONE_CD")×;
in-process diagnosis / curl time_total = $(ratio "$SINGLE_MS" "$CURL_TOTAL_MS")× (a diagnosis connects and handshakes twice: the tls stage's analysis and the request's own)
OUT
