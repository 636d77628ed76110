import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const inward = (patterns, message) => ({ "no-restricted-imports": ["error", { patterns: [{ group: patterns, message }] }] });

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "db/migrations/**"]),
  {
    // The billing core is pure: no framework, no database, no clock.
    files: ["server/domain/**/*.ts"],
    rules: inward(
      ["next", "next/*", "@trpc/*", "drizzle-orm", "drizzle-orm/*", "@/db/*", "@/server/api/*", "@/server/services/*", "@/server/queries/*", "react", "postgres", "@electric-sql/*"],
      "server/domain is pure: pass data in, no framework or database imports.",
    ),
  },
  {
    files: ["components/**/*.tsx", "components/**/*.ts", "app/**/*.tsx"],
    rules: inward(["@/db/*", "@/server/services/*", "@/server/queries/*", "drizzle-orm", "drizzle-orm/*"], "UI talks to the server through tRPC or server/api, never to the database."),
  },
  {
    files: ["server/services/**/*.ts", "server/queries/**/*.ts"],
    rules: inward(["@/server/api/*", "next", "next/*", "@trpc/*"], "services and queries do not know about tRPC or Next."),
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
]);
