// main.js: the wiring. The store holds what the analyst did; sync()
// fetches what that needs (once per request, cached), derives the graph
// to draw from the answers, lays it out and hands it to the view; every
// panel re-renders from the store and the dataset. The URL hash always
// holds the encoded state.

import { api } from "./api.js";
import { newDataset, mergeInto, buildGraph, sizeScale, colorScale, pathSets, cypherGraph } from "./model.js";
import { createStore, decodeState, encodeState, isEmpty } from "./state.js";
import { createView } from "./view.js";
import { settle, createLayout } from "./layout.js";
import { autocomplete } from "./search.js";
import { createDetails } from "./details.js";
import { createPathPanel } from "./path.js";
import { createCentralityPanel } from "./centrality.js";
import { createCypherPanel } from "./cypher.js";
import { createFiltersPanel, createLegend } from "./filters.js";
import { createExportPanel } from "./export.js";

// Small graphs open whole; larger ones open on the search box.
const OPEN_WHOLE_LIMIT = 1000;

const t0 = performance.now();
const $ = (id) => document.getElementById(id);
const ds = newDataset();
const answers = new Map(); // key -> {answer} | {error} | {pending: true}
const store = createStore(decodeState(location.hash));
let pendingFocus = null;
let firstGraphAt = null;
let tBuild = 0;

// ---- status line ----
const statusEl = $("status");
let statusTimer = null;
function status(msg, kind = "info") {
  statusEl.textContent = msg;
  statusEl.className = `status ${kind}`;
  clearTimeout(statusTimer);
  if (kind !== "error" && msg) statusTimer = setTimeout(() => status(""), 4000);
}

// ---- fetching ----
function want(key, fn, { quiet = false } = {}) {
  const have = answers.get(key);
  if (have) return have;
  const entry = { pending: true };
  answers.set(key, entry);
  fn().then(
    (answer) => {
      answers.set(key, { answer });
      scheduleSync();
    },
    (error) => {
      answers.set(key, { error });
      if (!quiet && !error.missing) status(error.message, "error");
      scheduleSync();
    },
  );
  return entry;
}

function ensureNode(id, opts) {
  return want(`node:${id}`, () => api.node(id).then((a) => (mergeInto(ds, a), a)), opts);
}

const keys = {
  // Node types are kept by the explorer, so they are not part of the request.
  expansion: (x) => `nb:${x.depth}|${x.rels.join(",")}|${x.statuses.join(",")}|${x.id}`,
  path: (p) => `path:${JSON.stringify(p)}`,
  // Scores for every node (the server's cap is 10,000) size the nodes;
  // the panel lists the top ones.
  centrality: (c) => `cent:${c.metric}`,
  cypher: (q) => `cypher:${q}`,
};

// Ask the server for what the page needs before building the renderer
// (compiling its WebGL programs takes a while): the first render then
// waits for whichever is slower, not for both in turn.
// A fresh visit opens small graphs whole (the dispatch runs once the
// answer is in, after this module has set everything up).
// The whole graph is asked for at once, alongside the stats, and the
// request is cancelled if the stats show a graph too large to open whole.
const loadAll = () => api.exportJSON().then((a) => (mergeInto(ds, a), a));
let startingStats = null;
if (isEmpty(store.get())) {
  const ctrl = new AbortController();
  want("all", () => api.exportJSON({ signal: ctrl.signal }).then((a) => (mergeInto(ds, a), a)), { quiet: true });
  startingStats = api.stats().then((stats) => {
    const n = countNodes(stats);
    if (n !== null && n <= OPEN_WHOLE_LIMIT && isEmpty(store.get())) {
      store.dispatch({ type: "load", state: { ...store.get(), all: true } });
    } else {
      ctrl.abort();
      answers.delete("all");
    }
    return stats;
  });
} else derive(store.get());

function nameOf(id) {
  return ds.nodes.get(id)?.name || id;
}

// ---- view ----
const layout = createLayout({
  onChange: (on) => {
    $("layout-btn").textContent = on ? "Stop layout" : "Run layout";
    $("layout-btn").setAttribute("aria-pressed", on ? "true" : "false");
  },
});

const view = createView($("canvas"), buildGraph(ds, []), {
  clickNode: (id) => store.dispatch({ type: "select", selection: { kind: "node", id } }),
  clickEdge: (id) => store.dispatch({ type: "select", selection: { kind: "edge", id } }),
  clickStage: () => store.dispatch({ type: "select", selection: null }),
  dragEnd: (id, x, y) => store.dispatch({ type: "pin", id, x, y }),
});

const tView = performance.now();
// Keys of what is drawn and how it is laid out (initially: nothing).
let drawnKey = "\u0001";
let layoutKey = "\u0001\u0002[]";

