/**
 * The authorization ledger: per authorization and drug code, the units approved, used (infusions
 * documented or billed against it), scheduled (planned infusions inside its dates at today's dose)
 * and remaining, and the date it runs out at the current schedule. Pure integer arithmetic; the
 * service supplies each infusion's units (documented: what the claim bills; planned: the dose at the
 * current weight).
 *
 * Invariant: used + scheduled + remaining = approved. Remaining goes negative when the schedule
 * needs more than was approved; `shortUnits` and the first uncovered infusion say by how much.
 */
import { formatDate, plural } from "@/server/domain/format";

export interface LedgerAuthorization {
  id: string;
  number: string;
  hcpcs: string;
  approvedUnits: number;
  /** ISO dates, inclusive */
  startDate: string;
  endDate: string;
}

export type DoseKind = "used" | "scheduled";

export interface LedgerDose {
  administrationId: string;
  /** the date given (used) or planned (scheduled) */
  date: string;
  units: number;
  kind: DoseKind;
}

export type DoseCoverage = "covered" | "short" | "outside_dates";

export interface DoseAllocation extends LedgerDose {
  coverage: DoseCoverage;
  /** units of this dose beyond what the authorization has left (0 when covered) */
  shortBy: number;
  /** units still available to this dose before it is counted (approved − earlier doses, ≥ 0) */
  availableBefore: number;
}

export interface AuthorizationLedger {
  authorizationId: string;
  number: string;
  hcpcs: string;
  startDate: string;
  endDate: string;
  approvedUnits: number;
  usedUnits: number;
  scheduledUnits: number;
  /** approved − used − scheduled (negative: the schedule needs more units than approved) */
  remainingUnits: number;
  /** units not yet used: max(0, approved − used) */
  unusedUnits: number;
  /** units the schedule lacks: max(0, −remaining) */
  shortUnits: number;
  doses: DoseAllocation[];
  /** the last day the authorization covers at the current schedule: the end date, or the day before the first dose it cannot cover */
  coveredThrough: string;
  /** why it stops: the dates end, or the units run out first */
  runsOutBy: "end_date" | "units";
  /** the first infusion inside the dates it cannot fully cover */
  firstUncovered: DoseAllocation | null;
}

const dayMs = 86_400_000;
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}
export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / dayMs);
}

export function withinDates(a: Pick<LedgerAuthorization, "startDate" | "endDate">, date: string): boolean {
  return a.startDate <= date && date <= a.endDate;
}

/** Earlier first; on one day, what was given before what is planned (a documented dose used the units first). */
function doseOrder(a: LedgerDose, b: LedgerDose): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.kind !== b.kind) return a.kind === "used" ? -1 : 1;
  return a.administrationId < b.administrationId ? -1 : a.administrationId > b.administrationId ? 1 : 0;
}

/**
 * Computes the ledger of one authorization over the order's infusions of its drug code. Doses
 * outside the dates are listed as `outside_dates` and count for nothing.
 */
