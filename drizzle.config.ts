import { defineConfig } from "drizzle-kit";

// `drizzle-kit generate` needs no database. `migrate` is normally not needed at all: the app applies
// migrations itself at start (db/client.ts). With DATABASE_URL unset it targets the embedded directory,
// which must not be open in a running app at the same time.
const url = process.env.DATABASE_URL;
const common = { dialect: "postgresql" as const, schema: "./db/schema/index.ts", out: "./db/migrations" };
export default url
  ? defineConfig({ ...common, dbCredentials: { url } })
  : defineConfig({ ...common, driver: "pglite", dbCredentials: { url: process.env.PGLITE_DIR ?? "./.data/pglite" } });
