import { test } from "node:test";
import assert from "node:assert/strict";
import { parseVocabulary, emptyVocabulary, statusRank } from "../../src/vocab.js";

test("the vocabulary is the server's, checked", () => {
  assert.equal(emptyVocabulary().loaded, false);
  const v = parseVocabulary({
    node_types: ["person", "organization", "<b>", 3],
    statuses: ["confirmed", "refuted", "confirmed"],
    relationship_types: [{ name: "ADVISED", meaning: "advised" }, { name: "bad name" }, null, { name: "CONTACTED" }],
    metrics: ["degree", "in_degree", "communities"],
  });
  assert.deepEqual(v, {
    loaded: true,
    nodeTypes: ["person", "organization"],
    statuses: ["confirmed", "refuted"],
    relationshipTypes: [{ name: "ADVISED", meaning: "advised" }, { name: "CONTACTED", meaning: "" }],
    metrics: ["degree", "in_degree", "communities"],
  });
  assert.deepEqual(parseVocabulary(null).statuses, []);
});

test("refuted and contested claims read first, unknown statuses before them", () => {
  const order = ["confirmed", "unreported", "reported", "alleged", "disputed", "refuted", "rumoured"].sort((a, b) => statusRank(a) - statusRank(b));
  assert.deepEqual(order, ["refuted", "rumoured", "disputed", "alleged", "reported", "confirmed", "unreported"]);
});
