// reader.js: the reader. A document's text with every quoted passage
// marked, coloured by the status of the claim that quotes it; a click on
// a passage opens that claim (and closes the reader), so a quote's
// passage and its claim are one action apart both ways. A document with
// no text on file shows its citation and link. The reader owns #reader.

import { h, replace } from "./dom.js";
import { edgeStyle, safeURL } from "./model.js";
import { segments, passageKey } from "./documents.js";

/**
 * createReader renders into root. ctx: {store, ds, nameOf, documentAnswer(id)
 * -> {answer} | {error} | null while loading}.
 */
export function createReader(root, ctx) {
  let shown = "";
  const close = () => ctx.store.dispatch({ type: "read", doc: null });

  function citation(n) {
    const url = safeURL(n.url);
    const outlet = n.props?.outlet;
    return h(
      "p",
      { class: "citation" },
      [outlet, n.kind, n.date].filter(Boolean).join(" · "),
      url ? [" · ", h("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: "open the source" })] : null,
    );
  }

  function passageTitle(ps) {
    return ps.map((p) => `${p.status}: ${ctx.nameOf(p.source)} ${p.type} ${ctx.nameOf(p.target)} — ${p.attributed_to} (${p.stance})`).join("\n");
  }

  function render(reading, got) {
    const backToClaim = ctx.store.get().selected?.kind === "edge";
    const head = (title) =>
      h(
        "header",
        { class: "reader-head" },
        h("h2", { text: title, title }),
        h("button", { type: "button", id: "reader-close", text: backToClaim ? "← Back to the claim" : "Close", on: { click: close } }),
      );
    if (!got) return replace(root, head(ctx.nameOf(reading.doc)), h("p", { class: "muted", text: "Loading the document…" }));
    if (got.error) return replace(root, head(ctx.nameOf(reading.doc)), h("p", { class: "error", text: got.error.message }));
    const a = got.answer;
    const n = a.document;
    if (!a.has_text) {
      return replace(
        root,
        head(n.name),
        citation(n),
        n.description ? h("p", { class: "desc", text: n.description }) : null,
        h("p", { class: "notice", text: "No text of this document is on file: it is cited, not quoted. Read it at its source." }),
      );
    }
    const found = a.passages.filter((p) => p.found);
    const segs = segments(a.text, found);
    const body = h("div", { class: "doc-text", tabindex: "0" });
    for (const seg of segs) {
      if (seg.passages.length === 0) {
        body.append(seg.text);
        continue;
      }
      const top = seg.passages[0];
      const mark = h(
        "mark",
        {
          class: `q s-${top.status}`,
          title: passageTitle(seg.passages),
          tabindex: "0",
          role: "link",
          dataset: { keys: seg.passages.map(passageKey).join(" "), edge: top.edge, start: String(seg.start), end: String(seg.start + Array.from(seg.text).length) },
          on: {
            click: () => openClaim(top.edge),
            keydown: (e) => {
              if (e.key === "Enter") openClaim(top.edge);
            },
          },
        },
        seg.text,
      );
      mark.style.borderBottomColor = edgeStyle(top.status).color;
      body.append(mark);
    }
    replace(
      root,
      head(n.name),
      citation(n),
      h("p", { class: "small muted", text: `${found.length} quoted passage${found.length === 1 ? "" : "s"}, marked by the status of the claim that quotes them; click one to open its claim.` }),
      body,
    );
  }

  function openClaim(edge) {
    ctx.store.dispatch({ type: "select", selection: { kind: "edge", id: edge } });
    ctx.store.dispatch({ type: "read", doc: null }, { replace: true });
  }

  /** scrollTo brings the reader's position into view and marks it. */
  function scrollTo(at) {
    for (const m of root.querySelectorAll("mark.target")) m.classList.remove("target");
    let target = null;
    if (at.startsWith("q")) {
      target = [...root.querySelectorAll("mark.q")].find((m) => m.dataset.keys.split(" ").includes(at)) || null;
    } else if (at.startsWith("c")) {
      const [s] = at.slice(1).split("-").map(Number);
      // Inside a quoted passage: that passage; else a mark of its own.
      target = [...root.querySelectorAll("mark.q")].find((m) => Number(m.dataset.start) <= s && s < Number(m.dataset.end)) || markRange(at);
    }
    if (!target) return;
    target.classList.add("target");
    target.scrollIntoView({ block: "center" });
  }

  // A text hit has no passage: wrap its code points in a mark of its own.
  function markRange(at) {
    const [s, e] = at.slice(1).split("-").map(Number);
    const body = root.querySelector(".doc-text");
    if (!body || !(e > s)) return null;
    let pos = 0;
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const cps = Array.from(node.data);
      if (pos + cps.length > s && node.parentElement?.tagName !== "MARK") {
        const from = s - pos;
        const to = Math.min(cps.length, e - pos);
        if (from < 0) return null;
        const before = cps.slice(0, from).join("");
        const hit = cps.slice(from, to).join("");
        const after = cps.slice(to).join("");
        const mark = h("mark", { class: "hit" }, hit);
        node.replaceWith(before, mark, after);
        return mark;
      }
      pos += cps.length;
    }
    return null;
  }

  return {
    update() {
      const reading = ctx.store.get().reading;
      root.hidden = !reading;
      if (!reading) {
        shown = "";
        root.replaceChildren();
        return;
      }
      const got = ctx.documentAnswer(reading.doc);
      const key = JSON.stringify([reading.doc, got ? (got.answer ? "a" : "e") : "", ctx.ds.nodes.size, ctx.store.get().selected?.kind]);
      if (key !== shown) {
        const fresh = !shown.startsWith(JSON.stringify([reading.doc]).slice(0, -1));
        shown = key;
        render(reading, got);
        if (fresh) root.scrollTop = 0;
        if (got?.answer) scrollTo(reading.at);
      } else if (got?.answer && root.dataset.at !== reading.at) scrollTo(reading.at);
      root.dataset.at = reading.at;
    },
  };
}
