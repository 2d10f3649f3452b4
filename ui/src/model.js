// model.js: API JSON to graphology, and every other pure function the
// explorer needs (filters, styles). Nothing here touches the DOM, sigma or
// the network, so `node --test` runs it as is. The lists of node types
// and statuses come from the server (vocab.js); this file only says how
// each one looks, with a fallback for names it does not know.
//
// As in gephi-lite's GraphDataset, the data records (nodes and edges with
// their evidence) live in a Dataset, apart from the graph used for
// rendering: buildGraph derives that graph, carrying only what sigma draws
// plus the ids to look the records up again.

import { MultiDirectedGraph } from "graphology";
import { shortLabel } from "./labels.js";

// Colours per node type (a colour-blind-safe palette, Okabe-Ito).
export const NODE_COLORS = {
  person: "#0072b2",
  organization: "#e69f00",
  office: "#009e73",
  event: "#cc79a7",
  document: "#7f7f7f",
};
export const OTHER_NODE_COLOR = "#999999";

// Edge style per status. Dashes need the dashed program (view.js); the
// colours alone already tell the statuses apart, and the legend says so.
export const EDGE_STYLES = {
  confirmed: { color: "#333333", size: 2.5, dashed: false, label: "confirmed: on the record" },
  reported: { color: "#4477aa", size: 2, dashed: false, label: "reported by the publication" },
  alleged: { color: "#ee7733", size: 2, dashed: true, label: "alleged by sources" },
  disputed: { color: "#cc3311", size: 2.5, dashed: true, label: "disputed: alleged and denied" },
  refuted: { color: "#7a1fa2", size: 2, dashed: true, label: "refuted: found false by an official review, inquiry or court" },
  retracted: { color: "#aa66cc", size: 2, dashed: true, label: "retracted: withdrawn or conceded by whoever asserted it" },
  unreported: { color: "#bbbbbb", size: 1, dashed: true, label: "not yet reported as of the chosen date" },
};

export const OTHER_EDGE_STYLE = { color: "#777777", size: 2, dashed: true, label: "" };

/** nodeColor is a node type's colour. */
export function nodeColor(type) {
  return NODE_COLORS[type] || OTHER_NODE_COLOR;
}

/** edgeStyle is a status's look; an unknown status is drawn dashed grey. */
export function edgeStyle(status) {
  return EDGE_STYLES[status] || { ...OTHER_EDGE_STYLE, label: String(status) };
}

// DEFAULT_EDGE_CURVATURE is @sigma/edge-curve's; repeated here because that
// package needs WebGL to be imported.
export const DEFAULT_EDGE_CURVATURE = 0.25;

/** newDataset returns an empty store of node and edge records. */
export function newDataset() {
  return { nodes: new Map(), edges: new Map() };
}

/**
 * mergeInto adds the nodes and edges of an API answer ({nodes, edges}, or
 * the {node, edges, neighbors} of /api/nodes/:id) to ds, and returns the
 * ids it brought, so a caller can remember what one request contributed.
 * Records already present are replaced by the newer copy, except that a
 * record with more fields wins over a thinner one.
 */
export function mergeInto(ds, answer) {
  const nodes = [];
  const edges = [];
  if (!answer || typeof answer !== "object") return { nodes, edges };
  const list = [];
  if (answer.node) list.push(answer.node);
  for (const key of ["nodes", "neighbors"]) {
    if (Array.isArray(answer[key])) list.push(...answer[key]);
  }
  for (const n of list) {
    if (!n || typeof n.id !== "string" || n.id === "") continue;
    ds.nodes.set(n.id, normalizeNode({ ...(ds.nodes.get(n.id) || {}), ...n }));
    nodes.push(n.id);
  }
  for (const e of Array.isArray(answer.edges) ? answer.edges : []) {
    if (!e || typeof e.id !== "string" || typeof e.source !== "string" || typeof e.target !== "string") continue;
    ds.edges.set(e.id, normalizeEdge({ ...(ds.edges.get(e.id) || {}), ...e }));
    edges.push(e.id);
  }
  return { nodes, edges };
}

