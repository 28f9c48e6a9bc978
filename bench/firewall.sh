#!/usr/bin/env bash
# Firewall benchmark: a namespace holding 2,000 nftables rules (inet table) and 500 iptables-nft rules.
# `conndiag firewall --port P --json` (reads nft -j, iptables-save -c and ip6tables-save -c, parses, merges and
# filters) against its peers, the tools it runs: `nft -j list ruleset` alone and the three tools in a row
# (hyperfine medians). Needs root, ip, nft, iptables, hyperfine. Prints the ratios.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
build_release

NS="cdbench$$"
ip netns add "$NS"
trap 'ip netns del "$NS" 2>/dev/null || true' EXIT
python3 -c '
print("table inet bench {")
print("  chain input { type filter hook input priority 0; policy accept;")
for i in range(2000): print(f"    tcp dport {10000 + i} counter drop")
print("  }")
print("}")' | ip netns exec "$NS" nft -f -
{ echo "*filter"; echo ":INPUT ACCEPT [0:0]"; echo ":FORWARD ACCEPT [0:0]"; echo ":OUTPUT ACCEPT [0:0]"
  for i in $(seq 1 500); do echo "-A INPUT -p tcp -m tcp --dport $((20000 + i)) -j REJECT --reject-with tcp-reset"; done
  echo COMMIT; } | ip netns exec "$NS" iptables-restore

ENGINE=$("${BENCH[@]}" firewall "$NS" 20)
ENGINE_MS=$(sed -E 's/.*median_ms=([0-9.]+).*/\1/' <<<"$ENGINE")

hyperfine -N --warmup 3 --runs 20 --export-json "$WORK/firewall.json" \
  "ip netns exec $NS nft -j list ruleset" \
  "ip netns exec $NS sh -c 'nft -j list ruleset; iptables-save -c; ip6tables-save -c'" \
  "${CONNDIAG[*]} firewall --netns $NS --port 10500 --json" \
  "${CONNDIAG[*]} --version" >/dev/null 2>&1
read -r NFT TOOLS CLI START < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print(*["%.1f" % (x["median"] * 1000) for x in r])' "$WORK/firewall.json")

cat <<OUT
## Firewall: 2,000 nftables + 500 iptables-nft rules in a namespace ($(machine_line))
command: bench/firewall.sh
| what | median ms |
|---|---|
| ConnDiag engine, in-process read of all rules (runs the three tools, parses, merges; 20 runs) | $ENGINE_MS ($ENGINE) |
| ip netns exec NS nft -j list ruleset | $NFT |
| ip netns exec NS: nft -j list ruleset; iptables-save -c; ip6tables-save -c | $TOOLS |
| conndiag firewall --netns NS --port 10500 --json (whole process) | $CLI |
| conndiag --version (process start) | $START |
ratios: engine / the three tools = $(ratio "$ENGINE_MS" "$TOOLS")×, conndiag / the three tools = $(ratio "$CLI" "$TOOLS")×, conndiag − process start − tools = $(awk -v a="$CLI" -v b="$START" -v c="$TOOLS" 'BEGIN { printf "%.1f", a - b - c }') ms
OUT
