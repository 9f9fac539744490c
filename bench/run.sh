#!/usr/bin/env bash
# The benchmark suite in one command: builds migrate in Release mode into build-release/,
# starts a throwaway PostgreSQL server (scripts/pg_server.sh, with more lock slots so that
# thousands of tables fit in one transaction), runs bench/run.py on SQLite and PostgreSQL,
# prints a markdown table, and removes the server again.
#   bench/run.sh [--quick] [--sizes 100,1000] [--scenarios upgrade check] [--runs 5] ...
# (bench/run.py --help lists the options). Run it holding the shared build lock on a shared
# machine: flock /work/.build.lock bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DMIGRATE_BUILD_TESTS=OFF \
  -DMIGRATE_BUILD_BENCH=ON >/dev/null
targets=(--target migrate --target bench_spawn)
micro=()
# The micro-benchmarks need Google Benchmark (libbenchmark-dev); without it they are left out.
if grep -q 'build bench/migrate_microbench' build-release/build.ninja; then
  targets+=(--target migrate_microbench)
  micro=(--microbench "$root/build-release/bench/migrate_microbench")
fi
cmake --build build-release -j 2 "${targets[@]}" >&2

source scripts/pg_server.sh
work=$(mktemp -d /tmp/migrate-bench.XXXXXX)
cleanup() { pg_server_stop; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
if pg_server_start >&2; then
  # Room for ~5,000 tables (each with keys, indexes and a sequence) in one transaction.
  pg_server_as_owner sh -c "echo 'max_locks_per_transaction = 512' >> '$PG_SERVER_DIR/data/postgresql.auto.conf'"
  pg_server_as_owner "$PG_SERVER_BIN/pg_ctl" -D "$PG_SERVER_DIR/data" -w -t 60 restart >/dev/null
else
  echo "warning: no PostgreSQL server; PostgreSQL rows are skipped" >&2
  unset MIGRATE_TEST_PG_URL
fi
[[ $(id -u) -eq 0 ]] && chmod 777 "$work"

python3 bench/run.py --migrate "$root/build-release/migrate" --spawn "$root/build-release/bench/bench_spawn" \
  "${micro[@]}" --work "$work" "$@"
