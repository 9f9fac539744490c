#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, starts a throwaway PostgreSQL
# server, runs every test, and removes the server again (also on failure or Ctrl-C).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh --test
scripts/build.sh

source scripts/pg_server.sh
trap pg_server_stop EXIT
trap 'exit 130' INT TERM
if ! pg_server_start; then
  if [[ "${CI:-}" == "true" ]]; then
    echo "error: the PostgreSQL test server did not start; under CI no PostgreSQL test may skip" >&2
    exit 1
  fi
  echo "warning: no PostgreSQL test server; PostgreSQL tests will skip" >&2
fi

cd build
ctest --output-on-failure -j 2 "$@"
