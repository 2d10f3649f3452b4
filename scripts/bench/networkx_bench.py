"""networkx on gobench's graph: same edges, pairs and sources.

Usage: python networkx_bench.py DIR [BETWEENNESS_SOURCES]
       (writes DIR/networkx.json)

networkx's betweenness is pure Python; on large graphs pass fewer
sources than 64: the time is then scaled to 64 sources and marked so.
"""
import sys
import time

import networkx as nx

from common import load, median, pagerank_l1, save, timed, warm_pairs

d = sys.argv[1]
n, edges, pairs, sources = load(d)
nsrc = int(sys.argv[2]) if len(sys.argv) > 2 else len(sources)
res = {"tool": "networkx", "version": nx.__version__}

def build():
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges.tolist())
    return g, g.to_undirected(as_view=True)

res["load_s"], (g, u) = timed(build)

# networkx stops when the summed change is below N x tol: tol = 1e-10/N
# makes that the same 1e-10 L1 as the others.
res["pagerank_s"], pr = timed(nx.pagerank, g, alpha=0.85, tol=1e-10 / n, max_iter=10000)
res["pagerank_l1_vs_go"] = pagerank_l1(d, [pr[i] for i in range(n)])

bfs = []
for _ in range(3):
    t, out = timed(nx.single_source_shortest_path_length, u, int(sources[0]))
    bfs.append(t)
res["bfs_s"] = median(bfs)
res["bfs_reached"] = len(out)

for s, t in warm_pairs(d):
    try:
        nx.bidirectional_shortest_path(u, int(s), int(t))
    except nx.NetworkXNoPath:
        pass
sp, hops = [], []
for s, t in pairs:
    # a pair without a path is timed too (the search that proves it)
    t0 = time.perf_counter()
    try:
        path = nx.bidirectional_shortest_path(u, int(s), int(t))
        hops.append(len(path) - 1)
    except nx.NetworkXNoPath:
        hops.append(-1)
    sp.append(time.perf_counter() - t0)
res["shortest_path_median_s"] = median(sp)
res["shortest_path_hops"] = hops

cc = []
for _ in range(3):
    dt, c = timed(nx.number_weakly_connected_components, g)
    cc.append(dt)
res["components_s"] = median(cc)
res["components"] = c

src = [int(s) for s in sources[:nsrc]]
dt, _ = timed(nx.betweenness_centrality_subset, u, src, list(range(n)), normalized=False)
res["betweenness64_s"] = dt * len(sources) / nsrc
res["betweenness_sources_run"] = nsrc
save(d, "networkx", res)
