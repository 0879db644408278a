#!/usr/bin/env bash
# The scale-out path, measured: a streaming replica of the local PostgreSQL (a second cluster on
# port 5433 in a temp dir, from pg_basebackup), then the catalogue load (bench/catalogue.sh)
# against an API process whose public reads go to the replica (OCOP_READ_DATABASE_URL) while its
# writes, quotas, outbox and changes feed stay on the primary; the raw reference reads the
# replica too. Everything it started is stopped and removed at the end.
#
#   BENCH_REPLICA_HBA=1 bash bench/replica.sh
#
# The primary must accept replication connections from 127.0.0.1. The stock Debian pg_hba.conf
# does not ("host all all" does not cover replication); with BENCH_REPLICA_HBA=1 and root, the
# script adds "host replication postgres 127.0.0.1/32 trust" for the run, reloads, and restores
# the file afterwards. PostgreSQL refuses to run as root, so the replica runs as the postgres
# OS user (runuser). Knobs: BENCH_PRIMARY_URL (postgres://postgres@127.0.0.1:5432/postgres),
# BENCH_REPLICA_PORT (5433), BENCH_GENERATED_URL (an already generated database on the primary),
# BENCH_COMPARE_PRIMARY=1 (also the same rows with every read on the primary), and those of
# bench/catalogue.sh (BENCH_SECONDS, BENCH_SCALE, BENCH_ROWS, BENCH_NO_BUILD).
set -euo pipefail
cd "$(dirname "$0")/.."
PRIMARY="${BENCH_PRIMARY_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
PORT="${BENCH_REPLICA_PORT:-5433}"
export BENCH_ROWS="${BENCH_ROWS:-feed one verify not_modified}"
PGBIN=$(pg_config --bindir 2>/dev/null || true)
[ -x "$PGBIN/pg_ctl" ] || PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
for tool in pg_basebackup pg_ctl; do
  [ -x "$PGBIN/$tool" ] || { echo "replica: $tool not found (pg_config --bindir: $PGBIN)" >&2; exit 2; }
done
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

hba=$(psql "$PRIMARY" -Atc "SHOW hba_file")
hba_backup=""
work=$(mktemp -d /tmp/ocop-replica.XXXXXX)
drop_db=""
cleanup() {
  [ -f "$work/data/postmaster.pid" ] && as_postgres "$PGBIN/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null 2>&1 || true
  if [ -n "$hba_backup" ]; then
    cp "$hba_backup" "$hba" && rm -f "$hba_backup"
    psql "$PRIMARY" -qAtc "SELECT pg_reload_conf()" >/dev/null || true
    echo "replica: pg_hba.conf restored"
  fi
  [ -n "$drop_db" ] && psql "$PRIMARY" -qc "DROP DATABASE IF EXISTS $drop_db WITH (FORCE)" || true
  rm -rf "$work"
}
trap cleanup EXIT

# Can the primary stream to us?
if ! psql "$PRIMARY?replication=true" -qAtc "IDENTIFY_SYSTEM" >/dev/null 2>"$work/why"; then
  if [ -n "${BENCH_REPLICA_HBA:-}" ] && [ -w "$hba" ]; then
    hba_backup="$work/pg_hba.conf.orig"
    cp "$hba" "$hba_backup"
    # First match wins: the line goes on top.
    { echo "host replication postgres 127.0.0.1/32 trust  # bench/replica.sh, removed after the run"; cat "$hba_backup"; } > "$hba"
    psql "$PRIMARY" -qAtc "SELECT pg_reload_conf()" >/dev/null
    sleep 1
    psql "$PRIMARY?replication=true" -qAtc "IDENTIFY_SYSTEM" >/dev/null
    echo "replica: replication from 127.0.0.1 allowed for this run ($hba)"
  else
    echo "replica: the primary refuses replication connections: $(head -1 "$work/why")" >&2
    echo "  add 'host replication postgres 127.0.0.1/32 trust' to $hba and reload," >&2
    echo "  or run as root with BENCH_REPLICA_HBA=1 (the script adds it and restores the file after)." >&2
    exit 3
  fi
fi

[ -n "${BENCH_NO_BUILD:-}" ] || cargo build --release -q -p ocop-api -p ocop-bench-raw -p ocop-bench-gen
export BENCH_NO_BUILD=1
if [ -n "${BENCH_GENERATED_URL:-}" ]; then
  db_url="$BENCH_GENERATED_URL"
else
  drop_db="ocop_bench_replica_$$"
  psql "$PRIMARY" -qc "CREATE DATABASE $drop_db"
  db_url="${PRIMARY%/*}/$drop_db"
  /usr/bin/time -f "generator: %e s wall, %M KiB peak" ./target/release/ocop-bench-gen "$db_url" --scale "${BENCH_SCALE:-1.0}"
fi
name="${db_url##*/}"

# The replica: a base backup streamed with its WAL (-X stream), standby.signal and
# primary_conninfo written by -R; its own configuration, since Debian keeps the primary's in /etc.
chown postgres "$work"
PRIMARY_PORT=$(psql "$PRIMARY" -Atc "SHOW port")
started=$(date +%s)
as_postgres "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$work/data" -X stream -R -c fast 2>&1 | sed 's/^/replica: /' || true
[ -f "$work/data/standby.signal" ] || { echo "replica: pg_basebackup failed" >&2; exit 1; }
echo "replica: base backup of $(du -sh "$work/data" | cut -f1) in $(( $(date +%s) - started )) s"
settings=$(psql "$PRIMARY" -Atc "SELECT string_agg(name || ' = ' || setting, E'\n') FROM pg_settings
  WHERE name IN ('max_connections','max_worker_processes','max_wal_senders','max_prepared_transactions','max_locks_per_transaction')")
as_postgres tee "$work/data/postgresql.conf" >/dev/null <<EOF
port = $PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$work'
hot_standby = on
# A standby must allow at least what the primary does.
$settings
EOF
as_postgres tee "$work/data/pg_hba.conf" >/dev/null <<EOF
local all all trust
host all all 127.0.0.1/32 trust
EOF
as_postgres "$PGBIN/pg_ctl" -D "$work/data" -l "$work/replica.log" -w start >/dev/null
replica_url="postgres://postgres@127.0.0.1:$PORT/$name"
[ "$(psql "$replica_url" -Atc "SELECT pg_is_in_recovery()")" = t ] || { echo "replica: not in recovery" >&2; exit 1; }
echo "replica: streaming on port $PORT from port $PRIMARY_PORT ($(psql "${PRIMARY%/*}/postgres" -Atc "SELECT state FROM pg_stat_replication LIMIT 1"))"

reads() { psql "$replica_url" -Atc "SELECT xact_commit || ' transactions, ' || tup_returned || ' rows returned'
  FROM pg_stat_database WHERE datname = current_database()"; }
before=$(reads)
BENCH_GENERATED_URL="$db_url" BENCH_READ_DATABASE_URL="$replica_url" bash bench/catalogue.sh
# Evidence that the reads went to the replica: its own counters moved.
echo "replica: served $before before the load, $(reads) after"
lag=$(psql "$PRIMARY" -Atc "SELECT COALESCE(max(replay_lag)::text, 'none') FROM pg_stat_replication")
echo "replica: replay lag at the end: $lag"
if [ -n "${BENCH_COMPARE_PRIMARY:-}" ]; then
  echo
  echo "the same rows with every read on the primary:"
  BENCH_GENERATED_URL="$db_url" bash bench/catalogue.sh
fi
