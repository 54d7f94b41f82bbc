// The app's configuration pointed at the in-process emulator's Management API, for integration tests:
// vi.mock("@/lib/env", async (importOriginal) =>
//   (await import("@/lib/testing/emulator-env")).emulatorEnv(await importOriginal(), { …overrides }));
import type * as EnvModule from "@/lib/env";

export async function emulatorEnv(actual: typeof EnvModule, overrides: Record<string, string> = {}): Promise<typeof EnvModule> {
  const { TEST_ENV } = await import("./test-env");
  const { ADMIN_M2M } = await import("@/e2e/auth0-emulator/app-env");
  const { API_HOST } = await import("@/e2e/auth0-emulator/management/testing");
  const config = actual.parseEnv({
    ...TEST_ENV,
    AUTH0_MANAGEMENT_DOMAIN: API_HOST,
    AUTH0_MANAGEMENT_CLIENT_ID: ADMIN_M2M.client_id,
    AUTH0_MANAGEMENT_CLIENT_SECRET: ADMIN_M2M.client_secret,
    ...overrides,
  });
  return { ...actual, env: () => config };
}
