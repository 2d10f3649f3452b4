// labels.js: which node labels to draw, and on which side, so that no two
// labels overlap and none runs off the canvas. Pure: it takes the nodes'
// positions on screen and their labels' widths, and places labels
// greedily, most important first (the selection, its neighbours, path and
// top-ranked nodes, then people and organisations, then the rest, larger
// nodes first); a label that fits nowhere is not drawn (its full text
// shows on hover).

export const LABEL_GAP = 3; // px between a node's disc and its label
export const MAX_LABEL = 28; // characters of a label before it is shortened

/** shortLabel cuts a long name at a word boundary, with an ellipsis. */
export function shortLabel(name, max = MAX_LABEL) {
  const s = String(name || "").replace(/\s+/g, " ").trim();
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const at = cut.lastIndexOf(" ");
  return `${(at > max / 2 ? cut.slice(0, at) : cut).replace(/[\s,.:;–—-]+$/, "")}…`;
}

function overlaps(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * placeLabels returns Map id -> {side, box, dx, dy} for the labels to
 * draw (side: right, left, below, above, their -up/-down or -start/-end
 * variants; dx, dy: the box's top left from the node's centre).
 * nodes: [{id, x, y, r (disc radius), w (label width), priority, must}],
 * all in screen pixels; width, height: the canvas; lineHeight:
 * a label's height. Discs of nodes are obstacles too: a label covers no
 * other node, except that a node marked must (a person or organisation)
 * whose label fits nowhere else may cover other nodes' discs rather than
 * go unlabelled. Labels never overlap labels.
 */
export function placeLabels(nodes, { width, height, lineHeight = 14 }) {
  const order = [...nodes].sort((a, b) => b.priority - a.priority || b.r - a.r || (a.id < b.id ? -1 : 1));
  const discs = nodes.map((n) => ({ id: n.id, x: n.x - n.r, y: n.y - n.r, w: 2 * n.r, h: 2 * n.r }));
  const placed = [];
  const out = new Map();
  for (const n of order) {
    if (!(n.w > 0)) continue;
    const h = lineHeight;
    const candidates = [
      ["right", { x: n.x + n.r + LABEL_GAP, y: n.y - h / 2, w: n.w, h }],
      ["left", { x: n.x - n.r - LABEL_GAP - n.w, y: n.y - h / 2, w: n.w, h }],
      ["below", { x: n.x - n.w / 2, y: n.y + n.r + 1, w: n.w, h }],
      ["above", { x: n.x - n.w / 2, y: n.y - n.r - 1 - h, w: n.w, h }],
      ["right-up", { x: n.x + n.r + LABEL_GAP, y: n.y - h, w: n.w, h }],
      ["right-down", { x: n.x + n.r + LABEL_GAP, y: n.y, w: n.w, h }],
      ["left-up", { x: n.x - n.r - LABEL_GAP - n.w, y: n.y - h, w: n.w, h }],
      ["left-down", { x: n.x - n.r - LABEL_GAP - n.w, y: n.y, w: n.w, h }],
      ["below-start", { x: n.x - n.r, y: n.y + n.r + 1, w: n.w, h }],
      ["below-end", { x: n.x + n.r - n.w, y: n.y + n.r + 1, w: n.w, h }],
      ["above-start", { x: n.x - n.r, y: n.y - n.r - 1 - h, w: n.w, h }],
      ["above-end", { x: n.x + n.r - n.w, y: n.y - n.r - 1 - h, w: n.w, h }],
    ];
    if (n.must) {
      // A person or organisation in a crowded spot: a line further out
      // still reads as its label (a denser graph, e.g. the seeds with the
      // story's later developments, needs it at 1280x720).
      for (const k of [1.5, 2.5]) {
        candidates.push(
          [`right-up${k}`, { x: n.x + n.r + LABEL_GAP, y: n.y - h / 2 - k * h, w: n.w, h }],
          [`right-down${k}`, { x: n.x + n.r + LABEL_GAP, y: n.y - h / 2 + k * h, w: n.w, h }],
          [`left-up${k}`, { x: n.x - n.r - LABEL_GAP - n.w, y: n.y - h / 2 - k * h, w: n.w, h }],
          [`left-down${k}`, { x: n.x - n.r - LABEL_GAP - n.w, y: n.y - h / 2 + k * h, w: n.w, h }],
          [`below${k}`, { x: n.x - n.w / 2, y: n.y + n.r + 1 + (k - 0.5) * h, w: n.w, h }],
          [`above${k}`, { x: n.x - n.w / 2, y: n.y - n.r - 1 - h - (k - 0.5) * h, w: n.w, h }],
        );
      }
    }
    for (const coverDiscs of n.must ? [false, true] : [false]) {
      for (const [side, box] of candidates) {
        if (box.x < 0 || box.y < 0 || box.x + box.w > width || box.y + box.h > height) continue;
        if (placed.some((p) => overlaps(p, box))) continue;
        if (!coverDiscs && discs.some((d) => d.id !== n.id && overlaps(d, box))) continue;
        placed.push(Object.assign(box, { id: n.id, must: Boolean(n.must) }));
        // dx, dy: the box's top left from the node's centre, which stays
        // right while the camera only pans.
        out.set(n.id, { side, box, dx: box.x - n.x, dy: box.y - n.y });
        break;
      }
      if (out.has(n.id)) break;
    }
    if (n.must && !out.has(n.id)) {
      // Last resort for a person or organisation: take the place of the
      // labels of lesser nodes (documents, events, offices) in its way;
      // theirs show on hover.
      for (const [side, box] of candidates) {
        if (box.x < 0 || box.y < 0 || box.x + box.w > width || box.y + box.h > height) continue;
        const blocking = placed.filter((p) => overlaps(p, box));
        if (blocking.some((p) => p.must)) continue;
        for (const p of blocking) {
          placed.splice(placed.indexOf(p), 1);
          out.delete(p.id);
        }
        placed.push(Object.assign(box, { id: n.id, must: true }));
        out.set(n.id, { side, box, dx: box.x - n.x, dy: box.y - n.y });
        break;
      }
    }
  }
  return out;
}
