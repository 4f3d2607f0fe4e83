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
  python3-scipy  # bench/ownership: the scipy.sparse 50 % rule fixpoint peer, run for the ratio
  python3-jellyfish  # bench/screen: the brute-force Jaro-Winkler baseline, run for the ratio
  chromium       # report_html_itest renders report.html headless
  nodejs         # web/: npm ci fetches Natural Earth outlines (world-atlas) for report.html
)
# Debian's npm package; skipped where npm already comes with nodejs (NodeSource builds
# bundle it and conflict with Debian's).
if ! command -v npm >/dev/null 2>&1; then PACKAGES+=(npm); fi

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

# report.html's map: Natural Earth land outlines from npm world-atlas (web/package-lock.json),
# compiled in at build time. Optional: without them the map is a graticule only.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if command -v npm >/dev/null 2>&1 && [ -f "$ROOT/web/package-lock.json" ]; then
  if [ ! -f "$ROOT/web/node_modules/world-atlas/land-110m.json" ]; then
    echo "setup: npm ci --prefix web (world-atlas)" >&2
    npm ci --prefix "$ROOT/web" --no-audit --no-fund ||
      echo "setup: npm ci failed; report.html's map will have no coastlines" >&2
  fi
fi
