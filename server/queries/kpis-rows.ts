import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { KpiKey } from "@/server/domain/kpis/definitions";
import {
  administrationBase,
  appealBase,
  arBase,
  authDenialBase,
  chargeBase,
  cleanClaimBase,
  collectionBase,
  firstPassBase,
  initialDenialBase,
  paymentsBase,
  postBase,
  resolutionBase,
  submitBase,
  timelyFilingBase,
  underpaymentBase,
  wasteBase,
  writeOffBase,
  zeroPayBase,
} from "./kpis-base";
import { serviceAuthBase, turnaroundRows } from "./kpis-auth";
import { oneRow, rowsOf, type KpiFilter } from "./kpis-sql";

/**
 * The rows behind a figure (drill-down): the same relation the figure aggregates, joined to the
 * claim, patient and payer for display. `counted` says whether the row is in the numerator.
 */

export interface KpiRow {
  id: string;
  claimId: string | null;
  claimNumber: string | null;
  patientId: string;
  patientName: string;
  payerName: string | null;
  dateOfService: string | null;
  /** the date that put the row in the period */
  date: string | null;
  /** claim status, work-item status or infusion status (raw key; the router puts it in words) */
  status: string;
  amountCents: number | null;
  value: number | null;
  counted: boolean | null;
  /** the prior-authorization request (authorization turnaround's rows are payer decisions) */
  requestId?: string | null;
  /** the request's channel, and whether the decision answered an appeal or peer-to-peer */
  channel?: string | null;
  onAppeal?: boolean;
}

interface Spec {
  base: (pid: string, f: KpiFilter) => SQL;
  id: string;
  date: string;
  amount: string | null;
  value: string | null;
  counted: string | null;
  /** work-item status instead of the claim's */
  status?: string;
}

const days = (a: string, b: string) => `round((extract(epoch from (${a} - ${b})) / 86400.0)::numeric, 1)`;

const claimSpec = (base: Spec["base"], o: Partial<Spec> = {}): Spec => ({ base, id: "b.claim_id", date: "b.at", amount: "c.total_charge_cents", value: null, counted: "b.hit", ...o });
const itemSpec = (base: Spec["base"], o: Partial<Spec> = {}): Spec => ({ base, id: "b.item_id", date: "b.at", amount: "b.amount", value: null, counted: null, status: "b.status", ...o });

const SPECS: Partial<Record<KpiKey, Spec>> = {
  cleanClaimRate: claimSpec(cleanClaimBase),
  firstPassYield: claimSpec(firstPassBase, { amount: "b.paid_cents" }),
  initialDenialRate: claimSpec(initialDenialBase, { amount: "b.amount" }),
  initialDenialRateDollars: claimSpec(initialDenialBase, { amount: "b.amount" }),
  authDenialRate: claimSpec(authDenialBase),
  zeroPayDenialRate: claimSpec(zeroPayBase, { id: "b.claim_payment_id", amount: "b.paid_cents" }),
  payments: claimSpec(paymentsBase, { id: "b.claim_payment_id", amount: "b.amount", counted: null }),
  denialWriteOffRate: itemSpec(writeOffBase, { amount: "b.write_off_cents" }),
  timeToAppeal: itemSpec(appealBase, { value: days("b.appeal_sent_at", "b.opened_at") }),
  overturnRate: itemSpec(appealBase, { counted: "b.hit", value: days("b.appeal_sent_at", "b.opened_at") }),
  overturnRateDollars: itemSpec(appealBase, { counted: "b.hit", value: "b.recovered_cents" }),
  timeToResolution: itemSpec(resolutionBase, { value: days("b.resolved_at", "b.opened_at") }),
  underpaymentVariance: itemSpec(underpaymentBase),
  daysInAr: claimSpec(arBase, { date: "c.submitted_at", amount: "b.balance", value: "b.age", counted: null }),
  arOver90: claimSpec(arBase, { date: "c.submitted_at", amount: "b.balance", value: "b.age", counted: "(b.age > 90)" }),
  netCollectionRate: claimSpec(collectionBase, { date: "c.date_of_service", amount: "b.paid", value: "b.contractual", counted: null }),
  wasteUnits: claimSpec(wasteBase, { date: "c.date_of_service", amount: "round(b.waste_units * b.allowed_per_unit)", value: "b.waste_units", counted: "(b.waste_units > 0)" }),
  wasteDollars: claimSpec(wasteBase, { date: "c.date_of_service", amount: "round(b.waste_units * b.allowed_per_unit)", value: "b.waste_units", counted: "(b.waste_units > 0 and b.allowed_per_unit is not null)" }),
  wasteRate: claimSpec(wasteBase, { date: "c.date_of_service", amount: null, value: "b.waste_units", counted: "(b.waste_units > 0)" }),
  jwJzCompliance: claimSpec(wasteBase, { date: "c.date_of_service", amount: null, value: "b.drug_lines - b.compliant_lines", counted: "(b.compliant_lines = b.drug_lines)" }),
  daysToSubmit: claimSpec(submitBase, { value: "b.days", counted: null }),
  daysToPost: claimSpec(postBase, { id: "b.claim_payment_id", value: "round(b.days::numeric, 1)", amount: null, counted: null }),
  timelyFilingExposure: claimSpec(timelyFilingBase, { date: "b.deadline", amount: "b.amount", value: "b.days_left", counted: "(b.days_left < 0)" }),
  serviceAuthorizationRate: claimSpec(serviceAuthBase, { date: "c.date_of_service", amount: "b.amount" }),
  j9173Units: claimSpec(chargeBase, { date: "c.date_of_service", amount: "b.amount", value: "b.units", counted: null }),
  charges: claimSpec(chargeBase, { date: "c.date_of_service", amount: "b.amount", value: "b.units", counted: null }),
};

