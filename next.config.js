// @ts-check
/** @type {import("next").NextConfig} */
const nextConfig = {
  // PGlite loads its wasm/data files next to its own module at run time, and postgres.js
  // must not be bundled either: both stay as plain node_modules requires on the server.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "@node-rs/argon2", "pg-boss", "pg"],
  poweredByHeader: false,
  // scripts/test-all.sh runs `tsc --noEmit` as its own step just before building, so the build may skip
  // its second, identical type check. Any other build (npm run build, the demo) still checks types.
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === "1" },
};
export default nextConfig;
