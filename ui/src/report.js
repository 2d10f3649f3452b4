// report.js: a one-page report of the current view, for printing or a
// PDF: the caption (the view's name), the date, the filters, the graph as
// an image with its legend, and the claims shown (of the selection, if
// any) with their quotes and sources. It is built into #report just
// before printing (the browser's print, or the Report button); the print
// stylesheet shows only it.

import { h, replace } from "./dom.js";
import { safeURL } from "./model.js";
import { reportClaims, evidenceGroups } from "./claims.js";
import { statusBadge } from "./details.js";

/** MAX_CLAIMS keeps the report to one page. */
export const MAX_CLAIMS = 5;

/** filterText says in words what the filters keep. */
export function filterText(s) {
  const f = s.filters;
  const parts = [];
  if (f.statuses) parts.push(`statuses: ${f.statuses.join(", ") || "none"}`);
  if (f.types) parts.push(`node types: ${f.types.join(", ") || "none"}`);
  if (f.rels) parts.push(`relationship types: ${f.rels.join(", ")}`);
  if (f.asOf) parts.push(`as of ${f.asOf}`);
  if (f.isolated) parts.push("nodes without a shown relationship hidden");
  if (s.hidden.length) parts.push(`${s.hidden.length} node${s.hidden.length > 1 ? "s" : ""} hidden`);
  return parts.length ? parts.join("; ") : "no filters: everything drawn is shown";
}

const clip = (s, n) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** createReport fills root on demand. ctx: {store, ds, nameOf, visible(), view()}. */
export function createReport(root, ctx) {
  let image = "";
  function build() {
    // The browser may print with the print stylesheet already applied, the
    // canvas then hidden: keep the picture taken while it was on screen.
    const { width, height } = ctx.view().renderer.getDimensions();
    if (width > 0 && height > 0 && document.getElementById("canvas").offsetParent !== null) image = ctx.view().toDataURL();
    const s = ctx.store.get();
    const visible = ctx.visible();
    const edges = [...visible.edges].map((id) => ctx.ds.edges.get(id)).filter(Boolean);
    const { claims, more } = reportClaims(edges, s.selected, MAX_CLAIMS);
    const caption = s.name || (s.selected ? `${ctx.nameOf(s.selected.kind === "edge" ? ctx.ds.edges.get(s.selected.id)?.source || s.selected.id : s.selected.id)}: claims and evidence` : "The evidence graph");
    const legend = document.getElementById("legend").cloneNode(true);
    legend.removeAttribute("id");
    replace(
      root,
      h(
        "header",
        {},
        h("h1", { text: caption }),
        h("p", { class: "report-meta", text: `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC · ${visible.nodes.size} nodes, ${visible.edges.size} relationships shown · ${filterText(s)}` }),
      ),
      h("figure", {}, image ? h("img", { src: image, alt: `The graph: ${caption}` }) : null, h("figcaption", {}, legend)),
      h("h2", { text: s.selected ? `Claims of the selection (${claims.length + more})` : `Claims shown, contested first (${claims.length + more})` }),
      h(
        "ol",
        { class: "report-claims" },
        claims.map((e) =>
          h(
            "li",
            {},
            h("div", {}, statusBadge(e.status), " ", h("strong", { text: `${ctx.nameOf(e.source)} —${e.type}→ ${ctx.nameOf(e.target)}` }), e.date ? h("span", { class: "muted", text: ` · ${e.date}` }) : null),
            e.description ? h("div", { class: "report-desc", text: clip(e.description, 240) }) : null,
            // at most two sources a claim, so that the report stays one page
            evidenceGroups(e.evidence).slice(0, 2).map((g) => {
              const doc = ctx.ds.nodes.get(g.document);
              const url = safeURL(doc?.url);
              return h(
                "div",
                { class: `report-ev ${g.stance}` },
                h("span", { class: "report-stance", text: g.stance.charAt(0).toUpperCase() + g.stance.slice(1) }),
                " ",
                // a paraphrase is our words about a cited source: never in quotation marks
                g.items[0].quote
                  ? h("q", { text: clip(g.items[0].quote, 170) })
                  : h("span", { class: "report-paraphrase", text: `(paraphrase) ${clip(g.items[0].paraphrase || "", 170)}` }),
                g.items.length > 1 ? h("span", { class: "muted", text: ` (+${g.items.length - 1} more)` }) : null,
                h("span", { class: "report-src", text: ` — ${g.who}, in ${clip(doc ? doc.name : g.document, 44)}${url ? ` <${url}>` : ""}` }),
              );
            }),
            evidenceGroups(e.evidence).length > 2
              ? h("span", { class: "muted report-more", text: ` (+${evidenceGroups(e.evidence).length - 2} more sources)` })
              : null,
          ),
        ),
      ),
      more ? h("p", { class: "muted", text: `…and ${more} more claim${more > 1 ? "s" : ""}: export the view for all of them.` }) : null,
      h("p", { class: "report-link", text: `This view: ${location.href}` }),
    );
  }
  window.addEventListener("beforeprint", build);
  return {
    build,
    /** print builds the report and opens the browser's print dialog. */
    print() {
      build();
      window.print();
    },
  };
}
