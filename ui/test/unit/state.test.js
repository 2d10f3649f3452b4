import { test } from "node:test";
import assert from "node:assert/strict";
import { initialState, reduce, createStore, encodeState, decodeState, isEmpty, normalizePath } from "../../src/state.js";

test("actions change a copy of the state", () => {
  const s0 = initialState();
  const s1 = reduce(s0, { type: "addSeed", id: "person:han-dong" });
  assert.deepEqual(s0.seeds, []);
  assert.deepEqual(s1.seeds, ["person:han-dong"]);
  const s2 = reduce(s1, { type: "expand", id: "person:han-dong", types: ["person", "office", "<b>", "Person"], statuses: [] });
  assert.deepEqual(s2.expanded, [{ id: "person:han-dong", depth: 1, types: ["office", "person"], statuses: [], rels: [] }]);
  const s2r = reduce(s1, { type: "expand", expansion: { id: "person:han-dong", rels: ["ADVISED", "bad type", "CONTACTED"] } });
  assert.deepEqual(s2r.expanded[0].rels, ["ADVISED", "CONTACTED"]);
  assert.equal(reduce(s2, { type: "expand", id: "person:han-dong", types: ["person", "office"] }).expanded.length, 1);
  const s3 = reduce(reduce(s2, { type: "select", selection: { kind: "node", id: "person:x" } }), { type: "hide", id: "person:x" });
  assert.equal(s3.selected, null);
  assert.deepEqual(s3.hidden, ["person:x"]);
  assert.deepEqual(reduce(s3, { type: "addSeed", id: "person:x" }).hidden, []);
  const f = reduce(s0, { type: "filters", filters: { statuses: ["disputed", "confirmed"] } });
  assert.deepEqual(f.filters.statuses, ["confirmed", "disputed"]);
  // Any well-formed name is kept (the vocabulary is the server's); null is "all".
  assert.deepEqual(reduce(f, { type: "filters", filters: { statuses: ["refuted", "x y", "disputed"] } }).filters.statuses, ["disputed", "refuted"]);
  assert.equal(reduce(f, { type: "filters", filters: { statuses: null } }).filters.statuses, null);
  assert.throws(() => reduce(s0, { type: "nope" }), /unknown action nope/);
  const c = reduce(s0, { type: "centrality", centrality: { metric: "pagerank", top: "5000" } });
  assert.deepEqual(c.centrality, { metric: "pagerank", top: 1000, by: "size", actors: false });
  assert.equal(reduce(s0, { type: "centrality", centrality: { metric: "in_degree", actors: 1 } }).centrality.actors, true);
  assert.equal(reduce(s0, { type: "centrality", centrality: { metric: "Bogus!" } }).centrality, null);
  const cleared = reduce(f, { type: "clear" });
  assert.deepEqual(cleared.filters, f.filters);
  assert.equal(isEmpty(cleared), true);
});

test("undo and redo walk every change, selections included", () => {
  const store = createStore();
  const seen = [];
  store.subscribe((_s, a) => seen.push(a.type));
  store.dispatch({ type: "addSeed", id: "a" });
  store.dispatch({ type: "expand", id: "a" });
  store.dispatch({ type: "select", selection: { kind: "node", id: "a" } });
  store.dispatch({ type: "hide", id: "b" });
  store.dispatch({ type: "hide", id: "b" }); // no change: no entry
  store.dispatch({ type: "pin", id: "a", x: 1.234, y: 2 });
  assert.equal(store.index(), 5);
  assert.deepEqual(store.get().pinned, { a: { x: 1.23, y: 2 } });
  assert.equal(store.undo(), true);
  assert.deepEqual(store.get().pinned, {});
  assert.equal(store.undo(), true);
  assert.deepEqual(store.get().hidden, []);
  assert.deepEqual(store.get().selected, { kind: "node", id: "a" });
  assert.equal(store.undo(), true);
  assert.equal(store.get().selected, null, "undo steps back through the selection");
  assert.equal(store.get().expanded.length, 1, "and only the selection");
  assert.equal(store.redo(), true);
  assert.deepEqual(store.get().selected, { kind: "node", id: "a" });
  assert.equal(store.go(1), true);
  assert.deepEqual(store.get().seeds, ["a"]);
  assert.equal(store.get().expanded.length, 0);
  assert.equal(store.go(9), false);
  assert.equal(store.undo(), true);
  assert.equal(store.undo(), false);
  assert.equal(store.canUndo(), false);
  assert.equal(store.canRedo(), true);
  // A new change drops what could be redone.
  store.dispatch({ type: "addSeed", id: "z" });
  assert.equal(store.canRedo(), false);
  assert.equal(store.index(), 1);
  // replace changes the current entry without a new one.
  store.dispatch({ type: "all", on: true }, { replace: true });
  assert.equal(store.index(), 1);
  assert.equal(store.get().all, true);
  assert.deepEqual(seen, ["addSeed", "expand", "select", "hide", "pin", "undo", "undo", "undo", "redo", "go", "undo", "addSeed", "all"]);
});

