import type { Page } from "@playwright/test";
import { E2E } from "./addresses.ts";
import seed from "../auth0-emulator/seed.json" with { type: "json" };

export const PASSWORD = seed.password;

export const personas = {
  alice: "alice@acme.test",
  ivan: "ivan@acme.test",
  bob: "bob@acme.test",
  carol: "carol@globex.test",
  dave: "dave@multi.test",
  sam: "sam@support.test",
  eve: "eve@outside.test",
  audrey: "audrey@support.test",
  // Signed in only by the one test that uses each (sessions.spec.ts blocks frank, throttling.spec.ts floods
  // as tina): what happens to them must not reach any other test.
  frank: "frank@umbrella.test",
  tina: "tina@outside.test",
} as const;
export type Persona = keyof typeof personas;

/** Personas the setup signs in once for every spec to reuse. */
export const sharedPersonas = (Object.keys(personas) as Persona[]).filter((persona) => persona !== "frank" && persona !== "tina");

export const storageStatePath = (persona: Persona) => `e2e/.auth/${persona}.json`;

export const ids = {
  acme: seed.organizations.find((o) => o.name === "acme")!.id,
  globex: seed.organizations.find((o) => o.name === "globex")!.id,
  initech: seed.organizations.find((o) => o.name === "initech")!.id,
  umbrella: seed.organizations.find((o) => o.name === "umbrella")!.id,
  role: (name: string) => seed.roles.find((r) => r.name === name)!.id,
  connection: (name: string) => seed.connections.find((c) => c.name === name)!.id,
  client: (name: string) => seed.clients.find((c) => c.name === name)!.client_id,
  user: (email: string) => seed.users.find((u) => u.email === email)!.user_id,
};

/** Fills the emulator's login page (the browser must be on it). */
export async function submitLoginPage(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: /continue/i }).click();
}

/** Signs in through the app's /login route and Auth0's (the emulator's) login page. */
export async function signIn(page: Page, persona: Persona) {
  await page.goto("/login");
  await page.getByLabel("Email address").waitFor();
  await submitLoginPage(page, personas[persona]);
  await page.waitForURL((url) => url.port === String(E2E.appPort) && url.pathname === "/");
}
