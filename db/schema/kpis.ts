import { bigint, customType, date, index, pgTable, text, uuid } from "drizzle-orm/pg-core";

/** A PostgreSQL tstzrange, read and written as its text form (e.g. `("2026-07-03 20:00:00+00","2026-07-20 12:00:00+00"]`). */
const tstzrange = customType<{ data: string }>({ dataType: () => "tstzrange" });

/**
 * Payer A/R by claim as a history of balances, for the dashboards (docs/decisions/0004-dashboard-aggregates.md).
 * One row per claim and stretch of time during which its balance stays the same and is not zero:
 * for every instant x in `during` (lower bound excluded, upper included), the claim counts in the
 * A/R "as of x" with `balance`. Derived from claims, claim payments, denial write-offs and the
 * claims' infusions only; rebuilt for the claims concerned by triggers in the same transaction that
 * changes those rows (migration 0019), so it is never stale. Never written by application code.
 */
export const kpiArIntervals = pgTable(
  "kpi_ar_intervals",
  {
    practiceId: uuid("practice_id").notNull(),
    claimId: uuid("claim_id").notNull(),
    payerId: uuid("payer_id").notNull(),
    renderingProviderId: uuid("rendering_provider_id").notNull(),
    locationId: uuid("location_id").notNull(),
    /** the indications of the orders of the claim's infusions */
    indicationIds: text("indication_ids").array().notNull(),
    /** the first billing of the service (the replaced claim's submission for a re-bill), UTC date: A/R ages from it */
    billedOn: date("billed_on", { mode: "string" }).notNull(),
    during: tstzrange("during").notNull(),
    balanceCents: bigint("balance_cents", { mode: "number" }).notNull(),
  },
  (t) => [index("kpi_ar_intervals_claim_idx").on(t.claimId), index("kpi_ar_intervals_during_idx").using("gist", t.during)],
);
