// scene.js: puts a derived set of nodes and edges on the view. It builds
// the graphology graph from the records, lays it out (deterministically,
// so a link reproduces the picture), and animates from the old picture to
// the new one; pins move nodes without rebuilding. Nothing happens when
// neither what is drawn nor the pins changed.

import { buildGraph } from "./model.js";
import { settle } from "./layout.js";

/**
 * createScene returns {show(ds, nodeIds, edgeIds, pinned)}, which returns
 * true when it changed the picture. view is view.js's handle, layout
 * layout.js's worker controls.
 */
export function createScene(view, layout) {
  // Keys of what is drawn and how it is laid out (initially: nothing).
  let drawnKey = "\u0001";
  let layoutKey = "\u0001\u0002[]";
  return {
    show(ds, nodeIds, edgeIds, pinned) {
      const newDrawnKey = `${nodeIds.join("\n")}\u0001${edgeIds.join("\n")}`;
      const pins = nodeIds.filter((id) => pinned[id]).map((id) => [id, pinned[id]]);
      const newLayoutKey = `${newDrawnKey}\u0002${JSON.stringify(pins)}`;
      if (newDrawnKey === drawnKey && newLayoutKey === layoutKey) return false;
      const old = view.graph();
      const g = buildGraph(ds, nodeIds, { edges: new Set(edgeIds) });
      for (const [id, p] of pins) g.mergeNodeAttributes(id, { x: p.x, y: p.y, fixed: true });
      layout.stop();
      performance.mark("bc:build");
      const settled = settle(g);
      performance.mark("bc:settled");
      const targets = {};
      g.forEachNode((id, a) => (targets[id] = { x: a.x, y: a.y }));
      if (newDrawnKey !== drawnKey) {
        // Animate from where nodes were to where they settle.
        g.forEachNode((id) => {
          if (old.hasNode(id)) g.mergeNodeAttributes(id, { x: old.getNodeAttribute(id, "x"), y: old.getNodeAttribute(id, "y") });
        });
        view.setGraph(g);
        if (old.order > 0) view.animateTo(targets, 350);
      } else {
        // Same graph, new pins: move the nodes of the current graph.
        old.forEachNode((id) => old.setNodeAttribute(id, "fixed", Boolean(pinned[id])));
        view.animateTo(targets, 250);
      }
      performance.mark("bc:drawn");
      if (!settled && g.order > 0) layout.start(g, 6000);
      drawnKey = newDrawnKey;
      layoutKey = newLayoutKey;
      return true;
    },
  };
}
