import { defineConfig } from "drizzle-kit";

// `npx drizzle-kit generate` writes a new migration after lib/db/schema.ts changes; the app applies them at start.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema.ts",
  out: "./lib/db/migrations",
});
