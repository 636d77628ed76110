/**
 * The documentation checklist: what a documented infusion still lacks before it can be billed.
 * Every item names the form field it is entered in. Waste time and witness are required only when
 * the waste is billable: the drug was purchased, at least one whole billing unit was discarded and
 * the payer uses the JW modifier (or no payer is known yet, so we ask for it to be safe).
 */
import { decimalToMilli } from "@/server/domain/orders/dose";
import type { PreparedReference } from "@/server/domain/billing/prepare";
import { computeUnits } from "@/server/domain/billing/units";
import { CLOCK_TIME, type DocumentedDrug } from "./codes";
import type { ClaimContext, DocumentationValues } from "./types";
import { openedTotals } from "./vials";

export interface ChecklistItem {
  key: string;
  label: string;
  done: boolean;
  /** why it is not done, or what was found */
  detail: string | null;
  /** the form field to fill in */
  field: string;
}

export interface WasteAssessment {
  drug: DocumentedDrug;
  openedMilli: number;
  administeredMilli: number | null;
  /** opened − administered, in thousandths of a mg; null when either is unknown */
  discardedMilli: number | null;
  wasteUnits: number;
  /** the JW line would carry these units: purchased drug, ≥ 1 unit, payer uses JW (or unknown) */
  billable: boolean;
}

function unitMilliOf(ref: PreparedReference, drug: DocumentedDrug): number | null {
  const u = ref.drugsByName.get(drug)?.[0]?.row.unitAmount;
  return u === undefined ? null : decimalToMilli(u);
}

/** How much of a drug was wasted and whether the payer would be billed for it. */
export function assessWaste(ref: PreparedReference, values: DocumentationValues, payer: ClaimContext["payer"], drug: DocumentedDrug): WasteAssessment {
  const opened = openedTotals(ref, values.vials, drug);
  const mg = drug === "durvalumab" ? values.mgAdministered : (values.combination?.mgAdministered ?? null);
  const administeredMilli = mg === null ? null : decimalToMilli(mg);
  const unitMilli = unitMilliOf(ref, drug);
  let wasteUnits = 0;
  if (administeredMilli !== null && unitMilli !== null && opened.vialCount > 0 && opened.complete) {
    wasteUnits = computeUnits({ administeredMilli, unitMilli, openedUnits: opened.units }).wasteUnits;
  }
  const discardedMilli = administeredMilli === null || opened.vialCount === 0 ? null : Math.max(0, opened.mgMilli - administeredMilli);
  const billable = values.acquisition === "purchased" && wasteUnits >= 1 && (payer === null || payer.wasteModifiers !== "none");
  return { drug, openedMilli: opened.mgMilli, administeredMilli, discardedMilli, wasteUnits, billable };
}

const filled = (v: string | null | undefined): v is string => v !== null && v !== undefined && v.trim() !== "";

export function documentationChecklist(ref: PreparedReference, values: DocumentationValues, ctx: Pick<ClaimContext, "payer" | "administration">): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  const add = (key: string, label: string, field: string, done: boolean, detail: string | null = null) => items.push({ key, label, field, done, detail: done ? null : detail });

  add("actualDate", "Date the infusion was given", "actualDate", filled(values.actualDate), "Enter the date the infusion was actually given.");
  add("weightKg", "Weight measured that day", "weightKg", filled(values.weightKg), "Enter the weight in kg measured before the infusion.");
  add("infusionStart", "Infusion start time", "infusionStart", filled(values.infusionStart) && CLOCK_TIME.test(values.infusionStart), "Enter the infusion start time (HH:MM).");
  add(
    "infusionStop",
    "Infusion stop time",
    "infusionStop",
    filled(values.infusionStop) && CLOCK_TIME.test(values.infusionStop),
    "Enter the infusion stop time (HH:MM): the administration codes depend on the minutes infused.",
  );
  add("nurseName", "Administering nurse", "nurseName", filled(values.nurseName), "Enter the nurse who administered the infusion.");
  const durvaVials = values.vials.filter((v) => v.drug === "durvalumab");
  add("vials", "Durvalumab vials opened (NDC and count)", "vials", durvaVials.length > 0, "Add every durvalumab vial opened, with its NDC and count.");
  const missingLots = values.vials.map((v, i) => ({ v, i })).filter(({ v }) => !filled(v.lotNumber) || !filled(v.expiryDate));
  add(
    "lots",
    "Lot number and expiry of every vial",
    missingLots.length > 0 ? `vials.${missingLots[0]!.i}.lotNumber` : "vials",
    values.vials.length > 0 && missingLots.length === 0,
    values.vials.length === 0 ? "Add the vials first." : `Vial line${missingLots.length > 1 ? "s" : ""} ${missingLots.map((m) => m.i + 1).join(", ")} lack${missingLots.length > 1 ? "" : "s"} a lot number or expiry date.`,
  );
  add("mgAdministered", "Durvalumab mg administered", "mgAdministered", filled(values.mgAdministered), "Enter the mg of durvalumab administered.");

  const waste = assessWaste(ref, values, ctx.payer, "durvalumab");
  if (waste.discardedMilli !== null && waste.discardedMilli > 0) {
    add("mgDiscarded", "Durvalumab mg discarded", "mgDiscarded", filled(values.mgDiscarded), "Some drug was left in the opened vials: enter the mg discarded.");
  }
  const combo = ctx.administration.includesCombination;
  const comboWaste = combo ? assessWaste(ref, values, ctx.payer, "tremelimumab") : null;
  if (waste.billable || comboWaste?.billable) {
    add(
      "wasteRecord",
      "Waste time and witness",
      filled(values.wasteTime) ? "wasteWitness" : "wasteTime",
      filled(values.wasteTime) && CLOCK_TIME.test(values.wasteTime) && filled(values.wasteWitness),
      "The discarded amount is billed on a JW line: record the time it was discarded and who witnessed it.",
    );
  }

  if (combo) {
    const c = values.combination;
    add("combination.vials", "Tremelimumab vials opened", "vials", values.vials.some((v) => v.drug === "tremelimumab"), "This infusion includes tremelimumab: add its vials.");
    add("combination.mgAdministered", "Tremelimumab mg administered", "combination.mgAdministered", filled(c?.mgAdministered), "Enter the mg of tremelimumab administered.");
    add(
      "combination.infusionTimes",
      "Tremelimumab infusion start and stop times",
      filled(c?.infusionStart) ? "combination.infusionStop" : "combination.infusionStart",
      filled(c?.infusionStart) && filled(c?.infusionStop),
      "Enter the tremelimumab infusion start and stop times.",
    );
    if (comboWaste && comboWaste.discardedMilli !== null && comboWaste.discardedMilli > 0) {
      add("combination.mgDiscarded", "Tremelimumab mg discarded", "combination.mgDiscarded", filled(c?.mgDiscarded), "Enter the mg of tremelimumab discarded.");
    }
  }
  add("coverage", "Primary coverage on the date of service", "actualDate", ctx.payer !== null, "The patient has no primary coverage in force on this date: add or correct the coverage.");
  return items;
}

export function checklistComplete(items: readonly ChecklistItem[]): boolean {
  return items.every((i) => i.done);
}
