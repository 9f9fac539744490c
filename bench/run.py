#!/usr/bin/env python3
"""migrate's benchmark suite: the `migrate` binary as a user runs it, beside a floor.

Usually started by bench/run.sh (which builds and starts PostgreSQL). Every row times whole
processes (fork to wait4) and reads the child's peak RSS from wait4's rusage. Python 3
standard library only. See bench/README.md.
"""

import argparse
import datetime
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402

ALEMBIC = "/usr/bin/alembic"
SYSTEM_PYTHON = "/usr/bin/python3"


class Failed(Exception):
    pass


SPAWN = None  # bench_spawn (bench/spawn.cpp): forks the command from a small process


def spawn(argv, cwd, env=None, stdin=None, stdout=None, ok=(0,)):
    """Runs argv through bench_spawn; returns (wall seconds, peak RSS bytes) of the command.
    Raises Failed on an exit code not in ok."""
    out_path = os.path.join(cwd, ".bench-stdout")
    err_path = os.path.join(cwd, ".bench-stderr")
    result = os.path.join(cwd, ".bench-result")
    fin = open(stdin, "rb") if stdin else subprocess.DEVNULL
    fout = open(stdout or out_path, "wb")
    ferr = open(err_path, "wb")
    try:
        rc = subprocess.call([SPAWN, result] + argv, cwd=cwd, env=env, stdin=fin, stdout=fout, stderr=ferr)
    finally:
        for f in (fin, fout, ferr):
            if f is not subprocess.DEVNULL:
                f.close()
    with open(result) as f:
        ns, rss_kib, code = (int(x) for x in f.read().split())
    if rc != 0 or code not in ok:
        with open(err_path, errors="replace") as f:
            err = f.read()[-2000:]
        raise Failed("%s exited %d in %s:\n%s" % (" ".join(argv[:6]), code, cwd, err))
    return ns / 1e9, rss_kib * 1024


class Cmd:
    """One side of a row: a command, where it runs, and what must happen before/after each run."""

    def __init__(self, argv, cwd, env=None, stdin=None, stdout=None, ok=(0,), before=None, after=None):
        self.argv, self.cwd, self.env, self.stdin, self.stdout = argv, cwd, env, stdin, stdout
        self.ok, self.before, self.after = ok, before, after
        self.samples = None  # (times ms, peak RSS bytes) once measured: reused by later rows

    def once(self):
        if self.before:
            self.before()
        try:
            return spawn(self.argv, self.cwd, self.env, self.stdin, self.stdout, self.ok)
        finally:
            if self.after:
                self.after()


