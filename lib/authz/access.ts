import "server-only";

// Proof that an organization's data may be read or written. Only lib/authz mints it: the gate for a
// signed-in user who passed (./gate.ts), a bulk job's re-check of its creator (./job-authority.ts), and the
// ledger's background reader, which acts for no user and shows nothing (./background.ts). Data functions
// take an `OrgAccess`, never a bare organization id, so a read cannot skip the gate. ESLint keeps
// `grantOrgAccess` inside lib/authz (scripts/eslint/grant-boundary.mjs); tests may mint one.

declare const granted: unique symbol;
export type OrgAccess = { readonly orgId: string; readonly [granted]: true };

export function grantOrgAccess(orgId: string): OrgAccess {
  return { orgId } as OrgAccess;
}
