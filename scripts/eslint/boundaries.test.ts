import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The import boundaries of eslint.config.mjs, through ESLint's own API on made-up files at real paths.
const ROOT = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: ROOT });

/** The rules that fire on `code` placed at `file`, with their messages. */
async function lint(file: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages.map(({ ruleId, message }) => ({ ruleId, message }));
}

const restricted = (pattern: RegExp) => ({ ruleId: "no-restricted-imports", message: expect.stringMatching(pattern) });
const clientBoundary = (pattern: RegExp) => ({ ruleId: "local/client-boundary", message: expect.stringMatching(pattern) });

describe("the store and the Auth0 SDK stay behind lib/", () => {
  it.each([
    ["app/orgs/demo/page.tsx", "lib/db by alias", `import { store } from "@/lib/db/store";\nexport const s = store;`],
    ["app/orgs/demo/page.tsx", "lib/db by a relative path", `import { store } from "../../../lib/db/store";\nexport const s = store;`],
    ["app/orgs/demo/page.tsx", "lib/db's types", `import type { AuditPage } from "@/lib/db/audit";\nexport type P = AuditPage;`],
    ["app/orgs/demo/route.ts", "drizzle-orm", `import { sql } from "drizzle-orm";\nexport const q = sql;`],
    ["components/demo.tsx", "pg", `import { Pool } from "pg";\nexport const p = Pool;`],
    ["components/demo.tsx", "pglite", `import { PGlite } from "@electric-sql/pglite";\nexport const p = PGlite;`],
    ["app/demo/worker.ts", "pg-boss", `import { PgBoss } from "pg-boss";\nexport const b = PgBoss;`],
  ])("%s may not import the store: %s", async (file, _what, code) => {
    expect(await lint(file, code)).toEqual([restricted(/reach the store through a lib\/ function/)]);
  });

  it.each([
    ["components/demo.tsx", "an import", `import { ManagementClient } from "auth0";\nexport const c = ManagementClient;`],
    ["app/orgs/demo/page.tsx", "an import", `import { ManagementApiError } from "auth0";\nexport const e = ManagementApiError;`],
    ["lib/invitations/demo.ts", "an import", `import { ManagementClient } from "auth0";\nexport const c = ManagementClient;`],
    ["lib/authz/demo.ts", "a re-export", `export { ManagementApiError } from "auth0";`],
  ])("%s may not use the Auth0 SDK: %s", async (file, _what, code) => {
    expect(await lint(file, code)).toEqual([restricted(/Only lib\/auth0\/ imports the Auth0 SDK/)]);
  });

  it("lets lib/auth0/ import the SDK, and lib/ and app/ reach the store through lib/", async () => {
    expect(await lint("lib/auth0/demo.ts", `import { ManagementClient } from "auth0";\nexport const c = ManagementClient;`)).toEqual([]);
    expect(await lint("lib/bulk/demo.ts", `import { store } from "@/lib/db/store";\nexport const s = store;`)).toEqual([]);
    expect(await lint("app/orgs/demo/page.tsx", `import { activityTrail } from "@/lib/audit/trail";\nexport const t = activityTrail;`)).toEqual([]);
  });
});

describe('a "use client" file imports no server-only module', () => {
  const client = (imports: string) => `"use client";\n${imports}\nexport const used = [x];\n`;

  it("reports a module marked server-only", async () => {
    expect(await lint("app/demo/form.tsx", client(`import { store as x } from "@/lib/db/store";`))).toEqual([
      restricted(/not lib\/db/),
      clientBoundary(/lib\/db\/store\.ts is marked "server-only"/),
    ]);
    expect(await lint("lib/demo/form.tsx", client(`import { serverSecret as x } from "@/scripts/eslint/fixtures/server-module";`))).toEqual([
      clientBoundary(/fixtures\/server-module\.ts is marked "server-only"/),
    ]);
  });

  it("reports a module that imports one, however far down", async () => {
    expect(await lint("lib/demo/form.tsx", client(`import { secretLength as x } from "../../scripts/eslint/fixtures/indirect";`))).toEqual([
      clientBoundary(/fixtures\/indirect\.ts → scripts\/eslint\/fixtures\/server-module\.ts is marked "server-only"/),
    ]);
    expect(await lint("lib/demo/form.tsx", `"use client";\nexport { secretLength } from "@/scripts/eslint/fixtures/indirect";\n`)).toEqual([
      clientBoundary(/indirect\.ts → /),
    ]);
  });

  it.each(["server-only", "pino", "node:crypto", "drizzle-orm/pg-core", "pg-boss", "@electric-sql/pglite"])("reports the server package %s", async (pkg) => {
    expect(await lint("lib/demo/form.tsx", client(`import * as x from "${pkg}";`))).toEqual([clientBoundary(new RegExp(`may not import ${pkg}: it is server-side only`))]);
  });

  it("allows pure modules, type-only imports and server actions", async () => {
    expect(await lint("app/demo/form.tsx", client(`import { MAX_ROLES as x } from "@/lib/schemas/invitation";`))).toEqual([]);
    expect(await lint("app/demo/form.tsx", client(`import type { Authorized } from "@/lib/authz/gate";\nconst x: Authorized | undefined = undefined;`))).toEqual([]);
    expect(await lint("app/demo/form.tsx", client(`import { type Authorized } from "@/lib/authz/gate";\nconst x: Authorized | undefined = undefined;`))).toEqual([]);
    expect(await lint("app/support/demo-form.tsx", client(`import { startActingAction as x } from "./actions";`))).toEqual([]);
  });

  it("leaves server components alone", async () => {
    expect(await lint("lib/demo/page.tsx", `import { secretLength as x } from "@/scripts/eslint/fixtures/indirect";\nexport const used = [x];\n`)).toEqual([]);
  });
});

