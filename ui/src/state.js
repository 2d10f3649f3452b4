// state.js: the one exploration state, the actions that change it, undo,
// and its encoding in the URL. Pure: main.js subscribes to the store and
// turns state into requests and a picture.
//
// The state says what the analyst did, not what the server answered: the
// graph on screen is derived from it (and from the cache of answers), so
// a link that carries the state reproduces the view.

// Node types, statuses and metrics are the server's vocabulary
// (/api/vocabulary): the state keeps any well-formed name, and a name the
// server does not know gets its error from the server.
const NAME = /^[a-z][a-z0-9_]*$/;

export const PATH_MODES = ["shortest", "all", "k", "weighted"];

/** initialState is an empty exploration. */
export function initialState() {
  return {
    all: false, // the whole graph is a source (small graphs start this way)
    seeds: [], // nodes put on the canvas from search or a link
    expanded: [], // {id, depth, types: [], statuses: []}; empty list = any
    hidden: [],
    pinned: {}, // id -> {x, y}
    selected: null, // {kind: "node" | "edge", id}
    // types, statuses, rels (relationship types): null = all; isolated:
    // hide nodes none of whose relationships is shown.
    filters: { types: null, statuses: null, rels: null, asOf: "", isolated: false },
    path: null, // {from, to, mode, k, statuses: [], rels: [], before, maxHops, avoid: []}
    centrality: null, // {metric, top, by: "size" | "color", actors: bool}
    cypher: "", // the last query run; its graph is on the canvas
    // The document open in the reader, and where: "q<i>~<edge>" (the
    // edge's i-th piece of evidence) or "c<start>-<end>" (code points).
    reading: null, // {doc, at}
    name: "", // the view's name, when the analyst saved it as a named view
  };
}

function uniq(list) {
  return [...new Set(list)];
}

function sameExpansion(a, b) {
  return (
    a.id === b.id &&
    a.depth === b.depth &&
    a.types.join(",") === b.types.join(",") &&
    a.statuses.join(",") === b.statuses.join(",") &&
    a.rels.join(",") === b.rels.join(",")
  );
}

const REL_TYPE = /^[A-Z][A-Z0-9_]*$/;

function normList(list) {
  if (!Array.isArray(list)) return [];
  return uniq(list.filter((x) => typeof x === "string" && NAME.test(x))).sort();
}

/**
 * normalizeExpansion fills defaults and orders the filter lists. types
 * are node types (kept by the explorer), rels relationship types and
 * statuses (both asked of the server).
 */
export function normalizeExpansion(x) {
  const depth = Math.min(3, Math.max(1, Number.parseInt(x.depth, 10) || 1));
  const rels = uniq((Array.isArray(x.rels) ? x.rels : []).filter((r) => REL_TYPE.test(r))).sort();
  return { id: String(x.id), depth, types: normList(x.types), statuses: normList(x.statuses), rels };
}

/**
 * reduce applies one action to a state and returns the new state; the old
 * one is never mutated.
 */
export function reduce(state, action) {
  const s = structuredClone(state);
  switch (action.type) {
    case "addSeed":
      s.seeds = uniq([...s.seeds, action.id]);
      s.hidden = s.hidden.filter((h) => h !== action.id);
      return s;
    case "expand": {
      const x = normalizeExpansion(action.expansion || action);
      if (!s.expanded.some((e) => sameExpansion(e, x))) s.expanded.push(x);
      s.hidden = s.hidden.filter((h) => h !== x.id);
      return s;
    }
    case "hide":
      s.hidden = uniq([...s.hidden, ...(action.ids || [action.id])]);
      if (s.selected && s.selected.kind === "node" && s.hidden.includes(s.selected.id)) s.selected = null;
      for (const id of s.hidden) delete s.pinned[id];
      return s;
    case "unhideAll":
      s.hidden = [];
      return s;
    case "pin":
      s.pinned[action.id] = { x: round(action.x), y: round(action.y) };
      return s;
    case "unpin":
      delete s.pinned[action.id];
      return s;
    case "select":
      s.selected = action.selection || null;
      return s;
    case "filters":
      s.filters = { ...s.filters, ...action.filters };
      // null keeps every type (status); the panel sends null when all are ticked.
      for (const k of ["types", "statuses"]) s.filters[k] = Array.isArray(s.filters[k]) ? normList(s.filters[k]) : null;
      s.filters.asOf = typeof s.filters.asOf === "string" ? s.filters.asOf : "";
      s.filters.rels = Array.isArray(s.filters.rels) ? uniq(s.filters.rels.filter((r) => REL_TYPE.test(r))).sort() : null;
      if (s.filters.rels && s.filters.rels.length === 0) s.filters.rels = null;
      s.filters.isolated = Boolean(s.filters.isolated);
      return s;
    case "path":
      s.path = action.path ? normalizePath(action.path) : null;
      return s;
    case "centrality":
      s.centrality = action.centrality && NAME.test(action.centrality.metric)
        ? { metric: action.centrality.metric, top: clampInt(action.centrality.top, 1, 1000, 20), by: action.centrality.by === "color" ? "color" : "size", actors: Boolean(action.centrality.actors) }
        : null;
      return s;
    case "cypher":
      s.cypher = String(action.query || "");
      return s;
    case "name":
      s.name = String(action.name || "").replace(/\s+/g, " ").trim().slice(0, 120);
      return s;
    case "read":
      s.reading = action.doc ? { doc: String(action.doc), at: normalizeAt(action.at) } : null;
      return s;
    case "all":
      s.all = Boolean(action.on);
      return s;
    case "clear":
      return { ...initialState(), filters: s.filters };
    case "load":
      return { ...initialState(), ...structuredClone(action.state) };
    default:
      throw new Error(`state: unknown action ${action.type}`);
  }
}

