// claims.js: relationships read as claims. Pure: a node's relationships
// grouped by counterpart and type (the seven Dong-Han Tao edges are four
// kinds of claim, not seven look-alike rows), contested and alleged ones
// first, each with its status, date and a one-line wording; and an edge's
// evidence grouped by stance and by who says it.

import { statusRank } from "./vocab.js";

const byDateDesc = (a, b) => (b.date || "").localeCompare(a.date || "");

/** claimOrder sorts claims: what a reporter checks first, then newest, then id. */
export function claimOrder(a, b) {
  return statusRank(a.status) - statusRank(b.status) || byDateDesc(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * claimGroups groups the edges at node id by counterpart, type and
 * direction: [{other, type, out, claims}], claims in claimOrder, groups
 * ordered by the status of their first claim, then type, then
 * counterpart name.
 * nameOf(id) names a node.
 */
export function claimGroups(id, edges, nameOf = (x) => x) {
  const groups = new Map();
  for (const e of edges) {
    if (e.source !== id && e.target !== id) continue;
    const out = e.source === id;
    const other = out ? e.target : e.source;
    const key = `${out ? ">" : "<"}${e.type}\u0000${other}`;
    if (!groups.has(key)) groups.set(key, { other, type: e.type, out, claims: [] });
    groups.get(key).claims.push(e);
  }
  const list = [...groups.values()];
  for (const g of list) g.claims.sort(claimOrder);
  list.sort(
    (a, b) =>
      statusRank(a.claims[0].status) - statusRank(b.claims[0].status) ||
      a.type.localeCompare(b.type) ||
      nameOf(a.other).localeCompare(nameOf(b.other)) ||
      (a.out === b.out ? 0 : a.out ? -1 : 1),
  );
  return list;
}

/** between lists every edge joining a and b, either way, in claimOrder. */
export function between(edges, a, b) {
  return edges.filter((e) => (e.source === a && e.target === b) || (e.source === b && e.target === a)).sort(claimOrder);
}

/**
 * oneLine words a claim in one line: its description's first sentence,
 * else its first quote, cut at max characters on a word boundary.
 */
export function oneLine(e, max = 120) {
  let s = (e.description || "").trim();
  if (s) {
    const m = /^(.+?[.!?])(\s|$)/.exec(s);
    if (m) s = m[1];
  } else s = e.evidence?.find((ev) => ev.quote)?.quote || "";
  s = s.replace(/\s+/g, " ");
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 20))}…`;
}

/**
 * evidenceGroups groups an edge's evidence by stance (supporting first)
 * and, within a stance, by who says it in which document: [{stance, who,
 * document, items}], so one source's several quotes sit in one card and
 * no card is ever empty.
 */
export function evidenceGroups(evidence) {
  const groups = new Map();
  for (const ev of evidence || []) {
    const stance = STANCE_ORDER.includes(ev.stance) ? ev.stance : "supports";
    const who = ev.attributed_to || "unattributed";
    const paraphrase = ev.kind === "paraphrase" || (!ev.quote && Boolean(ev.paraphrase));
    const key = `${stance}\u0000${who}\u0000${ev.document || ""}\u0000${paraphrase}`;
    if (!groups.has(key)) groups.set(key, { stance, who, document: ev.document || "", paraphrase, date: ev.date || "", items: [] });
    const g = groups.get(key);
    g.items.push(ev);
    if (ev.date && (!g.date || lastDay(ev.date) < lastDay(g.date))) g.date = ev.date;
  }
  const list = [...groups.values()];
  // The quoted evidence of the documents on file first, by stance; then
  // what later cited sources said (paraphrases), in the order it became
  // known.
  list.sort(
    (a, b) =>
      Number(a.paraphrase) - Number(b.paraphrase) ||
      (a.paraphrase ? lastDay(a.date).localeCompare(lastDay(b.date)) : 0) ||
      STANCE_ORDER.indexOf(a.stance) - STANCE_ORDER.indexOf(b.stance),
  );
  return list;
}

/** lastDay sorts a partial date at its end: "2023" after "2023-05-23". */
function lastDay(d) {
  if (!d) return "";
  return d.length === 4 ? `${d}-99-99` : d.length === 7 ? `${d}-99` : d;
}

// STANCE_ORDER is the order of evidence cards: what supports a claim,
// what denies it, what questions it, then the findings that end it.
const STANCE_ORDER = ["supports", "denies", "questions", "refutes", "retracts"];

/**
 * reportClaims picks the claims a one-page report lists: those between the
 * two ends of a selected relationship, or those of a selected node, else
 * every claim shown; in claimOrder, at most max, with how many more there
 * are. edges are the records shown.
 */
export function reportClaims(edges, selected, max = 10) {
  let list = edges;
  if (selected?.kind === "edge") {
    const e = edges.find((x) => x.id === selected.id);
    if (e) list = between(edges, e.source, e.target);
  } else if (selected?.kind === "node") {
    list = edges.filter((e) => e.source === selected.id || e.target === selected.id);
  }
  const sorted = [...list].sort(claimOrder);
  return { claims: sorted.slice(0, max), more: Math.max(0, sorted.length - max) };
}
