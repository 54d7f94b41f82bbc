import { builtinRules } from "eslint/use-at-your-own-risk";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import { clientBoundary } from "./scripts/eslint/client-boundary.mjs";
import { grantBoundary, testSupportBoundary } from "./scripts/eslint/grant-boundary.mjs";

// The store and the Auth0 SDK are reached only through lib/: app/ and components/ call the data-access layer.
const STORE = [
  { regex: "^(@/|(\\.\\./)+)lib/db(/|$)", message: "app/ and components/ reach the store through a lib/ function, not lib/db." },
  { regex: "^(drizzle-orm|pg|pg-boss|@electric-sql/pglite)(/|$)", message: "app/ and components/ reach the store through a lib/ function." },
];
const SDK = [{ regex: "^auth0(/|$)", message: "Only lib/auth0/ imports the Auth0 SDK." }];
// Pages and components call Auth0 only through the data-access layer (lib/authz, lib/invitations, …).
const AUTH0 = [{ regex: "^(@/|(\\.\\./)+)lib/auth0(/|$)", message: "app/ and components/ call Auth0 through a lib/ function, not lib/auth0." }];
const CODE = ["**/*.{ts,tsx,mts,mjs,js,jsx}"];
const TESTS = ["**/*.test.ts", "lib/testing/**"];

// Only lib/ledger reads or writes the ledger's tables; everyone else asks lib/ledger. The tables live in
// lib/ledger/table.ts, which lib/db/schema.ts re-exports for drizzle-kit and the store. A rule of its own
// (the core rule under another name), so that it adds to the import rules above instead of replacing them.
const LEDGER_TABLES = ["invitations", "ledgerRefreshes", "logReader", "appliedLogEvents", "ledgerEvents"];
const LEDGER_MESSAGE = "Only lib/ledger reads or writes the ledger's tables: ask a lib/ledger function.";
const ledgerTables = {
  files: CODE,
  ignores: ["lib/ledger/**", "lib/db/schema.ts", "lib/db/store.ts", "**/*.test.ts"],
  plugins: { ledger: { rules: { "tables-stay-in-lib-ledger": builtinRules.get("no-restricted-imports") } } },
  rules: {
    "ledger/tables-stay-in-lib-ledger": [
      "error",
      {
        patterns: [
          { regex: "(^|/)ledger/table(\\.ts)?$", message: LEDGER_MESSAGE },
          { regex: "(^|/)db/schema(\\.ts)?$|^\\./schema(\\.ts)?$", importNames: LEDGER_TABLES, message: LEDGER_MESSAGE },
        ],
      },
    ],
  },
};

const config = [
  {
    ignores: [
      ".next/**",
      "out/**",
      "build/**",
      "standalone/**",
      ".data/**",
      ".emulator/**",
      "node_modules/**",
      "playwright-report/**",
      "test-results/**",
      "e2e/.auth/**",
      "next-env.d.ts",
    ],
  },
  ...nextVitals,
  ...nextTypescript,
  {
    files: CODE,
    plugins: { local: { rules: { "client-boundary": clientBoundary, "grant-boundary": grantBoundary, "test-support-boundary": testSupportBoundary } } },
    rules: {
      "local/client-boundary": "error",
      // A leading underscore marks a value left unused on purpose (a skipped parameter, a field dropped from a rest copy).
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    files: CODE,
    // The emulator's contract tests drive it with the real SDK, as the app does.
    ignores: ["lib/auth0/**", "e2e/auth0-emulator/**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: SDK }] },
  },
  {
    files: ["app/**", "components/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [...STORE, ...SDK, ...AUTH0] }] },
  },
  ledgerTables,
  {
    files: CODE,
    // A grant proves that the gate passed, so only lib/authz mints one. Tests mint their own to test what lies
    // behind the gate; lib/testing (their fakes) may, since nothing that ships imports it (below).
    ignores: ["lib/authz/**", ...TESTS],
    rules: { "local/grant-boundary": "error" },
  },
  {
    // What ships: the app, its data-access layer and its entry points. Benchmarks and e2e/ are test tooling.
    files: ["app/**", "components/**", "lib/**", "*.{ts,tsx,mts,mjs,js}"],
    ignores: TESTS,
    rules: { "local/test-support-boundary": "error" },
  },
  {
    files: ["**/*.test.ts", "e2e/**/*.ts"],
    // Not React: vitest helpers named use* (useEmulator) and Playwright fixtures' `use` callback.
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    files: ["e2e/auth0-emulator/**/*.test.ts", "e2e/auth0-emulator/management/testing.ts"],
    // Contract tests read the emulator's JSON answers loosely, field by field.
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
];

export default config;
