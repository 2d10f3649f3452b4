// api.js: every request the explorer makes, and its errors.
//
// Each function returns the decoded JSON answer or throws an APIError
// whose message is the server's {"error": "..."} text (or says what went
// wrong on the way). The page is served by the binary whose API it
// calls, so every endpoint is there: an error is the server's answer.

export class APIError extends Error {
  constructor(message, status = 0, path = "") {
    super(message);
    this.name = "APIError";
    this.status = status;
    this.path = path;
  }
}

function query(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "") continue;
    if (Array.isArray(v)) {
      if (v.length) p.set(k, v.join(","));
    } else p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : "";
}

async function request(path, { method = "GET", body, signal, blob = false } = {}) {
  let res;
  try {
    res = await fetch(path, {
      method,
      signal,
      headers: body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    if (err && err.name === "AbortError") throw err;
    throw new APIError(`cannot reach the server (${err && err.message ? err.message : err}): is backchannel serve running?`, 0, path);
  }
  if (blob && res.ok) {
    const disp = res.headers.get("content-disposition") || "";
    return { blob: await res.blob(), name: /filename="([^"]+)"/.exec(disp)?.[1] || "" };
  }
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const msg = data && typeof data.error === "string" ? data.error : `HTTP ${res.status}`;
    throw new APIError(msg, res.status, path);
  }
  if (data === null) throw new APIError(`the server's answer to ${path} is not JSON`, res.status, path);
  return data;
}

const enc = encodeURIComponent;

export const api = {
  search: (q, limit = 10, opts) => request(`/api/search${query({ q, limit })}`, opts),
  // searchText: quotes, then passages of document texts, containing q.
  searchText: (q, limit = 10, opts) => request(`/api/search/text${query({ q, limit })}`, opts),
  // document: a document's node, text and quoted passages.
  document: (id, opts) => request(`/api/documents/${enc(id)}`, opts),
  node: (id, opts) => request(`/api/nodes/${enc(id)}`, opts),
  // types: relationship types; statuses: relationship statuses.
  neighbors: (id, { depth = 1, rels = [], statuses = [], limit } = {}, opts) =>
    request(`/api/nodes/${enc(id)}/neighbors${query({ depth, types: rels, status: statuses, limit })}`, opts),
  vocabulary: (opts) => request("/api/vocabulary", opts),
  stats: (opts) => request("/api/stats", opts),
  paths: (p, opts) =>
    request(
      `/api/paths${query({
        from: p.from,
        to: p.to,
        mode: p.mode,
        k: p.mode === "k" ? p.k : undefined,
        status: p.statuses,
        types: p.rels,
        avoid: p.avoid,
        maxHops: p.maxHops,
        before: p.before,
      })}`,
      opts,
    ),
  // statuses, rels (relationship types) and before shape the graph the
  // metric is computed on.
  centrality: (metric, top, { statuses = [], rels = [], before = "" } = {}, opts) =>
    request(`/api/centrality${query({ metric, top, status: statuses, types: rels, before })}`, opts),
  cypher: (q, params = {}, opts) => request("/api/cypher", { method: "POST", body: { query: q, params }, ...opts }),
  exportJSON: (opts) => request("/api/export?format=json", opts),
  exportURL: (format) => `/api/export${query({ format })}`,
  // exportView writes a subgraph the page holds ({nodes, edges}, native
  // JSON) in a format: {blob, name}.
  exportView: (format, sub, opts) => request(`/api/export${query({ format })}`, { method: "POST", body: sub, blob: true, ...opts }),
};
