/**
 * The dose of one infusion on the day it is given. A weight-based (mg/kg) order is recomputed from
 * the weight measured that day. The US label's 30 kg rule (R-WEIGHT) comes from the indication's
 * reference data: at or above the threshold (30.0 kg included) a fixed dose is allowed; below it the
 * label doses by weight, so a fixed order is flagged and the weight-based label dose shown beside it.
 */
import { formatMilli } from "@/server/domain/billing/exact";
import type { PreparedIndication } from "@/server/domain/billing/prepare";
import { decimalToMilli, doseMilli, weightBand, type WeightBand } from "@/server/domain/orders/dose";
import type { OrderPhase } from "@/server/domain/orders/types";

export interface DayDose {
  /** "10 mg/kg" or "1500 mg" */
  ordered: string;
  /** mg for this infusion as an exact decimal string, null when the weight is needed and missing */
  mg: string | null;
  /** thousandths of a mg, null like `mg` */
  mgMilli: number | null;
  /** how the dose was obtained: "10 mg/kg × 67.3 kg = 673 mg" */
  basis: string;
  band: WeightBand | null;
  /** the label's weight-based dose when a fixed order meets a patient below the threshold */
  labelWeightBased: { mgPerKg: string; mg: string } | null;
  note: string | null;
}

export function doseForDay(phase: Pick<OrderPhase, "name" | "doseKind" | "doseAmount">, indication: PreparedIndication | null, weightKg: string | null, drug = "durvalumab"): DayDose {
  const amount = decimalToMilli(phase.doseAmount);
  const weight = weightKg === null ? null : decimalToMilli(weightKg);
  const ordered = phase.doseKind === "fixed" ? `${phase.doseAmount} mg` : `${phase.doseAmount} mg/kg`;
  const labelled = indication && indication.row.status !== "compendia" ? indication : null;
  const band = weight !== null && labelled ? weightBand(weight, labelled.thresholdKgMilli) : null;
  const out: DayDose = { ordered, mg: null, mgMilli: null, basis: ordered, band, labelWeightBased: null, note: null };
  if (amount === null) return out;
  if (phase.doseKind === "fixed") {
    out.mgMilli = amount;
    out.mg = formatMilli(amount);
    out.basis = `fixed ${formatMilli(amount)} mg`;
  } else if (weight === null) {
    out.note = "Enter the weight measured today to compute the weight-based dose.";
    return out;
  } else {
    out.mgMilli = doseMilli("per_kg", amount, weight);
    out.mg = formatMilli(out.mgMilli);
    out.basis = `${formatMilli(amount)} mg/kg × ${formatMilli(weight)} kg = ${out.mg} mg`;
  }
  if (labelled && weight !== null && band === "below" && phase.doseKind === "fixed") {
    const regs = labelled.regimens.filter((r) => r.drug === drug && r.weightBand === "below" && r.doseMgPerKgMilli !== null);
    const wb = regs.find((r) => r.phase === phase.name) ?? regs[0];
    const threshold = formatMilli(labelled.thresholdKgMilli);
    if (wb) {
      const mg = formatMilli(doseMilli("per_kg", wb.doseMgPerKgMilli!, weight));
      out.labelWeightBased = { mgPerKg: formatMilli(wb.doseMgPerKgMilli!), mg };
      out.note = `${formatMilli(weight)} kg is below ${threshold} kg: the label doses by weight (${formatMilli(wb.doseMgPerKgMilli!)} mg/kg = ${mg} mg), not the fixed ${formatMilli(amount)} mg ordered.`;
    } else {
      out.note = `${formatMilli(weight)} kg is below ${threshold} kg: the label doses by weight; check the fixed ${formatMilli(amount)} mg ordered.`;
    }
  }
  return out;
}
