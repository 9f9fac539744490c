#!/usr/bin/env bash
# The demo: builds migrate, then creates a SQLite database from the example models,
# inspects it and reflects it back to YAML, in ./demo.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
MIGRATE_BUILD_TESTS=OFF scripts/build.sh migrate
bin=$PWD/build/migrate
rm -rf demo && mkdir demo && cd demo
cp ../templates/generic/models.yaml models.yaml
export MIGRATE_URL=sqlite:///shop.db

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }
step "$bin" --version
step "$bin" create-all
step "$bin" inspect
step "$bin" reflect --tables order_lines
echo
echo "Demo files are in $(pwd)."
