// One embedded store in memory for a test file, in place of the app's:
// vi.mock("@/lib/db/store", async (importOriginal) => (await import("@/lib/testing/memory-store")).memoryStore(await importOriginal()));
import type * as StoreModule from "@/lib/db/store";

export function memoryStore(actual: typeof StoreModule): typeof StoreModule {
  const memory = actual.openStore({});
  return { ...actual, store: () => memory };
}
