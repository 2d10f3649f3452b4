// documents.js: pure helpers for reading sources. A document's text is cut
// into segments at the edges of its quoted passages, so the reader can
// mark each passage (several claims may quote overlapping words); the
// statements list says who said what, in which document, on which claim.
// Offsets are Unicode code points, as the API gives them.

import { statusRank } from "./vocab.js";

/**
 * segments cuts text at every passage's start and end: [{text, start,
 * passages}], passages being those (found ones) that cover the segment,
 * most contested first. Adjacent text without passages is one segment.
 */
export function segments(text, passages) {
  const cps = Array.from(text || "");
  const found = (passages || []).filter((p) => p.found && p.start >= 0 && p.end > p.start && p.end <= cps.length);
  const cuts = new Set([0, cps.length]);
  for (const p of found) {
    cuts.add(p.start);
    cuts.add(p.end);
  }
  const at = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < at.length; i++) {
    const [a, b] = [at[i], at[i + 1]];
    if (a === b) continue;
    const covering = found.filter((p) => p.start <= a && p.end >= b).sort((x, y) => statusRank(x.status) - statusRank(y.status));
    const prev = out[out.length - 1];
    if (prev && covering.length === 0 && prev.passages.length === 0) prev.text += cps.slice(a, b).join("");
    else out.push({ text: cps.slice(a, b).join(""), start: a, passages: covering });
  }
  return out;
}

/** passageKey names a passage as the reader's position does: "q<i>~<edge>". */
export function passageKey(p) {
  return `q${p.index}~${p.edge}`;
}

/**
 * statements lists who said what: every piece of evidence of the edges,
 * grouped by who it is attributed to, [{who, items: [{edge, index,
 * quote, stance, document}]}], the most quoted first; a filter (folded
 * to lower case) keeps the speakers or quotes that contain it.
 */
export function statements(edges, filter = "") {
  const f = filter.trim().toLowerCase();
  const groups = new Map();
  for (const e of edges) {
    (e.evidence || []).forEach((ev, index) => {
      // statements are what people said, quoted; a paraphrase of a cited
      // source is not a quote and is never shown as one
      if (ev.kind === "paraphrase" || (!ev.quote && ev.paraphrase)) return;
      const who = ev.attributed_to || "unattributed";
      if (f && !who.toLowerCase().includes(f) && !(ev.quote || "").toLowerCase().includes(f)) return;
      if (!groups.has(who)) groups.set(who, { who, items: [] });
      groups.get(who).items.push({ edge: e.id, index, quote: ev.quote || "", stance: ev.stance === "denies" ? "denies" : "supports", document: ev.document || "" });
    });
  }
  const list = [...groups.values()];
  for (const g of list) g.items.sort((a, b) => (a.edge < b.edge ? -1 : a.edge > b.edge ? 1 : a.index - b.index));
  list.sort((a, b) => b.items.length - a.items.length || a.who.localeCompare(b.who));
  return list;
}
