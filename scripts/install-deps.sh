#!/usr/bin/env bash
# Installs the Debian packages retail-edge needs to build, run and test; installs only what is
# missing, so it is cheap to call before every build.
set -euo pipefail

packages=(
  libsqlite3-dev sqlite3      # the embedded sink; the sqlite3 shell for tests and users
  libyaml-dev                 # named by the product specification (Yams bundles its own copy)
  libpq-dev                   # PostgreSQL sink
  libmariadb-dev              # MySQL/MariaDB sink (MariaDB Connector/C)
  librdkafka-dev              # Kafka source and sink (librdkafka)
  libxgboost-dev              # the pooled forecasting model (XGBoost's C API)
  libcurl4-openssl-dev        # HTTP clients (Groq, MLflow)
  pkg-config
  time                        # /usr/bin/time -v for peak memory in benchmarks
  systemd                     # systemd-analyze verifies the shipped units in the tests
  dpkg-dev binutils python3   # make deb: dpkg-shlibdeps (Depends), readelf/strip, the man page generator
  postgresql postgresql-client # a throwaway server for the postgres sink's integration tests
)
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"

# Installs those of the given Debian packages that are not installed yet.
install_missing() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  ((${#missing[@]})) || return 0
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_missing "${packages[@]}"
# Tests drive the status page in a real headless browser, offline, and start throwaway servers
# (MariaDB from apt; MLflow from PyPI in a virtualenv, by scripts/test-mlflow.sh); promtool
# (package prometheus) checks the agent's /metrics output and contrib/'s alert rules, which
# scripts/test-contrib.sh reads with python3-yaml.
if [[ "${1:-}" == "--test" ]]; then
  install_missing chromium chromium-driver python3-pip python3-venv curl mariadb-server mariadb-client prometheus python3-yaml \
    man-db util-linux   # scripts/test-deb.sh: man renders the page; unshare hides the toolchain
  python3 -c 'import selenium' 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check selenium \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages selenium
  # The JSON Schema of `retail-edge config schema` is checked against the shipped configs by an
  # independent validator.
  command -v check-jsonschema >/dev/null || python3 -m pip install --quiet --disable-pip-version-check check-jsonschema \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages check-jsonschema
fi
command -v swift >/dev/null || { echo "swift is not on PATH (expected Swift 6.x, e.g. /opt/swift/usr/bin)" >&2; exit 1; }
