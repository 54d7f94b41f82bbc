// The support desk: finding a customer's organization, acting on its behalf in plain view, and who may not.
import { randomUUID } from "node:crypto";
import { ActivityPage } from "./support/activity-page.ts";
import { emulator, withoutCacheRefills } from "./support/emulator.ts";
import { captureServerAction, InviteFormPage, replayAs } from "./support/invitation-pages.ts";
import { ids } from "./support/personas.ts";
import { SupportDesk } from "./support/support-desk.ts";
import { expect, test } from "./support/test.ts";

const unique = (text: string) => `${text} ${randomUUID().slice(0, 8)}`;

test("sam finds Globex by part of its name, by carol's email and by its id, acts for it with a reason, and carol sees why", async ({ freshSession, as }) => {
  test.budget({ signIns: 1, pages: 10 });
  const sam = await freshSession("sam");
  const desk = new SupportDesk(sam);

  await desk.find("glob");
  await expect(desk.result("Globex")).toContainText("globex");
  await expect(desk.result("Globex")).toContainText(ids.globex);
  await expect(desk.result("Acme Corp")).toHaveCount(0);

  await emulator.clearRequests();
  await desk.find("carol@globex.test");
  await expect(desk.results).toHaveCount(1);
  await expect(desk.result("Globex")).toBeVisible();
  // The desk's gate (sam's tenant roles, read live), then users-by-email and carol's organizations.
  expect(withoutCacheRefills(await emulator.requests())).toEqual([
    `/api/v2/users/${encodeURIComponent(ids.user("sam@support.test"))}/roles`,
    "/api/v2/users-by-email",
    `/api/v2/users/${encodeURIComponent(ids.user("carol@globex.test"))}/organizations`,
  ]);

  await desk.find(ids.globex);
  await expect(desk.results).toHaveCount(1);
  await desk.result("Globex").getByRole("link", { name: "Act for Globex" }).click();

  const reason = unique("Ticket #5150: carol cannot find the invite form");
  await desk.giveReason("Globex", reason);
  await expect(desk.banner("Globex")).toContainText(`Acting for Globex as support — reason: ${reason}`);
  await expect(sam.getByRole("heading", { name: "Globex", level: 1 })).toBeVisible();

  const email = `helped.${randomUUID().slice(0, 8)}@globex.test`;
  const form = new InviteFormPage(sam);
  await form.open(ids.globex);
  await form.fill({ emails: email });
  await form.submit();
  await expect(form.results).toContainText("Invited 1 of 1 address.");

  const carol = await as("carol");
  const activity = new ActivityPage(carol);
  await activity.open(ids.globex);
  const invited = activity.rowsWith(email);
  await expect(invited).toHaveCount(1);
  await expect(invited).toContainText("Sam Support");
  await expect(invited).toContainText("support");
  await expect(invited).toContainText(reason);
  await expect(activity.rows.filter({ hasText: "began acting on behalf of the organization" }).filter({ hasText: reason })).toHaveCount(1);
});

test("sam's desk links to Support activity, leaves no full stop alone on a line, and finds Globex by the start of its id", async ({ as }) => {
  test.budget({ pages: 8 });
  const sam = await as("sam");
  const desk = new SupportDesk(sam);
  // The seeded Globex's id starts so; the finder takes 8 or more of its letters and digits, org_ or not.
  expect(ids.globex.startsWith("org_Globex0000")).toBe(true);
  for (const start of ["Globex0000", "org_Globex0000", "globex00"]) {
    await desk.find(start);
    await expect(desk.results).toHaveCount(1);
    await expect(desk.result("Globex")).toContainText(ids.globex);
  }
  // Seven: a name search only, and no organization is named so.
  await desk.find("Globex0");
  await expect(sam.getByRole("cell", { name: "No organization matches “Globex0”." })).toBeVisible();
  await desk.find("Globex00%");
  await expect(desk.results).toHaveCount(0);

  // Filled by the searches above, the directory says when it was refreshed: a time shown as a block.
  await expect(sam.getByTestId("directory-status")).toContainText("refreshed");
  const lines = (await sam.getByRole("main").innerText()).split("\n").map((line) => line.trim());
  expect(lines.filter((line) => /^[.,;:]$/.test(line))).toEqual([]);

  await sam.getByRole("link", { name: "Support activity", exact: true }).click();
  await expect(sam.getByRole("heading", { name: "Support activity", level: 1 })).toBeVisible();
  await expect(sam.getByTestId("activity-total")).toBeVisible();
});

test("bob and eve cannot reach the finder or call its actions directly, and each refusal is recorded", async ({ freshSession, as }) => {
  test.budget({ signIns: 1, pages: 14 });
  const sam = await freshSession("sam");
  const desk = new SupportDesk(sam);
  await sam.goto(`/orgs/${ids.globex}/members`);
  const startActing = await captureServerAction(sam, () => desk.giveReason("Globex", unique("T-1 replay me")));
  await expect(desk.banner("Globex")).toBeVisible();
  await sam.goto("/support");
  const refresh = await captureServerAction(sam, () => sam.getByRole("button", { name: "Refresh the directory now" }).click());
  await expect(sam.getByText(/The directory was refreshed|already under way/)).toBeVisible();

  for (const persona of ["bob", "eve"] as const) {
    const page = await as(persona);
    await page.goto("/support");
    await expect(page.getByTestId("refused")).toContainText("Only support staff");
    await expect(page.getByRole("search")).toHaveCount(0);

    await emulator.clearRequests();
    const replayReason = unique(`${persona} pretends`);
    const body = startActing.body.replace(/"reason":"[^"]*"/, `"reason":"${replayReason}"`);
    expect(body).toContain(replayReason);
    expect(await replayAs(persona, startActing, body)).toContain('"code":"not_support"');
    expect(await replayAs(persona, refresh)).toContain('"code":"not_support"');
    // Only the desk's gate read (the caller's tenant roles); no organization was looked up or listed.
    expect((await emulator.requests()).filter((r) => r.path.includes("/organizations"))).toHaveLength(0);
  }

  // The organization named in a refused call sees the attempt in its trail.
  const carol = await as("carol");
  const activity = new ActivityPage(carol);
  await activity.open(ids.globex);
  for (const name of ["Bob Member", "Eve Outsider"]) {
    await expect(activity.rows.filter({ hasText: `${name} tried to act on behalf of the organization` }).first()).toContainText("refused");
  }
});
