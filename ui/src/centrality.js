// centrality.js: size or colour nodes by a metric (GET /api/centrality)
// and list the best ranked. The metrics are the server's (vocabulary);
// the metric is computed on the graph the filters keep (statuses,
// relationship types, as of), and the list and sizes cover only the nodes
// shown, actors only (people and organisations) when asked. A name in the
// list selects that node.

import { h, replace } from "./dom.js";
import { rankScores } from "./model.js";
import { rankedShown } from "./derive.js";
import { ACTOR_TYPES } from "./vocab.js";

export function createCentralityPanel(root, ctx) {
  const metric = h("select", { id: "cent-metric", "aria-label": "metric" });
  const top = h("input", { type: "number", id: "cent-top", min: "1", max: "1000", value: "20", class: "num", "aria-label": "top" });
  const by = h("select", { id: "cent-by", "aria-label": "show as" }, h("option", { value: "size", text: "size" }), h("option", { value: "color", text: "colour" }));
  const actors = h("input", { type: "checkbox", id: "cent-actors" });
  const list = h("div", { class: "cent-list", "aria-live": "polite" });
  let metricNames = "";
  replace(
    root,
    h("h2", { text: "Centrality" }),
    h("p", { class: "muted small", text: "Size or colour nodes by a metric, computed on the relationships the filters keep; the ranked list lists the nodes shown." }),
    h(
      "form",
      {
        on: {
          submit: (e) => {
            e.preventDefault();
            ctx.store.dispatch({ type: "centrality", centrality: { metric: metric.value, top: top.value, by: by.value, actors: actors.checked } });
          },
        },
      },
      h("div", { class: "row" }, metric, h("label", {}, "top ", top), h("label", {}, "as ", by)),
      h("label", { class: "chk" }, actors, "rank actors only (people and organisations)"),
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
      const visible = ctx.visible();
      const names = ctx.vocab().metrics;
      const key = JSON.stringify([c, got && (got.answer ? "a" : got.error?.message), ctx.ds.nodes.size, names, [...visible.nodes]]);
      if (key === shown) return;
      shown = key;
      if (names.join() !== metricNames) {
        metricNames = names.join();
        replace(metric, names.map((m) => h("option", { value: m, text: m.replace(/_/g, " ") })));
      }
      if (c) {
        metric.value = c.metric;
        top.value = String(c.top);
        by.value = c.by;
        actors.checked = c.actors;
      }
      if (!c) return void replace(list);
      if (!got) return void replace(list, h("p", { class: "muted", text: "Computing…" }));
      if (got.error) return void replace(list, h("p", { class: "error", text: got.error.message }));
      const ranked = rankScores(rankedShown(got.answer.scores, ctx.ds, visible, { actorsOnly: c.actors, actorTypes: ACTOR_TYPES })).slice(0, c.top);
      if (ranked.length === 0) return void replace(list, h("p", { class: "muted", text: "No node shown has a score: change the filters." }));
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
