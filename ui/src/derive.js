// derive.js: from the state to what is drawn and what is shown. Pure: it
// reads the state, the cache of answers (a get(key) function) and the
// dataset of records, and returns sets of ids; main.js does the fetching
// that sources() asks for, and the view and panels read the result.
//
// Two steps:
//   - drawn: the nodes and edges the state's sources bring (whole graph,
//     nodes added from search, expansions, path, Cypher result), minus
//     hidden nodes. This is the graph on the canvas, laid out.
//   - shown: what of the drawn graph the filters keep (node types,
//     statuses, relationship types, as of, nodes left without a shown
//     relationship). Counters, panels, highlights, path and centrality
//     lists all read this one answer.

import { statusAsOf } from "./timeline.js";
import { pathSets, cypherGraph, isEdgeShown, isNodeShown } from "./model.js";

/** keys names each request, so equal requests share one answer. */
export const keys = {
  all: () => "all",
  node: (id) => `node:${id}`,
  // Node types are kept by the explorer, so they are not part of the request.
  expansion: (x) => `nb:${x.depth}|${x.rels.join(",")}|${x.statuses.join(",")}|${x.id}`,
  path: (p) => `path:${JSON.stringify(p)}`,
  // Scores for every node (the server's cap is 10,000) size the nodes; the
  // panel lists the top ones. The status, relationship-type and as-of
  // filters shape the graph the metric is computed on.
  centrality: (c, f) => `cent:${c.metric}|${(f.statuses || []).join(",")}|${(f.rels || []).join(",")}|${f.asOf || ""}`,
  cypher: (q) => `cypher:${q}`,
  document: (id) => `doc:${id}`,
};

/**
 * effectivePath is the path query as asked of the server: the path
 * finder's own filters, and where it sets none, the display filters
 * (statuses, relationship types, as of); hidden nodes are avoided. A path
 * the canvas would not show is never offered.
 */
export function effectivePath(s) {
  const p = s.path;
  if (!p) return null;
  const f = s.filters;
  return {
    ...p,
    statuses: p.statuses.length ? p.statuses : f.statuses || [],
    rels: p.rels.length ? p.rels : f.rels || [],
    before: p.before || (/^\d{4}(-\d{2})?/.exec(f.asOf || "")?.[0] ?? ""),
    avoid: [...new Set([...p.avoid, ...s.hidden])],
  };
}

/**
 * sources lists the requests a state needs: {key, kind, ...}, kind one of
 * all, node, expansion, path, cypher, centrality. quiet ones report no
 * error (their absence is visible anyway).
 */
export function sources(s) {
  const out = [];
  if (s.all) out.push({ key: keys.all(), kind: "all", quiet: true });
  for (const id of s.seeds) out.push({ key: keys.node(id), kind: "node", id });
  for (const x of s.expanded) out.push({ key: keys.expansion(x), kind: "expansion", x });
  if (s.path) out.push({ key: keys.path(effectivePath(s)), kind: "path", path: effectivePath(s) });
  if (s.cypher) out.push({ key: keys.cypher(s.cypher), kind: "cypher", query: s.cypher });
  if (s.centrality) out.push({ key: keys.centrality(s.centrality, s.filters), kind: "centrality", centrality: s.centrality, filters: s.filters });
  if (s.selected?.kind === "node") out.push({ key: keys.node(s.selected.id), kind: "node", id: s.selected.id, quiet: true });
  return out;
}

/**
 * drawn returns {nodes, edges, pending, path, cent}: the sorted ids of the
 * nodes and edges to draw, whether an answer is still awaited, and the
 * path and centrality cache entries (or null).
 */
