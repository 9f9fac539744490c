#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: a fresh cluster in a temporary folder,
# listening on 127.0.0.1 on a free port, fsync off. Source this file, then:
#   pg_server_start   # exports MIGRATE_TEST_PG_URL; returns non-zero if it cannot start
#   pg_server_stop    # stops the server and removes the cluster (safe to call twice)
# When run as root, the cluster belongs to the `postgres` user.

pg_server_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n "$d" && -x "$d/initdb" && -x "$d/pg_ctl" ]] && echo "$d"
}

pg_server_free_port() {
  python3 - <<'PY' 2>/dev/null || echo $((20000 + RANDOM % 20000))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

pg_server_as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_server_start() {
  local bin
  bin=$(pg_server_bin) || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; return 1; }
  PG_SERVER_DIR=$(mktemp -d /tmp/migrate-pg.XXXXXX)
  export PG_SERVER_DIR PG_SERVER_BIN=$bin
  local password=migrate-test-$RANDOM$RANDOM
  echo "$password" >"$PG_SERVER_DIR/pwfile"
  [[ $(id -u) -eq 0 ]] && chown -R postgres "$PG_SERVER_DIR"
  pg_server_as_owner "$bin/initdb" -D "$PG_SERVER_DIR/data" -U postgres --pwfile="$PG_SERVER_DIR/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$PG_SERVER_DIR/initdb.log" 2>&1 \
    || { cat "$PG_SERVER_DIR/initdb.log" >&2; return 1; }
  local port attempt
  for attempt in 1 2 3; do
    port=$(pg_server_free_port)
    if pg_server_as_owner "$bin/pg_ctl" -D "$PG_SERVER_DIR/data" -l "$PG_SERVER_DIR/server.log" -w -t 60 \
      -o "-p $port -k $PG_SERVER_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null 2>&1; then
      export MIGRATE_TEST_PG_URL="postgresql://postgres:$password@127.0.0.1:$port/postgres"
      export MIGRATE_TEST_PG_PORT=$port
      echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') for the tests on 127.0.0.1:$port ($PG_SERVER_DIR)"
      return 0
    fi
  done
  cat "$PG_SERVER_DIR/server.log" >&2
  return 1
}

pg_server_stop() {
  [[ -n "${PG_SERVER_DIR:-}" && -d "$PG_SERVER_DIR" ]] || return 0
  pg_server_as_owner "$PG_SERVER_BIN/pg_ctl" -D "$PG_SERVER_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_SERVER_DIR"
  unset PG_SERVER_DIR MIGRATE_TEST_PG_URL
}
