// Who is told what became of an invitation, against the emulator (organization names, the tenant's roles) on
// both stores: the inviter hears of acceptance, use by another account and expiry, once each, by notice and by
// email; a support-made invitation tells the organization's admins (or the agent, when configured); a person who
// turned the emails off still sees the notice but gets no email; two workers at once send each email once; a
// temporary SMTP refusal is tried again later (never early), a permanent one is final, and a send whose worker
// died is taken back once its lease ends.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ACME, useEmulator } from "@/e2e/auth0-emulator/management/testing";
import type { OutgoingEmail, SmtpAnswer } from "@/lib/email/transport";
import type { Store } from "@/lib/db/store";

vi.mock("@/lib/env", async (importOriginal) => (await import("@/lib/testing/emulator-env")).emulatorEnv(await importOriginal()));

useEmulator();
const { openStore } = await import("@/lib/db/store");
const { storeCases } = await import("@/lib/testing/stores");
const { grantOrgAccess } = await import("@/lib/authz/access");
const { openBoss } = await import("@/lib/jobs/boss");
const { applyEvidence, expireOverdue, recordCreated } = await import("@/lib/ledger/ledger");
const { rememberMembers } = await import("@/lib/members/copy");
const { inviterNotices } = await import("@/lib/db/schema");
const { noticeRound, startNoticeWorkerOn } = await import("./queue");
const { emailQueuedNotices, noticesSince } = await import("./notices");
const { saveSettings } = await import("./settings");

const ORG_ADMIN_ROLE = "rol_OrgAdmin00000001";
const MEMBER_ROLE = "rol_Member0000000003";
const DAY = 86_400_000;
const APP_URL = "https://inviter.example.test";
const alice = { actorId: "auth0|alice", actorEmail: "alice@acme.test", actorName: "Alice", actorKind: "member" };
const agent = { actorId: "auth0|sam", actorEmail: "sam@support.test", actorName: "Sam Support", actorKind: "support", reason: "T-1" };
const wrong = { id: "auth0|mallory", name: "mallory@elsewhere.test" };

const invitation = (id: string, email: string, ttlMs = 7 * DAY) => ({
  id,
  organization_id: ACME,
  invitee: { email },
  inviter: { name: "Alice" },
  roles: [MEMBER_ROLE],
  client_id: "cli",
  created_at: new Date().toISOString(),
  expires_at: new Date(Date.now() + ttlMs).toISOString(),
});

/** An SMTP server stand-in that accepts everything and keeps what it was given. */
function mailbox() {
  const sent: OutgoingEmail[] = [];
  const send = async (message: OutgoingEmail): Promise<SmtpAnswer> => {
    sent.push(message);
    return { accepted: true, response: "250 OK: queued", messageId: `<${sent.length}@test>` };
  };
  return { sent, send };
}

/** An SMTP server stand-in that answers each send with the next of `answers` (then accepts), keeping what it accepted. */
function answering(answers: SmtpAnswer[]) {
  const box = mailbox();
  let tries = 0;
  const send = async (message: OutgoingEmail): Promise<SmtpAnswer> => {
    tries++;
    return answers.shift() ?? box.send(message);
  };
  return { sent: box.sent, send, tries: () => tries };
}

const busy: SmtpAnswer = { accepted: false, response: "451 4.3.0 Try again later", permanent: false };
const unknown: SmtpAnswer = { accepted: false, response: "550 5.1.1 No such user", permanent: true };
const MINUTE = 60_000;

const on = { notifySupportAgent: false, ownEmail: true };

const cases = await storeCases("inviter_unit_notices");

