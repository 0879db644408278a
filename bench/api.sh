#!/usr/bin/env bash
# Load benchmark of the API's main paths at fixed request rates (oha -q avoids the coordinated
# omission of closed-loop tools), against a release build seeded with the demo province.
# Prints a table: path, target rate, achieved rate, p50/p99 latency, success ratio, and the
# server's peak memory.
#
#   bash bench/api.sh                     # SQLite in a temp dir
#   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres bash bench/api.sh
#
# Needs oha (cargo install oha --locked) and python3. Runs only against 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${BENCH_SECONDS:-15}s"
PORT="${BENCH_PORT:-18181}"
command -v oha >/dev/null || { echo "oha is missing: cargo install oha --locked" >&2; exit 2; }

cargo build --release -q -p ocop-api
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
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "$drop_db" ] && psql "$BENCH_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $drop_db WITH (FORCE)" || true
  rm -rf "$work"
}
trap cleanup EXIT

RUST_LOG=warn DATABASE_URL="$db_url" OCOP_PORT="$PORT" OCOP_UPLOAD_DIR="$work/uploads" \
  OCOP_JWT_SECRET=bench-secret-bench-secret-bench-secret ./target/release/ocop serve --demo > "$work/server.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do curl -sf "$base/ready" >/dev/null && break; sleep 0.5; done

login() {
  curl -sf -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"ocop-demo-2026\"}" | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])'
}
token=$(login tinh@demo.ocop.vn)
product=$(curl -sf "$base/api/v1/products?per_page=1" -H "authorization: Bearer $token" | python3 -c 'import sys,json;print(json.load(sys.stdin)["items"][0]["id"])')
unit=$(curl -sf "$base/api/v1/units?level=commune" -H "authorization: Bearer $token" | python3 -c 'import sys,json;print(json.load(sys.stdin)[0]["id"])')
code=$(curl -sf "$base/api/v1/certificates?per_page=1" -H "authorization: Bearer $token" | python3 -c 'import sys,json;print(json.load(sys.stdin)["items"][0]["verification_code"])')
set_id=$(curl -sf "$base/api/v1/criteria/sets?product_set=I.6&latest=true" -H "authorization: Bearer $token" | python3 -c 'import sys,json;print(json.load(sys.stdin)[0]["id"])')
# A full selection on the I.6 sheet (each criterion's first scored option), for the scoring row.
choices=$(curl -sf "$base/api/v1/criteria/sets/$set_id" -H "authorization: Bearer $token" | python3 -c '
import sys, json
sheet = json.load(sys.stdin)["sheet"]
out = {}
def walk(n):
    opts = [i for i, o in enumerate(n.get("options") or []) if o.get("points") is not None]
    if opts: out[n["code"]] = opts[0]
    for c in (n.get("criteria") or []) + (n.get("children") or []): walk(c)
for p in sheet["parts"]:
    for s in p["sections"]: walk(s)
print(json.dumps({"choices": out}))')

results="$work/results.tsv"
run() { # label rate method path [body]
  local label=$1 rate=$2 method=$3 path=$4 body=${5:-}
  local args=(-z "$DURATION" -q "$rate" -c 16 --no-tui --output-format json -m "$method" -H "authorization: Bearer $token")
  [ -n "$body" ] && args+=(-T application/json -d "$body")
  oha "${args[@]}" "$base$path" > "$work/out.json"
  python3 - "$label" "$rate" "$work/out.json" >> "$results" <<'PY'
import json, sys
label, rate, path = sys.argv[1], sys.argv[2], sys.argv[3]
d = json.load(open(path))
s, p = d["summary"], d["latencyPercentiles"]
print(f"{label}\t{rate}\t{s['requestsPerSec']:.0f}\t{p['p50']*1000:.1f}\t{p['p99']*1000:.1f}\t{s['successRate']*100:.1f}")
PY
}

run "GET /subjects (page of 20, officer scope)" 50 GET "/api/v1/subjects?per_page=20"
run "GET /products?q=ca phe (folded search)" 50 GET "/api/v1/products?q=ca%20phe"
run "GET /products/{id}" 200 GET "/api/v1/products/$product"
run "POST /subjects (write + audit, 1 txn)" 20 POST "/api/v1/subjects" \
  "{\"kind\":\"farm\",\"name\":\"Trang trại thử tải\",\"legal_representative\":\"Nguyễn Văn A\",\"unit_id\":$unit}"
run "GET /cycles (page of 20, with results)" 50 GET "/api/v1/cycles?per_page=20"
run "GET /certificates (states computed today)" 50 GET "/api/v1/certificates?per_page=20"
run "GET /alerts (province officer)" 20 GET "/api/v1/alerts"
run "GET /public/certificates/{code}" 200 GET "/api/v1/public/certificates/$code"
run "POST /criteria/sets/{id}/evaluate (+advisor)" 50 POST "/api/v1/criteria/sets/$set_id/evaluate" "$choices"

peak=$(awk '/VmHWM/ {print $2/1024 " MiB"}' "/proc/$server_pid/status")
echo
db_label=SQLite; [ -n "${BENCH_DATABASE_URL:-}" ] && db_label=PostgreSQL
echo "database: $db_label   duration per row: $DURATION   server peak RSS: $peak"
printf '%-44s %8s %8s %9s %9s %8s\n' "path" "target/s" "got/s" "p50 ms" "p99 ms" "ok %"
while IFS=$'\t' read -r label rate got p50 p99 ok; do
  printf '%-44s %8s %8s %9s %9s %8s\n' "$label" "$rate" "$got" "$p50" "$p99" "$ok"
done < "$results"
