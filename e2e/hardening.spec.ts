// Bad input gets a 4xx and a sentence, never a 500; refusals and missing things answer 403 and 404; every
// response carries the security headers, and the pages work in the browser under the Content-Security-Policy.
import { randomBytes, randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { E2E } from "./support/addresses.ts";
import { emulator } from "./support/emulator.ts";
import { captureUnsentServerAction, InviteFormPage } from "./support/invitation-pages.ts";
import { ids, personas, signIn, submitLoginPage } from "./support/personas.ts";
import { expect, test } from "./support/test.ts";

test.beforeEach(async () => {
  await emulator.reset();
});

const unique = () => randomBytes(4).toString("hex");
const TOO_LARGE = /^The request is too large: this app takes at most \d+(\.\d)? MB in one request\./;
const MALFORMED = /^Malformed server action request/;

/** The invite form's real action id, taken from a submission the browser aborts (nothing reaches Auth0). */
async function inviteActionId(page: Page): Promise<string> {
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  await form.fill({ emails: `never-sent-${unique()}@example.test`, roles: ["Member"] });
  const captured = await captureUnsentServerAction(page, () => form.submit());
  return captured.headers["next-action"]!;
}

test("a body over the server actions' limit answers 413 with a clear message", async ({ as }) => {
  const alice = await as("alice");
  const actionId = await inviteActionId(alice);
  const url = `/orgs/${ids.acme}/invitations/new`;
  // Over the limit next.config.mjs sets for server actions (2 MB, for bulk lists), whatever it is.
  const big = "a".repeat(3 * 1024 * 1024);

  const asText = await alice.request.post(url, { headers: { "next-action": actionId, "content-type": "text/plain;charset=UTF-8" }, data: `"${big}"` });
  expect(asText.status()).toBe(413);
  expect(await asText.text()).toMatch(TOO_LARGE);

  const asForm = await alice.request.post(url, {
    headers: { "next-action": actionId },
    multipart: { "0": '["$K1"]', "1_file": { name: "rows.csv", mimeType: "text/csv", buffer: Buffer.from(big) } },
  });
  expect(asForm.status()).toBe(413);
  expect(await asForm.text()).toMatch(TOO_LARGE);

  // Any POST, whatever it is for: the limit holds before anything reads the body.
  const plain = await alice.request.post("/", { headers: { "content-type": "text/plain" }, data: big });
  expect(plain.status()).toBe(413);
  expect(await plain.text()).toMatch(TOO_LARGE);
});

test("a malformed server action payload answers 400; an unknown action Next's 409, never a 500", async ({ as }) => {
  const alice = await as("alice");
  const actionId = await inviteActionId(alice);
  const url = `/orgs/${ids.acme}/invitations/new`;
  const post = (headers: Record<string, string>, data: string) => alice.request.post(url, { headers: { "next-action": actionId, ...headers }, data });

  for (const [contentType, body] of [
    ["text/plain;charset=UTF-8", "garbage{{{"],
    ["text/plain;charset=UTF-8", ""],
    ["application/json", '{"orgId":"x"}'],
    ["application/x-www-form-urlencoded", "a=1"],
    ["multipart/form-data; boundary=xyz", "nonsense"],
    ["multipart/form-data; boundary=xyz", '--xyz\r\nContent-Disposition: form-data; name="0"\r\n\r\nnot json{\r\n--xyz--\r\n'],
    // JSON, but not arguments React can decode: no argument list, or a reference to a part that is not there.
    ["text/plain;charset=UTF-8", '"just a string"'],
    ["text/plain;charset=UTF-8", '["$Q1"]'],
    ["multipart/form-data; boundary=xyz", '--xyz\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1","$2"]\r\n--xyz--\r\n'],
  ]) {
    const response = await post({ "content-type": contentType }, body);
    expect(response.status(), `${contentType}: ${body}`).toBe(400);
    expect(await response.text()).toMatch(MALFORMED);
    expect(response.headers()["content-security-policy"], `${contentType}: ${body}`).toContain("default-src 'self'");
  }

  // A form posted without JavaScript (no next-action header), which Next tries to read as a form action.
  const form = await alice.request.post(url, { headers: { "content-type": "multipart/form-data; boundary=xyz" }, data: "nonsense" });
  expect(form.status()).toBe(400);
  expect(await form.text()).toMatch(MALFORMED);

  // An action id this build does not know: Next's own answer, which its client reads as "reload the page".
  const unknown = await alice.request.post(url, { headers: { "next-action": `7f${"0".repeat(40)}`, "content-type": "text/plain;charset=UTF-8" }, data: "[]" });
  expect(unknown.status()).toBe(409);
  const garbled = await alice.request.post(url, { headers: { "next-action": "not-an-id", "content-type": "text/plain;charset=UTF-8" }, data: "[]" });
  expect(garbled.status()).toBe(400);
});

test("a path with broken percent-encoding answers 400 with the security headers, never a 500", async ({ as, playwright }) => {
  const alice = await as("alice");
  const anonymous = await playwright.request.newContext({ baseURL: E2E.appUrl, storageState: { cookies: [], origins: [] } });
  for (const path of ["/orgs/%E0%A4%A/invitations", `/orgs/${ids.acme}/invitations/bulk/%C0%AF/results`, "/%"]) {
    for (const response of [await alice.request.get(path, { maxRedirects: 0 }), await anonymous.get(path, { maxRedirects: 0 })]) {
      expect(response.status(), path).toBe(400);
      expect(await response.text(), path).toMatch(/^The address is not valid/);
      expect(response.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(response.headers()["x-content-type-options"], path).toBe("nosniff");
    }
  }
  await anonymous.dispose();
});

test("after sign-in, a deep link opens with its query", async ({ stranger }) => {
  const page = await stranger();
  const deepLink = `/orgs/${ids.acme}/activity?outcome=created&actor=alice`;
  await page.goto(deepLink);
  await submitLoginPage(page, personas.alice);
  await page.waitForURL((url) => url.port === String(E2E.appPort) && url.pathname === `/orgs/${ids.acme}/activity`);
  expect(new URL(page.url()).search).toBe("?outcome=created&actor=alice");
});

test("a callbackUrl that is not a URL leads home", async ({ stranger, playwright }) => {
  const api = await playwright.request.newContext({ baseURL: E2E.appUrl });
  for (const garbage of ["http://[", ":::", "javascript:alert(1)", "//evil.test"]) {
    const signin = await api.get(`/api/auth/signin?callbackUrl=${encodeURIComponent(garbage)}`, { maxRedirects: 0 });
    expect(signin.status(), garbage).toBe(302);
    const { csrfToken } = await (await api.get("/api/auth/csrf")).json();
    const start = await api.post("/api/auth/signin/auth0", { form: { csrfToken, callbackUrl: garbage, json: "true" } });
    expect(start.status(), garbage).toBe(200);
    expect((await start.json()).url).toMatch(/\/authorize\?/);
  }
  await api.dispose();

  const page = await stranger();
  await page.goto(`/login?callbackUrl=${encodeURIComponent("http://[")}`);
  await submitLoginPage(page, personas.alice);
  await page.waitForURL((url) => url.pathname === "/" && url.search === "");
  await expect(page.getByTestId("signed-in-as")).toContainText(personas.alice);
});

test("a page number past the end shows the last page on every paged page", async ({ as }) => {
  test.budget({ pages: 8 });
  const alice = await as("alice");
  const sam = await as("sam");
  const audrey = await as("audrey");
  const lastPage = async (page: Page, path: string) => {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const pager = page.getByRole("navigation", { name: "Pages" });
    const [, shown, pages] = (await pager.textContent())!.match(/Page (\d+) of (\d+)/)!;
    expect(shown, path).toBe(pages);
  };
  await lastPage(alice, `/orgs/${ids.acme}/invitations?page=999999`);
  await lastPage(alice, `/orgs/${ids.acme}/members?page=999999`);
  await lastPage(alice, `/orgs/${ids.acme}/activity?page=999999`);
  await lastPage(audrey, "/support/activity?page=999999");
  await lastPage(sam, "/support?q=a&page=999999");
});

test("a refused page answers 403 with the gate's reason; support staff are asked for theirs, not refused", async ({ as }) => {
  const bob = await as("bob");
  const refused = await bob.goto(`/orgs/${ids.acme}/invitations/new`);
  expect(refused?.status()).toBe(403);
  await expect(bob.getByTestId("refused")).toContainText("do not hold an inviter role");
  await expect(bob.getByRole("heading", { name: "You cannot manage this organization" })).toBeVisible();

  const eve = await as("eve");
  expect((await eve.goto("/support/activity"))?.status()).toBe(403);
  await expect(eve.getByRole("heading", { name: "You cannot see support's activity" })).toBeVisible();
  await expect(eve.getByTestId("refused")).toContainText("Only support staff (Support Agent) and auditors (Support Auditor) may see this.");
  expect((await eve.goto("/support"))?.status()).toBe(403);
  await expect(eve.getByTestId("refused")).toContainText("Only support staff (Support Agent) may use the support desk.");

  const sam = await as("sam");
  expect((await sam.goto(`/orgs/${ids.initech}/invitations`))?.status()).toBe(200);
  await expect(sam.getByRole("button", { name: "Act for Initech" })).toBeVisible();
});

test("an unknown invitation, bulk job, organization or page answers 404 and says what is missing", async ({ as }) => {
  const alice = await as("alice");
  for (const [path, message] of [
    [`/orgs/${ids.acme}/invitations/uinv_${"0".repeat(16)}`, "There is no such invitation in this organization."],
    [`/orgs/${ids.acme}/invitations/not-an-id`, "There is no such invitation in this organization."],
    [`/orgs/${ids.acme}/invitations/bulk/${randomUUID()}`, "There is no such bulk job in this organization."],
    ["/orgs/not-an-organization!/invitations", "There is no such organization."],
    ["/no-such-page", "There is no such page."],
  ]) {
    const response = await alice.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(alice.getByTestId("not-found")).toContainText(message);
  }
});

test("every response carries a nonce-based CSP without 'unsafe-eval', and the other security headers", async ({ playwright }) => {
  const api = await playwright.request.newContext({ baseURL: E2E.appUrl });
  const login = await api.get("/login");
  const policy = login.headers()["content-security-policy"]!;
  expect(policy).not.toContain("unsafe-eval");
  const nonce = policy.match(/script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).toContain("frame-ancestors 'none'");
  // Next puts the request's nonce on the scripts it renders, and each request has its own.
  const html = await login.text();
  expect(html).toContain(`nonce="${nonce}"`);
  expect(html.match(/<script(?![^>]*nonce=)[^>]*>/g) ?? []).toEqual([]);
  expect((await api.get("/login")).headers()["content-security-policy"]).not.toContain(nonce);

  expect(login.headers()).toMatchObject({
    "referrer-policy": "same-origin",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "permissions-policy": expect.stringContaining("camera=()"),
  });
  // Static files too, and refusals of bad input.
  const script = html.match(/<script[^>]+src="([^"]+)"/)![1]!;
  expect((await api.get(script)).headers()["x-content-type-options"]).toBe("nosniff");
  expect((await api.post("/login", { headers: { "next-action": "x", "content-type": "application/json" }, data: "{}" })).headers()["content-security-policy"]).toBeTruthy();

  // HSTS only over https: a reverse proxy says so in X-Forwarded-Proto (over plain http, browsers ignore it anyway).
  expect(login.headers()).not.toHaveProperty("strict-transport-security");
  const overHttps = await api.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(overHttps.headers()["strict-transport-security"]).toMatch(/^max-age=\d{8}; includeSubDomains$/);
  expect(overHttps.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
  await api.dispose();
});

test("signing in, inviting and signing out break no Content-Security-Policy rule", async ({ stranger }) => {
  test.budget({ signIns: 1, pages: 6 });
  const page = await stranger();
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.location().url.startsWith(E2E.appUrl) && /Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(message.text());
  });
  page.on("pageerror", (error) => violations.push(`page error: ${error.message}`));

  await signIn(page, "alice");
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  const email = `csp-${unique()}@example.test`;
  await form.fill({ emails: email, roles: ["Member"] });
  await form.submit();
  await expect(form.results).toContainText("Invited 1 of 1 address.");
  // A client navigation and a refused page, rendered in the browser from the server's payload.
  await page.getByRole("link", { name: "Invitations", exact: true }).click();
  await expect(page.getByTestId("invitation-row").filter({ hasText: email })).toBeVisible();
  await page.goto(`/orgs/${ids.globex}/invitations`);
  await expect(page.getByTestId("refused")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.port === String(E2E.appPort) && url.pathname === "/signed-out", { timeout: 20_000 });
  await expect(page.getByText("You are signed out.")).toBeVisible();

  expect(violations).toEqual([]);
});