export function drawn(s, get, ds) {
  const nodes = new Set();
  const edges = new Set();
  let pending = false;
  const take = (entry, nodeList, edgeList) => {
    if (!entry) {
      pending = true;
      return;
    }
    if (entry.pending) pending = true;
    if (!entry.answer) return;
    for (const n of nodeList(entry.answer)) if (n && n.id) nodes.add(n.id);
    for (const e of edgeList(entry.answer)) if (e && e.id) edges.add(e.id);
  };
  const plainNodes = (a) => a.nodes || [];
  const plainEdges = (a) => a.edges || [];
  if (s.all) take(get(keys.all()), plainNodes, plainEdges);
  for (const id of s.seeds) take(get(keys.node(id)), (a) => [a.node], plainEdges);
  for (const x of s.expanded) {
    const entry = get(keys.expansion(x));
    const keepType = (n) => x.types.length === 0 || n.id === x.id || x.types.includes(ds.nodes.get(n.id)?.type || n.type);
    take(entry, (a) => plainNodes(a).filter(keepType), plainEdges);
    if (entry?.answer) nodes.add(x.id);
  }
  let path = null;
  if (s.path) {
    path = get(keys.path(effectivePath(s)));
    take(
      path,
      (a) => [...(a.graph?.nodes || []), ...[...pathSets(a.paths).nodes].map((id) => ({ id }))],
      (a) => [...(a.graph?.edges || []), ...[...pathSets(a.paths).edges].map((id) => ({ id }))],
    );
  }
  if (s.cypher) take(get(keys.cypher(s.cypher)), (a) => cypherGraph(a).nodes, (a) => cypherGraph(a).edges);
  let cent = null;
  if (s.centrality) {
    cent = get(keys.centrality(s.centrality, s.filters));
    if (!cent || cent.pending) pending = true;
  }
  const hidden = new Set(s.hidden);
  const nodeIds = [...nodes].filter((id) => ds.nodes.has(id) && !hidden.has(id)).sort();
  const nodeSet = new Set(nodeIds);
  const edgeIds = [...edges]
    .filter((id) => {
      const e = ds.edges.get(id);
      return e && nodeSet.has(e.source) && nodeSet.has(e.target);
    })
    .sort();
  return { nodes: nodeIds, edges: edgeIds, pending, path, cent };
}

/**
 * edgeAttrs gives an edge record the attribute names the filters read;
 * its status is the one as of asOf (see timeline.js), so the status
 * filters apply to what was known then.
 */
export function edgeAttrs(e, asOf = "") {
  return { status: statusAsOf(e, asOf), relType: e.type, date: e.date || "", end_date: e.end_date || "" };
}

/**
 * shown applies the filters to drawn ids: {nodes, edges} (Sets) that the
 * filters keep. An edge is shown when it passes the filters and both its
 * ends are shown; with filters.isolated, a node is shown only if one of
 * its shown-type relationships is.
 */
export function shown(ds, nodeIds, edgeIds, filters) {
  const typeOK = new Set(nodeIds.filter((id) => isNodeShown({ nodeType: ds.nodes.get(id)?.type }, filters)));
  const edges = new Set();
  for (const id of edgeIds) {
    const e = ds.edges.get(id);
    if (e && typeOK.has(e.source) && typeOK.has(e.target) && isEdgeShown(edgeAttrs(e, filters.asOf), filters)) edges.add(id);
  }
  let nodes = typeOK;
  if (filters.isolated) {
    nodes = new Set();
    for (const id of edges) {
      const e = ds.edges.get(id);
      nodes.add(e.source);
      nodes.add(e.target);
    }
  }
  return { nodes, edges };
}

/**
 * recordShown says whether an edge record (drawn or not: the node panel
 * lists every relationship the dataset knows) passes the filters.
 */
export function recordShown(ds, e, filters) {
  return isEdgeShown(edgeAttrs(e, filters.asOf), filters) && [e.source, e.target].every((id) => !ds.nodes.has(id) || isNodeShown({ nodeType: ds.nodes.get(id).type }, filters));
}

/**
 * neighboursShown lists the nodes joined to id by a shown edge: a node
 * joined only by hidden relationships is not highlighted as a neighbour.
 */
export function neighboursShown(ds, id, visible) {
  const out = new Set();
  for (const eid of visible.edges) {
    const e = ds.edges.get(eid);
    if (e.source === id) out.add(e.target);
    else if (e.target === id) out.add(e.source);
  }
  return out;
}

/**
 * rankedShown keeps the centrality scores of shown nodes, and of actors
 * only when actorsOnly: what the ranked list and the sizes read.
 */
export function rankedShown(scores, ds, visible, { actorsOnly = false, actorTypes = [] } = {}) {
  return (scores || []).filter((x) => x && visible.nodes.has(x.id) && (!actorsOnly || actorTypes.includes(ds.nodes.get(x.id)?.type)));
}

/**
 * viewRecords returns the records (as the API gave them) of the nodes and
 * edges shown: the native JSON graph of the current view, {nodes, edges},
 * sorted by id, for the exports.
 */
export function viewRecords(ds, visible) {
  const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    nodes: [...visible.nodes].map((id) => ds.nodes.get(id)).filter(Boolean).sort(byId),
    edges: [...visible.edges].map((id) => ds.edges.get(id)).filter(Boolean).sort(byId),
  };
}
