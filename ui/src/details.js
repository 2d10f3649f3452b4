// details.js: the side panel for the selected node or edge. For an edge,
// every piece of evidence: status badge, quote, who asserts it, the
// document, and each denial beside the allegation it answers.

import { h, replace } from "./dom.js";
import { edgeStyle, evidenceRows, safeURL } from "./model.js";
import { statusRank } from "./vocab.js";

const STATUS_HELP = {
  confirmed: "Established on the record, or by the party itself.",
  reported: "Stated as fact by the publication, with no named denial.",
  alleged: "Asserted by sources, not confirmed.",
  disputed: "Alleged, and denied by a named party.",
};

export function statusBadge(status) {
  return h("span", { class: `badge s-${status}`, title: STATUS_HELP[status] || "", text: status });
}

function field(label, value) {
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) return null;
  return h("div", { class: "field" }, h("dt", { text: label }), h("dd", {}, Array.isArray(value) ? value.join(", ") : value));
}

function propsList(props) {
  if (!props || typeof props !== "object") return [];
  return Object.keys(props)
    .sort()
    .map((k) => field(k, String(props[k])));
}

/**
 * createDetails renders into root. ctx: {store, ds, ensureNode(id),
 * nameOf(id), view(), onExpand(opts), isDrawn(kind, id), showNode(id)}.
 */