/**
 * derive lists the nodes and edges the state's sources bring, and
 * whether any answer is still pending.
 */
function derive(s) {
  const nodes = new Set();
  const edges = new Set();
  let pending = false;
  const take = (entry, { nodeList, edgeList }) => {
    if (entry.pending) pending = true;
    if (!entry.answer) return;
    for (const n of nodeList(entry.answer)) if (n && n.id) nodes.add(n.id);
    for (const e of edgeList(entry.answer)) if (e && e.id) edges.add(e.id);
  };
  const plain = { nodeList: (a) => a.nodes || [], edgeList: (a) => a.edges || [] };
  if (s.all) {
    const entry = want("all", loadAll);
    if (entry.error && !entry.error.missing && entry.error.name === "AbortError") answers.delete("all");
    take(entry, plain);
  }
  for (const id of s.seeds) {
    const entry = ensureNode(id);
    take(entry, { nodeList: (a) => [a.node], edgeList: (a) => a.edges || [] });
  }
  for (const x of s.expanded) {
    const entry = want(keys.expansion(x), () => api.neighbors(x.id, x).then((a) => (mergeInto(ds, a), a)));
    const keepType = (n) => x.types.length === 0 || n.id === x.id || x.types.includes(ds.nodes.get(n.id)?.type || n.type);
    take(entry, { nodeList: (a) => (a.nodes || []).filter(keepType), edgeList: plain.edgeList });
    if (entry.answer) ensureNode(x.id, { quiet: true });
    if (entry.answer && ds.nodes.has(x.id)) nodes.add(x.id);
  }
  let path = null;
  if (s.path) {
    path = want(keys.path(s.path), () => api.paths(s.path).then((a) => (mergeInto(ds, a.graph || {}), a)));
    take(path, {
      nodeList: (a) => [...(a.graph?.nodes || []), ...[...pathSets(a.paths).nodes].map((id) => ({ id }))],
      edgeList: (a) => [...(a.graph?.edges || []), ...[...pathSets(a.paths).edges].map((id) => ({ id }))],
    });
  }
  if (s.cypher) {
    const entry = want(keys.cypher(s.cypher), () => api.cypher(s.cypher).then((a) => (mergeInto(ds, cypherGraph(a)), a)));
    take(entry, { nodeList: (a) => cypherGraph(a).nodes, edgeList: (a) => cypherGraph(a).edges });
  }
  let cent = null;
  if (s.centrality) {
    cent = want(keys.centrality(s.centrality), () => api.centrality(s.centrality.metric, 10000));
    if (cent.pending) pending = true;
  }
  return { nodes, edges, pending, path, cent };
}