describe("only lib/authz mints a grant", () => {
  const grant = (pattern: RegExp = /Only lib\/authz mints a grant/) => ({ ruleId: "local/grant-boundary", message: expect.stringMatching(pattern) });

  it.each([
    ["lib/bulk/demo.ts", "by alias", `import { grantOrgAccess } from "@/lib/authz/access";\nexport const g = grantOrgAccess;`],
    ["app/orgs/demo/route.ts", "by a relative path", `import { grantOrgAccess } from "../../../lib/authz/access";\nexport const g = grantOrgAccess;`],
    ["scripts/demo.ts", "with its extension, through import()", `const { grantOrgAccess } = await import("../lib/authz/access.ts");\nexport const g = grantOrgAccess;`],
    ["lib/ledger/demo.ts", "renamed", `import { grantOrgAccess as mint, type OrgAccess } from "@/lib/authz/access";\nexport const g: (id: string) => OrgAccess = mint;`],
    ["lib/bulk/demo.ts", "as a namespace", `import * as access from "@/lib/authz/access";\nexport const g = access.grantOrgAccess;`],
    ["lib/invitations/demo.ts", "re-exported", `export { grantOrgAccess } from "@/lib/authz/access";`],
    ["lib/invitations/demo.ts", "re-exported whole", `export * from "@/lib/authz/access";`],
    ["e2e/support/demo.ts", "from end-to-end support", `import { grantOrgAccess } from "../../lib/authz/access.ts";\nexport const g = grantOrgAccess;`],
  ])("%s may not import grantOrgAccess: %s", async (file, _how, code) => {
    expect(await lint(file, code)).toEqual([grant(/ask it for one .* instead of importing grantOrgAccess from /)]);
  });

  it("lets lib/authz mint it, tests and lib/testing too, and anyone name the grant's type", async () => {
    const minting = `import { grantOrgAccess } from "@/lib/authz/access";\nexport const g = grantOrgAccess;`;
    expect(await lint("lib/authz/demo.ts", minting)).toEqual([]);
    expect(await lint("lib/bulk/demo.test.ts", minting)).toEqual([]);
    expect(await lint("lib/testing/demo.ts", minting)).toEqual([]);
    expect(await lint("lib/bulk/demo.ts", `import type { OrgAccess } from "@/lib/authz/access";\nexport type A = OrgAccess;`)).toEqual([]);
    expect(await lint("app/demo/page.tsx", `import { type OrgAccess } from "@/lib/authz/access";\nexport type A = OrgAccess;`)).toEqual([]);
    expect(await lint("lib/bulk/demo.ts", `import { reconcilerAccess } from "@/lib/authz/background";\nexport const g = reconcilerAccess;`)).toEqual([]);
  });
});

