import "server-only";
import { and, asc, count, desc, eq, gt, ilike, inArray, like, lt, sql, type SQL } from "drizzle-orm";
import type { Auth0Invitation, OrgAccess } from "@/lib/auth0/organization-data";
import { recordAuditEvent } from "@/lib/db/audit";
import { containing, endingWith } from "@/lib/db/like";
import type { NewAuditEvent } from "@/lib/db/schema";
import { auth0UserText } from "@/lib/format/auth0-user";
import { pageWindow } from "@/lib/format/paging";
import type { Database } from "@/lib/db/store";
import { buildEvent, recordEvent, type EventActor } from "./events";
import { mayBeReinvited, nextStatus, type InvitationStatus, type StatusChange, type StatusEvidence } from "./status";
import { invitations, type LedgerInvitation, type NewLedgerInvitation } from "./table";

// The ledger's reads and writes. Every write of a status goes through `applyEvidence`, so the rules in
// status.ts are the only place that decides what an invitation became.

export type InviterRecord = {
  actorId: string;
  actorEmail: string;
  actorName: string;
  actorKind: string;
  reason?: string | null;
};

/**
 * When a pending entry was recorded, on the store's clock: the one every instance shares, and the one a
 * ledger refresh's start is taken on, so that the refresh judges only entries recorded before it began.
 */
const RECORDED_NOW = sql`now()`;

function fromAuth0(invitation: Auth0Invitation, now: Date): Omit<NewLedgerInvitation, "origin" | "status" | "statusAt"> {
  return {
    id: invitation.id ?? "",
    organizationId: invitation.organization_id ?? "",
    inviteeEmail: (invitation.invitee?.email ?? "").toLowerCase(),
    roleIds: invitation.roles ?? [],
    clientId: invitation.client_id ?? "",
    connectionId: invitation.connection_id ?? null,
    inviterName: invitation.inviter?.name ?? "",
    ticketId: invitation.ticket_id ?? null,
    createdAt: new Date(invitation.created_at ?? now),
    expiresAt: new Date(invitation.expires_at ?? now),
  };
}

/**
 * Records an invitation this app just created in Auth0, linked to the one it follows (resend, replace,
 * re-invite); a pending predecessor becomes replaced.
 */
export async function recordCreated(
  db: Database,
  invitation: Auth0Invitation,
  inviter: InviterRecord,
  /** `keepUrl`: Auth0's invitation link is kept when Auth0 did not email it (a link to share, or our own email's landing page). */
  options: { sendEmail: boolean; predecessorId?: string; keepUrl?: boolean },
): Promise<void> {
  const now = new Date();
  const ours = {
    ...inviter,
    reason: inviter.reason ?? null,
    sendEmail: options.sendEmail,
    invitationUrl: (options.keepUrl ?? !options.sendEmail) ? (invitation.invitation_url ?? null) : null,
    origin: "app",
  };
  const entry = fromAuth0(invitation, now);
  await db.transaction(async (tx) => {
    const inTransaction = tx as unknown as Database;
    // A bulk row whose answer was lost is recorded once its invitation is found, perhaps after the list
    // adopted it as made elsewhere: then it becomes ours (and other systems heard of it when it was adopted).
    const [written] = await tx
      .insert(invitations)
      .values({ ...entry, ...ours, status: "pending", statusAt: RECORDED_NOW, predecessorId: options.predecessorId ?? null })
      .onConflictDoUpdate({ target: invitations.id, set: ours })
      .returning({ inserted: sql<boolean>`xmax = 0` });
    if (written?.inserted) {
      const actor = { id: inviter.actorId, name: inviter.actorName || inviter.actorEmail, kind: inviter.actorKind };
      await recordEvent(inTransaction, buildEvent({ ...entry, roleIds: entry.roleIds ?? [] }, "pending", actor, now, { predecessor_id: options.predecessorId }));
    }
    if (options.predecessorId) {
      await tx.update(invitations).set({ successorId: invitation.id ?? null }).where(eq(invitations.id, options.predecessorId));
      await applyEvidence(inTransaction, options.predecessorId, { kind: "replaced", successorId: invitation.id ?? "" });
    }
  });
}

