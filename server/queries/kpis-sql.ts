import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { addDays, periodBounds, type Period } from "@/server/domain/kpis/period";

/**
 * Shared pieces of the KPI queries: the dashboard filter, the claim conditions it implies, and
 * running raw SQL on either driver (postgres.js returns an array, PGlite `{ rows }`).
 * Every query selects numbers cast to int or float8 so both drivers return JavaScript numbers.
 */

export interface KpiFilter extends Period {
  payerId?: string | null | undefined;
  providerId?: string | null | undefined;
  locationId?: string | null | undefined;
  indicationId?: string | null | undefined;
}

export async function rowsOf<T = Record<string, unknown>>(db: DbOrTx, q: SQL): Promise<T[]> {
  const r = await db.execute(q);
  return (Array.isArray(r) ? r : (r as unknown as { rows: T[] }).rows) as T[];
}

export async function oneRow<T = Record<string, unknown>>(db: DbOrTx, q: SQL): Promise<T> {
  const [row] = await rowsOf<T>(db, q);
  return row!;
}

/** Half-open timestamp range of the period: `col >= start and col < end`. */
export function inPeriod(col: SQL, p: Period): SQL {
  const { start, end } = periodBounds(p);
  return sql`${col} >= ${start}::timestamptz and ${col} < ${end}::timestamptz`;
}

/** The end of the period's last day, as a timestamp (for "as of" figures). */
export function periodEnd(p: Period): string {
  return periodBounds(p).end;
}

export function inDates(col: SQL, p: Period): SQL {
  return sql`${col} between ${p.from}::date and ${p.to}::date`;
}

/** The dashboard's filter on a claim aliased `c` (practice always; payer, provider, location, indication when set). */
export function claimWhere(practiceId: string, f: KpiFilter): SQL {
  const parts: SQL[] = [sql`c.practice_id = ${practiceId}`];
  if (f.payerId) parts.push(sql`c.payer_id = ${f.payerId}`);
  if (f.providerId) parts.push(sql`c.rendering_provider_id = ${f.providerId}`);
  if (f.locationId) parts.push(sql`c.location_id = ${f.locationId}`);
  // the indications of the orders of the claim's infusions, kept on the claim by triggers (migration 0044)
  if (f.indicationId) parts.push(sql`${f.indicationId} = any(c.indication_ids)`);
  return sql.join(parts, sql` and `);
}

/** A claim that still stands for its service: not cancelled, replaced or voided, and not a void itself. */
export const LIVE_CLAIM = sql`c.status not in ('cancelled', 'replaced', 'voided') and c.frequency <> 'void'`;

/** Posted claim payments, signed (a reversal carries negative amounts), aliased `cp`. */
export const POSTED = sql`cp.status = 'posted'`;
/** When a claim payment took effect. */
export const POSTED_AT = sql`coalesce(cp.posted_at, cp.created_at)`;

/**
 * The claims' first remittances that took effect in the period: a claim's first remittance is its
 * earliest posted claim payment that is not a reversal (even if it was reversed later — it is still
 * what the payer first decided), ordered by when it took effect, then creation and position.
 * Columns: claim_id, at, paid_cents, denied_cents. Read through the posted-at index, each candidate
 * checked against its claim's earlier payments (no sort of every payment of the practice).
 */
export function firstRemitsIn(practiceId: string, p: Period): SQL {
  return sql`select cp.claim_id, ${POSTED_AT} as at, cp.paid_cents, cp.denied_cents
    from claim_payments cp
    where cp.practice_id = ${practiceId} and ${POSTED} and not cp.is_reversal and cp.claim_id is not null and ${inPeriod(POSTED_AT, p)}
      and not exists (select 1 from claim_payments e
        where e.practice_id = cp.practice_id and e.claim_id = cp.claim_id and e.status = 'posted' and not e.is_reversal
          and (coalesce(e.posted_at, e.created_at), e.created_at, e.position) < (${POSTED_AT}, cp.created_at, cp.position))`;
}

/** The 91 days before the period (the task force's 3-month window; server/domain/kpis/denial-basis.ts). */
export { priorWindow } from "@/server/domain/kpis/denial-basis";

/** The 28 days ending on the period's last day (zero-pay denial rate). */
export function lastFourWeeks(p: Period): Period {
  return { from: addDays(p.to, -27), to: p.to };
}
