#!/usr/bin/env python3
"""networkx Louvain on the graph leiden_bench wrote (same files, same run).

    networkx_louvain.py DIR [SEED]
prints one JSON line like `leiden_bench run`: seconds (graph build and Louvain), modularity,
NMI against the planted partition, communities, peak RSS.
"""
import json
import math
import resource
import sys
import time
from array import array
from collections import Counter

import networkx as nx
from networkx.algorithms.community import louvain_communities, modularity


def nmi(a, b):
    n = len(a)
    ca, cb, cab = Counter(a), Counter(b), Counter(zip(a, b))
    ha = -sum(x / n * math.log(x / n) for x in ca.values())
    hb = -sum(x / n * math.log(x / n) for x in cb.values())
    mi = sum(x / n * math.log((x / n) / (ca[i] / n * cb[j] / n)) for (i, j), x in cab.items())
    return 2 * mi / (ha + hb) if ha + hb > 0 else 1.0


def main():
    d = sys.argv[1]
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    edges, truth = array("I"), array("I")
    with open(f"{d}/edges.u32", "rb") as f:
        edges.frombytes(f.read())
    with open(f"{d}/truth.u32", "rb") as f:
        truth.frombytes(f.read())
    t0 = time.perf_counter()
    g = nx.Graph()
    g.add_nodes_from(range(len(truth)))
    for i in range(0, len(edges), 2):
        u, v = edges[i], edges[i + 1]
        if g.has_edge(u, v):
            g[u][v]["weight"] += 1
        else:
            g.add_edge(u, v, weight=1)
    build = time.perf_counter() - t0
    t1 = time.perf_counter()
    comms = louvain_communities(g, weight="weight", seed=seed)
    secs = time.perf_counter() - t1
    member = [0] * len(truth)
    for c, nodes in enumerate(comms):
        for v in nodes:
            member[v] = c
    q = modularity(g, comms, weight="weight")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"impl": f"networkx {nx.__version__} louvain", "build_s": build,
                      "best_s": secs, "median_s": secs, "first_s": secs, "modularity": q,
                      "nmi": nmi(member, list(truth)), "communities": len(comms), "passes": 0,
                      "peak_rss_MiB": rss}))


if __name__ == "__main__":
    main()