function sync() {
  const s = store.get();
  const d = derive(s);
  const hidden = new Set(s.hidden);
  const nodeIds = [...d.nodes].filter((id) => ds.nodes.has(id) && !hidden.has(id)).sort();
  const nodeSet = new Set(nodeIds);
  const edgeIds = [...d.edges]
    .filter((id) => {
      const e = ds.edges.get(id);
      return e && nodeSet.has(e.source) && nodeSet.has(e.target);
    })
    .sort();
  const newDrawnKey = `${nodeIds.join("\n")}\u0001${edgeIds.join("\n")}`;
  const pins = nodeIds.filter((id) => s.pinned[id]).map((id) => [id, s.pinned[id]]);
  const newLayoutKey = `${newDrawnKey}\u0002${JSON.stringify(pins)}`;
  const old = view.graph();

  if (newDrawnKey !== drawnKey || newLayoutKey !== layoutKey) {
    const g = buildGraph(ds, nodeIds, { hidden, edges: new Set(edgeIds) });
    for (const [id, p] of pins) {
      g.mergeNodeAttributes(id, { x: p.x, y: p.y, fixed: true });
    }
    layout.stop();
    performance.mark("bc:build");
    if (firstGraphAt === null) tBuild = performance.now();
    const settled = settle(g);
    performance.mark("bc:settled");
    if (newDrawnKey !== drawnKey) {
      // Animate from where nodes were to where they settle.
      const targets = {};
      g.forEachNode((id, a) => {
        targets[id] = { x: a.x, y: a.y };
        if (old.hasNode(id)) g.mergeNodeAttributes(id, { x: old.getNodeAttribute(id, "x"), y: old.getNodeAttribute(id, "y") });
      });
      view.setGraph(g);
      if (old.order > 0) view.animateTo(targets, 350);
    } else {
      // Same graph, new pins: move the nodes of the current graph.
      const targets = {};
      g.forEachNode((id, a) => (targets[id] = { x: a.x, y: a.y }));
      old.forEachNode((id) => old.setNodeAttribute(id, "fixed", Boolean(s.pinned[id])));
      view.animateTo(targets, 250);
    }
    performance.mark("bc:drawn");
    if (!settled && g.order > 0) layout.start(g, 6000);
    drawnKey = newDrawnKey;
    layoutKey = newLayoutKey;
    if (firstGraphAt === null && g.order > 0) {
      requestAnimationFrame(() => {
        firstGraphAt = performance.now();
        window.backchannel.timings.firstGraph = Math.round(firstGraphAt - t0);
        window.backchannel.timings.scriptStart = Math.round(t0);
        window.backchannel.timings.rendererReady = Math.round(tView - t0);
        // From the moment the graph's data was in hand to its first frame:
        // the explorer's own cost (build, layout, first draw).
        window.backchannel.timings.dataToFirstFrame = Math.round(firstGraphAt - tBuild);
        window.backchannel.timings.firstGraphSinceNavigation = Math.round(firstGraphAt);
        document.body.dataset.ready = "1";
      });
    }
  }

  // Look: filters, selection, path, centrality sizes.
  const look = { filters: s.filters, selected: s.selected, pinned: new Set(Object.keys(s.pinned)), pathNodes: null, pathEdges: null, sizes: null, colors: null, focus: null };
  if (d.path?.answer) {
    const ps = pathSets(d.path.answer.paths);
    look.pathNodes = ps.nodes;
    look.pathEdges = ps.edges;
  }
  if (d.cent?.answer) {
    const scores = (d.cent.answer.scores || []).filter((x) => nodeSet.has(x.id));
    if (s.centrality.by === "color") look.colors = colorScale(scores);
    else look.sizes = sizeScale(scores);
  }
  view.setLook(look);

  if (s.selected) {
    if (s.selected.kind === "node") ensureNode(s.selected.id, { quiet: true });
  }
  if (pendingFocus && view.graph().hasNode(pendingFocus)) {
    const id = pendingFocus;
    pendingFocus = null;
    setTimeout(() => view.focusNode(id), 380);
  }

  details.update();
  pathPanel.update();
  centPanel.update();
  cypherPanel.update();
  filtersPanel.update();
  exportPanel.update();
  $("undo-btn").disabled = !store.canUndo();
  $("counts").textContent = `${view.graph().order} nodes · ${view.graph().size} relationships${d.pending ? " · loading…" : ""}`;
  document.body.dataset.pending = d.pending ? "1" : "0";
  $("empty").hidden = !(view.graph().order === 0 && !d.pending);
}

let syncQueued = false;
function scheduleSync() {
  if (syncQueued) return;
  syncQueued = true;
  queueMicrotask(() => {
    syncQueued = false;
    try {
      sync();
    } catch (err) {
      console.error(err);
      status(`Drawing failed: ${err.message}`, "error");
    }
  });
}

// ---- panels ----
const ctx = {
  store,
  ds,
  status,
  nameOf,
  view: () => view,
  ensureNode: (id, opts) => ensureNode(id, opts),
  isDrawn: (kind, id) => (kind === "node" ? view.graph().hasNode(id) : view.graph().hasEdge(id)),
  showNode: (id, select = false) => {
    store.dispatch({ type: "addSeed", id });
    if (select) store.dispatch({ type: "select", selection: { kind: "node", id } });
    pendingFocus = id;
  },
  onExpand: (x) => store.dispatch({ type: "expand", expansion: x }),
  relationshipTypes: () => {
    const v = want("vocabulary", () => api.vocabulary(), { quiet: true });
    return Array.isArray(v.answer?.relationship_types) ? v.answer.relationship_types.filter((r) => r && typeof r.name === "string") : [];
  },
  pathAvoid: (id) => {
    const p = store.get().path;
    if (p) store.dispatch({ type: "path", path: { ...p, avoid: [...p.avoid, id] } });
    else pathPanel.addAvoid(id);
    openTab("path");
  },
  pathEnd: (which, id) => {
    pathPanel.setEnd(which, id);
    openTab("path");
  },
  pathAnswer: () => {
    const p = store.get().path;
    return p ? answers.get(keys.path(p)) || null : null;
  },
  centralityAnswer: () => {
    const c = store.get().centrality;
    return c ? answers.get(keys.centrality(c)) || null : null;
  },
  cypherAnswer: () => {
    const q = store.get().cypher;
    return q ? answers.get(keys.cypher(q)) || null : null;
  },
};
const pending = (entry) => (entry && entry.pending ? null : entry);
for (const k of ["pathAnswer", "centralityAnswer", "cypherAnswer"]) {
  const f = ctx[k];
  ctx[k] = () => pending(f());
}

