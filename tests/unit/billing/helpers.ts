import { referenceSeed } from "@/db/seed/reference";
import {
  parseScenario,
  prepareReference,
  previewClaim,
  validateReferenceData,
  type Finding,
  type PreparedReference,
  type PreviewResult,
  type ReferenceData,
  type TScenarioInput,
} from "@/server/domain/billing";

export function loadReference(): ReferenceData {
  const v = validateReferenceData(structuredClone(referenceSeed));
  if (!v.ok) throw new Error(`seed invalid: ${JSON.stringify(v.errors.slice(0, 5))}`);
  return v.data;
}

export const refData = loadReference();
export const ref: PreparedReference = prepareReference(refData);

export const MCR = { kind: "medicare", wasteModifiers: "jw_jz", ndc: "none", priorAuthRequired: false } as const;
export const COMM = { kind: "commercial", wasteModifiers: "jw_jz", ndc: "ML", priorAuthRequired: true } as const;
export const MCD_UN = { kind: "medicaid", wasteModifiers: "jw_jz", ndc: "UN", priorAuthRequired: true, profile: "MCD-UN" } as const;
export const COMM_NOJZ = { kind: "commercial", wasteModifiers: "jw_only", ndc: "ML", priorAuthRequired: true, profile: "COMM-NOJZ" } as const;
export const PA = { number: "PA778899", start: "2026-07-01", end: "2026-12-31", hcpcs: "J9173", approvedUnits: 900, usedUnits: 150 };
export const CHARGES = { J9173: 150, J9347: 60, "96413": 300, "96415": 75, "96417": 150, "96409": 100 };

type DrugIn = TScenarioInput["drugs"][number];

export function durva(over: Partial<DrugIn> = {}): DrugIn {
  return {
    drug: "durvalumab",
    orderedDose: { mg: 1500 },
    administeredMg: 1500,
    vials: [{ ndc: "0310-4611-50", count: 3 }],
    infusion: { start: "10:00", end: "11:00" },
    ...over,
  };
}

/** Example 1 baseline (Medicare, 78 kg, stage III NSCLC, 3 × V500, 10:00-11:00). */
export function scenario(over: Partial<TScenarioInput> = {}): TScenarioInput {
  return {
    claimType: "professional",
    placeOfService: "11",
    dateOfService: "2026-09-14",
    today: "2026-09-15",
    payer: { ...MCR },
    patient: { weightKg: 78 },
    diagnoses: ["C34.11"],
    indication: "nsclc-stage3-consolidation",
    drugs: [durva()],
    charges: CHARGES,
    ...over,
  };
}

export function run(input: TScenarioInput, reference: PreparedReference = ref): PreviewResult {
  const p = parseScenario(input, reference);
  if (!p.ok) throw new Error(`invalid scenario: ${JSON.stringify(p.errors)}`);
  return previewClaim(p.scenario, reference);
}

/** `J9173-JZ ×150 | 00310461150 ML 30` notation of claim-rules.md. */
export function notation(r: PreviewResult): string[] {
  return r.lines.map((l) => `${l.code}${l.modifiers.map((m) => `-${m}`).join("")} ×${l.units}${l.ndc ? ` | ${l.ndc.code} ${l.ndc.unit} ${l.ndc.quantity}` : ""}`);
}

export function blocking(r: PreviewResult): Finding[] {
  return r.findings.filter((f) => f.severity !== "info");
}

export function byRule(r: PreviewResult, rule: string, severity?: string): Finding[] {
  return r.findings.filter((f) => f.rule === rule && (severity === undefined || f.severity === severity));
}
