// export.js: export of the current view (what the canvas shows, filters
// applied). The formats are written by the server (POST /api/export with
// the view's records): one writer per format, the same files the CLI and
// GET /api/export produce. The PNG is the canvas itself. Links below
// export the whole graph.

import { h, replace, download } from "./dom.js";
import { viewRecords } from "./derive.js";
import { api } from "./api.js";

const WHOLE = ["json", "graphml", "gexf", "cytoscape", "node-link", "neo4j-csv", "ftm"];

export function createExportPanel(root, ctx) {
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
    h("h2", { text: "Export" }),
    h("p", { class: "small", text: "The current view: the nodes and relationships shown, filters applied, with their evidence." }),
    h("div", { class: "row wrap" }, buttons.map(([label, id, fn]) => h("button", { type: "button", id, text: label, on: { click: fn } }))),
    info,
    h("h3", { text: "Whole graph, from the server" }),
    h("ul", { class: "plain" }, WHOLE.map((f) => h("li", {}, h("a", { href: api.exportURL(f), download: "", text: f })))),
  );
  return {
    update() {
      const v = ctx.visible();
      info.textContent = `${v.nodes.size} nodes, ${v.edges.size} relationships in view.`;
    },
  };
}
