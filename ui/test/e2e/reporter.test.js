// The explorer as a reporter uses it (issue 15): each test opens its own
// page on the seed graph, does what a first-time user would, and checks
// what is on screen. Each finding of the issue has a test here.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { readFile, writeFile } from "node:fs/promises";
import { launch } from "./browser.js";
import { serve, settled, shot, watch, recordCSP, repo, artifacts } from "./harness.js";

const DONG = "person:han-dong";
const TAO = "person:han-tao";
const KOVRIG = "person:michael-kovrig";
const SPAVOR = "person:michael-spavor";

let server;
let context;

before(async () => {
  server = await serve(path.join(repo, "seeds"));
  context = await launch();
});

after(async () => {
  await context?.close();
  await server?.stop();
});

/** open gives a fresh page on the explorer at hash, settled, at a viewport size. */
async function open(t, hash = "", { width = 1400, height = 860 } = {}) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  await recordCSP(page);
  const problems = watch(page);
  t.after(async () => {
    assert.deepEqual(problems, [], "nothing went wrong on the page");
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    await page.close();
  });
  await page.goto(`${server.base}/${hash}`);
  await settled(page);
  return page;
}

const selected = (page) => page.evaluate(() => window.backchannel.store.get().selected);
const waitSelected = (page, sel) =>
  page.waitForFunction((want) => JSON.stringify(window.backchannel.store.get().selected) === JSON.stringify(want), sel, { timeout: 5000 }).catch(() => {});

/** inView says whether an element is wholly visible in the window and in its scrolling panel. */
function inView(page, selector) {
  return page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    const p = el.closest("aside")?.getBoundingClientRect() || { top: 0, bottom: innerHeight };
    return r.height > 0 && r.top >= Math.max(0, p.top) && r.bottom <= Math.min(innerHeight, p.bottom) && r.left >= 0 && r.right <= innerWidth;
  });
}

test("finding 1: Enter opens what the box says, never a stale suggestion", async (t) => {
  const page = await open(t);
  for (const [first, rest, want] of [
    ["han", " dong", DONG],
    ["michael", " spavor", SPAVOR],
  ]) {
    await page.fill("#search", "");
    await page.type("#search", first);
    await page.locator("#search ~ .ac-list .ac-item").first().waitFor({ state: "visible" });
    // Suggestions for the first word are up; type on and press Enter at once.
    await page.type("#search", rest);
    await page.keyboard.press("Enter");
    await waitSelected(page, { kind: "node", id: want });
    assert.deepEqual(await selected(page), { kind: "node", id: want }, `"${first}${rest}" + Enter`);
  }
  // Enter straight after typing, before any suggestion arrived.
  await page.fill("#search", "kovrig");
  await page.keyboard.press("Enter");
  await waitSelected(page, { kind: "node", id: KOVRIG });
  assert.deepEqual(await selected(page), { kind: "node", id: KOVRIG });
});

test("finding 2: a relationship's panel opens at its top", async (t) => {
  const page = await open(t, `#all=1&sel=n~${DONG}`, { width: 1280, height: 720 });
  await page.locator("#details .claim").first().waitFor();
  // Scroll the node's panel to its end, and open the last claim there.
  await page.$eval("#details", (el) => (el.scrollTop = el.scrollHeight));
  const last = page.locator("#details .claim .rel").last();
  const id = await last.getAttribute("data-edge");
  await last.click();
  await waitSelected(page, { kind: "edge", id });
  await page.locator("#details .edge-status .badge").waitFor();
  assert.equal(await page.$eval("#details", (el) => el.scrollTop), 0);
  assert.ok(await inView(page, "#details .edge-status .badge"), "the status badge is in view");
  assert.ok(await inView(page, "#details .det-head"), "the header is in view");
});

