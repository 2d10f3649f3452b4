// api.js: every request the explorer makes, and its errors.
//
// Each function returns the decoded JSON answer or throws an APIError
// whose message is the server's {"error": "..."} text (or says what went
// wrong on the way). Endpoints that other parts of the server add later
// (paths, centrality, Cypher, export) may answer 404 on an older server:
// APIError.status lets a panel say so instead of failing.

export class APIError extends Error {
  constructor(message, status = 0, path = "", missing = false) {
    super(message);
    this.name = "APIError";
    this.status = status;
    this.path = path;
    // missing: the server has no such endpoint (a 404 without the JSON
    // error body every real handler sends).
    this.missing = missing;
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

async function request(path, { method = "GET", body, signal } = {}) {
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
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    let msg = data && typeof data.error === "string" ? data.error : "";
    const missing = res.status === 404 && (!msg || /^no such endpoint/i.test(msg));
    if (!msg) msg = missing ? "this server has no such endpoint yet (HTTP 404)" : `HTTP ${res.status}`;
    throw new APIError(msg, res.status, path, missing);
  }
  if (data === null) throw new APIError(`the server's answer to ${path} is not JSON`, res.status, path);
  return data;
}

const enc = encodeURIComponent;

export const api = {
  search: (q, limit = 10, opts) => request(`/api/search${query({ q, limit })}`, opts),
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
  centrality: (metric, top, { statuses = [] } = {}, opts) => request(`/api/centrality${query({ metric, top, status: statuses })}`, opts),
  cypher: (q, params = {}, opts) => request("/api/cypher", { method: "POST", body: { query: q, params }, ...opts }),
  exportJSON: (opts) => request("/api/export?format=json", opts),
  exportURL: (format) => `/api/export${query({ format })}`,
};