describe.each(cases)("telling inviters on the $name store", ({ open, databaseUrl }) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store.close();
  });
  beforeEach(async () => {
    await store.db.execute(sql`TRUNCATE invitations, audit_events, ledger_events, inviter_notices, person_settings, organization_members`);
  });

  const noticeRows = () => store.db.select().from(inviterNotices).orderBy(inviterNotices.id);

  it("tells the inviter, once each, of acceptance, use by another account and expiry, and of nothing else", async () => {
    const { db } = store;
    const box = mailbox();
    await recordCreated(db, invitation("uinv_acc", "ann@acme.test"), alice, { sendEmail: true });
    await recordCreated(db, invitation("uinv_fi", "ben@acme.test"), alice, { sendEmail: true });
    await recordCreated(db, invitation("uinv_exp", "cat@acme.test", 1_000), alice, { sendEmail: true });
    await recordCreated(db, invitation("uinv_rev", "dan@acme.test"), alice, { sendEmail: true });
    await applyEvidence(db, "uinv_acc", { kind: "accepted", by: { id: "auth0|ann", name: "ann@acme.test" } });
    await applyEvidence(db, "uinv_fi", { kind: "consumed", by: wrong });
    await expireOverdue(db, new Date(Date.now() + 2_000));
    await applyEvidence(db, "uinv_rev", { kind: "revoked", by: { id: alice.actorId, name: alice.actorName } });

    await noticeRound(db, { settings: on, send: box.send, appUrl: APP_URL });
    await noticeRound(db, { settings: on, send: box.send, appUrl: APP_URL });

    const rows = await noticeRows();
    expect(rows.map((row) => [row.invitationId, row.eventType, row.recipientId, row.recipientRole, row.emailStatus])).toEqual([
      ["uinv_acc", "invitation.accepted", alice.actorId, "inviter", "sent"],
      ["uinv_fi", "invitation.consumed_by_other_account", alice.actorId, "inviter", "sent"],
      ["uinv_exp", "invitation.expired", alice.actorId, "inviter", "sent"],
    ]);
    expect(rows[0]!.organizationName).toBe("Acme Corp");
    expect(rows[1]).toMatchObject({ byName: wrong.name, byId: wrong.id, emailResponse: "250 OK: queued" });
    expect(box.sent.map((message) => message.to)).toEqual([alice.actorEmail, alice.actorEmail, alice.actorEmail]);
    const consumed = box.sent[1]!;
    // The account's self-chosen name is in the body, never in the subject line.
    expect(consumed.subject).toBe("Your invitation for ben@acme.test to Acme Corp was used up by another account");
    expect(consumed.text).toContain(`${wrong.name} (Auth0 user ${wrong.id})`);
    expect(consumed.text).toContain("You can invite them again in one click");
    expect(consumed.text).toContain(`${APP_URL}/orgs/${ACME}/invitations/uinv_fi`);
    expect(consumed.html).toContain(`href="${APP_URL}/settings"`);
    expect(consumed.headers).toMatchObject({ "X-Invitation-Id": "uinv_fi" });
    // The home page's list: newest first.
    expect((await noticesSince(db, alice.actorId, null)).map((notice) => notice.invitationId)).toEqual(["uinv_exp", "uinv_fi", "uinv_acc"]);
  });

  it("tells the organization's admins of a support-made invitation instead of the agent, unless configured otherwise", async () => {
    const { db } = store;
    const acme = grantOrgAccess(ACME);
    await rememberMembers(db, acme, [
      { userId: "auth0|olga", email: "olga@acme.test", name: "Olga Admin", roleIds: [ORG_ADMIN_ROLE] },
      { userId: "auth0|oscar", email: "oscar@acme.test", name: "Oscar", roleIds: [MEMBER_ROLE, ORG_ADMIN_ROLE] },
      { userId: "auth0|ivan", email: "ivan@acme.test", name: "Ivan Inviter", roleIds: [MEMBER_ROLE] },
    ]);
    const box = mailbox();
    await recordCreated(db, invitation("uinv_sup", "eve@acme.test"), agent, { sendEmail: true });
    await applyEvidence(db, "uinv_sup", { kind: "accepted", by: { id: "auth0|eve", name: "eve@acme.test" } });
    await noticeRound(db, { settings: on, send: box.send, appUrl: APP_URL });
    expect((await noticeRows()).map((row) => [row.recipientId, row.recipientRole])).toEqual([
      ["auth0|olga", "admin"],
      ["auth0|oscar", "admin"],
    ]);
    expect(box.sent.map((message) => message.to).sort()).toEqual(["olga@acme.test", "oscar@acme.test"]);
    expect(box.sent[0]!.subject).toBe("The invitation support sent for eve@acme.test to Acme Corp was accepted");

    await recordCreated(db, invitation("uinv_sup2", "fay@acme.test"), agent, { sendEmail: true });
    await applyEvidence(db, "uinv_sup2", { kind: "consumed", by: wrong });
    await noticeRound(db, { settings: { ...on, notifySupportAgent: true }, send: box.send, appUrl: APP_URL });
    expect((await noticeRows()).filter((row) => row.invitationId === "uinv_sup2").map((row) => [row.recipientId, row.recipientRole])).toEqual([[agent.actorId, "inviter"]]);
  });

  it("honours a person's opt-out: the notice is listed, no email is sent", async () => {
    const { db } = store;
    const box = mailbox();
    await saveSettings(db, alice.actorId, { outcomeEmails: false });
    await recordCreated(db, invitation("uinv_quiet", "gus@acme.test"), alice, { sendEmail: true });
    await applyEvidence(db, "uinv_quiet", { kind: "accepted", by: { id: "auth0|gus", name: "gus@acme.test" } });
    await noticeRound(db, { settings: on, send: box.send, appUrl: APP_URL });
    expect((await noticeRows()).map((row) => row.emailStatus)).toEqual(["off"]);
    expect(box.sent).toEqual([]);
    expect(await noticesSince(db, alice.actorId, null)).toHaveLength(1);

    // With our own email off, nothing is queued at all.
    await saveSettings(db, alice.actorId, { outcomeEmails: true });
    await recordCreated(db, invitation("uinv_noemail", "hal@acme.test"), alice, { sendEmail: true });
    await applyEvidence(db, "uinv_noemail", { kind: "accepted", by: { id: "auth0|hal", name: "hal@acme.test" } });
    await noticeRound(db, { settings: { ...on, ownEmail: false }, send: box.send, appUrl: APP_URL });
    expect((await noticeRows()).map((row) => row.emailStatus)).toEqual(["off", "none"]);
    expect(box.sent).toEqual([]);
  });

  /** One accepted invitation of alice's, its notice made and not yet emailed. */
  async function oneNotice(id: string) {
    await recordCreated(store.db, invitation(id, `${id}@acme.test`), alice, { sendEmail: true });
    await applyEvidence(store.db, id, { kind: "accepted", by: { id: `auth0|${id}`, name: `${id}@acme.test` } });
    await noticeRound(store.db, { settings: { ...on, ownEmail: false }, send: mailbox().send, appUrl: APP_URL });
    await store.db.execute(sql`UPDATE inviter_notices SET email_status = 'queued'`);
  }

  it("tries a temporary refusal again after a while, never early, and sends it once", async () => {
    const { db } = store;
    const smtp = answering([busy]);
    await oneNotice("uinv_busy");
    const start = new Date();
    expect(await emailQueuedNotices(db, smtp.send, APP_URL, start)).toBe(0);
    expect(await noticeRows()).toMatchObject([{ emailStatus: "queued", emailAttempts: 1, emailResponse: busy.response }]);

    // Not before its time: 59 seconds on, nothing is tried.
    expect(await emailQueuedNotices(db, smtp.send, APP_URL, new Date(start.getTime() + 59_000))).toBe(0);
    expect(smtp.tries()).toBe(1);

    expect(await emailQueuedNotices(db, smtp.send, APP_URL, new Date(start.getTime() + MINUTE))).toBe(1);
    expect(await emailQueuedNotices(db, smtp.send, APP_URL, new Date(start.getTime() + 60 * MINUTE))).toBe(0);
    expect(smtp.tries()).toBe(2);
    expect(smtp.sent.map((message) => message.headers?.["X-Invitation-Id"])).toEqual(["uinv_busy"]);
    expect(await noticeRows()).toMatchObject([{ emailStatus: "sent", emailAttempts: 2, emailResponse: "250 OK: queued", emailDueAt: null }]);
  });

  it("gives up after six temporary refusals, and at once on a permanent one", async () => {
    const { db } = store;
    const smtp = answering([unknown, busy, busy, busy, busy, busy, busy]);
    await oneNotice("uinv_bounce");
    expect(await emailQueuedNotices(db, smtp.send, APP_URL)).toBe(0);
    expect(await noticeRows()).toMatchObject([{ emailStatus: "failed", emailAttempts: 1, emailResponse: unknown.response, emailDueAt: null }]);
    expect(await emailQueuedNotices(db, smtp.send, APP_URL, new Date(Date.now() + 24 * 60 * MINUTE))).toBe(0);
    expect(smtp.tries()).toBe(1);

    await store.db.execute(sql`TRUNCATE inviter_notices`);
    await oneNotice("uinv_down");
    const start = Date.now();
    let at = start;
    let lastTry = at;
    for (let attempt = 1; attempt <= 6; attempt++) {
      lastTry = at;
      await emailQueuedNotices(db, smtp.send, APP_URL, new Date(at));
      const [row] = await noticeRows();
      expect(row).toMatchObject({ emailAttempts: attempt, emailStatus: attempt < 6 ? "queued" : "failed" });
      if (attempt < 6) at = row!.emailDueAt!.getTime();
      else expect(row!.emailDueAt).toBeNull();
    }
    // Six tries over about an hour.
    expect((lastTry - start) / MINUTE).toBe(66);
    expect(await emailQueuedNotices(db, smtp.send, APP_URL, new Date(lastTry + 24 * 60 * MINUTE))).toBe(0);
    expect(smtp.tries()).toBe(7);
    expect(smtp.sent).toEqual([]);
  });

  it("takes back a send whose worker died once its lease ends, and not before", async () => {
    const { db } = store;
    await oneNotice("uinv_crash");
    const start = new Date();
    const dies = async (): Promise<SmtpAnswer> => {
      throw new Error("the instance died mid-send");
    };
    await expect(emailQueuedNotices(db, dies, APP_URL, start)).rejects.toThrow("died");
    expect(await noticeRows()).toMatchObject([{ emailStatus: "sending", emailAttempts: 1 }]);

    const box = mailbox();
    expect(await emailQueuedNotices(db, box.send, APP_URL, new Date(start.getTime() + 14 * MINUTE))).toBe(0);
    expect(box.sent).toEqual([]);
    expect(await emailQueuedNotices(db, box.send, APP_URL, new Date(start.getTime() + 15 * MINUTE))).toBe(1);
    expect(await emailQueuedNotices(db, box.send, APP_URL, new Date(start.getTime() + 60 * MINUTE))).toBe(0);
    expect(box.sent.map((message) => message.headers?.["X-Invitation-Id"])).toEqual(["uinv_crash"]);
    expect(await noticeRows()).toMatchObject([{ emailStatus: "sent", emailAttempts: 2 }]);
  });

  it("sends each event's email once with two workers at once, and on pg-boss", { timeout: 90_000 }, async () => {
    const { db } = store;
    const other = databaseUrl ? await openStore({ databaseUrl }) : store;
    const box = mailbox();
    try {
      for (let n = 0; n < 20; n++) {
        await recordCreated(db, invitation(`uinv_${n}`, `p${n}@acme.test`), alice, { sendEmail: true });
        await applyEvidence(db, `uinv_${n}`, { kind: "accepted", by: { id: `auth0|p${n}`, name: `p${n}@acme.test` } });
      }
      await Promise.all([
        noticeRound(db, { settings: on, send: box.send, appUrl: APP_URL }),
        noticeRound(other.db, { settings: on, send: box.send, appUrl: APP_URL }),
      ]);
      expect(box.sent).toHaveLength(20);
      expect(new Set(box.sent.map((message) => message.headers?.["X-Invitation-Id"])).size).toBe(20);
      expect((await noticeRows()).every((row) => row.emailStatus === "sent")).toBe(true);

      // The worker on pg-boss picks up what comes next.
      const boss = await openBoss(store, databaseUrl);
      const stop = await startNoticeWorkerOn(boss, db, { settings: on, send: box.send, appUrl: APP_URL, pollSeconds: 1 });
      try {
        await recordCreated(db, invitation("uinv_late", "late@acme.test", 1_000), alice, { sendEmail: true });
        await expireOverdue(db, new Date(Date.now() + 2_000));
        await vi.waitFor(() => expect(box.sent).toHaveLength(21), { timeout: 30_000, interval: 100 });
        expect(box.sent[20]!.subject).toBe("Your invitation for late@acme.test to Acme Corp expired without being accepted");
      } finally {
        await stop();
        await boss.stop({ graceful: false });
      }
    } finally {
      if (other !== store) await other.close();
    }
  });
});
