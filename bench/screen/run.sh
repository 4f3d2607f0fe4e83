#!/usr/bin/env bash
# Screening throughput vs a brute-force Jaro-Winkler peer (python3-jellyfish), same run.
#   bash bench/screen/run.sh [BUILD_DIR] [DATA_DIR]
# BUILD_DIR (default build/release) must hold bench/screen/screen_bench; DATA_DIR defaults
# to ../shared/data/sanctions (skipped with a message when absent).
set -euo pipefail
cd "$(dirname "$0")/../.."
B=${1:-build/release}
D=${2:-../shared/data/sanctions}
bin="$B/bench/screen/screen_bench"
[ -x "$bin" ] || { echo "screen bench: $bin not built" >&2; exit 1; }
[ -d "$D/eval/yente" ] || { echo "screen bench: $D absent; skipped" >&2; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" "$D" "$tmp" >"$tmp/cpp.json"
# Debian's python3-jellyfish lives under /usr/bin/python3 (a pyenv python3 may lack it).
PY=python3
if ! $PY -c "import jellyfish" 2>/dev/null && [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; fi
if $PY -W ignore -c "import jellyfish" 2>/dev/null; then
  $PY -W ignore bench/screen/jw_baseline.py "$tmp/names.txt" "$tmp/queries.txt" 50 >"$tmp/py.json"
else
  echo "screen bench: python3-jellyfish not installed (scripts/setup.sh); peer skipped" >&2
  echo '{}' >"$tmp/py.json"
fi
python3 - "$tmp" <<'PY'
import json, sys
d = sys.argv[1]
c = json.load(open(f"{d}/cpp.json"))
p = json.load(open(f"{d}/py.json"))
print(f"screen: {c['queries']:,} queries vs {c['entities']:,} SDN entries / {c['names']:,} names "
      f"(index build {c['index_build_s']:.3f} s)")
print(f"  interdict (logic, 1 thread): {c['qps_per_core']:,.0f} queries/s/core, "
      f"p50 {c['p50_us']:.1f} us, p99 {c['p99_us']:.1f} us, {c['hits']:,} with a hit")
print(f"  brute-force Jaro-Winkler, C++ (200 queries): {c['brute_jw_cpp_qps']:,.1f} queries/s")
if p:
    print(f"  peer: brute-force jellyfish.jaro_winkler_similarity, python3 ({p['queries']} queries): "
          f"{p['qps']:,.2f} queries/s -> ratio {c['qps_per_core'] / p['qps']:,.0f}x")
PY
