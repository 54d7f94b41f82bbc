// `npm run size` (after `next build`; `npm test` runs it right after the build): prints each page's first-load
// JavaScript, gzipped, and exits 1 naming every page over the budget (lib/build/first-load.ts). Turbopack
// builds print no sizes, so this reads the build's manifests: the root chunks of build-manifest.json and each
// page's client-reference manifest (the chunks of its layouts, boundaries and page).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { firstLoadReport, formatReport, type BuildManifests } from "../lib/build/first-load.ts";

const nextDir = path.resolve(process.argv[2] ?? ".next");
const readJson = (file: string) => JSON.parse(readFileSync(path.join(nextDir, file), "utf8"));

if (!existsSync(path.join(nextDir, "build-manifest.json"))) {
  console.error(`No build in ${nextDir}: run \`next build\` first.`);
  process.exit(1);
}

/** Each page's client-reference manifest is a script assigning `globalThis.__RSC_MANIFEST[page]`; run it in a sandbox. */
function clientReferenceManifests(dir: string, found: BuildManifests["entryJSFiles"] = {}): BuildManifests["entryJSFiles"] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) clientReferenceManifests(file, found);
    else if (entry.name === "page_client-reference-manifest.js") {
      const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } = {};
      sandbox.globalThis = sandbox;
      runInNewContext(readFileSync(file, "utf8"), sandbox);
      for (const [page, manifest] of Object.entries(sandbox.__RSC_MANIFEST ?? {})) found[page] = manifest.entryJSFiles;
    }
  }
  return found;
}

const manifests: BuildManifests = {
  rootMainFiles: readJson("build-manifest.json").rootMainFiles,
  entryJSFiles: clientReferenceManifests(path.join(nextDir, "server/app")),
  routes: readJson("app-path-routes-manifest.json"),
};
const gzipBytes = (file: string) => gzipSync(readFileSync(path.join(nextDir, file)), { level: 9 }).length;

const report = firstLoadReport(manifests, gzipBytes);
console.log(formatReport(report));
if (report.failures.length > 0) {
  console.error(`\nFirst-load JavaScript over budget:\n${report.failures.map((failure) => `- ${failure}`).join("\n")}`);
  process.exit(1);
}
