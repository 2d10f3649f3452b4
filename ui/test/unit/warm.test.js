import { test } from "node:test";
import assert from "node:assert/strict";
import { warmText, watchWarm } from "../../src/warm.js";

test("the warm-up is shown while it runs, then hidden", () => {
  assert.equal(warmText({ state: "projection", seconds: 3.4 }), "Preparing: building the graph for paths and centrality (3 s)…");
  assert.equal(warmText({ state: "centrality", seconds: 12.6 }), "Preparing: computing PageRank (13 s)…");
  assert.equal(warmText({ state: "ready", seconds: 20 }), "");
  assert.equal(warmText({ state: "idle" }), "");
  assert.equal(warmText(null), "");
  assert.match(warmText({ state: "failed", error: "x" }), /first use/);
});

test("watchWarm polls until ready and then stops", async () => {
  const answers = [{ warm: { state: "projection", seconds: 1 } }, { warm: { state: "centrality", seconds: 5 } }, { warm: { state: "ready", seconds: 9 } }];
  let calls = 0;
  const pending = [];
  const timers = { setTimeout: (fn) => (pending.push(fn), pending.length), clearTimeout: () => {} };
  const el = { textContent: "" };
  watchWarm(el, () => Promise.resolve(answers[calls++]), { timers });
  const seen = [];
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setImmediate(r));
    seen.push(el.textContent);
    const next = pending.shift();
    if (!next) break;
    next();
  }
  assert.equal(calls, 3);
  assert.deepEqual(seen, [
    "Preparing: building the graph for paths and centrality (1 s)…",
    "Preparing: computing PageRank (5 s)…",
    "",
  ]);
  assert.equal(pending.length, 0, "no poll after ready");
});

test("an older server without the field shows nothing and is not polled again", async () => {
  let calls = 0;
  const timers = { setTimeout: () => assert.fail("polled again"), clearTimeout: () => {} };
  const el = { textContent: "x" };
  watchWarm(el, () => (calls++, Promise.resolve({ nodes: 3 })), { timers });
  await new Promise((r) => setImmediate(r));
  assert.equal(el.textContent, "");
  assert.equal(calls, 1);
});
