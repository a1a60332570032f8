#!/usr/bin/env bash
# Installs the Debian packages retail-edge needs to build, run and test; installs only what is
# missing, so it is cheap to call before every build.
set -euo pipefail

packages=(
  libsqlite3-dev sqlite3      # the embedded sink; the sqlite3 shell for tests and users
  libyaml-dev                 # named by the product specification (Yams bundles its own copy)
  libpq-dev                   # PostgreSQL sink
  libcurl4-openssl-dev        # HTTP clients (Groq, MLflow)
  pkg-config
  time                        # /usr/bin/time -v for peak memory in benchmarks
  systemd                     # systemd-analyze verifies the shipped units in the tests
)
missing=()
for package in "${packages[@]}"; do
  [[ "$package" == \#* ]] && continue
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "swift is not on PATH (expected Swift 6.x, e.g. /opt/swift/usr/bin)" >&2; exit 1; }
