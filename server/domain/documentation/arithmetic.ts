/**
 * The arithmetic shown under the claim preview, so a biller can check every number by hand:
 * mg → billing units (R-UNITS), opened − administered → billable and non-billable waste, JW / JZ
 * (R-JW, R-VIAL), 340B and site modifiers, NDC quantities (R-NDC), which drug is the initial service
 * and minutes → 96413 / 96415 / 96417 (R-ADMIN), other same-day drugs, authorizations per line and the
 * charges. It explains the engine's result (the preview's claim facts); it never decides anything the
 * engine did not.
 */
import { additionalHourUnits } from "@/server/domain/billing/admin";
import { ceilDiv, formatDollars, formatMilli } from "@/server/domain/billing/exact";
import { formatNdc11 } from "@/server/domain/billing/ndc";
import { pick, type PreparedReference } from "@/server/domain/billing/prepare";
import type { TScenarioInput } from "@/server/domain/billing/scenario";
import type { AdministrationStep, DrugSummary, PreviewResult } from "@/server/domain/billing/types";
import { decimalToMilli } from "@/server/domain/orders/dose";
import type { DocumentedDrug } from "./codes";
import type { DocumentationValues } from "./types";
import { openedTotals } from "./vials";

export const ARITHMETIC_TOPICS = ["units", "vials", "waste", "free", "340b", "ndc", "admin", "other", "site", "auth", "charge"] as const;
export type ArithmeticTopic = (typeof ARITHMETIC_TOPICS)[number];

