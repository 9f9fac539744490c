#!/usr/bin/env bash
# Builds the examples against the *installed* package, as an application would, and checks
# what they do (run by .ci/run after the test suite; needs a complete ./build):
#   1. cmake --install build into a temporary prefix;
#   2. examples/startup_upgrade: configure with find_package(migrate) (-DCMAKE_PREFIX_PATH),
#      build, run on a fresh SQLite database (upgrades), run again (nothing to do), then edit
#      an embedded revision, rebuild, and check it refuses with the typed error;
#   3. cpack -G DEB: the package's dependencies and contents, and, from its unpacked tree,
#      migrate --version, its manual page and the example built with find_package(migrate).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"

step() { echo "== $*"; }
fail() { echo "error: $*" >&2; exit 1; }

step "install into a temporary prefix"
cmake --install build --prefix "$prefix" >/dev/null

step "examples/startup_upgrade against the installed package"
cp -r examples/startup_upgrade "$work/startup_upgrade"
app="$work/startup_upgrade"
cmake -S "$app" -B "$app/build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$app/build" >/dev/null
db="$work/app.db"

out=$("$app/build/startup_upgrade" "$db")
echo "$out"
grep -q "applied 2 revision(s)" <<<"$out" || fail "the first start did not apply both revisions"
out=$("$app/build/startup_upgrade" "$db")
echo "$out"
grep -q "database is up to date" <<<"$out" || fail "the second start was not a no-op"
[[ $(sqlite3 "$db" "SELECT count(*) FROM migrate_version") == 2 ]] ||
    fail "the version table does not hold the two revisions"

step "an embedded revision edited after it was applied is refused"
sed -i 's/String(200)/String(300)/' "$app/migrations/versions/a1b2c3d4e5f6_create_notes.yaml"
cmake --build "$app/build" >/dev/null
set +e
out=$("$app/build/startup_upgrade" "$db" 2>&1)
rc=$?
set -e
echo "$out"
[[ $rc -eq 10 ]] || fail "expected exit 10 (ChangedRevisionError), got $rc"
grep -q "a1b2c3d4e5f6 was edited after it was applied" <<<"$out" || fail "unexpected message"

step "cpack -G DEB"
(cd build && cpack -G DEB >/dev/null)
deb=$(ls build/migrate_*.deb | head -1)
dpkg-deb -f "$deb" Package Version Depends Recommends
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libsqlite3 libpqxx libyaml-cpp libssl; do
    grep -q "$lib" <<<"$depends" || fail "the package does not depend on $lib"
done
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/migrate ./usr/share/man/man1/migrate.1 \
         ./usr/share/bash-completion/completions/migrate ./usr/lib/cmake/migrate/migrateConfig.cmake \
         ./usr/include/migrate/migrations_engine/runtime/startup.h; do
    grep -q " $f\$" <<<"$contents" || fail "the package lacks $f"
done
# The package's tree, unpacked (installing it would change this machine): the tool, its manual
# page and a find_package(migrate) consumer work from it.
dpkg-deb -x "$deb" "$work/deb"
"$work/deb/usr/bin/migrate" --version
if command -v man >/dev/null; then
    MANWIDTH=80 man -l "$work/deb/usr/share/man/man1/migrate.1" 2>/dev/null |
        grep -q "schema migrations" || fail "the package's manual page does not render"
fi
cp -r examples/startup_upgrade "$work/from_deb"
cmake -S "$work/from_deb" -B "$work/from_deb/build" -G Ninja \
    -DCMAKE_PREFIX_PATH="$work/deb/usr" >/dev/null
cmake --build "$work/from_deb/build" >/dev/null
"$work/from_deb/build/startup_upgrade" "$work/from_deb.db" | grep -q "applied 2 revision(s)" ||
    fail "the example built against the package's tree did not upgrade"
echo "examples and package: ok"
