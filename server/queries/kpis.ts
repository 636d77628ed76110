import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { KpiKey } from "@/server/domain/kpis/definitions";
import { dateOfEpochDay, denialBasis, denialDenominator, overHundredNote, type DenialBasis } from "@/server/domain/kpis/denial-basis";
import { daysInAr, ratio } from "@/server/domain/kpis/math";
import { periodDays, type Period } from "@/server/domain/kpis/period";
import {
  administrationBase,
  appealBase,
  arBase,
  arRawBase,
  authDenialBase,
  chargeBase,
  cleanClaimBase,
  collectionBase,
  firstPassBase,
  firstSubmissionQuery,
  initialDenialBase,
  paymentsBase,
  postBase,
  resolutionBase,
  submitBase,
  submittedBeforeBase,
  submittedInBase,
  timelyFilingBase,
  underpaymentBase,
  wasteBase,
  writeOffBase,
  zeroPayBase,
} from "./kpis-base";
import { arAggregate, arFigure } from "./kpis-ar";
import { AUTH_KPI_QUERIES, authFigures } from "./kpis-auth";
import { DAILY_KPI_QUERIES } from "./kpis-daily";
import { TURNAROUND_KPI_QUERIES } from "./kpis-turnaround";
import { oneRow, type KpiFilter } from "./kpis-sql";

/**
 * The KPI figures of the practice manager dashboards (server/domain/kpis/definitions.ts says what
 * each one means). Each group is one or a few aggregate queries over the relations of kpis-base.ts.
 */

export interface KpiFigure {
  /** the figure (a ratio 0–1 for percentages), null when there is no data to compute it from */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** how many rows the figure was computed from */
  count: number;
  /** a second figure shown beside the first (p90, the count beside a dollar figure …) */
  extra?: Record<string, number | null>;
  /** why there is no figure even with data (a module not there yet) */
  unavailable?: string;
  /** which denominator a rate used, when that depends on the data (the initial denial rates) */
  basis?: DenialBasis;
  /** something the reader must know about the figure (a rate above 100 %): shown, never hidden by a cap */
  note?: string;
}

export type KpiFigures = Partial<Record<KpiKey, KpiFigure>>;
export type KpiSection = "claims" | "denials" | "ar" | "waste" | "timeliness" | "authorizations" | "volume";

const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const nn = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function rate(num: number, den: number, count = den): KpiFigure {
  return { value: ratio(num, den), numerator: num, denominator: den, count };
}

function stat(value: number | null, count: number, extra?: Record<string, number | null>): KpiFigure {
  return { value: count === 0 ? null : value, numerator: null, denominator: null, count, ...(extra ? { extra } : {}) };
}

function total(value: number, count: number, extra?: Record<string, number | null>): KpiFigure {
  return { value: count === 0 ? null : value, numerator: value, denominator: null, count, ...(extra ? { extra } : {}) };
}

type Row = Record<string, unknown>;

type KpiQuery = (db: DbOrTx, pid: string, f: KpiFilter) => Promise<Row>;

/**
 * Every aggregate query behind the figures, straight from the source rows (the relations of
 * kpis-base.ts): the definitions. The dashboard reads most of them from maintained aggregates
 * instead (KPI_QUERIES below); tests compare both.
 */
