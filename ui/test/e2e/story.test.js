// The story moves on (issue 16): the as-of slider shows the graph as it
// was understood on a date. The seed article's advice claim is disputed
// in March 2023 and refuted since the special rapporteur's finding of
// 2023-05-23; the relationship panel says so and lists the claim's
// timeline with each step's source; paraphrases are never quoted.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { launch } from "./browser.js";
import { serve, settled, shot, watch, recordCSP, repo } from "./harness.js";

const DONG = "person:han-dong";
const ADVICE = "person:han-dong>ADVISED>person:han-tao:delay-release";

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

/** slideTo moves the as-of slider, as a user drags it, to the month label. */
async function slideTo(page, month) {
  const found = await page.evaluate((want) => {
    const slider = document.getElementById("asof");
    document.getElementById("asof-any").checked = false;
    for (let i = 0; i <= Number(slider.max); i++) {
      slider.value = String(i);
      slider.dispatchEvent(new Event("input"));
      if (document.getElementById("asof-label").textContent === want) {
        slider.dispatchEvent(new Event("change"));
        return true;
      }
    }
    return false;
  }, month);
  assert.ok(found, `the slider reaches ${month}`);
  await page.waitForFunction((m) => window.backchannel.store.get().filters.asOf === m, month, { timeout: 5000 });
  await settled(page);
}

/** look is how the advice edge is drawn and what the panel says of it. */
function look(page) {
  return page.evaluate((id) => {
    const { view } = window.backchannel;
    const d = view.renderer.getEdgeDisplayData(id);
    const steps = [...document.querySelectorAll("#details .status-timeline li.step")].map((li) => ({
      date: li.dataset.date,
      status: li.dataset.status,
      later: li.classList.contains("later"),
      source: li.querySelector(".step-source")?.textContent || "",
    }));
    return {
      drawn: Boolean(d) && !d.hidden,
      color: d?.color,
      type: d?.type,
      status: d?.asOfStatus,
      badge: document.querySelector("#details .edge-status .badge")?.textContent,
      asOf: document.querySelector("#details .edge-status .as-of")?.textContent || "",
      steps,
    };
  }, ADVICE);
}

test("the as-of slider: the advice claim disputed in March 2023, refuted by July 2025, with its timeline", async (t) => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await recordCSP(page);
  const problems = watch(page);
  t.after(async () => {
    assert.deepEqual(problems, [], "nothing went wrong on the page");
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    await page.close();
  });
  await page.goto(`${server.base}/#all=1&sel=e~${encodeURIComponent(ADVICE)}`);
  await settled(page);
  await page.locator("#details .status-timeline").waitFor({ timeout: 15000 });

  await slideTo(page, "2023-03");
  const march = await look(page);
  assert.ok(march.drawn, "the advice is drawn in March 2023");
  assert.equal(march.status, "disputed");
  assert.equal(march.badge?.toLowerCase(), "disputed", "the panel's status in March 2023");
  assert.match(march.asOf, /2023-03/);
  assert.deepEqual(
    march.steps.map((s) => [s.date, s.status, s.later]),
    [
      ["2023-03-22", "disputed", false],
      ["2023-05-23", "refuted", true],
    ],
  );
  assert.match(march.steps[0].source, /two national security sources/);
  assert.match(march.steps[0].source, /Liberal MP Han Dong secretly advised/, "the step names its document");
  assert.match(march.steps[1].source, /David Johnston, special rapporteur/);
  assert.match(march.steps[1].source, /Johnston says/, "the rapporteur's step names the cited article");
  assert.match(march.steps[1].source, /paraphrase of a cited source/);
  await shot(page, "16a-advice-as-of-2023-03");

  await slideTo(page, "2025-07");
  const july = await look(page);
  assert.ok(july.drawn, "the advice is still drawn (refuted claims are shown, distinctly)");
  assert.equal(july.status, "refuted");
  assert.equal(july.badge?.toLowerCase(), "refuted", "the panel's status in July 2025");
  assert.notEqual(july.color, march.color, "the edge's style changes with its status");
  assert.ok(july.steps.every((s) => !s.later), "by July 2025 every step had happened");
  await shot(page, "16b-advice-as-of-2025-07");

  // Paraphrases are never in quotation marks: no blockquote holds one.
  const evidence = await page.evaluate(() => ({
    paraphrases: [...document.querySelectorAll("#details .ev-paraphrase p")].map((p) => p.textContent),
    quotes: [...document.querySelectorAll("#details blockquote")].map((q) => q.textContent),
  }));
  assert.ok(evidence.paraphrases.length >= 2, `the later findings are shown as paraphrases: ${JSON.stringify(evidence)}`);
  for (const p of evidence.paraphrases) {
    assert.ok(!evidence.quotes.includes(p), `a paraphrase shown as a quote: ${p}`);
    assert.doesNotMatch(p, /^["“]/, "no quotation marks around a paraphrase");
  }

  // The legend explains the refuted style.
  assert.match(await page.textContent("#legend"), /refuted: found false by a review, inquiry or court/);
  assert.match(await page.textContent("#legend"), /unreported/, "with an as-of date, the legend lists unreported");
});
