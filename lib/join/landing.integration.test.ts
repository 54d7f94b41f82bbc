// The public landing page's data, against the store, as an attacker holding a link (or guessing one) would try
// it: one token shows its own invitation and nothing of another; unknown and malformed tokens answer like a
// known one, in indistinguishable time; the throttle refuses past its limit, counting per address.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Store } from "@/lib/db/store";
import { storeCases } from "@/lib/testing/stores";

vi.mock("@/lib/env", async (importOriginal) => (await import("@/lib/testing/emulator-env")).emulatorEnv(await importOriginal()));
const { env } = await import("@/lib/env");
const { recordCreated, applyEvidence } = await import("@/lib/ledger/ledger");
const { issueJoinLink } = await import("@/lib/ledger/join-links");
const { rememberOrganizations } = await import("@/lib/directory/rows");
const { createVisitorThrottle } = await import("@/lib/authz/throttle");
const { readLanding } = await import("./landing");
type LandingSources = import("./landing").LandingSources;

const cases = await storeCases("inviter_unit_landing");
const later = new Date(Date.now() + 7 * 86_400_000).toISOString();
const inviter = { actorId: "auth0|alice", actorEmail: "alice@acme.test", actorName: "Alice Admin", actorKind: "member" };

function invitation(id: string, orgId: string, email: string, inviterName: string, roles: string[]) {
  return {
    id,
    organization_id: orgId,
    invitee: { email },
    inviter: { name: inviterName },
    roles,
    client_id: "AcmePortalClientId00000000000002",
    invitation_url: `https://portal.acme.test/login?invitation=ticket${id}&organization=${orgId}`,
    ticket_id: `ticket${id}`,
    created_at: new Date().toISOString(),
    expires_at: later,
  };
}

/**
 * Median of durations (ms) and its standard error, estimated from the interquartile range (σ ≈ IQR / 1.349,
 * SE of a median ≈ 1.2533 σ / √n), which a few stalls of a busy machine do not move the way they move a mean.
 */
function spread(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const iqr = at(0.75) - at(0.25);
  return { median: at(0.5), standardError: (1.2533 * (iqr / 1.349)) / Math.sqrt(sorted.length) };
}

