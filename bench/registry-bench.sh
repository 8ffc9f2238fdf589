#!/usr/bin/env bash
# The registry's goals over HTTP against a real PostgreSQL: signed 300-test uploads/s (≥ 500), then with 100k results
# stored, p99 of one result's compliance (< 20 ms) and of filtered listings (< 50 ms).
#   bench/registry-bench.sh [--warmup N] [--uploads N] [--total N] [--concurrency N] [--samples N]
# Starts a throw-away PostgreSQL cluster (Debian's postgresql) on 127.0.0.1:55462 in $TMPDIR, run as root (the cluster
# runs as the postgres user); the database is dropped and made again each time. Needs ../shared/interop or
# STACKMARK_INTEROP_DIR (the official guideline files).
set -euo pipefail
cd "$(dirname "$0")/.."
interop=${STACKMARK_INTEROP_DIR:-$(cd ../shared/interop && pwd)}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
data=${TMPDIR:-/tmp}/stackmark-bench-pg
port=55462
pg() { runuser -u postgres -- "$@"; }
if [ ! -f "$data/PG_VERSION" ]; then
  mkdir -p "$data" && chown postgres:postgres "$data"
  pg "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
fi
pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1 || \
  pg "$bin/pg_ctl" -D "$data" -w -l "$data/server.log" -o "-h 127.0.0.1 -p $port -k /tmp -c fsync=on -c synchronous_commit=on -c shared_buffers=512MB" start >/dev/null
pg "$bin/psql" -h 127.0.0.1 -p $port -U postgres -qc "DROP DATABASE IF EXISTS stackmark_bench" -c "CREATE DATABASE stackmark_bench"
dotnet run -c Release --project bench/Stackmark.Registry.Bench -- \
  --database "Host=127.0.0.1;Port=$port;Username=postgres;Database=stackmark_bench;Maximum Pool Size=64" --source "$interop" \
  --postgres-pid "$(head -1 "$data/postmaster.pid")" "$@"
echo "PostgreSQL left running: $bin/pg_ctl -D $data stop (as postgres)"
