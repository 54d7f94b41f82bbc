import "server-only";
import { landingPageOrganization, tenantRoles } from "@/lib/auth0/directory";
import { store, type Database } from "@/lib/db/store";
import { directoryOrganization, rememberOrganizations } from "@/lib/directory/rows";
import { env } from "@/lib/env";
import { findJoinLink } from "@/lib/ledger/join-links";
import { landingState, type LandingState } from "./landing-state";
import { maskedAddress } from "./mask";

// The public landing page of an invitation the app emails itself (/join/{token}). Whoever holds the link sees
// this one invitation, masked, and nothing else: no invitation id, no other invitation, nothing of the
// organization beyond its display name. It reads the store (the ledger, the directory's copy) and the cached
// tenant roles; Auth0 only for an organization the directory's copy lacks, once.

export type LandingView = {
  organization: string;
  inviter: string;
  address: string;
  roles: string[];
  expiresAt: Date;
  state: LandingState;
  /** Continue leads on to Auth0: the invitation is open and the ledger kept its link. */
  canContinue: boolean;
};

/** What the page needs from outside the store: the tenant's role names, and an organization the directory lacks. */
export type LandingSources = {
  roleNames: () => Promise<ReadonlyMap<string, string>>;
  organizationName: (db: Database, orgId: string) => Promise<string | undefined>;
};

// Looked up in the directory in place of an organization when the token opens nothing, so that an unknown token
// costs what a known one does.
const STAND_IN_ORGANIZATION = "org_-";

type Found = { view: LandingView; logoutUrl: string | undefined };

/**
 * The invitation a token opens, with what the page shows, or undefined. Every token, known, unknown or
 * malformed, takes the same reads (the join link, the directory, the roles), so the time of the answer does
 * not say which it was.
 */
export async function readLanding(db: Database, sources: LandingSources, token: string, now = new Date()): Promise<Found | undefined> {
  const invitation = await findJoinLink(db, token);
  const [listed, roleNames] = await Promise.all([
    directoryOrganization(db, invitation?.organizationId ?? STAND_IN_ORGANIZATION),
    sources.roleNames(),
  ]);
  if (!invitation) return undefined;
  const organization = listed?.displayName ?? (await sources.organizationName(db, invitation.organizationId)) ?? "the organization";
  const state = landingState(invitation, now);
  const view: LandingView = {
    organization,
    inviter: invitation.inviterName,
    address: maskedAddress(invitation.inviteeEmail),
    roles: invitation.roleIds.map((id) => roleNames.get(id) ?? "a role"),
    expiresAt: invitation.expiresAt,
    state,
    canContinue: state.open && Boolean(invitation.invitationUrl),
  };
  return { view, logoutUrl: state.open && invitation.invitationUrl ? inviteeLogoutUrl(invitation.clientId, invitation.invitationUrl) : undefined };
}

/**
 * Auth0's logout, returning to the invitation link: whoever is signed in to Auth0 in this browser is signed
 * out first, so the invitee signs in or up afresh as the invited address instead of using the invitation up
 * with another account (tenant log `fi`). With `client_id`, Auth0 returns only to a URL in that application's
 * Allowed Logout URLs, where the query string does not count
 * (https://auth0.com/docs/authenticate/login/logout/redirect-users-after-logout): the application lists its own
 * Application Login URI, from which Auth0 made the invitation link.
 */
export function inviteeLogoutUrl(clientId: string, invitationUrl: string): string {
  const url = new URL(`${env().AUTH0_ISSUER_BASE_URL}/v2/logout`);
  url.searchParams.set("client_id", clientId);
  url.searchParams.set("returnTo", invitationUrl);
  return url.toString();
}

const liveSources: LandingSources = {
  roleNames: async () => new Map((await tenantRoles()).map((role) => [role.id, role.name])),
  async organizationName(db, orgId) {
    const organization = await landingPageOrganization(orgId);
    if (organization) await rememberOrganizations(db, [organization]);
    return organization?.displayName;
  },
};

/** What /join/{token} shows, or undefined for a token that opens nothing (the page answers 404). */
export async function landingPage(token: string): Promise<LandingView | undefined> {
  const { db } = await store();
  return (await readLanding(db, liveSources, token))?.view;
}

/** Where Continue sends the browser: Auth0's logout on to the invitation, or undefined when it cannot lead on. */
export async function continueTarget(token: string): Promise<{ found: boolean; logoutUrl?: string }> {
  const { db } = await store();
  const found = await readLanding(db, liveSources, token);
  return { found: Boolean(found), logoutUrl: found?.logoutUrl };
}
