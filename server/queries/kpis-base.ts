import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { addDays, type Period } from "@/server/domain/kpis/period";
import { claimWhere, firstRemitsIn, inDates, inPeriod, LIVE_CLAIM, lastFourWeeks, periodEnd, POSTED, POSTED_AT, priorWindow, type KpiFilter } from "./kpis-sql";

/**
 * The rows behind each KPI, as SQL relations. A figure aggregates its relation
 * (server/queries/kpis.ts); the drill-down lists the same relation's rows (kpis-rows.ts), so the
 * rows a manager opens are exactly the rows that were counted. Every relation has `claim_id` (or
 * an id of its own) and `hit` (the row counts in the numerator) where the KPI is a ratio.
 */

/** Clean claim rate: claims submitted in the period (voids excluded); hit = no manual touch. */
export function cleanClaimBase(pid: string, f: KpiFilter): SQL {
  return sql`select c.id as claim_id, c.submitted_at as at,
      (c.revision = 1 and c.rejected_at is null and c.original_claim_id is null
        and not exists (select 1 from claim_overrides co where co.claim_id = c.id)) as hit
    from claims c
    where ${claimWhere(pid, f)} and c.frequency <> 'void' and c.submitted_at is not null and ${inPeriod(sql`c.submitted_at`, f)}`;
}

/** Claims first adjudicated in the period, with their first remittance. */
function firstAdjudicated(pid: string, f: KpiFilter): SQL {
  return sql`from (${firstRemitsIn(pid, f)}) fr join claims c on c.id = fr.claim_id
    where ${claimWhere(pid, f)} and c.frequency <> 'void' and ${inPeriod(sql`fr.at`, f)}`;
}

/** First-pass yield: hit = first remittance denied nothing, never rejected, not a re-bill. */
export function firstPassBase(pid: string, f: KpiFilter): SQL {
  return sql`select c.id as claim_id, fr.at, fr.paid_cents, fr.denied_cents,
      (fr.denied_cents = 0 and c.rejected_at is null and c.original_claim_id is null) as hit
    ${firstAdjudicated(pid, f)}`;
}

/** Initial denials: original claims whose first remittance (posted in the period) denied all or part. */
export function initialDenialBase(pid: string, f: KpiFilter): SQL {
  return sql`select c.id as claim_id, fr.at, fr.denied_cents as amount, true as hit
    ${firstAdjudicated(pid, f)} and c.original_claim_id is null and c.frequency = 'original' and fr.denied_cents > 0`;
}

/** Original claims (not re-bills, not voids) submitted in `p`, with the dashboard's filter. */
function submittedOriginalsBase(pid: string, f: KpiFilter, p: Period): SQL {
  return sql`select c.id as claim_id, c.submitted_at as at, c.total_charge_cents as amount
    from claims c
    where ${claimWhere(pid, f)} and c.original_claim_id is null and c.frequency = 'original' and c.submitted_at is not null
      and ${inPeriod(sql`c.submitted_at`, p)}`;
}

/** The denominator of the initial denial rates: original claims submitted in the 91 days before the period. */
export function submittedBeforeBase(pid: string, f: KpiFilter): SQL {
  return submittedOriginalsBase(pid, f, priorWindow(f));
}

/**
 * The denominator of the initial denial rates when the 91 days before the period hold only part of the
 * practice's history (server/domain/kpis/denial-basis.ts): original claims submitted in the period.
 */
export function submittedInBase(pid: string, f: KpiFilter): SQL {
  return submittedOriginalsBase(pid, f, f);
}

/**
 * The practice's first claim submission, as days since 1970-01-01 (UTC), null when it has none: whether
 * the averaging window holds complete history. Practice-wide, whatever the filter; one entry of
 * claims_practice_submitted_idx (practice_id, submitted_at) read by the planner's min/max rewrite.
 */
export function firstSubmissionQuery(pid: string): SQL {
  return sql`select ((min(c.submitted_at) at time zone 'UTC')::date - date '1970-01-01')::int as first_day
    from claims c where c.practice_id = ${pid} and c.submitted_at is not null`;
}

