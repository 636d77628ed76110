/**
 * The dose section of the request packet: per drug and phase, the ordered dose at the weight on file
 * in mg, then in billing units of the drug's HCPCS code (administered amount rounded up to whole
 * units), then the least-waste vials and the discarded remainder when the payer is billed for waste
 * (a JW line of the same code counts against the authorization). Exact thousandths, no floats.
 */
import { ceilDiv, formatMilli } from "@/server/domain/billing/exact";
import type { PreparedReference } from "@/server/domain/billing/prepare";
import { computeUnits } from "@/server/domain/billing/units";
import { doseForDay, suggestVials } from "@/server/domain/documentation";
import { FREQUENCY_LABELS, FREQUENCY_WEEKS } from "@/server/domain/orders/codes";
import { decimalToMilli } from "@/server/domain/orders/dose";
import type { OrderCombination, OrderPhase } from "@/server/domain/orders/types";
import type { PacketDose } from "./types";

export interface PacketDoseInput {
  phases: OrderPhase[];
  combination: OrderCombination | null;
  indicationId: string;
  durationMonths: number | null;
  /** the weight the doses are computed at (last documented, else the order's) */
  weightKg: string;
  /** date the vial catalogue is read at (the request's first dose) */
  date: string;
  /** the payer is billed for the discarded remainder (JW) */
  billsWaste: boolean;
}

function dosesText(cycles: number | null, durationMonths: number | null): string {
  if (cycles !== null) return `${cycles} dose${cycles === 1 ? "" : "s"}`;
  return durationMonths ? `until the end of the order (${durationMonths} months)` : "until the end of the order";
}

function oneDose(ref: PreparedReference, drug: string, phase: Pick<OrderPhase, "name" | "doseKind" | "doseAmount">, input: PacketDoseInput, schedule: { text: string; everyWeeks: number | null }, doses: string): PacketDose | null {
  const drugRow = ref.drugsByName.get(drug)?.[0];
  if (!drugRow) return null;
  const hcpcs = drugRow.row.hcpcs;
  const indication = ref.indicationsById.get(input.indicationId) ?? null;
  const day = doseForDay(phase, indication, input.weightKg, drug);
  const out: PacketDose = { drug, hcpcs, phase: phase.name, ordered: day.ordered, schedule: schedule.text, everyWeeks: schedule.everyWeeks, doses, mg: day.mg, arithmetic: [], unitsPerDose: null, note: day.note };
  if (day.mgMilli === null || day.mgMilli <= 0) return out;
  const unitMilli = drugRow.unitMilli;
  const unitAmount = formatMilli(unitMilli);
  if (phase.doseKind === "per_kg") out.arithmetic.push(day.basis);
  else out.arithmetic.push(`Fixed dose ${formatMilli(day.mgMilli)} mg (not weight-based; weight on file ${input.weightKg} kg)`);
  const administered = ceilDiv(day.mgMilli, unitMilli);
  const exact = formatMilli(Math.round((day.mgMilli * 1000) / unitMilli));
  out.arithmetic.push(
    day.mgMilli % unitMilli === 0
      ? `${formatMilli(day.mgMilli)} mg ÷ ${unitAmount} mg per unit = ${administered} units ${hcpcs}`
      : `${formatMilli(day.mgMilli)} mg ÷ ${unitAmount} mg per unit = ${exact} → ${administered} units ${hcpcs} (rounded up to whole units)`,
  );
  const vials = suggestVials(ref, drug as never, day.mgMilli, input.date);
  if (!vials) {
    out.unitsPerDose = administered;
    return out;
  }
  const u = computeUnits({ administeredMilli: day.mgMilli, unitMilli, openedUnits: vials.totalUnits });
  const discardedMilli = (decimalToMilli(vials.totalMg) ?? 0) - day.mgMilli;
  out.arithmetic.push(`Vials: ${vials.text} = ${vials.totalMg} mg opened (${vials.totalUnits} units)`);
  if (u.wasteUnits > 0 && input.billsWaste) {
    out.arithmetic.push(`${formatMilli(discardedMilli)} mg discarded → ${u.wasteUnits} units ${hcpcs}-JW (the payer is billed for waste; it counts against the authorization)`);
    out.unitsPerDose = u.billedAdministeredUnits + u.wasteUnits;
    out.arithmetic.push(`Units per dose: ${u.billedAdministeredUnits} + ${u.wasteUnits} = ${out.unitsPerDose} units ${hcpcs}`);
  } else {
    out.unitsPerDose = u.administeredUnits;
    if (discardedMilli > 0) out.arithmetic.push(`${formatMilli(discardedMilli)} mg discarded, not billed to this payer`);
    out.arithmetic.push(`Units per dose: ${out.unitsPerDose} units ${hcpcs}`);
  }
  return out;
}

/** Every phase of durvalumab, then the combination drug when the regimen has one. */
export function packetDosing(ref: PreparedReference, input: PacketDoseInput): PacketDose[] {
  const out: PacketDose[] = [];
  for (const phase of input.phases) {
    const d = oneDose(ref, "durvalumab", phase, input, { text: FREQUENCY_LABELS[phase.frequency], everyWeeks: FREQUENCY_WEEKS[phase.frequency] }, dosesText(phase.cycles, input.durationMonths));
    if (d) out.push(d);
  }
  const combo = input.combination;
  if (combo) {
    const n = combo.withAdministrations.length;
    const d = oneDose(ref, combo.drug, { name: `with durvalumab infusions ${combo.withAdministrations.join(", ")}`, doseKind: combo.doseKind, doseAmount: combo.doseAmount }, input, { text: "With the durvalumab infusions listed", everyWeeks: null }, `${n} dose${n === 1 ? "" : "s"}`);
    if (d) out.push(d);
  }
  return out;
}