/** Adopts invitations first seen in Auth0's list (created in the Dashboard or through the API); known ones are left alone. */
export async function adopt(db: Database, seen: Auth0Invitation[]): Promise<void> {
  if (seen.length === 0) return;
  const now = new Date();
  await db.transaction(async (tx) => {
    const adopted = await tx
      .insert(invitations)
      .values(seen.map((invitation) => ({ ...fromAuth0(invitation, now), origin: "outside", status: "pending", statusAt: RECORDED_NOW })))
      .onConflictDoNothing()
      .returning();
    // Other systems hear of an invitation made outside this app when the ledger first sees it.
    for (const entry of adopted) await recordEvent(tx as unknown as Database, buildEvent(entry, "pending", OUTSIDE, now));
  });
}

/** Made in the Auth0 Dashboard or through the Management API, by someone this app does not know. */
const OUTSIDE = { id: "outside", name: "Outside this app", kind: "outside" };

/** Applies what was learned about one invitation; returns the new status, or null when nothing changed. */
export function applyEvidence(db: Database, id: string, evidence: StatusEvidence, at = new Date()): Promise<InvitationStatus | null> {
  // Its own transaction (a savepoint inside the caller's): the row, the trail and the outbox change together.
  return db.transaction((tx) => applyEvidenceInTransaction(tx as unknown as Database, id, evidence, at));
}

async function applyEvidenceInTransaction(db: Database, id: string, evidence: StatusEvidence, at: Date): Promise<InvitationStatus | null> {
  const [row] = await db.select().from(invitations).where(eq(invitations.id, id)).for("update");
  if (!row) return null;
  const change = nextStatus({ status: row.status as InvitationStatus, inferred: row.statusInferred }, evidence);
  if (!change) return null;
  await db
    .update(invitations)
    .set({
      status: change.status,
      statusAt: at,
      statusInferred: change.inferred,
      statusById: change.by?.id ?? null,
      statusByName: change.by?.name ?? null,
      ...(change.successorId && { successorId: change.successorId }),
    })
    .where(eq(invitations.id, id));
  // The invitee's side of the story joins the organization's trail; a status that only became certain is no news.
  const fate = change.status === row.status ? undefined : inviteeSideEvent(row, change, at);
  if (fate) await recordAuditEvent(db, fate);
  if (change.status !== row.status) {
    await recordEvent(db, buildEvent(row, change.status, transitionActor(change), at, { successor_id: change.successorId, inferred: change.inferred }));
  }
  return change.status;
}

/** Who made a transition, for other systems: whoever the evidence names, else Auth0 (time ran out) or this app. */
function transitionActor(change: StatusChange): EventActor {
  if (change.by) return { ...change.by, kind: change.status === "accepted" || change.status === "consumed" ? "invitee" : "person" };
  const { actorId, actorName, actorKind } = change.status === "expired" || change.status === "removed" ? AUTH0 : THIS_APP;
  return { id: actorId, name: actorName, kind: actorKind };
}

const AUTH0 = { actorId: "auth0", actorEmail: "", actorName: "Auth0", actorKind: "auth0" };
/** Time ran out on a request for approval, which Auth0 never saw: this app settled it. */
const THIS_APP = { actorId: "app", actorEmail: "", actorName: "This app", actorKind: "app" };
const INFERRED = "Inferred: Auth0's logs could not be read, so this is judged from membership and expiry.";