export interface ArithmeticStep {
  topic: ArithmeticTopic;
  text: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function freeText(drug: string, code: string, payer: TScenarioInput["payer"], preview: PreviewResult): string {
  const line = preview.claim.builtLines.find((l) => l.code === code && l.free);
  if (!line) return `${drug} was supplied free through a manufacturer program: no drug line is billed (payer setting); the administration is still billed.`;
  if (payer.freeDrug === "nominal_charge" || line.chargeCents === 1) {
    return `${drug} was supplied free through a manufacturer program: ${code} is billed at a nominal $0.01 on the same claim as the administration, as the payer's contractor instructs; no waste is billed.`;
  }
  return `${drug} was supplied free through a manufacturer program: the drug line carries modifier FB and a $0.00 charge; no waste is billed (payer setting).`;
}

function drugSteps(ref: PreparedReference, values: DocumentationValues, d: TScenarioInput["drugs"][number], sum: DrugSummary | undefined, payer: TScenarioInput["payer"], preview: PreviewResult): ArithmeticStep[] {
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
  if (d.source === "free") {
    steps.push({ topic: "free", text: freeText(d.drug, code, payer, preview) });
    return steps;
  }
  if (opened.vialCount > 0 && sum) {
    const billed = sum.administeredUnits;
    const wasteUnits = sum.wasteUnits;
    const jw = payer.wasteModifiers !== "none";
    if (units > opened.units) {
      steps.push({ topic: "waste", text: `${d.drug}: ${plural(units, "unit")} administered exceed the ${plural(opened.units, "unit")} the opened vials hold; billing stops at ${opened.units} (overfill is never billed).` });
    } else if (wasteUnits >= 1) {
      const head = `${d.drug}: ${plural(opened.units, "unit")} opened − ${plural(billed, "unit")} administered = ${plural(wasteUnits, "waste unit")}`;
      if (sum.nonBillableWasteUnits > 0) {
        steps.push({
          topic: "waste",
          text: `${head}; the least-waste combination for the dose (${sum.leastWasteVials}) leaves ${plural(sum.leastWasteUnits ?? 0, "unit")}, so ${sum.billableWasteUnits > 0 ? `${code}-JW ×${sum.billableWasteUnits} is billable` : `no waste is billable (JZ on the ${code} line)`} and ${plural(sum.nonBillableWasteUnits, "waste unit")} are not billable (larger vials than needed were opened and no reason is documented).`,
        });
      } else if (sum.vialChoiceReason !== undefined && sum.leastWasteUnits !== null && sum.leastWasteUnits < wasteUnits) {
        steps.push({
          topic: "waste",
          text: `${head} → ${code}-JW ×${wasteUnits}, all billed although ${sum.leastWasteVials} would leave ${plural(sum.leastWasteUnits, "unit")}: the record says why the smaller vials were not used (“${sum.vialChoiceReason}”).`,
        });
      } else {
        steps.push({ topic: "waste", text: `${head} → ${jw ? `${code}-JW ×${sum.billableWasteUnits} on its own line` : "not billed: this payer does not use the JW modifier"}.` });
      }
    } else {
      const jz = payer.wasteModifiers === "jw_jz";
      steps.push({
        topic: "waste",
        text: `${d.drug}: ${plural(opened.units, "unit")} opened − ${plural(billed, "unit")} administered = 0 waste units → ${jz ? `JZ on the ${code} line (nothing discarded)` : `no JW line; this payer does not take JZ`}.`,
      });
    }
  }
  if (d.source === "340b") {
    const lines = preview.claim.builtLines.filter((l) => l.code === code && (l.kind === "drug" || l.kind === "waste"));
    const cost = d.acquisitionCostPerUnit;
    const charged = cost !== undefined && lines.length > 0 && lines.every((l) => l.chargeCents === Math.round(l.units * cost * 100));
    steps.push({
      topic: "340b",
      text: `${d.drug} was bought under 340B → ${sum?.modifier340b ? `${sum.modifier340b} on its lines` : "no 340B modifier for this payer"}${charged ? `; charged at the acquisition cost: ${lines.map((l) => `${l.units} × ${formatDollars(Math.round(cost! * 100))}`).join(" + ")}` : ""}.`,
    });
  }
  return steps;
}

function stepText(ref: PreparedReference, dos: string, step: AdministrationStep): string {
  if (step.end === null || step.minutes === null) return `${step.drug}: started ${step.start}, no stop time → the administration codes cannot be determined.`;
  const head = `${step.drug}: ${step.start} → ${step.end} = ${step.minutes} minutes`;
  const codes = step.codes.map((c) => `${c.code} ×${c.units}`).join(" + ");
  const family = step.codes[0] ? (pick(ref.adminByCode.get(step.codes[0].code), dos)?.family ?? "chemo") : "chemo";
  const roles = ref.adminRoles.get(family);
  const push = pick(roles?.get("push_initial"), dos);
  const addl = pick(roles?.get("infusion_additional_hour"), dos);
  const hours = (base: number): string => {
    if (!addl) return "";
    const threshold = addl.thresholdMinutes ?? 30;
    const extra = additionalHourUnits(step.minutes!, base, addl);
    return extra > 0
      ? `; additional hours = ceil((${step.minutes} − ${base + threshold}) / ${addl.incrementMinutes ?? 60}) = ${extra} → ${addl.code} ×${extra}`
      : `; ${step.minutes} ≤ ${base + threshold} minutes → no ${addl.code} units`;
  };
  switch (step.role) {
    case "initial": {
      const initial = pick(roles?.get("infusion_initial"), dos);
      return `${head} > ${push?.maxMinutes ?? 15} minutes → ${initial?.code ?? "initial infusion"} ×1 (first hour)${hours(initial?.baseMinutes ?? 60)}.`;
    }
    case "push":
      return `${head} ≤ ${push?.maxMinutes ?? 15} minutes → push ${codes}.`;
    case "sequential": {
      const seq = pick(roles?.get("infusion_sequential"), dos);
      return `${head}: a different drug infused after the initial one → ${seq?.code ?? "sequential code"} ×1${hours(seq?.baseMinutes ?? 60)}.`;
    }
    case "concurrent":
      return `${head}: given at the same time as another infusion (concurrent) → ${codes || "no sequential code"}.`;
    case "repeat":
      return `${head}: the same drug again → no sequential code.`;
    default:
      return `${head}.`;
  }
}

function adminSteps(ref: PreparedReference, scenario: TScenarioInput, preview: PreviewResult): ArithmeticStep[] {
  const a = preview.claim.administration;
  const steps: ArithmeticStep[] = [];
  const timed = a.steps.filter((s) => s.minutes !== null);
  if (a.initialDrug && a.initialReason && timed.length > 1) {
    steps.push({ topic: "admin", text: `Initial service: ${a.initialDrug}${a.initialCode ? ` (${a.initialCode})` : ""}. ${a.initialReason}` });
  }
  // Initial first, then the others in clock order, as the codes were assigned.
  const ordered = [...a.steps].sort((x, y) => (x.role === "initial" || x.role === "push" ? -1 : 0) - (y.role === "initial" || y.role === "push" ? -1 : 0) || x.start.localeCompare(y.start));
  for (const s of ordered) steps.push({ topic: "admin", text: stepText(ref, scenario.dateOfService, s) });
  return steps;
}

function otherDrugSteps(scenario: TScenarioInput): ArithmeticStep[] {
  return (scenario.otherDrugs ?? []).map((o) => ({
    topic: "other" as const,
    text: `Other drug given the same day: ${o.hcpcs}${o.description ? ` (${o.description})` : ""} ×${o.units} as documented${o.infusion ? `, infused ${o.infusion.start}${o.infusion.end ? `–${o.infusion.end}` : ""}` : ""}; its units are the documentation's (no catalog for it), its time counts for the administration codes.`,
  }));
}

function siteSteps(scenario: TScenarioInput, preview: PreviewResult): ArithmeticStep[] {
  const site = scenario.site?.hospitalSite;
  if (preview.claim.claimType !== "institutional" || !site || site === "on_campus") return [];
  const mod = site === "off_campus_excepted" ? "PO" : "PN";
  return [{ topic: "site", text: `Off-campus ${site === "off_campus_excepted" ? "excepted" : "non-excepted"} hospital department → ${mod} on every line of the 837I, drugs included.` }];
}

function authSteps(preview: PreviewResult): ArithmeticStep[] {
  return preview.claim.authorizations.map((a) => ({
    topic: "auth" as const,
    text:
      a.level === "claim"
        ? `Authorization ${a.number} (${a.hcpcs}) covers line${a.lines.length > 1 ? "s" : ""} ${a.lines.join(", ")} → on the claim (REF*G1 in 2300).`
        : a.level === "line"
          ? `Authorization ${a.number} (${a.hcpcs}) covers line${a.lines.length > 1 ? "s" : ""} ${a.lines.join(", ")} only → on ${a.lines.length > 1 ? "those lines" : "that line"} (REF*G1 in 2400).`
          : `Authorization ${a.number} (${a.hcpcs}) covers line${a.lines.length > 1 ? "s" : ""} ${a.lines.join(", ")}, but an 837I carries one authorization: it is not sent.`,
  }));
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
      steps.push({ topic: "ndc", text: `${label}, ${plural(l.units, "unit")} from vials of ${pkg.billableUnits} units → ${plural(l.ndc.quantity, "vial")} (qualifier UN counts whole containers).` });
    }
  });
  return steps;
}

