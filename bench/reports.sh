#!/usr/bin/env bash
# Every report over the large generated catalogue (bench/gen, as bench/catalogue.sh makes it:
# 100,000 products of 30,000 subjects, 50,000 certificates, ~1,000,000 score lines), for the
# province as of a day in the data: the JSON over HTTP from our release server beside the
# report's own statement run bare in sqlite3 or psql on the same database, as a ratio. The bare
# statement is the server's very text, its bound values written in as the driver binds them
# (bench/sql, ocop-bench-sql). Then the report with the most rows as an XLSX and a CSV download,
# with our server's memory before, at its peak during, and after each download.
#
#   bash bench/reports.sh                                     # SQLite in a temp dir
#   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres bash bench/reports.sh
#
# Knobs: BENCH_RUNS rounds per report (5), each ours / bare / ours after one warm-up of each:
# ours is the mean of its two runs in a round, and the table shows the median round;
# BENCH_GENERATED_URL=<url> uses an already generated database (kept, not regenerated);
# BENCH_KEEP_DB=1 keeps the generated database and prints its URL (SQLite:
# target/bench-reports.db); BENCH_SCALE of the generated catalogue (1.0); BENCH_AS_OF (default:
# the last day a certificate was issued in the data); BENCH_YEAR (default: every year);
# BENCH_NO_BUILD=1 skips cargo. Needs curl, python3, and sqlite3 or psql
# (apt-get install sqlite3 postgresql-client).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${BENCH_RUNS:-5}"
SCALE="${BENCH_SCALE:-1.0}"
PORT="${BENCH_PORT:-18195}"
ADMIN_EMAIL=bench-admin@bench.ocop.vn
ADMIN_PASSWORD=bench-admin-password

[ -n "${BENCH_NO_BUILD:-}" ] ||
  cargo build --release -q -p ocop-api -p ocop-bench-gen -p ocop-bench-sql
work=$(mktemp -d)
drop_db=""
# The database: generated here exactly as bench/catalogue.sh generates it, or the one given.
if [ -n "${BENCH_GENERATED_URL:-}" ]; then
  db_url="$BENCH_GENERATED_URL"
else
  db_url="sqlite://$work/bench.db?mode=rwc"
  if [ -n "${BENCH_DATABASE_URL:-}" ]; then
    name="ocop_bench_reports_$$"
    psql "$BENCH_DATABASE_URL" -qc "CREATE DATABASE $name"
    db_url="${BENCH_DATABASE_URL%/*}/$name"
    drop_db="$name"
  fi
  [ -n "${BENCH_KEEP_DB:-}" ] && [ -z "$drop_db" ] && db_url="sqlite://$PWD/target/bench-reports.db?mode=rwc" &&
    rm -f target/bench-reports.db*
fi
case "$db_url" in
  postgres*) backend=postgres; db_label=PostgreSQL
    command -v psql >/dev/null || { echo "psql is missing: apt-get install postgresql-client" >&2; exit 2; } ;;
  sqlite*) backend=sqlite; db_label=SQLite; db_file="${db_url#sqlite://}"; db_file="${db_file%%\?*}"
    command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 2; } ;;
  *) echo "unknown database URL $db_url" >&2; exit 2 ;;
