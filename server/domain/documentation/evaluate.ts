/**
 * One documented administration evaluated as a whole: the checklist, the engine's claim preview on
 * the primary payer, the arithmetic behind it, every finding (engine + expired lots) with its
 * acknowledgement, and what still blocks "ready for billing".
 */
import { parseScenario, previewClaim } from "@/server/domain/billing/preview";
import type { PreparedReference } from "@/server/domain/billing/prepare";
import type { ClaimLine } from "@/server/domain/billing/types";
import { explainClaim, type ArithmeticStep } from "./arithmetic";
import { checklistComplete, documentationChecklist, type ChecklistItem } from "./checklist";
import { lotExpiryFindings } from "./expiry";
import { evaluateFindings, readinessBlockers, type AcknowledgmentRef, type EvaluatedFinding } from "./findings";
import { toScenario } from "./scenario";
import type { ClaimContext, DocumentationFinding, DocumentationValues } from "./types";

export interface ClaimPreview {
  dateOfService: string;
  lines: (ClaimLine & { chargeCents: number })[];
  /** ICD-10-CM without the dot, principal first */
  diagnoses: string[];
  totalChargeCents: number;
  placeOfService: string | null;
  /** 837P (professional) or 837I (the practice as the facility) */
  claimType: "professional" | "institutional";
  /** the 837I's type of bill (e.g. 0131); null on an 837P */
  typeOfBill: string | null;
  priorAuthNumber: string | null;
  claimFilingIndicator: string | null;
  /** an error finding blocks the claim */
  blocked: boolean;
  arithmetic: ArithmeticStep[];
}

export interface DocumentationEvaluation {
  checklist: ChecklistItem[];
  checklistComplete: boolean;
  /** null when the documentation is not yet complete enough to build a claim; `missing` says why */
  preview: ClaimPreview | null;
  missing: string[];
  /** another entity bills the drug and its administration at this location: no claim is ours to build */
  billedElsewhere: boolean;
  findings: EvaluatedFinding[];
  /** why "ready for billing" is refused (empty when it is allowed) */
  blockers: string[];
}

export function evaluateDocumentation(ref: PreparedReference, values: DocumentationValues, ctx: ClaimContext, acks: readonly AcknowledgmentRef[]): DocumentationEvaluation {
  const checklist = documentationChecklist(ref, values, ctx);
  const complete = checklistComplete(checklist);
  const raw: DocumentationFinding[] = [];
  let preview: ClaimPreview | null = null;
  let missing: string[] = [];
  const build = toScenario(values, ctx);
  const billedElsewhere = !build.ok && build.billedElsewhere === true;
  if (!build.ok) {
    missing = build.missing;
  } else {
    const parsed = parseScenario(build.scenario, ref);
    if (!parsed.ok) {
      missing = parsed.errors.map((e) => `${e.field}: ${e.message}`);
    } else {
      const r = previewClaim(parsed.scenario, ref);
      raw.push(...r.findings);
      preview = {
        dateOfService: parsed.scenario.dateOfService,
        lines: r.lines.map((l, i) => ({ ...l, chargeCents: r.claim.builtLines[i]?.chargeCents ?? 0 })),
        diagnoses: r.diagnoses,
        totalChargeCents: r.claim.totalChargeCents,
        placeOfService: r.claim.placeOfService ?? null,
        claimType: parsed.scenario.claimType,
        typeOfBill: parsed.scenario.typeOfBill ?? null,
        priorAuthNumber: r.claim.priorAuthNumber ?? null,
        claimFilingIndicator: r.claim.claimFilingIndicator ?? null,
        blocked: r.claim.blocked,
        arithmetic: explainClaim(ref, values, build.scenario, r, ctx.feeScheduleCents),
      };
    }
  }
  raw.push(...lotExpiryFindings(values.vials, values.actualDate));
  const findings = evaluateFindings(raw, acks);
  const notDone = checklist.filter((c) => !c.done).map((c) => c.label.toLowerCase());
  const blockers = readinessBlockers({ checklistComplete: complete, missing: notDone, findings });
  if (billedElsewhere) blockers.unshift("another entity bills the drug and its administration at this location: close it as billed by the facility");
  else if (complete && preview === null) blockers.unshift(`the claim cannot be built: ${missing.join("; ")}`);
  if (preview !== null && preview.blocked && !findings.some((f) => f.severity === "error")) blockers.push("the claim is blocked by an error");
  return { checklist, checklistComplete: complete, preview, missing, billedElsewhere, findings, blockers };
}