test("finding 3: claims grouped by counterpart and type, contested first; edges hover and pick apart", async (t) => {
  const page = await open(t, `#all=1&sel=n~${DONG}`);
  await page.locator("#details .claim-group").first().waitFor();
  const groups = await page.$$eval("#details .claim-group", (gs) =>
    gs.map((g) => ({
      head: g.querySelector(".cg-head").textContent,
      claims: [...g.querySelectorAll(".claim")].map((c) => ({ status: c.querySelector(".badge").textContent, text: c.textContent })),
    })),
  );
  assert.match(groups[0].head, /ADVISED\s*Han Tao/, `first group: ${groups[0].head}`);
  assert.equal(groups[0].claims[0].status, "disputed");
  // Rows can be told apart: no two claims read the same.
  const rows = groups.flatMap((g) => g.claims.map((c) => `${g.head}|${c.text}`));
  assert.equal(new Set(rows).size, rows.length, "every claim row differs");
  const heads = groups.map((g) => g.head);
  assert.equal(heads.filter((x) => /CONTACTED\s*Han Tao/.test(x)).length, 1, "the Dong-Han Tao conversations are one group");
  // Contested and alleged claims come before reported and confirmed ones.
  const rank = { disputed: 0, alleged: 1, reported: 2, confirmed: 3 };
  const firsts = groups.map((g) => rank[g.claims[0].status]);
  assert.deepEqual(firsts, [...firsts].sort((a, b) => a - b));
  // The edge view lists all claims between the two.
  await page.locator("#details .claim .rel").first().click();
  await page.locator("#details h3", { hasText: "All claims between Han Dong and Han Tao" }).waitFor();
  assert.ok((await page.locator("#details ul.between .claim").count()) >= 4);
  // Hovering a canvas edge gives feedback: it is drawn thicker and labelled.
  await page.evaluate(() => window.backchannel.store.dispatch({ type: "select", selection: null }));
  await settled(page);
  const edge = await page.evaluate(([a, b]) => {
    const g = window.backchannel.view.graph();
    return g.edges().find((e) => g.source(e) === a && g.target(e) === b && g.getEdgeAttribute(e, "relType") === "ADVISED");
  }, [DONG, TAO]);
  const p = await page.evaluate((id) => window.backchannel.edgeMidpoint(id), edge);
  await page.mouse.move(p.x, p.y);
  await page.waitForFunction(() => window.backchannel.view.getLook().hoveredEdge, null, { timeout: 3000 }).catch(() => {});
  const hovered = await page.evaluate(() => window.backchannel.view.getLook().hoveredEdge);
  assert.ok(hovered, "hovering an edge marks it");
  const d = await page.evaluate((id) => window.backchannel.view.renderer.getEdgeDisplayData(id), hovered);
  assert.ok(d.forceLabel && d.label, "the hovered edge is labelled");
  assert.match(await page.locator("#canvas").evaluate((el) => el.style.cursor), /pointer/);
  await shot(page, "15-03-edge-hover");
});

test("finding 4: Back and Forward walk selections, expansions and filters", async (t) => {
  const page = await open(t, `#n=${DONG}`);
  const start = page.url();
  await page.evaluate((id) => window.backchannel.store.dispatch({ type: "select", selection: { kind: "node", id } }), DONG);
  await page.click("#expand-btn");
  await settled(page);
  await page.evaluate((id) => window.backchannel.store.dispatch({ type: "select", selection: { kind: "node", id } }), TAO);
  await page.click('[role=tab][data-tab=filters]');
  await page.locator("#tab-filters input[name=fs][value=confirmed]").uncheck();
  await settled(page);
  const s = () => page.evaluate(() => window.backchannel.store.get());
  assert.ok((await s()).filters.statuses);
  await page.goBack();
  await settled(page);
  assert.equal((await s()).filters.statuses, null, "Back undoes the filter");
  assert.equal((await s()).selected.id, TAO);
  await page.goBack();
  await settled(page);
  assert.equal((await s()).selected.id, DONG, "Back returns to the previous selection");
  assert.equal((await s()).expanded.length, 1);
  await page.click("#undo-btn");
  await settled(page);
  assert.equal((await s()).expanded.length, 0, "Undo steps back through the expansion");
  await page.click("#redo-btn");
  await settled(page);
  assert.equal((await s()).expanded.length, 1, "Redo steps forward");
  await page.goForward();
  await settled(page);
  assert.equal((await s()).selected.id, TAO, "Forward");
  // The URL stays the shared state.
  assert.match(decodeURIComponent(page.url()), new RegExp(`sel=n~${TAO}`));
  assert.notEqual(page.url(), start);
});

