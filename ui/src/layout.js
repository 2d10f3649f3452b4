// layout.js: ForceAtlas2, two ways.
//
// - settle(graph): a fixed number of synchronous iterations from the
//   deterministic start positions, for graphs small enough to lay out in
//   a few milliseconds. The same state gives the same picture, which is
//   what lets a link reproduce a view.
// - a web worker (graphology-layout-forceatlas2/worker) that the analyst
//   starts and stops, and that large graphs use instead of settle. Pinned
//   nodes carry `fixed: true`, which both ways respect.

import forceAtlas2 from "graphology-layout-forceatlas2";
import FA2Layout from "graphology-layout-forceatlas2/worker";

/** SYNC_LIMIT: above this many nodes, settle leaves the layout to the worker. */
export const SYNC_LIMIT = 1500;
/** SPREAD is how far spread() moves nodes towards even spacing (0..1). */
export const SPREAD = 0.7;
/** WIDEN stretches the layout sideways: labels run left to right. */
export const WIDEN = 1.4;

function settingsFor(graph) {
  return { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 500, adjustSizes: false };
}

/**
 * settle lays out graph in place, synchronously, and returns whether it
 * did (false when the graph is too large: run the worker instead).
 */
export function settle(graph) {
  if (graph.order === 0 || graph.order > SYNC_LIMIT) return false;
  const iterations = graph.order <= 300 ? 300 : 120;
  forceAtlas2.assign(graph, { iterations, settings: settingsFor(graph) });
  spread(graph);
  graph.updateEachNodeAttributes((_, a) => (a.fixed ? a : { ...a, x: a.x * WIDEN }), { attributes: ["x"] });
  return true;
}

/**
 * spread evens out a laid-out graph: each coordinate moves halfway
 * towards its rank among the nodes' (a histogram equalisation), so a
 * dense neighbourhood opens up and empty space shrinks, while every node
 * keeps its order left to right and top to bottom (who is beside whom).
 * Pinned (fixed) nodes stay where they are. Deterministic.
 */
export function spread(graph, amount = SPREAD) {
  const free = graph.filterNodes((_, a) => !a.fixed);
  if (free.length < 3 || amount <= 0) return;
  for (const axis of ["x", "y"]) {
    const vals = free.map((id) => graph.getNodeAttribute(id, axis));
    const lo = Math.min(...vals);
    const hi = Math.max(...vals);
    if (!(hi > lo)) continue;
    const order = free.map((id, i) => [vals[i], id]).sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
    order.forEach(([v, id], rank) => {
      const even = lo + ((hi - lo) * rank) / (order.length - 1);
      graph.setNodeAttribute(id, axis, v + amount * (even - v));
    });
  }
}

/** createLayout returns the controls of the worker layout. */
export function createLayout({ onChange } = {}) {
  let fa2 = null;
  let timer = null;
  let laidOut = null;
  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (fa2) {
      fa2.stop();
      fa2.kill();
      fa2 = null;
      // ForceAtlas2 pulls a hub's neighbours into a knot: open it up.
      if (laidOut && laidOut.order <= SYNC_LIMIT) spread(laidOut);
    }
    onChange?.(false);
  };
  return {
    running: () => Boolean(fa2 && fa2.isRunning()),
    /** start runs the worker on graph; ms > 0 stops it after that long. */
    start(graph, ms = 0) {
      stop();
      laidOut = graph;
      fa2 = new FA2Layout(graph, { settings: settingsFor(graph) });
      fa2.start();
      onChange?.(true);
      if (ms > 0) timer = setTimeout(stop, ms);
    },
    stop,
  };
}
