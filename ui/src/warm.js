// warm.js: a small indicator of the server's background warm-up after
// start (the path and centrality projection, then PageRank; reported by
// /api/stats as "warm"), shown in the header until it is ready, so that
// a first path or centrality request on a big graph is not a mystery.

const RUNNING = { projection: "building the graph for paths and centrality", centrality: "computing PageRank" };

// warmText says what to show for a warm status ("" for nothing).
export function warmText(warm) {
  if (!warm || typeof warm !== "object") return "";
  const secs = Number.isFinite(warm.seconds) ? ` (${Math.round(warm.seconds)} s)` : "";
  if (RUNNING[warm.state]) return `Preparing: ${RUNNING[warm.state]}${secs}…`;
  if (warm.state === "failed") return "Paths and centrality will be built on first use (the warm-up failed).";
  return "";
}

// watchWarm polls fetchStats every `every` ms while the warm-up runs and
// writes its text into el; it stops once the warm-up is over (or the
// server does not report one) and returns a function that stops it early.
export function watchWarm(el, fetchStats, { every = 2000, timers = globalThis } = {}) {
  let timer = null;
  let stopped = false;
  const poll = () => {
    fetchStats().then(
      (stats) => {
        if (stopped) return;
        const warm = stats && stats.warm;
        el.textContent = warmText(warm);
        if (warm && RUNNING[warm.state]) timer = timers.setTimeout(poll, every);
      },
      () => {
        if (!stopped) el.textContent = "";
      },
    );
  };
  poll();
  return () => {
    stopped = true;
    if (timer !== null) timers.clearTimeout(timer);
  };
}
