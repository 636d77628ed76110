/**
 * Whether a drug of an order needs prior authorization under one coverage: the payer's switch
 * (`prior_auth_required`) refined by the payer's rules an admin keeps. The most specific rule in
 * force on the date wins: a rule for the order's indication beats one for every indication, a rule
 * for the request kind (initial/renewal) beats one for any kind, then the latest effective date.
 * Pure: the service loads the rules and records the result with the rule that decided it.
 */
import type { PaRequestKind, PaRuleKind } from "./codes";
import { addDays } from "./ledger";

export interface RequirementRule {
  id: string;
  hcpcs: string;
  indicationId: string | null;
  requestKind: PaRuleKind;
  required: boolean;
  maxDays: number | null;
  maxUnits: number | null;
  maxDoses: number | null;
  leadTimeDays: number;
  turnaroundDays: number;
  effectiveDate: string;
  endDate: string | null;
  isActive: boolean;
}

export interface RequirementInput {
  payerName: string;
  payerRequiresPa: boolean;
  hcpcs: string;
  indicationId: string;
  /** the indication's label, for the reason shown to the user (the id otherwise) */
  indicationName?: string | undefined;
  kind: PaRequestKind;
  /** the day the requirement is judged for (the first infusion the request would cover) */
  date: string;
  rules: readonly RequirementRule[];
}

export interface RequirementResult {
  required: boolean;
  rule: RequirementRule | null;
  /** in words, as shown on the order */
  reason: string;
  leadTimeDays: number;
  turnaroundDays: number;
}

export const DEFAULT_LEAD_TIME_DAYS = 14;
export const DEFAULT_TURNAROUND_DAYS = 15;

function inForce(r: RequirementRule, date: string): boolean {
  return r.isActive && r.effectiveDate <= date && (r.endDate === null || date <= r.endDate);
}

function specificity(r: RequirementRule): number {
  return (r.indicationId !== null ? 2 : 0) + (r.requestKind !== "any" ? 1 : 0);
}

/** The rule that decides, or null when none applies (the payer's switch decides). */
export function decidingRule(input: Omit<RequirementInput, "payerName" | "payerRequiresPa">): RequirementRule | null {
  const candidates = input.rules.filter(
    (r) =>
      r.hcpcs === input.hcpcs &&
      inForce(r, input.date) &&
      (r.indicationId === null || r.indicationId === input.indicationId) &&
      (r.requestKind === "any" || r.requestKind === input.kind),
  );
  if (candidates.length === 0) return null;
  return candidates.reduce((best, r) => {
    const d = specificity(r) - specificity(best);
    if (d !== 0) return d > 0 ? r : best;
    return r.effectiveDate > best.effectiveDate ? r : best;
  });
}

export function describeRule(r: RequirementRule, indicationName?: string): string {
  const scope = [r.indicationId ? `“${indicationName ?? r.indicationId}”` : "every indication", r.requestKind === "any" ? null : `${r.requestKind} requests`].filter(Boolean).join(", ");
  const limits = [
    r.maxDays !== null ? `at most ${r.maxDays} days` : null,
    r.maxUnits !== null ? `at most ${r.maxUnits} units` : null,
    r.maxDoses !== null ? `at most ${r.maxDoses} doses` : null,
  ].filter(Boolean);
  return `${r.hcpcs} ${r.required ? "requires" : "does not require"} authorization for ${scope}${limits.length ? ` (${limits.join(", ")} per authorization)` : ""}`;
}

export function evaluateRequirement(input: RequirementInput): RequirementResult {
  const rule = decidingRule(input);
  if (rule) {
    return {
      required: rule.required,
      rule,
      reason: `${input.payerName} rule: ${describeRule(rule, rule.indicationId === input.indicationId ? input.indicationName : undefined)}.`,
      leadTimeDays: rule.leadTimeDays,
      turnaroundDays: rule.turnaroundDays,
    };
  }
  return {
    required: input.payerRequiresPa,
    rule: null,
    reason: input.payerRequiresPa
      ? `${input.payerName} requires prior authorization for drugs (payer setting); no rule for ${input.hcpcs} refines it.`
      : `${input.payerName} does not require prior authorization (payer setting); no rule for ${input.hcpcs} says otherwise.`,
    leadTimeDays: DEFAULT_LEAD_TIME_DAYS,
    turnaroundDays: DEFAULT_TURNAROUND_DAYS,
  };
}

export interface PlannedDose {
  administrationId: string;
  date: string;
  units: number;
}

/**
 * The span a request asks for: from the first planned dose not yet covered, limited by the rule's
 * maximum length, units and doses. Returns the dates, the doses and units inside them.
 */
export function requestSpan(doses: readonly PlannedDose[], limits: { maxDays: number | null; maxUnits: number | null; maxDoses: number | null }): { startDate: string; endDate: string; doses: number; units: number } | null {
  const sorted = [...doses].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const first = sorted[0];
  if (!first) return null;
  const lastAllowed = limits.maxDays !== null ? addDays(first.date, limits.maxDays - 1) : null;
  let units = 0;
  let count = 0;
  let end = first.date;
  for (const d of sorted) {
    if (lastAllowed !== null && d.date > lastAllowed) break;
    if (limits.maxDoses !== null && count + 1 > limits.maxDoses) break;
    if (limits.maxUnits !== null && units + d.units > limits.maxUnits && count > 0) break;
    units += d.units;
    count += 1;
    end = d.date;
  }
  return { startDate: first.date, endDate: lastAllowed ?? end, doses: count, units };
}
