// path.js: the path finder. From and to with autocomplete, mode and
// filters; the paths found are highlighted on the canvas, and the hop
// list carries each hop's status and its first piece of evidence.

import { h, replace } from "./dom.js";
import { PATH_MODES } from "./state.js";
import { autocomplete } from "./search.js";
import { statusBadge } from "./details.js";

/**
 * createPathPanel renders into root. ctx: {store, ds, nameOf, status,
 * pathAnswer() -> {answer, error} | null}.
 */
export function createPathPanel(root, ctx) {
  const ends = { from: "", to: "" };
  const fromInput = h("input", { type: "search", id: "path-from", "aria-label": "from" });
  const toInput = h("input", { type: "search", id: "path-to", "aria-label": "to" });
  const mode = h("select", { id: "path-mode", "aria-label": "mode" }, PATH_MODES.map((m) => h("option", { value: m, text: m })));
  const k = h("input", { type: "number", id: "path-k", min: "1", max: "20", value: "3", "aria-label": "k", class: "num" });
  const hops = h("input", { type: "number", id: "path-hops", min: "1", max: "12", value: "6", "aria-label": "max hops", class: "num" });
  const statusWrap = h("div", { class: "chks" });
  let statusNames = "";
  const fillStatuses = (chosen) => {
    const names = ctx.vocab().statuses;
    if (names.join() !== statusNames) {
      statusNames = names.join();
      replace(statusWrap, names.map((s) => h("label", { class: "chk" }, h("input", { type: "checkbox", name: "ps", value: s }), s)));
    }
    if (chosen) for (const box of statusWrap.querySelectorAll("input")) box.checked = chosen.includes(box.value);
  };
  const asOf = h("input", { type: "month", id: "path-before", "aria-label": "as of" });
  const relSelect = h("select", { id: "path-rels", multiple: true, size: "5", "aria-label": "relationship types" });
  const fillRels = (chosen) => {
    const types = ctx.vocab().relationshipTypes;
    const names = [...new Set([...types.map((t) => t.name), ...chosen])];
    if (relSelect.options.length !== names.length) {
      replace(relSelect, names.map((n) => h("option", { value: n, text: n })));
    }
    for (const o of relSelect.options) o.selected = chosen.includes(o.value);
  };
  const result = h("div", { class: "path-result", "aria-live": "polite" });
  // Nodes the paths must not go through (kept here until the next search).
  let avoid = [];
  const avoidList = h("div", { class: "avoid small" });
  const renderAvoid = () =>
    replace(
      avoidList,
      avoid.length ? "Avoiding: " : null,
      avoid.map((id) =>
        h("span", { class: "chip" }, ctx.nameOf(id), " ", h("button", {
          type: "button",
          class: "mini",
          text: "×",
          title: "Stop avoiding",
          "aria-label": `Stop avoiding ${ctx.nameOf(id)}`,
          on: {
            click: () => {
              avoid = avoid.filter((a) => a !== id);
              const p = ctx.store.get().path;
              if (p) ctx.store.dispatch({ type: "path", path: { ...p, avoid } });
              renderAvoid();
            },
          },
        })),
      ),
    );

  const setEnd = (which, id) => {
    ends[which] = id;
    (which === "from" ? fromInput : toInput).value = id ? ctx.nameOf(id) : "";
  };
  const mk = (which, input) =>
    autocomplete(input, {
      placeholder: which === "from" ? "From…" : "To…",
      onPick: (r) => {
        ends[which] = r.id;
        input.value = r.name;
      },
      onError: (err) => ctx.status(err.message, "error"),
    });
  const form = h(
    "form",
    {
      on: {
        submit: (e) => {
          e.preventDefault();
          if (!ends.from || !ends.to) {
            ctx.status("Pick both ends of the path from the suggestions.", "error");
            return;
          }
          const fd = new FormData(form);
          ctx.store.dispatch({
            type: "path",
            path: {
              from: ends.from,
              to: ends.to,
              mode: mode.value,
              k: k.value,
              maxHops: hops.value,
              statuses: fd.getAll("ps"),
              rels: [...relSelect.selectedOptions].map((o) => o.value),
              before: asOf.value,
              avoid,
            },
          });
        },
      },
    },
    h("label", { class: "stack" }, "From", h("div", { class: "ac" }, fromInput)),
    h("label", { class: "stack" }, "To", h("div", { class: "ac" }, toInput)),
    h("div", { class: "row" }, h("label", {}, "Mode ", mode), h("label", {}, "k ", k), h("label", {}, "max hops ", hops)),
    h("details", {}, h("summary", { text: "Only relationships with status (none = all)" }), statusWrap),
    h(
      "details",
      { on: { toggle: () => fillRels([...relSelect.selectedOptions].map((o) => o.value)) } },
      h("summary", { text: "Only relationship types (none = all)" }),
      relSelect,
    ),
    h("label", {}, "As of ", asOf, h("span", { class: "muted small", text: " (empty = any date)" })),
    avoidList,
    h(
      "div",
      { class: "row" },
      h("button", { type: "submit", class: "primary", id: "path-go", text: "Find paths" }),
      h("button", { type: "button", text: "Swap", on: { click: () => { const f = ends.from; setEnd("from", ends.to); setEnd("to", f); } } }),
      h("button", { type: "button", text: "Clear", on: { click: () => ctx.store.dispatch({ type: "path", path: null }) } }),
    ),
  );
  replace(
    root,
    h("h2", { text: "Path finder" }),
    h("p", { class: "muted small", text: "Paths follow the filters too: where these fields say nothing, the statuses, relationship types and date of the Filters tab apply, and hidden nodes are avoided." }),
    form,
    result,
  );
  mk("from", fromInput);
  mk("to", toInput);

  let shown = "";
  return {
    setEnd,
    addAvoid(id) {
      if (!avoid.includes(id)) avoid = [...avoid, id];
      renderAvoid();
    },
    update() {
      const p = ctx.store.get().path;
      const got = ctx.pathAnswer();
      const key = JSON.stringify([p, got && (got.answer ? "a" : got.error?.message), ctx.vocab().statuses, ctx.vocab().relationshipTypes.length, [...ctx.visible().edges].length]);
      if (key === shown) return;
      shown = key;
      fillStatuses(p ? p.statuses : null);
      if (!p) fillRels([...relSelect.selectedOptions].map((o) => o.value));
      if (p) {
        setEnd("from", p.from);
        setEnd("to", p.to);
        mode.value = p.mode;
        k.value = String(p.k);
        hops.value = String(p.maxHops);
        fillRels(p.rels);
        asOf.value = /^\d{4}-\d{2}$/.test(p.before) ? p.before : p.before ? `${p.before}-12` : "";
        avoid = [...p.avoid];
        renderAvoid();
      }
      if (!p) return void replace(result);
      if (!got) return void replace(result, h("p", { class: "muted", text: "Searching…" }));
      if (got.error) {
        return void replace(
          result,
          h("p", { class: "error", text: got.error.message }),
        );
      }
      const paths = Array.isArray(got.answer.paths) ? got.answer.paths : [];
      if (paths.length === 0) return void replace(result, h("p", { class: "muted", text: `No path from ${ctx.nameOf(p.from)} to ${ctx.nameOf(p.to)} within ${p.maxHops} hops with these filters.` }));
      replace(
        result,
        h("p", { text: `${paths.length} path${paths.length > 1 ? "s" : ""}, highlighted on the canvas.` }),
        h(
          "ol",
          { class: "paths" },
          paths.map((path) =>
            h(
              "li",
              {},
              h("div", { class: "muted", text: `${path.hops ?? (path.edges || []).length} hops${Number.isFinite(path.cost) ? ` · cost ${Math.round(path.cost * 100) / 100}` : ""}` }),
              h(
                "ol",
                { class: "hops" },
                (path.edges || []).map((eid, i) => {
                  const e = ctx.ds.edges.get(eid);
                  const a = (path.nodes || [])[i];
                  const b = (path.nodes || [])[i + 1];
                  if (!e) return h("li", { text: eid });
                  const forward = e.source === a;
                  const first = e.evidence.find((ev) => ev.stance !== "denies");
                  const denial = e.evidence.find((ev) => ev.stance === "denies");
                  return h(
                    "li",
                    { class: "hop" },
                    h(
                      "button",
                      { class: "link", type: "button", dataset: { edge: eid }, on: { click: () => ctx.store.dispatch({ type: "select", selection: { kind: "edge", id: eid } }) } },
                      `${ctx.nameOf(a)} `,
                      h("span", { class: "rtype", text: forward ? `—${e.type}→` : `←${e.type}—` }),
                      ` ${ctx.nameOf(b)}`,
                    ),
                    " ",
                    statusBadge(e.status),
                    first ? h("blockquote", { class: "hop-quote", text: first.quote }) : null,
                    first ? h("div", { class: "ev-who", text: `— ${first.attributed_to}` }) : null,
                    denial ? h("div", { class: "hop-denial" }, h("strong", { text: "Denied: " }), h("span", { text: `“${denial.quote}” — ${denial.attributed_to}` })) : null,
                  );
                }),
              ),
            ),
          ),
        ),
      );
    },
  };
}