/** Authorization-related denials among claims first adjudicated in the period for payers requiring authorization. */
export function authDenialBase(pid: string, f: KpiFilter): SQL {
  return sql`select c.id as claim_id, fr.at,
      exists (select 1 from claim_payments cp2 join remittance_adjustments ra on ra.claim_payment_id = cp2.id
        where cp2.claim_id = c.id and cp2.practice_id = c.practice_id and cp2.status = 'posted' and not cp2.is_reversal
          and ra.kind = 'denial' and ra.category = 'authorization') as hit
    ${firstAdjudicated(pid, f)} and exists (select 1 from payers py where py.id = c.payer_id and py.prior_auth_required)`;
}

/** Zero-pay denial rate: primary payers' claim remittances (not reversals) posted in the 4 weeks ending on the period's last day. */
export function zeroPayBase(pid: string, f: KpiFilter): SQL {
  return sql`select cp.id as claim_payment_id, c.id as claim_id, ${POSTED_AT} as at, cp.paid_cents, cp.denied_cents,
      (cp.paid_cents = 0 and cp.denied_cents > 0) as hit
    from claim_payments cp join claims c on c.id = cp.claim_id join coverages cv on cv.id = c.coverage_id
    where cp.practice_id = ${pid} and ${POSTED} and not cp.is_reversal and cv.priority = 'primary'
      and ${claimWhere(pid, f)} and ${inPeriod(POSTED_AT, lastFourWeeks(f))}`;
}

/** Net payer payments posted in the period (signed: reversals subtract). */
export function paymentsBase(pid: string, f: KpiFilter): SQL {
  return sql`select cp.id as claim_payment_id, c.id as claim_id, ${POSTED_AT} as at, cp.paid_cents as amount, cp.file_id
    from claim_payments cp join claims c on c.id = cp.claim_id
    where cp.practice_id = ${pid} and ${POSTED} and ${claimWhere(pid, f)} and ${inPeriod(POSTED_AT, f)}`;
}

/** Denial work items whose `dateCol` falls in the period (kind denial unless said). */
export function workItemBase(pid: string, f: KpiFilter, dateCol: "appeal_sent_at" | "resolved_at" | "created_at", extra: SQL, kind: "denial" | "underpayment" = "denial"): SQL {
  const col = sql.raw(`w.${dateCol}`);
  return sql`select w.id as item_id, c.id as claim_id, ${col} as at, w.created_at as opened_at, w.appeal_sent_at, w.resolved_at,
      w.amount_cents as amount, w.write_off_cents, w.recovered_cents, w.outcome, w.status, w.category,
      (w.outcome in ('overturned', 'partially_overturned')) as hit
    from denial_work_items w join claims c on c.id = w.claim_id
    where w.practice_id = ${pid} and w.kind = ${kind} and ${claimWhere(pid, f)} and ${col} is not null and ${inPeriod(col, f)} and ${extra}`;
}

export const writeOffBase = (pid: string, f: KpiFilter) => workItemBase(pid, f, "resolved_at", sql`w.status = 'written_off'`);
export const appealBase = (pid: string, f: KpiFilter) => workItemBase(pid, f, "appeal_sent_at", sql`true`);
export const resolutionBase = (pid: string, f: KpiFilter) => workItemBase(pid, f, "resolved_at", sql`w.status in ('resolved', 'written_off')`);
export const underpaymentBase = (pid: string, f: KpiFilter) => workItemBase(pid, f, "created_at", sql`true`, "underpayment");

/**
 * Payer A/R on the period's last day, read from the claims' balance history (kpi_ar_intervals, kept
 * in step with the source rows by triggers — migration 0019): the same rows as arRawBase (the
 * consistency tests compare both after every kind of write), without summing each claim's
 * remittances again. Columns: claim_id, payer_id, balance, age.
 */
export function arBase(pid: string, f: KpiFilter): SQL {
  const parts: SQL[] = [sql`a.practice_id = ${pid}`, sql`a.during @> ${periodEnd(f)}::timestamptz`];
  if (f.payerId) parts.push(sql`a.payer_id = ${f.payerId}`);
  if (f.providerId) parts.push(sql`a.rendering_provider_id = ${f.providerId}`);
  if (f.locationId) parts.push(sql`a.location_id = ${f.locationId}`);
  if (f.indicationId) parts.push(sql`${f.indicationId} = any(a.indication_ids)`);
  return sql`select a.claim_id, a.payer_id, a.balance_cents as balance, (${f.to}::date - a.billed_on) as age
    from kpi_ar_intervals a where ${sql.join(parts, sql` and `)}`;
}

