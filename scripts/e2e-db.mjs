// Playwright's web server on PostgreSQL: gives the e2e run a brand-new, empty database (dropped and
// created again at each run) that the server then migrates and seeds itself, as on a first start.
// Usage: node scripts/e2e-db.mjs <database url>
import postgres from "postgres";

const target = new URL(process.argv[2] ?? "");
const name = decodeURIComponent(target.pathname.slice(1));
if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing to recreate database "${name}": use lower-case letters, digits and _`);
const admin = new URL(target);
admin.pathname = "/postgres";
const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
try {
  await sql.unsafe(`drop database if exists "${name}" with (force)`);
  await sql.unsafe(`create database "${name}"`);
} finally {
  await sql.end({ timeout: 5 });
}
