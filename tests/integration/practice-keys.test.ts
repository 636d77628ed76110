import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { createTestDb } from "../helpers/test-db";

/**
 * The schema can be distributed by practice on a sharded PostgreSQL (Citus) unchanged (issue 13,
 * docs/architecture.md "Running at scale"): every table is either a practice table, distributed by
 * `practice_id`, or a platform table that Citus would copy to every node (a reference table). On a
 * practice table every unique index (the primary key too) includes practice_id, and every foreign key
 * to another practice table is composite, (practice_id, x_id) -> (practice_id, id). Foreign keys to
 * platform tables stay simple; a platform table never references a practice table.
 *
 * This reads the catalog of a freshly migrated database, on PGlite and on PostgreSQL.
 */

/** Platform-wide tables, with the reason. A new table without practice_id must be added here (or get one). */
const PLATFORM_TABLES: Record<string, string> = {
  practices: "the tenants themselves: small, read by every practice's rows (its id is the distribution value)",
  users:
    "sign-in finds an account by e-mail before any practice is known, so e-mails are unique across the product; " +
    "it carries practice_id, but is small and platform-wide like its sessions",
  user_sessions: "looked up by session id on every request, before the practice is known",
  sign_in_throttle: "keyed by client (address, e-mail), before any practice is known",
  platform_operators: "the platform's own staff, not a practice's",
  operator_sessions: "the platform operators' sessions",
  platform_audit_events: "the platform operators' audit trail",
  reference_versions: "versions of the reference data loaded by platform operators",
  drugs: "reference data (HCPCS drug codes)",
  ndc_packages: "reference data (NDC crosswalk)",
  asp_prices: "reference data (CMS ASP pricing file)",
  admin_codes: "reference data (administration CPT codes)",
  em_codes: "reference data (E/M codes)",
  icd10_codes: "reference data (ICD-10-CM)",
  indications: "reference data (labelled indications)",
  modifiers: "reference data (modifiers)",
  modifier_rules: "reference data (modifier rules)",
  places_of_service: "reference data (CMS place of service codes)",
  revenue_codes: "reference data (UB-04 revenue codes)",
  claim_frequencies: "reference data (claim frequency codes)",
  wrong_codes: "reference data (codes billed in error for durvalumab)",
  adjustment_codes: "reference data (CARC/RARC)",
  denial_rules: "reference data (denial categories and next steps by CARC)",
  payer_profile_templates: "reference data (payer set-up templates)",
};

/**
 * Practice tables' unique indexes or foreign keys that may leave practice_id out, by name, with the
 * reason and the plan. Empty: there are none. docs/architecture.md names the same list.
 */
const EXCEPTIONS: Record<string, string> = {};

interface Catalog {
  tables: { table: string; hasPracticeId: boolean; practiceIdNullable: boolean }[];
  uniques: { table: string; index: string; definition: string; hasPracticeId: boolean }[];
  foreignKeys: { table: string; name: string; references: string; pairs: string }[];
}

const rowsOf = <T,>(r: unknown): T[] => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];

async function readCatalog(h: DbHandle): Promise<Catalog> {
  const tables = rowsOf<{ table: string; pid: boolean | null }>(
    await h.db.execute(sql`select c.relname::text as "table",
        (select not a.attnotnull from pg_attribute a where a.attrelid = c.oid and a.attname = 'practice_id' and not a.attisdropped) as pid
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`),
  );
  const uniques = rowsOf<Catalog["uniques"][number]>(
    await h.db.execute(sql`select c.relname::text as "table", i.relname::text as "index",
        pg_get_indexdef(x.indexrelid) as definition,
        exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'practice_id'
                and a.attnum = any (x.indkey::int2[])) as "hasPracticeId"
      from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and x.indisunique order by 1, 2`),
  );
  // pairs: "practice_id=practice_id,patient_id=id" (referencing column = referenced column, in key order)
  const foreignKeys = rowsOf<Catalog["foreignKeys"][number]>(
    await h.db.execute(sql`select s.relname::text as "table", con.conname::text as name, r.relname::text as "references",
        (select string_agg(sa.attname || '=' || ra.attname, ',' order by k.ord)
           from unnest(con.conkey, con.confkey) with ordinality as k(s, r, ord)
           join pg_attribute sa on sa.attrelid = con.conrelid and sa.attnum = k.s
           join pg_attribute ra on ra.attrelid = con.confrelid and ra.attnum = k.r) as pairs
      from pg_constraint con join pg_class s on s.oid = con.conrelid join pg_class r on r.oid = con.confrelid
      join pg_namespace n on n.oid = s.relnamespace
      where n.nspname = 'public' and con.contype = 'f' order by 1, 2`),
  );
  return {
    tables: tables.map((t) => ({ table: t.table, hasPracticeId: t.pid !== null, practiceIdNullable: t.pid === true })),
    uniques,
    foreignKeys,
  };
}