function normalizeNode(n) {
  return {
    ...n,
    name: typeof n.name === "string" && n.name !== "" ? n.name : n.id,
    aliases: Array.isArray(n.aliases) ? n.aliases : [],
  };
}

function normalizeEdge(e) {
  return {
    ...e,
    status: typeof e.status === "string" && e.status !== "" ? e.status : "reported",
    evidence: Array.isArray(e.evidence) ? e.evidence : [],
  };
}

/**
 * hash32 is FNV-1a over a string: a deterministic seed for initial
 * positions, so the same state always draws the same picture.
 */
export function hash32(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** initialPosition places a node on a disc, from its id alone. */
export function initialPosition(id) {
  const h = hash32(id);
  const angle = ((h & 0xffff) / 0x10000) * 2 * Math.PI;
  const r = 10 + ((h >>> 16) / 0x10000) * 90;
  return { x: r * Math.cos(angle), y: r * Math.sin(angle) };
}

/**
 * curvature spreads n parallel edges: index runs from min to max (as
 * indexParallelEdges gives them), 0 meaning straight.
 */
export function curvature(index, maxIndex) {
  if (maxIndex <= 0) return 0;
  if (index < 0) return -curvature(-index, maxIndex);
  const amplitude = 3.5;
  const maxCurvature = amplitude * (1 - Math.exp(-maxIndex / amplitude)) * DEFAULT_EDGE_CURVATURE;
  return (maxCurvature * index) / maxIndex;
}

/**
 * parallelGroups assigns each edge of graph a curvature, so that edges
 * joining the same two nodes (in either direction) are drawn apart. A
 * lone edge gets 0. Edges of a group are ordered by id, so the result is
 * deterministic. The curvature is relative to the edge's own direction,
 * so an edge B->A beside A->B is flipped to keep them apart.
 */
export function parallelCurvatures(graph) {
  const groups = new Map();
  graph.forEachEdge((edge, _attr, source, target) => {
    const key = source < target ? `${source}\u0000${target}` : `${target}\u0000${source}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push({ edge, forward: source < target });
  });
  const out = new Map();
  for (const list of groups.values()) {
    if (list.length === 1) {
      out.set(list[0].edge, 0);
      continue;
    }
    list.sort((a, b) => (a.edge < b.edge ? -1 : a.edge > b.edge ? 1 : 0));
    // n edges: indices -(n-1)/2 .. (n-1)/2 in steps of 1, skipping 0 for
    // even n, so every edge of a group is curved and none overlaps.
    const n = list.length;
    const max = n - 1;
    list.forEach((item, i) => {
      const index = 2 * i - max; // -max, -max+2, ..., max
      const c = curvature(index, max) || DEFAULT_EDGE_CURVATURE / 2;
      out.set(item.edge, item.forward ? c : -c);
    });
  }
  return out;
}

/**
 * dateBounds returns [start, end) of a partial date as comparable strings
 * of the form YYYY-MM-DD; null for an empty or malformed date.
 */
export function dateBounds(d) {
  if (typeof d !== "string") return null;
  let m;
  if ((m = /^(\d{4})$/.exec(d))) {
    return [`${m[1]}-01-01`, `${String(+m[1] + 1).padStart(4, "0")}-01-01`];
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(d))) {
    const y = +m[1];
    const mo = +m[2];
    if (mo < 1 || mo > 12) return null;
    const next = mo === 12 ? `${String(y + 1).padStart(4, "0")}-01` : `${m[1]}-${String(mo + 1).padStart(2, "0")}`;
    return [`${d}-01`, `${next}-01`];
  }
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d))) {
    const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
    // Date.UTC rolls 2021-02-29 over to March: a day the month lacks is malformed.
    if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== d) return null;
    const next = new Date(t + 86400000).toISOString().slice(0, 10);
    return [d, next];
  }
  return null;
}

/**
 * inWindow mirrors graph.Window.Contains for "as of" (Before) and After:
 * an edge is kept when the period it may cover overlaps the window.
 * Undated edges are kept unless requireDate: an undated claim is not
 * evidence that the relationship is outside the window. Both are held to
 * graph/testdata/date-window.json.
 */
export function inWindow(edge, { before = "", after = "", requireDate = false } = {}) {
  const start = dateBounds(edge.date);
  if (!start) return !requireDate;
  if (before) {
    const b = dateBounds(before);
    if (b && !(start[0] < b[1])) return false;
  }
  if (after) {
    const a = dateBounds(after);
    if (a) {
      const end = dateBounds(edge.end_date) || start;
      if (!(end[1] > a[0])) return false;
    }
  }
  return true;
}

/**
 * dateRange returns the earliest and latest months mentioned by the
 * edges of ds (as "YYYY-MM"), for the date slider; null if none is dated.
 */
export function dateRange(edges) {
  let lo = null;
  let hi = null;
  for (const e of edges) {
    // the dates statuses changed too, so that the slider reaches them
    for (const d of [e.date, e.end_date, ...(Array.isArray(e.timeline) ? e.timeline.map((s) => s.date) : [])]) {
      const b = dateBounds(d);
      if (!b) continue;
      const m = b[0].slice(0, 7);
      // the last month the date can mean: "2025" reaches 2025-12
      const last = new Date(Date.parse(`${b[1]}T00:00:00Z`) - 86400000).toISOString().slice(0, 7);
      if (lo === null || m < lo) lo = m;
      if (hi === null || last > hi) hi = last;
    }
  }
  return lo === null ? null : { min: lo, max: hi };
}

/** monthsBetween lists every "YYYY-MM" from min to max inclusive. */
export function monthsBetween(min, max) {
  const out = [];
  let [y, m] = min.split("-").map(Number);
  const [ye, me] = max.split("-").map(Number);
  while (y < ye || (y === ye && m <= me)) {
    out.push(`${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
    if (out.length > 12 * 300) break;
  }
  return out;
}

/**
 * buildGraph derives the graph to draw: the nodes of ds named in visible
 * (minus hidden), and every edge of ds whose two ends are drawn. Nodes and
 * edges are added in id order, so equal inputs give equal graphs.
 * positions (Map id -> {x, y}) keeps nodes where they were; other nodes
 * start from initialPosition. edges, when given, limits the edges drawn to
 * those ids (the ones the exploration's sources brought), so what is drawn
 * depends on the state alone, not on which panels were opened.
 */
export function buildGraph(ds, visible, { hidden = new Set(), positions = new Map(), edges = null } = {}) {
  const g = new MultiDirectedGraph();
  const ids = [...new Set(visible)].filter((id) => ds.nodes.has(id) && !hidden.has(id)).sort();
  for (const id of ids) {
    const n = ds.nodes.get(id);
    const pos = positions.get(id) || initialPosition(id);
    g.addNode(id, {
      x: pos.x,
      y: pos.y,
      // Short on the canvas, whole on hover; a document says whose it is.
      label: shortLabel(n.type === "document" && n.props?.outlet ? `${n.props.outlet}: ${n.name}` : n.name),
      fullLabel: n.name,
      nodeType: n.type,
      color: nodeColor(n.type),
      size: 6,
    });
  }
  const edgeIds = [...(edges || ds.edges.keys())].filter((id) => ds.edges.has(id)).sort();
  for (const id of edgeIds) {
    const e = ds.edges.get(id);
    if (!g.hasNode(e.source) || !g.hasNode(e.target)) continue;
    const style = edgeStyle(e.status);
    g.addDirectedEdgeWithKey(id, e.source, e.target, {
      label: e.type,
      relType: e.type,
      status: e.status,
      timeline: Array.isArray(e.timeline) ? e.timeline : [],
      date: e.date || "",
      end_date: e.end_date || "",
      color: style.color,
      size: style.size,
    });
  }
  for (const [edge, c] of parallelCurvatures(g)) {
    g.setEdgeAttribute(edge, "curvature", c);
  }
  // Node size from degree, so hubs stand out before any metric is chosen.
  g.forEachNode((id) => {
    g.setNodeAttribute(id, "size", 5 + Math.min(12, Math.sqrt(g.degree(id)) * 2.2));
  });
  return g;
}

/**
 * isEdgeShown says whether the display filters keep an edge: its status is
 * selected and its date is inside the "as of" window.
 */
export function isEdgeShown(attrs, filters) {
  if (filters.statuses && !filters.statuses.includes(attrs.status)) return false;
  if (filters.rels && !filters.rels.includes(attrs.relType)) return false;
  if (filters.asOf && !inWindow(attrs, { before: filters.asOf })) return false;
  return true;
}

/** isNodeShown says whether the node-type filter keeps a node. */
export function isNodeShown(attrs, filters) {
  return !filters.types || filters.types.includes(attrs.nodeType);
}

/**
 * safeURL returns u if it is an http(s) URL, else "": data carries URLs,
 * and a javascript: one must never become a link.
 */
export function safeURL(u) {
  if (typeof u !== "string") return "";
  try {
    const p = new URL(u);
    return p.protocol === "http:" || p.protocol === "https:" ? p.href : "";
  } catch {
    return "";
  }
}

/**
 * rankScores sorts centrality scores, best first, ties by id; and
 * sizeScale maps a score to a node size between lo and hi.
 */
export function rankScores(scores) {
  return [...scores]
    .filter((s) => s && typeof s.id === "string" && Number.isFinite(s.score))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}

export function sizeScale(scores, lo = 4, hi = 24) {
  let min = Infinity;
  let max = -Infinity;
  for (const s of scores) {
    if (s.score < min) min = s.score;
    if (s.score > max) max = s.score;
  }
  const m = new Map();
  for (const s of scores) {
    const t = max > min ? (s.score - min) / (max - min) : 0.5;
    m.set(s.id, lo + Math.sqrt(t) * (hi - lo));
  }
  return m;
}

/**
 * colorScale maps scores to colours from pale (lowest) to dark red
 * (highest), on a square-root scale like sizeScale.
 */
export function colorScale(scores, lo = [254, 232, 200], hi = [179, 0, 0]) {
  const sizes = sizeScale(scores, 0, 1);
  const m = new Map();
  for (const [id, t] of sizes) {
    const c = lo.map((v, i) => Math.round(v + (hi[i] - v) * t));
    m.set(id, `#${c.map((v) => v.toString(16).padStart(2, "0")).join("")}`);
  }
  return m;
}

/**
 * pathSets collects the node and edge ids of the paths of a /api/paths
 * answer, for highlighting.
 */
export function pathSets(paths) {
  const nodes = new Set();
  const edges = new Set();
  for (const p of paths || []) {
    for (const n of p.nodes || []) nodes.add(n);
    for (const e of p.edges || []) edges.add(e);
  }
  return { nodes, edges };
}

/**
 * cypherGraph turns a Cypher console answer into {nodes, edges} when the
 * server gives one ("graph"), else an empty graph.
 */
export function cypherGraph(answer) {
  const g = answer && answer.graph;
  return {
    nodes: Array.isArray(g?.nodes) ? g.nodes : [],
    edges: Array.isArray(g?.edges) ? g.edges : [],
  };
}

/** cellText renders one Cypher table cell as text. */
export function cellText(v) {
  if (v == null) return "";
  if (typeof v === "object") {
    if (typeof v.source === "string" && typeof v.target === "string" && typeof v.type === "string") {
      return `${v.source} —${v.type}→ ${v.target}${v.status ? ` (${v.status})` : ""}`;
    }
    if (typeof v.name === "string" && typeof v.id === "string") return `${v.name} (${v.id})`;
    return JSON.stringify(v);
  }
  return String(v);
}
