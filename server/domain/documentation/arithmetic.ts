/**
 * The arithmetic shown under the claim preview, so a biller can check every number by hand:
 * mg → billing units (R-UNITS), opened − administered → JW / JZ (R-JW), NDC quantities (R-NDC),
 * minutes → 96413 / 96415 (R-ADMIN) and the charges. It explains the engine's result; it never
 * decides anything the engine did not.
 */
import { additionalHourUnits } from "@/server/domain/billing/admin";
import { minutesOfDay } from "@/server/domain/billing/dates";
import { ceilDiv, formatDollars, formatMilli } from "@/server/domain/billing/exact";
import { formatNdc11 } from "@/server/domain/billing/ndc";
import { pick, type PreparedReference } from "@/server/domain/billing/prepare";
import type { TScenarioInput } from "@/server/domain/billing/scenario";
import type { PreviewResult } from "@/server/domain/billing/types";
import { decimalToMilli } from "@/server/domain/orders/dose";
import type { DocumentedDrug } from "./codes";
import type { DocumentationValues } from "./types";
import { openedTotals } from "./vials";

export const ARITHMETIC_TOPICS = ["units", "vials", "waste", "free", "ndc", "admin", "charge"] as const;
export type ArithmeticTopic = (typeof ARITHMETIC_TOPICS)[number];

