/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server in .next/standalone (https://nextjs.org/docs/app/api-reference/config/next-config-js/output):
  // scripts/assemble-standalone.sh adds what it leaves out, for the container image and the README's steps.
  output: "standalone",
  // PGlite loads its WASM and data files from its own package folder, and pg-boss its SQL plans: neither
  // survives bundling.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss"],
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
