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
  return true;
}

/** createLayout returns the controls of the worker layout. */
export function createLayout({ onChange } = {}) {
  let fa2 = null;
  let timer = null;
  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (fa2) {
      fa2.stop();
      fa2.kill();
      fa2 = null;
    }
    onChange?.(false);
  };
  return {
    running: () => Boolean(fa2 && fa2.isRunning()),
    /** start runs the worker on graph; ms > 0 stops it after that long. */
    start(graph, ms = 0) {
      stop();
      fa2 = new FA2Layout(graph, { settings: settingsFor(graph) });
      fa2.start();
      onChange?.(true);
      if (ms > 0) timer = setTimeout(stop, ms);
    },
    stop,
  };
}
