import "server-only";
import { ManagementClient } from "auth0";
import { env } from "@/lib/env";

// One client per process: the SDK caches its client-credentials token until shortly before expiry and
// shares one in-flight token request, so we never fetch a token per request. Kept on globalThis so that
// dev-mode module reloads do not multiply clients.
const holder = globalThis as typeof globalThis & { __managementClient?: ManagementClient };

export function management(): ManagementClient {
  if (!holder.__managementClient) {
    const config = env();
    holder.__managementClient = new ManagementClient({
      domain: config.AUTH0_MANAGEMENT_DOMAIN,
      clientId: config.AUTH0_MANAGEMENT_CLIENT_ID,
      clientSecret: config.AUTH0_MANAGEMENT_CLIENT_SECRET,
      // 429s are retried with the delay Auth0's X-RateLimit-Reset asks for.
      maxRetries: 3,
      timeoutInSeconds: 20,
      withCustomDomainHeader: config.AUTH0_CUSTOM_DOMAIN,
    });
  }
  return holder.__managementClient;
}