const RAW_QUERIES = {
  cleanClaim: (db, pid, f) => oneRow(db, sql`select count(*)::int as d, count(*) filter (where hit)::int as n from (${cleanClaimBase(pid, f)}) b`),
  firstPass: (db, pid, f) => oneRow(db, sql`select count(*)::int as d, count(*) filter (where hit)::int as n from (${firstPassBase(pid, f)}) b`),
  authDenial: (db, pid, f) => oneRow(db, sql`select count(*)::int as d, count(*) filter (where hit)::int as n from (${authDenialBase(pid, f)}) b`),
  initialDenial: (db, pid, f) => oneRow(db, sql`select count(*)::int as n, coalesce(sum(amount), 0)::float8 as cents from (${initialDenialBase(pid, f)}) b`),
  submittedBefore: (db, pid, f) => oneRow(db, sql`select count(*)::int as n, coalesce(sum(amount), 0)::float8 as cents from (${submittedBeforeBase(pid, f)}) b`),
  submittedIn: (db, pid, f) => oneRow(db, sql`select count(*)::int as n, coalesce(sum(amount), 0)::float8 as cents from (${submittedInBase(pid, f)}) b`),
  // practice-wide (the filter is not read): whether the window before the period holds complete history
  firstSubmission: (db, pid) => oneRow(db, firstSubmissionQuery(pid)),
  zeroPay: (db, pid, f) => oneRow(db, sql`select count(*)::int as d, count(*) filter (where hit)::int as n from (${zeroPayBase(pid, f)}) b`),
  writeOff: (db, pid, f) => oneRow(db, sql`select count(*)::int as n, coalesce(sum(write_off_cents), 0)::float8 as cents from (${writeOffBase(pid, f)}) b`),
  payments: (db, pid, f) => oneRow(db, sql`select count(*)::int as n, coalesce(sum(amount), 0)::float8 as cents from (${paymentsBase(pid, f)}) b`),
  appeal: (db, pid, f) =>
    oneRow(
      db,
      sql`select count(*)::int as n, count(*) filter (where hit)::int as overturned,
        coalesce(sum(amount), 0)::float8 as cents, coalesce(sum(recovered_cents) filter (where hit), 0)::float8 as recovered,
        percentile_cont(0.5) within group (order by extract(epoch from (appeal_sent_at - opened_at)) / 86400.0)::float8 as median
        from (${appealBase(pid, f)}) b`,
    ),
  resolution: (db, pid, f) =>
    oneRow(
      db,
      sql`select count(*)::int as n, percentile_cont(0.5) within group (order by extract(epoch from (resolved_at - opened_at)) / 86400.0)::float8 as median,
        percentile_cont(0.9) within group (order by extract(epoch from (resolved_at - opened_at)) / 86400.0)::float8 as p90
        from (${resolutionBase(pid, f)}) b`,
    ),
  underpayment: (db, pid, f) => oneRow(db, sql`select count(*)::int as n, coalesce(sum(amount), 0)::float8 as cents from (${underpaymentBase(pid, f)}) b`),
  ar: (db, pid, f) => oneRow(db, arAggregate(arBase(pid, f))),
  charges: (db, pid, f) =>
    oneRow(db, sql`select count(*)::int as n, coalesce(sum(amount), 0)::float8 as cents, coalesce(sum(units), 0)::float8 as units from (${chargeBase(pid, f)}) b`),
  collection: (db, pid, f) =>
    oneRow(
      db,
      sql`select count(*)::int as n, coalesce(sum(paid), 0)::float8 as paid, coalesce(sum(charge), 0)::float8 as charge, coalesce(sum(contractual), 0)::float8 as contractual from (${collectionBase(pid, f)}) b`,
    ),
  waste: (db, pid, f) =>
    oneRow(
      db,
      sql`select count(*)::int as claims, coalesce(sum(waste_units), 0)::float8 as waste, coalesce(sum(drug_units), 0)::float8 as drug,
        coalesce(sum(drug_lines), 0)::int as lines, coalesce(sum(compliant_lines), 0)::int as compliant,
        coalesce(sum(round(waste_units * allowed_per_unit)) filter (where allowed_per_unit is not null and waste_units > 0), 0)::float8 as waste_cents,
        count(*) filter (where allowed_per_unit is not null and waste_units > 0)::int as priced,
        count(*) filter (where waste_units > 0)::int as with_waste
        from (${wasteBase(pid, f)}) b`,
    ),
  daysToSubmit: (db, pid, f) =>
    oneRow(db, sql`select count(*)::int as n, percentile_cont(0.5) within group (order by days)::float8 as median, avg(days)::float8 as mean from (${submitBase(pid, f)}) b`),
  daysToPost: (db, pid, f) =>
    oneRow(db, sql`select count(*)::int as n, percentile_cont(0.5) within group (order by days)::float8 as median, avg(days)::float8 as mean from (${postBase(pid, f)}) b`),
  timelyFiling: (db, pid, f) =>
    oneRow(
      db,
      sql`select count(*)::int as n, coalesce(sum(amount), 0)::float8 as cents, count(*) filter (where days_left < 0)::int as past from (${timelyFilingBase(pid, f)}) b`,
    ),
  administrations: (db, pid, f) => oneRow(db, sql`select count(*)::int as n from (${administrationBase(pid, f)}) b`),
  ...AUTH_KPI_QUERIES,
} satisfies Record<string, KpiQuery>;

/**
 * Every aggregate query behind the figures, by name (the sections below combine them; the
 * dashboard benchmark times each one): the additive figures and the day-valued distributions from
 * kpi_daily (kpis-daily.ts), authorization turnaround from kpi_daily's hour buckets and the exact hours
 * of the buckets it needs (kpis-turnaround.ts), A/R from kpi_daily's balance-interval events (kpis-ar.ts; its
 * balance history, kpi_ar_intervals, when two or more dimensions are filtered), the rest from the source rows.
 */
export const KPI_QUERIES = { ...RAW_QUERIES, ...DAILY_KPI_QUERIES, ...TURNAROUND_KPI_QUERIES, ar: arFigure } satisfies Record<string, KpiQuery>;