const details = createDetails($("details"), ctx);
const pathPanel = createPathPanel($("tab-path"), ctx);
const centPanel = createCentralityPanel($("tab-centrality"), ctx);
const cypherPanel = createCypherPanel($("tab-cypher"), ctx);
const filtersPanel = createFiltersPanel($("tab-filters"), ctx);
const exportPanel = createExportPanel($("tab-export"), ctx);
createLegend($("legend"));

function openTab(name) {
  for (const b of document.querySelectorAll("[role=tab]")) {
    const on = b.dataset.tab === name;
    b.setAttribute("aria-selected", on ? "true" : "false");
    $(`tab-${b.dataset.tab}`).hidden = !on;
  }
}
for (const b of document.querySelectorAll("[role=tab]")) b.addEventListener("click", () => openTab(b.dataset.tab));

autocomplete($("search"), {
  onPick: (r) => {
    ctx.showNode(r.id, true);
    $("search").value = "";
  },
  onError: (err) => status(err.message, "error"),
});

// ---- toolbar and keys ----
$("undo-btn").addEventListener("click", () => store.undo());
$("clear-btn").addEventListener("click", () => store.dispatch({ type: "clear" }));
$("fit-btn").addEventListener("click", () => view.resetCamera());
$("layout-btn").addEventListener("click", () => (layout.running() ? layout.stop() : layout.start(view.graph())));
$("share-btn").addEventListener("click", async () => {
  try {
    await navigator.clipboard.writeText(location.href);
    status("Link copied: it reproduces this view.");
  } catch {
    status("Copy the address bar: the link reproduces this view.");
  }
});
document.addEventListener("keydown", (e) => {
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
  if ((e.ctrlKey || e.metaKey) && e.key === "z" && !typing) {
    e.preventDefault();
    store.undo();
  } else if (e.key === "Escape" && !typing) {
    store.dispatch({ type: "select", selection: null });
  } else if ((e.key === "Delete" || e.key === "Backspace") && !typing) {
    const sel = store.get().selected;
    if (sel?.kind === "node") store.dispatch({ type: "hide", id: sel.id });
  }
});

// ---- URL ----
store.subscribe((s) => {
  const hash = encodeState(s);
  if (location.hash.replace(/^#/, "") !== hash) history.replaceState(null, "", hash ? `#${hash}` : location.pathname + location.search);
  scheduleSync();
});
window.addEventListener("hashchange", () => {
  if (location.hash.replace(/^#/, "") !== encodeState(store.get())) {
    store.dispatch({ type: "load", state: decodeState(location.hash) });
  }
});

// ---- start ----
window.backchannel = { store, view, ds, layout, timings: {}, nodePosition, edgeMidpoint };
/** nodePosition gives a node's position in the page, for tests and tools. */
function nodePosition(id) {
  const g = view.graph();
  if (!g.hasNode(id)) return null;
  const p = view.renderer.graphToViewport(g.getNodeAttributes(id));
  const r = $("canvas").getBoundingClientRect();
  return { x: r.left + p.x, y: r.top + p.y };
}

/**
 * edgeMidpoint gives the page position of the middle of a drawn edge,
 * straight or curved (the same quadratic Bézier as @sigma/edge-curve).
 */
function edgeMidpoint(id) {
  const g = view.graph();
  if (!g.hasEdge(id)) return null;
  const a = nodePosition(g.source(id));
  const b = nodePosition(g.target(id));
  const d = view.renderer.getEdgeDisplayData(id);
  if (!a || !b || !d) return null;
  const c = d.type === "arrow" ? 0 : d.curvature || 0;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  return { x: (a.x + b.x) / 2 + 0.5 * c * dy, y: (a.y + b.y) / 2 - 0.5 * c * dx };
}

async function start() {
  const s = store.get();
  if (s.path) openTab("path");
  else if (s.cypher) openTab("cypher");
  else if (s.centrality) openTab("centrality");
  else openTab("filters");
  scheduleSync();
  if (startingStats) {
    try {
      await startingStats;
    } catch (err) {
      status(err.message, "error");
    }
  }
}

function countNodes(stats) {
  if (!stats || typeof stats !== "object") return null;
  for (const k of ["nodes", "node_count", "nodeCount"]) {
    const v = stats[k];
    if (Number.isFinite(v)) return v;
    if (v && typeof v === "object" && Number.isFinite(v.total)) return v.total;
    if (v && typeof v === "object") {
      const sum = Object.values(v).filter(Number.isFinite).reduce((a, b) => a + b, 0);
      if (sum > 0) return sum;
    }
  }
  return null;
}

start();
