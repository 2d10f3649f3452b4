// details.js: the side panel for the selected node or edge. For an edge,
// every piece of evidence: status badge, quote, who asserts it, the
// document, and each denial beside the allegation it answers.

import { h, replace } from "./dom.js";
import { edgeStyle, safeURL } from "./model.js";
import { recordShown } from "./derive.js";
import { claimGroups, between, oneLine, evidenceGroups } from "./claims.js";
import { dot } from "./filters.js";
import { statusAsOf, timelineView, UNREPORTED } from "./timeline.js";

const STATUS_HELP = {
  confirmed: "Established on the record, or by the party itself.",
  reported: "Stated as fact by the publication, with no named denial.",
  alleged: "Asserted by sources, not confirmed.",
  disputed: "Alleged, and denied by a named party.",
  refuted: "Found false by a review, inquiry or court.",
  retracted: "Withdrawn by whoever asserted it.",
  [UNREPORTED]: "Not yet reported on the as-of date: no evidence for it had been given by then.",
};

export function statusBadge(status) {
  const el = h("span", { class: `badge s-${status}`, title: STATUS_HELP[status] || edgeStyle(status).label, text: status });
  el.style.background = edgeStyle(status).color;
  return el;
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

  const selectEdge = (id) => ctx.store.dispatch({ type: "select", selection: { kind: "edge", id } });

  /** claimRow is one claim: status, date and its wording in one line; a click opens it. */
  function claimRow(e, current = false) {
    return h(
      "li",
      { class: current ? "claim current" : "claim" },
      h(
        "button",
        { class: "link rel", type: "button", dataset: { edge: e.id }, "aria-current": current ? "true" : null, title: e.description || "", on: { click: () => selectEdge(e.id) } },
        statusBadge(statusAsOf(e, ctx.store.get().filters.asOf || "")),
        e.date ? h("span", { class: "claim-date", text: e.date }) : null,
        h("span", { class: "claim-text", text: oneLine(e) || e.type }),
      ),
    );
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
      h(
        "div",
        { class: "row" },
        h("button", { type: "submit", class: "primary", id: "expand-btn", text: "Expand neighbours" }),
        depth,
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
      ),
      h(
        "details",
        {},
        h("summary", { text: "More: expand only some types, paths" }),
        h("div", { class: "small muted", text: "Neighbour types (none ticked = all)" }),
        h("div", { class: "chks" }, typeBoxes),
        h("div", { class: "small muted", text: "Relationship statuses" }),
        h("div", { class: "chks" }, statusBoxes),
        relSelect ? [h("div", { class: "small muted", text: "Relationship types" }), relSelect] : null,
        h(
          "div",
          { class: "row" },
          h("button", { type: "button", text: "Path from here", on: { click: () => ctx.pathEnd("from", id) } }),
          h("button", { type: "button", text: "Path to here", on: { click: () => ctx.pathEnd("to", id) } }),
          h("button", { type: "button", text: "Avoid in paths", title: "Find paths that do not go through this node", on: { click: () => ctx.pathAvoid(id) } }),
        ),
      ),
    );
    const all = [...ctx.ds.edges.values()].filter((e) => e.source === id || e.target === id);
    const rels = all.filter((e) => recordShown(ctx.ds, e, s.filters));
    const groups = claimGroups(id, rels, ctx.nameOf);
    const hiddenCount = all.length - rels.length;
    replace(
      root,
      h("header", { class: "det-head" }, dot(n.type), h("h2", { text: n.name, title: n.name }), h("span", { class: "type", text: n.kind ? `${n.type} · ${n.kind}` : n.type })),
      n.description ? h("p", { class: "desc clamp", text: n.description, title: n.description }) : null,
      n.type === "document"
        ? h("p", {}, h("button", { type: "button", id: "read-doc-btn", class: "primary", text: "Read the document", on: { click: () => ctx.store.dispatch({ type: "read", doc: id }) } }))
        : null,
      h("div", { class: "actions" }, expandForm),
      h("h3", { text: `Claims (${rels.length})` }),
      hiddenCount ? h("p", { class: "small muted", text: `${hiddenCount} more hidden by the filters.` }) : null,
      h(
        "ul",
        { class: "rels claim-groups" },
        groups.map((g) =>
          h(
            "li",
            { class: "claim-group" },
            h(
              "div",
              { class: "cg-head" },
              h("span", { class: "dir", text: g.out ? "→" : "←" }),
              h("span", { class: "rtype", text: g.type }),
              " ",
              nodeLink(g.other),
              g.claims.length > 1 ? h("span", { class: "muted small", text: ` · ${g.claims.length} claims` }) : null,
              ctx.isDrawn("node", g.other) ? null : h("button", { class: "mini", type: "button", text: "show", title: "Put on the canvas", on: { click: () => ctx.showNode(g.other) } }),
            ),
            h("ul", { class: "claims" }, g.claims.map((e) => claimRow(e))),
          ),
        ),
      ),
      h("h3", { text: "About" }),
      h(
        "dl",
        {},
        field("id", h("code", { text: n.id })),
        field("also called", n.aliases),
        field("date", n.date),
        url ? field("url", h("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: n.url })) : field("url", n.url),
        propsList(n.props),
      ),
    );
  }

  function evidenceCard(e, g) {
    const doc = ctx.ds.nodes.get(g.document);
    const url = safeURL(doc?.url);
    return h(
      "div",
      { class: `ev ${g.stance}` },
      h(
        "div",
        { class: "ev-stance" },
        h("span", { text: g.stance.charAt(0).toUpperCase() + g.stance.slice(1) }),
        " · ",
        h("span", { class: "who", text: g.who }),
        g.date ? h("span", { class: "ev-date", text: ` · ${g.date}` }) : null,
      ),
      g.items.map((ev) =>
        // A paraphrase is our words about a cited source whose text is not
        // on file: never in quotation marks, and marked as a paraphrase.
        (ev.kind || (ev.paraphrase ? "paraphrase" : "quote")) === "paraphrase"
          ? h(
              "div",
              { class: "ev-paraphrase" },
              h("span", { class: "kind", text: "Paraphrase of a cited source" }),
              ev.date ? h("span", { class: "muted small", text: ` · ${ev.date}` }) : null,
              h("p", { text: ev.paraphrase || "" }),
            )
          : h(
          "div",
          { class: "ev-quote" },
          h("blockquote", { text: ev.quote || "" }),
          g.document
            ? h("button", {
                type: "button",
                class: "mini show-in-doc",
                text: "show in document",
                title: "Open the document at this passage",
                on: { click: () => ctx.store.dispatch({ type: "read", doc: g.document, at: `q${e.evidence.indexOf(ev)}~${e.id}` }) },
              })
            : null,
        ),
      ),
      h(
        "p",
        { class: "ev-doc" },
        "in ",
        doc ? nodeLink(g.document) : h("code", { text: g.document || "no document" }),
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
    const groups = evidenceGroups(e.evidence);
    const s = ctx.store.get();
    const asOf = s.filters.asOf || "";
    const status = statusAsOf(e, asOf);
    const style = edgeStyle(status);
    const siblings = between([...ctx.ds.edges.values()], e.source, e.target).filter((x) => x.id === id || recordShown(ctx.ds, x, s.filters));
    replace(
      root,
      h("header", { class: "det-head" }, h("h2", {}, nodeLink(e.source), h("span", { class: "rtype", text: ` —${e.type}→ ` }), nodeLink(e.target))),
      h(
        "p",
        { class: "edge-status" },
        statusBadge(status),
        asOf ? h("span", { class: "as-of small", text: ` as of ${asOf}` }) : null,
        e.date ? h("span", { class: "claim-date", text: e.end_date ? `${e.date} – ${e.end_date}` : e.date }) : null,
        h("span", { class: "muted small", text: `${STATUS_HELP[status] || ""} Drawn ${style.dashed ? "dashed" : "solid"}.` }),
      ),
      e.description ? h("p", { class: "desc clamp", text: e.description, title: e.description }) : null,
      ctx.isDrawn("edge", id) ? null : h("button", { type: "button", text: "Show on canvas", on: { click: () => { ctx.showNode(e.source); ctx.showNode(e.target); } } }),
      groups.length === 0 ? h("p", { class: "muted", text: "No evidence recorded." }) : null,
      h("div", { class: "evidence" }, groups.map((g) => evidenceCard(e, g))),
      timelineView(e, { asOf, badge: statusBadge, nameOf: (id) => ctx.ds.nodes.get(id)?.name || id }),
      siblings.length > 1
        ? [
            h("h3", { text: `All claims between ${ctx.nameOf(e.source)} and ${ctx.nameOf(e.target)} (${siblings.length})` }),
            h("ul", { class: "claims between" }, siblings.map((x) => claimRow(x, x.id === id))),
          ]
        : null,
      h("h3", { text: "About" }),
      h("dl", {}, field("id", h("code", { text: e.id })), field("type", e.type), field("date", e.date), field("until", e.end_date), propsList(e.props)),
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
        ? JSON.stringify([sel, ctx.ds.nodes.size, ctx.ds.edges.size, Boolean(s.pinned[sel.id]), ctx.view().graph().order, ctx.view().graph().size, ctx.vocab().loaded, s.filters])
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
