import { describe, expect, it } from "vitest";
import { applicationsForOrganization, preselectedClientId, type MetadataKeys } from "./application-rule";

const keys: MetadataKeys = { applicationOrganizations: "inviter_organizations", organizationApplications: "inviter_applications" };
const app = (clientId: string, serves?: string) => ({ clientId, metadata: serves === undefined ? {} : { inviter_organizations: serves } });
const acme = { id: "org_acme", name: "acme", metadata: {} };
const ids = (apps: { clientId: string }[]) => apps.map((a) => a.clientId);

describe("applicationsForOrganization", () => {
  it("offers an application whose metadata names the organization by id or by name, ignoring spaces", () => {
    const apps = [app("by-id", "org_other, org_acme"), app("by-name", "globex ,acme"), app("other", "globex"), app("unmarked")];
    expect(ids(applicationsForOrganization(apps, acme, keys, undefined))).toEqual(["by-id", "by-name"]);
  });

  it("offers an application marked * to every organization", () => {
    expect(ids(applicationsForOrganization([app("all", "*"), app("other", "globex")], acme, keys, undefined))).toEqual(["all"]);
  });

  it("does not match part of a name or id", () => {
    expect(applicationsForOrganization([app("a", "acme-eu,org_acme2"), app("b", "")], acme, keys, undefined)).toEqual([]);
  });

  it("offers the applications the organization's own metadata names, together with those naming it", () => {
    const org = { ...acme, metadata: { inviter_applications: "named, missing" } };
    const apps = [app("named"), app("serving", "acme"), app("other", "globex")];
    expect(ids(applicationsForOrganization(apps, org, keys, undefined))).toEqual(["named", "serving"]);
  });

  it("reads the configured keys only", () => {
    const custom: MetadataKeys = { applicationOrganizations: "orgs", organizationApplications: "apps" };
    const apps = [{ clientId: "a", metadata: { orgs: "acme" } }, app("b", "acme"), app("c")];
    const org = { ...acme, metadata: { apps: "c", inviter_applications: "b" } };
    expect(ids(applicationsForOrganization(apps, org, custom, undefined))).toEqual(["a", "c"]);
  });

  it("falls back to the tenant-wide list only when metadata gives the organization no application", () => {
    const apps = [app("listed"), app("serving", "globex"), app("unlisted")];
    expect(ids(applicationsForOrganization(apps, acme, keys, ["listed", "gone"]))).toEqual(["listed"]);
    const globex = { id: "org_globex", name: "globex", metadata: {} };
    expect(ids(applicationsForOrganization(apps, globex, keys, ["listed"]))).toEqual(["serving"]);
  });

  it("offers nothing when neither metadata nor the fallback gives an application", () => {
    expect(applicationsForOrganization([app("a"), app("b", "globex")], acme, keys, undefined)).toEqual([]);
    const namesMissing = { ...acme, metadata: { inviter_applications: "deleted-app" } };
    expect(applicationsForOrganization([app("a")], namesMissing, keys, undefined)).toEqual([]);
  });
});

describe("preselectedClientId", () => {
  it("starts with the first application that is not the admin app", () => {
    expect(preselectedClientId([app("admin"), app("portal"), app("hub")], "admin")).toBe("portal");
    expect(preselectedClientId([app("portal"), app("admin")], "admin")).toBe("portal");
  });

  it("preselects nothing when the admin app is the only one", () => {
    expect(preselectedClientId([app("admin")], "admin")).toBeUndefined();
    expect(preselectedClientId([], "admin")).toBeUndefined();
  });
});
