import { test as setup } from "@playwright/test";
import { sharedPersonas, signIn, storageStatePath } from "../support/personas.ts";

// Each shared persona signs in once; specs reuse the saved session.
for (const persona of sharedPersonas) {
  setup(`sign in as ${persona}`, async ({ page }) => {
    await signIn(page, persona);
    await page.context().storageState({ path: storageStatePath(persona) });
  });
}
