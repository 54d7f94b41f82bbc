// Types for next.config.mjs, which proxy.ts reads for the server actions' body size limit.
import type { NextConfig } from "next";

declare const nextConfig: NextConfig;
export default nextConfig;
