// main.js: the wiring. The store holds what the analyst did (and its
// history, which the browser's Back and Forward walk); sync() asks the
// cache for what the state needs (derive.sources), derives what is drawn
// and what the filters show (derive.js), hands the drawn graph to the
// scene and the look to the view, and lets every panel re-render. The URL
// hash always holds the encoded state.

import { api } from "./api.js";
import { newDataset, mergeInto, sizeScale, colorScale, pathSets, cypherGraph, buildGraph } from "./model.js";
import { createStore, decodeState, encodeState, isEmpty } from "./state.js";
import { createCache } from "./cache.js";
import { keys, sources, drawn, shown, neighboursShown, rankedShown, effectivePath } from "./derive.js";
import { emptyVocabulary, parseVocabulary, ACTOR_TYPES } from "./vocab.js";
import { createView } from "./view.js";
import { createLayout } from "./layout.js";
import { createScene } from "./scene.js";
import { autocomplete } from "./search.js";
import { createDetails } from "./details.js";
import { createPathPanel } from "./path.js";
import { createCentralityPanel } from "./centrality.js";
import { watchWarm } from "./warm.js";
import { createCypherPanel } from "./cypher.js";
import { createFiltersPanel, createLegend } from "./filters.js";
import { createExportPanel } from "./export.js";
import { createReader } from "./reader.js";
import { createStatementsPanel } from "./statements.js";
import { createReport } from "./report.js";

// Small graphs open whole; larger ones open on the search box.
const OPEN_WHOLE_LIMIT = 1000;

const t0 = performance.now();
const $ = (id) => document.getElementById(id);
const ds = newDataset();
const store = createStore(decodeState(location.hash));
let vocab = emptyVocabulary();
let pendingFocus = null;
let firstGraphAt = null;
let tBuild = 0;
// What the last sync derived: the drawn ids and what the filters show.
let current = { drawn: { nodes: [], edges: [], pending: true }, visible: { nodes: new Set(), edges: new Set() } };

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
const cache = createCache({ onSettle: () => scheduleSync(), onError: (err) => status(err.message, "error") });
const merged = (p) => p.then((a) => (mergeInto(ds, a), a));
const fetchers = {
  all: () => merged(api.exportJSON()),
  node: (src) => merged(api.node(src.id)),
  expansion: (src) => merged(api.neighbors(src.x.id, src.x)),
  path: (src) => api.paths(src.path).then((a) => (mergeInto(ds, a.graph || {}), a)),
  cypher: (src) => api.cypher(src.query).then((a) => (mergeInto(ds, cypherGraph(a)), a)),
  centrality: (src) => api.centrality(src.centrality.metric, 10000, { statuses: src.filters.statuses || [], rels: src.filters.rels || [], before: src.filters.asOf || "" }),
};
function ensureNode(id, opts) {
  return cache.want(keys.node(id), () => fetchers.node({ id }), opts);
}

// The vocabulary builds the filters and menus; the stats decide whether a
// fresh visit opens the whole graph. Both are asked for before the
// renderer is built (compiling its WebGL programs takes a while), and the
// whole graph with them, cancelled if the stats show it too large.
api.vocabulary().then(
  (a) => {
    vocab = parseVocabulary(a);
    scheduleSync();
  },
  (err) => status(`Cannot read the vocabulary: ${err.message}`, "error"),
);
watchWarm($("warm"), () => api.stats());
let startingStats = null;
if (isEmpty(store.get())) {
  const ctrl = new AbortController();
  cache.want(keys.all(), () => merged(api.exportJSON({ signal: ctrl.signal })), { quiet: true });
  startingStats = api.stats().then((stats) => {
    const n = Number.isFinite(stats?.nodes) ? stats.nodes : null;
    if (n !== null && n <= OPEN_WHOLE_LIMIT && isEmpty(store.get())) {
      store.dispatch({ type: "all", on: true }, { replace: true });
    } else {
      ctrl.abort();
    }
    return stats;
  });
}

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
const scene = createScene(view, layout);
const tView = performance.now();

