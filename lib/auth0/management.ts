import "server-only";
import { ManagementClient, TokenProvider } from "auth0";
import { env } from "@/lib/env";

// One token provider and one client per process: the SDK's provider caches its client-credentials token
// until shortly before expiry and shares one in-flight token request, so we never fetch a token per
// request. The bulk writer's client and the readiness probe use the same provider. Kept on globalThis so
// that dev-mode module reloads do not multiply them.
const holder = globalThis as typeof globalThis & { __managementClient?: ManagementClient; __managementTokens?: TokenProvider };

/** The Management API token the clients use: from the provider's cache while it is fresh, else fetched. */
export function managementToken(): Promise<string> {
  if (!holder.__managementTokens) {
    const config = env();
    holder.__managementTokens = new TokenProvider({
      domain: config.AUTH0_MANAGEMENT_DOMAIN,
      clientId: config.AUTH0_MANAGEMENT_CLIENT_ID,
      clientSecret: config.AUTH0_MANAGEMENT_CLIENT_SECRET,
      // The audience the SDK itself asks for when given client credentials (auth0 management/wrapper/auth-helpers).
      audience: `https://${config.AUTH0_MANAGEMENT_DOMAIN}/api/v2/`,
    });
  }
  return holder.__managementTokens.getAccessToken();
}

export function management(): ManagementClient {
  if (!holder.__managementClient) {
    const config = env();
    holder.__managementClient = new ManagementClient({
      domain: config.AUTH0_MANAGEMENT_DOMAIN,
      token: managementToken,
      // 429s are retried with the delay Auth0's X-RateLimit-Reset asks for.
      maxRetries: 3,
      timeoutInSeconds: 20,
      withCustomDomainHeader: config.AUTH0_CUSTOM_DOMAIN,
    });
  }
  return holder.__managementClient;
}
