"""Shared helpers for the peer benchmarks: read gobench's files, time."""
import json
import os
import sys
import time

import numpy as np


def load(dirname):
    edges = np.fromfile(os.path.join(dirname, "edges.bin"), dtype="<i4").reshape(-1, 2)
    pairs = np.fromfile(os.path.join(dirname, "pairs.bin"), dtype="<i4").reshape(-1, 2)
    sources = np.fromfile(os.path.join(dirname, "sources.bin"), dtype="<i4")
    with open(os.path.join(dirname, "go.json")) as f:
        n = json.load(f)["nodes"]
    return n, edges, pairs, sources


def warm_pairs(dirname):
    """Pairs to answer untimed before the timed ones (see gobench)."""
    return np.fromfile(os.path.join(dirname, "warmpairs.bin"), dtype="<i4").reshape(-1, 2)


def timed(fn, *args, **kw):
    t0 = time.perf_counter()
    out = fn(*args, **kw)
    return time.perf_counter() - t0, out


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2]


def save(dirname, name, res):
    with open(os.path.join(dirname, name + ".json"), "w") as f:
        json.dump(res, f, indent=1)
    json.dump(res, sys.stdout, indent=1)
    print()


def pagerank_l1(dirname, values):
    go = np.fromfile(os.path.join(dirname, "pagerank.go.bin"), dtype="<f8")
    return float(np.abs(go - np.asarray(values)).sum())


def betweenness_maxrel(dirname, values):
    go = np.fromfile(os.path.join(dirname, "betweenness.go.bin"), dtype="<f8")
    v = np.asarray(values, dtype=float)
    return float(np.abs(go - v).max() / max(1.0, np.abs(go).max()))
