/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from its own package folder, and pg-boss its SQL plans: neither
  // survives bundling.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss"],
  poweredByHeader: false,
  typedRoutes: false,
  // forbidden() for refused pages, which then answer 403 with the gate's reason
  // (https://nextjs.org/docs/app/api-reference/functions/forbidden).
  experimental: { authInterrupts: true },
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
