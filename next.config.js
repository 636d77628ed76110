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
  // Turbopack keeps a file-system cache of the build in .next/cache (on by default), which speeds up
  // the next build of the same checkout but costs about a minute to write. scripts/test-all.sh builds
  // once into an emptied .next (a clean clone in CI), so it turns the cache off.
  ...(process.env.NEXT_BUILD_FS_CACHE === "0" ? { experimental: { turbopackFileSystemCacheForBuild: false } } : {}),
};
export default nextConfig;
