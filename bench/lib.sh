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

# make_pki DIR: root -> intermediate -> P-256 leaf for localhost and 127.0.0.1 (30 days) in DIR, plus chain.pem
# (leaf + intermediate, as a server sends it).
make_pki() {
  local dir=$1
  mkdir -p "$dir"
  cat > "$dir/ext.cnf" <<'CNF'
[root]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
[inter]
basicConstraints=critical,CA:TRUE,pathlen:0
keyUsage=critical,keyCertSign,cRLSign
[leaf]
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1
CNF
  local k=(-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes)
  (
    cd "$dir"
    openssl req -x509 "${k[@]}" -keyout root.key -out root.pem -days 30 -subj "/CN=Bench Root" -extensions root -config <(cat /etc/ssl/openssl.cnf ext.cnf)
    openssl req "${k[@]}" -keyout inter.key -out inter.csr -subj "/CN=Bench Intermediate"
    openssl x509 -req -in inter.csr -CA root.pem -CAkey root.key -CAcreateserial -out inter.pem -days 30 -extfile ext.cnf -extensions inter
    openssl req "${k[@]}" -keyout leaf.key -out leaf.csr -subj "/CN=localhost"
    openssl x509 -req -in leaf.csr -CA inter.pem -CAkey inter.key -CAcreateserial -out leaf.pem -days 30 -extfile ext.cnf -extensions leaf
    cat leaf.pem inter.pem > chain.pem
  ) >/dev/null 2>&1
}