test("finding 5: filters reach counters, panels, highlights, paths and centrality", async (t) => {
  const page = await open(t, `#all=1&sel=n~${DONG}`);
  const count = () => page.locator("#counts").textContent();
  const before = await count();
  await page.click('[role=tab][data-tab=filters]');
  for (const st of ["reported", "alleged", "disputed"]) await page.locator(`#tab-filters input[name=fs][value=${st}]`).uncheck();
  await settled(page);
  const after = await count();
  assert.notEqual(after, before, `the counter changes: ${before} -> ${after}`);
  const shown = await page.evaluate(() => window.backchannel.visible().edges.size);
  assert.match(after, new RegExp(`${shown} relationships shown`));
  // The panel lists only confirmed claims.
  const statuses = await page.$$eval("#details .claim .badge", (bs) => [...new Set(bs.map((b) => b.textContent))]);
  assert.deepEqual(statuses, ["confirmed"]);
  assert.match(await page.locator("#details").textContent(), /hidden by the filters/);
  // Neighbours joined only by hidden relationships are not highlighted.
  const wrong = await page.evaluate((id) => {
    const { view, ds } = window.backchannel;
    const shownEdges = window.backchannel.visible().edges;
    const viaShown = new Set();
    for (const e of shownEdges) {
      const r = ds.edges.get(e);
      if (r.source === id) viaShown.add(r.target);
      if (r.target === id) viaShown.add(r.source);
    }
    return [...view.getLook().neighbours].filter((n) => !viaShown.has(n));
  }, DONG);
  assert.deepEqual(wrong, []);
  // Centrality: documents unticked, actors only: no document is ranked.
  await page.locator("#tab-filters input[name=ft][value=document]").uncheck();
  await page.click('[role=tab][data-tab=centrality]');
  await page.selectOption("#cent-metric", "betweenness");
  await page.click("#cent-go");
  await page.locator("#tab-centrality .ranked li").first().waitFor({ timeout: 15000 });
  const ranked = await page.$$eval("#tab-centrality .ranked button", (bs) => bs.map((b) => b.dataset.id));
  assert.ok(ranked.length > 0);
  assert.deepEqual(ranked.filter((id) => id.startsWith("doc:")), [], "no document ranked while documents are hidden");
  await page.locator("#cent-actors").check();
  await page.click("#cent-go");
  await page.waitForFunction(() => window.backchannel.store.get().centrality?.actors === true);
  await settled(page);
  const actors = await page.$$eval("#tab-centrality .ranked button", (bs) => bs.map((b) => b.dataset.id));
  assert.ok(actors.length > 0 && actors.every((id) => /^(person|org):/.test(id)), `actors only: ${actors}`);
  // Paths follow the status filter: with confirmed only, every hop is confirmed.
  await page.click('[role=tab][data-tab=path]');
  await page.evaluate(([from, to]) => window.backchannel.store.dispatch({ type: "path", path: { from, to } }), [DONG, KOVRIG]);
  await page.locator("#tab-path .path-result p").first().waitFor({ timeout: 15000 });
  const hops = await page.$$eval("#tab-path .hop .badge", (bs) => bs.map((b) => b.textContent));
  assert.ok(hops.every((x) => x === "confirmed"), `hops: ${hops}`);
  await shot(page, "15-05-filters-everywhere");
});

test("done when: whom did Han Dong allegedly advise, and who denies it in which words: 3 actions at 1280x720", async (t) => {
  const page = await open(t, "", { width: 1280, height: 720 });
  // 1: type the name. 2: Enter. 3: the first claim, which is the disputed advice.
  await page.type("#search", "Han Dong");
  await page.keyboard.press("Enter");
  await page.locator("#details .claim .rel").first().waitFor();
  await page.locator("#details .claim .rel").first().click();
  await page.locator("#details .ev.denies blockquote").first().waitFor();
  const sel = await selected(page);
  assert.equal(sel.kind, "edge");
  const e = await page.evaluate((id) => window.backchannel.ds.edges.get(id), sel.id);
  assert.deepEqual([e.source, e.type, e.target, e.status], [DONG, "ADVISED", TAO, "disputed"]);
  assert.ok(await inView(page, "#details .edge-status .badge"), "status on screen");
  assert.ok(await inView(page, "#details .ev.supports blockquote"), "the allegation's quote on screen");
  assert.ok(await inView(page, "#details .ev.denies blockquote"), "the denial's quote on screen");
  assert.match(await page.locator("#details .ev.denies .who").first().textContent(), /Han Dong/);
  assert.equal(await page.$eval("#details", (el) => el.scrollTop), 0, "no scrolling");
  await shot(page, "15-done-when-1280x720");
  if (process.env.SCREENSHOTS_DIR) await page.screenshot({ path: path.join(process.env.SCREENSHOTS_DIR, "explorer-claim-1280x720.png") });
});

