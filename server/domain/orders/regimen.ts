/**
 * The label's regimen for an indication, as an order would be entered (the default the form
 * offers). Built from the indication's reference rows, so a new label version changes it without
 * code changes.
 */
import type { TIndicationRow, TRegimen } from "@/server/domain/billing/reference";
import { COMBINATION_DRUGS, frequencyFromWeeks, ORDER_DRUG, type CombinationDrug } from "./codes";
import type { WeightBand } from "./dose";
import type { OrderCombination, OrderPhase } from "./types";

export interface RegimenOption {
  phase: string;
  doseKind: "fixed" | "per_kg";
  doseAmount: string;
  frequency: OrderPhase["frequency"];
  maxCycles: number | null;
  note: string | null;
}

export interface LabelRegimen {
  band: WeightBand;
  phases: OrderPhase[];
  /** every labelled choice per phase, in phase order (stage III NSCLC ≥ 30 kg: 10 mg/kg q2w or 1500 mg q4w) */
  options: RegimenOption[][];
  durationMonths: number | null;
  combination: OrderCombination | null;
}

/** When an open-ended label ("until progression") gives no maximum, the calendar is planned this far ahead. */
export const DEFAULT_PLANNING_MONTHS = 12;

function toOption(r: TRegimen): RegimenOption | null {
  const frequency = frequencyFromWeeks(r.everyWeeks);
  const doseKind = r.doseMg !== null ? "fixed" : "per_kg";
  const doseAmount = r.doseMg ?? r.doseMgPerKg;
  if (!frequency || doseAmount === null) return null;
  return { phase: r.phase, doseKind, doseAmount, frequency, maxCycles: r.maxCycles, note: r.note ?? null };
}

export function combinationDrugOf(row: Pick<TIndicationRow, "drugs">): CombinationDrug | null {
  return (COMBINATION_DRUGS as readonly string[]).find((d) => row.drugs.includes(d)) as CombinationDrug | undefined ?? null;
}

/**
 * Which planned infusions carry the combination drug: its doses go with the durvalumab infusions of
 * the phase of the same name (or the first infusion when the phase is durvalumab-free, as STRIDE's
 * single priming dose); doses beyond that phase follow every second infusion after it (POSEIDON:
 * cycles 1–4, then the 5th with durvalumab dose 6 at week 16).
 */
export function defaultCombinationSchedule(phases: readonly OrderPhase[], comboPhase: string, doses: number): number[] {
  let seq = 0;
  let start = -1;
  let count = 0;
  for (const p of phases) {
    if (p.name === comboPhase && start < 0) {
      start = seq + 1;
      count = p.cycles ?? doses;
    }
    seq += p.cycles ?? 0;
  }
  if (start < 0) return doses > 0 ? [1] : [];
  const out: number[] = [];
  for (let i = 0; i < Math.min(count, doses); i++) out.push(start + i);
  let next = start + count + 1;
  while (out.length < doses) {
    out.push(next);
    next += 2;
  }
  return out;
}

export function labelRegimen(row: TIndicationRow, band: WeightBand): LabelRegimen {
  const own = row.regimens.filter((r) => r.drug === ORDER_DRUG && r.weightBand === band);
  const phaseNames: string[] = [];
  for (const r of own) if (!phaseNames.includes(r.phase)) phaseNames.push(r.phase);
  const options = phaseNames.map((name) => own.filter((r) => r.phase === name).map(toOption).filter((o): o is RegimenOption => o !== null));
  const phases: OrderPhase[] = options
    .filter((o) => o.length > 0)
    .map((o) => ({ name: o[0]!.phase, doseKind: o[0]!.doseKind, doseAmount: o[0]!.doseAmount, frequency: o[0]!.frequency, cycles: o[0]!.maxCycles }));
  const open = phases.length === 0 || phases[phases.length - 1]!.cycles === null;
  const durationMonths = row.maxDurationMonths ?? (open ? DEFAULT_PLANNING_MONTHS : null);
  let combination: OrderCombination | null = null;
  const drug = combinationDrugOf(row);
  if (drug) {
    const c = row.regimens.find((r) => r.drug === drug && r.weightBand === band);
    const amount = c ? (c.doseMg ?? c.doseMgPerKg) : null;
    if (c && amount !== null) {
      const doses = row.maxCycles[drug] ?? c.maxCycles ?? 1;
      combination = {
        drug,
        doseKind: c.doseMg !== null ? "fixed" : "per_kg",
        doseAmount: amount,
        withAdministrations: defaultCombinationSchedule(phases, c.phase, doses),
      };
    }
  }
  return { band, phases, options: options.filter((o) => o.length > 0), durationMonths, combination };
}
