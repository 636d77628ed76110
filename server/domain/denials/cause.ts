/**
 * The upstream cause of a denial in our own workflow, in words: what the claim actually carried
 * (the authorization number or its absence, the NDC on the line, the modifiers sent, the diagnoses,
 * the coverage billed, when it was filed). Pure: the service passes the claim, its lines, payer and
 * coverage in.
 */
import { formatDate, plural } from "@/server/domain/format";
import type { DenialCategory } from "./codes";

export interface CauseLine {
  position: number;
  code: string;
  modifiers: readonly string[];
  units: number;
  ndc11: string | null;
  ndcUnit: string | null;
  ndcQuantity: string | null;
}

export interface CauseContext {
  claimNumber: string;
  dateOfService: string;
  /** ICD-10-CM without dots, principal first */
  diagnoses: readonly string[];
  diagnosisText?: ReadonlyMap<string, string>;
  priorAuthNumber: string | null;
  /** ISO date the claim was first sent */
  submittedOn: string | null;
  lines: readonly CauseLine[];
  /** positions of the claim lines the denial is about (empty: the whole claim) */
  deniedPositions: readonly number[];
  /** units the payer allowed on a line, by claim line position, when it cut them */
  allowedUnits?: ReadonlyMap<number, number>;
  payer: {
    name: string;
    wasteModifiers: string;
    ndc: string;
    priorAuthRequired: boolean;
    timelyFilingDays: number | null;
  };
  coverage: { memberId: string; effectiveDate: string; terminationDate: string | null } | null;
  /** authorizations on file for the patient around the date of service (prior-auth module) */
  authorizations?: readonly { number: string | null; status: string; startDate: string | null; endDate: string | null }[];
  /** other claims of the same patient and date */
  otherClaims?: readonly { claimNumber: string; status: string }[];
}

function ndcText(l: CauseLine): string {
  if (!l.ndc11) return `line ${l.position} (${l.code}) went out with no NDC`;
  const n = l.ndc11;
  return `line ${l.position} (${l.code}) carried NDC ${n.slice(0, 5)}-${n.slice(5, 9)}-${n.slice(9)} ${l.ndcUnit ?? ""} ${l.ndcQuantity ?? ""}`.trim();
}

