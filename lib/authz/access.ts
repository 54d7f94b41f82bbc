// Proof that an organization's data may be read or written. The gate grants it to a signed-in user who
// passed; the ledger's background reader grants it to itself (it acts for no user and shows nothing).
// Data functions take an `OrgAccess`, never a bare organization id, so a read cannot skip the gate.

declare const granted: unique symbol;
export type OrgAccess = { readonly orgId: string; readonly [granted]: true };

export function grantOrgAccess(orgId: string): OrgAccess {
  return { orgId } as OrgAccess;
}
