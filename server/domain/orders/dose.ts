/**
 * Dose arithmetic of an order in exact thousandths (no floats on mg or kg), and the US label's
 * 30 kg rule (R-WEIGHT): a patient at or above the indication's threshold — exactly 30.0 kg included —
 * may get the fixed dose; below it the label doses by weight. The threshold comes from the
 * indication's reference data, never from a constant here.
 */
import { formatMilli, mulDivRound, parseMilli } from "@/server/domain/billing/exact";
import type { DoseKind } from "./codes";

/** "67.3" -> 67300; null when not a plain decimal with at most 3 decimals. */
export function decimalToMilli(text: string): number | null {
  return /^\d+(\.\d{1,3})?$/.test(text.trim()) ? parseMilli(text.trim()) : null;
}

export type WeightBand = "at_or_above" | "below";

/** The label's weight band: 30.0 kg with a 30 kg threshold is at_or_above (fixed dose allowed). */
export function weightBand(weightMilli: number, thresholdMilli: number): WeightBand {
  return weightMilli >= thresholdMilli ? "at_or_above" : "below";
}

/** Same, on decimal strings (weight "29.9", threshold "30"), for forms. */
export function weightBandOf(weightKg: string, thresholdKg: string): WeightBand | null {
  const w = decimalToMilli(weightKg);
  const t = decimalToMilli(thresholdKg);
  return w === null || t === null ? null : weightBand(w, t);
}

/** mg per infusion in thousandths: the fixed dose, or mg/kg × weight rounded half up to 0.001 mg. */
export function doseMilli(kind: DoseKind, amountMilli: number, weightMilli: number): number {
  return kind === "fixed" ? amountMilli : mulDivRound(amountMilli, weightMilli, 1000);
}

/** "1500 mg" / "10 mg/kg"; with a weight, "10 mg/kg × 67.3 kg = 673 mg". */
export function describeDose(kind: DoseKind, amount: string, weightKg?: string): string {
  if (kind === "fixed") return `${amount} mg`;
  const a = decimalToMilli(amount);
  const w = weightKg === undefined ? null : decimalToMilli(weightKg);
  if (a === null || w === null) return `${amount} mg/kg`;
  return `${formatMilli(a)} mg/kg × ${formatMilli(w)} kg = ${formatMilli(doseMilli(kind, a, w))} mg`;
}

/** mg per infusion as a decimal string ("673", "1500"), or null when the inputs are not numbers. */
export function computeDose(kind: DoseKind, amount: string, weightKg: string): string | null {
  const a = decimalToMilli(amount);
  const w = decimalToMilli(weightKg);
  if (a === null || w === null) return null;
  return formatMilli(doseMilli(kind, a, w));
}