test("finding 6: documents readable, quotes in place, search finds words, statements", async (t) => {
  const ARTICLE = "doc:24ca-2023-03-22-han-dong-two-michaels";
  const page = await open(t, `#all=1&sel=n~${DONG}`, { width: 1440, height: 900 });
  // From a claim's evidence card to its passage: one action.
  await page.locator("#details .claim .rel").first().click();
  await page.locator("#details .ev.denies .show-in-doc").first().waitFor();
  const quote = await page.locator("#details .ev.denies blockquote").first().textContent();
  const claim = (await selected(page)).id;
  await page.locator("#details .ev.denies .show-in-doc").first().click();
  const target = page.locator("#reader mark.target");
  await target.waitFor({ timeout: 10000 });
  assert.equal((await target.textContent()).replace(/\s+/g, " ").trim().length > 0, true);
  const norm = (s) => s.replace(/[“”"]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, " ").trim();
  assert.ok(norm(await target.textContent()).includes(norm(quote).slice(0, 30)) || norm(quote).includes(norm(await target.textContent()).slice(0, 30)), "the marked passage is the quote");
  assert.ok(await target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const p = document.getElementById("reader").getBoundingClientRect();
    return r.top >= p.top && r.bottom <= p.bottom;
  }), "the passage is scrolled into view");
  const marks = await page.locator("#reader mark.q").count();
  assert.ok(marks >= 20, `the article's quoted passages are marked (${marks})`);
  assert.match(await page.locator("#reader .citation").textContent(), /24CA News/);
  await shot(page, "15-06-reader");
  // And back to the claim: one action.
  await page.click("#reader-close");
  await page.waitForFunction(() => !window.backchannel.store.get().reading);
  assert.equal((await selected(page)).id, claim);
  assert.equal(await page.locator("#reader").isVisible(), false);
  // A passage opens its claim in one action too.
  await page.evaluate((doc) => window.backchannel.store.dispatch({ type: "read", doc }), ARTICLE);
  const someMark = page.locator("#reader mark.q.s-disputed").first();
  await someMark.waitFor();
  const edge = await someMark.getAttribute("data-edge");
  await someMark.click();
  await waitSelected(page, { kind: "edge", id: edge });
  assert.deepEqual(await selected(page), { kind: "edge", id: edge });
  // A document without text shows its citation and link.
  await page.evaluate(() => window.backchannel.store.dispatch({ type: "read", doc: "doc:pco-memo-2020-02" }));
  await page.locator("#reader .notice").waitFor();
  assert.match(await page.locator("#reader").textContent(), /No text of this document is on file/);
  await page.click("#reader-close");
  // Search finds words: "back channel" is the PMO's quote and a passage of the article.
  await page.fill("#search", "back channel");
  const hit = page.locator("#search ~ .ac-list .ac-text").first();
  await hit.waitFor();
  assert.match(await hit.locator("mark").textContent(), /back channel/i);
  await page.keyboard.press("Enter");
  await page.locator("#reader mark.target").waitFor();
  assert.match(await page.locator("#reader mark.target").textContent(), /back channel/i);
  await page.click("#reader-close");
  // Statements: who said what, through whom.
  await page.click('[role=tab][data-tab=statements]');
  await page.fill("#statements-filter", "PMO");
  await page.locator("#tab-statements .speaker").first().waitFor();
  const speakers = await page.$$eval("#tab-statements .speaker summary strong", (s) => s.map((x) => x.textContent));
  assert.ok(speakers.some((s) => /PMO/.test(s)), `speakers: ${speakers}`);
  assert.ok((await page.locator("#tab-statements .statement blockquote").count()) > 0);
  await shot(page, "15-06-statements");
});