function lineText(l: CauseLine): string {
  return `${l.code}${l.modifiers.length ? `-${l.modifiers.join("-")}` : ""} ×${l.units}`;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

const DRUG_RE = /^J\d{4}$/;

export function denialCause(category: DenialCategory, c: CauseContext): string {
  const denied = c.deniedPositions.length ? c.lines.filter((l) => c.deniedPositions.includes(l.position)) : c.lines;
  const drugLines = denied.filter((l) => DRUG_RE.test(l.code));
  switch (category) {
    case "authorization": {
      const sent = c.priorAuthNumber ? `Claim ${c.claimNumber} carried authorization ${c.priorAuthNumber} (REF*G1).` : `Claim ${c.claimNumber} went out with no authorization number.`;
      const setting = c.payer.priorAuthRequired ? `${c.payer.name} requires authorization for J9173.` : `${c.payer.name} is set up as not requiring authorization: check that setting.`;
      const auths = c.authorizations ?? [];
      const covering = auths.filter((a) => a.status === "approved" && (!a.startDate || a.startDate <= c.dateOfService) && (!a.endDate || c.dateOfService <= a.endDate));
      const onFile = auths.length
        ? covering.length
          ? `Authorization ${covering.map((a) => a.number ?? "(no number)").join(", ")} on file covers ${formatDate(c.dateOfService)}${c.priorAuthNumber && covering.some((a) => a.number === c.priorAuthNumber) ? "" : ": send a corrected claim with it"}.`
          : `No approved authorization on file covers ${formatDate(c.dateOfService)} (on file: ${auths.map((a) => `${a.number ?? "no number"} ${a.status}${a.startDate ? ` ${formatDate(a.startDate)}–${a.endDate ? formatDate(a.endDate) : "open"}` : ""}`).join("; ")}).`
        : `No authorization on file for this date of service.`;
      return `${sent} ${setting} ${onFile}`;
    }
    case "ndc-coding": {
      const lines = drugLines.length ? drugLines : denied;
      const codes = lines.filter((l) => l.code === "J9322");
      const wrong = codes.length ? ` J9322 is a pemetrexed code: durvalumab is J9173.` : "";
      return `${lines.map(ndcText).join("; ")}; the payer's NDC setting is "${c.payer.ndc}".${wrong}`;
    }
    case "modifier": {
      const lines = drugLines.length ? drugLines : denied;
      const noWaste = lines.filter((l) => !l.modifiers.some((m) => m === "JW" || m === "JZ"));
      return (
        `Sent: ${lines.map(lineText).join(", ")}. ${c.payer.name}'s waste-modifier policy is "${c.payer.wasteModifiers}".` +
        (noWaste.length && c.payer.wasteModifiers !== "none" ? ` ${noWaste.map((l) => l.code).join(", ")} carried neither JW nor JZ.` : "")
      );
    }
    case "medical-necessity": {
      const dx = c.diagnoses.map((d) => `${d}${c.diagnosisText?.get(d) ? ` ${c.diagnosisText.get(d)}` : ""}`).join(", ");
      return `Diagnoses sent: ${dx || "none"}. Check them against the indication and the payer's policy before appealing.`;
    }
    case "eligibility": {
      if (!c.coverage) return `No coverage is recorded for the claim.`;
      const cov = c.coverage;
      const inForce = cov.effectiveDate <= c.dateOfService && (!cov.terminationDate || c.dateOfService <= cov.terminationDate);
      return `Billed ${c.payer.name}, member ${cov.memberId}, coverage from ${formatDate(cov.effectiveDate)}${cov.terminationDate ? ` to ${formatDate(cov.terminationDate)}` : ""}: ${inForce ? "in force" : "not in force"} on ${formatDate(c.dateOfService)} as recorded.`;
    }
    case "timely-filing": {
      if (!c.submittedOn) return `The claim has no submission date recorded.`;
      const days = daysBetween(c.dateOfService, c.submittedOn);
      return `First sent on ${formatDate(c.submittedOn)}, ${plural(days, "day")} after the date of service; ${c.payer.name}'s filing limit is ${c.payer.timelyFilingDays === null ? "12 months (Medicare)" : `${c.payer.timelyFilingDays} days`}.`;
    }
    case "duplicate": {
      const others = c.otherClaims ?? [];
      return others.length
        ? `Other claims for this patient on ${formatDate(c.dateOfService)}: ${others.map((o) => `${o.claimNumber} (${o.status})`).join(", ")}.`
        : `No other claim of the practice bills this patient on ${formatDate(c.dateOfService)}: ask the payer which claim it matched.`;
    }
    case "units": {
      const lines = drugLines.length ? drugLines : denied;
      return lines
        .map((l) => {
          const allowed = c.allowedUnits?.get(l.position);
          return `line ${l.position} billed ${lineText(l)}${allowed !== undefined && allowed !== l.units ? `, the payer allowed ${allowed} units` : ""}`;
        })
        .join("; ")
        .replace(/^./, (x) => x.toUpperCase())
        .concat(". Check the units against the dose given (1 unit = 10 mg for J9173).");
    }
    case "missing-information":
      return `Read the remark codes for what is missing on claim ${c.claimNumber}; lines: ${denied.map(lineText).join(", ")}.`;
    case "bundling":
      return `Claim lines: ${c.lines.map(lineText).join(", ")}. Check NCCI edits and modifiers on ${denied.map((l) => l.code).join(", ")}.`;
    default:
      return `Claim ${c.claimNumber}, ${denied.map(lineText).join(", ")}.`;
  }
}