class Suite:
    def __init__(self, args):
        self.args = args
        self.rows = []
        self.notes = []
        self.slow = {}  # (scenario, dialect) -> (size, seconds): larger sizes are skipped

    def measure(self, scenario, dialect, size, tool, ref_label, ref, target_ms=None, extra=""):
        """Runs tool and ref alternately (one warm-up each, then args.runs each); adds a row.
        ref is a Cmd (a measured floor or reference) or None (then target_ms is the reference).
        A tool measured before (the same Cmd) is not run again: its samples are reused."""
        if not self.selected(scenario, size):
            return
        label = "%s | %s | %s" % (scenario, dialect, size)
        slow = self.slow.get((scenario, dialect))
        if slow and slow[0] < size_key(size):
            self.rows.append([scenario, dialect, str(size), "skipped", "", ref_label, "", "", "",
                              "a run took %.0f s at size %s" % (slow[1], slow[0])])
            print("skipped:", label, file=sys.stderr, flush=True)
            return
        print("..", label, file=sys.stderr, flush=True)
        known = tool.samples
        t, r, rss, rss_ref = [], [], [], []
        runs = self.args.runs
        try:
            for k in range(runs + 1):
                if known:
                    w, m = None, None
                else:
                    w, m = tool.once()
                wr, mr = ref.once() if ref else (0, 0)
                # The first run warms caches and is dropped, unless a side took over 2 s (then
                # caches matter little); over 5 s, three runs are enough.
                if k == 0:
                    first = max(w or 0, wr)
                    if first > 5.0:
                        runs = min(runs, 3)
                    if first < 2.0:
                        continue
                if not known:
                    t.append(w * 1000)
                    rss.append(m)
                if ref:
                    r.append(wr * 1000)
                    rss_ref.append(mr)
                if len(r if known else t) >= runs:
                    break
        except Failed as e:
            print("FAILED:", label, e, file=sys.stderr)
            self.rows.append([scenario, dialect, str(size), "failed", "", ref_label, "", "", "", extra])
            return
        if known:
            t, rss = known
        tool.samples = (t, rss)
        med = statistics.median(t)
        if med > self.args.max_run * 1000:
            self.slow[(scenario, dialect)] = (size_key(size), med / 1000)
        if ref:
            ref_ms = statistics.median(r)
            ref_text = "%.1f" % ref_ms
            ref_rss = "%.1f" % (max(rss_ref) / 2**20)
        else:
            ref_ms = target_ms
            ref_text = "(%.0f)" % target_ms
            ref_rss = ""
        ratio = "%.2f" % (med / ref_ms) if ref_ms else ""
        if len(t) != self.args.runs:
            extra = ("%s; " % extra if extra else "") + "%d runs" % len(t)
        self.rows.append([scenario, dialect, str(size), "%.1f" % med, "%.1f" % (max(rss) / 2**20),
                          ref_label, ref_text, ref_rss, ratio, extra])
        print("   " + " | ".join(self.rows[-1]), file=sys.stderr, flush=True)
        return med, max(rss)

    def selected(self, scenario, size):
        a = self.args
        if a.scenarios and not any(s in scenario for s in a.scenarios):
            return False
        return True

    def table(self):
        head = ["scenario", "dialect", "size", "migrate ms", "migrate RSS MB", "floor / reference",
                "ref ms", "ref RSS MB", "ratio", "note"]
        lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
        order = {}
        for row in self.rows:
            order.setdefault(row[0], len(order))
        dialects = {"-": 0, "SQLite": 1, "PostgreSQL": 2}
        rows = sorted(self.rows, key=lambda r: (order[r[0]], dialects.get(r[1], 3), size_key(r[2])))
        for row in rows:
            lines.append("| " + " | ".join(row) + " |")
        return "\n".join(lines)


def size_key(size):
    digits = str(size).split()[0]
    return int(digits) if digits.isdigit() else 0


# ---- databases --------------------------------------------------------------------------------


class Sqlite:
    name = "SQLite"

    def __init__(self, suite):
        self.suite = suite

    def url(self, path):
        return "sqlite:///" + os.path.abspath(path)

    def alembic_url(self, path):
        return "sqlite:///" + os.path.abspath(path)

    def fresh(self, path):
        for suffix in ("", "-journal", "-wal", "-shm", ".lock"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)

    def copy(self, path, dest):
        self.fresh(dest)
        shutil.copyfile(path, dest)

    def query_cmd(self, path, sql, cwd):
        return Cmd(["sqlite3", path, sql], cwd)

    def schema_cmd(self, path, cwd):
        return Cmd(["sqlite3", path, ".schema"], cwd)

    def script_cmd(self, path, script, cwd, before=None):
        # The offline script holds its own BEGIN ... COMMIT: one transaction.
        return Cmd(["sqlite3", "-bail", path], cwd, stdin=script, before=before)