/** What befell the invitation outside this app, as an event of the organization's trail; undefined for this app's own doings. */
function inviteeSideEvent(row: LedgerInvitation, change: StatusChange, at: Date): NewAuditEvent | undefined {
  const about = { organizationId: row.organizationId, inviteeEmail: row.inviteeEmail, invitationId: row.id, clientId: row.clientId, connectionId: row.connectionId };
  const invitee = { actorId: change.by?.id || "unknown", actorName: change.by?.name || row.inviteeEmail, actorKind: "invitee" };
  const inferred = change.inferred ? INFERRED : null;
  switch (change.status) {
    case "accepted":
      return { ...about, ...invitee, actorEmail: row.inviteeEmail, action: "accept", outcome: "done", detail: inferred, occurredAt: at };
    case "consumed":
      return {
        ...about,
        ...invitee,
        actorEmail: "",
        action: "accept",
        outcome: "failed",
        detail: `Signed in with another account than the invited address (${auth0UserText(change.by ?? {})}), which used the invitation up. Re-invite to send a new one.`,
        occurredAt: at,
      };
    case "expired":
      // It expired when its time ran out, whenever the ledger learned it.
      return { ...about, ...AUTH0, action: "expire", outcome: "done", detail: null, occurredAt: row.expiresAt < at ? row.expiresAt : at };
    case "removed":
      return { ...about, ...AUTH0, action: "remove_outside", outcome: "done", detail: inferred, occurredAt: at };
    case "request_expired":
      return { ...about, ...THIS_APP, action: "expire", outcome: "done", detail: "The request for approval was not answered in time; nothing was sent.", occurredAt: row.expiresAt < at ? row.expiresAt : at };
    default:
      return undefined;
  }
}

export async function ledgerEntry(db: Database, access: OrgAccess, id: string): Promise<LedgerInvitation | undefined> {
  const [row] = await db.select().from(invitations).where(and(eq(invitations.organizationId, access.orgId), eq(invitations.id, id)));
  return row;
}

/** The organization's invitations the ledger still holds as pending. */
export function pendingEntries(db: Database, access: OrgAccess): Promise<LedgerInvitation[]> {
  return db.select().from(invitations).where(and(eq(invitations.organizationId, access.orgId), eq(invitations.status, "pending")));
}

/**
 * How many of the organization's invitations are pending and not yet expired, on the store's clock: the
 * pending part of its seats. One not yet known to be accepted still counts; once the tenant logs say it
 * was, its invitee counts as a member instead.
 */
export async function pendingCount(db: Database, access: OrgAccess): Promise<number> {
  const [{ pending }] = (await db
    .select({ pending: count() })
    .from(invitations)
    .where(and(eq(invitations.organizationId, access.orgId), eq(invitations.status, "pending"), gt(invitations.expiresAt, sql`now()`)))) as [{ pending: number }];
  return Number(pending);
}

/** Expired invitations that may be sent again (not renewed yet): what "Renew all expired" renews. */
export async function renewableExpired(db: Database, access: OrgAccess): Promise<LedgerInvitation[]> {
  const expired = await db.select().from(invitations).where(and(eq(invitations.organizationId, access.orgId), eq(invitations.status, "expired")));
  return expired.filter(mayBeReinvited);
}

/** The organization's accepted invitations to these addresses (lowercase): how its members came to join. */
export async function acceptedInvitationsTo(db: Database, access: OrgAccess, emails: string[]): Promise<LedgerInvitation[]> {
  if (emails.length === 0) return [];
  return db
    .select()
    .from(invitations)
    .where(and(eq(invitations.organizationId, access.orgId), eq(invitations.status, "accepted"), inArray(invitations.inviteeEmail, emails)));
}

/**
 * The organizations that invited someone at this email domain, across the tenant: a subquery, for support's
 * finder to search its directory with (the ledger keeps addresses in lowercase, as the domain is).
 */
export function organizationsInvitedAt(db: Database, domain: string) {
  return db
    .selectDistinct({ id: invitations.organizationId })
    .from(invitations)
    .where(like(invitations.inviteeEmail, endingWith(`@${domain}`)));
}

/** Pending invitations, and requests awaiting approval, past their expiry, across the tenant: time alone settles them. */
export async function expireOverdue(db: Database, now = new Date()): Promise<number> {
  const overdue = await db
    .select({ id: invitations.id, status: invitations.status })
    .from(invitations)
    .where(and(inArray(invitations.status, ["pending", "awaiting_approval"]), lt(invitations.expiresAt, now)));
  for (const { id, status } of overdue) {
    await applyEvidence(db, id, status === "pending" ? { kind: "listed", expired: true } : { kind: "request_overdue" }, now);
  }
  return overdue.length;
}

