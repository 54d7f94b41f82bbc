/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from its own package folder, and pg-boss its SQL plans: neither
  // survives bundling.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss"],
  poweredByHeader: false,
  typedRoutes: false,
  // forbidden() for refused pages, which then answer 403 with the gate's reason
  // (https://nextjs.org/docs/app/api-reference/functions/forbidden). Response headers are set in proxy.ts.
  experimental: { authInterrupts: true },
};

export default nextConfig;
