import { test as setup } from "@playwright/test";
import { personas, signIn, storageStatePath, type Persona } from "../support/personas.ts";

// Each persona signs in once; specs reuse the saved session.
for (const persona of Object.keys(personas) as Persona[]) {
  setup(`sign in as ${persona}`, async ({ page }) => {
    await signIn(page, persona);
    await page.context().storageState({ path: storageStatePath(persona) });
  });
}
