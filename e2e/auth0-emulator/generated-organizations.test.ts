import { describe, expect, it } from "vitest";
import { readEmulatorConfig } from "./config.ts";
import { generatedOrganizations } from "./generated-organizations.ts";

describe("made-up organizations (EMULATOR_SEED_ORGS)", () => {
  it("reads the count from the environment: none by default, a whole number otherwise", () => {
    const withCount = (count: string) => ({ ...({} as NodeJS.ProcessEnv), EMULATOR_SEED_ORGS: count });
    expect(readEmulatorConfig({} as NodeJS.ProcessEnv).seedOrganizations).toBe(0);
    expect(readEmulatorConfig(withCount("10000")).seedOrganizations).toBe(10_000);
    expect(() => readEmulatorConfig(withCount("many"))).toThrow(/EMULATOR_SEED_ORGS must be a whole number/);
  });

  it("are always the same: Auth0-shaped ids and names, all different, varied display names, no members", () => {
    const orgs = generatedOrganizations(10_000, "con_First", "2026-01-01T00:00:00.000Z");
    expect(orgs[41]).toEqual({
      id: "org_Customer00000042",
      name: "customer-00042",
      display_name: "Fabrikam Bank 42",
      enabled_connections: ["con_First"],
      members: [],
      created_at: "2026-01-01T00:00:00.000Z",
    });
    expect(orgs.every((o) => /^org_[A-Za-z0-9]{16}$/.test(o.id) && /^[a-z0-9_-]{1,50}$/.test(o.name))).toBe(true);
    expect(new Set(orgs.map((o) => o.id)).size).toBe(10_000);
    expect(new Set(orgs.map((o) => o.name)).size).toBe(10_000);
    expect(new Set(orgs.map((o) => o.display_name!.replace(/ \d+$/, ""))).size).toBe(110);
    expect(generatedOrganizations(3, "con_First", "x")).toEqual(orgs.slice(0, 3).map((o) => ({ ...o, created_at: "x" })));
  });
});
