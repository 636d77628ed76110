import "server-only";
import type { Db, DbOrTx } from "@/db/client";
import { readReferenceTables } from "@/db/seed/reference-loader";
import { prepareReference, validateReferenceData, type PreparedReference, type ReferenceData } from "@/server/domain/billing";
import { DomainError } from "@/server/domain/errors";

/**
 * The billing engine's reference data, read from the reference tables, validated and indexed once
 * per process. An upload of a new reference file calls `invalidateReferenceCache()`; other app
 * instances pick the change up within CACHE_MS.
 */
const CACHE_MS = 5 * 60_000;
const cache = new WeakMap<
  object,
  { at: number; value: Promise<{ data: ReferenceData; prepared: PreparedReference }>; ready?: PreparedReference }
>();

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

export function getReference(db: Db, now = Date.now()): Promise<{ data: ReferenceData; prepared: PreparedReference }> {
  const hit = cache.get(db);
  if (hit && now - hit.at < CACHE_MS) return hit.value;
  const value = loadReferenceData(db).then((data) => ({ data, prepared: prepareReference(data) }));
  const entry: { at: number; value: typeof value; ready?: PreparedReference } = { at: now, value };
  cache.set(db, entry);
  value.then((r) => (entry.ready = r.prepared)).catch(() => cache.delete(db));
  return value;
}

/**
 * The prepared reference for a write already inside a transaction: the cached one when it is loaded and
 * fresh, else read through the transaction itself. Reading through `db` from inside a transaction would
 * wait forever on the embedded database, whose one connection the transaction holds.
 */
export async function preparedReferenceIn(db: Db, tx: DbOrTx, now = Date.now()): Promise<PreparedReference> {
  const hit = cache.get(db);
  if (hit?.ready && now - hit.at < CACHE_MS) return hit.ready;
  return prepareReference(await loadReferenceData(tx));
}

export function getPreparedReference(db: Db): Promise<PreparedReference> {
  return getReference(db).then((r) => r.prepared);
}

export function invalidateReferenceCache(db: Db): void {
  cache.delete(db);
}