function round(v) {
  return Math.round(Number(v) * 100) / 100 || 0;
}

function clampInt(v, lo, hi, def) {
  const n = Number.parseInt(v, 10);
  if (!Number.isFinite(n)) return def;
  return Math.min(hi, Math.max(lo, n));
}

/** normalizeAt keeps a reader position only if it is well formed. */
export function normalizeAt(at) {
  const v = String(at || "");
  return /^q\d+~.+$/.test(v) || /^c\d+-\d+$/.test(v) ? v : "";
}

/** normalizePath fills the defaults of a path query. */
export function normalizePath(p) {
  return {
    from: String(p.from || ""),
    to: String(p.to || ""),
    mode: PATH_MODES.includes(p.mode) ? p.mode : "shortest",
    k: clampInt(p.k, 1, 20, 3),
    maxHops: clampInt(p.maxHops, 1, 12, 6),
    statuses: normList(p.statuses),
    // Relationship types and "as of" (YYYY or YYYY-MM), as the API's
    // types= and before= take them; anything else is dropped.
    rels: uniq((Array.isArray(p.rels) ? p.rels : []).map(String).filter((r) => /^[A-Z][A-Z_]*$/.test(r))),
    before: /^\d{4}(-(0[1-9]|1[0-2]))?$/.test(String(p.before || "")) ? String(p.before) : "",
    avoid: uniq(Array.isArray(p.avoid) ? p.avoid.filter(Boolean).map(String) : []),
  };
}

/**
 * createStore holds the state and its history: every change (a
 * selection, an expansion, a filter, a pin...) is an entry, so undo and
 * redo step through what the analyst looked at, as the browser's Back and
 * Forward do (main.js keeps the two in step: entry i of the store is the
 * history entry whose state says {bc: i}). Subscribers get (state,
 * action, {replace}) after every change; action.type is "undo", "redo" or
 * "go" for moves through the history.
 */