esac
cleanup() {
  if [ -n "${sampler_pid:-}" ]; then kill "$sampler_pid" 2>/dev/null || true; fi
  if [ -n "${ours_pid:-}" ]; then kill "$ours_pid" 2>/dev/null || true; wait "$ours_pid" 2>/dev/null || true; fi
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

# Runs the SQL file $1 in the database's own CLI, its rows thrown away; prints the CLI's own
# timer in ms (sqlite3 `.timer`: prepare to last row written to /dev/null; psql `\timing`: sent
# to whole result received). The timer, not the wall clock of the CLI: the process start and
# the connection are not the query's, and the server does not pay them either (pooled).
bare() {
  case "$backend" in
    sqlite)
      # The server's own reading setup: a memory map over the file (crates/api startup.rs).
      { printf '.output /dev/null\nPRAGMA mmap_size = 1073741824;\n.timer on\n'; cat "$1"; } |
        sqlite3 -bail "$db_file" |
        awk '/^Run Time: real/ {printf "%.2f\n", $4 * 1000}' ;;
    postgres)
      { printf '\\timing on\n'; cat "$1"; } | psql -X -q -v ON_ERROR_STOP=1 "$db_url" -o /dev/null |
        awk '/^Time:/ {print $2}' ;;
  esac
}
# The rows of the SQL file $1 (one line each: the reports' texts hold no newline).
bare_rows() {
  case "$backend" in
    sqlite) sqlite3 -list -noheader "$db_file" < "$1" | wc -l ;;
    postgres) psql -X -q -At -v ON_ERROR_STOP=1 "$db_url" -f "$1" | wc -l ;;
  esac
}
# One value of a one-value query, in the database's own CLI.
scalar() {
  case "$backend" in
    sqlite) sqlite3 -list -noheader "$db_file" "$1" ;;
    postgres) psql -X -q -At "$db_url" -c "$1" ;;
  esac
}

# The province the generator fills (Đắk Lắk, code 66 since 1 July 2025, as bench/gen reads it).
province=$(scalar "SELECT id FROM admin_unit WHERE code = '66' AND level = 'province' AND valid_to IS NULL")
as_of="${BENCH_AS_OF:-$(scalar "SELECT MAX(issued_on) FROM certificate")}"
year="${BENCH_YEAR:-}"

export OCOP_JWT_SECRET=bench-secret-bench-secret-bench-secret
started=$(date +%s.%N)
# The admin is created at start (its home unit is the province); it may read every report.
RUST_LOG=warn DATABASE_URL="$db_url" OCOP_PORT="$PORT" OCOP_UPLOAD_DIR="$work/uploads" \
  OCOP_PUBLIC_URL=https://ocop.bench.example OCOP_ADMIN_EMAIL="$ADMIN_EMAIL" \
  OCOP_ADMIN_PASSWORD="$ADMIN_PASSWORD" ./target/release/ocop serve > "$work/ours.log" 2>&1 &
ours_pid=$!
ours="http://127.0.0.1:$PORT"
# The first start on a fresh database builds the public catalogue from the generated tables.
for _ in $(seq 1 1200); do curl -sf "$ours/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$ours/ready" >/dev/null || { tail -20 "$work/ours.log"; exit 1; }
echo "our server ready after $(python3 -c "import time;print(f'{time.time()-$started:.1f}')") s"
token=$(curl -sf -X POST "$ours/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" |
  python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])')

query="unit_id=$province&as_of=$as_of${year:+&year=$year}"
# One download of report $1 in format $2 into file $3; prints curl's total time in ms. Fails
# on any answer but 200, so an error page is never timed as a report.
fetch() {
  local out
  out=$(curl -s -o "$3" -w '%{http_code} %{time_total}' -H "authorization: Bearer $token" \
    "$ours/api/v1/reports/$1?$query&format=$2")
  [ "${out% *}" = 200 ] || { echo "GET /reports/$1 ($2): HTTP ${out% *}: $(head -c 400 "$3")" >&2; exit 1; }
  python3 -c "print(f'{float(\"${out#* }\") * 1000:.2f}')"
}
median() { python3 -c 'import statistics,sys;print(f"{statistics.median(map(float,sys.argv[1:])):.2f}")' "$@"; }
mean2() { python3 -c 'import sys;print(f"{(float(sys.argv[1])+float(sys.argv[2]))/2:.2f}")' "$1" "$2"; }
# Our server's anonymous resident memory (its heap and stacks), MiB. Not VmRSS: on SQLite the
# file is read through a memory map, whose pages (the OS's file cache) count in VmRSS too.
rss() { awk '/RssAnon/ {printf "%.0f", $2/1024}' "/proc/$ours_pid/status"; }
file_rss() { awk '/RssFile/ {printf "%.0f", $2/1024}' "/proc/$ours_pid/status"; }
# Writes the highest RssAnon (KiB) of our server seen into file $1 until killed: the peak of one
# download.
sample_peak() {
  local max=0 key value _
  while :; do
    while read -r key value _; do
      [ "$key" = RssAnon: ] && [ "$value" -gt "$max" ] && max=$value && echo "$max" > "$1"
    done < "/proc/$ours_pid/status"
    sleep 0.01
  done
}

