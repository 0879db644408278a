#!/usr/bin/env bash
# Our API against a raw-sqlx reference (bench/raw) serving the same answers from the same
# database, at 64 connections, closed loop (wrk). Runs are interleaved (ours, raw, ours) so
# that the machine's drift hits both; the ratio is our mean rate over the raw rate. Also prints
# p50/p99 and each server's peak memory.
#
#   bash bench/ratio.sh                     # SQLite in a temp dir
#   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres bash bench/ratio.sh
#
# Needs wrk (apt-get install wrk) and python3. BENCH_SECONDS per run (default 10).
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${BENCH_SECONDS:-10}"
OURS_PORT=18191
RAW_PORT=18192
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }

[ -n "${BENCH_NO_BUILD:-}" ] || cargo build --release -q -p ocop-api -p ocop-bench-raw
work=$(mktemp -d)
db_url="sqlite://$work/bench.db?mode=rwc"
drop_db=""
if [ -n "${BENCH_DATABASE_URL:-}" ]; then
  name="ocop_bench_$$"
  psql "$BENCH_DATABASE_URL" -qc "CREATE DATABASE $name"
  db_url="${BENCH_DATABASE_URL%/*}/$name"
  drop_db="$name"
fi
cleanup() {
  for pid in ${ours_pid:-} ${raw_pid:-}; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  [ -n "$drop_db" ] && psql "$BENCH_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $drop_db WITH (FORCE)" || true
  rm -rf "$work"
}
trap cleanup EXIT

secret=bench-secret-bench-secret-bench-secret
export OCOP_JWT_SECRET=$secret
RUST_LOG=warn DATABASE_URL="$db_url" OCOP_PORT="$OURS_PORT" OCOP_UPLOAD_DIR="$work/uploads" \
  ./target/release/ocop serve --demo > "$work/ours.log" 2>&1 &
ours_pid=$!
ours="http://127.0.0.1:$OURS_PORT"
for _ in $(seq 1 240); do curl -sf "$ours/ready" >/dev/null && break; sleep 0.5; done
DATABASE_URL="$db_url" RAW_PORT="$RAW_PORT" ./target/release/ocop-bench-raw > "$work/raw.log" 2>&1 &
raw_pid=$!
raw="http://127.0.0.1:$RAW_PORT"
for _ in $(seq 1 60); do curl -s -o /dev/null "$raw/api/v1/public/certificates/x" && break; sleep 0.5; done

token=$(curl -sf -X POST "$ours/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"tinh@demo.ocop.vn","password":"ocop-demo-2026"}' |
  python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])')
code=$(curl -sf "$ours/api/v1/certificates?per_page=1&state=valid" -H "authorization: Bearer $token" |
  python3 -c 'import sys,json;print(json.load(sys.stdin)["items"][0]["verification_code"])')

# Both must serve the same thing, or the ratio means nothing.
same() { # path [auth]
  python3 - "$1" <(curl -sf "$ours$1" ${2:+-H "authorization: Bearer $token"}) \
                 <(curl -sf "$raw$1" ${2:+-H "authorization: Bearer $token"}) <<'PY'
import json, sys
a, b = json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
if isinstance(a, dict) and "items" in a:
    a = {"total": a["total"], "ids": [i["id"] for i in a["items"]]}
    b = {"total": b["total"], "ids": [i["id"] for i in b["items"]]}
if a != b:
    sys.exit(f"{sys.argv[1]}: the two servers disagree:\n{a}\n{b}")
PY
}
same "/api/v1/public/certificates/$code"
same "/api/v1/subjects?per_page=20" auth

# Prints "rate p50_ms p99_ms" of one wrk run.
measure() { # base path [auth]
  local out
  out=$(wrk -t2 -c64 -d"${SECS}s" --latency ${3:+-H "Authorization: Bearer $token"} "$1$2")
  python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
def ms(label):
    m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
errors = int(non2xx.group(1)) if non2xx else 0
print(f"{rate:.0f} {ms('50'):.1f} {ms('99'):.1f} {errors}")
PY
}

row() { # label path [auth]
  local a r b
  a=$(measure "$ours" "$2" ${3:-}); r=$(measure "$raw" "$2" ${3:-}); b=$(measure "$ours" "$2" ${3:-})
  python3 - "$1" "$a" "$r" "$b" <<'PY'
import sys
label, a, r, b = sys.argv[1], *[list(map(float, x.split())) for x in sys.argv[2:]]
ours = (a[0] + b[0]) / 2
print(f"| {label} | {a[0]:.0f} / {b[0]:.0f} | {a[1]:.1f} / {a[2]:.1f} | {r[0]:.0f} | {r[1]:.1f} / {r[2]:.1f} | {ours / r[0]:.2f} | {int(a[3] + b[3])} / {int(r[3])} |")
PY
}

echo
echo "database: ${drop_db:+PostgreSQL}${drop_db:-SQLite}; wrk -t2 -c64, ${SECS}s per run, interleaved ours/raw/ours"
echo "| path | ours req/s (1st / 2nd) | ours p50 / p99 ms | raw req/s | raw p50 / p99 ms | ratio | non-2xx ours / raw |"
echo "|---|---|---|---|---|---|---|"
row "GET /public/certificates/{code}" "/api/v1/public/certificates/$code"
row "GET /subjects?per_page=20 (province officer)" "/api/v1/subjects?per_page=20" auth
peak() { awk '/VmHWM/ {printf "%.0f MiB", $2/1024}' "/proc/$1/status"; }
echo
echo "peak memory: ours $(peak "$ours_pid"), raw $(peak "$raw_pid")"
