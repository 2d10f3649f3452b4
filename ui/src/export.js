// export.js: export of the current view (what the canvas shows, filters
// applied) as native JSON, GraphML, GEXF and PNG, written in the browser;
// and links to the server's exports of the whole graph.

import { h, replace, download } from "./dom.js";
import { viewRecords, toGraphML, toGEXF } from "./model.js";
import { api } from "./api.js";

const WHOLE = ["json", "graphml", "gexf", "cytoscape", "node-link", "neo4j-csv", "ftm"];

export function createExportPanel(root, ctx) {
  const stamp = () => new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  const view = () => viewRecords(ctx.ds, ctx.view().graph(), ctx.store.get().filters);
  const save = (text, type, ext) => download(new Blob([text], { type }), `backchannel-view-${stamp()}.${ext}`);
  const info = h("p", { class: "small muted", "aria-live": "polite" });
  const buttons = [
    ["JSON", "export-json", () => save(`${JSON.stringify(view(), null, 2)}\n`, "application/json", "json")],
    ["GraphML", "export-graphml", () => save(toGraphML(view()), "application/graphml+xml", "graphml")],
    ["GEXF", "export-gexf", () => save(toGEXF(view(), ctx.view().graph()), "application/gexf+xml", "gexf")],
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
    h("p", { class: "small", text: "The current view: the nodes and relationships on the canvas, filters applied, with their evidence." }),
    h("div", { class: "row wrap" }, buttons.map(([label, id, fn]) => h("button", { type: "button", id, text: label, on: { click: fn } }))),
    info,
    h("h3", { text: "Whole graph, from the server" }),
    h("ul", { class: "plain" }, WHOLE.map((f) => h("li", {}, h("a", { href: api.exportURL(f), download: "", text: f })))),
  );
  return {
    update() {
      const v = view();
      info.textContent = `${v.nodes.length} nodes, ${v.edges.length} relationships in view.`;
    },
  };
}
