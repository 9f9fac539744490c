#!/usr/bin/env bash
# Configures and builds into ./build. Extra arguments are build targets (default: all).
set -euo pipefail
cd "$(dirname "$0")/.."
warnings=OFF
[[ "${CI:-}" == "true" ]] && warnings=ON
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DMIGRATE_WARNINGS_AS_ERRORS="$warnings" >/dev/null
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build build -j 2 "${targets[@]}"