function sync() {
  const s = store.get();
  for (const src of sources(s)) cache.want(src.key, () => fetchers[src.kind](src), { quiet: src.quiet });
  const d = drawn(s, cache.get, ds);
  const visible = shown(ds, d.nodes, d.edges, s.filters);
  current = { drawn: d, visible };

  if (scene.show(ds, d.nodes, d.edges, s.pinned)) {
    if (firstGraphAt === null) tBuild = performance.now();
    if (firstGraphAt === null && d.nodes.length > 0) markFirstGraph();
  }

  // Look: what the filters show, selection, path, centrality.
  const sel = s.selected;
  const look = {
    visible,
    neighbours: sel?.kind === "node" ? neighboursShown(ds, sel.id, visible) : new Set(),
    selected: sel,
    pinned: new Set(Object.keys(s.pinned)),
    pathNodes: null,
    pathEdges: null,
    sizes: null,
    colors: null,
    focus: null,
  };
  if (d.path?.answer) {
    const ps = pathSets(d.path.answer.paths);
    look.pathNodes = ps.nodes;
    look.pathEdges = ps.edges;
  }
  if (d.cent?.answer) {
    const scores = rankedShown(d.cent.answer.scores, ds, visible, { actorsOnly: s.centrality.actors, actorTypes: ACTOR_TYPES });
    if (s.centrality.by === "color") look.colors = colorScale(scores);
    else look.sizes = sizeScale(scores);
  }
  view.setLook(look);

  if (pendingFocus && view.graph().hasNode(pendingFocus)) {
    const id = pendingFocus;
    pendingFocus = null;
    setTimeout(() => view.focusNode(id), 380);
  }

  for (const p of panels) p.update();
  $("undo-btn").disabled = !store.canUndo();
  $("redo-btn").disabled = !store.canRedo();
  const filtered = visible.nodes.size !== d.nodes.length || visible.edges.size !== d.edges.length;
  $("counts").textContent =
    `${visible.nodes.size} nodes · ${visible.edges.size} relationships` +
    (filtered ? ` shown (of ${d.nodes.length} · ${d.edges.length})` : "") +
    (d.pending ? " · loading…" : "");
  document.body.dataset.pending = d.pending ? "1" : "0";
  $("empty").hidden = !(d.nodes.length === 0 && !d.pending);
}

