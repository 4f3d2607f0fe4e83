#!/usr/bin/env bash
# Leiden benchmark: generates a 1 M-edge planted-partition graph (LFR-like), runs our
# Leiden and networkx's Louvain on the same files in this run, prints a table.
#   bash bench/graph/run.sh [BUILD_DIR] [--nodes N --edges M --mu MU]
# BUILD_DIR (default build/release) must hold bench/graph/leiden_bench.
set -euo pipefail
cd "$(dirname "$0")/../.."
B=${1:-build/release}
shift || true
bin="$B/bench/graph/leiden_bench"
[ -x "$bin" ] || { echo "graph bench: $bin not built" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" gen "$tmp" "$@" >"$tmp/gen.json"
"$bin" run "$tmp" --repeat 3 >"$tmp/cpp.json"
# Debian's python3-networkx lives under /usr/bin/python3; a pyenv/venv python3 first on
# the PATH may have its own networkx or none.
PY=python3
if ! $PY -c "import networkx" 2>/dev/null && [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; fi
if $PY -c "from networkx.algorithms.community import louvain_communities" 2>/dev/null; then
  $PY bench/graph/networkx_louvain.py "$tmp" 1 >"$tmp/py.json"
else
  echo "graph bench: networkx with louvain_communities not installed (apt install python3-networkx); peer skipped" >&2
  echo '{}' >"$tmp/py.json"
fi
python3 - "$tmp" <<'PY'
import json, sys
d = sys.argv[1]
g = json.load(open(f"{d}/gen.json"))
c = json.load(open(f"{d}/cpp.json"))
p = json.load(open(f"{d}/py.json"))
print(f"Leiden: {g['n']:,} nodes, {g['m']:,} edges, {g['planted']:,} planted communities, mu {g['mu']}")
print(f"{'implementation':30} {'build s':>8} {'best s':>8} {'median s':>9} {'peak RSS MiB':>13} {'modularity':>11} {'NMI':>7} {'comms':>7}")
for r in (c, p):
    if r:
        print(f"{r['impl']:30} {r['build_s']:>8.2f} {r['best_s']:>8.2f} {r['median_s']:>9.2f} {r['peak_rss_MiB']:>13.1f} {r['modularity']:>11.4f} {r['nmi']:>7.4f} {r['communities']:>7,}")
if p:
    print(f"ratio networkx/interdict (community detection, best): {p['best_s'] / c['best_s']:.1f}x")
PY
