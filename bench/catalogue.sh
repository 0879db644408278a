#!/usr/bin/env bash
# The public catalogue under load: a large generated catalogue (bench/gen: 100,000 products of
# 30,000 subjects, 50,000 certificates in every state, ~1,000,000 score lines), our API against
# the raw-sqlx reference (bench/raw) on the same database, wrk at 64 connections, closed loop,
# interleaved runs (ours, raw, ours). Rows: the feed page of 50, one product, the verification
# lookup, a 304 revalidation of the feed page (If-None-Match with its ETag; at 64 connections and
# alone on one connection, for its latency without a queue), and the changes feed
# (ours only: the reference has no outbox reader) from the start and at its head (a mirror that
# is up to date polling for news). Prints rate, p50/p99, errors, the ratio,
# and our server's memory before, between and after the runs (flat = no growth under load).
#
#   bash bench/catalogue.sh                                   # SQLite in a temp dir
#   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres bash bench/catalogue.sh
#
# Knobs: BENCH_SECONDS per run (10); BENCH_SCALE of the generated catalogue (1.0);
# BENCH_GENERATED_URL=<url> uses an already generated database (kept, not regenerated);
# BENCH_KEEP_DB=1 keeps the generated database and prints its URL; BENCH_READ_DATABASE_URL
# serves our public reads and the reference's from that database (bench/replica.sh sets it to
# the streaming replica); BENCH_ROWS="feed one verify not_modified changes" picks rows;
# BENCH_NO_BUILD=1 skips cargo. Needs wrk (apt-get install wrk), curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${BENCH_SECONDS:-10}"
SCALE="${BENCH_SCALE:-1.0}"
ROWS="${BENCH_ROWS:-feed one verify not_modified not_modified_1 changes changes_head}"
OURS_PORT="${BENCH_OURS_PORT:-18193}"
RAW_PORT="${BENCH_RAW_PORT:-18194}"
PUBLIC_URL=https://ocop.bench.example
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }

[ -n "${BENCH_NO_BUILD:-}" ] ||
  cargo build --release -q -p ocop-api -p ocop-bench-raw -p ocop-bench-gen
work=$(mktemp -d)
drop_db=""
if [ -n "${BENCH_GENERATED_URL:-}" ]; then
  db_url="$BENCH_GENERATED_URL"
else
  db_url="sqlite://$work/bench.db?mode=rwc"
  if [ -n "${BENCH_DATABASE_URL:-}" ]; then
    name="ocop_bench_catalogue_$$"
    psql "$BENCH_DATABASE_URL" -qc "CREATE DATABASE $name"
    db_url="${BENCH_DATABASE_URL%/*}/$name"
    drop_db="$name"
  fi
  [ -n "${BENCH_KEEP_DB:-}" ] && [ -z "$drop_db" ] && db_url="sqlite://$PWD/target/bench-catalogue.db?mode=rwc" &&
    rm -f target/bench-catalogue.db*
