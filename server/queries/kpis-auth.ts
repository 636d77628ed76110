import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { ratio } from "@/server/domain/kpis/math";
import { AWAITING_PAYER } from "@/server/domain/workflow/prior-auth";
import { claimWhere, inDates, LIVE_CLAIM, oneRow, periodEnd, rowsOf, type KpiFilter } from "./kpis-sql";

/**
 * The prior-authorization figures of the dashboards (server/domain/kpis/definitions.ts words them):
 * service authorization rate and authorization turnaround, read from the prior-authorization
 * module's tables (requests, decisions, authorizations, payer rules). As in kpis-base.ts, each
 * figure aggregates one relation and the drill-down lists the same relation's rows.
 */

/** The drug whose authorization the figures follow. */
export const AUTH_DRUG = "J9173";

/** The first instant of the day after a date column (UTC): "by the end of that day". */
const dayEnd = (col: SQL) => sql`((${col} + 1)::timestamp at time zone 'UTC')`;

/**
 * Whether the claim's payer requires authorization for J9173 on its date of service: the most
 * specific active payer rule in force that day (one for the infusion's indication over one for
 * every indication, one for initial requests over one for any kind, then the latest effective),
 * else the payer's own switch — the same order as server/domain/prior-auth/requirements.ts, judged
 * for an initial request.
 */
function requiresAuthorization(): SQL {
  return sql`coalesce((select r.required from prior_auth_rules r
      where r.practice_id = c.practice_id and r.payer_id = c.payer_id and r.hcpcs = ${AUTH_DRUG} and r.is_active
        and r.request_kind in ('any', 'initial') and r.effective_date <= c.date_of_service and (r.end_date is null or r.end_date >= c.date_of_service)
        and (r.indication_id is null or r.indication_id in (select o.indication_id from claim_administrations ca
          join administrations ad on ad.id = ca.administration_id join orders o on o.id = ad.order_id
          where ca.claim_id = c.id and ca.practice_id = c.practice_id))
      order by (r.indication_id is not null) desc, (r.request_kind <> 'any') desc, r.effective_date desc limit 1),
    py.prior_auth_required)`;
}

/** An authorization of the claim's patient and payer for J9173 whose dates cover the date of service, aliased `a`. */
const covers = sql`a.practice_id = c.practice_id and a.patient_id = c.patient_id and a.payer_id = c.payer_id and a.hcpcs = ${AUTH_DRUG}
  and c.date_of_service between a.start_date and a.end_date`;

/**
 * Service authorization rate: live primary claims with a J9173 drug line and a date of service in
 * the period, billed to a payer requiring authorization (one claim per infusion: re-bills replace,
 * secondary claims are left out). hit = an authorization covering the date of service was granted
 * by the end of that day and not replaced before it; retro = only an authorization granted later
 * covers it (retro-authorization: not counted as authorized).
 */
export function serviceAuthBase(pid: string, f: KpiFilter): SQL {
  return sql`select c.id as claim_id, c.date_of_service as at, c.total_charge_cents as amount,
      exists (select 1 from authorizations a where ${covers}
        and a.created_at < ${dayEnd(sql`c.date_of_service`)} and (a.voided_at is null or a.voided_at >= ${dayEnd(sql`c.date_of_service`)})) as hit,
      exists (select 1 from authorizations a where ${covers} and a.created_at >= ${dayEnd(sql`c.date_of_service`)} and a.voided_at is null) as retro
    from claims c join payers py on py.id = c.payer_id
    where ${claimWhere(pid, f)} and ${LIVE_CLAIM} and c.primary_claim_id is null and ${inDates(sql`c.date_of_service`, f)}
      and exists (select 1 from claim_lines l where l.claim_id = c.id and l.code = ${AUTH_DRUG} and l.kind = 'drug')
      and ${requiresAuthorization()}`;
}

/** The dashboard's filter on a prior-authorization request aliased `r` (the order's provider, location and indication). */
function requestWhere(pid: string, f: KpiFilter): SQL {
  const parts: SQL[] = [sql`r.practice_id = ${pid}`];
  if (f.payerId) parts.push(sql`r.payer_id = ${f.payerId}`);
  if (f.providerId) parts.push(sql`r.ordering_provider_id = ${f.providerId}`);
  if (f.locationId) parts.push(sql`r.location_id = ${f.locationId}`);
  if (f.indicationId) parts.push(sql`r.indication_id = ${f.indicationId}`);
  return sql.join(parts, sql` and `);
}

/**
 * Authorization turnaround: payer determinations (decisions) dated in the period that answer a
 * recorded submission, one row per determination — an initial decision, and each decision on an
 * appeal or peer-to-peer (its clock starts when the appeal went out). The determination is timed
 * when it was recorded, or at the end of the payer's decision date when it was recorded on a later
 * day. Columns: decision_id, request_id, request_number, patient_id, payer_id, channel, at,
 * submitted_at, decided_at, hours, outcome, on_appeal.
 */
export function turnaroundBase(pid: string, f: KpiFilter): SQL {
  const decided = sql`least(d.created_at, ${dayEnd(sql`d.decided_on`)})`;
  return sql`select d.id as decision_id, r.id as request_id, r.request_number, r.patient_id, r.payer_id, r.channel,
      d.decided_on as at, d.submitted_at, ${decided} as decided_at,
      greatest(extract(epoch from (${decided} - d.submitted_at)) / 3600.0, 0) as hours, d.outcome,
      exists (select 1 from prior_auth_decisions e where e.request_id = d.request_id and e.practice_id = d.practice_id
        and (e.created_at, e.id) < (d.created_at, d.id)) as on_appeal
    from prior_auth_decisions d join prior_auth_requests r on r.id = d.request_id
    where d.practice_id = ${pid} and ${requestWhere(pid, f)} and d.submitted_at is not null and ${inDates(sql`d.decided_on`, f)}`;
}

