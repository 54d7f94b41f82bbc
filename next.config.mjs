/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from its own package folder, and pg-boss its SQL plans: neither
  // survives bundling.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss"],
  poweredByHeader: false,
  experimental: {
    // A bulk list travels to its preview action as text: up to 1 MB (lib/bulk/parse.ts checks the real limit
    // and says so), plus the settings and the encoding's escaped quotes and line breaks. Next's default is 1 MB.
    // https://nextjs.org/docs/app/api-reference/config/next-config-js/serverActions#bodysizelimit
    serverActions: { bodySizeLimit: "2mb" },
  },
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
