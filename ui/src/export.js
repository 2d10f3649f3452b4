// export.js: the Share tab. Named views (kept in the URL, in this
// browser, and in a file to pass on), the one-page report (report.js),
// and export of the current view (what the canvas shows, filters
// applied): the formats are written by the server (POST /api/export with
// the view's records), one writer per format, the same files the CLI and
// GET /api/export produce; the PNG is the canvas itself. Links below
// export the whole graph.

import { h, replace, download } from "./dom.js";
import { viewRecords } from "./derive.js";
import { api } from "./api.js";

const WHOLE = ["json", "graphml", "gexf", "cytoscape", "node-link", "neo4j-csv", "ftm"];
const VIEWS_KEY = "backchannel.views";

function loadViews() {
  try {
    const v = JSON.parse(localStorage.getItem(VIEWS_KEY) || "[]");
    return Array.isArray(v) ? v.filter((x) => x && typeof x.name === "string" && typeof x.hash === "string") : [];
  } catch {
    return [];
  }
}

function saveViews(list) {
  try {
    localStorage.setItem(VIEWS_KEY, JSON.stringify(list));
  } catch {
    // Storage may be disabled: the URL and the file still keep the view.
  }
}

/** viewFile is the JSON a named view is saved as; parseViewFile reads one back. */
export function viewFile(name, hash) {
  return { backchannel_view: 1, name, hash, saved: new Date().toISOString() };
}

export function parseViewFile(text) {
  const v = JSON.parse(text);
  if (!v || v.backchannel_view !== 1 || typeof v.hash !== "string") throw new Error("not a backchannel view file");
  return { name: typeof v.name === "string" ? v.name : "", hash: v.hash.replace(/^#/, "") };
}

export function createExportPanel(root, ctx) {
  const nameInput = h("input", { type: "text", id: "view-name", maxlength: "120", placeholder: "Name this view", "aria-label": "view name" });
  const viewsList = h("ul", { class: "plain views", id: "views-list" });
  const fileInput = h("input", { type: "file", id: "view-file", accept: ".json,application/json", "aria-label": "open a view file" });
  const currentHash = () => location.hash.replace(/^#/, "");
  const renderViews = () =>
    replace(
      viewsList,
      loadViews().map((v) =>
        h(
          "li",
          {},
          h("button", { type: "button", class: "link", text: v.name, title: "Open this view", on: { click: () => (location.hash = v.hash) } }),
          " ",
          h("button", {
            type: "button",
            class: "mini",
            text: "×",
            title: "Forget this view",
            "aria-label": `Forget ${v.name}`,
            on: {
              click: () => {
                saveViews(loadViews().filter((x) => x.name !== v.name));
                renderViews();
              },
            },
          }),
        ),
      ),
    );
  const saveView = () => {
    const name = nameInput.value.replace(/\s+/g, " ").trim();
    if (!name) return ctx.status("Give the view a name first.", "error");
    ctx.store.dispatch({ type: "name", name });
    saveViews([{ name, hash: currentHash() }, ...loadViews().filter((x) => x.name !== name)].slice(0, 50));
    renderViews();
    ctx.status(`Saved "${name}": its link and this browser keep it.`);
  };
  fileInput.addEventListener("change", async () => {
    const f = fileInput.files?.[0];
    if (!f) return;
    try {
      const v = parseViewFile(await f.text());
      location.hash = v.hash;
      ctx.status(`Opened the view "${v.name}".`);
    } catch (err) {
      ctx.status(`That file is not a view: ${err.message}`, "error");
    }
    fileInput.value = "";
  });
  const stamp = () => new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  const records = () => viewRecords(ctx.ds, ctx.visible());
  const info = h("p", { class: "small muted", "aria-live": "polite" });
  const viaServer = (format, ext) => async () => {
    try {
      const { blob } = await api.exportView(format, records());
      download(blob, `backchannel-view-${stamp()}.${ext}`);
    } catch (err) {
      ctx.status(`${format} export failed: ${err.message}`, "error");
    }
  };
  const buttons = [
    ["JSON", "export-json", viaServer("json", "json")],
    ["GraphML", "export-graphml", viaServer("graphml", "graphml")],
    ["GEXF", "export-gexf", viaServer("gexf", "gexf")],
    [
      "PNG",
      "export-png",
      async () => {
        try {
          download(await ctx.view().toPNG(), `backchannel-view-${stamp()}.png`);
        } catch (err) {
          ctx.status(`PNG export failed: ${err.message}`, "error");
        }
      },
    ],
  ];
  replace(
    root,
    h("h2", { text: "Named views" }),
    h("p", { class: "small muted", text: "A name travels with the link; saved views are kept in this browser, and a file passes one on." }),
    h("div", { class: "row" }, nameInput, h("button", { type: "button", id: "view-save", class: "primary", text: "Save", on: { click: saveView } })),
    viewsList,
    h(
      "div",
      { class: "row" },
      h("button", {
        type: "button",
        id: "view-download",
        text: "Download as a file",
        on: {
          click: () => {
            const name = ctx.store.get().name || nameInput.value.trim() || "backchannel view";
            download(new Blob([`${JSON.stringify(viewFile(name, currentHash()), null, 2)}\n`], { type: "application/json" }), `${name.replace(/[^A-Za-z0-9._-]+/g, "-")}.view.json`);
          },
        },
      }),
      h("label", { class: "small" }, "Open a file: ", fileInput),
    ),
    h("h2", { text: "Report" }),
    h("p", { class: "small muted", text: "One page for print or PDF: the graph with its legend, caption, date, filters, and the claims with their quotes and sources." }),
    h("div", { class: "row" }, h("button", { type: "button", id: "report-btn", text: "Print the report…", on: { click: () => ctx.printReport() } })),
    h("h2", { text: "Export" }),
    h("p", { class: "small", text: "The current view: the nodes and relationships shown, filters applied, with their evidence." }),
    h("div", { class: "row wrap" }, buttons.map(([label, id, fn]) => h("button", { type: "button", id, text: label, on: { click: fn } }))),
    info,
    h("h3", { text: "Whole graph, from the server" }),
    h("ul", { class: "plain" }, WHOLE.map((f) => h("li", {}, h("a", { href: api.exportURL(f), download: "", text: f })))),
  );
  renderViews();
  return {
    update() {
      const v = ctx.visible();
      info.textContent = `${v.nodes.size} nodes, ${v.edges.size} relationships in view.`;
      const name = ctx.store.get().name;
      if (name && document.activeElement !== nameInput) nameInput.value = name;
      document.title = name ? `${name} · backchannel` : "backchannel explorer";
    },
  };
}
