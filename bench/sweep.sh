#!/usr/bin/env bash
# Sweep benchmark: 10,240 loopback targets (127.0.0.1-40 × ports 20000-20255; 32 ports listen) plus 256
# filtered targets (a namespace host that drops every SYN), timeout 1 s, against `nmap -sT -n -Pn -T5` over
# the same targets in the same run. Needs root (namespace) and nmap. Prints medians and the ratio.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-3}
THROTTLE=${THROTTLE:-2048}
NS=cdbench; HOSTIF=cdbench-h; NSIF=cdbench-n

cleanup() {
  [ -n "${HOLDER:-}" ] && kill "$HOLDER" 2>/dev/null || true
  ip link del "$HOSTIF" 2>/dev/null || true
  ip netns del "$NS" 2>/dev/null || true
}
trap cleanup EXIT
cleanup

build_release

# 32 listeners on all interfaces, so each is open on every 127.0.0.x.
python3 -c '
import socket, sys, time
socks = []
for p in range(20000, 20256, 8):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", p)); s.listen(4096); socks.append(s)
print("ready", flush=True)
time.sleep(3600)
' > "$WORK/holder.out" &
HOLDER=$!
for _ in $(seq 50); do grep -q ready "$WORK/holder.out" 2>/dev/null && break; sleep 0.1; done

ip netns add "$NS"
ip link add "$HOSTIF" type veth peer name "$NSIF"
ip link set "$NSIF" netns "$NS"
ip addr add 198.18.201.1/24 dev "$HOSTIF"; ip link set "$HOSTIF" up
ip netns exec "$NS" ip link set lo up
ip netns exec "$NS" ip addr add 198.18.201.2/24 dev "$NSIF"
ip netns exec "$NS" ip link set "$NSIF" up
ip netns exec "$NS" nft -f - <<'NFT'
table inet bench {
  chain input {
    type filter hook input priority 0; policy accept;
    tcp dport 20000-20255 drop
  }
}
NFT

# Same targets for both tools, shuffled with a fixed seed so neither gets a friendly order.
{ for h in $(seq 1 40); do for p in $(seq 20000 20255); do echo "127.0.0.$h:$p"; done; done
  for p in $(seq 20000 20255); do echo "198.18.201.2:$p"; done; } \
  | shuf --random-source=<(yes) > "$WORK/targets.txt"
TOTAL=$(wc -l < "$WORK/targets.txt")

# Sanity: both tools must see the same picture (1280 open, 256 filtered, the rest closed).
"${CONNDIAG[@]}" tcp --file "$WORK/targets.txt" --timeout 1 --throttle "$THROTTLE" --json > "$WORK/conndiag.json" || true
CD_COUNTS=$(python3 -c '
import json, collections, sys
r = json.load(open(sys.argv[1]))
c = collections.Counter(a["state"] for x in r for a in x["attempts"])
print(len(r), dict(sorted(c.items())))' "$WORK/conndiag.json")
nmap -sT -n -Pn -T5 -p 20000-20255 127.0.0.1-40 198.18.201.2 -oG "$WORK/nmap.gnmap" >/dev/null
NMAP_COUNTS=$(python3 -c '
import re, collections, sys
c = collections.Counter()
for line in open(sys.argv[1]):
    for m in re.finditer(r"(\d+)/(open|closed|filtered)/tcp", line): c[m.group(2)] += 1
    m = re.search(r"Ignored State: (\w+) \((\d+)\)", line)
    if m: c[m.group(1)] += int(m.group(2))
print(sum(c.values()), dict(sorted(c.items())))' "$WORK/nmap.gnmap")

cd_ms=(); nm_ms=()
for _ in $(seq "$RUNS"); do
  # Timed with each tool's default human-readable output (the JSON run above is only the cross-check;
  # --json adds ~0.15 s here: 15 MB of findings with evidence and remedies for 10,000 results).
  cd_ms+=("$(wall_ms "${CONNDIAG[@]}" tcp --file "$WORK/targets.txt" --timeout 1 --throttle "$THROTTLE")")
  nm_ms+=("$(wall_ms nmap -sT -n -Pn -T5 -p 20000-20255 127.0.0.1-40 198.18.201.2)")
done
CD=$(printf '%s\n' "${cd_ms[@]}" | median)
NM=$(printf '%s\n' "${nm_ms[@]}" | median)

cat <<OUT
## Sweep: $TOTAL targets, timeout 1 s ($(machine_line))
command: sudo bench/sweep.sh (RUNS=$RUNS, THROTTLE=$THROTTLE)
| tool | median wall ms (runs: ${RUNS}) | results |
|---|---|---|
| conndiag tcp --file targets --timeout 1 --throttle $THROTTLE (ReadyToRun publish) | $CD (${cd_ms[*]}) | $CD_COUNTS |
| nmap -sT -n -Pn -T5 -p 20000-20255 127.0.0.1-40 198.18.201.2 | $NM (${nm_ms[*]}) | $NMAP_COUNTS |
ratio nmap / conndiag: **$(ratio "$NM" "$CD")×** (above 1 means conndiag is faster)
OUT