export function createDetails(root, ctx) {
  let shown = "";
  let lastSel = "";

  function nodeLink(id) {
    return h("button", {
      class: "link",
      type: "button",
      text: ctx.nameOf(id),
      title: id,
      on: { click: () => ctx.store.dispatch({ type: "select", selection: { kind: "node", id } }) },
    });
  }

  function renderNode(id) {
    const n = ctx.ds.nodes.get(id);
    const s = ctx.store.get();
    if (!n) {
      replace(root, h("p", { class: "muted", text: `Loading ${id}…` }));
      return;
    }
    const pinned = Boolean(s.pinned[id]);
    const url = safeURL(n.url);
    const vocab = ctx.vocab();
    const typeBoxes = vocab.nodeTypes.map((t) => h("label", { class: "chk" }, h("input", { type: "checkbox", name: "xt", value: t }), t));
    const statusBoxes = vocab.statuses.map((t) => h("label", { class: "chk" }, h("input", { type: "checkbox", name: "xs", value: t }), t));
    const relTypes = vocab.relationshipTypes;
    const relSelect = relTypes.length
      ? h(
          "select",
          { name: "xr", multiple: true, size: "5", "aria-label": "relationship types", title: "Relationship types (Ctrl+click for several; none = all)" },
          relTypes.map((r) => h("option", { value: r.name, text: r.name, title: r.meaning || "" })),
        )
      : null;
    const depth = h("select", { name: "depth", "aria-label": "depth" }, [1, 2, 3].map((d) => h("option", { value: String(d), text: `${d} hop${d > 1 ? "s" : ""}` })));
    const expandForm = h(
      "form",
      {
        class: "expand",
        on: {
          submit: (e) => {
            e.preventDefault();
            const fd = new FormData(e.target);
            ctx.onExpand({ id, depth: Number(fd.get("depth")), types: fd.getAll("xt"), statuses: fd.getAll("xs"), rels: fd.getAll("xr") });
          },
        },
      },
      h("div", { class: "row" }, h("button", { type: "submit", class: "primary", id: "expand-btn", text: "Expand neighbours" }), depth),
      h(
        "details",
        {},
        h("summary", { text: "Only these types / statuses (none ticked = all)" }),
        h("div", { class: "small muted", text: "Neighbour types" }),
        h("div", { class: "chks" }, typeBoxes),
        h("div", { class: "small muted", text: "Relationship statuses" }),
        h("div", { class: "chks" }, statusBoxes),
        relSelect ? [h("div", { class: "small muted", text: "Relationship types" }), relSelect] : null,
      ),
    );
    const rels = [...ctx.ds.edges.values()].filter((e) => e.source === id || e.target === id);
    rels.sort((a, b) => statusRank(a.status) - statusRank(b.status) || a.type.localeCompare(b.type) || a.id.localeCompare(b.id));
    replace(
      root,
      h("header", { class: "det-head" }, h("span", { class: `dot t-${n.type}` }), h("h2", { text: n.name }), h("span", { class: "type", text: n.kind ? `${n.type} · ${n.kind}` : n.type })),
      n.description ? h("p", { class: "desc", text: n.description }) : null,
      h(
        "dl",
        {},
        field("id", h("code", { text: n.id })),
        field("also called", n.aliases),
        field("date", n.date),
        url ? field("url", h("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: n.url })) : field("url", n.url),
        propsList(n.props),
      ),
      h(
        "div",
        { class: "actions" },
        expandForm,
        h(
          "div",
          { class: "row" },
          h("button", { type: "button", id: "hide-btn", text: "Hide", on: { click: () => ctx.store.dispatch({ type: "hide", id }) } }),
          h("button", {
            type: "button",
            id: "pin-btn",
            text: pinned ? "Unpin" : "Pin",
            title: "A pinned node stays where it is (drag a node to pin it there)",
            on: {
              click: () => {
                if (pinned) ctx.store.dispatch({ type: "unpin", id });
                else {
                  const g = ctx.view().graph();
                  const a = g.hasNode(id) ? g.getNodeAttributes(id) : { x: 0, y: 0 };
                  ctx.store.dispatch({ type: "pin", id, x: a.x, y: a.y });
                }
              },
            },
          }),
          h("button", { type: "button", text: "Path from here", on: { click: () => ctx.pathEnd("from", id) } }),
          h("button", { type: "button", text: "Path to here", on: { click: () => ctx.pathEnd("to", id) } }),
          h("button", { type: "button", text: "Avoid in paths", title: "Find paths that do not go through this node", on: { click: () => ctx.pathAvoid(id) } }),
        ),
      ),
      h("h3", { text: `Relationships (${rels.length})` }),
      h(
        "ul",
        { class: "rels" },
        rels.map((e) => {
          const out = e.source === id;
          const other = out ? e.target : e.source;
          return h(
            "li",
            {},
            h("button", {
              class: "link rel",
              type: "button",
              dataset: { edge: e.id },
              on: { click: () => ctx.store.dispatch({ type: "select", selection: { kind: "edge", id: e.id } }) },
            }, h("span", { class: "dir", text: out ? "→" : "←" }), h("span", { class: "rtype", text: e.type }), " ", h("span", { text: ctx.nameOf(other) })),
            " ",
            statusBadge(e.status),
            ctx.isDrawn("node", other) ? null : h("button", { class: "mini", type: "button", text: "show", title: "Put on the canvas", on: { click: () => ctx.showNode(other) } }),
          );
        }),
      ),
    );
  }

  function evidenceCard(ev, side) {
    if (!ev) return h("div", { class: `ev ev-none ${side}` }, h("p", { class: "muted", text: side === "denies" ? "No denial on record." : "" }));
    const doc = ctx.ds.nodes.get(ev.document);
    const url = safeURL(doc?.url);
    return h(
      "div",
      { class: `ev ${ev.stance === "denies" ? "denies" : "supports"}` },
      h("div", { class: "ev-stance", text: ev.stance === "denies" ? "Denies" : "Supports" }),
      h("blockquote", { text: ev.quote || "" }),
      h("p", { class: "ev-who" }, "— ", h("span", { class: "who", text: ev.attributed_to || "unattributed" })),
      h(
        "p",
        { class: "ev-doc" },
        "in ",
        doc ? nodeLink(ev.document) : h("code", { text: ev.document || "no document" }),
        url ? [" ", h("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: "(open source)" })] : null,
      ),
    );
  }

  function renderEdge(id) {
    const e = ctx.ds.edges.get(id);
    if (!e) {
      replace(root, h("p", { class: "muted", text: `Relationship ${id} is not loaded.` }));
      return;
    }
    for (const ev of e.evidence) if (ev.document && !ctx.ds.nodes.has(ev.document)) ctx.ensureNode(ev.document, { quiet: true });
    const rows = evidenceRows(e.evidence);
    const style = edgeStyle(e.status);
    replace(
      root,
      h("header", { class: "det-head" }, h("h2", {}, nodeLink(e.source), h("span", { class: "rtype", text: ` —${e.type}→ ` }), nodeLink(e.target))),
      h("p", {}, statusBadge(e.status), " ", h("span", { class: "muted", text: `${STATUS_HELP[e.status] || ""} Drawn ${style.dashed ? "dashed" : "solid"}.` })),
      e.description ? h("p", { class: "desc", text: e.description }) : null,
      h("dl", {}, field("id", h("code", { text: e.id })), field("date", e.date), field("until", e.end_date), propsList(e.props)),
      ctx.isDrawn("edge", id) ? null : h("button", { type: "button", text: "Show on canvas", on: { click: () => { ctx.showNode(e.source); ctx.showNode(e.target); } } }),
      h("h3", { text: `Evidence (${e.evidence.length})` }),
      rows.length === 0 ? h("p", { class: "muted", text: "No evidence recorded." }) : null,
      h("div", { class: "evidence" }, rows.map((r) => h("div", { class: "ev-row" }, evidenceCard(r.supports, "supports"), r.denies ? evidenceCard(r.denies, "denies") : null))),
    );
  }

  return {
    /** update re-renders when the selection or the data changed. */
    update(force = false) {
      const s = ctx.store.get();
      const sel = s.selected;
      // Re-render only when what the panel shows may have changed, so a
      // half-filled expand form survives unrelated updates.
      const key = sel
        ? JSON.stringify([sel, ctx.ds.nodes.size, ctx.ds.edges.size, Boolean(s.pinned[sel.id]), ctx.view().graph().order, ctx.view().graph().size, ctx.vocab().loaded])
        : "";
      if (!force && key === shown) return;
      shown = key;
      root.hidden = !sel;
      if (!sel) {
        root.replaceChildren();
        return;
      }
      const moved = JSON.stringify(sel) !== lastSel;
      lastSel = JSON.stringify(sel);
      if (sel.kind === "node") renderNode(sel.id);
      else renderEdge(sel.id);
      // A new selection opens at its top (its header, status and wording).
      if (moved) root.scrollTop = 0;
    },
  };
}
