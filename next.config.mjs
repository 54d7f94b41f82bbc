/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from its own package folder, pg-boss its SQL plans, and
  // rate-limiter-flexible imports drizzle-orm by a computed name: none of them survives bundling.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss", "rate-limiter-flexible"],
  poweredByHeader: false,
  typedRoutes: false,
  // No framing: revoke and resend are two clicks, which a framing page could trick a person into.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Content-Type-Options", value: "nosniff" },
        ],
      },
    ];
  },
};

export default nextConfig;
