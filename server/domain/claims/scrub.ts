/**
 * Scrubbing a claim as it stands: the billing engine in check mode on the claim's own lines (the
 * engine scenario snapshotted when the claim was built, with today's date for timely filing), plus
 * what only the claim knows: that it can be written as an 837 with the parties it carries. Every
 * finding gets a fingerprint; a warning counts as overridden when an override with the same rule and
 * fingerprint exists (a changed warning needs a new override). Pure.
 */
import { parseScenario, previewClaim } from "@/server/domain/billing/preview";
import type { PreparedReference } from "@/server/domain/billing/prepare";
import type { TLineInput, TScenarioInput } from "@/server/domain/billing/scenario";
import type { Finding } from "@/server/domain/billing/types";
import { DomainError } from "@/server/domain/errors";
import { findingFingerprint } from "@/server/domain/documentation/findings";
import { write837 } from "@/server/domain/x12/write-837";
import { findingTopics } from "./labels";
import { toClaim837, type ClaimForX12 } from "./to-837";
import type { ClaimFinding, ClaimLineData, StoredClaimFinding } from "./types";

export interface ClaimScrubInput extends ClaimForX12 {
  /** the engine scenario the claim was built from (its `lines` are ignored: the claim's lines are checked) */
  scenario: TScenarioInput;
  today: string;
  /** other live claims of the patient with the same payer and date of service (duplicate check) */
  previousClaims?: NonNullable<TScenarioInput["previousClaims"]>;
  overrides: readonly { rule: string; fingerprint: string }[];
}

export interface ClaimScrubResult {
  findings: StoredClaimFinding[];
  /** an error finding blocks sending */
  blocked: boolean;
  /** warnings without an override */
  openWarnings: number;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** A claim line in the engine's check-mode input shape (dollars at this edge only, exact to the cent). */
export function toEngineLine(l: ClaimLineData): TLineInput {
  const line: TLineInput = {
    code: l.code,
    modifiers: [...l.modifiers],
    units: l.units,
    diagnosisPointers: [...l.diagnosisPointers],
    charge: l.chargeCents / 100,
  };
  if (l.ndc) line.ndc = { code: l.ndc.code11, unit: l.ndc.unit, quantity: Number(l.ndc.quantity) };
  return line;
}

const DUMMY_ENVELOPE = {
  senderId: "SCRUB",
  receiverId: "SCRUB",
  interchangeControlNumber: 1,
  groupControlNumber: 1,
  transactionSetControlNumber: "0001",
  creationDate: "2000-01-01",
  creationTime: "00:00",
  usage: "T" as const,
};
const DUMMY_SUBMITTER = { name: "SCRUB", id: "SCRUB", contactName: "SCRUB", phone: "0000000000" };

/** Why the claim cannot be written as an 837, as an error finding; null when it can. */
export function x12Finding(c: ClaimForX12): ClaimFinding | null {
  try {
    write837(toClaim837(c, DUMMY_SUBMITTER, { name: "SCRUB", id: "SCRUB" }), DUMMY_ENVELOPE);
    return null;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return {
      rule: "CLM-837",
      category: "documentation",
      severity: "error",
      message: `The claim cannot be written as an 837: ${e.message}`,
      suggestedFix: { action: fixFor(e.field ?? "") },
      source: "X12 005010X222A1 / X223A2 implementation guides (docs/x12.md)",
    };
  }
}

function fixFor(field: string): string {
  if (field.startsWith("billingProvider")) return "Correct the practice (or hospital location) details in Admin: a street address, a 9-digit ZIP+4, NPI and tax id.";
  if (field.startsWith("subscriber") || field.startsWith("patient")) return "Correct the patient's demographics or coverage on the patient page, then refresh the claim.";
  if (field.startsWith("payer")) return "Correct the payer's EDI payer id or claim filing indicator in Admin → Payers.";
  if (field.startsWith("claim.renderingProvider")) return "Correct the provider's name, NPI or taxonomy in Admin → Providers.";
  if (field.startsWith("claim.lines")) return "Correct the line shown in the message.";
  if (field.startsWith("claim.diagnoses")) return "Correct the diagnosis list.";
  return "Correct the value named in the message.";
}

export function scrubClaim(ref: PreparedReference, input: ClaimScrubInput): ClaimScrubResult {
  const found: ClaimFinding[] = [];
  const base: TScenarioInput = { ...input.scenario };
  delete (base as { lines?: unknown }).lines;
  const scenario: TScenarioInput = {
    ...base,
    claimType: input.claimType,
    diagnoses: input.diagnoses.length ? [...input.diagnoses] : base.diagnoses,
    today: input.today >= base.dateOfService ? input.today : base.dateOfService,
    frequency: input.frequency,
    lines: input.lines.map(toEngineLine),
  };
  if (input.claimType === "institutional") {
    scenario.typeOfBill = input.typeOfBill ?? "0131";
    delete scenario.placeOfService;
  } else if (input.placeOfService) scenario.placeOfService = input.placeOfService;
  if (input.payerClaimNumber) scenario.payerClaimNumber = input.payerClaimNumber;
  else delete scenario.payerClaimNumber;
  if (input.previousClaims?.length) scenario.previousClaims = input.previousClaims;
  else delete scenario.previousClaims;
  if (input.lines.length === 0) {
    found.push({ rule: "CLM-837", category: "documentation", severity: "error", message: "The claim has no lines.", suggestedFix: { action: "Add the lines to bill." }, source: "X12 837 2400 loop" });
  } else {
    const parsed = parseScenario(scenario, ref);
    if (!parsed.ok) {
      for (const e of parsed.errors) {
        found.push({
          rule: "CLM-837",
          category: "documentation",
          severity: "error",
          message: `${e.field}: ${e.message}`,
          suggestedFix: { action: "Correct the value named in the message." },
          source: "billing engine scenario schema",
        });
      }
    } else {
      const r = previewClaim(parsed.scenario, ref);
      for (const f of r.findings) found.push(f as Finding);
    }
  }
  const x = x12Finding(input);
  if (x) found.push(x);

  const keys = new Set(input.overrides.map((o) => `${o.rule}|${o.fingerprint}`));
  const findings: StoredClaimFinding[] = found
    .map((f) => {
      const fingerprint = findingFingerprint(f);
      return { ...f, fingerprint, overridden: f.severity === "warning" && keys.has(`${f.rule}|${fingerprint}`) };
    })
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return {
    findings,
    blocked: findings.some((f) => f.severity === "error"),
    openWarnings: findings.filter((f) => f.severity === "warning" && !f.overridden).length,
  };
}

/** Why a claim cannot be marked ready (empty when it can). */
export function readyBlockers(r: Pick<ClaimScrubResult, "findings">): string[] {
  const out: string[] = [];
  const errors = r.findings.filter((f) => f.severity === "error");
  if (errors.length) out.push(`${errors.length} error${errors.length === 1 ? "" : "s"} to fix (${findingTopics(errors)})`);
  const open = r.findings.filter((f) => f.severity === "warning" && !f.overridden);
  if (open.length) out.push(`${open.length} warning${open.length === 1 ? "" : "s"} without an override reason (${findingTopics(open)})`);
  return out;
}