/** The filters people choose from; Revoked/Consumed is one, as the users asked. */
export const STATUS_FILTERS = {
  pending: { label: "Pending", statuses: ["pending"] },
  awaiting: { label: "Awaiting approval", statuses: ["awaiting_approval"] },
  accepted: { label: "Accepted", statuses: ["accepted"] },
  expired: { label: "Expired", statuses: ["expired"] },
  closed: { label: "Revoked/Consumed", statuses: ["revoked", "consumed", "replaced", "removed"] },
  all: { label: "All", statuses: [] },
} as const satisfies Record<string, { label: string; statuses: InvitationStatus[] }>;
export type StatusFilter = keyof typeof STATUS_FILTERS;

export type LedgerQuery = { filter: StatusFilter; search?: string; sort: "created" | "expires"; page: number; perPage: number };

function ledgerWhere(access: OrgAccess, filter: StatusFilter, search?: string): SQL | undefined {
  const statuses: readonly string[] = STATUS_FILTERS[filter].statuses;
  return and(
    eq(invitations.organizationId, access.orgId),
    statuses.length > 0 ? inArray(invitations.status, [...statuses]) : undefined,
    search ? ilike(invitations.inviteeEmail, containing(search)) : undefined,
  );
}

/** One page of the organization's ledger, and how many pages there are. */
export async function ledgerPage(db: Database, access: OrgAccess, query: LedgerQuery) {
  const where = ledgerWhere(access, query.filter, query.search);
  const [{ total }] = (await db.select({ total: count() }).from(invitations).where(where)) as [{ total: number }];
  const { page, pages, offset } = pageWindow(total, query.perPage, query.page);
  const order =
    query.sort === "expires" ? [asc(invitations.expiresAt), asc(invitations.id)] : [desc(invitations.createdAt), desc(invitations.id)];
  const rows = await db
    .select()
    .from(invitations)
    .where(where)
    .orderBy(...order)
    .limit(query.perPage)
    .offset(offset);
  return { rows, total, page, pages };
}

/** How many of the organization's invitations each filter holds (with the search applied). */
export async function filterCounts(db: Database, access: OrgAccess, search?: string): Promise<Record<StatusFilter, number>> {
  const rows = await db
    .select({ status: invitations.status, n: count() })
    .from(invitations)
    .where(ledgerWhere(access, "all", search))
    .groupBy(invitations.status);
  const byStatus = new Map(rows.map((row) => [row.status, Number(row.n)]));
  const counts = {} as Record<StatusFilter, number>;
  for (const [key, { statuses }] of Object.entries(STATUS_FILTERS) as [StatusFilter, { statuses: readonly string[] }][]) {
    counts[key] = statuses.length === 0 ? [...byStatus.values()].reduce((a, b) => a + b, 0) : statuses.reduce((sum, s) => sum + (byStatus.get(s) ?? 0), 0);
  }
  return counts;
}

/** The chain an invitation belongs to (what it replaced and what replaced it), oldest first. */
export async function invitationChain(db: Database, access: OrgAccess, id: string): Promise<LedgerInvitation[]> {
  let root = await ledgerEntry(db, access, id);
  const visited = new Set<string>();
  while (root?.predecessorId && !visited.has(root.id)) {
    visited.add(root.id);
    const previous = await ledgerEntry(db, access, root.predecessorId);
    if (!previous) break;
    root = previous;
  }
  const chain: LedgerInvitation[] = [];
  for (let current = root; current && chain.length <= visited.size + 50; ) {
    chain.push(current);
    current = current.successorId ? await ledgerEntry(db, access, current.successorId) : undefined;
  }
  return chain;
}

/**
 * The organization's invitations the ledger holds as pending for these addresses. Auth0 lists at most 1,000
 * invitations per organization; the ledger keeps every one this app sent or saw.
 */
export async function pendingForAddresses(db: Database, access: OrgAccess, emails: string[]): Promise<LedgerInvitation[]> {
  // PostgreSQL text cannot hold a NUL, so no invitation went to an address with one.
  const storable = emails.filter((email) => !email.includes("\u0000")).map((email) => email.toLowerCase());
  if (storable.length === 0) return [];
  return db
    .select()
    .from(invitations)
    .where(and(eq(invitations.organizationId, access.orgId), eq(invitations.status, "pending"), inArray(invitations.inviteeEmail, storable)));
}