function chargeSteps(preview: PreviewResult, charges: Readonly<Record<string, number>>): ArithmeticStep[] {
  const steps: ArithmeticStep[] = preview.claim.builtLines.map((l, i) => {
    const name = [l.code, ...l.modifiers].join("-");
    const price = charges[l.code];
    if (l.free) return { topic: "charge" as const, text: `Line ${i + 1} ${name} ×${l.units}: free drug, ${formatDollars(l.chargeCents)}.` };
    if (price === undefined && l.chargeCents === 0) return { topic: "charge" as const, text: `Line ${i + 1} ${name} ×${l.units}: no fee-schedule price, $0.00.` };
    if (price === undefined || l.chargeCents !== l.units * price) return { topic: "charge" as const, text: `Line ${i + 1} ${name} ×${l.units}: ${formatDollars(l.chargeCents)}.` };
    return { topic: "charge" as const, text: `Line ${i + 1} ${name}: ${l.units} × ${formatDollars(price)} = ${formatDollars(l.chargeCents)}.` };
  });
  steps.push({ topic: "charge", text: `Total charge ${formatDollars(preview.claim.totalChargeCents)}.` });
  return steps;
}

/** Every number of the preview, derived step by step. `feeScheduleCents` are the prices per unit used. */
export function explainClaim(ref: PreparedReference, values: DocumentationValues, scenario: TScenarioInput, preview: PreviewResult, feeScheduleCents: Readonly<Record<string, number>>): ArithmeticStep[] {
  const steps: ArithmeticStep[] = [];
  scenario.drugs.forEach((d, i) => steps.push(...drugSteps(ref, values, d, preview.claim.drugs[i], scenario.payer, preview)));
  steps.push(...otherDrugSteps(scenario));
  steps.push(...ndcSteps(ref, preview));
  steps.push(...adminSteps(ref, scenario, preview));
  steps.push(...siteSteps(scenario, preview));
  steps.push(...authSteps(preview));
  steps.push(...chargeSteps(preview, feeScheduleCents));
  return steps;
}
