#!/usr/bin/env bash
# Start (or stop) a throwaway PostgreSQL server from Debian's PostgreSQL 15 binaries.
# initdb refuses to run as root, so the server runs as the `postgres` user.
# Prints the DATABASE_URL to use on stdout.
set -euo pipefail
action="${1:-start}"
pgbin="${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
dir="${SAMEN_PG_DIR:-/tmp/samen-pg}"
port="${SAMEN_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
run_as() {
  if [ "$(id -u)" = "0" ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
case "$action" in
  start)
    [ -x "$pgbin/initdb" ] || { echo "PostgreSQL binaries not found (install postgresql-15)." >&2; exit 1; }
    if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then useradd --system --home "$dir" postgres; fi
    rm -rf "$dir"; mkdir -p "$dir"
    [ "$(id -u)" = "0" ] && chown postgres "$dir"
    run_as "'$pgbin/initdb' -D '$dir/data' -U samen --auth=trust -E UTF8 --locale=C.UTF-8 >'$dir/initdb.log' 2>&1"
    run_as "'$pgbin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start >/dev/null"
    echo "postgres://samen@127.0.0.1:$port/samen"
    run_as "'$pgbin/createdb' -h 127.0.0.1 -p $port -U samen samen"
    ;;
  stop)
    [ -d "$dir/data" ] && run_as "'$pgbin/pg_ctl' -D '$dir/data' -m fast stop >/dev/null" || true
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
