// `npm run migrate`: applies the store's migrations (lib/db/migrations) and exits. The server also does
// this when it starts, under the same lock; run this first when a deploy should fail before it starts.
import { openStore } from "@/lib/db/store";
import { storeEnv } from "@/lib/env";

const { DATABASE_URL, DATA_DIR } = storeEnv();
const opened = await openStore({ databaseUrl: DATABASE_URL, dataDir: DATA_DIR });
await opened.close();
console.log(`Migrations are current on the ${opened.kind === "postgres" ? "PostgreSQL server" : `embedded store in ${DATA_DIR}`}.`);
