import { test } from "node:test";
import assert from "node:assert/strict";
import { segments, passageKey, statements } from "../../src/documents.js";

test("segments cut the text at every passage, overlaps included", () => {
  const text = "ab “cd” éf gh";
  const ps = [
    { edge: "e1", index: 0, status: "confirmed", found: true, start: 3, end: 7 }, // “cd”
    { edge: "e2", index: 1, status: "disputed", found: true, start: 5, end: 10 }, // d” éf
    { edge: "e3", index: 0, status: "alleged", found: false, start: 0, end: 0 },
  ];
  const segs = segments(text, ps);
  assert.equal(segs.map((s) => s.text).join(""), text, "nothing lost");
  assert.deepEqual(
    segs.map((s) => [s.text, s.passages.map((p) => p.edge)]),
    [["ab ", []], ["“c", ["e1"]], ["d”", ["e2", "e1"]], [" éf", ["e2"]], [" gh", []]],
  );
  assert.deepEqual(segments("plain", []).map((s) => s.text), ["plain"]);
  assert.deepEqual(segments("", []), []);
  // A passage beyond the text is ignored rather than trusted.
  assert.deepEqual(segments("abc", [{ found: true, start: 1, end: 9 }]).map((s) => s.text), ["abc"]);
  assert.equal(passageKey(ps[1]), "q1~e2");
});

test("statements: who said what, most quoted first", () => {
  const edges = [
    { id: "a", evidence: [{ attributed_to: "PMO", quote: "no back channel", stance: "denies", document: "d" }, { attributed_to: "sources", quote: "he advised", document: "d" }] },
    { id: "b", evidence: [{ attributed_to: "PMO", quote: "we were briefed", stance: "supports", document: "d" }] },
  ];
  const st = statements(edges);
  assert.deepEqual(st.map((g) => [g.who, g.items.length]), [["PMO", 2], ["sources", 1]]);
  assert.deepEqual(st[0].items[0], { edge: "a", index: 0, quote: "no back channel", stance: "denies", document: "d" });
  assert.deepEqual(statements(edges, "BACK").map((g) => g.who), ["PMO"]);
  assert.deepEqual(statements(edges, "sources").map((g) => g.who), ["sources"]);
});