test("the URL carries the whole state and back", () => {
  let s = initialState();
  const actions = [
    { type: "all", on: true },
    { type: "addSeed", id: "person:han-dong" },
    { type: "addSeed", id: "person:odd~id,with&chars=" },
    { type: "expand", id: "person:han-tao", depth: 2, types: ["person"], statuses: ["disputed", "alleged"] },
    { type: "expand", expansion: { id: "person:han-dong", rels: ["ADVISED"] } },
    { type: "hide", id: "document:article" },
    { type: "pin", id: "person:han-dong", x: -12.5, y: 3 },
    { type: "select", selection: { kind: "edge", id: "edge:dong-advised~tao" } },
    { type: "filters", filters: { types: ["person", "office"], statuses: ["disputed"], asOf: "2021-02", rels: ["ADVISED", "nope"], isolated: true } },
    { type: "path", path: { from: "person:han-dong", to: "person:michael-kovrig", mode: "k", k: 4, statuses: ["confirmed"], rels: ["ADVISED", "CONTACTED"], before: "2021-02", avoid: ["person:x"] } },
    { type: "centrality", centrality: { metric: "betweenness", top: 10, by: "color", actors: true } },
    { type: "cypher", query: "MATCH (n) RETURN n LIMIT 5 // é & #" },
    { type: "read", doc: "doc:article", at: "q1~person:han-dong>ADVISED>person:han-tao:delay" },
  ];
  for (const a of actions) s = reduce(s, a);
  const hash = encodeState(s);
  assert.doesNotMatch(hash, /#/);
  assert.deepEqual(decodeState("#" + hash), s);
  assert.deepEqual(decodeState(encodeState(initialState())), initialState());
});

test("a path query keeps relationship types and an as-of date, and drops bad ones", () => {
  const p = normalizePath({ from: "a", to: "b", rels: ["ADVISED", "<b>", "advised"], before: "2021-02" });
  assert.deepEqual(p.rels, ["ADVISED"]);
  assert.equal(p.before, "2021-02");
  assert.equal(normalizePath({ before: "2021-13" }).before, "");
  assert.equal(normalizePath({ before: "2019" }).before, "2019");
  assert.equal(normalizePath({ before: "javascript:1" }).before, "");
});

test("the reader's position is kept only when well formed", () => {
  const r = (at) => reduce(initialState(), { type: "read", doc: "doc:a", at }).reading;
  assert.deepEqual(r("c10-20"), { doc: "doc:a", at: "c10-20" });
  assert.deepEqual(r("q0~e1"), { doc: "doc:a", at: "q0~e1" });
  assert.deepEqual(r("javascript:x"), { doc: "doc:a", at: "" });
  assert.equal(reduce(initialState(), { type: "read", doc: "" }).reading, null);
  assert.deepEqual(decodeState("rd=doc:a&ra=c1-2").reading, { doc: "doc:a", at: "c1-2" });
  assert.deepEqual(decodeState("rd=doc:a&ra=<b>").reading, { doc: "doc:a", at: "" });
});

test("decodeState drops what it cannot trust", () => {
  const s = decodeState("x=bad&pin=1~nan~id&sel=zz&asof=<script>&cm=<evil>&ft=person,<b>&pf=a");
  assert.deepEqual(s.expanded, []);
  assert.deepEqual(s.pinned, {});
  assert.equal(s.selected, null);
  assert.equal(s.filters.asOf, "");
  assert.deepEqual(s.filters.types, ["person"]);
  assert.equal(s.centrality, null);
  assert.equal(s.path, null);
});
