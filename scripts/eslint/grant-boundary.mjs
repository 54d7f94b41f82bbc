// Two import boundaries around the gate's grant (an `OrgAccess`, proof that the gate passed):
// - grantBoundary: only lib/authz mints a grant, so `grantOrgAccess` (lib/authz/access.ts) is imported nowhere
//   else; its type `OrgAccess` may be imported anywhere. eslint.config.mjs lets tests and lib/testing mint one.
// - testSupportBoundary: lib/testing (which mints grants for tests) is imported by no code that ships.
// Both follow static imports, re-exports and `import()`, by alias or relative path, with or without extension.
import path from "node:path";
import { resolveLocal, ROOT } from "./client-boundary.mjs";

const ACCESS = path.join(ROOT, "lib/authz/access.ts");
const TESTING = path.join(ROOT, "lib/testing") + path.sep;

const isType = (node) => node.importKind === "type" || node.exportKind === "type";

/** The file an import, re-export or `import()` names, when it is a local one. */
function target(node, context) {
  const source = node.source;
  if (!source || source.type !== "Literal" || typeof source.value !== "string") return undefined;
  return resolveLocal(source.value, context.filename);
}

/** Whether `node` brings `grantOrgAccess` into this module (a namespace, a re-export of everything or `import()` brings every export). */
function bringsGrant(node) {
  if (isType(node)) return false;
  switch (node.type) {
    case "ImportDeclaration":
      return node.specifiers.some(
        (s) => s.type === "ImportNamespaceSpecifier" || (s.type === "ImportSpecifier" && s.importKind !== "type" && s.imported.name === "grantOrgAccess"),
      );
    case "ExportNamedDeclaration":
      return node.specifiers.some((s) => s.exportKind !== "type" && s.local.name === "grantOrgAccess");
    default:
      return true;
  }
}

/** @param {(node: any, file: string) => boolean} forbidden */
function importRule(description, message, forbidden) {
  /** @type {import("eslint").Rule.RuleModule} */
  return {
    meta: { type: "problem", docs: { description }, schema: [], messages: { forbidden: message } },
    create(context) {
      const check = (node) => {
        const file = target(node, context);
        if (file && forbidden(node, file)) context.report({ node: node.source, messageId: "forbidden", data: { name: node.source.value } });
      };
      return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
    },
  };
}

export const grantBoundary = importRule(
  "Only lib/authz mints a grant (grantOrgAccess).",
  "Only lib/authz mints a grant: ask it for one (authorize, reauthorizeJob, reconcilerAccess) instead of importing grantOrgAccess from {{name}}.",
  (node, file) => file === ACCESS && bringsGrant(node),
);

export const testSupportBoundary = importRule(
  "Code that ships never imports lib/testing.",
  "{{name}} is test support (it mints grants and fakes the trail): only tests, benchmarks and lib/testing import it.",
  (_node, file) => file.startsWith(TESTING),
);
