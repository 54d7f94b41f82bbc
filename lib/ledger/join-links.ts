import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "@/lib/db/store";
import { env } from "@/lib/env";
import { invitations, joinLinks, type LedgerInvitation } from "./table";

// The landing page's link for an invitation the app emails itself: /join/{token}. The token is an HMAC of the
// invitation id under a key derived from NEXTAUTH_SECRET: unguessable, and the same each time, so a reminder
// sends the link the invitee already has. The store keeps only its SHA-256, to look it up.

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const tokenFor = (invitationId: string) =>
  createHmac("sha256", `${env().NEXTAUTH_SECRET}:join-links`).update(invitationId).digest("base64url");

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** The invitation's landing-page token, recorded (once) so that the page can find the invitation by it. */
export async function issueJoinLink(db: Database, invitation: { id: string; organizationId: string }): Promise<string> {
  const token = tokenFor(invitation.id);
  await db
    .insert(joinLinks)
    .values({ tokenHash: hashOf(token), invitationId: invitation.id, organizationId: invitation.organizationId })
    .onConflictDoNothing();
  return token;
}

/**
 * The invitation a landing-page token opens, or undefined for an unknown or malformed token. A malformed one is
 * looked up all the same (by the hash of a fixed stand-in), so that it costs what a well-formed one costs. A
 * found token must still be the one the current secret derives: rotating NEXTAUTH_SECRET retires every link.
 */
export async function findJoinLink(db: Database, token: string): Promise<LedgerInvitation | undefined> {
  const hash = hashOf(TOKEN_SHAPE.test(token) ? token : "-".repeat(43));
  const [row] = await db
    .select({ invitation: invitations })
    .from(joinLinks)
    .innerJoin(invitations, eq(invitations.id, joinLinks.invitationId))
    .where(eq(joinLinks.tokenHash, hash))
    .limit(1);
  const derived = Buffer.from(tokenFor(row?.invitation.id ?? ""));
  const given = Buffer.from(TOKEN_SHAPE.test(token) ? token : "-".repeat(43));
  return row && timingSafeEqual(derived, given) ? row.invitation : undefined;
}
