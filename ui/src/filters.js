// filters.js: what is shown of the graph on the canvas: node types,
// relationship statuses and types (the server's vocabulary), and a date
// slider (the graph "as of" a month). derive.shown applies them, for the
// canvas and every panel alike; hidden nodes and the legend live here too.

import { h, replace } from "./dom.js";
import { edgeStyle, nodeColor, dateRange, monthsBetween } from "./model.js";

/** dot is a node type's colour mark (colour set through the CSSOM, which the CSP allows). */
export function dot(type) {
  const el = h("span", { class: `dot t-${type}` });
  el.style.background = nodeColor(type);
  return el;
}

/** swatch is a status's line mark. */
export function swatch(status) {
  const st = edgeStyle(status);
  const el = h("span", { class: `swatch s-${status}` });
  el.style.borderTop = `3px ${st.dashed ? "dashed" : "solid"} ${st.color}`;
  return el;
}

export function createFiltersPanel(root, ctx) {
  let typeBoxes = [];
  let statusBoxes = [];
  const typeWrap = h("div", { class: "chks" });
  const statusWrap = h("div", { class: "chks col" });
  let vocabKey = "";
  const fillVocab = (v) => {
    const k = JSON.stringify([v.nodeTypes, v.statuses]);
    if (k === vocabKey) return;
    vocabKey = k;
    typeBoxes = v.nodeTypes.map((t) =>
      h("label", { class: "chk" }, h("input", { type: "checkbox", name: "ft", value: t, checked: true, on: { change: apply } }), dot(t), t),
    );
    statusBoxes = v.statuses.map((s) =>
      h("label", { class: "chk", title: edgeStyle(s).label }, h("input", { type: "checkbox", name: "fs", value: s, checked: true, on: { change: apply } }), swatch(s), s),
    );
    replace(typeWrap, typeBoxes);
    replace(statusWrap, statusBoxes);
  };
  const slider = h("input", { type: "range", id: "asof", min: "0", max: "0", value: "0", step: "1", "aria-label": "as of", disabled: true });
  const anyDate = h("input", { type: "checkbox", id: "asof-any", checked: true });
  const asOfLabel = h("output", { id: "asof-label", text: "any date" });
  const hiddenInfo = h("p", { class: "small" });
  const relSelect = h("select", { id: "filter-rels", multiple: true, size: "6", "aria-label": "relationship types", on: { change: apply } });
  const isolated = h("input", { type: "checkbox", id: "filter-isolated", on: { change: apply } });
  let relNames = [];
  let months = [];

  // All ticked is null: "every type", including one the data brings later.
  const ticked = (boxes) => {
    const on = boxes.map((l) => l.querySelector("input")).filter((i) => i.checked).map((i) => i.value);
    return on.length === boxes.length ? null : on;
  };
  function apply() {
    const types = ticked(typeBoxes);
    const statuses = ticked(statusBoxes);
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
    h("fieldset", {}, h("legend", { text: "Node types" }), typeWrap),
    h("fieldset", {}, h("legend", { text: "Relationship status" }), statusWrap),
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
      const vocab = ctx.vocab().relationshipTypes.map((r) => r.name);
      const key = JSON.stringify([s.filters, s.hidden.length, range, vocab.length, vocabKey, ctx.vocab().loaded]);
      if (key === shown) return;
      shown = key;
      fillVocab(ctx.vocab());
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

/**
 * createLegend keeps root the key to the colours and line styles of the
 * node types and statuses the server names.
 */
export function createLegend(root, ctx) {
  let shown = "";
  return {
    update() {
      const v = ctx.vocab();
      // "unreported" exists only on an as-of date: listed then only
      const asOf = Boolean(ctx.store?.get().filters.asOf);
      const statuses = v.statuses.filter((s) => asOf || s !== "unreported");
      const key = JSON.stringify([v.nodeTypes, statuses]);
      if (key === shown) return;
      shown = key;
      replace(
        root,
        h("div", { class: "legend-group" }, v.nodeTypes.map((t) => h("span", { class: "legend-item" }, dot(t), t))),
        h("div", { class: "legend-group" }, statuses.map((s) => h("span", { class: "legend-item", title: edgeStyle(s).label }, swatch(s), s))),
        h(
          "div",
          { class: "legend-group muted", id: "legend-notes", title: "retracted: withdrawn by whoever asserted it · unreported: not yet reported on the as-of date" },
          "→ actor to object · dashed: not confirmed · refuted: found false by a review, inquiry or court · ⚑ pinned",
        ),
      );
    },
  };
}
