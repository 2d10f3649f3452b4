// filters.js: what is shown of the graph on the canvas: node types,
// relationship statuses, and a date slider (the graph "as of" a month).
// The filters change the look only; hidden nodes and the legend live here
// too.

import { h, replace } from "./dom.js";
import { NODE_TYPES, STATUSES, EDGE_STYLES, dateRange, monthsBetween } from "./model.js";

export function createFiltersPanel(root, ctx) {
  const typeBoxes = NODE_TYPES.map((t) =>
    h("label", { class: "chk" }, h("input", { type: "checkbox", name: "ft", value: t, checked: true, on: { change: apply } }), h("span", { class: `dot t-${t}` }), t),
  );
  const statusBoxes = STATUSES.map((s) =>
    h("label", { class: "chk" }, h("input", { type: "checkbox", name: "fs", value: s, checked: true, on: { change: apply } }), h("span", { class: `swatch s-${s}` }), s),
  );
  const slider = h("input", { type: "range", id: "asof", min: "0", max: "0", value: "0", step: "1", "aria-label": "as of", disabled: true });
  const anyDate = h("input", { type: "checkbox", id: "asof-any", checked: true });
  const asOfLabel = h("output", { id: "asof-label", text: "any date" });
  const hiddenInfo = h("p", { class: "small" });
  const relSelect = h("select", { id: "filter-rels", multiple: true, size: "6", "aria-label": "relationship types", on: { change: apply } });
  const isolated = h("input", { type: "checkbox", id: "filter-isolated", on: { change: apply } });
  let relNames = [];
  let months = [];

  function apply() {
    const types = typeBoxes.map((l) => l.querySelector("input")).filter((i) => i.checked).map((i) => i.value);
    const statuses = statusBoxes.map((l) => l.querySelector("input")).filter((i) => i.checked).map((i) => i.value);
    const asOf = anyDate.checked || months.length === 0 ? "" : months[Number(slider.value)] || "";
    const rels = [...relSelect.selectedOptions].map((o) => o.value);
    ctx.store.dispatch({ type: "filters", filters: { types, statuses, asOf, rels, isolated: isolated.checked } });
  }
  slider.addEventListener("input", () => {
    anyDate.checked = false;
    asOfLabel.textContent = months[Number(slider.value)] || "";
  });
  slider.addEventListener("change", apply);
  anyDate.addEventListener("change", apply);

  replace(
    root,
    h("h2", { text: "Filters" }),
    h("fieldset", {}, h("legend", { text: "Node types" }), h("div", { class: "chks" }, typeBoxes)),
    h("fieldset", {}, h("legend", { text: "Relationship status" }), h("div", { class: "chks col" }, statusBoxes)),
    h(
      "fieldset",
      {},
      h("legend", { text: "Relationship types" }),
      relSelect,
      h("div", { class: "row" }, h("button", { type: "button", class: "link small", text: "all types", on: { click: () => { for (const o of relSelect.options) o.selected = false; apply(); } } })),
      h("label", { class: "chk" }, isolated, "hide nodes with no relationship shown"),
    ),
    h(
      "fieldset",
      {},
      h("legend", { text: "As of" }),
      h("div", { class: "row" }, slider, asOfLabel),
      h("label", { class: "chk" }, anyDate, "any date (undated relationships always show)"),
    ),
    hiddenInfo,
  );

  let shown = "";
  return {
    update() {
      const s = ctx.store.get();
      const range = dateRange(ctx.ds.edges.values());
      const vocab = ctx.relationshipTypes().map((r) => r.name);
      const key = JSON.stringify([s.filters, s.hidden.length, range, vocab.length]);
      if (key === shown) return;
      shown = key;
      for (const l of typeBoxes) {
        const i = l.querySelector("input");
        i.checked = !s.filters.types || s.filters.types.includes(i.value);
      }
      for (const l of statusBoxes) {
        const i = l.querySelector("input");
        i.checked = !s.filters.statuses || s.filters.statuses.includes(i.value);
      }
      if (vocab.join() !== relNames.join()) {
        relNames = vocab;
        replace(relSelect, vocab.map((n) => h("option", { value: n, text: n })));
      }
      for (const o of relSelect.options) o.selected = Boolean(s.filters.rels && s.filters.rels.includes(o.value));
      isolated.checked = s.filters.isolated;
      months = range ? monthsBetween(range.min < (s.filters.asOf || "9999") ? range.min : s.filters.asOf.slice(0, 7), range.max > (s.filters.asOf || "") ? range.max : s.filters.asOf.slice(0, 7)) : [];
      slider.max = String(Math.max(0, months.length - 1));
      slider.disabled = months.length === 0;
      if (s.filters.asOf) {
        const i = months.indexOf(s.filters.asOf.slice(0, 7));
        slider.value = String(i >= 0 ? i : months.length - 1);
        anyDate.checked = false;
        asOfLabel.textContent = s.filters.asOf;
      } else {
        slider.value = slider.max;
        anyDate.checked = true;
        asOfLabel.textContent = "any date";
      }
      replace(
        hiddenInfo,
        s.hidden.length
          ? [`${s.hidden.length} node${s.hidden.length > 1 ? "s" : ""} hidden. `, h("button", { type: "button", class: "link", text: "Show them again", on: { click: () => ctx.store.dispatch({ type: "unhideAll" }) } })]
          : null,
      );
    },
  };
}

/** createLegend fills root with the key to colours and edge styles. */
export function createLegend(root) {
  replace(
    root,
    h("div", { class: "legend-group" }, NODE_TYPES.map((t) => h("span", { class: "legend-item" }, h("span", { class: `dot t-${t}` }), t))),
    h("div", { class: "legend-group" }, Object.entries(EDGE_STYLES).map(([s, st]) => h("span", { class: "legend-item", title: st.label }, h("span", { class: `swatch s-${s}` }), s))),
    h("div", { class: "legend-group muted" }, "arrows point from actor to object; dashed = not confirmed; ⚑ pinned"),
  );
}
