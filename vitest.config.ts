import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      "server-only": fileURLToPath(new URL("./lib/testing/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: ["{lib,app,components,scripts,e2e/auth0-emulator}/**/*.test.ts"],
    // Forked workers inherit NODE_EXTRA_CA_CERTS set by the global setup, so https to the emulator is trusted.
    pool: "forks",
    globalSetup: ["./lib/testing/vitest-global-setup.ts"],
    fileParallelism: false,
    // Opening an embedded store takes seconds, many more on a busy machine: time limits catch hangs, not slowness.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