describe.each(cases)("the landing page on the $name store", ({ open }) => {
  let store: Store;
  let sources: LandingSources & { roleReads: number; organizationReads: number };
  const tokens: Record<"acme" | "globex" | "revoked", string> = { acme: "", globex: "", revoked: "" };
  const suffix = randomUUID().slice(0, 8);
  const ids = { acme: `uinv_acme${suffix}`, globex: `uinv_globex${suffix}`, revoked: `uinv_revoked${suffix}` };

  beforeAll(async () => {
    store = await open();
    const { db } = store;
    sources = {
      roleReads: 0,
      organizationReads: 0,
      async roleNames() {
        sources.roleReads++;
        return new Map([["rol_Member", "Member"], ["rol_Billing", "Billing"], ["rol_Admin", "Org Admin"]]);
      },
      async organizationName() {
        sources.organizationReads++;
        return "Globex from Auth0";
      },
    };
    await rememberOrganizations(db, [{ id: "org_acme", name: "acme", displayName: "Acme Corp" }]);
    await recordCreated(db, invitation(ids.acme, "org_acme", "jane.doe@example.com", "Alice Admin", ["rol_Member", "rol_Billing"]), inviter, { sendEmail: false });
    await recordCreated(db, invitation(ids.globex, "org_globex", "zed@globex.test", "Gina Globex", ["rol_Admin"]), inviter, { sendEmail: false });
    await recordCreated(db, invitation(ids.revoked, "org_acme", "rita@example.com", "Alice Admin", ["rol_Member"]), inviter, { sendEmail: false });
    await applyEvidence(db, ids.revoked, { kind: "revoked", by: { id: "auth0|alice", name: "Alice Admin" } });
    tokens.acme = await issueJoinLink(db, { id: ids.acme, organizationId: "org_acme" });
    tokens.globex = await issueJoinLink(db, { id: ids.globex, organizationId: "org_globex" });
    tokens.revoked = await issueJoinLink(db, { id: ids.revoked, organizationId: "org_acme" });
  });
  afterAll(async () => {
    await store.close();
  });

  it("shows its own invitation, the address masked, with the roles' names, and leads on through Auth0's logout", async () => {
    const found = await readLanding(store.db, sources, tokens.acme);
    expect(found?.view).toMatchObject({
      organization: "Acme Corp",
      inviter: "Alice Admin",
      address: "j•••@example.com",
      roles: ["Member", "Billing"],
      state: { open: true },
      canContinue: true,
    });
    const logout = new URL(found!.logoutUrl!);
    expect(`${logout.origin}${logout.pathname}`).toBe(`${env().AUTH0_ISSUER_BASE_URL}/v2/logout`);
    expect(logout.searchParams.get("client_id")).toBe("AcmePortalClientId00000000000002");
    expect(logout.searchParams.get("returnTo")).toBe(`https://portal.acme.test/login?invitation=ticket${ids.acme}&organization=org_acme`);
    // Nothing the page shows names the invitation or the whole address.
    const shown = JSON.stringify(found!.view);
    expect(shown).not.toContain(ids.acme);
    expect(shown).not.toContain("jane.doe");
  });

  it("never shows another invitation: each token opens its own, and nothing of the other's", async () => {
    const acme = JSON.stringify((await readLanding(store.db, sources, tokens.acme))!.view);
    const globex = JSON.stringify((await readLanding(store.db, sources, tokens.globex))!.view);
    for (const other of ["Gina Globex", "z•••@globex.test", "Org Admin", "Globex"]) expect(acme).not.toContain(other);
    for (const other of ["Alice Admin", "j•••@example.com", "Billing", "Acme"]) expect(globex).not.toContain(other);
    // An organization the directory's copy lacks comes from the fallback (Auth0, once, then kept in the copy).
    expect(globex).toContain("Globex from Auth0");
    // A token one character off opens nothing.
    const changed = `${tokens.acme.slice(0, -1)}${tokens.acme.endsWith("A") ? "B" : "A"}`;
    expect(await readLanding(store.db, sources, changed)).toBeUndefined();
  });

  it("opens nothing once NEXTAUTH_SECRET is rotated: a stored hash alone is not enough", async () => {
    const settings = env();
    const secret = settings.NEXTAUTH_SECRET;
    settings.NEXTAUTH_SECRET = `${secret}-rotated`;
    try {
      expect(await readLanding(store.db, sources, tokens.acme)).toBeUndefined();
    } finally {
      settings.NEXTAUTH_SECRET = secret;
    }
    expect(await readLanding(store.db, sources, tokens.acme)).toBeDefined();
  });

  it("says a revoked invitation was revoked and whom to ask, and does not lead on", async () => {
    const found = await readLanding(store.db, sources, tokens.revoked);
    expect(found?.view.state).toEqual({ open: false, heading: "This invitation was revoked", message: "Ask Alice Admin whether you should still join." });
    expect(found?.view.canContinue).toBe(false);
    expect(found?.logoutUrl).toBeUndefined();
  });

  it("answers unknown and malformed tokens with nothing, after the same reads as a known one", async () => {
    for (const token of ["A".repeat(43), "short", "../../etc", "%00", "x".repeat(5000), ""]) {
      const before = sources.roleReads;
      expect(await readLanding(store.db, sources, token)).toBeUndefined();
      expect(sources.roleReads).toBe(before + 1);
    }
  });

  it("answers an unknown token in the same time as a known one (interleaved, medians within the spread)", async () => {
    const unknown = "B".repeat(43);
    const kinds = { known: tokens.acme, unknown, malformed: "not a token" } as const;
    const samples: Record<keyof typeof kinds, number[]> = { known: [], unknown: [], malformed: [] };
    // Warm up, then take turns, so that a slow moment of the machine falls on every kind alike.
    for (let i = 0; i < 20; i++) for (const token of Object.values(kinds)) await readLanding(store.db, sources, token);
    for (let round = 0; round < 300; round++) {
      for (const kind of Object.keys(kinds) as (keyof typeof kinds)[]) {
        const started = performance.now();
        await readLanding(store.db, sources, kinds[kind]);
        samples[kind].push(performance.now() - started);
      }
    }
    const known = spread(samples.known);
    for (const kind of ["unknown", "malformed"] as const) {
      const other = spread(samples[kind]);
      // Measured here: equal work puts the medians 5–10% apart (the known one builds its view); a 404 that skips
      // the directory read answers in about half the time, 45–55% apart, beyond 3 standard errors of the difference.
      const tolerance = Math.max(0.25 * known.median, 3 * Math.hypot(known.standardError, other.standardError));
      expect(Math.abs(known.median - other.median), `${kind}: ${JSON.stringify({ known, [kind]: other })}`).toBeLessThanOrEqual(tolerance);
    }
  });

  it("refuses an address past its limit a minute, with when to try again, and counts each address apart", async () => {
    const throttle = createVisitorThrottle(store.db, 5);
    // Addresses of this test only, so that nothing else counts towards them.
    const address = `198.51.100.${suffix}`;
    for (let i = 0; i < 5; i++) await throttle.admit(address);
    await expect(throttle.admit(address)).rejects.toMatchObject({
      code: "throttled",
      message: expect.stringMatching(/^More than 5 invitation pages were opened from your address within a minute\. Try again in \d+ seconds?\.$/),
    });
    await expect(throttle.admit(`203.0.113.${suffix}`)).resolves.toBeUndefined();
  });
});
