"""Brute-force Jaro-Winkler screening as a user would write it with Debian's
python3-jellyfish: every query against every list name, best score kept.
Times the first N queries (the full run would take hours) and prints queries/s as JSON.
  python3 jw_baseline.py NAMES.txt QUERIES.txt [N]"""
import json
import sys
import time

import jellyfish

names = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8")]
queries = [l.rstrip("\n") for l in open(sys.argv[2], encoding="utf-8")]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 50
jw = jellyfish.jaro_winkler_similarity
start = time.perf_counter()
hits = 0
for q in queries[:n]:
    best = max(jw(q, name) for name in names)
    hits += best >= 0.9
elapsed = time.perf_counter() - start
print(json.dumps({"queries": n, "names": len(names), "seconds": elapsed, "qps": n / elapsed}))