export type KpiQueryName = keyof typeof KPI_QUERIES;

/** The same figures computed straight from the source rows (A/R summed from the payments, not from its history). */
export const KPI_RAW_QUERIES: Record<KpiQueryName, KpiQuery> = {
  ...RAW_QUERIES,
  ar: (db, pid, f) => oneRow(db, arAggregate(arRawBase(pid, f))),
};

type Queries = typeof KPI_QUERIES;

/** KPI_QUERIES for one (db, practice, filter): a query two sections need (charges, payments) runs once. */
function onceEach(): Queries {
  const cache = new Map<string, Promise<Row>>();
  return Object.fromEntries(
    Object.entries(KPI_QUERIES).map(([k, fn]) => [
      k,
      (db: DbOrTx, pid: string, f: KpiFilter) => {
        if (!cache.has(k)) cache.set(k, fn(db, pid, f));
        return cache.get(k)!;
      },
    ]),
  ) as Queries;
}

export async function claimKpis(db: DbOrTx, pid: string, f: KpiFilter, Q: Queries = KPI_QUERIES): Promise<KpiFigures> {
  const [clean, fpy, auth] = await Promise.all([Q.cleanClaim(db, pid, f), Q.firstPass(db, pid, f), Q.authDenial(db, pid, f)]);
  return {
    cleanClaimRate: rate(n(clean.n), n(clean.d)),
    firstPassYield: rate(n(fpy.n), n(fpy.d)),
    authDenialRate: rate(n(auth.n), n(auth.d)),
  };
}

/**
 * The initial denial rates by volume and by dollars, on the basis the practice's history allows
 * (server/domain/kpis/denial-basis.ts): the task force's 3-month average when the 91 days before the
 * period are complete history, else the claims submitted in the period (read only then).
 */
async function initialDenialFigures(f: KpiFilter, denied: Row, before: Row, first: Row, submittedIn: () => Promise<Row>): Promise<KpiFigures> {
  const days = periodDays(f);
  const basis = denialBasis(f, dateOfEpochDay(nn(first.first_day)));
  const inPeriod = basis.kind === "period_submissions" ? await submittedIn() : null;
  const figure = (num: number, submittedBefore: number, submittedInPeriod: number | null, extra: Record<string, number | null>): KpiFigure => {
    const den = denialDenominator(basis, submittedBefore, submittedInPeriod ?? 0, days);
    const value = ratio(num, den);
    const note = overHundredNote(value, basis);
    return { value, numerator: num, denominator: den, count: n(denied.n), extra, basis, ...(note ? { note } : {}) };
  };
  const inN = inPeriod ? n(inPeriod.n) : null;
  const inCents = inPeriod ? n(inPeriod.cents) : null;
  return {
    initialDenialRate: figure(n(denied.n), n(before.n), inN, { submittedBefore: n(before.n), submittedInPeriod: inN }),
    initialDenialRateDollars: figure(n(denied.cents), n(before.cents), inCents, { submittedBeforeCents: n(before.cents), submittedInPeriodCents: inCents }),
  };
}

/** The basis of the initial denial rates of a period (the drill-down and the CSV say which was used). */
export async function initialDenialBasis(db: DbOrTx, pid: string, p: Period): Promise<DenialBasis> {
  return denialBasis(p, await firstSubmissionDate(db, pid));
}

/** The practice's first claim submission (UTC date), null when it has none. */
export async function firstSubmissionDate(db: DbOrTx, pid: string): Promise<string | null> {
  return dateOfEpochDay(nn((await oneRow(db, firstSubmissionQuery(pid))).first_day));
}

export async function denialKpis(db: DbOrTx, pid: string, f: KpiFilter, Q: Queries = KPI_QUERIES): Promise<KpiFigures> {
  const [denied, before, first, zero, wo, paid, appeal, resolution, under] = await Promise.all([
    Q.initialDenial(db, pid, f),
    Q.submittedBefore(db, pid, f),
    Q.firstSubmission(db, pid),
    Q.zeroPay(db, pid, f),
    Q.writeOff(db, pid, f),
    Q.payments(db, pid, f),
    Q.appeal(db, pid, f),
    Q.resolution(db, pid, f),
    Q.underpayment(db, pid, f),
  ]);
  return {
    ...(await initialDenialFigures(f, denied, before, first, () => Q.submittedIn(db, pid, f))),
    zeroPayDenialRate: rate(n(zero.n), n(zero.d)),
    denialWriteOffRate: { value: ratio(n(wo.cents), n(paid.cents)), numerator: n(wo.cents), denominator: n(paid.cents), count: n(wo.n) },
    timeToAppeal: stat(nn(appeal.median), n(appeal.n)),
    timeToResolution: stat(nn(resolution.median), n(resolution.n), { p90: nn(resolution.p90) }),
    overturnRate: rate(n(appeal.overturned), n(appeal.n)),
    overturnRateDollars: { value: ratio(n(appeal.recovered), n(appeal.cents)), numerator: n(appeal.recovered), denominator: n(appeal.cents), count: n(appeal.n) },
    underpaymentVariance: total(n(under.cents), n(under.n), { lines: n(under.n) }),
  };
}

