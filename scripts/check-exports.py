#!/usr/bin/env python3
"""Read backchannel's GraphML, GEXF and node-link exports back with networkx
and compare them with the native JSON export: the same nodes and edges, and
every attribute with the same value.

    python3 scripts/check-exports.py DIR

DIR holds export.json, export.graphml, export.gexf and export.node-link.json
of one graph (the Go test TestNetworkxReadsExports writes them). Exit 0 when
everything matches, 1 with one line per difference otherwise.
"""
import json
import sys
from pathlib import Path

import networkx as nx

NODE_FIELDS = ["type", "name", "aliases", "description", "kind", "date", "url", "props"]
EDGE_FIELDS = ["type", "status", "date", "end_date", "description", "evidence", "props"]


def native(path):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    nodes = {n["id"]: {f: n.get(f) for f in NODE_FIELDS} for n in data["nodes"]}
    edges = {
        e["id"]: dict({f: e.get(f) for f in EDGE_FIELDS}, source=e["source"], target=e["target"])
        for e in data["edges"]
    }
    return nodes, edges


def empty(v):
    return v in (None, "", [], {})


def same(a, b):
    return (empty(a) and empty(b)) or a == b


def from_text_attrs(d):
    """GraphML and GEXF carry lists, props and evidence as JSON text."""
    out = dict(d)
    for k in ("aliases", "props", "evidence"):
        if isinstance(out.get(k), str):
            out[k] = json.loads(out[k])
    return out


def compare(fmt, g, nodes, edges, problems):
    def bad(msg):
        problems.append(f"{fmt}: {msg}")

    if g.number_of_nodes() != len(nodes):
        bad(f"{g.number_of_nodes()} nodes, native JSON has {len(nodes)}")
    if g.number_of_edges() != len(edges):
        bad(f"{g.number_of_edges()} edges, native JSON has {len(edges)}")
    for nid, want in nodes.items():
        if nid not in g.nodes:
            bad(f"node {nid} missing")
            continue
        got = from_text_attrs(g.nodes[nid])
        for f in NODE_FIELDS:
            if not same(got.get(f), want[f]):
                bad(f"node {nid} {f}: got {got.get(f)!r}, want {want[f]!r}")
    seen = set()
    for u, v, key, data in g.edges(keys=True, data=True):
        got = from_text_attrs(data)
        eid = got.get("id", key)
        seen.add(eid)
        want = edges.get(eid)
        if want is None:
            bad(f"edge {eid!r} ({u} -> {v}) is not in the native JSON")
            continue
        if (u, v) != (want["source"], want["target"]):
            bad(f"edge {eid}: {u} -> {v}, want {want['source']} -> {want['target']}")
        for f in EDGE_FIELDS:
            if not same(got.get(f), want[f]):
                bad(f"edge {eid} {f}: got {got.get(f)!r}, want {want[f]!r}")
        if fmt != "node-link":
            ev = want["evidence"] or []
            counts = {
                "evidence_count": len(ev),
                "evidence_supports": sum(1 for x in ev if x["stance"] == "supports"),
                "evidence_denies": sum(1 for x in ev if x["stance"] == "denies"),
                "evidence_refutes": sum(1 for x in ev if x["stance"] == "refutes"),
                "evidence_retracts": sum(1 for x in ev if x["stance"] == "retracts"),
                "evidence_questions": sum(1 for x in ev if x["stance"] == "questions"),
            }
            for k, n in counts.items():
                if got.get(k) != n:
                    bad(f"edge {eid} {k}: got {got.get(k)!r}, want {n} (an integer)")
            for k, field in (("evidence_quotes", "quote"), ("evidence_paraphrases", "paraphrase"),
                             ("evidence_kinds", "kind"), ("evidence_dates", "date"), ("evidence_documents", "document"),
                             ("evidence_attributed_to", "attributed_to"), ("evidence_stances", "stance")):
                if json.loads(got.get(k, "[]")) != [x.get(field, "") for x in ev]:
                    bad(f"edge {eid} {k}: got {got.get(k)!r}")
    for eid in edges.keys() - seen:
        bad(f"edge {eid} missing")


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    d = Path(argv[1])
    nodes, edges = native(d / "export.json")
    problems = []
    compare("graphml", nx.read_graphml(d / "export.graphml"), nodes, edges, problems)
    gexf = nx.read_gexf(d / "export.gexf")
    # GEXF keeps the name as the node label; networkx reads it as "label".
    for _, data in gexf.nodes(data=True):
        data.setdefault("name", data.get("label"))
    compare("gexf", gexf, nodes, edges, problems)
    with open(d / "export.node-link.json", encoding="utf-8") as f:
        nl = nx.node_link_graph(json.load(f), edges="edges")
    compare("node-link", nl, nodes, edges, problems)
    for p in problems:
        print(p)
    print(f"checked graphml, gexf and node-link: {len(nodes)} nodes, {len(edges)} edges, {len(problems)} difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
