#!/usr/bin/env bash
# Configures and builds into ./build. Extra arguments are build targets (default: all).
# MIGRATE_BUILD_TESTS=OFF leaves the test suites out (the demo needs none of them).
set -euo pipefail
cd "$(dirname "$0")/.."
warnings=OFF
[[ "${CI:-}" == "true" ]] && warnings=ON
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DMIGRATE_BUILD_TESTS="${MIGRATE_BUILD_TESTS:-ON}" \
  -DMIGRATE_WARNINGS_AS_ERRORS="$warnings" >/dev/null
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build build -j 2 "${targets[@]}"