const AWAITING = sql.join(
  AWAITING_PAYER.map((s) => sql`${s}`),
  sql`, `,
);

/**
 * The aggregate queries straight from the source rows (the benchmark times each one beside the others). The
 * dashboard reads serviceAuth from kpi_daily (kpis-daily.ts) and authTurnaround from its buckets
 * (kpis-turnaround.ts); these stay the definitions both are tested against.
 */
export const AUTH_KPI_QUERIES = {
  serviceAuth: (db: DbOrTx, pid: string, f: KpiFilter) =>
    oneRow<Record<string, unknown>>(db, sql`select count(*)::int as d, count(*) filter (where hit)::int as n, count(*) filter (where retro and not hit)::int as retro from (${serviceAuthBase(pid, f)}) b`),
  authTurnaround: (db: DbOrTx, pid: string, f: KpiFilter) =>
    oneRow<Record<string, unknown>>(
      db,
      sql`select count(*)::int as n, percentile_cont(0.5) within group (order by hours)::float8 as median,
        percentile_cont(0.9) within group (order by hours)::float8 as p90,
        (select count(*)::int from prior_auth_requests r where ${requestWhere(pid, f)} and r.status in (${AWAITING})
          and r.submitted_at < ${periodEnd(f)}::timestamptz) as waiting
        from (${turnaroundBase(pid, f)}) b`,
    ),
};

const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const nn = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The two figures, in the shape of kpis.ts (KpiFigure). */
export async function authFigures(db: DbOrTx, pid: string, f: KpiFilter, q: typeof AUTH_KPI_QUERIES = AUTH_KPI_QUERIES) {
  const [sa, ta] = await Promise.all([q.serviceAuth(db, pid, f), q.authTurnaround(db, pid, f)]);
  const count = n(ta.n);
  return {
    serviceAuthorizationRate: { value: ratio(n(sa.n), n(sa.d)), numerator: n(sa.n), denominator: n(sa.d), count: n(sa.d), extra: { retroAuthorized: n(sa.retro) } },
    authTurnaround: { value: count === 0 ? null : nn(ta.median), numerator: null, denominator: null, count, extra: { p90: count === 0 ? null : nn(ta.p90), waiting: n(ta.waiting) } },
  };
}

/**
 * Authorization turnaround by payer and by channel straight from the determinations (same rows as the figure):
 * the definition that turnaroundBreakdown (kpis-turnaround.ts, what the dashboard reads) reproduces from the
 * maintained aggregates; tests compare both.
 */
export async function turnaroundBreakdownRaw(db: DbOrTx, pid: string, f: KpiFilter): Promise<{ by: "payer" | "channel"; payerId: string | null; payerName: string | null; channel: string | null; n: number; median: number | null; p90: number | null }[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`select case when grouping(b.channel) = 1 then 'payer' else 'channel' end as by, b.payer_id, py.name as payer_name, b.channel::text as channel, count(*)::int as n,
        percentile_cont(0.5) within group (order by b.hours)::float8 as median, percentile_cont(0.9) within group (order by b.hours)::float8 as p90
      from (${turnaroundBase(pid, f)}) b join payers py on py.id = b.payer_id
      group by grouping sets ((b.payer_id, py.name), (b.channel))
      order by 1 desc, py.name, b.channel nulls last`,
  );
  return rows.map((r) => ({
    by: r.by === "payer" ? ("payer" as const) : ("channel" as const),
    payerId: (r.payer_id as string | null) ?? null,
    payerName: (r.payer_name as string | null) ?? null,
    channel: (r.channel as string | null) ?? null,
    n: n(r.n),
    median: nn(r.median),
    p90: nn(r.p90),
  }));
}

/** The rows behind authorization turnaround (one per determination), in the drill-down's shape. */
export async function turnaroundRows(db: DbOrTx, pid: string, f: KpiFilter, p: { page: number; pageSize: number }) {
  const base = turnaroundBase(pid, f);
  const t = await oneRow<{ n: number }>(db, sql`select count(*)::int as n from (${base}) b`);
  const items = await rowsOf<Record<string, unknown>>(
    db,
    sql`select b.decision_id::text as id, b.request_id::text as request_id, b.request_number, b.patient_id, pt.last_name || ', ' || pt.first_name as patient_name,
        py.name as payer_name, r.first_dose_date::text as date_of_service, b.at::text as date, b.outcome::text as status, b.channel::text as channel,
        round(b.hours::numeric, 1)::float8 as value, b.on_appeal
      from (${base}) b join prior_auth_requests r on r.id = b.request_id join patients pt on pt.id = b.patient_id join payers py on py.id = b.payer_id
      order by b.at desc, b.decided_at desc, b.decision_id
      limit ${p.pageSize} offset ${(p.page - 1) * p.pageSize}`,
  );
  return {
    total: t.n,
    items: items.map((r) => ({
      id: String(r.id),
      requestId: String(r.request_id),
      claimId: null,
      claimNumber: String(r.request_number),
      patientId: String(r.patient_id),
      patientName: String(r.patient_name),
      payerName: (r.payer_name as string | null) ?? null,
      dateOfService: (r.date_of_service as string | null) ?? null,
      date: (r.date as string | null) ?? null,
      status: String(r.status),
      channel: (r.channel as string | null) ?? null,
      onAppeal: Boolean(r.on_appeal),
      amountCents: null,
      value: nn(r.value),
      counted: null,
    })),
  };
}
