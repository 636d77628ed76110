/**
 * Administration codes from infusion start/stop times (R-ADMIN, reference.md §4):
 *  - one initial service per encounter: the encounter's primary drug (the order's drug) when it is a
 *    chemotherapy-family drug, whatever the clock says; otherwise the first chemotherapy-family
 *    infusion, then the first therapeutic one. Push code when it lasts <= maxMinutes (15), else the
 *    initial infusion code (96413) plus additional hours (96415) = ceil((T − 60 − 30) / 60) for T > 90;
 *  - each further DIFFERENT drug given one after the other: the sequential code (96417) and, for long
 *    infusions, additional hours the same way [U];
 *  - a chemotherapy infusion running at the same time as one already coded is concurrent and gets no
 *    code (96368, the concurrent code, belongs to the therapeutic family); a therapeutic drug running
 *    concurrently gets 96368.
 * Complex drugs (monoclonal antibodies) and chemotherapy use the chemotherapy family; codes and minutes
 * come from the reference rows, never from constants here.
 */
import { minutesOfDay } from "./dates";
import { pick, type PreparedReference } from "./prepare";
import type { TAdminCodeRow } from "./reference";
import { RULES } from "./rules";
import type { AdministrationStep, AdministrationSummary, Finding } from "./types";

export interface InfusionInput {
  drug: string;
  complex: boolean;
  start: string;
  end?: string | undefined;
  /** the encounter's primary drug (the order's drug): its infusion is the initial service */
  primary?: boolean;
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
  summary: AdministrationSummary;
  /** pairs of infusions that ran at the same time, for check-mode messages */
  concurrent: { drug: string; with: string; text: string }[];
}

function role(ref: PreparedReference, family: string, r: string, dos: string): TAdminCodeRow | undefined {
  return pick(ref.adminRoles.get(family)?.get(r), dos);
}

/** Additional-hour units for an infusion of `minutes` whose primary code covers `base` minutes. */
export function additionalHourUnits(minutes: number, base: number, addl: TAdminCodeRow): number {
  const inc = addl.incrementMinutes ?? 60;
  const threshold = addl.thresholdMinutes ?? 30;
  const beyond = minutes - base - threshold;
  return beyond > 0 ? Math.ceil(beyond / inc) : 0;
}

interface Timed {
  i: number;
  start: number;
  end: number;
  inf: InfusionInput;
  family: "chemo" | "therapeutic";
}

function span(t: Timed): string {
  return `${t.inf.start}–${t.inf.end}`;
}

function overlaps(a: Timed, b: Timed): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The infusion that is the initial service: the primary drug if chemotherapy family, else by hierarchy and clock. */
function pickInitial(timed: Timed[]): { initial: Timed; reason: string } | null {
  if (timed.length === 0) return null;
  const byStart = [...timed].sort((a, b) => a.start - b.start);
  const earliest = byStart[0]!;
  const primary = timed.find((t) => t.inf.primary && t.family === "chemo");
  if (primary) {
    const earlier = byStart.find((t) => t !== primary && t.start < primary.start && t.inf.drug !== primary.inf.drug);
    return {
      initial: primary,
      reason: earlier
        ? `${primary.inf.drug} is the primary drug of this encounter (the order's drug), so its infusion is the initial service even though ${earlier.inf.drug} started first (${earlier.inf.start}): the initial code follows the reason for the visit, not the clock.`
        : `${primary.inf.drug} is the primary drug of this encounter (the order's drug).`,
    };
  }
  const chemo = byStart.find((t) => t.family === "chemo");
  if (chemo) {
    return { initial: chemo, reason: `${chemo.inf.drug} is the first chemotherapy-family infusion; chemotherapy comes before therapeutic infusions in the coding hierarchy.` };
  }
  return { initial: earliest, reason: `${earliest.inf.drug} is the first infusion of the day.` };
}

