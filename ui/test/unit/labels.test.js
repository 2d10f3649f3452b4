import { test } from "node:test";
import assert from "node:assert/strict";
import { placeLabels, shortLabel } from "../../src/labels.js";

const overlap = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

test("labels never overlap, stay on the canvas, and go to the important first", () => {
  const nodes = [
    { id: "a", x: 100, y: 100, r: 5, w: 80, priority: 1 },
    { id: "b", x: 110, y: 104, r: 5, w: 80, priority: 5 }, // collides with a on the right
    { id: "c", x: 395, y: 50, r: 5, w: 60, priority: 1 }, // at the right edge: goes left
    { id: "d", x: 200, y: 200, r: 5, w: 0, priority: 1 }, // no label
  ];
  const got = placeLabels(nodes, { width: 400, height: 300, lineHeight: 14 });
  assert.equal(got.get("b").side, "right", "the more important label keeps its place");
  assert.ok(got.has("a"), "a finds another side");
  assert.notEqual(got.get("a").side, "right");
  assert.equal(got.get("c").side, "left");
  assert.equal(got.has("d"), false);
  const boxes = [...got.values()].map((p) => p.box);
  for (let i = 0; i < boxes.length; i++) {
    const b = boxes[i];
    assert.ok(b.x >= 0 && b.y >= 0 && b.x + b.w <= 400 && b.y + b.h <= 300);
    for (let j = i + 1; j < boxes.length; j++) assert.equal(overlap(b, boxes[j]), false);
  }
  // A row of nodes 30 px apart: a 50 px label to the right would cover
  // the next node, so the labels alternate or give way.
  const row = Array.from({ length: 6 }, (_, i) => ({ id: `n${i}`, x: 100 + 30 * i, y: 150, r: 4, w: 50, priority: 0 }));
  const placed = placeLabels(row, { width: 400, height: 300 });
  for (const [id, p] of placed) {
    for (const n of row) {
      if (n.id === id) continue;
      const disc = { x: n.x - n.r, y: n.y - n.r, w: 2 * n.r, h: 2 * n.r };
      assert.equal(overlap(p.box, disc), false, `${id}'s label covers ${n.id}`);
    }
  }
  assert.ok(placed.size >= 4, `most of the row is labelled (${placed.size})`);
});

test("long titles are shortened at a word", () => {
  assert.equal(shortLabel("Han Dong"), "Han Dong");
  const s = shortLabel("Liberal MP Han Dong secretly advised Chinese diplomat in 2021 to delay freeing Two Michaels: sources");
  assert.equal(s, "Liberal MP Han Dong…");
  assert.ok(s.length <= 28);
  assert.equal(shortLabel("Supercalifragilisticexpialidocious-and-more", 10), "Supercali…");
});

test("a person or organisation may cover a node rather than go unlabelled", () => {
  const nodes = [
    { id: "doc", x: 130, y: 100, r: 6, w: 0, priority: 1 }, // no label of its own
    { id: "left", x: 40, y: 100, r: 5, w: 60, priority: 1 },
    { id: "org", x: 100, y: 100, r: 5, w: 200, priority: 2, must: true },
  ];
  const all = placeLabels(nodes, { width: 320, height: 200 });
  assert.ok(all.has("org"), "the organisation is labelled");
  const without = placeLabels(nodes.map((n) => ({ ...n, must: false })), { width: 320, height: 200 });
  assert.ok(!without.has("org") || without.get("org").side !== "right");
});
