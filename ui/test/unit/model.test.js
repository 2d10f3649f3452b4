import { test } from "node:test";
import assert from "node:assert/strict";
import {
  newDataset, mergeInto, buildGraph, parallelCurvatures, dateRange, monthsBetween,
  safeURL, rankScores, sizeScale, colorScale, pathSets,
  isEdgeShown, isNodeShown, initialPosition, cellText, cypherGraph, edgeStyle, nodeColor,
} from "../../src/model.js";

// A small dataset in the API's JSON shapes: Dong and Han Tao have a
// confirmed conversation and a disputed piece of advice.
const dong = { id: "person:han-dong", type: "person", name: "Han Dong", aliases: ["Dong"] };
const tao = { id: "person:han-tao", type: "person", name: "Han Tao", aliases: ["Consul General Han"] };
const art = { id: "document:article", type: "document", name: "Global News article" };
const xss = { id: "person:xss", type: "person", name: "<img src=x onerror=alert(1)>" };
const talk = {
  id: "e1", source: dong.id, target: tao.id, type: "CONTACTED", status: "confirmed", date: "2021-02",
  evidence: [{ document: art.id, quote: "Dong confirmed", attributed_to: "Han Dong", stance: "supports" }],
};
const advice = {
  id: "e2", source: dong.id, target: tao.id, type: "ADVISED", status: "disputed", date: "2021-02",
  evidence: [
    { document: art.id, quote: "advised", attributed_to: "two national security sources", stance: "supports" },
    { document: art.id, quote: "denies", attributed_to: "Han Dong, emailed statement", stance: "denies" },
  ],
};
const back = { id: "e3", source: tao.id, target: dong.id, type: "CONTACTED", status: "alleged", evidence: [] };
const mention = { id: "e4", source: dong.id, target: art.id, type: "MENTIONED_IN", status: "reported", date: "2023-03" };

function sample() {
  const ds = newDataset();
  mergeInto(ds, { node: dong, edges: [talk, advice], neighbors: [tao] });
  mergeInto(ds, { nodes: [art, xss], edges: [back, mention] });
  return ds;
}

test("mergeInto takes both answer shapes and reports what it brought", () => {
  const ds = newDataset();
  const got = mergeInto(ds, { node: dong, edges: [talk], neighbors: [tao] });
  assert.deepEqual(got, { nodes: [dong.id, tao.id], edges: ["e1"] });
  assert.equal(ds.nodes.get(dong.id).name, "Han Dong");
  const bad = mergeInto(ds, { nodes: [null, { name: "no id" }], edges: [{ id: "x" }] });
  assert.deepEqual(bad, { nodes: [], edges: [] });
  assert.deepEqual(mergeInto(ds, null), { nodes: [], edges: [] });
  // Missing fields get defaults.
  mergeInto(ds, { nodes: [{ id: "person:anon", type: "person" }], edges: [{ id: "z", source: "a", target: "b", status: "weird" }] });
  assert.equal(ds.nodes.get("person:anon").name, "person:anon");
  assert.deepEqual(ds.nodes.get("person:anon").aliases, []);
  assert.equal(ds.edges.get("z").status, "weird", "a status the UI does not know is kept");
  mergeInto(ds, { edges: [{ id: "y", source: "a", target: "b" }] });
  assert.equal(ds.edges.get("y").status, "reported");
  assert.deepEqual(ds.edges.get("z").evidence, []);
});

test("buildGraph keeps visible nodes and the edges between them, deterministically", () => {
  const ds = sample();
  const g = buildGraph(ds, [tao.id, dong.id, "person:unknown"], {});
  assert.deepEqual(g.nodes(), [dong.id, tao.id]);
  assert.deepEqual(g.edges(), ["e1", "e2", "e3"]);
  assert.equal(g.getNodeAttribute(dong.id, "label"), "Han Dong");
  assert.equal(g.getEdgeAttribute("e2", "status"), "disputed");
  const g2 = buildGraph(ds, [dong.id, tao.id], {});
  assert.deepEqual(g2.getNodeAttributes(dong.id), g.getNodeAttributes(dong.id));
  const hidden = buildGraph(ds, [dong.id, tao.id, art.id], { hidden: new Set([tao.id]) });
  assert.deepEqual(hidden.nodes(), [art.id, dong.id]);
  assert.deepEqual(hidden.edges(), ["e4"]);
  const pos = buildGraph(ds, [dong.id], { positions: new Map([[dong.id, { x: 1, y: 2 }]]) });
  assert.equal(pos.getNodeAttribute(dong.id, "x"), 1);
});

