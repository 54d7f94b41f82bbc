import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ADMIN_M2M } from "@/e2e/auth0-emulator/app-env";
import { REQUIRED_SCOPES, SCOPES_BY_CALL } from "./scopes";

const ROOT = path.resolve(import.meta.dirname, "../..");
const sources = () =>
  readdirSync(path.join(ROOT, "lib/auth0"))
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"))
    .map((name) => readFileSync(path.join(ROOT, "lib/auth0", name), "utf8"));

/** Each use of a Management API client in lib/auth0 (`management().users.get(`, `writeClient()…`), with the SDK method it calls. */
function clientUses(): { use: string; call: string | undefined }[] {
  return sources().flatMap((source) =>
    [...source.matchAll(/(?<!function )\b(?:management|client|writeClient)\(\)(?:\.([\w.]+)\()?/g)].map(([use, call]) => ({ use, call })),
  );
}

/** The scopes the README's table asks the machine-to-machine application for. */
function readmeScopes(): string[] {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const table = readme.slice(readme.indexOf("with exactly these scopes")).split("\n\n")[1]!;
  const rows = table.split("\n").map((line) => line.trim()).filter((line) => line.startsWith("|")).slice(2);
  expect(rows.length).toBeGreaterThan(0);
  return rows.flatMap((row) => [...row.split("|")[1]!.matchAll(/`([a-z_]+:[a-z_]+)`/g)].map(([, scope]) => scope!));
}

describe("least privilege: the scopes the app asks for are the ones its calls need", () => {
  it("every Management API call in lib/auth0 is listed with its scopes, and every listed call is made", () => {
    const uses = clientUses();
    expect(uses.filter(({ call }) => !call).map(({ use }) => use)).toEqual([]);
    const made = [...new Set(uses.map(({ call }) => call!))].sort();
    expect(made).toEqual(Object.keys(SCOPES_BY_CALL).sort());
  });

  it("the README's scope table holds exactly the scopes those calls need, each once", () => {
    const asked = readmeScopes();
    expect([...asked].sort()).toEqual([...REQUIRED_SCOPES]);
    expect(new Set(asked).size).toBe(asked.length);
  });

  it("the emulator grants the app exactly those scopes, so every end-to-end test runs with no more", () => {
    type Seed = { clients: { client_id: string; scopes?: string[] }[] };
    const seed: Seed = JSON.parse(readFileSync(path.join(ROOT, "e2e/auth0-emulator/seed.json"), "utf8"));
    const granted = seed.clients.find((client) => client.client_id === ADMIN_M2M.client_id)?.scopes ?? [];
    expect([...granted].sort()).toEqual([...REQUIRED_SCOPES]);
  });
});
