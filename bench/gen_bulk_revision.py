#!/usr/bin/env python3
"""Writes a migrate project whose one revision creates a table and fills it with one large
bulk_insert, for measuring how `migrate upgrade` handles a large revision.

    bench/gen_bulk_revision.py DIR [--rows 200000] [--seed 1]

DIR gets migrate.yaml (database URL: $DATABASE_URL, else sqlite:///bulk.db in DIR) and
migrations/versions/0001bulk0000_bulk_rows.yaml (about 15 MB for 200,000 rows). The rows mix integers,
big integers, text (quotes, commas, unicode), NULLs, booleans and floats, written in the flow
style `migrate revision` writes; every 1,000th row leaves a column out, so the rows do not all
share one column set. The output is the same for the same arguments.

Then, for example:
    cd DIR && /usr/bin/time -f "%e s %M KB" migrate upgrade head
    migrate upgrade head --sql > bulk.sql && /usr/bin/time -f "%e s %M KB" sqlite3 x.db < bulk.sql
"""

import argparse
import os
import random

WORDS = ["alpha", "beta", "gamma", "delta", "O'Brien", "naïve", "日本", "x, y", "a: b", "Zoë"]


def text(s):
    """A YAML double-quoted scalar, as the writer quotes text that needs it."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def row(i, rng):
    cols = [("ok", "true" if i % 3 else "false"), ("id", str(i))]
    if i % 1000 != 999:
        w = rng.choice(WORDS)
        cols.append(("name", text(w) if i % 2 else w.replace(", ", "_").replace(": ", "_")))
    cols.append(("memo", "null" if i % 5 else text(f"n{i % 97}")))
    cols.append(("q", str(rng.randrange(-(2**63), 2**63)) if i % 100 == 7 else str(i % 1000)))
    cols.append(("x", repr(round(rng.uniform(-1e3, 1e3), rng.randrange(0, 3)))))
    return "{" + ", ".join(f"{k}: {v}" for k, v in sorted(cols)) + "}"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("dir")
    p.add_argument("--rows", type=int, default=200000)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    rng = random.Random(a.seed)
    versions = os.path.join(a.dir, "migrations", "versions")
    os.makedirs(versions, exist_ok=True)
    with open(os.path.join(a.dir, "migrate.yaml"), "w") as f:
        f.write("database:\n  url: ${DATABASE_URL:-sqlite:///bulk.db}\n"
                "script_location: migrations\nversion_table: migrate_version\n")
    with open(os.path.join(versions, "0001bulk0000_bulk_rows.yaml"), "w", encoding="utf-8") as f:
        f.write("# bulk rows\nrevision: 0001bulk0000\ndown_revision: null\nbranch_labels: []\n"
                "depends_on: []\nmessage: bulk rows\ncreate_date: 2026-01-01 00:00:00\n"
                "transactional: true\nupgrade:\n"
                "  - create_table:\n      name: bulk\n      columns:\n"
                "        id: {type: BigInteger, primary_key: true}\n"
                "        ok: {type: Boolean}\n        name: {type: Text}\n"
                "        memo: {type: Text}\n        q: {type: BigInteger}\n"
                "        x: {type: Float}\n"
                "  - bulk_insert:\n      table: bulk\n      rows:\n")
        for i in range(a.rows):
            f.write("        - " + row(i, rng) + "\n")
        f.write("downgrade:\n  - drop_table: {name: bulk}\n")


if __name__ == "__main__":
    main()