test("parallel edges are drawn apart, lone edges straight", () => {
  const ds = sample();
  const g = buildGraph(ds, [dong.id, tao.id, art.id]);
  const c = parallelCurvatures(g);
  assert.equal(c.get("e4"), 0);
  const values = ["e1", "e2", "e3"].map((e) => c.get(e));
  for (const v of values) assert.notEqual(v, 0);
  // Seen in one direction (Dong -> Tao), the three curves are distinct.
  const seen = ["e1", "e2", "e3"].map((e) => (g.source(e) === dong.id ? c.get(e) : -c.get(e)));
  assert.equal(new Set(seen.map((v) => v.toFixed(6))).size, 3);
  assert.equal(g.getEdgeAttribute("e1", "curvature"), c.get("e1"));
});

test("dateRange and monthsBetween feed the slider", () => {
  assert.deepEqual(dateRange([talk, mention, { date: "" }]), { min: "2021-02", max: "2023-03" });
  assert.equal(dateRange([{}]), null);
  const months = monthsBetween("2020-11", "2021-02");
  assert.deepEqual(months, ["2020-11", "2020-12", "2021-01", "2021-02"]);
});

test("filters hide by status, date and node type", () => {
  const f = { statuses: ["confirmed"], asOf: "2021-02", types: ["person"] };
  assert.equal(isEdgeShown({ status: "confirmed", date: "2021-02" }, f), true);
  assert.equal(isEdgeShown({ status: "disputed", date: "2021-02" }, f), false);
  assert.equal(isEdgeShown({ status: "confirmed", date: "2023-03" }, f), false);
  assert.equal(isEdgeShown({ status: "disputed" }, { statuses: null, asOf: "" }), true);
  assert.equal(isNodeShown({ nodeType: "document" }, f), false);
  assert.equal(isNodeShown({ nodeType: "document" }, { types: null }), true);
  assert.equal(isEdgeShown({ status: "confirmed", relType: "ADVISED" }, { rels: ["CONTACTED"] }), false);
  assert.equal(isEdgeShown({ status: "confirmed", relType: "ADVISED" }, { rels: ["ADVISED"] }), true);
});

test("every status and type has a look, known or not", () => {
  assert.equal(edgeStyle("disputed").dashed, true);
  assert.equal(edgeStyle("confirmed").dashed, false);
  const unknown = edgeStyle("refuted");
  assert.equal(unknown.dashed, true);
  assert.match(unknown.color, /^#[0-9a-f]{6}$/);
  assert.equal(nodeColor("person"), "#0072b2");
  assert.equal(nodeColor("vessel"), "#999999");
});

test("safeURL lets only http(s) through", () => {
  assert.equal(safeURL("https://globalnews.ca/x"), "https://globalnews.ca/x");
  assert.equal(safeURL("javascript:alert(1)"), "");
  assert.equal(safeURL("data:text/html,x"), "");
  assert.equal(safeURL("not a url"), "");
  assert.equal(safeURL(undefined), "");
});

test("centrality ranking and sizes", () => {
  const r = rankScores([{ id: "b", score: 1 }, { id: "a", score: 1 }, { id: "c", score: 3 }, { id: "d", score: NaN }]);
  assert.deepEqual(r.map((s) => s.id), ["c", "a", "b"]);
  const sizes = sizeScale(r, 4, 24);
  assert.equal(sizes.get("c"), 24);
  assert.equal(sizes.get("a"), 4);
  assert.equal(sizeScale([{ id: "x", score: 2 }]).get("x") > 4, true);
  const colors = colorScale(r);
  assert.equal(colors.get("c"), "#b30000");
  assert.equal(colors.get("a"), "#fee8c8");
});

test("pathSets, cypherGraph, cellText, initialPosition", () => {
  const s = pathSets([{ nodes: ["a", "b"], edges: ["e"] }, { nodes: ["a", "c"], edges: ["f"] }]);
  assert.deepEqual([...s.nodes], ["a", "b", "c"]);
  assert.deepEqual([...s.edges], ["e", "f"]);
  assert.deepEqual(cypherGraph({ error: "x" }), { nodes: [], edges: [] });
  assert.equal(cellText({ id: "p:x", name: "X" }), "X (p:x)");
  assert.equal(cellText(null), "");
  assert.equal(cellText(advice), "person:han-dong —ADVISED→ person:han-tao (disputed)");
  assert.equal(cellText([1, 2]), "[1,2]");
  assert.deepEqual(initialPosition("a"), initialPosition("a"));
  assert.notDeepEqual(initialPosition("a"), initialPosition("b"));
});
