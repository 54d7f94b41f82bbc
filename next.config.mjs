/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server in .next/standalone (https://nextjs.org/docs/app/api-reference/config/next-config-js/output):
  // scripts/assemble-standalone.sh adds what it leaves out, for the container image and the README's steps.
  output: "standalone",
  // PGlite loads its WASM and data files from its own package folder, freemail its domain lists, pg-boss its SQL plans, and
  // rate-limiter-flexible imports drizzle-orm by a computed name: none of them survives bundling.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss", "rate-limiter-flexible", "auth0", "freemail"],
  // …and what it imports by that computed name, which the standalone output's file tracing cannot see.
  outputFileTracingIncludes: { "/**": ["./node_modules/drizzle-orm/**/*", "./node_modules/freemail/data/*.txt"] },
  poweredByHeader: false,
  // `npm test` runs `tsc --noEmit` before it builds, and the demo's first build should be quick: both set
  // BUILD_WITHOUT_TYPECHECK=1 rather than type-check twice. Any other build (the container's) checks.
  // https://nextjs.org/docs/app/api-reference/config/next-config-js/typescript
  typescript: { ignoreBuildErrors: process.env.BUILD_WITHOUT_TYPECHECK === "1" },
  experimental: {
    // A bulk list travels to its preview action as text: up to 1 MB (lib/bulk/parse.ts checks the real limit
    // and says so), plus the settings and the encoding's escaped quotes and line breaks. Next's default is 1 MB.
    // https://nextjs.org/docs/app/api-reference/config/next-config-js/serverActions#bodysizelimit
    serverActions: { bodySizeLimit: "2mb" },
    // forbidden() for refused pages, which then answer 403 with the gate's reason
    // (https://nextjs.org/docs/app/api-reference/functions/forbidden). Response headers are set in proxy.ts.
    authInterrupts: true,
    turbopackFileSystemCacheForBuild: false,
  },
  typedRoutes: false,
};

export default nextConfig;
