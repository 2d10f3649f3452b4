// harness.js: a real `backchannel serve` on a free port for the browser
// tests, and helpers to drive the page.
import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { mkdirSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, "../../..");
export const artifacts = process.env.E2E_ARTIFACTS || path.join(repo, "artifacts", "e2e");
mkdirSync(artifacts, { recursive: true });

/**
 * binary returns the backchannel binary to test: $BACKCHANNEL_BIN, or one
 * built now from the working tree (which embeds ui/dist, so build the UI
 * first: make ui).
 */
let built = null;
export function binary() {
  if (process.env.BACKCHANNEL_BIN) return process.env.BACKCHANNEL_BIN;
  if (built) return built;
  if (!existsSync(path.join(repo, "ui", "dist", "index.html"))) {
    throw new Error("ui/dist has no index.html: run `make ui` (or node ui/build.mjs) first");
  }
  built = path.join(artifacts, "backchannel-e2e");
  execFileSync("go", ["build", "-o", built, "./cmd/backchannel"], { cwd: repo, stdio: "inherit" });
  return built;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * serve starts backchannel serve on dataDir (or, with dataDir null, on
 * the source extraArgs name, e.g. --neo4j URI) and waits until it answers.
 */
export async function serve(dataDir, extraArgs = []) {
  const port = await freePort();
  const args = ["serve", "--addr", `127.0.0.1:${port}`, ...(dataDir ? ["--data", dataDir] : []), ...extraArgs];
  const proc = spawn(binary(), args, { cwd: repo, stdio: ["ignore", "inherit", "pipe"] });
  let stderr = "";
  proc.stderr.on("data", (d) => (stderr += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`backchannel serve exited ${proc.exitCode}: ${stderr.slice(-3000)}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      proc.kill();
      throw new Error(`backchannel serve did not answer within 60 s: ${stderr.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    port,
    stderr: () => stderr,
    async stop() {
      if (proc.exitCode !== null) return;
      const done = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGTERM");
      await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
      if (proc.exitCode === null) proc.kill("SIGKILL");
    },
  };
}

/** ready waits until the page has drawn and nothing is loading. */
export async function settled(page, timeout = 15000) {
  await page.waitForFunction(() => document.body.dataset.pending === "0" && window.backchannel, null, { timeout });
  // Then until nothing moves on screen for 300 ms. Node animations (250 to
  // 350 ms), the layout worker (up to 6 s), camera moves and canvas
  // resizes (a panel opening) all move nodes on the page, and a click or
  // a drag aimed at a node must find it where it was measured. A fixed
  // 450 ms wait lost that race about one run in four on a loaded machine
  // ("dragging pinned the node": the drag began where the node had been).
  await page.evaluate(() => (window.__settled = { sig: null, since: 0 }));
  await page.waitForFunction(
    () => {
      const { view, nodePosition } = window.backchannel;
      const ids = view.graph().nodes();
      const step = Math.max(1, Math.floor(ids.length / 2000)); // a sample on huge graphs
      let sig = "";
      for (let i = 0; i < ids.length; i += step) {
        const p = nodePosition(ids[i]);
        if (p) sig += `${Math.round(p.x * 2)},${Math.round(p.y * 2)};`;
      }
      const w = window.__settled;
      const now = performance.now();
      if (sig !== w.sig) {
        w.sig = sig;
        w.since = now;
        return false;
      }
      return now - w.since >= 300;
    },
    null,
    { timeout: Math.max(timeout, 20000), polling: 50 },
  );
}

export async function shot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}

/** watch collects what must never happen on the page. */
export function watch(page) {
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("dialog", async (d) => {
    problems.push(`dialog opened: ${d.type()} ${d.message()}`);
    await d.dismiss();
  });
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load resource/.test(m.text())) problems.push(`console error: ${m.text()}`);
  });
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (!["127.0.0.1", "localhost"].includes(u.hostname) && !["blob:", "data:"].includes(u.protocol)) problems.push(`request off the machine: ${r.url()}`);
  });
  return problems;
}

// recordCSP makes page collect Content-Security-Policy violations in
// window.__csp, from the next navigation on.
export async function recordCSP(page) {
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}
