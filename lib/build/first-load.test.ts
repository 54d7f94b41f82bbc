import { describe, expect, it } from "vitest";
import { firstLoadReport, formatReport, pageFiles, type BuildManifests } from "./first-load";

// A build as Next 16 (Turbopack) describes it: root chunks for every page, and per page the chunks of each
// segment on its path. Sizes are the files' gzipped bytes.
const manifests: BuildManifests = {
  rootMainFiles: ["static/chunks/runtime.js", "static/chunks/react.js"],
  entryJSFiles: {
    "/page": {
      "[project]/app/layout": ["static/chunks/layout.js"],
      "[project]/app/page": ["static/chunks/layout.js", "static/chunks/home.js"],
    },
    "/support/(finder)/page": {
      "[project]/app/layout": ["static/chunks/layout.js"],
      "[project]/app/support/(finder)/page": ["static/chunks/finder.js"],
    },
    "/orgs/[orgId]/invitations/new/page": {
      "[project]/app/layout": ["static/chunks/layout.js"],
      "[project]/app/error": ["static/chunks/layout.js", "static/chunks/error.js"],
      "[project]/app/orgs/[orgId]/invitations/new/page": ["static/chunks/invite.js", "static/chunks/zod.js", "static/chunks/form.css"],
    },
  },
  routes: { "/page": "/", "/support/(finder)/page": "/support", "/orgs/[orgId]/invitations/new/page": "/orgs/[orgId]/invitations/new" },
};
const sizes: Record<string, number> = {
  "static/chunks/runtime.js": 30_000,
  "static/chunks/react.js": 100_000,
  "static/chunks/layout.js": 8_000,
  "static/chunks/home.js": 500,
  "static/chunks/finder.js": 1_500,
  "static/chunks/error.js": 600,
  "static/chunks/invite.js": 3_000,
  "static/chunks/zod.js": 20_000,
};
const gzipBytes = (file: string) => {
  const size = sizes[file];
  if (size === undefined) throw new Error(`not in the fixture: ${file}`);
  return size;
};

describe("first-load JavaScript per page", () => {
  it("counts the root chunks and every segment's chunks once, JavaScript only, by route", () => {
    expect(pageFiles(manifests)).toEqual(
      new Map([
        ["/", ["static/chunks/runtime.js", "static/chunks/react.js", "static/chunks/layout.js", "static/chunks/home.js"]],
        [
          "/orgs/[orgId]/invitations/new",
          ["static/chunks/runtime.js", "static/chunks/react.js", "static/chunks/layout.js", "static/chunks/error.js", "static/chunks/invite.js", "static/chunks/zod.js"],
        ],
        ["/support", ["static/chunks/runtime.js", "static/chunks/react.js", "static/chunks/layout.js", "static/chunks/finder.js"]],
      ]),
    );
  });

  it("passes a build within the budget, with what every page shares and what each adds", () => {
    const report = firstLoadReport(manifests, gzipBytes, { firstLoadKB: 170, beyondSharedKB: 40 });
    expect(report.shared).toEqual({ files: ["static/chunks/runtime.js", "static/chunks/react.js", "static/chunks/layout.js"], kB: 138 });
    expect(report.pages.map(({ route, kB, beyondSharedKB }) => [route, kB, beyondSharedKB])).toEqual([
      ["/", 138.5, 0.5],
      ["/orgs/[orgId]/invitations/new", 161.6, 23.6],
      ["/support", 139.5, 1.5],
    ]);
    expect(report.failures).toEqual([]);
  });

  it("names each page over the whole-page budget", () => {
    const report = firstLoadReport(manifests, gzipBytes, { firstLoadKB: 160, beyondSharedKB: 40 });
    expect(report.failures).toEqual([
      "/orgs/[orgId]/invitations/new loads 161.6 kB of JavaScript on a first visit, over the 160 kB budget.",
    ]);
    expect(formatReport(report, { firstLoadKB: 160, beyondSharedKB: 40 })).toMatch(/^\/orgs\/\[orgId\]\/invitations\/new +161\.6 +23\.6 {2}OVER BUDGET$/m);
  });

  it("names each page over the budget beyond what all pages share", () => {
    const report = firstLoadReport(manifests, gzipBytes, { firstLoadKB: 170, beyondSharedKB: 20 });
    expect(report.failures).toEqual(["/orgs/[orgId]/invitations/new loads 23.6 kB beyond what all pages share, over the 20 kB budget."]);
  });

  it("refuses a build without pages, and a manifest naming a file the build lacks", () => {
    expect(() => firstLoadReport({ ...manifests, entryJSFiles: {} }, gzipBytes)).toThrow("run `next build` first");
    const missing = { ...manifests, rootMainFiles: [...manifests.rootMainFiles, "static/chunks/gone.js"] };
    expect(() => firstLoadReport(missing, gzipBytes)).toThrow("not in the fixture: static/chunks/gone.js");
  });
});
