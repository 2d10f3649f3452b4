// view.js: the Sigma instance. Appearance comes only from the node and
// edge reducers, which read one small look object (what the filters show,
// the selection and its shown neighbours, path, sizes; derive.js computes
// them); a change of look calls refresh({skipIndexation: true}).
// Sigma events are turned into callbacks for main.js; kill() tears down.

import Sigma from "sigma";
import { EdgeArrowProgram, EdgeLineProgram, NodePointProgram, NodeCircleProgram } from "sigma/rendering";
import { animateNodes } from "sigma/utils";
import { EdgeCurvedArrowProgram } from "@sigma/edge-curve";
import { edgeStyle } from "./model.js";
import { placeLabels } from "./labels.js";

// Up to this many nodes, labels are placed so that none overlaps
// (labels.js); above, sigma's label grid picks them.
export const PLACE_LABELS_UP_TO = 1000;
const LABEL_SIZE = 13;
// A narrow canvas (a small laptop, a phone) gets slightly smaller labels.
const labelSizeFor = (width) => (width < 900 ? 12 : LABEL_SIZE);
const LABEL_FONT = "system-ui, sans-serif";
const LABEL_WEIGHT = "normal";
const ACTORS = new Set(["person", "organization"]);

const FADED_NODE = "#d9d9d9";
const FADED_EDGE = "#ececec";
const DASH_ON = 8.0; // device pixels
const DASH_PERIOD = 13.0;
// A lone dashed edge is drawn by the curved program, which cannot draw a
// straight line (its closest-point formula divides by zero); a slight bow
// is its mark.
const DASHED_LONE_CURVATURE = 0.12;
// Above this many relationships the view switches to sigma's cheapest
// programs: nodes as points, edges as plain lines (curved only where
// parallel), no arrow heads or dashes (status shows by colour; the node
// panel lists each relationship with its direction). Without a GPU
// (software WebGL) the instanced circle, arrow and curve programs cost
// seconds per frame at 10,000 nodes; these cost a fraction of that.
export const SIMPLE_EDGES_ABOVE = 4000;

/**
 * dashed patches the curved-edge fragment shader: it keeps the curve
 * parameter t of the closest point and drops fragments in the gaps of a
 * dash pattern, except on the arrow head and in picking mode, so a dashed
 * edge is clickable along its whole length.
 */
function dashed(Program) {
  return class DashedProgram extends Program {
    getDefinition() {
      const def = super.getDefinition();
      let src = def.FRAGMENT_SHADER_SOURCE;
      const tLine = "float t = clamp((ap + bp) / (2.0 * a + b + d), 0.0, 1.0);";
      const main = "float halfThickness = thickness / 2.0;";
      if (!src.includes(tLine) || !src.includes(main) || !src.includes("float det(")) {
        // A new @sigma/edge-curve changed its shader: draw solid rather than fail.
        console.warn("backchannel: dashed edges unavailable, drawing them solid");
        return def;
      }
      src = src.replace("float det(", "float g_t;\n\nfloat det(");
      src = src.replace(tLine, `${tLine}\n  g_t = t;`);
      src = src.replace(
        main,
        `${main}
  #ifndef PICKING_MODE
  float curveLength = length(v_cpB - v_cpA) + length(v_cpC - v_cpB);
  float along = g_t * curveLength;
  float headStart = curveLength - v_targetSize - v_thickness * u_lengthToThicknessRatio - 2.0;
  if (along < headStart && mod(along, ${DASH_PERIOD.toFixed(1)}) > ${DASH_ON.toFixed(1)}) {
    halfThickness = 0.0;
  }
  #endif`,
      );
      return { ...def, FRAGMENT_SHADER_SOURCE: src };
    }
  };
}

export const DashedCurvedArrowProgram = dashed(EdgeCurvedArrowProgram);

/** emptyLook is the look with nothing selected or highlighted. */
export function emptyLook() {
  return {
    visible: null, // {nodes: Set, edges: Set} the filters keep; null = all
    neighbours: new Set(), // of the selected node, through shown edges
    selected: null, // {kind, id}
    pinned: new Set(),
    pathNodes: null, // Set or null
    pathEdges: null,
    sizes: null, // Map id -> size, from a centrality metric
    colors: null, // Map id -> colour, from a centrality metric
    hovered: null,
    hoveredEdge: null,
    focus: null, // a node id to ring (search hit)
  };
}

