// A "use client" file ships to the browser: it may not import a server package, nor a local module that
// (through its own local imports) is marked `import "server-only"` or imports a server package.
// Type-only imports are allowed: they vanish at build. A "use server" module is allowed too: the client gets
// references to its actions, not its code.
import { existsSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import ts from "typescript";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const SERVER_PACKAGES = ["server-only", "auth0", "pg", "pg-boss", "drizzle-orm", "@electric-sql/pglite", "pino"];
const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".js", ".mjs", "/index.ts", "/index.tsx"];
const CODE = /\.(ts|tsx|mts|js|mjs)$/;

/** The server package `specifier` names, if it names one. */
export function serverPackage(specifier) {
  if (specifier.startsWith("node:") || builtinModules.includes(specifier)) return specifier;
  return SERVER_PACKAGES.find((name) => specifier === name || specifier.startsWith(`${name}/`));
}

/** The local file `specifier` names from `fromFile` (relative or `@/`), or undefined for a package or a missing file. */
export function resolveLocal(specifier, fromFile) {
  const base = specifier.startsWith("@/") ? path.join(ROOT, specifier.slice(2))
    : specifier.startsWith(".") ? path.resolve(path.dirname(fromFile), specifier)
    : undefined;
  if (!base) return undefined;
  for (const ext of EXTENSIONS) {
    const file = base + ext;
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return undefined;
}

const parsed = new Map(); // file → { mtimeMs, facts }

/**
 * Whether a file is a "use server" module, and the modules it imports for their values, in order
 * (`import type` and `export type` left out).
 */
function readModule(file) {
  const { mtimeMs } = statSync(file);
  const cached = parsed.get(file);
  if (cached?.mtimeMs === mtimeMs) return cached.facts;
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  const [first] = source.statements;
  const useServer = !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use server";
  const specifiers = [];
  for (const statement of source.statements) {
    const clause = ts.isImportDeclaration(statement) ? statement.importClause : undefined;
    const inlineTypes = !clause?.name && clause?.namedBindings && ts.isNamedImports(clause.namedBindings) &&
      clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((element) => element.isTypeOnly);
    const isImport = ts.isImportDeclaration(statement) && !clause?.isTypeOnly && !inlineTypes;
    const isExport = ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.moduleSpecifier;
    if ((isImport || isExport) && ts.isStringLiteral(statement.moduleSpecifier)) specifiers.push(statement.moduleSpecifier.text);
  }
  const facts = { useServer, specifiers };
  parsed.set(file, { mtimeMs, facts });
  return facts;
}

/** Why `file` is server-only (a chain ending at the marker or at a server package), or undefined. */
function serverReason(file, seen = new Set()) {
  if (seen.has(file) || !CODE.test(file)) return undefined;
  seen.add(file);
  const { useServer, specifiers } = readModule(file);
  if (useServer) return undefined;
  const name = path.relative(ROOT, file);
  for (const specifier of specifiers) {
    const pkg = serverPackage(specifier);
    if (pkg) return pkg === "server-only" ? `${name} is marked "server-only"` : `${name} imports ${pkg}`;
    const target = resolveLocal(specifier, file);
    const further = target && serverReason(target, seen);
    if (further) return `${name} → ${further}`;
  }
  return undefined;
}

const typeOnly = (node) =>
  node.importKind === "type" || node.exportKind === "type" ||
  (node.type === "ImportDeclaration" && node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === "type"));

/** @type {import("eslint").Rule.RuleModule} */
export const clientBoundary = {
  meta: {
    type: "problem",
    docs: { description: 'A "use client" file may not import server-only modules or server packages.' },
    schema: [],
    messages: {
      serverPackage: 'A "use client" file may not import {{name}}: it is server-side only.',
      serverModule: 'A "use client" file may not import {{name}}: {{reason}}.',
    },
  },
  create(context) {
    const first = context.sourceCode.ast.body[0];
    if (first?.type !== "ExpressionStatement" || first.directive !== "use client") return {};
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== "Literal" || typeof source.value !== "string" || typeOnly(node)) return;
      const name = source.value;
      if (serverPackage(name)) return context.report({ node: source, messageId: "serverPackage", data: { name } });
      const target = resolveLocal(name, context.filename);
      const reason = target && serverReason(target);
      if (reason) context.report({ node: source, messageId: "serverModule", data: { name, reason } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};
