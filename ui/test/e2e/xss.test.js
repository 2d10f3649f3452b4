// Data is text, never HTML: a dataset whose names, aliases, quotes and
// URLs are markup and script (testdata/xss) is shown as those characters,
// no dialog opens, no element is made from data, and a javascript: URL
// never becomes a link.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "./browser.js";
import { serve, settled, shot, watch, recordCSP } from "./harness.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const NAME = "<img src=x onerror=alert(1)>";
let server;
let context;
let page;
let problems;

before(async () => {
  server = await serve(path.join(here, "testdata", "xss"));
  context = await launch();
  page = context.pages()[0] || (await context.newPage());
  await recordCSP(page);
  problems = watch(page);
});

after(async () => {
  await context?.close();
  await server?.stop();
});

const noMarkupFromData = () =>
  page.evaluate(() => ({
    imgs: document.querySelectorAll("img").length,
    svgs: document.querySelectorAll("svg").length,
    scripts: [...document.querySelectorAll("script")].map((s) => s.getAttribute("src")),
    badLinks: [...document.querySelectorAll("a")].map((a) => a.getAttribute("href")).filter((h) => !/^(https?:|\/|#|blob:)/.test(h || "")),
    bold: document.querySelectorAll("b, i").length,
  }));

test("names, aliases, quotes and URLs made of markup stay text", async () => {
  await page.goto(`${server.base}/`);
  await settled(page);
  assert.equal(await page.evaluate((id) => window.backchannel.view.graph().getNodeAttribute(id, "label"), "person:xss-img"), NAME);

  // Search: the suggestion shows the name as text.
  await page.type("#search", "img", { delay: 20 });
  const item = page.locator('#search ~ .ac-list .ac-item[data-id="person:xss-img"] .ac-name');
  await item.waitFor();
  assert.equal(await item.textContent(), NAME);
  await item.dispatchEvent("mousedown");
  await page.locator("#details h2").waitFor();
  assert.equal(await page.locator("#details h2").textContent(), NAME);
  assert.match(await page.locator("#details").textContent(), /<script>alert\(2\)<\/script>/);
  assert.match(await page.locator("#details .desc").textContent(), /<b>not bold<\/b> & "quoted"/);

  // The disputed edge: quotes, attribution and the document name as text.
  const edge = await page.evaluate(() => window.backchannel.view.graph().edges()[0]);
  await page.evaluate((id) => window.backchannel.store.dispatch({ type: "select", selection: { kind: "edge", id } }), edge);
  await page.locator("#details .ev.denies").waitFor();
  await page.locator("#details .ev-doc button", { hasText: "<svg onload=alert(3)>" }).first().waitFor();
  const text = await page.locator("#details").textContent();
  assert.match(text, /<img src=y onerror=alert\(5\)>/);
  assert.match(text, /<script>alert\(6\)<\/script>/);
  assert.match(text, /<i>a source<\/i>/);
  await shot(page, "xss-edge");

  // The document: its javascript: URL is shown, never linked.
  await page.evaluate(() => window.backchannel.store.dispatch({ type: "select", selection: { kind: "node", id: "doc:xss" } }));
  await page.locator("#details h2", { hasText: "<svg onload=alert(3)>" }).waitFor();
  assert.match(await page.locator("#details").textContent(), /javascript:alert\(4\)/);
  assert.equal(await page.locator('#details a[href^="javascript"]').count(), 0);

  // Hover and click the node on the canvas too (labels are drawn there).
  const p = await page.evaluate(() => window.backchannel.nodePosition("person:xss-img"));
  await page.mouse.move(p.x, p.y);
  await page.mouse.click(p.x, p.y);
  await page.waitForTimeout(300);
  await shot(page, "xss-node");

  assert.deepEqual(await noMarkupFromData(), { imgs: 0, svgs: 0, scripts: ["/assets/app.js"], badLinks: [], bold: 0 });
  assert.equal(await page.evaluate(() => window.__csp.length), 0);
  assert.deepEqual(problems, []);
});

test("the server forbids inline script", async () => {
  const r = await fetch(`${server.base}/`);
  const csp = r.headers.get("content-security-policy") || "";
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
});
