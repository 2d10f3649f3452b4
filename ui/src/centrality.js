// centrality.js: size nodes by a metric (GET /api/centrality) and list
// the best ranked. Sizes apply to the nodes on the canvas; a name in the
// list puts that node on the canvas.

import { h, replace } from "./dom.js";
import { METRICS } from "./state.js";
import { rankScores } from "./model.js";

export function createCentralityPanel(root, ctx) {
  const metric = h("select", { id: "cent-metric", "aria-label": "metric" }, METRICS.map((m) => h("option", { value: m, text: m })));
  const top = h("input", { type: "number", id: "cent-top", min: "1", max: "1000", value: "20", class: "num", "aria-label": "top" });
  const by = h("select", { id: "cent-by", "aria-label": "show as" }, h("option", { value: "size", text: "size" }), h("option", { value: "color", text: "colour" }));
  const list = h("div", { class: "cent-list", "aria-live": "polite" });
  replace(
    root,
    h("h2", { text: "Centrality" }),
    h("p", { class: "muted small", text: "Size or colour nodes by a metric computed on the whole graph; the ranked list is beside it." }),
    h(
      "form",
      {
        on: {
          submit: (e) => {
            e.preventDefault();
            ctx.store.dispatch({ type: "centrality", centrality: { metric: metric.value, top: top.value, by: by.value } });
          },
        },
      },
      h("div", { class: "row" }, metric, h("label", {}, "top ", top), h("label", {}, "as ", by)),
      h(
        "div",
        { class: "row" },
        h("button", { type: "submit", class: "primary", id: "cent-go", text: "Apply" }),
        h("button", { type: "button", text: "Reset", on: { click: () => ctx.store.dispatch({ type: "centrality", centrality: null }) } }),
      ),
    ),
    list,
  );
  let shown = "";
  return {
    update() {
      const c = ctx.store.get().centrality;
      const got = ctx.centralityAnswer();
      const key = JSON.stringify([c, got && (got.answer ? "a" : got.error?.message), ctx.ds.nodes.size]);
      if (key === shown) return;
      shown = key;
      if (c) {
        metric.value = c.metric;
        top.value = String(c.top);
        by.value = c.by;
      }
      if (!c) return void replace(list);
      if (!got) return void replace(list, h("p", { class: "muted", text: "Computing…" }));
      if (got.error) {
        return void replace(list, h("p", { class: "error", text: got.error.missing ? "This server does not compute centrality yet (no /api/centrality endpoint)." : got.error.message }));
      }
      const ranked = rankScores(got.answer.scores || []).slice(0, c.top);
      replace(
        list,
        h(
          "ol",
          { class: "ranked" },
          ranked.map((s) =>
            h(
              "li",
              {},
              h("span", { class: "score", text: formatScore(s.score) }),
              " ",
              h("button", {
                class: "link",
                type: "button",
                dataset: { id: s.id },
                text: ctx.nameOf(s.id),
                title: s.id,
                on: { click: () => ctx.showNode(s.id, true) },
              }),
            ),
          ),
        ),
      );
    },
  };
}

function formatScore(v) {
  if (Number.isInteger(v)) return String(v);
  return v.toPrecision(3);
}
