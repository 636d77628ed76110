import { sql } from "drizzle-orm";
import { bigint, customType, date, doublePrecision, index, integer, numeric, pgTable, smallint, text, uuid } from "drizzle-orm/pg-core";

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

/**
 * The dashboard's additive figures, per claim (docs/decisions/0004-dashboard-aggregates.md): what each
 * claim contributes to each kind of daily figure (server/queries/kpis-daily.ts names the kinds and
 * their columns), on the day that puts it in a period, with the claim's filter dimensions. Rebuilt for
 * the claims concerned by statement-level triggers (migration 0033), in the same transaction as the
 * rows it is derived from; the difference between the old and the new rows is added to kpi_daily.
 * `v` is a value to take percentiles over (days to submit, to post …), 0 for sums. Never written by
 * application code.
 */
const dailyColumns = {
  practiceId: uuid("practice_id").notNull(),
  kind: smallint("kind").notNull(),
  day: date("day", { mode: "string" }).notNull(),
  v: numeric("v").notNull(),
  payerId: uuid("payer_id").notNull(),
  providerId: uuid("provider_id").notNull(),
  locationId: uuid("location_id").notNull(),
  indicationIds: text("indication_ids").array().notNull(),
  n1: bigint("n1", { mode: "number" }).notNull(),
  n2: bigint("n2", { mode: "number" }).notNull(),
  n3: bigint("n3", { mode: "number" }).notNull(),
  n4: bigint("n4", { mode: "number" }).notNull(),
  n5: bigint("n5", { mode: "number" }).notNull(),
  n6: bigint("n6", { mode: "number" }).notNull(),
  n7: bigint("n7", { mode: "number" }).notNull(),
  n8: bigint("n8", { mode: "number" }).notNull(),
  n9: bigint("n9", { mode: "number" }).notNull(),
  n10: bigint("n10", { mode: "number" }).notNull(),
  n11: bigint("n11", { mode: "number" }).notNull(),
  n12: bigint("n12", { mode: "number" }).notNull(),
};

export const kpiClaimFacts = pgTable("kpi_claim_facts", { ...dailyColumns, claimId: uuid("claim_id").notNull() }, (t) => [index("kpi_claim_facts_claim_idx").on(t.claimId)]);

/** The filter dimensions a fact keeps (those of kpi_daily). */
const factDimensions = {
  practiceId: uuid("practice_id").notNull(),
  kind: smallint("kind").notNull(),
  day: date("day", { mode: "string" }).notNull(),
  payerId: uuid("payer_id").notNull(),
  providerId: uuid("provider_id").notNull(),
  locationId: uuid("location_id").notNull(),
  indicationIds: text("indication_ids").array().notNull(),
};

/**
 * Infusions given, per administration (migration 0035, docs/decisions/0004-dashboard-aggregates.md): kind 11
 * once per infusion documented or ready for billing, on its documented date (else the planned one), with the
 * order's provider, location and indication and no payer; kind 12 once per payer of a live claim billing it
 * (the payer filter counts an infusion under each). Rebuilt by statement-level triggers in the same
 * transaction as the rows it is derived from; the difference is added to kpi_daily. Never written by
 * application code.
 */
export const kpiInfusionFacts = pgTable("kpi_infusion_facts", { ...factDimensions, administrationId: uuid("administration_id").notNull() }, (t) => [
  index("kpi_infusion_facts_administration_idx").on(t.administrationId),
]);

/**
 * Service authorization, per claim (migration 0035): kind 13 for each live primary claim with a J9173 drug
 * line, on its date of service, with n1 = 1, n2 = authorized by the end of that day, n3 = only authorized
 * later (retro). Whether the payer requires authorization is read when asked (payer rules and setting), so
 * a rule change needs no rebuild. Rebuilt by triggers like kpi_claim_facts. Never written by application code.
 */
export const kpiAuthFacts = pgTable(
  "kpi_auth_facts",
  {
    ...factDimensions,
    claimId: uuid("claim_id").notNull(),
    n1: bigint("n1", { mode: "number" }).notNull(),
    n2: bigint("n2", { mode: "number" }).notNull(),
    n3: bigint("n3", { mode: "number" }).notNull(),
  },
  (t) => [index("kpi_auth_facts_claim_idx").on(t.claimId)],
);

/**
 * Authorization turnaround, per payer determination that answers a recorded submission (migration 0036,
 * docs/decisions/0004-dashboard-aggregates.md): on its decision date, with the request's payer, ordering provider,
 * location, indication and channel, its exact hours (as turnaroundBase in server/queries/kpis-auth.ts computes
 * them) and its whole-hour bucket. kpi_daily kind 14 counts them per bucket; a percentile reads the exact hours of
 * only the buckets that hold its ranks. Rebuilt by statement-level triggers on decisions and requests. Never
 * written by application code.
 */
export const kpiTurnaroundFacts = pgTable(
  "kpi_turnaround_facts",
  {
    practiceId: uuid("practice_id").notNull(),
    decisionId: uuid("decision_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    payerId: uuid("payer_id").notNull(),
    providerId: uuid("provider_id").notNull(),
    locationId: uuid("location_id").notNull(),
    indicationIds: text("indication_ids").array().notNull(),
    channel: text("channel"),
    bucket: integer("bucket").notNull(),
    hours: doublePrecision("hours").notNull(),
  },
  (t) => [
    index("kpi_turnaround_facts_decision_idx").on(t.decisionId),
    // every column a percentile's bucket read filters on or returns: an index-only scan of the bucket's days
    index("kpi_turnaround_facts_bucket_idx").on(t.practiceId, t.bucket, t.day, t.hours, t.payerId, t.providerId, t.locationId, t.channel, t.indicationIds),
  ],
);

/**
 * kpi_claim_facts summed by practice, kind, day (grain 'd') and month (grain 'm', day = the 1st),
 * dimensions and value: a period's figure sums its whole months and the days at its edges.
 * Never written by application code (migration 0033).
 */
export const kpiDaily = pgTable(
  "kpi_daily",
  {
    ...dailyColumns,
    grain: text("grain").notNull(),
    /**
     * Which dimensions the row keeps (the others are the nil uuid and '{}'): 0 all of them, 1 none,
     * 2 the payer, 3 the provider, 4 the location, 5 the indications, 6 the payer and the indications (kind 13
     * only, migration 0035). A period with no filter or one filter reads the rows of one dimension or none (a few
     * per month), two filters or more read all.
     */
    rollup: smallint("rollup").notNull(),
  },
  (t) => [
    // not unique: writers add their changes as new rows, merged by whoever holds the compaction lock (migration 0033)
    index("kpi_daily_key_idx").on(t.practiceId, t.kind, t.rollup, t.grain, t.day, t.payerId, t.providerId, t.locationId, t.indicationIds, t.v),
    // the A/R rows (kind 15) by rollup and dimension, then day; migration 0040 adds INCLUDE (v, n1, n2), which
    // drizzle's index builder cannot say
    index("kpi_daily_ar_idx").on(t.practiceId, t.rollup, t.payerId, t.providerId, t.locationId, t.indicationIds, t.grain, t.day).where(sql`${t.kind} = 15`),
    // authorization turnaround's bucket counts (kind 14) in an index of their own, small enough to stay in memory
    // beside a kpi_daily of gigabytes: an index-only range per period (migration 0043 adds INCLUDE (v, n1–n5))
    index("kpi_daily_turnaround_idx").on(t.practiceId, t.rollup, t.grain, t.day, t.payerId, t.providerId, t.locationId, t.indicationIds).where(sql`${t.kind} = 14`),
  ],
);
