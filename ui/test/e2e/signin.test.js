// Sign-in on a team server: `backchannel serve --users FILE` sends a
// browser to the sign-in page, which sets the session cookie (HttpOnly,
// SameSite=Strict) and returns to the explorer; roles apply to the API
// the explorer calls.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { launch } from "./browser.js";
import { serve, settled, shot, watch, binary, repo } from "./harness.js";

const PASSWORD = "correct horse battery";
let dir;
let server;
let context;
let page; // the running test's page (see fresh)

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "bc-users-"));
  const users = path.join(dir, "users.json");
  for (const [name, role] of [["ana", "analyst"], ["ria", "reader"]]) {
    execFileSync(binary(), ["users", "add", name, "--role", role, "--password-stdin", "--file", users], { input: `${PASSWORD}\n` });
  }
  server = await serve(path.join(repo, "seeds"), ["--users", users]);
  context = await launch();
});

after(async () => {
  await context?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * fresh gives the test t a new page with no session (cookies cleared), so
 * that each test passes on its own; when t ends, nothing may have gone
 * wrong on the page.
 */
async function fresh(t) {
  await context.clearCookies();
  page = await context.newPage();
  const mine = page;
  const problems = watch(mine);
  t.after(async () => {
    assert.deepEqual(problems, [], "nothing went wrong on the page");
    await mine.close();
  });
}

async function signIn(user, password) {
  await page.fill("#user", user);
  await page.fill("#password", password);
  await Promise.all([page.waitForNavigation(), page.click("#sign-in-button")]);
}

const api = (url, init) =>
  page.evaluate(
    async ([u, i]) => {
      const r = await fetch(u, i);
      return { status: r.status, body: await r.text() };
    },
    [url, init],
  );

test("the explorer sends a stranger to the sign-in page", async (t) => {
  await fresh(t);
  await page.goto(`${server.base}/`);
  assert.match(page.url(), /\/login\?next=%2F$/);
  assert.ok(await page.locator("#sign-in").isVisible());
  const r = await fetch(`${server.base}/api/stats`);
  assert.equal(r.status, 401);
  assert.match((await r.json()).error, /sign in first/);
  await shot(page, "signin-page");
});

test("a wrong password stays on the page and says so", async (t) => {
  await fresh(t);
  await page.goto(`${server.base}/login?next=%2F`);
  await signIn("ana", "not the password");
  assert.match(page.url(), /\/login/);
  assert.match(await page.locator("#sign-in-error").textContent(), /Wrong user name or password/);
  assert.equal((await context.cookies()).filter((c) => c.name === "backchannel_session").length, 0);
});

test("an analyst signs in through the page and explores; the console is hers", async (t) => {
  await fresh(t);
  await page.goto(`${server.base}/login?next=%2F`);
  await signIn("ana", PASSWORD);
  assert.equal(new URL(page.url()).pathname, "/");
  await settled(page);
  const nodes = await page.evaluate(() => window.backchannel.view.graph().order);
  assert.ok(nodes > 0, "the explorer drew the graph after signing in");
  const [cookie] = (await context.cookies()).filter((c) => c.name === "backchannel_session");
  assert.ok(cookie, "a session cookie");
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, "Strict");
  assert.equal(cookie.secure, false, "plain HTTP on loopback: not Secure");
  assert.equal(await page.evaluate(() => document.cookie), "", "no script can read the session");
  const who = JSON.parse((await api("/api/whoami")).body);
  assert.deepEqual([who.user, who.role], ["ana", "analyst"]);
  // Allowed by role; the embedded store answers that Cypher needs Neo4j.
  const q = await api("/api/cypher", { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"query":"RETURN 1"}' });
  assert.equal(q.status, 501, q.body);
  await shot(page, "signin-explorer");
});

test("a reader signs in and is refused the console, with what to do", async (t) => {
  await fresh(t);
  // Signed in as the analyst first, so that signing out is tested too.
  await page.goto(`${server.base}/login?next=%2F`);
  await signIn("ana", PASSWORD);
  await settled(page);
  await page.goto(`${server.base}/login`);
  await Promise.all([page.waitForNavigation(), page.click("#sign-out")]);
  assert.equal((await api("/api/stats")).status, 401, "signed out");
  await signIn("ria", PASSWORD);
  await settled(page);
  const q = await api("/api/cypher", { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"query":"RETURN 1"}' });
  assert.equal(q.status, 403);
  assert.match(JSON.parse(q.body).error, /role reader.*needs analyst.*backchannel users add ria --role analyst/);
  assert.equal((await api("/api/stats")).status, 200);
});