export interface KpiRowsInput {
  page: number;
  pageSize: number;
  /** only the rows in the numerator */
  countedOnly?: boolean | undefined;
}

export async function kpiRows(db: DbOrTx, pid: string, f: KpiFilter, key: KpiKey, p: KpiRowsInput): Promise<{ items: KpiRow[]; total: number; page: number; pageSize: number }> {
  const offset = (p.page - 1) * p.pageSize;
  if (key === "authTurnaround") return { ...(await turnaroundRows(db, pid, f, p)), page: p.page, pageSize: p.pageSize };
  if (key === "administrations") {
    const base = administrationBase(pid, f);
    const [t] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from (${base}) b`);
    const items = await rowsOf<Record<string, unknown>>(
      db,
      sql`select b.administration_id as id, null as claim_id, null as claim_number, b.patient_id, pt.last_name || ', ' || pt.first_name as patient_name,
          (select py.name from claim_administrations ca join claims c on c.id = ca.claim_id join payers py on py.id = c.payer_id
            where ca.administration_id = b.administration_id and ca.active limit 1) as payer_name,
          b.service_date::text as date_of_service, b.service_date::text as date, b.status::text as status, null::float8 as amount, null::float8 as value, null::boolean as counted
        from (${base}) b join patients pt on pt.id = b.patient_id
        order by b.service_date desc, b.administration_id limit ${p.pageSize} offset ${offset}`,
    );
    return { items: items.map(toRow), total: t?.n ?? 0, page: p.page, pageSize: p.pageSize };
  }
  const spec = SPECS[key];
  if (!spec) return { items: [], total: 0, page: p.page, pageSize: p.pageSize };
  const counted = spec.counted ? sql.raw(spec.counted) : sql`null::boolean`;
  const where = p.countedOnly && spec.counted ? sql`where ${counted}` : sql``;
  const from = sql`from (${spec.base(pid, f)}) b join claims c on c.id = b.claim_id join patients pt on pt.id = c.patient_id join payers py on py.id = c.payer_id ${where}`;
  const t = await oneRow<{ n: number }>(db, sql`select count(*)::int as n ${from}`);
  const date = sql.raw(spec.date);
  const items = await rowsOf<Record<string, unknown>>(
    db,
    sql`select ${sql.raw(spec.id)}::text as id, c.id as claim_id, c.claim_number, c.patient_id, pt.last_name || ', ' || pt.first_name as patient_name,
        py.name as payer_name, c.date_of_service::text as date_of_service,
        to_char(${date}, 'YYYY-MM-DD') as date, ${sql.raw(spec.status ?? "c.status")}::text as status,
        ${sql.raw(spec.amount ?? "null")}::float8 as amount, ${sql.raw(spec.value ?? "null")}::float8 as value, ${counted} as counted
      ${from}
      order by ${counted} desc nulls last, ${date} desc nulls last, 1
      limit ${p.pageSize} offset ${offset}`,
  );
  return { items: items.map(toRow), total: t.n, page: p.page, pageSize: p.pageSize };
}

function toRow(r: Record<string, unknown>): KpiRow {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: String(r.id),
    claimId: (r.claim_id as string | null) ?? null,
    claimNumber: (r.claim_number as string | null) ?? null,
    patientId: String(r.patient_id),
    patientName: String(r.patient_name),
    payerName: (r.payer_name as string | null) ?? null,
    dateOfService: (r.date_of_service as string | null) ?? null,
    date: (r.date as string | null) ?? null,
    status: String(r.status),
    amountCents: num(r.amount),
    value: num(r.value),
    counted: r.counted === null || r.counted === undefined ? null : Boolean(r.counted),
  };
}
