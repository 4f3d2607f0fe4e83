#!/usr/bin/env bash
# OFAC 50 % rule benchmark: generates a 1 M-company / 3 M-stake graph, runs the C++
# fixpoint and the scipy.sparse peer on the same files in this run, prints a table.
#   bash bench/ownership/run.sh [BUILD_DIR] [--companies N --edges M]
# BUILD_DIR (default build/release) must hold bench/ownership/ownership_bench.
set -euo pipefail
cd "$(dirname "$0")/../.."
B=${1:-build/release}
shift || true
bin="$B/bench/ownership/ownership_bench"
[ -x "$bin" ] || { echo "ownership bench: $bin not built" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" gen "$tmp" "$@" >"$tmp/gen.json"
"$bin" run "$tmp" --repeat 5 >"$tmp/cpp.json"
# Debian's python3-scipy lives under /usr/bin/python3; a pyenv/venv python3 first on the
# PATH may lack it.
PY=python3
if ! $PY -c "import scipy" 2>/dev/null && [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; fi
if $PY -c "import scipy" 2>/dev/null; then
  $PY bench/ownership/scipy_fixpoint.py "$tmp" 3 >"$tmp/py.json"
else
  echo "ownership bench: python3-scipy not installed (scripts/setup.sh); peer skipped" >&2
  echo '{}' >"$tmp/py.json"
fi
python3 - "$tmp" <<'PY'
import json, sys
d = sys.argv[1]
g = json.load(open(f"{d}/gen.json"))
c = json.load(open(f"{d}/cpp.json"))
p = json.load(open(f"{d}/py.json"))
print(f"OFAC 50 % rule: {g['n']:,} companies, {g['m']:,} stakes, {g['listed']:,} listed")
print(f"{'implementation':28} {'best s':>8} {'median s':>9} {'first s':>8} {'peak RSS MiB':>13} {'blocked':>10}")
for r in (c, p):
    if r:
        print(f"{r['impl']:28} {r['best_s']:>8.3f} {r['median_s']:>9.3f} {r['first_s']:>8.3f} {r['peak_rss_MiB']:>13.1f} {r['blocked']:>10,}")
if p:
    agree = "yes" if p["blocked"] == c["blocked"] else "NO"
    print(f"ratio scipy/C++ (best): {p['best_s'] / c['best_s']:.1f}x   same blocked set size: {agree}"
          f"   scipy rounds: {p['rounds']}   target: <= 0.5 s, <= 200 MiB")
PY
