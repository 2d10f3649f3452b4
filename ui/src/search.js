// search.js: autocomplete on names and aliases (GET /api/search), used by
// the search box and by the path finder's from/to fields. Keyboard:
// arrows move, Enter picks, Escape closes.

import { api } from "./api.js";
import { h, replace, debounce } from "./dom.js";

/**
 * autocomplete turns input into a search field. onPick(result) receives
 * the chosen {id, type, name, ...}; onError(err) reports failures.
 */
export function autocomplete(input, { onPick, onError, limit = 8, placeholder = "Search names and aliases" }) {
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
  const render = () => {
    replace(
      list,
      results.length === 0
        ? h("li", { class: "ac-empty", text: "No match" })
        : results.map((r, i) =>
            h(
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
    input.setAttribute("aria-expanded", "true");
  };
  const run = debounce(async () => {
    const q = input.value.trim();
    const mine = ++seq;
    if (q === "") {
      close();
      return;
    }
    try {
      const ans = await api.search(q, limit);
      if (mine !== seq) return;
      results = Array.isArray(ans.results) ? ans.results : [];
      active = results.length ? 0 : -1;
      render();
    } catch (err) {
      if (mine === seq) onError?.(err);
    }
  }, 120);

  input.addEventListener("input", run);
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (list.hidden || results.length === 0) return;
      e.preventDefault();
      active = (active + (e.key === "ArrowDown" ? 1 : results.length - 1)) % results.length;
      render();
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (!list.hidden && active >= 0 && results[active]) pick(results[active]);
    } else if (e.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
  return { close, clear: () => { input.value = ""; close(); } };
}
