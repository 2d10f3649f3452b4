import { test } from "node:test";
import assert from "node:assert/strict";
import { claimGroups, between, oneLine, evidenceGroups } from "../../src/claims.js";

const D = "person:han-dong";
const T = "person:han-tao";
const C = "org:csis";
const e = (id, source, target, type, status, date = "", description = "", evidence = []) => ({ id, source, target, type, status, date, description, evidence });
const edges = [
  e("c1", D, T, "CONTACTED", "confirmed", "2021-02", "They spoke. Who called is disputed."),
  e("c2", D, T, "CONTACTED", "disputed", "2021-02", "Dong initiated it."),
  e("a1", D, T, "ADVISED", "disputed", "2021-02", "Dong advised delay."),
  e("a2", D, T, "ADVISED", "alleged", "2021-02", "Dong advised progress."),
  e("i1", C, D, "INVESTIGATED", "alleged", "2019"),
  e("m1", D, "org:liberal-party", "MEMBER_OF", "reported"),
  e("x", C, T, "CONTACTED", "confirmed"),
];
const names = { [T]: "Han Tao", [C]: "CSIS", "org:liberal-party": "Liberal Party" };

test("claims group by counterpart and type, contested first", () => {
  const g = claimGroups(D, edges, (id) => names[id] || id);
  assert.deepEqual(
    g.map((x) => [x.out ? "->" : "<-", x.type, x.other, x.claims.map((c) => c.id)]),
    [
      ["->", "ADVISED", T, ["a1", "a2"]],
      ["->", "CONTACTED", T, ["c2", "c1"]],
      ["<-", "INVESTIGATED", C, ["i1"]],
      ["->", "MEMBER_OF", "org:liberal-party", ["m1"]],
    ],
  );
  assert.deepEqual(between(edges, T, D).map((x) => x.id), ["a1", "c2", "a2", "c1"]);
});

test("a claim in one line, evidence in cards that are never empty", () => {
  assert.equal(oneLine(edges[0]), "They spoke.");
  assert.equal(oneLine(e("q", D, T, "X", "alleged", "", "", [{ quote: "a quote" }])), "a quote");
  const long = oneLine(e("l", D, T, "X", "alleged", "", "word ".repeat(60)), 40);
  assert.ok(long.length <= 41 && long.endsWith("…"), long);
  const groups = evidenceGroups([
    { stance: "denies", attributed_to: "Han Dong", document: "d", quote: "no" },
    { stance: "supports", attributed_to: "two sources", document: "d", quote: "yes 1" },
    { stance: "supports", attributed_to: "two sources", document: "d", quote: "yes 2" },
    { stance: "denies", attributed_to: "Han Dong", document: "d", quote: "never" },
    { stance: "denies", attributed_to: "Han Dong", document: "d", quote: "false" },
  ]);
  assert.deepEqual(groups.map((g) => [g.stance, g.who, g.items.length]), [["supports", "two sources", 2], ["denies", "Han Dong", 3]]);
  assert.deepEqual(evidenceGroups([]), []);
});

test("the report lists the selection's claims, contested first, capped", async () => {
  const { reportClaims } = await import("../../src/claims.js");
  const all = reportClaims(edges, null, 3);
  assert.deepEqual(all.claims.map((e) => e.id), ["a1", "c2", "a2"]);
  assert.equal(all.more, 4);
  const node = reportClaims(edges, { kind: "node", id: C }, 10);
  assert.deepEqual(node.claims.map((e) => e.id), ["i1", "x"]);
  const edge = reportClaims(edges, { kind: "edge", id: "c1" }, 10);
  assert.deepEqual(edge.claims.map((e) => e.id), ["a1", "c2", "a2", "c1"]);
  assert.equal(edge.more, 0);
});

test("evidence cards: quotes first by stance, then paraphrases of later sources as they became known", () => {
  const groups = evidenceGroups([
    { document: "doc:a", kind: "quote", quote: "q1", date: "2023-03-22", attributed_to: "two sources", stance: "supports" },
    { document: "doc:defence", kind: "paraphrase", paraphrase: "p", date: "2023", attributed_to: "the publisher", stance: "supports" },
    { document: "doc:johnston", kind: "paraphrase", paraphrase: "p", date: "2023-05-23", attributed_to: "special rapporteur", stance: "refutes" },
    { document: "doc:a", kind: "quote", quote: "q2", date: "2023-03-21", attributed_to: "Han Dong", stance: "denies" },
  ]);
  assert.deepEqual(
    groups.map((g) => [g.who, g.stance, g.paraphrase]),
    [
      ["two sources", "supports", false],
      ["Han Dong", "denies", false],
      ["special rapporteur", "refutes", true],
      ["the publisher", "supports", true],
    ],
  );
});
