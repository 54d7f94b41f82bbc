// The required configuration with placeholder values; tests parse it with the real schema (so they get
// the real defaults) after overriding what they need.
export const TEST_ENV: Record<string, string> = {
  NEXTAUTH_URL: "http://127.0.0.1:3000",
  NEXTAUTH_SECRET: "x".repeat(32),
  AUTH0_ISSUER_BASE_URL: "http://127.0.0.1:8080/",
  AUTH0_CLIENT_ID: "web",
  AUTH0_CLIENT_SECRET: "web-secret",
  AUTH0_MANAGEMENT_DOMAIN: "127.0.0.1:8443",
  AUTH0_MANAGEMENT_CLIENT_ID: "m2m",
  AUTH0_MANAGEMENT_CLIENT_SECRET: "m2m-secret",
};

/**
 * The app's configuration for unit tests, with overrides, parsed on each read (so a test may change TEST_ENV):
 * vi.mock("@/lib/env", async (importOriginal) => (await import("@/lib/testing/test-env")).testEnv(await importOriginal(), { …overrides }));
 */
export function testEnv<Module extends { parseEnv: (raw: Record<string, string>) => unknown }>(actual: Module, overrides: Record<string, string> = {}) {
  return { ...actual, env: () => actual.parseEnv({ ...TEST_ENV, ...overrides }) };
}
