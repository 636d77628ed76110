/**
 * The checks an order gets while it is entered and again when it is signed: diagnoses and
 * indication (R-DX, R-INDICATION, through the billing engine's `checkDiagnoses`), the 30 kg rule and
 * labelled doses (R-WEIGHT, R-DOSE), and the label's maximum duration / cycles (R-DURATION). Every
 * limit comes from the indication's reference data. Each finding names the form field it belongs to.
 */
import { addMonths } from "@/server/domain/billing/dates";
import { checkDiagnoses } from "@/server/domain/billing/diagnosis";
import { formatMilli } from "@/server/domain/billing/exact";
import { pick, stripDot, type PreparedIndication, type PreparedReference } from "@/server/domain/billing/prepare";
import { RULES } from "@/server/domain/billing/rules";
import { formatDate, icdWithDot } from "@/server/domain/format";
import type { Finding, RuleId, Severity } from "@/server/domain/billing/types";
import { DomainError } from "../errors";
import { FREQUENCY_WEEKS, MAX_ORDER_DIAGNOSES, ORDER_DRUG } from "./codes";
import { generateCalendar } from "./calendar";
import { decimalToMilli, doseMilli, weightBand } from "./dose";
import { combinationDrugOf } from "./regimen";
import type { OrderPlan, PlannedAdministration } from "./types";

export interface OrderFinding {
  /** the form field the finding is shown next to: indicationId, diagnoses.0, phases.1.doseAmount … */
  field: string;
  rule: RuleId;
  severity: Severity;
  message: string;
  suggestedFix?: string;
  source: string;
  /** a finding the clinician's documented reason can turn into a warning (R-WEIGHT: fixed dose under 30 kg) */
  overridable?: "weight_dose";
}

export interface OrderCheckInput {
  indicationId?: string | undefined;
  diagnoses?: readonly string[] | undefined;
  weightKg?: string | undefined;
  startDate?: string | undefined;
  phases?: OrderPlan["phases"] | undefined;
  durationMonths?: number | null | undefined;
  combination?: OrderPlan["combination"] | undefined;
  /** the clinician's documented reason for a fixed dose below the weight threshold, when recorded on the order */
  weightDoseOverrideReason?: string | null | undefined;
}