describe("code that ships never imports lib/testing", () => {
  const testSupport = { ruleId: "local/test-support-boundary", message: expect.stringMatching(/is test support .* only tests, benchmarks and lib\/testing import it/) };

  it.each([
    ["lib/bulk/demo.ts", `import { testContext } from "@/lib/testing/action-context";\nexport const t = testContext;`],
    ["app/orgs/demo/page.tsx", `import { TEST_ENV } from "../../../lib/testing/test-env";\nexport const t = TEST_ENV;`],
    ["instrumentation.ts", `export const t = await import("./lib/testing/stores.ts");`],
  ])("%s may not import lib/testing", async (file, code) => {
    expect(await lint(file, code)).toEqual([testSupport]);
  });

  it("lets tests, lib/testing itself, benchmarks and end-to-end support import it", async () => {
    const importing = (from: string) => `import { TEST_ENV } from "${from}";\nexport const t = TEST_ENV;`;
    expect(await lint("lib/bulk/demo.test.ts", importing("@/lib/testing/test-env"))).toEqual([]);
    expect(await lint("lib/testing/demo.ts", importing("./test-env"))).toEqual([]);
    expect(await lint("scripts/bench-demo.ts", importing("../lib/testing/test-env.ts"))).toEqual([]);
    expect(await lint("e2e/selfhost/demo.ts", importing("../../lib/testing/test-env.ts"))).toEqual([]);
  });
});

describe("app/ calls Auth0 only through lib/", () => {
  it.each([
    ["app/support/actions.ts", "by alias", `import { supportDeskOrganizationById } from "@/lib/auth0/directory";\nexport const f = supportDeskOrganizationById;`],
    ["app/orgs/demo/page.tsx", "by a relative path", `import { management } from "../../../lib/auth0/management";\nexport const m = management;`],
    ["app/orgs/demo/route.ts", "a type", `import type { Auth0Invitation } from "@/lib/auth0/organization-data";\nexport type I = Auth0Invitation;`],
    ["components/demo.tsx", "by alias", `import { tenantRoles } from "@/lib/auth0/directory";\nexport const r = tenantRoles;`],
  ])("%s may not import lib/auth0 %s", async (file, _what, code) => {
    expect(await lint(file, code)).toEqual([restricted(/call Auth0 through a lib\/ function, not lib\/auth0/)]);
  });

  it("lets app/ reach lib/ functions that call Auth0, and lib/ import lib/auth0", async () => {
    expect(await lint("app/support/actions.ts", `import { startActingFor } from "@/lib/support/acting";\nexport const s = startActingFor;`)).toEqual([]);
    expect(await lint("lib/support/demo.ts", `import { supportDeskOrganizationById } from "@/lib/auth0/directory";\nexport const f = supportDeskOrganizationById;`)).toEqual([]);
  });
});

describe("only lib/ledger touches the ledger's tables", () => {
  const ledger = (pattern: RegExp) => ({ ruleId: "ledger/tables-stay-in-lib-ledger", message: expect.stringMatching(pattern) });

  it.each([
    ["lib/invitations/demo.ts", "the table module by alias", `import { invitations } from "@/lib/ledger/table";\nexport const t = invitations;`],
    ["lib/directory/demo.ts", "the table module by a relative path", `import { invitations } from "../ledger/table";\nexport const t = invitations;`],
    ["lib/invitations/demo.ts", "the table through the schema", `import { invitations } from "@/lib/db/schema";\nexport const t = invitations;`],
    ["lib/db/demo.ts", "the table through the schema, relatively", `import { ledgerRefreshes } from "./schema";\nexport const t = ledgerRefreshes;`],
    ["lib/bulk/demo.ts", "the whole schema", `import * as schema from "@/lib/db/schema";\nexport const s = schema;`],
    ["scripts/demo.ts", "the log reader's table", `import { logReader } from "../lib/db/schema.ts";\nexport const t = logReader;`],
  ])("%s may not import %s", async (file, _what, code) => {
    expect(await lint(file, code)).toEqual([ledger(/Only lib\/ledger reads or writes the ledger's tables/)]);
  });

  it("lets lib/ledger use them, others use other tables, the ledger's row types and its functions", async () => {
    expect(await lint("lib/ledger/demo.ts", `import { invitations } from "./table";\nexport const t = invitations;`)).toEqual([]);
    expect(await lint("lib/bulk/demo.ts", `import { bulkJobs, type LedgerInvitation } from "@/lib/db/schema";\nexport const t: [typeof bulkJobs, LedgerInvitation?] = [bulkJobs];`)).toEqual([]);
    expect(await lint("lib/invitations/demo.ts", `import { renewableExpired } from "@/lib/ledger/ledger";\nexport const r = renewableExpired;`)).toEqual([]);
    expect(await lint("lib/ledger/demo.test.ts", `import { invitations } from "@/lib/db/schema";\nexport const t = invitations;`)).toEqual([]);
  });
});