export async function arKpis(db: DbOrTx, pid: string, f: KpiFilter, Q: Queries = KPI_QUERIES): Promise<KpiFigures> {
  const [ar, charges, coll] = await Promise.all([Q.ar(db, pid, f), Q.charges(db, pid, f), Q.collection(db, pid, f)]);
  const days = periodDays(f);
  const arCents = n(ar.cents);
  return {
    daysInAr: { value: daysInAr(arCents, n(charges.cents), days), numerator: arCents, denominator: n(charges.cents) / days, count: n(ar.n) },
    arOver90: rate(n(ar.over90), arCents, n(ar.n)),
    netCollectionRate: { value: ratio(n(coll.paid), n(coll.charge) - n(coll.contractual)), numerator: n(coll.paid), denominator: n(coll.charge) - n(coll.contractual), count: n(coll.n) },
  };
}

export async function wasteKpis(db: DbOrTx, pid: string, f: KpiFilter, Q: Queries = KPI_QUERIES): Promise<KpiFigures> {
  const w = await Q.waste(db, pid, f);
  const claims = n(w.claims);
  return {
    wasteUnits: total(n(w.waste), claims, { claimsWithWaste: n(w.with_waste) }),
    wasteDollars: total(n(w.waste_cents), n(w.priced), { claimsPriced: n(w.priced), claimsWithWaste: n(w.with_waste) }),
    wasteRate: rate(n(w.waste), n(w.waste) + n(w.drug), claims),
    jwJzCompliance: rate(n(w.compliant), n(w.lines)),
  };
}

export async function timelinessKpis(db: DbOrTx, pid: string, f: KpiFilter, Q: Queries = KPI_QUERIES): Promise<KpiFigures> {
  const [sub, post, tf] = await Promise.all([Q.daysToSubmit(db, pid, f), Q.daysToPost(db, pid, f), Q.timelyFiling(db, pid, f)]);
  return {
    daysToSubmit: stat(nn(sub.median), n(sub.n), { mean: nn(sub.mean) }),
    daysToPost: stat(nn(post.median), n(post.n), { mean: nn(post.mean) }),
    timelyFilingExposure: { value: n(tf.cents), numerator: n(tf.cents), denominator: null, count: n(tf.n), extra: { claims: n(tf.n), pastLimit: n(tf.past) } },
  };
}

export async function volumeKpis(db: DbOrTx, pid: string, f: KpiFilter, Q: Queries = KPI_QUERIES): Promise<KpiFigures> {
  const [adm, ch, pay] = await Promise.all([Q.administrations(db, pid, f), Q.charges(db, pid, f), Q.payments(db, pid, f)]);
  return {
    administrations: { value: n(adm.n), numerator: n(adm.n), denominator: null, count: n(adm.n) },
    j9173Units: { value: n(ch.units), numerator: n(ch.units), denominator: null, count: n(ch.n) },
    charges: { value: n(ch.cents), numerator: n(ch.cents), denominator: null, count: n(ch.n) },
    payments: { value: n(pay.cents), numerator: n(pay.cents), denominator: null, count: n(pay.n) },
  };
}

/** Service authorization rate and authorization turnaround (server/queries/kpis-auth.ts). */
export async function authorizationKpis(db: DbOrTx, pid: string, f: KpiFilter, Q: Queries = KPI_QUERIES): Promise<KpiFigures> {
  return authFigures(db, pid, f, Q);
}

export const KPI_SECTIONS: Record<KpiSection, (db: DbOrTx, pid: string, f: KpiFilter, q?: Queries) => Promise<KpiFigures>> = {
  claims: claimKpis,
  denials: denialKpis,
  ar: arKpis,
  waste: wasteKpis,
  timeliness: timelinessKpis,
  authorizations: authorizationKpis,
  volume: volumeKpis,
};

/** Every figure for one filter set. */
export async function allKpis(db: DbOrTx, pid: string, f: KpiFilter): Promise<KpiFigures> {
  const q = onceEach();
  const parts = await Promise.all(Object.values(KPI_SECTIONS).map((fn) => fn(db, pid, f, q)));
  return Object.assign({}, ...parts) as KpiFigures;
}
