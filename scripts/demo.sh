#!/usr/bin/env bash
# The demo, on an embedded SQLite database in ./demo: a new project (init), two revisions
# written by hand, upgrade, history and current, a step back and forth, the live schema
# (inspect) and the schema as models (reflect); then the models edited and two revisions
# written by autogenerate (a new table; a new column and index), upgrade, history and check.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
MIGRATE_BUILD_TESTS=OFF scripts/build.sh migrate
bin=$PWD/build/migrate
rm -rf demo && mkdir demo && cd demo
unset MIGRATE_URL DATABASE_URL MIGRATE_CONFIG
export DATABASE_URL=sqlite:///shop.db

step() { printf '\n\033[1m$ migrate %s\033[0m\n' "$*"; "$bin" "$@"; }
# Replaces the empty upgrade/downgrade of a new revision file with the given text.
write_ops() { local file; file=$(ls migrations/versions/"$1"_*.yaml); sed -i '/^upgrade:/,$d' "$file"; cat >>"$file"; }

step --version
step init

step revision -m "create customers and products" --rev-id 1a2b3c4d5e6f
write_ops 1a2b3c4d5e6f <<'OPS'
upgrade:
  - create_table:
      name: customers
      columns:
        id: {type: Integer, primary_key: true}
        email: {type: String(120), nullable: false, unique: true}
        name: {type: String(80), nullable: false}
  - create_table:
      name: products
      columns:
        id: {type: Integer, primary_key: true}
        sku: {type: String(20), nullable: false, unique: true}
        price: {type: Numeric(10, 2), nullable: false, server_default: "0"}
  - bulk_insert:
      table: products
      rows:
        - {id: 1, sku: COOKIE-1, price: 2.5}
        - {id: 2, sku: COOKIE-2, price: 3.75}
downgrade:
  - drop_table: {name: products}
  - drop_table: {name: customers}
OPS

step revision -m "add orders" --rev-id 3f2a9c1b7d4e
write_ops 3f2a9c1b7d4e <<'OPS'
upgrade:
  - create_table:
      name: orders
      columns:
        id: {type: Integer, primary_key: true}
        customer_id: {type: Integer, nullable: false, foreign_key: customers.id, ondelete: CASCADE}
        placed_at: {type: DateTime, nullable: false, server_default: CURRENT_TIMESTAMP}
  - add_column: {table: customers, column: {name: vip, type: Boolean, nullable: false, server_default: "0"}}
downgrade:
  - drop_column: {table: customers, column: vip}
  - drop_table: {name: orders}
OPS

step upgrade head
step history
step current --verbose
step downgrade -1
step current
step upgrade head
step inspect customers orders
step reflect --tables orders

# The models take over: today's schema as models, then a new table.
step reflect -o models.yaml --force
cat >>models.yaml <<'YAML'

  reviews:
    columns:
      id: {type: Integer, primary_key: true}
      product_id: {type: Integer, nullable: false, foreign_key: products.id, ondelete: CASCADE}
      stars: {type: SmallInteger, nullable: false}
    checks:
      - {name: ck_reviews_stars, condition: "stars BETWEEN 1 AND 5"}
YAML
step check || true
step revision --autogenerate -m "add reviews"
step upgrade head
# A column and an index more.
sed -i 's/^      stars: {type: SmallInteger, nullable: false}$/&\n      body: {type: Text}/' models.yaml
cat >>models.yaml <<'YAML'
    indexes:
      ix_reviews_product_stars: {columns: [product_id, stars]}
YAML
step revision --autogenerate -m "review text and index"
step upgrade head
step history
step check
echo
echo "Demo files are in $(pwd)."