/**
 * createView mounts sigma in container and returns the view's handle.
 * handlers: {clickNode(id), clickEdge(id), clickStage(), dragEnd(id, x, y)}.
 */
export function createView(container, graph, handlers) {
  let look = emptyLook();
  // Map id -> {side, box} of the labels to draw (labels.js), or null when
  // sigma's grid decides (large graphs).
  let labelPlan = null;
  let labelKey = "";
  let hoveredNode = null;
  let graphRef = graph;
  let simpleEdges = graph.size > SIMPLE_EDGES_ABOVE;

  const nodeReducer = (node, data) => {
    const res = { ...data };
    if (look.visible && !look.visible.nodes.has(node)) {
      res.hidden = true;
      return res;
    }
    const neighbours = look.neighbours;
    if (simpleEdges) res.type = "point";
    if (look.sizes) res.size = look.sizes.get(node) ?? 3;
    if (look.colors) res.color = look.colors.get(node) ?? "#eeeeee";
    if (look.pinned.has(node)) res.label = `${data.label} \u2691`;
    const sel = look.selected;
    let emphasised = false;
    if (sel && sel.kind === "node") {
      if (node === sel.id) {
        res.highlighted = true;
        res.forceLabel = true;
        res.zIndex = 2;
      } else if (neighbours.has(node)) {
        res.forceLabel = true;
        res.zIndex = 1;
      } else if (!look.pathNodes?.has(node)) {
        res.color = FADED_NODE;
        res.label = "";
        res.zIndex = 0;
      }
    } else if (sel && sel.kind === "edge" && graphRef.hasEdge(sel.id)) {
      if (graphRef.source(sel.id) === node || graphRef.target(sel.id) === node) {
        res.forceLabel = true;
        res.highlighted = true;
        res.zIndex = 2;
        emphasised = true;
      }
    }
    if (look.pathNodes) {
      if (look.pathNodes.has(node)) {
        res.forceLabel = true;
        res.zIndex = 2;
      } else if (!emphasised && !(sel && sel.kind === "node" && (sel.id === node || neighbours.has(node)))) {
        res.color = FADED_NODE;
        res.label = "";
      }
    }
    if (look.focus === node || look.hovered === node) {
      res.highlighted = true;
      res.forceLabel = true;
    }
    // What the label placement reads: the label this node would show, and
    // how much it matters that it shows.
    res.planLabel = res.label || "";
    res.labelPriority =
      (sel?.kind === "node" && node === sel.id ? 1000 : 0) +
      (emphasised ? 900 : 0) +
      (sel?.kind === "node" && neighbours.has(node) ? 600 : 0) +
      (look.pathNodes?.has(node) ? 500 : 0) +
      (look.sizes ? 20 * (look.sizes.get(node) ?? 0) : 0) +
      (ACTORS.has(data.nodeType) ? 200 : 0) +
      res.size;
    if (labelPlan) {
      const place = labelPlan.get(node);
      if (place) {
        res.forceLabel = true;
        res.labelSide = place.side;
        res.labelDx = place.dx;
        res.labelDy = place.dy;
      } else {
        res.label = "";
        res.forceLabel = false;
      }
    }
    return res;
  };

  const edgeReducer = (edge, data) => {
    const res = { ...data };
    const g = graphRef;
    if (!g.hasEdge(edge)) return res; // a refresh of a graph being replaced
    if (look.visible && !look.visible.edges.has(edge)) {
      res.hidden = true;
      return res;
    }
    const s = g.source(edge);
    const t = g.target(edge);
    const style = edgeStyle(data.status);
    const curved = data.curvature && data.curvature !== 0;
    if (simpleEdges) {
      res.type = curved ? "curved" : "line";
      res.size = Math.min(res.size, 1);
    } else if (style.dashed) {
      res.type = "dashed";
      if (!curved) res.curvature = DASHED_LONE_CURVATURE;
    } else {
      res.type = curved ? "curved" : "arrow";
    }
    res.label = "";
    const sel = look.selected;
    let emphasised = false;
    if (sel && sel.kind === "edge") {
      if (sel.id === edge) {
        res.size = data.size * 2;
        res.zIndex = 3;
        res.label = data.relType;
        res.forceLabel = true;
        emphasised = true;
      }
    } else if (sel && sel.kind === "node") {
      if (s === sel.id || t === sel.id) {
        res.label = data.relType;
        res.zIndex = 2;
        emphasised = true;
      } else if (!look.pathEdges?.has(edge)) {
        res.color = FADED_EDGE;
      }
    }
    if (look.pathEdges) {
      if (look.pathEdges.has(edge)) {
        res.size = Math.max(res.size, 4);
        res.label = data.relType;
        res.zIndex = 3;
      } else if (!emphasised) {
        res.color = FADED_EDGE;
      }
    }
    if (look.hoveredEdge === edge) {
      // Hover: thicker, on top, labelled, in its own colour even when faded.
      res.size = Math.max(res.size, data.size * 2.2);
      res.color = data.color;
      res.zIndex = 4;
      res.label = data.relType;
      res.forceLabel = true;
    }
    return res;
  };

  // drawLabel draws a placed label on its side of the node.
  function drawLabel(context, data, settings) {
    if (!data.label) return;
    context.fillStyle = settings.labelColor.color || "#000";
    context.font = `${settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
    if (Number.isFinite(data.labelDx) && Number.isFinite(data.labelDy)) {
      // Placed by labels.js: the box's top left, text on its baseline
      // (the box is labelSize + 3 high).
      context.fillText(data.label, data.x + data.labelDx + 1, data.y + data.labelDy + settings.labelSize);
    } else context.fillText(data.label, data.x + data.size + 3, data.y + settings.labelSize / 3);
  }

  // drawHover rings the node; under the pointer it shows the full name
  // (a shortened title in full) in a box, else the placed label.
  function drawHover(context, data, settings) {
    const full = data.key === hoveredNode ? data.fullLabel || data.planLabel || data.label : "";
    context.font = `${settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
    context.fillStyle = "#fff";
    context.shadowColor = "#000";
    context.shadowBlur = 8;
    context.beginPath();
    context.arc(data.x, data.y, data.size + 2, 0, Math.PI * 2);
    context.closePath();
    context.fill();
    if (full) {
      const w = context.measureText(full).width;
      const { width } = renderer.getDimensions();
      const x = Math.min(data.x + data.size + 3, width - w - 6);
      context.fillRect(x - 2, data.y - settings.labelSize / 2 - 3, w + 6, settings.labelSize + 6);
      context.shadowBlur = 0;
      context.fillStyle = "#000";
      context.fillText(full, x + 1, data.y + settings.labelSize / 3);
    } else {
      context.shadowBlur = 0;
      drawLabel(context, data, settings);
    }
    context.shadowBlur = 0;
  }

  const renderer = new Sigma(graph, container, {
    allowInvalidContainer: true,
    enableEdgeEvents: true,
    renderEdgeLabels: true,
    zIndex: true,
    defaultEdgeType: "arrow",
    // The programs for large graphs (point, line) are added when a large
    // graph first shows: compiling shaders is much of the first render.
    nodeProgramClasses: { circle: NodeCircleProgram },
    edgeProgramClasses: {
      arrow: EdgeArrowProgram,
      curved: EdgeCurvedArrowProgram,
      dashed: DashedCurvedArrowProgram,
    },
    labelRenderedSizeThreshold: 7,
    labelFont: LABEL_FONT,
    labelSize: LABEL_SIZE,
    labelWeight: LABEL_WEIGHT,
    defaultDrawNodeLabel: drawLabel,
    defaultDrawNodeHover: drawHover,
    edgeLabelFont: "system-ui, sans-serif",
    edgeLabelSize: 11,
    edgeLabelColor: { color: "#555" },
    minEdgeThickness: 1,
    hideEdgesOnMove: false,
    nodeReducer,
    edgeReducer,
  });

  // Labels: placed after each frame from what was drawn; a new placement
  // asks for one more frame (which then places the same, and stops).
  const measure = document.createElement("canvas").getContext("2d");
  function planLabels() {
    const g = graphRef;
    if (g.order === 0 || g.order > PLACE_LABELS_UP_TO) {
      if (labelPlan) {
        labelPlan = null;
        labelKey = "";
        renderer.refresh({ skipIndexation: true });
      }
      return;
    }
    const { width, height } = renderer.getDimensions();
    const size = labelSizeFor(width);
    if (renderer.getSetting("labelSize") !== size) renderer.setSetting("labelSize", size);
    measure.font = `${LABEL_WEIGHT} ${size}px ${LABEL_FONT}`;
    const nodes = [];
    g.forEachNode((id) => {
      const d = renderer.getNodeDisplayData(id);
      if (!d || d.hidden) return;
      const p = renderer.framedGraphToViewport(d);
      const text = d.planLabel || "";
      nodes.push({ id, x: p.x, y: p.y, r: renderer.scaleSize(d.size), w: text ? measure.measureText(text).width + 2 : 0, priority: d.labelPriority || 0, must: ACTORS.has(d.nodeType) });
    });
    const plan = placeLabels(nodes, { width, height, lineHeight: size + 3 });
    const key = `${size}|${[...plan].map(([id, p]) => `${id}:${p.side}`).sort().join("|")}`;
    if (key === labelKey && labelPlan) return;
    labelKey = key;
    labelPlan = plan;
    renderer.refresh({ skipIndexation: true });
  }
  let planQueued = false;
  renderer.on("afterRender", () => {
    if (planQueued) return;
    planQueued = true;
    requestAnimationFrame(() => {
      planQueued = false;
      planLabels();
    });
  });

  // Dragging a node pins it where it is dropped.
  let dragged = null;
  let moved = false;
  let draggedAt = -Infinity;
  const afterDrag = () => performance.now() - draggedAt < 400;
  renderer.on("downNode", (e) => {
    dragged = e.node;
    moved = false;
    renderer.getCamera().disable();
  });
  renderer.getMouseCaptor().on("mousemovebody", (e) => {
    if (!dragged) return;
    moved = true;
    const pos = renderer.viewportToGraph(e);
    graphRef.setNodeAttribute(dragged, "x", pos.x);
    graphRef.setNodeAttribute(dragged, "y", pos.y);
    e.preventSigmaDefault();
    e.original.preventDefault();
    e.original.stopPropagation();
  });
  const endDrag = () => {
    if (!dragged) return;
    const id = dragged;
    dragged = null;
    renderer.getCamera().enable();
    // A click is a press and a release without a move: not a drag. The
    // browser still sends a click after a drag: it must not select too
    // (that would be a second history entry for one gesture).
    if (moved) draggedAt = performance.now();
    if (moved && graphRef.hasNode(id)) {
      const a = graphRef.getNodeAttributes(id);
      handlers.dragEnd?.(id, a.x, a.y);
    }
  };
  renderer.getMouseCaptor().on("mouseup", endDrag);

  renderer.on("clickNode", ({ node }) => afterDrag() || handlers.clickNode?.(node));
  renderer.on("clickEdge", ({ edge }) => afterDrag() || handlers.clickEdge?.(edge));
  renderer.on("clickStage", () => afterDrag() || handlers.clickStage?.());
  // Sigma highlights the hovered node itself; a refresh here would
  // rebuild the picking buffers between a hover and a click.
  renderer.on("enterNode", ({ node }) => {
    hoveredNode = node;
    container.style.cursor = "pointer";
  });
  renderer.on("leaveNode", () => {
    hoveredNode = null;
    container.style.cursor = "";
  });
  // Edges have no hover state of sigma's own: the reducer draws the
  // hovered edge thicker and labelled, and handlers.hoverEdge can say
  // which claim it is.
  const setHoveredEdge = (edge) => {
    if (look.hoveredEdge === edge) return;
    look = { ...look, hoveredEdge: edge };
    renderer.refresh({ skipIndexation: true });
    handlers.hoverEdge?.(edge);
  };
  renderer.on("enterEdge", ({ edge }) => {
    container.style.cursor = "pointer";
    setHoveredEdge(edge);
  });
  renderer.on("leaveEdge", () => {
    container.style.cursor = "";
    setHoveredEdge(null);
  });

  // Panels opening beside the canvas resize it without a window resize,
  // which is all sigma listens to.
  const resizer = new ResizeObserver(() => {
    renderer.resize();
    renderer.refresh({ skipIndexation: true });
  });
  resizer.observe(container);

  return {
    renderer,
    /** setLook replaces the look and redraws without reindexing. */
    setLook(next) {
      look = { ...look, ...next };
      renderer.refresh({ skipIndexation: true });
    },
    getLook: () => look,
    /** labels lists the labels drawn: [{id, side, box}] (screen pixels), null when sigma's grid places them. */
    labels: () => (labelPlan ? [...labelPlan].map(([id, p]) => ({ id, side: p.side, box: p.box })) : null),
    simpleEdges: () => simpleEdges,
    /** setGraph swaps the graph (after a change of what is drawn). */
    setGraph(g) {
      // Sigma refreshes on every setting change, running the reducers over
      // its own graph: swap the graph first, so graphRef and sigma agree.
      const big = g.size > SIMPLE_EDGES_ABOVE;
      // Large graphs: edges are picked (clickable) only below the limit,
      // since picking draws every edge a second time; their relationships
      // stay reachable from the node panel. Edges and labels hide while
      // the camera moves, as in sigma's large-graph examples.
      const want = { enableEdgeEvents: !big, hideEdgesOnMove: big, hideLabelsOnMove: g.order > 2000 };
      const change = Object.fromEntries(Object.entries(want).filter(([k, v]) => renderer.getSetting(k) !== v));
      if (big && !renderer.getSetting("nodeProgramClasses").point) {
        change.nodeProgramClasses = { ...renderer.getSetting("nodeProgramClasses"), point: NodePointProgram };
        change.edgeProgramClasses = { ...renderer.getSetting("edgeProgramClasses"), line: EdgeLineProgram };
      }
      // Settings first, while sigma still holds the old graph (each change
      // refreshes whatever graph it holds); then one refresh of the new one.
      if (Object.keys(change).length) renderer.setSettings(change);
      graphRef = g;
      simpleEdges = big;
      if (look.hoveredEdge && !g.hasEdge(look.hoveredEdge)) look = { ...look, hoveredEdge: null };
      renderer.setGraph(g); // refreshes
    },
    graph: () => graphRef,
    /** animateTo moves nodes to new positions over duration ms. */
    animateTo(targets, duration = 400) {
      return animateNodes(graphRef, targets, { duration });
    },
    /** focusNode centres the camera on a node. */
    focusNode(id) {
      const d = renderer.getNodeDisplayData(id);
      if (!d) return;
      renderer.getCamera().animate({ x: d.x, y: d.y }, { duration: 400 });
    },
    resetCamera() {
      renderer.getCamera().animatedReset({ duration: 300 });
    },
    /**
     * toPNG draws every layer of the current frame on one canvas over a
     * white background and returns it as a PNG blob.
     */
    toPNG() {
      const out = composite();
      return new Promise((resolve, reject) =>
        out.toBlob((b) => (b ? resolve(b) : reject(new Error("canvas export failed"))), "image/png"),
      );
    },
    /** toDataURL is the current frame as a PNG data URL, at once (for printing). */
    toDataURL: () => composite().toDataURL("image/png"),
    kill() {
      resizer.disconnect();
      renderer.kill();
    },
  };

  /**
   * composite draws every layer of the current frame on one canvas over
   * a white background.
   */
  function composite() {
    renderer.refresh(); // render now, so WebGL buffers hold this frame
    const { width, height } = renderer.getDimensions();
    const ratio = window.devicePixelRatio || 1;
    const out = document.createElement("canvas");
    out.width = Math.round(width * ratio);
    out.height = Math.round(height * ratio);
    const ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    const layers = renderer.getCanvases();
    for (const name of ["edges", "nodes", "edgeLabels", "labels", "hovers", "hoverNodes"]) {
      const c = layers[name];
      if (c) ctx.drawImage(c, 0, 0, out.width, out.height);
    }
    return out;
  }
}
