import "server-only";
import { sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { referenceVersions } from "@/db/schema";
import { readReferenceTables } from "@/db/seed/reference-loader";
import { prepareReference, validateReferenceData, type PreparedReference, type ReferenceData } from "@/server/domain/billing";
import { DomainError } from "@/server/domain/errors";

/**
 * The billing engine's reference data, read from the reference tables, validated and indexed once
 * per process. Every upload of a new version adds a row to `reference_versions`, so a process checks
 * that table's stamp (a count and a sum, one small query) at most every CHECK_MS before using its copy:
 * a version loaded through one app process is used by every other within CHECK_MS, with no message
 * between processes. The upload's own process drops its copy at once (`invalidateReferenceCache`).
 */
const CHECK_MS = 2_000;
interface CacheEntry {
  checkedAt: number;
  stamp: string;
  value: Promise<{ data: ReferenceData; prepared: PreparedReference }>;
  ready?: PreparedReference;
}
const cache = new WeakMap<object, CacheEntry>();

/** Changes whenever a version of any reference table is loaded (the table is append-only). */
async function referenceStamp(db: DbOrTx): Promise<string> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int`, v: sql<number>`coalesce(sum(${referenceVersions.version}), 0)::int` })
    .from(referenceVersions);
  return `${row?.n ?? 0}:${row?.v ?? 0}`;
}

export async function loadReferenceData(db: DbOrTx): Promise<ReferenceData> {
  const raw = await readReferenceTables(db);
  const v = validateReferenceData(raw);
  if (!v.ok) {
    const first = v.errors[0]!;
    throw new DomainError(
      "REFERENCE_DATA_INVALID",
      `Reference data in the database is invalid (${v.errors.length} problems; first: ${first.table} row ${first.row + 1} ${first.field}: ${first.message}).`,
    );
  }
  return v.data;
}

export async function getReference(db: Db, now = Date.now()): Promise<{ data: ReferenceData; prepared: PreparedReference }> {
  const hit = cache.get(db);
  if (hit && now - hit.checkedAt < CHECK_MS) return hit.value;
  const stamp = await referenceStamp(db);
  if (hit && hit.stamp === stamp && cache.get(db) === hit) {
    hit.checkedAt = now;
    return hit.value;
  }
  const current = cache.get(db);
  if (current && current !== hit && current.stamp === stamp) return current.value; // loaded meanwhile
  const value = loadReferenceData(db).then((data) => ({ data, prepared: prepareReference(data) }));
  const entry: CacheEntry = { checkedAt: now, stamp, value };
  cache.set(db, entry);
  value.then((r) => (entry.ready = r.prepared)).catch(() => cache.get(db) === entry && cache.delete(db));
  return value;
}

/**
 * The prepared reference for a write already inside a transaction: the cached one when it is loaded and
 * current, else read through the transaction itself. Reading through `db` from inside a transaction would
 * wait forever on the embedded database, whose one connection the transaction holds.
 */
export async function preparedReferenceIn(db: Db, tx: DbOrTx, now = Date.now()): Promise<PreparedReference> {
  const hit = cache.get(db);
  if (hit?.ready) {
    if (now - hit.checkedAt < CHECK_MS) return hit.ready;
    if ((await referenceStamp(tx)) === hit.stamp) {
      hit.checkedAt = now;
      return hit.ready;
    }
  }
  return prepareReference(await loadReferenceData(tx));
}

export function getPreparedReference(db: Db): Promise<PreparedReference> {
  return getReference(db).then((r) => r.prepared);
}

export function invalidateReferenceCache(db: Db): void {
  cache.delete(db);
}
