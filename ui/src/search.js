// search.js: autocomplete on names and aliases (GET /api/search), used by
// the search box and by the path finder's from/to fields; the search box
// also lists, after the names, the quotes and document passages that
// contain the words (GET /api/search/text), each with its passage.
// Keyboard: arrows move, Enter picks, Escape closes.

import { api } from "./api.js";
import { h, replace, debounce } from "./dom.js";

/**
 * autocomplete turns input into a search field. onPick(result) receives
 * the chosen {id, type, name, ...} (a node), or with text: true a text
 * hit {kind: "quote" | "text", document, edge, ...}; onError(err) reports
 * failures; nameOf(id) names a document for text hits.
 */
export function autocomplete(input, { onPick, onError, limit = 8, text = false, nameOf = (id) => id, placeholder = "Search names and aliases" }) {
  const listId = `ac-${Math.random().toString(36).slice(2)}`;
  const list = h("ul", { class: "ac-list", role: "listbox", id: listId, hidden: true });
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", listId);
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("autocomplete", "off");
  input.placeholder = placeholder;
  input.insertAdjacentElement("afterend", list);
  let results = [];
  let resultsFor = null; // the query the results answer
  let active = -1;
  let seq = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    active = -1;
  };
  const pick = (r) => {
    close();
    onPick(r);
  };
  // A text hit shows its passage with the words found marked.
  const textItem = (r, i) => {
    const cps = Array.from(r.snippet || "");
    return h(
      "li",
      {
        role: "option",
        class: `${i === active ? "ac-item active" : "ac-item"} ac-text${i > 0 && !results[i - 1].kind ? " ac-first-text" : ""}`,
        id: `${listId}-${i}`,
        "aria-selected": i === active ? "true" : "false",
        dataset: { kind: r.kind, document: r.document, edge: r.edge || "" },
        on: {
          mousedown: (e) => {
            e.preventDefault();
            pick(r);
          },
        },
      },
      h(
        "span",
        { class: "ac-snippet" },
        cps.slice(0, r.snippet_start).join(""),
        h("mark", { text: cps.slice(r.snippet_start, r.snippet_end).join("") }),
        cps.slice(r.snippet_end).join(""),
      ),
      h("span", { class: "ac-type", text: r.kind === "quote" ? `quote · ${r.attributed_to || ""}` : `in ${nameOf(r.document)}` }),
    );
  };
  const render = () => {
    replace(
      list,
      results.length === 0
        ? h("li", { class: "ac-empty", text: "No match" })
        : results.map((r, i) =>
            r.kind === "quote" || r.kind === "text" ? textItem(r, i) : h(
              "li",
              {
                role: "option",
                class: i === active ? "ac-item active" : "ac-item",
                id: `${listId}-${i}`,
                "aria-selected": i === active ? "true" : "false",
                dataset: { id: r.id },
                on: {
                  mousedown: (e) => {
                    e.preventDefault();
                    pick(r);
                  },
                },
              },
              h("span", { class: `dot t-${r.type}` }),
              h("span", { class: "ac-name", text: r.name }),
              r.matched && r.matched !== r.name ? h("span", { class: "ac-alias", text: ` "${r.matched}"` }) : null,
              h("span", { class: "ac-type", text: r.type }),
            ),
          ),
    );
    if (active >= 0) input.setAttribute("aria-activedescendant", `${listId}-${active}`);
    else input.removeAttribute("aria-activedescendant");
    list.hidden = false;
    list.classList.remove("stale");
    input.setAttribute("aria-expanded", "true");
  };
  // fetch asks for the hits of q; only the answer to the latest question
  // is ever shown or acted on (an older answer that arrives late is
  // dropped, so a list never answers a query the box no longer holds).
  const query = (q) =>
    Promise.all([
      api.search(q, limit),
      // A text search needs a word or two; a failed one leaves the names.
      text && q.length >= 3 ? api.searchText(q, 6).catch(() => ({ results: [] })) : { results: [] },
    ]).then(([ans, words]) => [
      ...(Array.isArray(ans.results) ? ans.results : []),
      ...(Array.isArray(words.results) ? words.results.filter((x) => x && (x.kind === "quote" || x.kind === "text")) : []),
    ]);
  const fetchHits = async (q) => {
    const mine = ++seq;
    const hits = await query(q);
    if (mine !== seq) return null;
    results = hits;
    resultsFor = q;
    active = results.length ? 0 : -1;
    return results;
  };
  const run = debounce(async () => {
    const q = input.value.trim();
    if (q === "") {
      ++seq;
      close();
      return;
    }
    try {
      if (await fetchHits(q)) render();
    } catch (err) {
      onError?.(err);
    }
  }, 120);
  // Typing makes the list stale at once: Enter must not pick from it.
  input.addEventListener("input", () => {
    resultsFor = null;
    list.classList.add("stale");
    run();
  });
  /**
   * enter opens what the box says now: the highlighted suggestion if the
   * list answers the box's text, else the best hit for that text, asked
   * for at once.
   */
  const enter = async () => {
    const q = input.value.trim();
    if (q === "") return;
    run.cancel(); // no suggestion list may answer after this
    if (resultsFor === q && !list.hidden && active >= 0 && results[active]) return pick(results[active]);
    // Answers to earlier questions still on their way are dropped.
    ++seq;
    try {
      const hits = await query(q);
      if (input.value.trim() !== q) return; // overtaken by more typing
      results = hits;
      resultsFor = q;
      active = hits.length ? 0 : -1;
      if (hits.length) pick(hits[0]);
      else {
        render();
        onError?.(new Error(`Nothing matches "${q}".`));
      }
    } catch (err) {
      onError?.(err);
    }
  };
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (list.hidden || results.length === 0 || resultsFor !== input.value.trim()) return;
      e.preventDefault();
      active = (active + (e.key === "ArrowDown" ? 1 : results.length - 1)) % results.length;
      render();
    } else if (e.key === "Enter") {
      e.preventDefault();
      enter();
    } else if (e.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
  return { close, clear: () => { input.value = ""; close(); } };
}
