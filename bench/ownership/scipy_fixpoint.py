#!/usr/bin/env python3
"""Peer for bench/ownership: the OFAC 50 % fixpoint vectorised with scipy.sparse.

Reads the files `ownership_bench gen DIR` wrote and prints one JSON line like the C++
side: build the asset x owner share matrix (CSR), then repeat s = M @ blocked until no
new entity reaches 50 %. Each round is one sparse mat-vec over all stakes, so the cost is
rounds x edges (the C++ worklist touches each stake once).
Debian: python3-scipy (scripts/setup.sh).
"""
import json
import resource
import sys
import time

import numpy as np
import scipy.sparse as sp


def main():
    d = sys.argv[1]
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    meta = json.load(open(f"{d}/meta.json"))
    n, m = meta["n"], meta["m"]
    owner = np.fromfile(f"{d}/owner.u32", dtype=np.uint32, count=m)
    asset = np.fromfile(f"{d}/asset.u32", dtype=np.uint32, count=m)
    pct = np.fromfile(f"{d}/pct.f32", dtype=np.float32, count=m)
    seeds = np.fromfile(f"{d}/seeds.u8", dtype=np.uint8, count=n).astype(bool)
    times, builds, blocked, rounds = [], [], 0, 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        mat = sp.csr_matrix((pct, (asset, owner)), shape=(n, n), dtype=np.float32)
        t1 = time.perf_counter()
        b = seeds.copy()
        rounds = 0
        while True:
            rounds += 1
            s = mat @ b.astype(np.float32)
            nb = b | (s >= 50 - 1e-4)
            if np.array_equal(nb, b):
                break
            b = nb
        t2 = time.perf_counter()
        times.append(t2 - t0)
        builds.append(t1 - t0)
        blocked = int(b.sum())
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    st = sorted(times)
    print(json.dumps({"impl": "scipy.sparse", "n": n, "m": m, "first_s": round(times[0], 4),
                      "best_s": round(st[0], 4), "median_s": round(st[len(st) // 2], 4),
                      "build_s": round(min(builds), 4), "blocked": blocked, "rounds": rounds,
                      "peak_rss_MiB": round(rss, 1)}))


if __name__ == "__main__":
    main()
