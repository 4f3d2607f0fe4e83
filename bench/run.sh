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
