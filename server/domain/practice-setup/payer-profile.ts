/**
 * Payer rows (practice set-up) ↔ the billing engine's payer input.
 *
 * The engine (server/domain/billing/payer.ts `resolvePayer`) takes the scenario `payer` object: the
 * explicit settings below win over the profile template named by `profile` (or the kind's default
 * template). The Medicare-style months rule of timely filing is only read from the template. So:
 *  - a Medicare payer without a day limit is sent with profile MCR (12 calendar months after the DOS);
 *  - otherwise the template the payer was created from is named, and the day limit is explicit.
 */
import type { TPayerProfileRow } from "@/server/domain/billing/reference";
import type { TScenarioInput } from "@/server/domain/billing/scenario";
import { PAYER_TEMPLATE_IDS, type ClaimFilingIndicator, type PayerTemplateId } from "./codes";

export type EnginePayerInput = TScenarioInput["payer"];

/** The columns of a payer row that carry billing settings (db/schema/practice-setup.ts `payers`). */
export interface PayerSettings {
  kind: TPayerProfileRow["kind"];
  templateId: string | null;
  wasteModifiers: TPayerProfileRow["wasteModifiers"];
  ndc: TPayerProfileRow["ndc"];
  priorAuthRequired: boolean;
  timelyFilingDays: number | null;
  appealDays: number | null;
  freeDrug: TPayerProfileRow["freeDrug"];
  doseRoundingPercent: number | null;
  unitCaps: Record<string, number>;
  claimFilingIndicator: string;
  /** SBR09 on 837I claims when it differs (Medicare: MA); null = the same as on 837P */
  institutionalClaimFilingIndicator: string | null;
  modifier340b: TPayerProfileRow["modifier340b"];
  charge340b: TPayerProfileRow["charge340b"];
  ndcUnPartialVial: TPayerProfileRow["ndcUnPartialVial"];
}

/** Medicare Part B's timely-filing rule (1 calendar year after the DOS) applies when no day limit is set. */
export function usesMedicareFilingRule(p: Pick<PayerSettings, "kind" | "timelyFilingDays">): boolean {
  return p.kind === "medicare" && p.timelyFilingDays === null;
}

/** Maps a payer row into the payer object the billing engine takes (scenario `payer`). Pure. */
export function toPayerProfile(row: PayerSettings): EnginePayerInput {
  const profile = usesMedicareFilingRule(row) ? "MCR" : isTemplateId(row.templateId) ? row.templateId : undefined;
  const out: EnginePayerInput = {
    kind: row.kind,
    wasteModifiers: row.wasteModifiers,
    ndc: row.ndc,
    priorAuthRequired: row.priorAuthRequired,
    freeDrug: row.freeDrug,
    unitCaps: { ...row.unitCaps },
    claimFilingIndicator: row.claimFilingIndicator,
    modifier340b: row.modifier340b,
    charge340b: row.charge340b,
    ndcUnPartialVial: row.ndcUnPartialVial,
  };
  if (profile !== undefined) out.profile = profile;
  if (row.institutionalClaimFilingIndicator !== null) out.institutionalClaimFilingIndicator = row.institutionalClaimFilingIndicator;
  if (row.timelyFilingDays !== null) out.timelyFilingDays = row.timelyFilingDays;
  if (row.appealDays !== null) out.appealDays = row.appealDays;
  if (row.doseRoundingPercent !== null) out.doseRoundingPercent = row.doseRoundingPercent;
  return out;
}

export function isTemplateId(id: string | null | undefined): id is PayerTemplateId {
  return id !== null && id !== undefined && (PAYER_TEMPLATE_IDS as readonly string[]).includes(id);
}

/**
 * The settings a new payer starts with when created from a profile template. A months-based
 * template (Medicare) leaves the day limit empty so the calendar-year rule applies.
 */
export function settingsFromTemplate(t: TPayerProfileRow): PayerSettings & { claimFilingIndicator: ClaimFilingIndicator | string } {
  return {
    kind: t.kind,
    templateId: t.id,
    wasteModifiers: t.wasteModifiers,
    ndc: t.ndc,
    priorAuthRequired: t.priorAuthRequired,
    timelyFilingDays: t.timelyFilingMonths !== null && t.kind === "medicare" ? null : (t.timelyFilingDays ?? null),
    appealDays: t.appealDays,
    freeDrug: t.freeDrug,
    doseRoundingPercent: t.doseRoundingPercent,
    unitCaps: { ...t.unitCaps },
    claimFilingIndicator: t.claimFilingIndicator,
    institutionalClaimFilingIndicator: t.institutionalClaimFilingIndicator,
    modifier340b: t.modifier340b,
    charge340b: t.charge340b,
    ndcUnPartialVial: t.ndcUnPartialVial,
  };
}