function markFirstGraph() {
  requestAnimationFrame(() => {
    firstGraphAt = performance.now();
    const t = window.backchannel.timings;
    t.firstGraph = Math.round(firstGraphAt - t0);
    t.scriptStart = Math.round(t0);
    t.rendererReady = Math.round(tView - t0);
    // From the moment the graph's data was in hand to its first frame:
    // the explorer's own cost (build, layout, first draw).
    t.dataToFirstFrame = Math.round(firstGraphAt - tBuild);
    t.firstGraphSinceNavigation = Math.round(firstGraphAt);
    document.body.dataset.ready = "1";
  });
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
const answerOf = (key) => {
  const e = key ? cache.get(key) : null;
  return e && !e.pending ? e : null;
};
const ctx = {
  store,
  ds,
  status,
  nameOf,
  view: () => view,
  vocab: () => vocab,
  visible: () => current.visible,
  ensureNode,
  isDrawn: (kind, id) => (kind === "node" ? view.graph().hasNode(id) : view.graph().hasEdge(id)),
  showNode: (id, select = false) => {
    store.dispatch({ type: "addSeed", id });
    if (select) store.dispatch({ type: "select", selection: { kind: "node", id } });
    pendingFocus = id;
  },
  onExpand: (x) => store.dispatch({ type: "expand", expansion: x }),
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
  pathAnswer: () => answerOf(store.get().path ? keys.path(effectivePath(store.get())) : null),
  centralityAnswer: () => answerOf(store.get().centrality ? keys.centrality(store.get().centrality, store.get().filters) : null),
  cypherAnswer: () => answerOf(store.get().cypher ? keys.cypher(store.get().cypher) : null),
  printReport: () => report.print(),
  documentAnswer: (id) => {
    const e = cache.want(keys.document(id), () => api.document(id), { quiet: true });
    return e.pending ? null : e;
  },
};

const details = createDetails($("details"), ctx);
const report = createReport($("report"), ctx);
const pathPanel = createPathPanel($("tab-path"), ctx);
const panels = [
  details,
  pathPanel,
  createCentralityPanel($("tab-centrality"), ctx),
  createCypherPanel($("tab-cypher"), ctx),
  createFiltersPanel($("tab-filters"), ctx),
  createExportPanel($("tab-export"), ctx),
  createLegend($("legend"), ctx),
  createStatementsPanel($("tab-statements"), ctx),
  createReader($("reader"), ctx),
];

function openTab(name) {
  for (const b of document.querySelectorAll("[role=tab]")) {
    const on = b.dataset.tab === name;
    b.setAttribute("aria-selected", on ? "true" : "false");
    $(`tab-${b.dataset.tab}`).hidden = !on;
  }
}
for (const b of document.querySelectorAll("[role=tab]")) b.addEventListener("click", () => openTab(b.dataset.tab));

autocomplete($("search"), {
  text: true,
  nameOf,
  placeholder: "Search names, quotes and documents",
  onPick: (r) => {
    $("search").value = "";
    if (r.kind === "quote") {
      // The claim, with its passage shown in the document.
      store.dispatch({ type: "select", selection: { kind: "edge", id: r.edge } });
      store.dispatch({ type: "read", doc: r.document, at: `q${r.index || 0}~${r.edge}` });
    } else if (r.kind === "text") store.dispatch({ type: "read", doc: r.document, at: `c${r.start}-${r.end}` });
    else ctx.showNode(r.id, true);
  },
  onError: (err) => status(err.message, "error"),
});

// ---- history: the store's entries are the browser's ----
// Undo and Redo are the browser's Back and Forward, so both walk the same
// entries: each history entry's state says which store entry it is.
let fromBrowser = false;
const undo = () => store.canUndo() && history.back();
const redo = () => store.canRedo() && history.forward();
history.replaceState({ bc: store.index() }, "", location.href);
store.subscribe((s, action, meta) => {
  const hash = encodeState(s);
  const url = hash ? `#${hash}` : location.pathname + location.search;
  const moved = action.type === "go" || action.type === "undo" || action.type === "redo";
  if (!moved) {
    if (meta.replace || fromBrowser) history.replaceState({ bc: store.index() }, "", url);
    else history.pushState({ bc: store.index() }, "", url);
  }
  scheduleSync();
});
window.addEventListener("popstate", (e) => {
  const want = location.hash.replace(/^#/, "");
  const i = e.state?.bc;
  if (Number.isInteger(i) && store.go(i) && encodeState(store.get()) === want) return;
  // A link typed or followed, or an entry from before a reload: the URL
  // is the state.
  fromBrowser = true;
  try {
    store.dispatch({ type: "load", state: decodeState(location.hash) });
  } finally {
    fromBrowser = false;
  }
});

// ---- toolbar and keys ----
$("undo-btn").addEventListener("click", undo);
$("redo-btn").addEventListener("click", redo);
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
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !typing && (e.key === "y" || (e.key.toLowerCase() === "z" && e.shiftKey))) {
    e.preventDefault();
    redo();
  } else if (mod && !typing && e.key === "z") {
    e.preventDefault();
    undo();
  } else if (e.key === "Escape" && !typing) {
    store.dispatch({ type: "select", selection: null });
  } else if ((e.key === "Delete" || e.key === "Backspace") && !typing) {
    const sel = store.get().selected;
    if (sel?.kind === "node") store.dispatch({ type: "hide", id: sel.id });
  }
});

// ---- start ----
window.backchannel = { store, view, ds, layout, timings: {}, nodePosition, edgeMidpoint, visible: () => current.visible, buildReport: () => report.build() };
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

start();
