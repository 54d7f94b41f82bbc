// `npm run size`'s computation: the JavaScript a browser loads on its first visit of each page, from the
// manifests `next build` writes, against the budget. Pure: the script reads the files and gzips them.

/** Whole-page and page-specific ceilings, in kB (1,000 bytes) of gzip (level 9), as Next's old build report counted. */
export const FIRST_LOAD_BUDGET = { firstLoadKB: 166, beyondSharedKB: 40 };

/** What the script reads from `.next`: the parts of the manifests that name first-load JavaScript. */
export type BuildManifests = {
  /** build-manifest.json: the runtime and framework chunks every page's HTML loads. */
  rootMainFiles: string[];
  /** server/app/**\/page_client-reference-manifest.js by page key ("/orgs/[orgId]/invitations/new/page"): the
   * chunks of each segment on the page's path (layouts, error and not-found boundaries, the page). */
  entryJSFiles: Record<string, Record<string, string[]>>;
  /** app-path-routes-manifest.json: page key → route ("/support/(finder)/page" → "/support"). */
  routes: Record<string, string>;
};

export type PageLoad = { route: string; kB: number; beyondSharedKB: number; files: string[] };
export type FirstLoadReport = { shared: { files: string[]; kB: number }; pages: PageLoad[]; failures: string[] };

const kB = (bytes: number) => bytes / 1000;

/** Each page's first-load files (runtime and framework first, then its segments' chunks), by route. */
export function pageFiles(manifests: BuildManifests): Map<string, string[]> {
  const pages = new Map<string, string[]>();
  for (const [key, segments] of Object.entries(manifests.entryJSFiles)) {
    const route = manifests.routes[key] ?? (key.replace(/\/page$/, "") || "/");
    const files = new Set([...manifests.rootMainFiles, ...Object.values(segments).flat()].filter((file) => file.endsWith(".js")));
    pages.set(route, [...files]);
  }
  return new Map([...pages].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Every page's first-load kB and the part beyond what all pages share, and a failure naming each page over
 * the budget. `gzipBytes` gives a file's size gzipped; a file missing from the build is an error, not 0.
 */
export function firstLoadReport(manifests: BuildManifests, gzipBytes: (file: string) => number, budget = FIRST_LOAD_BUDGET): FirstLoadReport {
  const pages = pageFiles(manifests);
  if (pages.size === 0) throw new Error("No app pages in the build's manifests: run `next build` first.");
  const lists = [...pages.values()];
  const shared = lists[0]!.filter((file) => lists.every((files) => files.includes(file)));
  const size = (files: string[]) => kB(files.reduce((sum, file) => sum + gzipBytes(file), 0));

  const rows: PageLoad[] = [];
  const failures: string[] = [];
  for (const [route, files] of pages) {
    const row = { route, kB: size(files), beyondSharedKB: size(files.filter((file) => !shared.includes(file))), files };
    rows.push(row);
    if (row.kB > budget.firstLoadKB) {
      failures.push(`${route} loads ${row.kB.toFixed(1)} kB of JavaScript on a first visit, over the ${budget.firstLoadKB} kB budget.`);
    }
    if (row.beyondSharedKB > budget.beyondSharedKB) {
      failures.push(`${route} loads ${row.beyondSharedKB.toFixed(1)} kB beyond what all pages share, over the ${budget.beyondSharedKB} kB budget.`);
    }
  }
  return { shared: { files: shared, kB: size(shared) }, pages: rows, failures };
}

/** The report as a table, then the shared files. */
export function formatReport(report: FirstLoadReport, budget = FIRST_LOAD_BUDGET): string {
  const width = Math.max(5, ...report.pages.map((page) => page.route.length));
  const line = (cells: string[]) => `${cells[0]!.padEnd(width)}  ${cells[1]!.padStart(10)}  ${cells[2]!.padStart(14)}`;
  return [
    `First-load JavaScript per page, gzip level 9, kB = 1,000 bytes (budget: ${budget.firstLoadKB} kB, ${budget.beyondSharedKB} kB beyond shared)`,
    line(["Route", "First load", "Beyond shared"]),
    ...report.pages.map((page) => {
      const over = page.kB > budget.firstLoadKB || page.beyondSharedKB > budget.beyondSharedKB;
      return `${line([page.route, page.kB.toFixed(1), page.beyondSharedKB.toFixed(1)])}${over ? "  OVER BUDGET" : ""}`;
    }),
    line(["Shared by all", report.shared.kB.toFixed(1), ""]).trimEnd(),
  ].join("\n");
}
