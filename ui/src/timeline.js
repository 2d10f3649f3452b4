// timeline.js: a relationship's status as of a date, from the status
// timeline the API gives every edge ({date, status, evidence}), by the
// rule of graph/status_rule.go: a step counts at a date T once the whole
// of its date has passed by the end of T; an undated step always counts;
// before the first step the claim was not yet reported. Pure functions
// plus one small view for the relationship panel.

import { h } from "./dom.js";
import { dateBounds } from "./model.js";

/** UNREPORTED is the status of a claim before its first evidence. */
export const UNREPORTED = "unreported";

/** knownBy says whether a step dated d counts as of asOf ("" = today). */
export function knownBy(d, asOf) {
  if (!d || !asOf) return true;
  const a = dateBounds(d);
  const b = dateBounds(asOf);
  if (!a || !b) return true;
  return a[1] <= b[1];
}

/**
 * statusAsOf is an edge record's status as of asOf: its stored status
 * when asOf is empty or it has no timeline, else the last step that
 * counts, else "unreported".
 */
export function statusAsOf(edge, asOf) {
  const tl = edge?.timeline;
  if (!asOf || !Array.isArray(tl) || tl.length === 0) return edge?.status;
  let st = UNREPORTED;
  for (const step of tl) {
    if (knownBy(step.date, asOf)) st = step.status;
  }
  return st;
}

/**
 * timelineSteps lists an edge's steps with what the panel shows of each:
 * {date, status, later (after asOf), sources: [{who, document, kind}]}.
 */
export function timelineSteps(edge, asOf) {
  return (edge?.timeline || []).map((step) => ({
    date: step.date || "",
    status: step.status,
    later: !knownBy(step.date, asOf),
    sources: (step.evidence || [])
      .map((i) => edge.evidence?.[i])
      .filter(Boolean)
      .map((ev) => ({ who: ev.attributed_to || "unattributed", document: ev.document || "", kind: ev.kind || (ev.paraphrase ? "paraphrase" : "quote") }))
      // one line per source: two quotes of the same people in the same document are one source
      .filter((src, i, all) => all.findIndex((x) => x.who === src.who && x.document === src.document) === i),
  }));
}

/**
 * timelineView is the short timeline of the relationship panel: one line
 * per change of status, with its date, the status (badge(status) draws
 * it) and who and which document changed it; steps after asOf are marked
 * as later. nameOf(id) names a document.
 */
export function timelineView(edge, { asOf = "", badge, nameOf }) {
  const steps = timelineSteps(edge, asOf);
  if (steps.length === 0) return null;
  return h(
    "section",
    { class: "status-timeline" },
    h("h3", { text: "Status over time" }),
    h(
      "ol",
      { class: "timeline" },
      steps.map((s) =>
        h(
          "li",
          { class: s.later ? "step later" : "step", dataset: { status: s.status, date: s.date } },
          h("span", { class: "step-date", text: s.date || "undated" }),
          " ",
          badge(s.status),
          s.later ? h("span", { class: "muted small", text: " (after the as-of date)" }) : null,
          h(
            "span",
            { class: "step-source" },
            " — ",
            s.sources.map((src, i) => [
              i > 0 ? "; " : "",
              h("span", { class: "who", text: src.who }),
              ", ",
              h("cite", { text: nameOf(src.document) || src.document }),
              src.kind === "paraphrase" ? h("span", { class: "muted small", text: " (paraphrase of a cited source)" }) : null,
            ]),
          ),
        ),
      ),
    ),
  );
}
