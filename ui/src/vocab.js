// vocab.js: the dataset's vocabulary as the server states it
// (GET /api/vocabulary): node types, relationship statuses and types, and
// the centrality metrics. Pure: panels build their checkboxes and menus
// from it, so a status or metric the server adds shows up without a UI
// change. Only the look of each name (model.js's palette) is the UI's.

const NAME = /^[a-z][a-z0-9_]*$/;
const REL = /^[A-Z][A-Z0-9_]*$/;

/** emptyVocabulary is what the explorer knows before the server answers. */
export function emptyVocabulary() {
  return { loaded: false, nodeTypes: [], statuses: [], relationshipTypes: [], metrics: [] };
}

function names(list, re) {
  return Array.isArray(list) ? [...new Set(list.filter((x) => typeof x === "string" && re.test(x)))] : [];
}

/**
 * parseVocabulary checks an /api/vocabulary answer and keeps what is well
 * formed: {loaded, nodeTypes, statuses, relationshipTypes: [{name,
 * meaning}], metrics}, each in the server's order.
 */
export function parseVocabulary(answer) {
  const a = answer && typeof answer === "object" ? answer : {};
  const rels = Array.isArray(a.relationship_types) ? a.relationship_types : [];
  return {
    loaded: true,
    nodeTypes: names(a.node_types, NAME),
    statuses: names(a.statuses, NAME),
    relationshipTypes: rels
      .filter((r) => r && typeof r.name === "string" && REL.test(r.name))
      .map((r) => ({ name: r.name, meaning: typeof r.meaning === "string" ? r.meaning : "" })),
    metrics: names(a.metrics, NAME),
  };
}

// What a reporter checks first: claims found false or withdrawn, then
// contested, alleged, reported and confirmed ones, then those not yet
// reported on the as-of date. A status the UI does not know yet (a new
// one on the server) sorts first: it is the unusual case.
const CHECK_FIRST = ["refuted", "retracted", "disputed", "alleged", "reported", "confirmed", "unreported"];

/** statusRank orders statuses for reading: lower comes first. */
export function statusRank(status) {
  const i = CHECK_FIRST.indexOf(status);
  return i < 0 ? 0 : i;
}

/** ACTOR_TYPES are the node types centrality can be limited to. */
export const ACTOR_TYPES = ["person", "organization"];
