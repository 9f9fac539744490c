#!/usr/bin/env bash
# Installs the build tree into a temporary prefix and checks the installed package:
#   - no public header includes sqlite3.h, pqxx, yaml-cpp or CLI11;
#   - one translation unit including every public header compiles with only the installed
#     include folder (the consumer is configured with find_package(migrate) and nothing else);
#   - the consumer links against migrate::engine and runs.
# Usage: check_install.sh BUILD_DIR CONSUMER_SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
consumer=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"

cmake --install "$build" --prefix "$prefix" >/dev/null

include="$prefix/include/migrate"
[[ -d "$include" ]] || { echo "no $include" >&2; exit 1; }
if grep -rEn '#[[:space:]]*include[[:space:]]*[<"](sqlite3\.h|pqxx|libpq|yaml-cpp|CLI/)' "$include"; then
    echo "error: a public header includes a database, YAML or CLI11 header (above)" >&2
    exit 1
fi
for f in bin/migrate share/man/man1/migrate.1 share/bash-completion/completions/migrate \
         lib/cmake/migrate/migrateConfig.cmake; do
    [[ -e "$prefix/$f" ]] || { echo "error: $f not installed" >&2; exit 1; }
done
"$prefix/bin/migrate" --version

all="$work/all_headers.cpp"
(cd "$include" && find . -name '*.h' | sort | sed 's|^\./|#include "|; s|$|"|') > "$all"
echo "int migrate_all_headers_compiled = 1;" >> "$all"
echo "$(grep -c include "$all") public headers"

cmake -S "$consumer" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" \
    -DALL_HEADERS="$all" >/dev/null
cmake --build "$work/build" >/dev/null
"$work/build/consumer"
