#!/usr/bin/env bash
# The registry's goals over HTTP against a real PostgreSQL: signed 300-test uploads/s (≥ 500), then with 100k results
# stored, p99 of one result's compliance (< 20 ms) and of filtered listings (< 50 ms).
#   bench/registry-bench.sh [--split] [--warmup N] [--uploads N] [--total N] [--concurrency N] [--samples N]
# --split runs the registry as deployed, `stackmark serve` in its own process on 127.0.0.1:55463 (Release build,
# logging at Warning), and the bench as its client only; CPU per upload is then reported for each process.
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
database="Host=127.0.0.1;Port=$port;Username=postgres;Database=stackmark_bench;Maximum Pool Size=64"
if [ "${1:-}" = "--split" ]; then
  shift
  dotnet build -c Release -v q src/Stackmark.Cli >/dev/null
  export STACKMARK_ADMIN_PASSWORD=bench-admin-password
  Logging__LogLevel__Default=Warning dotnet src/Stackmark.Cli/bin/Release/net10.0/stackmark.dll serve \
    --urls http://127.0.0.1:55463 --database "$database" --guidelines "$interop" >/tmp/stackmark-bench-serve.log 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null' EXIT
  until curl -fs http://127.0.0.1:55463/v1/guidelines >/dev/null 2>&1; do kill -0 $server || { cat /tmp/stackmark-bench-serve.log; exit 1; }; sleep 0.5; done
  dotnet run -c Release --project bench/Stackmark.Registry.Bench -- --url http://127.0.0.1:55463 --server-pid $server --source "$interop" \
    --postgres-pid "$(head -1 "$data/postmaster.pid")" "$@"
else
  dotnet run -c Release --project bench/Stackmark.Registry.Bench -- --database "$database" --source "$interop" \
    --postgres-pid "$(head -1 "$data/postmaster.pid")" "$@"
fi
echo "PostgreSQL left running: $bin/pg_ctl -D $data stop (as postgres)"
