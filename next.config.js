// @ts-check
/** @type {import("next").NextConfig} */
const nextConfig = {
  // PGlite loads its wasm/data files next to its own module at run time, and postgres.js
  // must not be bundled either: both stay as plain node_modules requires on the server.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "@node-rs/argon2", "pg-boss", "pg"],
  poweredByHeader: false,
};
export default nextConfig;