/**
 * Payer A/R on the period's last day, one row per claim with a balance: charges of claims submitted
 * by then, less what remittances posted by then paid, adjusted contractually or moved to the patient,
 * less denial write-offs completed by then. A claim drops out once replaced or voided by a claim
 * submitted by then, or closed by then. Age runs from the first billing of the service (the
 * replaced claim's submission for a re-bill). Straight from the source rows: the definition that
 * kpi_ar_intervals must reproduce (tests and the benchmark's naive figure).
 */
export function arRawBase(pid: string, f: KpiFilter): SQL {
  const end = periodEnd(f);
  return sql`select * from (
    select c.id as claim_id, c.payer_id,
      c.total_charge_cents
        - coalesce((select sum(cp.paid_cents + cp.contractual_cents + cp.patient_cents) from claim_payments cp
            where cp.claim_id = c.id and cp.practice_id = c.practice_id and ${POSTED} and ${POSTED_AT} < ${end}::timestamptz), 0)
        - coalesce((select sum(w.write_off_cents) from denial_work_items w
            where w.claim_id = c.id and w.practice_id = c.practice_id and w.status = 'written_off' and w.resolved_at < ${end}::timestamptz), 0) as balance,
      (${f.to}::date - (coalesce(oc.submitted_at, c.submitted_at) at time zone 'UTC')::date) as age
    from claims c left join claims oc on oc.id = c.original_claim_id
    where ${claimWhere(pid, f)} and c.frequency <> 'void' and c.status <> 'cancelled'
      and c.submitted_at < ${end}::timestamptz
      and not (c.status = 'closed' and c.closed_at < ${end}::timestamptz)
      and not exists (select 1 from claims r where r.original_claim_id = c.id and r.practice_id = c.practice_id
        and r.submitted_at < ${end}::timestamptz and r.status <> 'cancelled')
  ) ar where balance <> 0`;
}

/** Live claims with a date of service in the period (volume, waste, net collection, average daily charges). */
export function serviceClaims(pid: string, f: KpiFilter): SQL {
  return sql`from claims c where ${claimWhere(pid, f)} and ${LIVE_CLAIM} and ${inDates(sql`c.date_of_service`, f)}`;
}

/** Net collection: per live claim of the period, charges, posted payments and contractual adjustments (signed), summed per claim of the period only. */
export function collectionBase(pid: string, f: KpiFilter): SQL {
  return sql`select c.id as claim_id, c.date_of_service as dos, c.total_charge_cents as charge,
      coalesce(p.paid, 0) as paid, coalesce(p.contractual, 0) as contractual
    from claims c left join lateral (
      select sum(cp.paid_cents) as paid, sum(cp.contractual_cents) as contractual
      from claim_payments cp where cp.practice_id = c.practice_id and cp.claim_id = c.id and ${POSTED}
    ) p on true
    where ${claimWhere(pid, f)} and ${LIVE_CLAIM} and ${inDates(sql`c.date_of_service`, f)}`;
}

/**
 * Waste per live claim of the period with drug lines: J9173 JW and administered units, single-dose-vial
 * drug lines and the compliant ones, and the allowed per J9173 unit from the claim's active remittance.
 */
export function wasteBase(pid: string, f: KpiFilter): SQL {
  return sql`select c.id as claim_id, c.date_of_service as dos,
      coalesce(sum(l.units) filter (where l.code = 'J9173' and l.kind = 'waste'), 0) as waste_units,
      coalesce(sum(l.units) filter (where l.code = 'J9173' and l.kind = 'drug'), 0) as drug_units,
      count(*) as drug_lines,
      count(*) filter (where l.modifiers @> '["JW"]'::jsonb or l.modifiers @> '["JZ"]'::jsonb
        or (l.kind = 'drug' and exists (select 1 from claim_lines j where j.claim_id = l.claim_id and j.code = l.code and j.modifiers @> '["JW"]'::jsonb))) as compliant_lines,
      (select sum(pl.allowed_cents)::float8 / nullif(sum(pl.units), 0)::float8
        from claim_payment_lines pl join claim_payments cp on cp.id = pl.claim_payment_id join claim_lines dl on dl.id = pl.claim_line_id
        where cp.claim_id = c.id and cp.practice_id = c.practice_id and ${POSTED} and not cp.is_reversal and cp.reversed_by_claim_payment_id is null
          and dl.code = 'J9173' and dl.kind = 'drug') as allowed_per_unit
    from claims c join claim_lines l on l.claim_id = c.id and l.kind in ('drug', 'waste')
    where ${claimWhere(pid, f)} and ${LIVE_CLAIM} and ${inDates(sql`c.date_of_service`, f)}
    group by c.id, c.practice_id`;
}

