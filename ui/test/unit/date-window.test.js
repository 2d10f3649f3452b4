// The UI's partial-date rules against graph/testdata/date-window.json, the
// one table that graph.Date, graph.Window.Contains and the analysis
// projection's filter pass too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dateBounds, inWindow } from "../../src/model.js";

const table = JSON.parse(readFileSync(fileURLToPath(new URL("../../../graph/testdata/date-window.json", import.meta.url)), "utf8"));

test("the table has cases", () => {
  assert.ok(table.spans.length > 0 && table.windows.length > 0);
});

test("dateBounds: each date's span, or none", () => {
  for (const c of table.spans) {
    const want = c.start === null ? null : [c.start, c.end];
    assert.deepEqual(dateBounds(c.date), want, `dateBounds(${JSON.stringify(c.date)})`);
  }
});

test("inWindow: each relationship in or out of its window", () => {
  for (const c of table.windows) {
    const edge = { date: c.date || "", end_date: c.end_date || "" };
    const win = { after: c.after || "", before: c.before || "", requireDate: Boolean(c.require_date) };
    assert.equal(inWindow(edge, win), c.want, `${c.name}: ${JSON.stringify(edge)} in ${JSON.stringify(win)}`);
  }
});