export interface ArithmeticStep {
  topic: ArithmeticTopic;
  text: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function drugSteps(ref: PreparedReference, values: DocumentationValues, d: TScenarioInput["drugs"][number], payer: TScenarioInput["payer"], preview: PreviewResult): ArithmeticStep[] {
  const steps: ArithmeticStep[] = [];
  const drug = ref.drugsByName.get(d.drug)?.[0];
  if (!drug) return steps;
  const code = drug.row.hcpcs;
  const unitMilli = decimalToMilli(drug.row.unitAmount) ?? 1000;
  const administeredMilli = Math.round(d.administeredMg * 1000);
  const units = ceilDiv(administeredMilli, unitMilli);
  const exact = formatMilli(Math.round((administeredMilli * 1000) / unitMilli));
  steps.push({
    topic: "units",
    text: `${d.drug}: ${formatMilli(administeredMilli)} mg administered ÷ ${formatMilli(unitMilli)} mg per ${code} unit = ${exact}${exact === String(units) ? "" : ` → ${units}`} ${units === 1 ? "unit" : "units"}${exact === String(units) ? "" : " (administered amounts round up)"}.`,
  });
  const opened = openedTotals(ref, values.vials, d.drug as DocumentedDrug);
  if (opened.vialCount > 0) {
    const parts = opened.groups.map((g) => `${g.count} × ${formatMilli(g.mgMilli)} mg (${g.billableUnits} units each)`);
    steps.push({ topic: "vials", text: `${d.drug}: opened ${parts.join(" + ")} = ${formatMilli(opened.mgMilli)} mg = ${plural(opened.units, "unit")}.` });
  }
  const discardedMilli = Math.max(0, opened.mgMilli - administeredMilli);
  const documented = d.discardedMg === undefined ? null : Math.round(d.discardedMg * 1000);
  if (opened.vialCount > 0) {
    steps.push({
      topic: "waste",
      text: `${d.drug}: ${formatMilli(opened.mgMilli)} mg opened − ${formatMilli(administeredMilli)} mg administered = ${formatMilli(discardedMilli)} mg discarded${documented === null ? " (not documented)" : documented === discardedMilli ? " (as documented)" : ` (documented: ${formatMilli(documented)} mg)`}.`,
    });
  }
  const billedAdmin = Math.min(units, opened.units);
  const wasteUnits = Math.max(0, opened.units - billedAdmin);
  if (d.source === "free") {
    const hasLine = preview.lines.some((l) => l.code === code);
    steps.push({
      topic: "free",
      text: hasLine
        ? `${d.drug} was supplied free through a manufacturer program: the drug line carries modifier FB and a $0.00 charge; no waste is billed (payer setting).`
        : `${d.drug} was supplied free through a manufacturer program: no drug line is billed (payer setting); the administration is still billed.`,
    });
    return steps;
  }
  if (opened.vialCount > 0) {
    if (units > opened.units) {
      steps.push({ topic: "waste", text: `${d.drug}: ${plural(units, "unit")} administered exceed the ${plural(opened.units, "unit")} the opened vials hold; billing stops at ${opened.units} (overfill is never billed).` });
    } else if (wasteUnits >= 1) {
      const jw = payer.wasteModifiers !== "none";
      steps.push({
        topic: "waste",
        text: `${d.drug}: ${plural(opened.units, "unit")} opened − ${plural(units, "unit")} administered = ${plural(wasteUnits, "waste unit")} → ${jw ? `${code}-JW ×${wasteUnits} on its own line` : "not billed: this payer does not use the JW modifier"}.`,
      });
    } else {
      const jz = payer.wasteModifiers === "jw_jz";
      steps.push({
        topic: "waste",
        text: `${d.drug}: ${plural(opened.units, "unit")} opened − ${plural(units, "unit")} administered = 0 waste units → ${jz ? `JZ on the ${code} line (nothing discarded)` : `no JW line; this payer does not take JZ`}.`,
      });
    }
  }
  return steps;
}

function adminSteps(ref: PreparedReference, scenario: TScenarioInput): ArithmeticStep[] {
  const steps: ArithmeticStep[] = [];
  const dos = scenario.dateOfService;
  const family = ref.adminRoles.get("chemo");
  const push = pick(family?.get("push_initial"), dos);
  const initial = pick(family?.get("infusion_initial"), dos);
  const addl = pick(family?.get("infusion_additional_hour"), dos);
  const seq = pick(family?.get("infusion_sequential"), dos);
  scenario.drugs.forEach((d, i) => {
    const { start, end } = d.infusion;
    if (end === undefined) {
      steps.push({ topic: "admin", text: `${d.drug}: started ${start}, no stop time → the administration codes cannot be determined.` });
      return;
    }
    const minutes = minutesOfDay(end) - minutesOfDay(start);
    if (minutes <= 0) {
      steps.push({ topic: "admin", text: `${d.drug}: stop ${end} is not after start ${start}.` });
      return;
    }
    const head = `${d.drug}: ${start} → ${end} = ${minutes} minutes`;
    if (i > 0) {
      steps.push({ topic: "admin", text: `${head}: a different drug infused after the first → ${seq?.code ?? "sequential code"} ×1.` });
      return;
    }
    if (push?.maxMinutes != null && minutes <= push.maxMinutes) {
      steps.push({ topic: "admin", text: `${head} ≤ ${push.maxMinutes} minutes → push ${push.code} ×1.` });
      return;
    }
    const base = initial?.baseMinutes ?? 60;
    const threshold = addl?.thresholdMinutes ?? 30;
    const inc = addl?.incrementMinutes ?? 60;
    const extra = addl ? additionalHourUnits(minutes, base, addl) : 0;
    const first = `${head} > ${push?.maxMinutes ?? 15} minutes → ${initial?.code ?? "initial infusion"} ×1 (first hour)`;
    steps.push({
      topic: "admin",
      text:
        extra > 0
          ? `${first}; additional hours = ceil((${minutes} − ${base + threshold}) / ${inc}) = ${extra} → ${addl!.code} ×${extra}.`
          : `${first}; ${minutes} ≤ ${base + threshold} minutes → no ${addl?.code ?? "additional-hour"} units.`,
    });
  });
  return steps;
}

function ndcSteps(ref: PreparedReference, preview: PreviewResult): ArithmeticStep[] {
  const steps: ArithmeticStep[] = [];
  preview.lines.forEach((l, i) => {
    if (!l.ndc) return;
    const pkg = ref.packagesByNdc.get(l.ndc.code)?.[0];
    if (!pkg || pkg.billableUnits === 0) return;
    const label = `Line ${i + 1} ${[l.code, ...l.modifiers].join("-")}: NDC ${formatNdc11(l.ndc.code)}`;
    if (l.ndc.unit === "ML") {
      const perUnit = formatMilli(Math.round(pkg.mlMilli / pkg.billableUnits));
      steps.push({ topic: "ndc", text: `${label}, ${plural(l.units, "unit")} × ${perUnit} mL per unit = ${formatMilli(Math.round(l.ndc.quantity * 1000))} mL (qualifier ML).` });
    } else {
      steps.push({ topic: "ndc", text: `${label}, ${plural(l.units, "unit")} ÷ ${pkg.billableUnits} units per vial = ${formatMilli(Math.round(l.ndc.quantity * 1000))} vial(s) (qualifier UN).` });
    }
  });
  return steps;
}

function chargeSteps(preview: PreviewResult, charges: Readonly<Record<string, number>>): ArithmeticStep[] {
  const steps: ArithmeticStep[] = preview.claim.builtLines.map((l, i) => {
    const name = [l.code, ...l.modifiers].join("-");
    const price = charges[l.code];
    if (l.free) return { topic: "charge" as const, text: `Line ${i + 1} ${name} ×${l.units}: free drug, $0.00.` };
    if (price === undefined) return { topic: "charge" as const, text: `Line ${i + 1} ${name} ×${l.units}: no fee-schedule price, $0.00.` };
    return { topic: "charge" as const, text: `Line ${i + 1} ${name}: ${l.units} × ${formatDollars(price)} = ${formatDollars(l.chargeCents)}.` };
  });
  steps.push({ topic: "charge", text: `Total charge ${formatDollars(preview.claim.totalChargeCents)}.` });
  return steps;
}

/** Every number of the preview, derived step by step. `feeScheduleCents` are the prices per unit used. */
export function explainClaim(ref: PreparedReference, values: DocumentationValues, scenario: TScenarioInput, preview: PreviewResult, feeScheduleCents: Readonly<Record<string, number>>): ArithmeticStep[] {
  const steps: ArithmeticStep[] = [];
  for (const d of scenario.drugs) steps.push(...drugSteps(ref, values, d, scenario.payer, preview));
  steps.push(...ndcSteps(ref, preview));
  steps.push(...adminSteps(ref, scenario));
  steps.push(...chargeSteps(preview, feeScheduleCents));
  return steps;
}