// Screenshots of the default view go to artifacts/e2e/, and with
// SCREENSHOTS_DIR set (make screenshots) to that folder too: docs/ keeps
// the ones the README shows.
test("finding 7: legible by default at 1440x900, 1280x720 and 1024x768", async (t) => {
  for (const [width, height] of [[1440, 900], [1280, 720], [1024, 768]]) {
    const page = await context.newPage();
    await page.setViewportSize({ width, height });
    const problems = watch(page);
    await page.goto(`${server.base}/`);
    await settled(page);
    await page.waitForFunction(() => window.backchannel.view.labels()?.length > 0);
    await page.waitForTimeout(600);
    const info = await page.evaluate(() => {
      const { view } = window.backchannel;
      const g = view.graph();
      const labels = view.labels();
      const boxes = labels.map((l) => l.box);
      const overlaps = [];
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i];
          const b = boxes[j];
          if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) overlaps.push([labels[i].id, labels[j].id]);
        }
      }
      const canvas = document.getElementById("canvas").getBoundingClientRect();
      const outside = boxes.filter((b) => b.x < 0 || b.y < 0 || b.x + b.w > canvas.width || b.y + b.h > canvas.height).length;
      const labelled = new Set(labels.map((l) => l.id));
      const unlabelled = g.nodes().filter((n) => ["person", "organization"].includes(g.getNodeAttribute(n, "nodeType")) && !labelled.has(n));
      const legend = document.getElementById("legend").getBoundingClientRect();
      const tabs = [...document.querySelectorAll("[role=tab]")].map((b) => b.getBoundingClientRect().top);
      const longest = Math.max(...g.nodes().map((n) => g.getNodeAttribute(n, "label").length));
      return { overlaps, outside, unlabelled, labels: labels.length, nodes: g.order, canvasWidth: canvas.width, legendBelow: legend.top >= canvas.bottom - 1, tabRows: new Set(tabs.map(Math.round)).size, longest };
    });
    t.diagnostic(`${width}x${height}: ${info.labels} of ${info.nodes} nodes labelled; canvas ${Math.round(info.canvasWidth)} px wide`);
    assert.deepEqual(info.overlaps, [], `${width}x${height}: overlapping labels`);
    assert.equal(info.outside, 0, `${width}x${height}: labels off the canvas`);
    assert.deepEqual(info.unlabelled, [], `${width}x${height}: people and organisations without a label`);
    assert.ok(info.legendBelow, `${width}x${height}: the legend covers the graph`);
    assert.equal(info.tabRows, 1, `${width}x${height}: the tabs wrap`);
    assert.ok(info.longest <= 30, `${width}x${height}: a label of ${info.longest} characters`);
    assert.ok(info.canvasWidth >= 600, `${width}x${height}: canvas ${info.canvasWidth} px wide`);
    const name = `explorer-${width}x${height}.png`;
    await page.screenshot({ path: path.join(artifacts, name) });
    if (process.env.SCREENSHOTS_DIR) {
      await page.screenshot({ path: path.join(process.env.SCREENSHOTS_DIR, name) });
      if (width === 1440) await page.screenshot({ path: path.join(process.env.SCREENSHOTS_DIR, "screenshot.png") });
    }
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test("finding 8: a one-page report to print, and named views in the URL and a file", async (t) => {
  const page = await open(t, `#all=1&sel=n~${DONG}`, { width: 1280, height: 720 });
  // Named view: in the URL, kept in the browser, passed on as a file.
  await page.click('[role=tab][data-tab=export]');
  await page.fill("#view-name", "Dong and the consul");
  await page.click("#view-save");
  await page.waitForFunction(() => window.backchannel.store.get().name === "Dong and the consul");
  assert.match(decodeURIComponent(page.url()).replace(/\+/g, " "), /name=Dong and the consul/);
  assert.equal(await page.title(), "Dong and the consul · backchannel");
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#view-download")]);
  const file = path.join(artifacts, dl.suggestedFilename());
  await dl.saveAs(file);
  const saved = JSON.parse(await readFile(file, "utf8"));
  assert.equal(saved.name, "Dong and the consul");
  assert.match(saved.hash, /sel=n~person%3Ahan-dong|sel=n%7Eperson%3Ahan-dong/);
  // Elsewhere, the file opens the same view.
  const other = await context.newPage();
  await other.goto(`${server.base}/`);
  await settled(other);
  await other.click('[role=tab][data-tab=export]');
  await other.locator("#view-file").setInputFiles(file);
  await other.waitForFunction(() => window.backchannel.store.get().name === "Dong and the consul");
  assert.deepEqual(await other.evaluate(() => window.backchannel.store.get().selected), { kind: "node", id: DONG });
  // ...and the browser keeps the list.
  assert.match(await other.locator("#views-list").textContent(), /Dong and the consul/);
  await other.close();

  // The report: one page with the graph, its legend, caption, date,
  // filters and the claims with quotes and sources.
  await page.evaluate(() => window.backchannel.buildReport());
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("header.top").isVisible(), false, "the interface is not printed");
  assert.equal(await page.locator("#report").isVisible(), true);
  assert.equal(await page.locator("#report h1").textContent(), "Dong and the consul");
  assert.ok(await page.locator("#report figure img").evaluate((img) => img.complete && img.naturalWidth > 100), "the graph image is there");
  assert.ok((await page.locator("#report figcaption .legend-item").count()) >= 8, "with its legend");
  assert.match(await page.locator("#report .report-meta").textContent(), /\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC .* no filters/);
  const claims = await page.$$eval("#report .report-claims > li", (ls) => ls.map((l) => l.textContent));
  assert.ok(claims.length >= 3, `claims: ${claims.length}`);
  assert.match(claims[0], /disputed/i);
  assert.match(claims.join(" "), /Denies.*Han Dong, emailed statement/);
  assert.ok((await page.locator("#report .report-claims q").count()) >= 3, "claims carry their quotes");
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  await writeFile(path.join(artifacts, "15-08-report.pdf"), pdf);
  await page.screenshot({ path: path.join(artifacts, "15-08-report-print.png"), fullPage: true });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.equal(pages, 1, `the report is one page (${pages})`);
  await page.emulateMedia({ media: "screen" });
});