/** Days to submit: original claims submitted in the period. */
export function submitBase(pid: string, f: KpiFilter): SQL {
  return sql`select c.id as claim_id, c.submitted_at as at,
      ((c.submitted_at at time zone 'UTC')::date - c.date_of_service) as days
    from claims c
    where ${claimWhere(pid, f)} and c.original_claim_id is null and c.frequency = 'original' and c.submitted_at is not null
      and ${inPeriod(sql`c.submitted_at`, f)}`;
}

/** Days to post: claim payments posted in the period, from the 835's arrival. */
export function postBase(pid: string, f: KpiFilter): SQL {
  return sql`select cp.id as claim_payment_id, c.id as claim_id, ${POSTED_AT} as at, rf.uploaded_at as received_at,
      extract(epoch from (${POSTED_AT} - rf.uploaded_at)) / 86400.0 as days
    from claim_payments cp join claims c on c.id = cp.claim_id join remittance_files rf on rf.id = cp.file_id
    where cp.practice_id = ${pid} and ${POSTED} and ${claimWhere(pid, f)} and ${inPeriod(POSTED_AT, f)}`;
}

/** Days before the filing limit warns. */
export const TIMELY_FILING_WINDOW_DAYS = 30;

/** Timely-filing exposure: unsent or rejected claims whose payer's filing limit ends within 30 days of the period's last day (or has ended). */
export function timelyFilingBase(pid: string, f: KpiFilter): SQL {
  return sql`select c.id as claim_id, c.total_charge_cents as amount,
      (c.date_of_service + py.timely_filing_days) as deadline,
      ((c.date_of_service + py.timely_filing_days) - ${f.to}::date) as days_left
    from claims c join payers py on py.id = c.payer_id
    where ${claimWhere(pid, f)} and c.status in ('draft', 'ready', 'batched', 'rejected') and c.frequency <> 'void'
      and py.timely_filing_days is not null and c.created_at < ${periodEnd(f)}::timestamptz
      and (c.date_of_service + py.timely_filing_days) < ${addDays(f.to, TIMELY_FILING_WINDOW_DAYS)}::date`;
}

/**
 * Infusions given in the period (documented or ready for billing), by the documented date (else the
 * planned date). Provider, location and indication are the order's; the payer is the live claim's
 * (an infusion not billed yet drops out when a payer is chosen).
 */
export function administrationBase(pid: string, f: KpiFilter): SQL {
  const parts: SQL[] = [sql`a.practice_id = ${pid}`, sql`a.status in ('documented', 'ready_for_billing')`];
  if (f.providerId) parts.push(sql`o.ordering_provider_id = ${f.providerId}`);
  if (f.locationId) parts.push(sql`o.location_id = ${f.locationId}`);
  if (f.indicationId) parts.push(sql`o.indication_id = ${f.indicationId}`);
  if (f.payerId) {
    parts.push(sql`exists (select 1 from claim_administrations ca join claims c on c.id = ca.claim_id
      where ca.administration_id = a.id and ca.active and ca.practice_id = a.practice_id and c.payer_id = ${f.payerId})`);
  }
  return sql`select a.id as administration_id, a.patient_id, o.id as order_id, o.indication_id, coalesce(d.actual_date, a.planned_date) as service_date, a.status
    from administrations a join orders o on o.id = a.order_id
      left join administration_documentation d on d.administration_id = a.id and d.is_current
    where ${sql.join(parts, sql` and `)} and ${inDates(sql`coalesce(d.actual_date, a.planned_date)`, f)}`;
}

/** Live claims of the period with their J9173 administered units. */
export function chargeBase(pid: string, f: KpiFilter): SQL {
  return sql`select c.id as claim_id, c.date_of_service as dos, c.total_charge_cents as amount,
      coalesce((select sum(l.units) from claim_lines l where l.claim_id = c.id and l.code = 'J9173' and l.kind = 'drug'), 0) as units
    ${serviceClaims(pid, f)}`;
}
