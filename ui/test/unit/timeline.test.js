import { test } from "node:test";
import assert from "node:assert/strict";
import { statusAsOf, knownBy, timelineSteps, UNREPORTED } from "../../src/timeline.js";

// The seed's advice claim in miniature: alleged and denied on 2023-03-22,
// found false by the special rapporteur on 2023-05-23.
const advice = {
  id: "advice",
  status: "refuted",
  evidence: [
    { document: "doc:article", kind: "quote", quote: "q", date: "2023-03-22", attributed_to: "two national security sources", stance: "supports" },
    { document: "doc:article", kind: "quote", quote: "q", date: "2023-03-21", attributed_to: "Han Dong", stance: "denies" },
    { document: "doc:johnston", kind: "paraphrase", paraphrase: "p", date: "2023-05-23", attributed_to: "special rapporteur", stance: "refutes" },
  ],
  timeline: [
    { date: "2023-03-22", status: "disputed", evidence: [0] },
    { date: "2023-05-23", status: "refuted", evidence: [2] },
  ],
};

test("a claim's status as of a date follows its timeline", () => {
  for (const [asOf, want] of [
    ["", "refuted"],
    ["2023-02", UNREPORTED],
    ["2023-03", "disputed"],
    ["2023-04", "disputed"],
    ["2023-05-22", "disputed"],
    ["2023-05-23", "refuted"],
    ["2023-06", "refuted"],
    ["2025-07", "refuted"],
    ["2023", "refuted"],
  ]) {
    assert.equal(statusAsOf(advice, asOf), want, `as of ${asOf}`);
  }
  assert.equal(statusAsOf({ status: "confirmed" }, "2020"), "confirmed", "no timeline: the stored status");
});

test("a year-dated step counts once the year is over", () => {
  assert.equal(knownBy("2023", "2023-06"), false);
  assert.equal(knownBy("2023", "2023"), true);
  assert.equal(knownBy("", "1990"), true);
});

test("timeline steps name who changed the status, and mark later steps", () => {
  const steps = timelineSteps(advice, "2023-04");
  assert.deepEqual(
    steps.map((s) => [s.date, s.status, s.later, s.sources.map((x) => `${x.who}|${x.kind}`)]),
    [
      ["2023-03-22", "disputed", false, ["two national security sources|quote"]],
      ["2023-05-23", "refuted", true, ["special rapporteur|paraphrase"]],
    ],
  );
});
