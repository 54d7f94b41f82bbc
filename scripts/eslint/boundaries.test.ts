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
