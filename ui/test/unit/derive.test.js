import { test } from "node:test";
import assert from "node:assert/strict";
import { newDataset, mergeInto } from "../../src/model.js";
import { initialState, reduce } from "../../src/state.js";
import { keys, sources, drawn, shown, recordShown, neighboursShown, rankedShown, viewRecords } from "../../src/derive.js";

const dong = { id: "person:han-dong", type: "person", name: "Han Dong" };
const tao = { id: "person:han-tao", type: "person", name: "Han Tao" };
const art = { id: "doc:article", type: "document", name: "Global News article" };
const csis = { id: "org:csis", type: "organization", name: "CSIS" };
const talk = { id: "e1", source: dong.id, target: tao.id, type: "CONTACTED", status: "confirmed", date: "2021-02" };
const advice = { id: "e2", source: dong.id, target: tao.id, type: "ADVISED", status: "disputed", date: "2021-02" };
const mention = { id: "e3", source: dong.id, target: art.id, type: "MENTIONED_IN", status: "reported", date: "2023-03" };
const probe = { id: "e4", source: csis.id, target: dong.id, type: "INVESTIGATED", status: "alleged" };

const answers = {
  all: { answer: { nodes: [dong, tao, art, csis], edges: [talk, advice, mention, probe] } },
  dong: { answer: { node: dong, edges: [talk, advice, mention, probe], neighbors: [tao, art, csis] } },
};

function dataset() {
  const ds = newDataset();
  mergeInto(ds, answers.all.answer);
  return ds;
}

const noFilters = initialState().filters;

test("sources names one request per thing the state shows", () => {
  let s = initialState();
  assert.deepEqual(sources(s), []);
  s = reduce(s, { type: "all", on: true });
  s = reduce(s, { type: "addSeed", id: dong.id });
  s = reduce(s, { type: "expand", expansion: { id: tao.id, depth: 2, statuses: ["disputed"] } });
  s = reduce(s, { type: "select", selection: { kind: "node", id: csis.id } });
  s = reduce(s, { type: "centrality", centrality: { metric: "betweenness" } });
  const got = sources(s).map((x) => [x.kind, x.key]);
  assert.deepEqual(got, [
    ["all", "all"],
    ["node", `node:${dong.id}`],
    ["expansion", `nb:2||disputed|${tao.id}`],
    ["centrality", "cent:betweenness|||"],
    ["node", `node:${csis.id}`],
  ]);
  // The filters shape the graph centrality is computed on: another key.
  const f = reduce(s, { type: "filters", filters: { statuses: ["confirmed"] } });
  assert.notEqual(keys.centrality(f.centrality, f.filters), keys.centrality(s.centrality, s.filters));
});

test("drawn: what the sources brought, minus hidden, sorted; pending until answered", () => {
  const ds = dataset();
  let s = reduce(initialState(), { type: "addSeed", id: dong.id });
  const none = drawn(s, () => null, ds);
  assert.equal(none.pending, true);
  assert.deepEqual(none.nodes, []);
  s = reduce(s, { type: "all", on: true });
  const get = (k) => (k === "all" ? answers.all : k === keys.node(dong.id) ? answers.dong : null);
  const d = drawn(s, get, ds);
  assert.equal(d.pending, false);
  assert.deepEqual(d.nodes, [art.id, dong.id, tao.id, csis.id].sort());
  assert.deepEqual(d.edges, ["e1", "e2", "e3", "e4"]);
  const hidden = drawn(reduce(s, { type: "hide", id: tao.id }), get, ds);
  assert.equal(hidden.nodes.includes(tao.id), false);
  assert.deepEqual(hidden.edges, ["e3", "e4"], "edges to a hidden node go with it");
  // An expansion keeps only the node types it asked for.
  const x = { id: dong.id, depth: 1, types: ["person"], statuses: [], rels: [] };
  const sx = reduce(initialState(), { type: "expand", expansion: x });
  const dx = drawn(sx, (k) => (k === keys.expansion(sx.expanded[0]) ? { answer: answers.all.answer } : null), ds);
  assert.deepEqual(dx.nodes, [dong.id, tao.id]);
});

test("shown: one answer to what the filters keep", () => {
  const ds = dataset();
  const nodes = [art.id, csis.id, dong.id, tao.id];
  const edges = ["e1", "e2", "e3", "e4"];
  const all = shown(ds, nodes, edges, noFilters);
  assert.equal(all.nodes.size, 4);
  assert.equal(all.edges.size, 4);
  const confirmed = shown(ds, nodes, edges, { ...noFilters, statuses: ["confirmed"] });
  assert.deepEqual([...confirmed.edges], ["e1"]);
  assert.equal(confirmed.nodes.size, 4, "nodes stay unless isolated ones are hidden");
  const isolated = shown(ds, nodes, edges, { ...noFilters, statuses: ["confirmed"], isolated: true });
  assert.deepEqual([...isolated.nodes].sort(), [dong.id, tao.id]);
  const noDocs = shown(ds, nodes, edges, { ...noFilters, types: ["organization", "person"] });
  assert.equal(noDocs.nodes.has(art.id), false);
  assert.equal(noDocs.edges.has("e3"), false, "an edge to a hidden node type is hidden");
  const asOf = shown(ds, nodes, edges, { ...noFilters, asOf: "2022" });
  assert.deepEqual([...asOf.edges].sort(), ["e1", "e2", "e4"], "undated edges stay");
  assert.equal(recordShown(ds, advice, { ...noFilters, statuses: ["confirmed"] }), false);
  assert.equal(recordShown(ds, talk, { ...noFilters, statuses: ["confirmed"] }), true);
  assert.equal(recordShown(ds, mention, { ...noFilters, types: ["person"] }), false);
  // Neighbours joined only by hidden edges are not neighbours.
  assert.deepEqual([...neighboursShown(ds, dong.id, confirmed)], [tao.id]);
  assert.deepEqual([...neighboursShown(ds, dong.id, all)].sort(), [art.id, csis.id, tao.id].sort());
  // Centrality lists only shown nodes, and actors only when asked.
  const scores = [{ id: art.id, score: 3 }, { id: dong.id, score: 2 }, { id: csis.id, score: 1 }];
  assert.deepEqual(rankedShown(scores, ds, noDocs).map((x) => x.id), [dong.id, csis.id]);
  assert.deepEqual(rankedShown(scores, ds, all, { actorsOnly: true, actorTypes: ["person"] }).map((x) => x.id), [dong.id]);
  // The exports take the same answer.
  const v = viewRecords(ds, confirmed);
  assert.deepEqual(v.nodes.map((n) => n.id), nodes);
  assert.deepEqual(v.edges.map((e) => e.id), ["e1"]);
});
