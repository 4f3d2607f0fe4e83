#!/usr/bin/env bash
# Runs every benchmark and prints one table. Peers run in the same session on the same data.
#   bash bench/run.sh            # build (release preset) and run all
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release >/dev/null
B=build/release/bench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for b in "$B"/*_bench; do
  "$b" --benchmark_format=json >"$tmp/$(basename "$b").json" 2>/dev/null
done
# Peer for ingest: sqlite3 .import of the same 1 M-row CSV (no validation, no provenance).
csv=$(ls /tmp/interdict-bench-ingest/decl-1000000.csv 2>/dev/null || true)
peer=""
if [ -n "$csv" ] && command -v sqlite3 >/dev/null; then
  rm -f "$tmp/peer.db"
  s=$(date +%s.%N)
  sqlite3 "$tmp/peer.db" ".mode csv" ".import $csv decl"
  e=$(date +%s.%N)
  peer=$(python3 -c "print(1000000/($e-$s))")
fi
python3 - "$tmp" "$peer" <<'PY'
import json, sys, glob, os
tmp, peer = sys.argv[1], sys.argv[2]
print(f"{'benchmark':42} {'time':>12} {'items/s':>14} {'extra'}")
for f in sorted(glob.glob(os.path.join(tmp, "*.json"))):
    for b in json.load(open(f))["benchmarks"]:
        t = f"{b['real_time']:.3f} {b['time_unit']}"
        rate = b.get("items_per_second") or b.get("rows_per_s") or 0
        extra = " ".join(f"{k}={v:.1f}" for k, v in b.items() if k in ("peak_rss_MiB",))
        print(f"{b['name']:42} {t:>12} {rate:>14,.0f} {extra}")
        if b["name"].startswith("BM_IngestDeclarations") and peer:
            p = float(peer)
            print(f"{'  peer: sqlite3 .import (same CSV)':42} {'':>12} {p:>14,.0f} ratio={rate/p:.2f}x")
PY
# Peer for AIS: gpsd 3.22's `gpsdecode -j` on the ~1 M-sentence corpus that ais_bench
# wrote, timed here in the same run; prints its rate and our ratio.
ais_corpus="${TMPDIR:-/tmp}/interdict-bench-ais/corpus.nmea"
if [ -f "$ais_corpus" ] && [ -f "$tmp/ais_bench.json" ] && command -v gpsdecode >/dev/null; then
  s=$(date +%s.%N)
  gpsdecode -j <"$ais_corpus" >/dev/null 2>&1 || true
  e=$(date +%s.%N)
  python3 - "$tmp/ais_bench.json" "$s" "$e" <<'PY'
import json, sys
f, s, e = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
bms = {b["name"].split("/")[0]: b for b in json.load(open(f))["benchmarks"]}
n = next(iter(bms.values())).get("sentences", 0)
if n:
    peer = n / (e - s)
    print(f"{'  peer: gpsdecode -j (same AIS corpus)':42} {e - s:>10.3f} s {peer:>14,.0f}")
    for name in ("BM_AisDecode", "BM_AisDecodeJson"):
        if name in bms:
            r = bms[name]["items_per_second"]
            print(f"{'  ratio ' + name + ' / gpsdecode -j':42} {'':>12} {'':>14} ratio={r / peer:.1f}x")
PY
fi
# Leiden vs networkx Louvain on a generated 1 M-edge planted-partition graph.
bash bench/graph/run.sh build/release || echo "graph bench failed" >&2
# Screening (yente negatives + positives vs SDN) vs brute-force jellyfish Jaro-Winkler.
bash bench/screen/run.sh build/release || echo "screen bench failed" >&2
# OFAC 50 % rule: our fixpoint vs a vectorised scipy.sparse fixpoint, same graph, same run.
bash bench/ownership/run.sh build/release || echo "ownership bench failed" >&2
