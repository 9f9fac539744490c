#!/usr/bin/env bash
# Installs the Debian packages migrate needs; does nothing when all are there.
#   scripts/deps.sh          what building needs
#   scripts/deps.sh --test   plus what the test suite needs (PostgreSQL server, PostGIS for
#                            the OpenStreetMap corpus schema)
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config
  libsqlite3-dev sqlite3
  libpqxx-dev libpq-dev
  libcli11-dev libyaml-cpp-dev libdtl-dev nlohmann-json3-dev libssl-dev libkainjow-mustache-dev
)
if [[ "${1:-}" == "--test" ]]; then
  # dpkg-dev and file: cpack -G DEB (dpkg-shlibdeps) in scripts/check_examples.sh
  packages+=(googletest libgtest-dev postgresql postgresql-client postgresql-15-postgis-3 python3
             dpkg-dev file)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing: ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "error: run as root or install sudo to install ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