/** Every way the catalog breaks the rule, one line each, naming the table and the index or key. */
function offenders(cat: Catalog): string[] {
  const out: string[] = [];
  const isPractice = (t: string) => !(t in PLATFORM_TABLES) && cat.tables.some((x) => x.table === t && x.hasPracticeId);
  for (const t of cat.tables) {
    if (t.table in PLATFORM_TABLES) continue;
    if (!t.hasPracticeId) out.push(`${t.table}: no practice_id column, and not listed as a platform table`);
    else if (t.practiceIdNullable) out.push(`${t.table}: practice_id may be null`);
  }
  for (const u of cat.uniques) {
    if (isPractice(u.table) && !u.hasPracticeId && !(u.index in EXCEPTIONS)) {
      out.push(`${u.table}: unique index ${u.index} leaves practice_id out (${u.definition})`);
    }
  }
  for (const f of cat.foreignKeys) {
    if (f.name in EXCEPTIONS) continue;
    const from = isPractice(f.table);
    const to = isPractice(f.references);
    if (!from && to) out.push(`${f.table}: platform table references practice table ${f.references} (${f.name})`);
    if (from && to && !f.pairs.split(",").includes("practice_id=practice_id")) {
      out.push(`${f.table}: foreign key ${f.name} to ${f.references} leaves practice_id out (${f.pairs})`);
    }
  }
  return out;
}

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h?.close();
});

describe("practice_id in every practice table's keys (distribution by practice)", () => {
  it("every unique index and foreign key of a practice table includes practice_id; platform tables are listed", async () => {
    const cat = await readCatalog(h);
    expect(offenders(cat)).toEqual([]);
    // The lists name real tables and indexes, and the rule has something to hold on to.
    const names = new Set(cat.tables.map((t) => t.table));
    expect(Object.keys(PLATFORM_TABLES).filter((t) => !names.has(t))).toEqual([]);
    expect(Object.keys(EXCEPTIONS)).toEqual([]);
    const practiceTables = cat.tables.filter((t) => t.hasPracticeId && !(t.table in PLATFORM_TABLES));
    expect(practiceTables.length).toBeGreaterThanOrEqual(43);
    const composite = cat.foreignKeys.filter((f) => f.pairs.startsWith("practice_id=practice_id,"));
    expect(composite.length).toBeGreaterThanOrEqual(68);
  });

  it("names the offenders: a table with a key on id alone and a simple foreign key to it", async () => {
    await h.db.execute(sql`create table keys_probe_parent (id uuid primary key, practice_id uuid not null)`);
    await h.db.execute(sql`create table keys_probe_child (id uuid not null, practice_id uuid not null,
      parent_id uuid references keys_probe_parent (id), primary key (id, practice_id))`);
    await h.db.execute(sql`create table keys_probe_loose (id uuid primary key)`);
    try {
      expect(offenders(await readCatalog(h))).toEqual([
        "keys_probe_loose: no practice_id column, and not listed as a platform table",
        "keys_probe_parent: unique index keys_probe_parent_pkey leaves practice_id out (CREATE UNIQUE INDEX keys_probe_parent_pkey ON public.keys_probe_parent USING btree (id))",
        "keys_probe_child: foreign key keys_probe_child_parent_id_fkey to keys_probe_parent leaves practice_id out (parent_id=id)",
      ]);
    } finally {
      await h.db.execute(sql`drop table keys_probe_child, keys_probe_parent, keys_probe_loose`);
    }
  });
});