export function createStore(init = initialState(), { limit = 200 } = {}) {
  let entries = [init];
  let index = 0;
  const subs = new Set();
  const notify = (action, meta = { replace: false }) => {
    for (const fn of subs) fn(entries[index], action, meta);
  };
  return {
    get: () => entries[index],
    index: () => index,
    canUndo: () => index > 0,
    canRedo: () => index < entries.length - 1,
    /**
     * dispatch applies an action and records a new entry (dropping any
     * redo); replace: true changes the current entry instead (the opening
     * view, a link followed). An action that changes nothing records
     * nothing.
     */
    dispatch(action, { replace = false } = {}) {
      const state = entries[index];
      const next = reduce(state, action);
      if (JSON.stringify(next) === JSON.stringify(state)) return state;
      if (replace) entries[index] = next;
      else {
        entries = entries.slice(0, index + 1);
        entries.push(next);
        if (entries.length > limit) entries.shift();
        index = entries.length - 1;
      }
      notify(action, { replace });
      return next;
    },
    undo() {
      if (index === 0) return false;
      index--;
      notify({ type: "undo" });
      return true;
    },
    redo() {
      if (index >= entries.length - 1) return false;
      index++;
      notify({ type: "redo" });
      return true;
    },
    /** go moves to entry i (Back and Forward); false if there is none. */
    go(i) {
      if (!Number.isInteger(i) || i < 0 || i >= entries.length) return false;
      if (i === index) return true;
      index = i;
      notify({ type: "go" });
      return true;
    },
    subscribe(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
  };
}

// URL encoding. The hash holds URLSearchParams, one repeated key per list
// item, so any id survives (URLSearchParams percent-encodes it):
//   all=1  n=<seed>  x=<depth>~<types,>~<statuses,>~<rels,>~<id>  h=<hidden>
//   pin=<id>~<x>~<y>  sel=n~<id> | e~<id>  ft=<types,>  fs=<statuses,>
//   (path: pf, pt, pm, pk, ph, ps=<statuses,>, pr=<relationship types,>, pb=<as of>, pa=<avoid>)
//   asof=YYYY-MM  pf pt pm pk ph ps pa (path)  cm ct (centrality)  q (Cypher)
// "~" and "," never occur in node ids (graph.ValidID) nor in the
// vocabularies, and ids are placed last where they could.

/** encodeState returns the URL hash (without "#") for a state. */
export function encodeState(s) {
  const p = new URLSearchParams();
  if (s.all) p.set("all", "1");
  for (const id of s.seeds) p.append("n", id);
  for (const x of s.expanded) p.append("x", [x.depth, x.types.join(","), x.statuses.join(","), x.rels.join(","), x.id].join("~"));
  for (const id of s.hidden) p.append("h", id);
  for (const id of Object.keys(s.pinned).sort()) p.append("pin", [s.pinned[id].x, s.pinned[id].y, id].join("~"));
  if (s.selected) p.set("sel", `${s.selected.kind === "edge" ? "e" : "n"}~${s.selected.id}`);
  if (s.filters.types) p.set("ft", s.filters.types.join(","));
  if (s.filters.statuses) p.set("fs", s.filters.statuses.join(","));
  if (s.filters.asOf) p.set("asof", s.filters.asOf);
  if (s.filters.rels) p.set("fr", s.filters.rels.join(","));
  if (s.filters.isolated) p.set("fi", "1");
  if (s.path) {
    p.set("pf", s.path.from);
    p.set("pt", s.path.to);
    p.set("pm", s.path.mode);
    if (s.path.mode === "k") p.set("pk", String(s.path.k));
    p.set("ph", String(s.path.maxHops));
    if (s.path.statuses.length) p.set("ps", s.path.statuses.join(","));
    if (s.path.rels.length) p.set("pr", s.path.rels.join(","));
    if (s.path.before) p.set("pb", s.path.before);
    for (const a of s.path.avoid) p.append("pa", a);
  }
  if (s.centrality) {
    p.set("cm", s.centrality.metric);
    p.set("ct", String(s.centrality.top));
    if (s.centrality.by === "color") p.set("cb", "color");
    if (s.centrality.actors) p.set("ca", "1");
  }
  if (s.cypher) p.set("q", s.cypher);
  if (s.name) p.set("name", s.name);
  if (s.reading) {
    p.set("rd", s.reading.doc);
    if (s.reading.at) p.set("ra", s.reading.at);
  }
  return p.toString();
}

function splitList(v) {
  return v ? v.split(",").filter(Boolean) : [];
}

/**
 * decodeState reads a URL hash (with or without "#") back into a state;
 * anything malformed is dropped rather than trusted.
 */
export function decodeState(hash) {
  const p = new URLSearchParams(String(hash || "").replace(/^#/, ""));
  const s = initialState();
  s.all = p.get("all") === "1";
  s.seeds = uniq(p.getAll("n").filter(Boolean));
  for (const v of p.getAll("x")) {
    const parts = v.split("~");
    if (parts.length < 5) continue;
    const id = parts.slice(4).join("~");
    if (!id) continue;
    const x = normalizeExpansion({ id, depth: parts[0], types: splitList(parts[1]), statuses: splitList(parts[2]), rels: splitList(parts[3]) });
    if (!s.expanded.some((e) => sameExpansion(e, x))) s.expanded.push(x);
  }
  s.hidden = uniq(p.getAll("h").filter(Boolean));
  for (const v of p.getAll("pin")) {
    const parts = v.split("~");
    if (parts.length < 3) continue;
    const x = Number(parts[0]);
    const y = Number(parts[1]);
    const id = parts.slice(2).join("~");
    if (id && Number.isFinite(x) && Number.isFinite(y)) s.pinned[id] = { x, y };
  }
  const sel = p.get("sel");
  if (sel && /^[ne]~./.test(sel)) s.selected = { kind: sel[0] === "e" ? "edge" : "node", id: sel.slice(2) };
  const filters = {};
  if (p.has("ft")) filters.types = splitList(p.get("ft"));
  if (p.has("fs")) filters.statuses = splitList(p.get("fs"));
  if (p.has("asof") && /^\d{4}(-\d{2}){0,2}$/.test(p.get("asof"))) filters.asOf = p.get("asof");
  if (p.has("fr")) filters.rels = splitList(p.get("fr"));
  filters.isolated = p.get("fi") === "1";
  s.filters = reduce(s, { type: "filters", filters }).filters;
  if (p.get("pf") && p.get("pt")) {
    s.path = normalizePath({
      from: p.get("pf"),
      to: p.get("pt"),
      mode: p.get("pm"),
      k: p.get("pk"),
      maxHops: p.get("ph"),
      statuses: splitList(p.get("ps")),
      rels: splitList(p.get("pr")),
      before: p.get("pb"),
      avoid: p.getAll("pa"),
    });
  }
  if (NAME.test(p.get("cm") || "")) s.centrality = { metric: p.get("cm"), top: clampInt(p.get("ct"), 1, 1000, 20), by: p.get("cb") === "color" ? "color" : "size", actors: p.get("ca") === "1" };
  s.cypher = p.get("q") || "";
  s.name = (p.get("name") || "").replace(/\s+/g, " ").trim().slice(0, 120);
  if (p.get("rd")) s.reading = { doc: p.get("rd"), at: normalizeAt(p.get("ra")) };
  return s;
}

/** isEmpty reports whether a state shows nothing yet (a fresh visit). */
export function isEmpty(s) {
  return !s.all && s.seeds.length === 0 && s.expanded.length === 0 && !s.path && !s.cypher && !s.centrality;
}