echo
echo "database: $db_label; province unit $province; as_of $as_of; year ${year:-every}; $RUNS rounds of ours / bare / ours after a warm-up; ms"
echo "| report | ours JSON ms (median) | bare query ms (median) | ratio | rows | JSON bytes |"
echo "|---|---|---|---|---|---|"
largest="" largest_rows=-1
while read -r report kind; do
  sql="$work/$report.sql"
  if [ "$kind" = sql ]; then
    ./target/release/ocop-bench-sql "$report" "$backend" "$province" "$as_of" ${year:+"$year"} > "$sql"
  fi
  fetch "$report" json "$work/$report.json" >/dev/null   # warm-up
  [ "$kind" = sql ] && bare "$sql" >/dev/null
  ours_runs=() bare_runs=()
  for _ in $(seq 1 "$RUNS"); do
    a=$(fetch "$report" json "$work/$report.json")
    [ "$kind" = sql ] && bare_runs+=("$(bare "$sql")")
    b=$(fetch "$report" json "$work/$report.json")
    ours_runs+=("$(mean2 "$a" "$b")")
  done
  rows=$(python3 -c 'import sys,json;print(len(json.load(open(sys.argv[1]))["rows"]))' "$work/$report.json")
  bytes=$(stat -c %s "$work/$report.json")
  ours_ms=$(median "${ours_runs[@]}")
  if [ "$kind" = sql ]; then
    # The same statement must give the same rows, or the ratio compares two different things.
    n=$(bare_rows "$sql")
    [ "$n" = "$rows" ] || { echo "$report: the bare query gives $n rows, the JSON $rows" >&2; exit 1; }
    bare_ms=$(median "${bare_runs[@]}")
    ratio=$(python3 -c "print(f'{$ours_ms / max($bare_ms, 0.01):.2f}')")
    echo "| $report | $ours_ms | $bare_ms | $ratio | $rows | $bytes |"
    [ "$rows" -gt "$largest_rows" ] && largest="$report" largest_rows="$rows"
  else
    echo "| $report (computed in Rust by the plans crate: no one statement, JSON only) | $ours_ms | — | — | $rows | $bytes |"
  fi
done < <(./target/release/ocop-bench-sql --list)

echo
echo "downloads of $largest ($largest_rows rows, the most of any report here), median of $RUNS after a warm-up; our anonymous RSS (heap) in MiB"
echo "| format | ms (median) | file bytes | heap before | peak heap during | heap after | file pages mapped after |"
echo "|---|---|---|---|---|---|---|"
for format in xlsx csv; do
  file="$work/$largest.$format"
  fetch "$largest" "$format" "$file" >/dev/null   # warm-up
  times=() before=$(rss) peak_max=0
  for _ in $(seq 1 "$RUNS"); do
    echo 0 > "$work/peak"
    sample_peak "$work/peak" &
    sampler_pid=$!
    times+=("$(fetch "$largest" "$format" "$file")")
    kill "$sampler_pid"
    wait "$sampler_pid" 2>/dev/null || true   # killed: 143
    sampler_pid=""
    peak=$(cat "$work/peak")
    [ "$peak" -gt "$peak_max" ] && peak_max=$peak
  done
  if [ "$format" = csv ]; then
    # The header row and one line a row (a BOM before the header; no field holds a newline).
    lines=$(wc -l < "$file")
    [ "$lines" = $((largest_rows + 1)) ] || echo "warning: the CSV has $lines lines for $largest_rows rows" >&2
  fi
  echo "| $format | $(median "${times[@]}") | $(stat -c %s "$file") | $before | $((peak_max / 1024)) | $(rss) | $(file_rss) |"
done
