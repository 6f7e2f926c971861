#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for tests and benchmarks and prints its DATABASE_URL.
# Usage: eval "$(bash scripts/postgres-up.sh)"   (installs the Debian package when missing)
set -euo pipefail
port="${QEETID_PG_PORT:-54329}"
dir="${QEETID_PG_DIR:-/tmp/qeetid-pg-$port}"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  (apt-get update && apt-get install -y postgresql) >&2
fi
bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
if ! pg_isready -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
  rm -rf "$dir" && mkdir -p "$dir" && chown postgres "$dir"
  runuser -u postgres -- "$bin/initdb" -D "$dir/data" -U postgres --auth=trust >/dev/null
  runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off" start >/dev/null
fi
echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