export interface OrderCheckResult {
  findings: OrderFinding[];
  /** the calendar the plan would produce, when it is complete enough to build one */
  calendar: PlannedAdministration[] | null;
  /** mg per infusion for each phase at the entered weight (exact decimal strings), null when unknown */
  phaseDosesMg: (string | null)[];
  /** whether anything blocks signing */
  hasErrors: boolean;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function fitsIndication(ind: PreparedIndication, code: string): boolean {
  return ind.prefixes.length === 0 || ind.prefixes.some((p) => stripDot(code).startsWith(p));
}

function fromEngine(f: Finding, field: string): OrderFinding {
  const out: OrderFinding = { field, rule: f.rule, severity: f.severity, message: f.message, source: f.source };
  if (f.suggestedFix) out.suggestedFix = f.suggestedFix.action;
  return out;
}

function regimenText(r: { doseMgMilli: number | null; doseMgPerKgMilli: number | null; everyWeeks: number | null }): string {
  const dose = r.doseMgMilli !== null ? `${formatMilli(r.doseMgMilli)} mg` : `${formatMilli(r.doseMgPerKgMilli ?? 0)} mg/kg`;
  return r.everyWeeks ? `${dose} q${r.everyWeeks}w` : dose;
}

/**
 * R-WEIGHT: a fixed dose for a patient under the label's weight threshold. An error that blocks
 * signing, with the weight-based dose and how many times it the order is; the clinician's documented
 * reason recorded on the order turns it into a warning quoting that reason.
 */
function fixedDoseBelowThreshold(
  cands: readonly PreparedIndication["regimens"][number][],
  p: { field: string; kg: string; threshold: string; weightMilli: number; amount: number; reason: string | null },
): OrderFinding {
  const wb = cands.find((r) => r.doseMgPerKgMilli !== null);
  const wbMilli = wb ? doseMilli("per_kg", wb.doseMgPerKgMilli!, p.weightMilli) : 0;
  const hint = wb ? `: ${formatMilli(wb.doseMgPerKgMilli!)} mg/kg × ${p.kg} = ${formatMilli(wbMilli)} mg` : "";
  const base = `The patient weighs ${p.kg}, below ${p.threshold}, where the US label doses by weight${hint}; the order is a fixed ${formatMilli(p.amount)} mg`;
  if (p.reason) {
    return {
      field: p.field,
      rule: "R-WEIGHT",
      severity: "warning",
      message: `${base}, with the clinician's documented reason: “${p.reason}”.`,
      suggestedFix: "Keep the clinician's reason with the record; the payer may ask for it.",
      source: RULES["R-WEIGHT"].source,
    };
  }
  return {
    field: p.field,
    rule: "R-WEIGHT",
    severity: "error",
    message: `${base}${wbMilli > 0 ? `, ${formatMilli(Math.round((p.amount * 10) / wbMilli) * 100)} times that dose` : ""}.`,
    suggestedFix: `Change the dose to the weight-based ${wbMilli > 0 ? `${formatMilli(wbMilli)} mg` : "dose"}, or record the clinician's documented reason for the fixed dose.`,
    source: RULES["R-WEIGHT"].source,
    overridable: "weight_dose",
  };
}

/** ICD-10-CM codes must exist in the reference list on `dos` and be billable (full length). */
export function diagnosisErrors(ref: PreparedReference, diagnoses: readonly string[], dos: string): OrderFinding[] {
  const out: OrderFinding[] = [];
  const seen = new Set<string>();
  diagnoses.forEach((code, i) => {
    const c = stripDot(code);
    const field = `diagnoses.${i}`;
    if (seen.has(c)) {
      out.push({ field, rule: "R-DX", severity: "error", message: `${icdWithDot(code)} is listed twice.`, source: RULES["R-DX"].source });
      return;
    }
    seen.add(c);
    const row = pick(ref.icdByCode.get(c), dos);
    if (!row) {
      out.push({
        field,
        rule: "R-DX",
        severity: "error",
        message: `${icdWithDot(code)} is not in the ICD-10-CM reference list in force on ${formatDate(dos)}.`,
        suggestedFix: "Check the code against the record; pick it from the list.",
        source: RULES["R-DX"].source,
      });
    } else if (!row.billable) {
      const examples = (ref.icdBillableChildren.get(c) ?? []).slice(0, 3).map(icdWithDot).join(", ");
      out.push({
        field,
        rule: "R-DX",
        severity: "error",
        message: `${icdWithDot(code)} (${row.description}) is a category code and not billable${examples ? `; use the full code, e.g. ${examples}` : ""}.`,
        source: RULES["R-DX"].source,
      });
    }
  });
  if (diagnoses.length > MAX_ORDER_DIAGNOSES) {
    out.push({ field: "diagnoses", rule: "R-DX", severity: "error", message: `A claim carries at most ${MAX_ORDER_DIAGNOSES} diagnoses.`, source: RULES["R-DX"].source });
  }
  return out;
}

export function checkOrder(ref: PreparedReference, input: OrderCheckInput, today: string): OrderCheckResult {
  const findings: OrderFinding[] = [];
  const dos = input.startDate ?? today;
  const diagnoses = input.diagnoses ?? [];
  const ind = input.indicationId ? (ref.indicationsById.get(input.indicationId) ?? null) : null;
  const combo = input.combination ?? null;
  const weightMilli = input.weightKg ? decimalToMilli(input.weightKg) : null;

  // Diagnoses and indication
  findings.push(...diagnosisErrors(ref, diagnoses, dos));
  if (input.indicationId && !ind) {
    findings.push({ field: "indicationId", rule: "R-INDICATION", severity: "error", message: `Unknown indication "${input.indicationId}".`, source: RULES["R-INDICATION"].source });
  }
  if (ind) {
    const drugs = [ORDER_DRUG, ...(combo ? [combo.drug] : [])];
    const engine: Finding[] = [];
    checkDiagnoses(ref, { diagnoses: [...diagnoses], indication: ind.row.id, drugs, dos }, engine);
    for (const f of engine) {
      if (f.rule === "R-DX") {
        // Non-billable codes are reported per field above; an empty list is reported below.
        if (diagnoses.length === 0 || / is a category code /.test(f.message)) continue;
        findings.push(fromEngine(f, "diagnoses"));
      } else {
        findings.push(fromEngine(f, f.message.includes(" is not part of the labelled regimen") ? "combination.drug" : "indicationId"));
      }
    }
    if (diagnoses.length > 0 && ind.prefixes.length > 0 && !fitsIndication(ind, diagnoses[0]!) && diagnoses.some((d) => fitsIndication(ind, d))) {
      findings.push({
        field: "diagnoses.0",
        rule: "R-DX",
        severity: "warning",
        message: `The principal diagnosis ${icdWithDot(diagnoses[0]!)} is not the cancer treated for “${ind.row.name}” (${ind.row.icd10Prefixes.join(", ")}); put that diagnosis first.`,
        source: RULES["R-DX"].source,
      });
    }
    const comboDrug = combinationDrugOf(ind.row);
    if (comboDrug && !combo) {
      findings.push({
        field: "combination.drug",
        rule: "R-INDICATION",
        severity: "info",
        message: `The labelled regimen for “${ind.row.name}” includes ${comboDrug}; add it to the order if it is given.`,
        source: RULES["R-INDICATION"].source,
      });
    }
  }
  if (diagnoses.length === 0) {
    findings.push({ field: "diagnoses", rule: "R-DX", severity: "error", message: "Enter the principal diagnosis (ICD-10-CM).", source: RULES["R-DX"].source });
  }

  // Dose, 30 kg rule
  const phases = input.phases ?? [];
  const phaseDosesMg: (string | null)[] = phases.map((p) => {
    const a = decimalToMilli(p.doseAmount);
    return a === null || (p.doseKind === "per_kg" && weightMilli === null) ? null : formatMilli(doseMilli(p.doseKind, a, weightMilli ?? 0));
  });
  const labelled = ind && ind.row.status !== "compendia" ? ind : null;
  if (labelled && weightMilli !== null) {
    const band = weightBand(weightMilli, labelled.thresholdKgMilli);
    const threshold = `${formatMilli(labelled.thresholdKgMilli)} kg`;
    const kg = `${formatMilli(weightMilli)} kg`;
    const regs = labelled.regimens.filter((r) => r.drug === ORDER_DRUG && r.weightBand === band);
    phases.forEach((p, i) => {
      const amount = decimalToMilli(p.doseAmount);
      if (amount === null) return;
      const own = regs.filter((r) => r.phase === p.name);
      const cands = own.length > 0 ? own : regs;
      const weeks = FREQUENCY_WEEKS[p.frequency];
      if (band === "below" && p.doseKind === "fixed") {
        findings.push(fixedDoseBelowThreshold(cands, { field: `phases.${i}.doseAmount`, kg, threshold, weightMilli, amount, reason: input.weightDoseOverrideReason ?? null }));
      } else if (cands.length > 0) {
        const match = cands.some(
          (r) => (p.doseKind === "fixed" ? r.doseMgMilli === amount : r.doseMgPerKgMilli === amount) && (r.everyWeeks === null || r.everyWeeks === weeks),
        );
        if (!match) {
          const kindMismatch = p.doseKind === "per_kg" && !cands.some((r) => r.doseMgPerKgMilli !== null);
          findings.push({
            field: `phases.${i}.doseAmount`,
            rule: kindMismatch ? "R-WEIGHT" : "R-DOSE",
            severity: "warning",
            message: kindMismatch
              ? `At ${kg} (≥ ${threshold}) the label dose for “${labelled.row.name}” is fixed (${cands.map(regimenText).join(" or ")}); the order is ${formatMilli(amount)} mg/kg.`
              : `${p.doseKind === "fixed" ? `${formatMilli(amount)} mg` : `${formatMilli(amount)} mg/kg`} ${p.frequency} is not a labelled dose for “${labelled.row.name}” (${p.name}) at ${band === "below" ? "<" : "≥"} ${threshold}; labelled: ${cands.map(regimenText).join(", ")}.`,
            suggestedFix: "Check the order against the label; document the clinical reason for a non-label dose.",
            source: RULES[kindMismatch ? "R-WEIGHT" : "R-DOSE"].source,
          });
        }
        const caps = cands.map((r) => r.maxCycles);
        const cap = caps.every((c) => c !== null) ? Math.max(...(caps as number[])) : null;
        if (cap !== null && p.cycles !== null && p.cycles > cap) {
          findings.push({
            field: `phases.${i}.cycles`,
            rule: "R-DURATION",
            severity: "warning",
            message: `${p.cycles} cycles of ${p.name} exceed the label's maximum of ${cap} for “${labelled.row.name}”.`,
            source: RULES["R-DURATION"].source,
          });
        }
      }
    });
  }

  // Calendar and duration
  let calendar: PlannedAdministration[] | null = null;
  const complete = input.startDate && phases.length > 0 && phases.every((p) => decimalToMilli(p.doseAmount) !== null);
  if (complete) {
    try {
      calendar = generateCalendar({ startDate: input.startDate!, phases, durationMonths: input.durationMonths ?? null, combination: combo });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      findings.push({ field: e.field ?? "phases", rule: "R-DURATION", severity: "error", message: e.message, source: RULES["R-DURATION"].source });
    }
  }
  if (labelled && calendar && calendar.length > 0) {
    const row = labelled.row;
    const lastDate = calendar[calendar.length - 1]!.plannedDate;
    if (row.maxDurationMonths !== null) {
      const limit = addMonths(input.startDate!, row.maxDurationMonths);
      if (lastDate > limit) {
        findings.push({
          field: input.durationMonths != null ? "durationMonths" : `phases.${phases.length - 1}.cycles`,
          rule: "R-DURATION",
          severity: "warning",
          message: `The last planned infusion (${formatDate(lastDate)}) is beyond the label's maximum of ${row.maxDurationMonths} months for “${row.name}” (limit ${formatDate(limit)}).`,
          suggestedFix: `Plan at most ${row.maxDurationMonths} months; continuing needs documentation and usually a new authorization.`,
          source: RULES["R-DURATION"].source,
        });
      }
    }
    const maxOwn = row.maxCycles[ORDER_DRUG];
    if (maxOwn !== undefined && calendar.length > maxOwn) {
      findings.push({
        field: input.durationMonths != null ? "durationMonths" : `phases.${phases.length - 1}.cycles`,
        rule: "R-DURATION",
        severity: "warning",
        message: `${calendar.length} planned infusions exceed the label's maximum of ${maxOwn} ${ORDER_DRUG} cycles for “${row.name}”.`,
        source: RULES["R-DURATION"].source,
      });
    }
    if (combo) {
      const maxCombo = row.maxCycles[combo.drug];
      if (maxCombo !== undefined && combo.withAdministrations.length > maxCombo) {
        findings.push({
          field: "combination.withAdministrations",
          rule: "R-DURATION",
          severity: "warning",
          message: `${combo.withAdministrations.length} ${combo.drug} doses exceed the label's maximum of ${maxCombo} for “${row.name}”.`,
          source: RULES["R-DURATION"].source,
        });
      }
    }
  }
  if (calendar && combo) {
    const beyond = combo.withAdministrations.filter((n) => n > calendar!.length);
    if (beyond.length > 0) {
      findings.push({
        field: "combination.withAdministrations",
        rule: "R-DURATION",
        severity: "error",
        message: `The calendar has ${calendar.length} infusions; ${combo.drug} is planned with infusion ${beyond.join(", ")}.`,
        source: RULES["R-DURATION"].source,
      });
    }
  }
  if (labelled && input.durationMonths != null && labelled.row.maxDurationMonths !== null && input.durationMonths > labelled.row.maxDurationMonths && !findings.some((f) => f.rule === "R-DURATION" && f.field === "durationMonths")) {
    findings.push({
      field: "durationMonths",
      rule: "R-DURATION",
      severity: "warning",
      message: `${input.durationMonths} months exceed the label's maximum of ${labelled.row.maxDurationMonths} months for “${labelled.row.name}”.`,
      source: RULES["R-DURATION"].source,
    });
  }

  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return { findings, calendar, phaseDosesMg, hasErrors: findings.some((f) => f.severity === "error") };
}
