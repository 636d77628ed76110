import { sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db, DbOrTx } from "../client";
import * as ref from "../schema/reference";
import { referenceSeed } from "./reference";

/** Reference tables in the order they load, keyed like the engine's ReferenceData. */
export const REFERENCE_TABLES = {
  drugs: ref.drugs,
  ndcPackages: ref.ndcPackages,
  wrongCodes: ref.wrongCodes,
  icd10Codes: ref.icd10Codes,
  indications: ref.indications,
  adminCodes: ref.adminCodes,
  modifiers: ref.modifiers,
  placesOfService: ref.placesOfService,
  revenueCodes: ref.revenueCodes,
  claimFrequencies: ref.claimFrequencies,
  adjustmentCodes: ref.adjustmentCodes,
  payerProfiles: ref.payerProfileTemplates,
  aspPrices: ref.aspPrices,
  denialRules: ref.denialRules,
  modifierRules: ref.modifierRules,
  emCodes: ref.emCodes,
} as const satisfies Record<keyof typeof referenceSeed, PgTable>;
export type ReferenceTableKey = keyof typeof REFERENCE_TABLES;

/** Tables whose seed rows carry a stable text id, stored in the `key` column (id is the row uuid). */
const KEYED: ReadonlySet<ReferenceTableKey> = new Set(["indications", "payerProfiles", "modifierRules"]);

/** A seed/engine row (plain JSON) → a row for the table. */
export function toDbRow(table: ReferenceTableKey, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  if (KEYED.has(table)) {
    out.key = row.id;
    delete out.id;
  }
  for (const [k, v] of Object.entries(out)) if (typeof v === "number" && isDecimalColumn(table, k)) out[k] = String(v);
  return out;
}

/** A table row → the plain shape the engine validates (numeric columns stay exact strings). */
export function fromDbRow(table: ReferenceTableKey, row: Record<string, unknown>): Record<string, unknown> {
  const { id, key, ...rest } = row;
  const out: Record<string, unknown> = KEYED.has(table) ? { id: key, ...rest } : rest;
  void id;
  for (const [k, v] of Object.entries(out)) {
    // numeric(…, 3) comes back as "10.000"; the engine wants the shortest exact form.
    if (typeof v === "string" && isDecimalColumn(table, k)) out[k] = trimDecimal(v);
  }
  return out;
}

function isDecimalColumn(table: ReferenceTableKey, column: string): boolean {
  const col = (REFERENCE_TABLES[table] as unknown as Record<string, { columnType?: string }>)[column];
  return col?.columnType === "PgNumeric";
}

export function trimDecimal(v: string): string {
  return v.includes(".") ? v.replace(/\.?0+$/, "") : v;
}

/**
 * Loads the reference seed files into empty reference tables (a fresh database), in one
 * transaction. Tables that already hold rows are left alone: later versions come in through the
 * admin's reference-file upload, never by overwriting at start.
 */
export async function loadReferenceSeedIfEmpty(db: Db): Promise<{ loaded: ReferenceTableKey[] }> {
  const loaded: ReferenceTableKey[] = [];
  await db.transaction(async (tx) => {
    // App processes starting together on a new database: one loads, the others then find the tables full.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"reference-seed"}))`);
    for (const [key, table] of Object.entries(REFERENCE_TABLES) as [ReferenceTableKey, PgTable][]) {
      const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(table);
      if ((row?.n ?? 0) > 0) continue;
      const rows = (referenceSeed[key] as readonly Record<string, unknown>[]).map((r) => toDbRow(key, r));
      if (rows.length) await tx.insert(table).values(rows as never);
      loaded.push(key);
    }
  });
  return { loaded };
}

/** Every reference table as plain rows (input of validateReferenceData). */
export async function readReferenceTables(db: DbOrTx): Promise<Record<ReferenceTableKey, Record<string, unknown>[]>> {
  const out = {} as Record<ReferenceTableKey, Record<string, unknown>[]>;
  for (const [key, table] of Object.entries(REFERENCE_TABLES) as [ReferenceTableKey, PgTable][]) {
    const rows = (await db.select().from(table)) as Record<string, unknown>[];
    out[key] = rows.map((r) => fromDbRow(key, r));
  }
  return out;
}