export function computeLedger(auth: LedgerAuthorization, doses: readonly LedgerDose[]): AuthorizationLedger {
  for (const d of doses) {
    if (!Number.isInteger(d.units) || d.units < 0) throw new RangeError(`units must be a non-negative integer (got ${d.units})`);
  }
  if (!Number.isInteger(auth.approvedUnits) || auth.approvedUnits < 0) throw new RangeError("approvedUnits must be a non-negative integer");
  const sorted = [...doses].sort(doseOrder);
  let consumed = 0;
  let used = 0;
  let scheduled = 0;
  const allocations: DoseAllocation[] = [];
  for (const d of sorted) {
    if (!withinDates(auth, d.date)) {
      allocations.push({ ...d, coverage: "outside_dates", shortBy: 0, availableBefore: Math.max(0, auth.approvedUnits - consumed) });
      continue;
    }
    const availableBefore = Math.max(0, auth.approvedUnits - consumed);
    const shortBy = Math.max(0, d.units - availableBefore);
    allocations.push({ ...d, coverage: shortBy > 0 ? "short" : "covered", shortBy, availableBefore });
    consumed += d.units;
    if (d.kind === "used") used += d.units;
    else scheduled += d.units;
  }
  const remaining = auth.approvedUnits - used - scheduled;
  const firstUncovered = allocations.find((a) => a.coverage === "short") ?? null;
  const coveredThrough = firstUncovered ? minDate(addDays(firstUncovered.date, -1), auth.endDate) : auth.endDate;
  return {
    authorizationId: auth.id,
    number: auth.number,
    hcpcs: auth.hcpcs,
    startDate: auth.startDate,
    endDate: auth.endDate,
    approvedUnits: auth.approvedUnits,
    usedUnits: used,
    scheduledUnits: scheduled,
    remainingUnits: remaining,
    unusedUnits: Math.max(0, auth.approvedUnits - used),
    shortUnits: Math.max(0, -remaining),
    doses: allocations,
    coveredThrough,
    runsOutBy: firstUncovered ? "units" : "end_date",
    firstUncovered,
  };
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/**
 * The authorization that applies to an infusion on `date` for `hcpcs`: the one whose dates contain
 * it. Overlapping authorizations for one order and code are refused when recorded, so at most one
 * matches; if several do (data from before that rule), the later-starting one applies.
 */
export function authorizationFor<A extends Pick<LedgerAuthorization, "hcpcs" | "startDate" | "endDate">>(auths: readonly A[], hcpcs: string, date: string): A | null {
  const covering = auths.filter((a) => a.hcpcs === hcpcs && withinDates(a, date));
  if (covering.length === 0) return null;
  return covering.reduce((best, a) => (a.startDate > best.startDate ? a : best));
}

/** Two date ranges share at least one day. */
export function rangesOverlap(a: { startDate: string; endDate: string }, b: { startDate: string; endDate: string }): boolean {
  return a.startDate <= b.endDate && b.startDate <= a.endDate;
}

/**
 * What the engine needs to check one infusion against its authorization: the units used by the
 * other infusions (so the infusion's own billed units are compared with what is left for it).
 * Only doses given or billed (kind `used`) before or on the same day count, in ledger order.
 */
export function usedBefore(ledger: AuthorizationLedger, administrationId: string): number {
  let used = 0;
  for (const d of ledger.doses) {
    if (d.administrationId === administrationId) break;
    if (d.coverage !== "outside_dates" && d.kind === "used") used += d.units;
  }
  return used;
}

export interface LedgerAlert {
  kind: "expiring" | "runs_out_before_next_dose" | "dose_outside_authorization" | "renewal_due";
  severity: "warning" | "error";
  message: string;
  /** the day that matters (expiry, the dose, the renewal date) */
  date: string;
  authorizationNumber: string | null;
}

/** Days before the end date at which an authorization is flagged as expiring. */
export const EXPIRY_THRESHOLDS = [30, 14, 7] as const;

/**
 * Alerts for the worklist and the patient page: expiring in 30/14/7 days, runs out before the next
 * scheduled dose, a scheduled dose outside any authorization, renewal due (lead time before the
 * authorization stops covering while doses remain after it).
 */
export function ledgerAlerts(
  ledgers: readonly AuthorizationLedger[],
  scheduledDoses: readonly Pick<LedgerDose, "administrationId" | "date" | "units">[],
  today: string,
  leadTimeDays: number,
): LedgerAlert[] {
  const alerts: LedgerAlert[] = [];
  const upcoming = scheduledDoses.filter((d) => d.date >= today).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const l of ledgers) {
    if (l.endDate < today) continue;
    const left = daysBetween(today, l.endDate);
    const threshold = EXPIRY_THRESHOLDS.filter((t) => left <= t).at(-1);
    if (threshold !== undefined) {
      alerts.push({
        kind: "expiring",
        severity: left <= 7 ? "error" : "warning",
        message: `Authorization ${l.number} (${l.hcpcs}) ends ${formatDate(l.endDate)}: ${left === 0 ? "today" : `in ${left} day${left === 1 ? "" : "s"}`}.`,
        date: l.endDate,
        authorizationNumber: l.number,
      });
    }
    // The next planned infusion the units cannot cover (also when an earlier given one already ran short).
    const f = l.doses.find((d) => d.kind === "scheduled" && d.date >= today && d.coverage === "short");
    if (f) {
      alerts.push({
        kind: "runs_out_before_next_dose",
        severity: "error",
        message: `Authorization ${l.number} (${l.hcpcs}) runs out before the infusion of ${formatDate(f.date)}: it needs ${f.units} units, ${f.availableBefore} are left (${l.approvedUnits} approved).`,
        date: f.date,
        authorizationNumber: l.number,
      });
    }
    const after = upcoming.filter((d) => d.date > l.coveredThrough);
    if (after.length > 0) {
      const renewBy = addDays(l.coveredThrough, -leadTimeDays);
      if (renewBy <= today) {
        alerts.push({
          kind: "renewal_due",
          severity: "warning",
          message: `Renewal due: authorization ${l.number} covers through ${formatDate(l.coveredThrough)} and ${after.length} infusion${after.length === 1 ? " is" : "s are"} planned after it (submit ${plural(leadTimeDays, "day")} ahead, by ${formatDate(renewBy)}).`,
          date: renewBy,
          authorizationNumber: l.number,
        });
      }
    }
  }
  for (const d of upcoming) {
    if (!ledgers.some((l) => withinDates(l, d.date))) {
      alerts.push({
        kind: "dose_outside_authorization",
        severity: "error",
        message: `The infusion of ${formatDate(d.date)} is outside every authorization on file.`,
        date: d.date,
        authorizationNumber: null,
      });
      break;
    }
  }
  return alerts;
}