export function adminCodesFor(ref: PreparedReference, infusions: readonly InfusionInput[], dos: string): AdminResult {
  const findings: Finding[] = [];
  const minutes: (number | null)[] = new Array<number | null>(infusions.length).fill(null);
  const units = new Map<string, AdminCodeLine>();
  const src = RULES["R-ADMIN"].source;
  const steps: AdministrationStep[] = infusions.map((inf) => ({ drug: inf.drug, start: inf.start, end: inf.end ?? null, minutes: null, role: "untimed", codes: [] }));
  const concurrent: AdminResult["concurrent"] = [];

  const add = (stepIndex: number, row: TAdminCodeRow | undefined, n: number): void => {
    if (!row || n <= 0) return;
    const cur = units.get(row.code);
    if (cur) cur.units += n;
    else units.set(row.code, { code: row.code, units: n, family: row.family });
    steps[stepIndex]!.codes.push({ code: row.code, units: n });
  };

  const timed: Timed[] = [];
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
    steps[i]!.minutes = e - s;
    timed.push({ i, start: s, end: e, inf, family: inf.complex ? "chemo" : "therapeutic" });
  }

  const chosen = pickInitial(timed);
  const coded: Timed[] = [];
  const seenDrugs: string[] = [];
  let initialCode: string | null = null;
  if (chosen) {
    const rest = timed.filter((t) => t !== chosen.initial).sort((a, b) => a.start - b.start);
    for (const t of [chosen.initial, ...rest]) {
      const step = steps[t.i]!;
      const T = t.end - t.start;
      const family = t.family;
      if (seenDrugs.includes(t.inf.drug)) {
        step.role = "repeat";
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
      if (t === chosen.initial) {
        step.role = isPush ? "push" : "initial";
        if (isPush) add(t.i, push0, 1);
        else {
          const initial = role(ref, family, "infusion_initial", dos);
          add(t.i, initial, 1);
          if (initial && addl) add(t.i, addl, additionalHourUnits(T, initial.baseMinutes ?? 60, addl));
        }
        initialCode = step.codes[0]?.code ?? null;
        coded.push(t);
        continue;
      }
      const overlap = isPush ? undefined : coded.find((c) => overlaps(c, t));
      if (overlap) {
        step.role = "concurrent";
        const text = `${t.inf.drug} (${span(t)}) ran at the same time as ${overlap.inf.drug} (${span(overlap)})`;
        concurrent.push({ drug: t.inf.drug, with: overlap.inf.drug, text });
        if (family === "chemo") {
          const seq = role(ref, "chemo", "infusion_sequential", dos);
          const conc = role(ref, "therapeutic", "infusion_concurrent", dos);
          findings.push({
            rule: "R-ADMIN",
            category: "administration",
            severity: "info",
            message: `${text}: concurrent chemotherapy infusions get no ${seq?.code ?? "sequential code"} (it is for a different drug given after the first); the concurrent code ${conc?.code ?? "96368"} belongs to the therapeutic family and does not apply.`,
            source: src,
          });
        } else {
          add(t.i, role(ref, "therapeutic", "infusion_concurrent", dos), 1);
        }
        coded.push(t);
        continue;
      }
      if (isPush) {
        step.role = "push";
        add(t.i, role(ref, family, "push_sequential", dos), 1);
      } else {
        step.role = "sequential";
        const seq = role(ref, family, "infusion_sequential", dos);
        add(t.i, seq, 1);
        const addlSeq = role(ref, family, "infusion_additional_hour", dos);
        if (seq && addlSeq) add(t.i, addlSeq, additionalHourUnits(T, seq.baseMinutes ?? 60, addlSeq));
      }
      coded.push(t);
    }
  }
  return {
    lines: [...units.values()],
    findings,
    minutes,
    summary: { initialDrug: chosen?.initial.inf.drug ?? null, initialCode, initialReason: chosen?.reason ?? null, steps },
    concurrent,
  };
}
