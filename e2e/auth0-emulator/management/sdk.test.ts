// Contract: the official `auth0` SDK, as the app uses it, works against the emulator — its token request,
// its paging (offset for invitations and roles, checkpoint for organizations and members) and its errors.
import { ManagementClient, Management } from "auth0";
import { describe, expect, it } from "vitest";
import { ADMIN_M2M, READ_ONLY_M2M } from "../app-env.ts";
import { ACME, ADMIN_APP_ID, API_HOST, control, useEmulator } from "./testing.ts";

const emulator = useEmulator();

function client(credentials = ADMIN_M2M, options: { withCustomDomainHeader?: string } = {}) {
  return new ManagementClient({
    domain: API_HOST,
    clientId: credentials.client_id,
    clientSecret: credentials.client_secret,
    maxRetries: 0,
    ...options,
  });
}

async function collect<T>(page: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of page) items.push(item);
  return items;
}

const invite = (sdk: ManagementClient, email: string) =>
  sdk.organizations.invitations.create(ACME, { inviter: { name: "Alice Admin" }, invitee: { email }, client_id: ADMIN_APP_ID });

describe("the auth0 SDK against the emulator", () => {
  it("creates, pages through, reads and deletes invitations", async () => {
    const sdk = client();
    const made = [];
    for (const name of ["a", "b", "c", "d", "e"]) made.push(await invite(sdk, `${name}@acme.test`));
    expect(made[0]!.id).toMatch(/^uinv_/);

    const firstPage = await sdk.organizations.invitations.list(ACME, { per_page: 2 });
    expect(firstPage.data.map((i) => i.invitee?.email)).toEqual(["e@acme.test", "d@acme.test"]);
    expect(firstPage.hasNextPage()).toBe(true);
    const all = await collect(await sdk.organizations.invitations.list(ACME, { per_page: 2 }));
    expect(all.map((i) => i.id)).toEqual(made.map((i) => i.id).reverse());

    expect((await sdk.organizations.invitations.get(ACME, made[0]!.id!)).ticket_id).toBe(made[0]!.ticket_id);
    await sdk.organizations.invitations.delete(ACME, made[0]!.id!);
    expect(await collect(await sdk.organizations.invitations.list(ACME))).toHaveLength(4);

    // One token for the whole conversation: the SDK caches it.
    const tokenRequests = emulator().context.requestLog.filter((r) => r.path === "/oauth/token");
    expect(tokenRequests).toHaveLength(1);
  });

  it("pages organizations and members by checkpoint, and offset lists by page", async () => {
    const sdk = client();
    const organizations = await collect(await sdk.organizations.list({ take: 2 }));
    expect(organizations.map((o) => o.name)).toEqual(["acme", "globex", "initech", "umbrella"]);
    const members = await collect(await sdk.organizations.members.list(ACME, { take: 3 }));
    expect(members).toHaveLength(4);
    const roles = await collect(await sdk.roles.list({ per_page: 2 }));
    expect(roles).toHaveLength(6);
    const daveOrgs = await collect(await sdk.users.organizations.list("auth0|dave00000000000000000005", { per_page: 100 }));
    expect(daveOrgs.map((o) => o.id)).toEqual([ACME, "org_Globex0000000002"]);
    const memberRoles = await collect(await sdk.organizations.members.roles.list(ACME, "auth0|alice0000000000000000001"));
    expect(memberRoles.map((r) => r.name)).toEqual(["Org Admin"]);
    const connections = await collect(await sdk.organizations.enabledConnections.list(ACME));
    expect(connections).toHaveLength(3);
  });

  it("sends the custom-domain header the emulator honours", async () => {
    const made = await invite(client(ADMIN_M2M, { withCustomDomainHeader: "id.globex.test" }), "x@acme.test");
    expect(new URL(made.invitation_url!).host).toBe("id.globex.test");
  });

  it("raises the SDK's typed errors", async () => {
    await expect(invite(client(READ_ONLY_M2M), "x@acme.test")).rejects.toMatchObject({
      constructor: Management.ForbiddenError,
      statusCode: 403,
      body: { errorCode: "insufficient_scope" },
    });
    await expect(
      client().organizations.invitations.create(ACME, {
        inviter: { name: "" },
        invitee: { email: "x@acme.test" },
        client_id: ADMIN_APP_ID,
      }),
    ).rejects.toBeInstanceOf(Management.BadRequestError);
    await expect(client().organizations.get("org_DoesNotExist0001")).rejects.toBeInstanceOf(Management.NotFoundError);

    const sdk = client();
    await sdk.roles.list();
    await control("PUT", "rate-limit", { burst: 1, perSecond: 0.01 });
    await sdk.roles.list();
    const error = await sdk.roles.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Management.TooManyRequestsError);
    expect((error as Management.TooManyRequestsError).rawResponse?.headers.get("x-ratelimit-remaining")).toBe("0");
  });
});