class Postgres:
    name = "PostgreSQL"

    def __init__(self, suite, url):
        self.suite = suite
        self.base = url
        self.parts = urllib.parse.urlsplit(url)

    def url(self, db):
        return urllib.parse.urlunsplit(self.parts._replace(path="/" + db))

    def alembic_url(self, db):
        return self.url(db)

    def fresh(self, db):
        subprocess.run(["psql", "-q", "-X", self.base, "-c", 'DROP DATABASE IF EXISTS "%s"' % db,
                        "-c", 'CREATE DATABASE "%s"' % db], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)

    def copy(self, db, dest):
        subprocess.run(["psql", "-q", "-X", self.base, "-c", 'DROP DATABASE IF EXISTS "%s"' % dest,
                        "-c", 'CREATE DATABASE "%s" TEMPLATE "%s"' % (dest, db)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def query_cmd(self, db, sql, cwd):
        return Cmd(["psql", "-X", "-q", self.url(db), "-c", sql], cwd)

    def schema_cmd(self, db, cwd):
        return Cmd(["pg_dump", "--schema-only", self.url(db)], cwd)

    def script_cmd(self, db, script, cwd, before=None):
        return Cmd(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-f", script, self.url(db)], cwd,
                   before=before)


# ---- scenarios --------------------------------------------------------------------------------


def migrate_env(url):
    env = dict(os.environ)
    env["MIGRATE_BENCH_URL"] = url
    env.pop("MIGRATE_URL", None)
    env.pop("DATABASE_URL", None)
    return env


def alembic_env(url, models="models"):
    env = dict(os.environ)
    env["BENCH_ALEMBIC_URL"] = url
    env["BENCH_MODELS"] = models
    return env


def alembic_cmd(args):
    return [SYSTEM_PYTHON, ALEMBIC] + args


def clean_new_revisions(folder, keep):
    def clean():
        for f in os.listdir(folder):
            if f not in keep:
                p = os.path.join(folder, f)
                if os.path.isdir(p):
                    shutil.rmtree(p)
                else:
                    os.remove(p)
    return clean


def startup(suite, mig):
    work = suite.args.work
    suite.measure("start-up (--version)", "-", "-", Cmd([mig, "--version"], work),
                  "`sqlite3 --version`", Cmd(["sqlite3", "--version"], work))


def schema_scenarios(suite, mig, db, n, with_alembic):
    """reflect, revision --autogenerate vs an empty database, check at head (0% and 1% changed)."""
    root = os.path.join(suite.args.work, "schema_%d" % n)
    if not os.path.exists(root):
        gen.schema_projects(root, n)
    mroot = os.path.join(root, "migrate")
    aroot = os.path.join(root, "alembic")
    key = "%s_schema_%d" % (db.name.lower(), n)
    target = os.path.join(root, key + ".db") if db.name == "SQLite" else "b_" + key
    empty = os.path.join(root, key + "_empty.db") if db.name == "SQLite" else "b_" + key + "_empty"
    env = migrate_env(db.url(target))
    env_empty = migrate_env(db.url(empty))
    versions = os.path.join(mroot, "migrations", "versions")
    clean = clean_new_revisions(versions, set())
    db.fresh(empty)
    if db.name == "SQLite":
        spawn(["sqlite3", empty, "VACUUM"], root)

    autogen = Cmd([mig, "revision", "--autogenerate", "-m", "all"], mroot, env_empty, after=clean)
    suite.measure("revision --autogenerate vs empty db", db.name, n, autogen,
                  "target 0.3 ms/table", None, target_ms=0.3 * n)

    db.fresh(target)
    spawn([mig, "create-all"], mroot, env)
    suite.measure("reflect", db.name, n, Cmd([mig, "reflect", "-o", "reflected.yaml", "--force"], mroot, env),
                  "`.schema`" if db.name == "SQLite" else "`pg_dump --schema-only`",
                  db.schema_cmd(target, root))
    check = Cmd([mig, "check"], mroot, env)
    check_changed = Cmd([mig, "--models", "models_changed.yaml", "check"], mroot, env, ok=(1,))
    suite.measure("check at head, nothing to do", db.name, n, check,
                  "target 0.5 ms/table", None, target_ms=0.5 * n)
    suite.measure("check at head, 1% changed", db.name, n, check_changed,
                  "target 0.5 ms/table", None, target_ms=0.5 * n)

    if not with_alembic:
        return
    # The same beside Alembic: its own empty database, and the database migrate created
    # (Alembic 1.8 has no `check`: an autogenerate at head stands in for it).
    # Alembic writes its version table into the database it compares: it gets its own copy.
    atarget = os.path.join(root, key + "_alembic.db") if db.name == "SQLite" else "b_" + key + "_alembic"
    db.copy(target, atarget)
    aversions = os.path.join(aroot, "alembic", "versions")
    aclean = clean_new_revisions(aversions, set())
    alembic_empty = os.path.join(root, key + "_alembic_empty.db") if db.name == "SQLite" else "b_" + key + "_aempty"
    db.fresh(alembic_empty)
    if db.name == "SQLite":
        spawn(["sqlite3", alembic_empty, "VACUUM"], root)
    suite.measure("revision --autogenerate vs empty db", db.name, n, autogen,
                  "Alembic `revision --autogenerate`",
                  Cmd(alembic_cmd(["revision", "--autogenerate", "-m", "all"]), aroot,
                      alembic_env(db.alembic_url(alembic_empty)), after=aclean))
    for what, models, cmd in (("nothing to do", "models", check), ("1% changed", "models_changed", check_changed)):
        suite.measure("check at head, " + what, db.name, n, cmd,
                      "Alembic `revision --autogenerate`",
                      Cmd(alembic_cmd(["revision", "--autogenerate", "-m", "check"]), aroot,
                          alembic_env(db.alembic_url(atarget), models), after=aclean))


def find_row(suite, scenario, dialect, size):
    for row in suite.rows:
        if row[0] == scenario and row[1] == dialect and row[2] == str(size):
            try:
                return float(row[3])
            except ValueError:
                return None
    return None


def chain_scenarios(suite, mig, db, m, with_alembic):
    """upgrade head through M revisions (beside its offline SQL), current at head; history and
    heads (once, on SQLite: they read files only)."""
    root = os.path.join(suite.args.work, "chain_%d" % m)
    if not os.path.exists(root):
        gen.chain_projects(root, m)
    mroot = os.path.join(root, "migrate")
    aroot = os.path.join(root, "alembic")
    key = "%s_chain_%d" % (db.name.lower(), m)
    target = os.path.join(root, key + ".db") if db.name == "SQLite" else "b_" + key
    floor_db = os.path.join(root, key + "_floor.db") if db.name == "SQLite" else "b_" + key + "_floor"
    env = migrate_env(db.url(target))
    script = os.path.join(root, key + ".sql")
    spawn([mig, "upgrade", "base:head", "--sql"], mroot, env, stdout=script)

    upgrade = Cmd([mig, "upgrade", "head"], mroot, env, before=lambda: db.fresh(target))
    suite.measure("upgrade head", db.name, m, upgrade,
                  "its `upgrade --sql` by " + ("`sqlite3`" if db.name == "SQLite" else "`psql -1 -f`"),
                  db.script_cmd(floor_db, script, root, before=lambda: db.fresh(floor_db)),
                  extra="revisions in one transaction")
    if find_row(suite, "upgrade head", db.name, m) is None:
        # Not measured (or too slow): the offline script brings the database to head.
        db.fresh(target)
        c = db.script_cmd(target, script, root)
        spawn(c.argv, c.cwd, stdin=c.stdin)
    current = Cmd([mig, "current"], mroot, env)
    suite.measure("current at head", db.name, m, current,
                  "`select * from migrate_version`", db.query_cmd(target, "select * from migrate_version", root))

    history = Cmd([mig, "history"], mroot, env)
    heads = Cmd([mig, "heads"], mroot, env)
    if db.name == "SQLite":
        files = sorted(os.path.join("migrations", "versions", f) for f in os.listdir(os.path.join(mroot, "migrations", "versions")))
        cat = Cmd(["cat"] + files, mroot, stdout=os.devnull)
        suite.measure("history", "-", m, history, "`cat` of every file", cat)
        suite.measure("heads", "-", m, heads, "`cat` of every file", cat)

    if not with_alembic:
        return
    atarget = os.path.join(root, key + "_alembic.db") if db.name == "SQLite" else "b_" + key + "_alembic"
    aenv = alembic_env(db.alembic_url(atarget))
    suite.measure("upgrade head", db.name, m, upgrade, "Alembic `upgrade head`",
                  Cmd(alembic_cmd(["upgrade", "head"]), aroot, aenv, before=lambda: db.fresh(atarget)))
    suite.measure("current at head", db.name, m, current, "Alembic `current`",
                  Cmd(alembic_cmd(["current"]), aroot, aenv))
    if db.name == "SQLite":
        for scenario, cmd in (("history", history), ("heads", heads)):
            suite.measure(scenario, "-", m, cmd, "Alembic `%s`" % scenario,
                          Cmd(alembic_cmd([scenario]), aroot, aenv))


def rebuild_scenario(suite, mig, rows):
    """SQLite: a type change (a table rebuild) of a table of `rows` rows."""
    if not suite.selected("rebuild", rows):
        return
    root = os.path.join(suite.args.work, "rebuild_%d" % rows)
    mroot = os.path.join(root, "migrate")
    template = os.path.join(root, "template.db")
    if not os.path.exists(template):
        gen.rebuild_project(root)
        spawn([mig, "upgrade", "0000000000a1"], mroot, migrate_env(Sqlite(suite).url(template)))
        spawn(["sqlite3", template, gen.FILL_SQL % rows], root)
    target = os.path.join(root, "run.db")
    floor_db = os.path.join(root, "floor.db")
    sql = os.path.join(root, "rebuild.sql")
    gen.write(sql, gen.REBUILD_SQL)

    def copy(dest):
        return lambda: (Sqlite(suite).fresh(dest), shutil.copyfile(template, dest))
    suite.measure("SQLite rebuild (alter_column type)", "SQLite", "%d rows" % rows,
                  Cmd([mig, "upgrade", "head"], mroot, migrate_env(Sqlite(suite).url(target)), before=copy(target)),
                  "hand-written rebuild SQL by `sqlite3`", Cmd(["sqlite3", "-bail", floor_db], root, stdin=sql,
                                                               before=copy(floor_db)))


def bulk_scenario(suite, mig, db, rows):
    """One bulk_insert revision of `rows` rows: time and peak RSS beside its SQL."""
    if not suite.selected("bulk_insert", rows):
        return
    root = os.path.join(suite.args.work, "bulk_%d" % rows)
    mroot = os.path.join(root, "migrate")
    path = os.path.join(mroot, "migrations", "versions", "0000000000a2_bulk_rows.yaml")
    if not os.path.exists(path):
        gen.bulk_project(root, rows)
    size = os.path.getsize(path)
    key = "%s_bulk" % db.name.lower()
    target = os.path.join(root, key + ".db") if db.name == "SQLite" else "b_" + key
    floor_db = os.path.join(root, key + "_floor.db") if db.name == "SQLite" else "b_" + key + "_floor"
    env = migrate_env(db.url(target))
    script = os.path.join(root, key + ".sql")
    spawn([mig, "upgrade", "0000000000a1:head", "--sql"], mroot, env, stdout=script)

    def prepare(d, e):
        def f():
            db.fresh(d)
            spawn([mig, "upgrade", "0000000000a1"], mroot, e)
        return f
    res = suite.measure("bulk_insert revision", db.name, "%d rows" % rows,
                        Cmd([mig, "upgrade", "head"], mroot, env, before=prepare(target, env)),
                        "its `upgrade --sql` by " + ("`sqlite3`" if db.name == "SQLite" else "`psql -1 -f`"),
                        db.script_cmd(floor_db, script, root, before=prepare(floor_db, migrate_env(db.url(floor_db)))))
    if res:
        suite.rows[-1][-1] = "file %.1f MB, RSS/file %.1f" % (size / 2**20, res[1] / size)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--migrate", required=True, help="the migrate binary")
    ap.add_argument("--spawn", required=True, help="the bench_spawn binary (bench/spawn.cpp)")
    ap.add_argument("--microbench", help="the migrate_microbench binary, run after the table")
    ap.add_argument("--work", required=True, help="a scratch folder (kept between runs: generated files are reused)")
    ap.add_argument("--pg-url", default=os.environ.get("MIGRATE_TEST_PG_URL"), help="a PostgreSQL server (superuser)")
    ap.add_argument("--sizes", default="100,1000,5000", help="N and M (comma-separated)")
    ap.add_argument("--alembic-sizes", default="100,1000", help="sizes Alembic also runs")
    ap.add_argument("--runs", type=int, default=5, help="measured runs per command (after one warm-up)")
    ap.add_argument("--max-run", type=float, default=10.0,
                    help="a scenario whose median run takes longer (s) is skipped at larger sizes")
    ap.add_argument("--rebuild-rows", type=int, default=1000000)
    ap.add_argument("--bulk-rows", type=int, default=200000)
    ap.add_argument("--dialects", default="sqlite,postgresql")
    ap.add_argument("--scenarios", nargs="*", help="only scenarios whose name contains one of these words")
    ap.add_argument("--quick", action="store_true", help="sizes 100,1000; 3 runs; smaller rebuild and bulk")
    args = ap.parse_args()
    if args.quick:
        args.sizes, args.alembic_sizes, args.runs = "100,1000", "100", 3
        args.rebuild_rows, args.bulk_rows = 200000, 50000
    args.work = os.path.abspath(args.work)
    os.makedirs(args.work, exist_ok=True)
    mig = os.path.abspath(args.migrate)
    global SPAWN
    SPAWN = os.path.abspath(args.spawn)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    alembic_sizes = {int(s) for s in args.alembic_sizes.split(",") if s}
    have_alembic = os.path.exists(ALEMBIC)

    suite = Suite(args)
    dbs = []
    if "sqlite" in args.dialects:
        dbs.append(Sqlite(suite))
    if "postgresql" in args.dialects:
        if args.pg_url:
            dbs.append(Postgres(suite, args.pg_url))
        else:
            suite.notes.append("PostgreSQL rows skipped: no server (MIGRATE_TEST_PG_URL).")
    if not have_alembic:
        suite.notes.append("Alembic rows skipped: %s is absent (apt-get install alembic)." % ALEMBIC)

    started = time.time()
    startup(suite, mig)
    for db in dbs:
        for n in sizes:
            schema_scenarios(suite, mig, db, n, have_alembic and n in alembic_sizes)
            chain_scenarios(suite, mig, db, n, have_alembic and n in alembic_sizes)
    rebuild_scenario(suite, mig, args.rebuild_rows)
    for db in dbs:
        bulk_scenario(suite, mig, db, args.bulk_rows)

    print("migrate benchmark, %s, %d runs per command (median), %s; total %.0f s" % (
        datetime.date.today().isoformat(), args.runs, "quick mode" if args.quick else "full mode",
        time.time() - started))
    print()
    print(suite.table())
    for note in suite.notes:
        print()
        print(note)
    if args.microbench and not args.scenarios:
        print()
        print("Micro-benchmarks (%s):" % os.path.basename(args.microbench))
        print()
        sys.stdout.flush()
        subprocess.run([args.microbench, "--benchmark_min_time=0.1"], check=False)


if __name__ == "__main__":
    main()
