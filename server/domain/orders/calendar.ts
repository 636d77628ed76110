/**
 * The treatment calendar of an order: one planned infusion per cycle, spaced by each phase's
 * frequency. A phase change ("q3w ×4 with chemotherapy, then q4w") starts the next phase one
 * interval of the ending phase after its last infusion (POSEIDON: doses at weeks 0, 3, 6, 9, then
 * 12, 16 …). A planned duration cuts the calendar at start + N months (exclusive; month ends are
 * clamped, so 2026-01-31 + 1 month = 2026-02-28).
 */
import { addDays, addMonths } from "@/server/domain/billing/dates";
import { DomainError } from "../errors";
import { FREQUENCY_WEEKS, MAX_PLANNED_ADMINISTRATIONS } from "./codes";
import type { OrderPlan, PlannedAdministration } from "./types";

/** The first date no infusion may be planned on, or null when cycles alone bound the plan. */
export function planEndExclusive(plan: Pick<OrderPlan, "startDate" | "durationMonths">): string | null {
  return plan.durationMonths === null ? null : addMonths(plan.startDate, plan.durationMonths);
}

export function generateCalendar(plan: OrderPlan): PlannedAdministration[] {
  if (plan.phases.length === 0) throw new DomainError("VALIDATION", "The regimen needs at least one phase.", { field: "phases" });
  plan.phases.forEach((p, i) => {
    if (p.cycles === null && i < plan.phases.length - 1) {
      throw new DomainError("VALIDATION", "Only the last phase may be open-ended; enter the number of cycles.", { field: `phases.${i}.cycles` });
    }
  });
  const last = plan.phases[plan.phases.length - 1]!;
  if (last.cycles === null && plan.durationMonths === null) {
    throw new DomainError("VALIDATION", "Enter the number of cycles or a treatment duration.", { field: "durationMonths" });
  }
  const end = planEndExclusive(plan);
  const withCombo = new Set(plan.combination?.withAdministrations ?? []);
  const out: PlannedAdministration[] = [];
  let date = plan.startDate;
  let stop = false;
  for (let phaseIndex = 0; phaseIndex < plan.phases.length && !stop; phaseIndex++) {
    const phase = plan.phases[phaseIndex]!;
    const days = FREQUENCY_WEEKS[phase.frequency] * 7;
    let n = 0;
    while (phase.cycles === null || n < phase.cycles) {
      if (end !== null && date >= end) {
        stop = true;
        break;
      }
      if (out.length >= MAX_PLANNED_ADMINISTRATIONS) {
        throw new DomainError("VALIDATION", `A calendar holds at most ${MAX_PLANNED_ADMINISTRATIONS} infusions; shorten the plan.`, { field: "durationMonths" });
      }
      const sequence = out.length + 1;
      out.push({ sequence, cycle: sequence, day: 1, phaseIndex, phaseName: phase.name, plannedDate: date, includesCombination: withCombo.has(sequence) });
      n++;
      date = addDays(date, days);
    }
  }
  return out;
}
