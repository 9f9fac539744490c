#!/usr/bin/env bash
# Builds the examples against the *installed* package, as an application would, and checks
# what they do (run by .ci/run after the test suite; needs a complete ./build):
#   1. cmake --install build into a temporary prefix;
#   2. examples/startup_upgrade: configure with find_package(migrate) (-DCMAKE_PREFIX_PATH),
#      build, run on a fresh SQLite database (upgrades), run again (nothing to do), then edit
#      an embedded revision, rebuild, and check it refuses with the typed error;
#   3. examples/embedded_cli: build `myapp` likewise and, in a temporary copy of its project
#      folder, run `myapp db revision --autogenerate`, `myapp db upgrade head` and
#      `myapp db check` on SQLite and on a throwaway PostgreSQL server (scripts/pg_server.sh;
#      under CI=true a server that does not start fails the run, otherwise PostgreSQL skips);
#   4. cpack -G DEB: the two packages (migrate: the tool; migrate-dev: libraries, headers, CMake
#      package), their dependencies and contents, and, from their unpacked tree, migrate
#      --version, its manual page and both examples built with find_package(migrate).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
source scripts/pg_server.sh
trap 'pg_server_stop; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
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

step "examples/embedded_cli against the installed package"
cmake -S examples/embedded_cli -B "$work/embedded_cli_build" -G Ninja \
    -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/embedded_cli_build" >/dev/null
myapp="$work/embedded_cli_build/myapp"

# myapp in a fresh copy of the example's project folder (migrate.yaml, empty
# migrations/versions), with only the variables given as arguments.
embedded_cli_walkthrough() {  # NAME [VAR=VALUE...]
    local name=$1
    shift
    local project="$work/embedded_cli_$name"
    cp -r examples/embedded_cli "$project"
    rm -rf "$project/build"
    myapp_in_project() {
        (cd "$project" && env -u MIGRATE_URL -u DATABASE_URL -u MIGRATE_CONFIG "$@")
    }
    myapp_in_project "$@" "$myapp" db revision --autogenerate -m "create schema"
    local revision
    revision=$(ls "$project"/migrations/versions/*_create_schema.yaml) ||
        fail "$name: no revision file was written"
    for table in authors posts tags post_tags; do
        grep -q "name: $table\$" "$revision" || fail "$name: the revision does not create $table"
    done
    myapp_in_project "$@" "$myapp" db upgrade head
    local out
    out=$(myapp_in_project "$@" "$myapp" db inspect)
    for table in authors posts tags post_tags; do
        grep -q "$table" <<<"$out" || fail "$name: $table is not in the database after upgrade"
    done
    myapp_in_project "$@" "$myapp" db check ||
        fail "$name: myapp db check found differences right after upgrade head"
    echo "$name: revision, upgrade head and check: ok"
}

cp -r examples/embedded_cli "$work/embedded_cli_usage"
set +e
out=$(cd "$work/embedded_cli_usage" && "$myapp" db --models models.yaml check 2>&1)
rc=$?
set -e
[[ $rc -eq 2 ]] || fail "myapp db --models: expected exit 2, got $rc"
grep -q "myapp db declares its models in its own code" <<<"$out" ||
    fail "myapp db --models does not say that the models are declared in C++: $out"
"$myapp" db --help | grep -q "Usage: myapp db" || fail "myapp db --help does not name myapp db"

embedded_cli_walkthrough sqlite
if pg_server_start; then
    embedded_cli_walkthrough postgresql MYAPP_DATABASE_URL="$MIGRATE_TEST_PG_URL"
    step "the installed migrate loads its PostgreSQL module"
    mkdir "$work/module_check"
    (cd "$work/module_check" && "$prefix/bin/migrate" init >/dev/null &&
        MIGRATE_URL= "$prefix/bin/migrate" --url "$MIGRATE_TEST_PG_URL" inspect >/dev/null) ||
        fail "the installed migrate cannot reach PostgreSQL (its module: $prefix/lib/migrate)"
    pg_server_stop
elif [[ "${CI:-}" == "true" ]]; then
    fail "the PostgreSQL server did not start; under CI the PostgreSQL walk-through may not skip"
else
    echo "warning: no PostgreSQL server; the PostgreSQL walk-through of embedded_cli skips" >&2
fi

step "cpack -G DEB: packages migrate and migrate-dev"
rm -f build/migrate_*.deb build/migrate-dev_*.deb
(cd build && cpack -G DEB >/dev/null)
deb=$(ls build/migrate_*.deb)
dev_deb=$(ls build/migrate-dev_*.deb)
[[ $(wc -w <<<"$deb $dev_deb") -eq 2 ]] || fail "expected one migrate and one migrate-dev package"
for d in "$deb" "$dev_deb"; do
    dpkg-deb -f "$d" Package Version Depends Recommends
    echo
done
version=$(dpkg-deb -f "$deb" Version)
[[ $(dpkg-deb -f "$dev_deb" Version) == "$version" ]] || fail "the two packages' versions differ"

depends=$(dpkg-deb -f "$deb" Depends)
for lib in libsqlite3 libpqxx libyaml-cpp libssl; do
    grep -q "$lib" <<<"$depends" || fail "migrate does not depend on $lib"
done
if grep -q -- "-dev" <<<"$depends"; then
    fail "migrate depends on development packages: $depends"
fi
dev_depends=$(dpkg-deb -f "$dev_deb" Depends)
for dep in "migrate (= $version)" libsqlite3-dev libpqxx-dev libpq-dev libyaml-cpp-dev \
           libssl-dev pkg-config; do
    grep -qF "$dep" <<<"$dev_depends" || fail "migrate-dev does not depend on $dep"
done

contents=$(dpkg-deb -c "$deb")
dev_contents=$(dpkg-deb -c "$dev_deb")
for f in ./usr/bin/migrate ./usr/share/man/man1/migrate.1 \
         ./usr/share/bash-completion/completions/migrate; do
    grep -q " $f\$" <<<"$contents" || fail "migrate lacks $f"
    if grep -q " $f\$" <<<"$dev_contents"; then
        fail "migrate-dev holds $f, which migrate installs"
    fi
done
for f in ./usr/lib/cmake/migrate/migrateConfig.cmake ./usr/lib/libmigrate_cli.a \
         ./usr/include/migrate/migrations_engine/runtime/startup.h \
         ./usr/include/migrate/cli/cli.h; do
    grep -q " $f\$" <<<"$dev_contents" || fail "migrate-dev lacks $f"
done
grep -qE " ./usr/lib/([^/]+/)?migrate/migrate-postgresql.so\$" <<<"$contents" ||
    fail "migrate lacks its PostgreSQL module"
if grep -E " ./usr/(include|lib)/.*[^/]$" <<<"$contents" |
    grep -qv "/migrate/migrate-postgresql.so$"; then
    fail "migrate holds libraries or headers"
fi

# The packages' tree, unpacked (installing them would change this machine): the tool, its
# manual page and find_package(migrate) consumers work from it.
dpkg-deb -x "$deb" "$work/deb"
dpkg-deb -x "$dev_deb" "$work/deb"
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
cmake -S examples/embedded_cli -B "$work/from_deb_cli" -G Ninja \
    -DCMAKE_PREFIX_PATH="$work/deb/usr" >/dev/null
cmake --build "$work/from_deb_cli" >/dev/null
"$work/from_deb_cli/myapp" db list-templates >/dev/null ||
    fail "myapp built against the package's tree does not run"
echo "examples and packages: ok"
