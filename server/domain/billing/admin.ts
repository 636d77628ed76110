/**
 * Administration codes from infusion start/stop times (R-ADMIN, reference.md §4):
 *  - first drug: push code when it lasts <= maxMinutes (15), else the initial infusion code
 *    (96413) plus additional hours (96415) = ceil((T − 60 − 30) / 60) when T > 90 minutes;
 *  - each further DIFFERENT drug given sequentially: the sequential code (96417) and, for long
 *    infusions, additional hours the same way [U].
 * Complex drugs (monoclonal antibodies) use the chemotherapy family; codes and minutes come from
 * the reference rows, never from constants here.
 */
import { minutesOfDay } from "./dates";
import { pick, type PreparedReference } from "./prepare";
import type { TAdminCodeRow } from "./reference";
import { RULES } from "./rules";
import type { Finding } from "./types";

export interface InfusionInput {
  drug: string;
  complex: boolean;
  start: string;
  end?: string | undefined;
}

export interface AdminCodeLine {
  code: string;
  units: number;
  family: "chemo" | "therapeutic";
}

export interface AdminResult {
  lines: AdminCodeLine[];
  findings: Finding[];
  /** minutes per infusion in input order; null when not computable */
  minutes: (number | null)[];
}

function role(ref: PreparedReference, family: string, r: string, dos: string): TAdminCodeRow | undefined {
  return pick(ref.adminRoles.get(family)?.get(r), dos);
}

function add(units: Map<string, AdminCodeLine>, row: TAdminCodeRow | undefined, n: number): void {
  if (!row || n <= 0) return;
  const cur = units.get(row.code);
  if (cur) cur.units += n;
  else units.set(row.code, { code: row.code, units: n, family: row.family });
}

/** Additional-hour units for an infusion of `minutes` whose primary code covers `base` minutes. */
export function additionalHourUnits(minutes: number, base: number, addl: TAdminCodeRow): number {
  const inc = addl.incrementMinutes ?? 60;
  const threshold = addl.thresholdMinutes ?? 30;
  const beyond = minutes - base - threshold;
  return beyond > 0 ? Math.ceil(beyond / inc) : 0;
}

export function adminCodesFor(ref: PreparedReference, infusions: readonly InfusionInput[], dos: string): AdminResult {
  const findings: Finding[] = [];
  const minutes: (number | null)[] = new Array<number | null>(infusions.length).fill(null);
  const units = new Map<string, AdminCodeLine>();
  const src = RULES["R-ADMIN"].source;

  const timed: { i: number; start: number; end: number; inf: InfusionInput }[] = [];
  for (let i = 0; i < infusions.length; i++) {
    const inf = infusions[i]!;
    if (inf.end === undefined) {
      findings.push({
        rule: "R-ADMIN",
        category: "administration",
        severity: "error",
        message: `The ${inf.drug} infusion started at ${inf.start} has no stop time, so the administration codes (initial hour, additional hours) cannot be determined.`,
        suggestedFix: { action: `Record the infusion stop time for ${inf.drug} from the administration record.` },
        source: src,
      });
      continue;
    }
    const s = minutesOfDay(inf.start);
    const e = minutesOfDay(inf.end);
    if (e <= s) {
      findings.push({
        rule: "R-ADMIN",
        category: "administration",
        severity: "error",
        message: `The ${inf.drug} infusion stop time ${inf.end} is not after its start time ${inf.start}.`,
        suggestedFix: { action: "Correct the infusion start/stop times." },
        source: src,
      });
      continue;
    }
    minutes[i] = e - s;
    timed.push({ i, start: s, end: e, inf });
  }
  const seenDrugs: string[] = [];
  let initialFamily: "chemo" | "therapeutic" | null = null;
  let prevEnd = -1;
  let prevDrug = "";
  if (timed.length > 1) timed.sort(byStart);
  for (const t of timed) {
    if (prevEnd > t.start) {
      findings.push({
        rule: "R-ADMIN",
        category: "administration",
        severity: "warning",
        message: `The ${t.inf.drug} infusion (${t.inf.start}) overlaps the ${prevDrug} infusion; concurrent infusions are not billed as sequential (${role(ref, t.inf.complex ? "chemo" : "therapeutic", "infusion_sequential", dos)?.code ?? "sequential code"}) [U].`,
        suggestedFix: { action: "Check the documented times; bill a concurrent infusion only as the payer allows." },
        source: src,
      });
    }
    prevEnd = Math.max(prevEnd, t.end);
    prevDrug = t.inf.drug;
  }
  // The initial service is the first complex (chemotherapy-family) drug; others are sequential.
  if (timed.length > 1) timed.sort(byComplexThenStart);
  for (const t of timed) {
    const family = t.inf.complex ? "chemo" : "therapeutic";
    const T = t.end - t.start;
    if (seenDrugs.includes(t.inf.drug)) {
      findings.push({
        rule: "R-ADMIN",
        category: "administration",
        severity: "info",
        message: `${t.inf.drug} appears twice; a second infusion of the same drug is not a sequential infusion of a different drug and gets no sequential code.`,
        source: src,
      });
      continue;
    }
    seenDrugs.push(t.inf.drug);
    const push0 = role(ref, family, "push_initial", dos);
    const isPush = push0?.maxMinutes != null && T <= push0.maxMinutes;
    const addl = role(ref, family, "infusion_additional_hour", dos);
    if (initialFamily === null) {
      initialFamily = family;
      if (isPush) add(units, push0, 1);
      else {
        const initial = role(ref, family, "infusion_initial", dos);
        add(units, initial, 1);
        if (initial && addl) add(units, addl, additionalHourUnits(T, initial.baseMinutes ?? 60, addl));
      }
    } else if (isPush) {
      add(units, role(ref, family, "push_sequential", dos), 1);
    } else {
      // A further drug after an initial chemo service is a sequential chemo (96417) or, for a
      // non-complex drug, a sequential therapeutic infusion.
      const seqFamily = family;
      const seq = role(ref, seqFamily, "infusion_sequential", dos);
      add(units, seq, 1);
      const addlSeq = role(ref, seqFamily, "infusion_additional_hour", dos);
      if (seq && addlSeq) add(units, addlSeq, additionalHourUnits(T, seq.baseMinutes ?? 60, addlSeq));
    }
  }
  return { lines: [...units.values()], findings, minutes };
}

type Timed = { start: number; inf: InfusionInput };
function byStart(a: Timed, b: Timed): number {
  return a.start - b.start;
}
function byComplexThenStart(a: Timed, b: Timed): number {
  return a.inf.complex === b.inf.complex ? a.start - b.start : a.inf.complex ? -1 : 1;
}
