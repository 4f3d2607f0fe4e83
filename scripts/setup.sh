#!/usr/bin/env bash
# Installs every Debian 12 package interdict's build, tests, benchmarks and demo need.
# Idempotent: does nothing when everything is installed. Run as root (or with sudo).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  libsqlite3-dev sqlite3
  nlohmann-json3-dev libyaml-cpp-dev libcli11-dev
  libssl-dev
  libsodium-dev   # case work: Ed25519 signatures for custody events and audit checkpoints
  libboost-graph-dev   # networks: graph algorithms (header-only)
  libicu-dev libpugixml-dev   # screening: transliteration; UN/EU/OFAC XML lists
  libgtest-dev libgmock-dev libbenchmark-dev
  gpsd-clients   # gpsdecode: the AIS oracle for decoder and simulator tests
  python3        # bench/run.sh table formatting
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all packages present" >&2
fi
