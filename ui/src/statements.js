// statements.js: the statements tab. Who said what, through which
// document, on which claim: every piece of evidence of the relationships
// shown, grouped by who it is attributed to (the PMO, CSIS's
// spokesperson, Dong's emailed statement...), each quote linked to its
// claim and to its place in the document.

import { h, replace } from "./dom.js";
import { statements } from "./documents.js";
import { statusBadge } from "./details.js";

export function createStatementsPanel(root, ctx) {
  const filter = h("input", { type: "search", id: "statements-filter", placeholder: "Filter: a speaker or words", "aria-label": "filter statements" });
  const list = h("div", { class: "statements" });
  filter.addEventListener("input", () => {
    shown = "";
    update();
  });
  replace(
    root,
    h("h2", { text: "Statements" }),
    h("p", { class: "muted small", text: "Who said what, in which document, about which claim: the quotes of the relationships shown." }),
    filter,
    list,
  );
  let shown = "";
  function update() {
    const visible = ctx.visible();
    const key = JSON.stringify([filter.value, [...visible.edges], ctx.ds.nodes.size]);
    if (key === shown) return;
    shown = key;
    const edges = [...visible.edges].map((id) => ctx.ds.edges.get(id)).filter(Boolean);
    const groups = statements(edges, filter.value);
    if (groups.length === 0) return void replace(list, h("p", { class: "muted", text: edges.length ? "No statement matches." : "Nothing on the canvas yet." }));
    replace(
      list,
      groups.map((g) =>
        h(
          "details",
          { class: "speaker", open: groups.length <= 3 || undefined },
          h("summary", {}, h("strong", { text: g.who }), h("span", { class: "muted small", text: ` · ${g.items.length} quote${g.items.length === 1 ? "" : "s"}` })),
          h(
            "ul",
            { class: "plain statements-list" },
            g.items.map((it) => {
              const e = ctx.ds.edges.get(it.edge);
              return h(
                "li",
                { class: `statement ${it.stance}` },
                h("blockquote", { text: it.quote }),
                h(
                  "div",
                  { class: "small" },
                  it.stance === "denies" ? h("strong", { text: "denies: " }) : "on: ",
                  h("button", {
                    type: "button",
                    class: "link",
                    dataset: { edge: it.edge },
                    text: `${ctx.nameOf(e.source)} ${e.type} ${ctx.nameOf(e.target)}`,
                    on: { click: () => ctx.store.dispatch({ type: "select", selection: { kind: "edge", id: it.edge } }) },
                  }),
                  " ",
                  statusBadge(e.status),
                ),
                it.document
                  ? h(
                      "div",
                      { class: "small muted" },
                      "in ",
                      h("button", {
                        type: "button",
                        class: "link",
                        text: ctx.nameOf(it.document),
                        title: "Open the document at this passage",
                        on: { click: () => ctx.store.dispatch({ type: "read", doc: it.document, at: `q${it.index}~${it.edge}` }) },
                      }),
                    )
                  : null,
              );
            }),
          ),
        ),
      ),
    );
  }
  return { update };
}
