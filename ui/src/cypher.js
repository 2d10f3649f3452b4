// cypher.js: the Cypher console (POST /api/cypher). An editor with
// history (kept in this browser), results as a graph on the canvas and as
// a table. On the embedded store the server answers 501: the console
// shows its message and says how to get a Neo4j-backed server.

import { h, replace } from "./dom.js";
import { cellText } from "./model.js";

const HISTORY_KEY = "backchannel.cypher.history";
const HISTORY_MAX = 30;

function loadHistory() {
  try {
    const v = JSON.parse(localStorage.getItem(HISTORY_KEY) || "[]");
    return Array.isArray(v) ? v.filter((x) => typeof x === "string") : [];
  } catch {
    return [];
  }
}

function saveHistory(list) {
  try {
    localStorage.setItem(HISTORY_KEY, JSON.stringify(list.slice(0, HISTORY_MAX)));
  } catch {
    // Storage may be disabled; history then lasts for the page only.
  }
}

export function createCypherPanel(root, ctx) {
  // History is read from localStorage on first use: the first access
  // opens the storage, which costs tens of milliseconds at start-up.
  let history = null;
  const ensureHistory = () => (history ??= loadHistory());
  let cursor = -1;
  const editor = h("textarea", {
    id: "cypher-q",
    rows: "5",
    spellcheck: "false",
    "aria-label": "Cypher query",
    placeholder: "MATCH (p:Person)-[r:ADVISED]->(q) RETURN p, r, q LIMIT 25",
  });
  const histList = h("ul", { class: "history" });
  const out = h("div", { class: "cypher-out", "aria-live": "polite" });
  const run = () => {
    const q = editor.value.trim();
    if (!q) return;
    history = [q, ...ensureHistory().filter((x) => x !== q)].slice(0, HISTORY_MAX);
    saveHistory(history);
    cursor = -1;
    renderHistory();
    ctx.store.dispatch({ type: "cypher", query: q });
  };
  editor.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    } else if (e.altKey && (e.key === "ArrowUp" || e.key === "ArrowDown") && ensureHistory().length) {
      e.preventDefault();
      cursor = Math.max(-1, Math.min(history.length - 1, cursor + (e.key === "ArrowUp" ? 1 : -1)));
      editor.value = cursor < 0 ? "" : history[cursor];
    }
  });
  function renderHistory() {
    replace(
      histList,
      ensureHistory().map((q) => h("li", {}, h("button", { class: "link mono", type: "button", text: q, on: { click: () => { editor.value = q; editor.focus(); } } }))),
    );
  }
  replace(
    root,
    h("h2", { text: "Cypher" }),
    h("p", { class: "muted small", text: "Read-only queries against a Neo4j-backed server. Ctrl+Enter runs; Alt+↑/↓ walks the history." }),
    editor,
    h(
      "div",
      { class: "row" },
      h("button", { type: "button", class: "primary", id: "cypher-run", text: "Run", on: { click: run } }),
      h("button", { type: "button", text: "Clear result", on: { click: () => ctx.store.dispatch({ type: "cypher", query: "" }) } }),
    ),
    out,
    h("details", { class: "hist", on: { toggle: renderHistory } }, h("summary", { text: "History" }), histList),
  );
  editor.addEventListener("focus", renderHistory, { once: true });

  let shown = "";
  return {
    update() {
      const q = ctx.store.get().cypher;
      const got = ctx.cypherAnswer();
      const key = JSON.stringify([q, got && (got.answer ? "a" : got.error?.message)]);
      if (key === shown) return;
      shown = key;
      if (q && editor.value.trim() === "") editor.value = q;
      if (!q) return void replace(out);
      if (!got) return void replace(out, h("p", { class: "muted", text: "Running…" }));
      if (got.error) {
        const e = got.error;
        if (e.status === 501) {
          return void replace(
            out,
            h("div", { class: "notice", id: "cypher-501" },
              h("p", { text: e.message }),
              h("p", { class: "muted small", text: "The console needs the server to run on Neo4j: start one (scripts/neo4j-up.sh) and run backchannel serve --neo4j bolt://127.0.0.1:7687. Everything else here works on the embedded store." }),
            ),
          );
        }
        return void replace(out, h("p", { class: "error", text: e.message }));
      }
      const a = got.answer;
      const cols = Array.isArray(a.columns) ? a.columns : [];
      const rows = Array.isArray(a.rows) ? a.rows : [];
      const gn = a.graph?.nodes?.length || 0;
      replace(
        out,
        h("p", { text: `${rows.length} row${rows.length === 1 ? "" : "s"}${a.truncated ? " (truncated)" : ""}; ${gn} node${gn === 1 ? "" : "s"} drawn on the canvas.` }),
        h(
          "div",
          { class: "table-wrap" },
          h(
            "table",
            { class: "results" },
            h("thead", {}, h("tr", {}, cols.map((c) => h("th", { text: c })))),
            h("tbody", {}, rows.map((r) => h("tr", {}, (Array.isArray(r) ? r : cols.map((c) => r?.[c])).map((v) => h("td", { text: cellText(v) }))))),
          ),
        ),
      );
    },
  };
}