fi
read_url="${BENCH_READ_DATABASE_URL:-$db_url}"
cleanup() {
  for pid in ${ours_pid:-} ${raw_pid:-}; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  if [ -n "$drop_db" ] && [ -z "${BENCH_KEEP_DB:-}" ]; then
    psql "$BENCH_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $drop_db WITH (FORCE)" || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${BENCH_GENERATED_URL:-}" ]; then
  echo "generating (scale $SCALE) into ${drop_db:-SQLite}..."
  /usr/bin/time -f "generator: %e s wall, %M KiB peak" ./target/release/ocop-bench-gen "$db_url" --scale "$SCALE"
  [ -n "${BENCH_KEEP_DB:-}" ] && echo "kept: BENCH_GENERATED_URL='$db_url'"
fi

export OCOP_JWT_SECRET=bench-secret-bench-secret-bench-secret
started=$(date +%s.%N)
# A high anonymous rate: the limiter still runs (and counts in the database) on every call.
RUST_LOG=warn DATABASE_URL="$db_url" OCOP_READ_DATABASE_URL="${BENCH_READ_DATABASE_URL:-}" \
  OCOP_PORT="$OURS_PORT" OCOP_UPLOAD_DIR="$work/uploads" OCOP_PUBLIC_URL="$PUBLIC_URL" \
  OCOP_PUBLIC_RATE=1000000000 ./target/release/ocop serve > "$work/ours.log" 2>&1 &
ours_pid=$!
ours="http://127.0.0.1:$OURS_PORT"
# The first start builds the catalogue from the generated tables.
for _ in $(seq 1 1200); do curl -sf "$ours/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$ours/ready" >/dev/null || { tail -20 "$work/ours.log"; exit 1; }
echo "our server ready after $(python3 -c "import time;print(f'{time.time()-$started:.1f}')") s (first start on a fresh catalogue builds catalogue_item)"
DATABASE_URL="$read_url" RAW_PORT="$RAW_PORT" OCOP_PUBLIC_URL="$PUBLIC_URL" \
  ./target/release/ocop-bench-raw > "$work/raw.log" 2>&1 &
raw_pid=$!
raw="http://127.0.0.1:$RAW_PORT"
for _ in $(seq 1 60); do curl -s -o /dev/null "$raw/raw/public/products?limit=1" && break; sleep 0.5; done

feed="/api/v1/public/products?limit=50"
raw_feed="/raw/public/products?limit=50"
curl -sf "$ours$feed" -o "$work/feed.json" || { echo "GET $feed failed:"; curl -s "$ours$feed" | head -c 400; exit 1; }
read -r product code count < <(python3 -c '
import json,sys; d=json.load(open(sys.argv[1])); i=d["items"][0]
print(i["id"], i["certificate"]["verification_code"], len(d["items"]))' "$work/feed.json")
etag=$(curl -sf -D - -o /dev/null "$ours$feed" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')
raw_etag=$(curl -sf -D - -o /dev/null "$raw$raw_feed" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')
echo "feed page: $count items; product $product; code $code; ETag $etag"

# Both must serve the same thing, or the ratio means nothing: the same items, field for field.
same() { # ours_path raw_path
  python3 - "$1" <(curl -sf "$ours$1") <(curl -sf "$raw$2") <<'PY'
import json, sys
a, b = json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
if a != b:
    sys.exit(f"{sys.argv[1]}: the two servers disagree:\n{json.dumps(a)[:600]}\n{json.dumps(b)[:600]}")
PY
}
same "$feed" "$raw_feed"
same "/api/v1/public/products/$product" "/raw/public/products/$product"
same "/api/v1/public/certificates/$code" "/api/v1/public/certificates/$code"

# Prints "rate p50_ms p99_ms errors" of one wrk run (errors: non-2xx/3xx and socket errors).
measure() { # url [header]   (CONNECTIONS, 64 unless set, with as many wrk threads up to 2)
  local out c="${CONNECTIONS:-64}"
  out=$(wrk -t"$(( c < 2 ? c : 2 ))" -c"$c" -d"${SECS}s" --timeout 5s --latency ${2:+-H "$2"} "$1")
  python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
def ms(label):
    m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
errors = (int(bad.group(1)) if bad else 0) + (sum(map(int, sock.groups())) if sock else 0)
print(f"{rate:.0f} {ms('50'):.2f} {ms('99'):.2f} {errors}")
PY
}
rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
peak() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

row() { # label ours_path raw_path [header] [raw_header]
  local a r b
  a=$(measure "$ours$2" "${4:-}")
  if [ -n "$3" ]; then r=$(measure "$raw$3" "${5:-${4:-}}"); else r="0 0 0 0"; fi
  b=$(measure "$ours$2" "${4:-}")
  python3 - "$1" "$a" "$r" "$b" "$(rss "$ours_pid")" <<'PY'
import sys
label, a, r, b = sys.argv[1], *[list(map(float, x.split())) for x in sys.argv[2:5]]
ours = (a[0] + b[0]) / 2
ratio = f"{ours / r[0]:.2f}" if r[0] else "—"
raw = f"{r[0]:.0f} | {r[1]:.2f} / {r[2]:.2f}" if r[0] else "— | —"
print(f"| {label} | {a[0]:.0f} / {b[0]:.0f} | {a[1]:.2f} / {a[2]:.2f} · {b[1]:.2f} / {b[2]:.2f} | {raw} | {ratio} | {int(a[3] + b[3])} / {int(r[3])} | {sys.argv[5]} |")
PY
}

# The head of the changes feed: follow `next` until a page comes back empty.
head_cursor() {
  python3 - "$ours" <<'PY'
import json, sys, urllib.request
base, after = sys.argv[1], None
while True:
    url = f"{base}/api/v1/public/changes?limit=1000" + (f"&after={after}" if after else "")
    page = json.load(urllib.request.urlopen(url, timeout=60))
    if not page["changes"]:
        print(page["next"] or after or ""); break
    after = page["next"]
PY
}

db_label=SQLite; case "$db_url" in postgres*) db_label=PostgreSQL;; esac
[ -n "${BENCH_READ_DATABASE_URL:-}" ] && db_label="$db_label, public reads from $BENCH_READ_DATABASE_URL"
echo
echo "database: $db_label; wrk at 64 connections unless the row says, ${SECS}s per run, interleaved ours/raw/ours; our RSS at start $(rss "$ours_pid") MiB"
echo "| path | ours req/s (1st / 2nd) | ours p50 / p99 ms (1st · 2nd) | raw req/s | raw p50 / p99 ms | ratio | errors ours / raw | our RSS after, MiB |"
echo "|---|---|---|---|---|---|---|---|"
for r in $ROWS; do
  case "$r" in
    feed) row "GET /public/products?limit=50 (feed page)" "$feed" "$raw_feed" ;;
    one) row "GET /public/products/{id}" "/api/v1/public/products/$product" "/raw/public/products/$product" ;;
    verify) row "GET /public/certificates/{code}" "/api/v1/public/certificates/$code" "/api/v1/public/certificates/$code" ;;
    not_modified) row "GET feed page, If-None-Match → 304" "$feed" "$raw_feed" "If-None-Match: $etag" "If-None-Match: $raw_etag" ;;
    # The latency of one revalidation on its own: one connection, no queue in front of it.
    not_modified_1) CONNECTIONS=1 row "GET feed page, If-None-Match → 304, 1 connection" "$feed" "$raw_feed" "If-None-Match: $etag" "If-None-Match: $raw_etag" ;;
    changes) row "GET /public/changes?limit=100 (from the start)" "/api/v1/public/changes?limit=100" "" ;;
    changes_head) row "GET /public/changes?after=<head> (nothing new)" "/api/v1/public/changes?after=$(head_cursor)" "" ;;
  esac
done
echo
echo "peak memory: ours $(peak "$ours_pid") MiB, raw $(peak "$raw_pid") MiB"
