/**
 * Claim-level scrubber rules that look at the final lines: place of service (R-FACILITY),
 * modifiers (R-MOD), prior authorization (R-AUTH), timely filing (R-TIMELY), frequency (R-FREQ),
 * duplicates (R-DUP), payer unit caps (R-MUE) and diagnosis pointers.
 */
import { addDays, addMonths, dayNumber } from "./dates";
import type { PayerPolicy } from "./payer";
import { pick, type PreparedReference } from "./prepare";
import type { TModifierRuleRow } from "./reference";
import { formatDate, plural } from "../format";
import { RULES } from "./rules";
import type { TLineInput, TPriorAuthInput, TScenario } from "./scenario";
import type { AuthorizationUse, BuiltLine, Finding } from "./types";

export interface ScrubInput {
  claimType: "professional" | "institutional";
  placeOfService?: string | undefined;
  typeOfBill?: string | undefined;
  dateOfService: string;
  today?: string | undefined;
  payer: PayerPolicy;
  frequency: "original" | "replacement" | "void";
  payerClaimNumber?: string | undefined;
  priorAuths: TPriorAuthInput[];
  previousClaims?: TScenario["previousClaims"];
  diagnoses: string[];
  lines: BuiltLine[];
  /** drug HCPCS codes on the claim that are billed to the payer (not free) */
  billedDrugCodes: Set<string>;
  /** every drug HCPCS code of the scenario (for free-drug exemptions) */
  drugCodes: Set<string>;
  /** billed code -> the drug's correct code, when a wrong code was entered (PA look-up uses either) */
  correctCodeOf?: Map<string, string>;
  /** the encounter's primary drug code (its authorization goes on an 837I, which carries only one) */
  primaryDrugCode?: string | undefined;
  /** the site's PO/PN rule on an 837I from an off-campus department; null when the site is known not to need one */
  siteRule?: TModifierRuleRow | null | undefined;
  /** drug codes bought under 340B / not, and the 340B rule that applies (R-340B) */
  drug340b?: { codes340b: Set<string>; otherCodes: Set<string>; rule: TModifierRuleRow | undefined } | undefined;
}

export interface ScrubResult {
  findings: Finding[];
  /** claim-level authorization (2300 REF*G1) */
  priorAuthNumber?: string;
  /** authorization per line (same order as the lines), undefined where none applies */
  lineAuth: (string | undefined)[];
  authorizations: AuthorizationUse[];
}

const lineKey = (l: { code: string; modifiers: string[]; units: number }) => `${l.code}|${[...l.modifiers].sort().join(",")}|${l.units}`;

function sameLines(a: { code: string; modifiers: string[]; units: number }[], b: { code: string; modifiers: string[]; units: number }[]): boolean {
  if (a.length !== b.length) return false;
  const x = a.map(lineKey).sort();
  const y = b.map(lineKey).sort();
  return x.every((k, i) => k === y[i]);
}

export function scrub(ref: PreparedReference, input: ScrubInput): ScrubResult {
  const findings: Finding[] = [];
  const { dateOfService: dos, payer, lines } = input;
  const result: ScrubResult = { findings, lineAuth: lines.map(() => undefined), authorizations: [] };

  // Place of service / type of bill
  if (input.claimType === "professional") {
    const pos = input.placeOfService ?? "11";
    const posRow = pick(ref.posByCode.get(pos), dos);
    if (!posRow) {
      findings.push({
        rule: "R-FACILITY",
        category: "place-of-service",
        severity: "warning",
        message: `Place of service ${pos} is not in the place-of-service table.`,
        source: RULES["R-FACILITY"].source,
      });
    } else if (posRow.facility) {
      const blocked: number[] = [];
      lines.forEach((l, i) => {
        const admin = pick(ref.adminByCode.get(l.code), dos);
        if (input.drugCodes.has(l.code) || l.kind === "drug" || l.kind === "waste" || (admin && !admin.professionalInFacility)) blocked.push(i + 1);
      });
      if (blocked.length > 0) {
        findings.push({
          rule: "R-FACILITY",
          category: "place-of-service",
          severity: "error",
          message: `Place of service ${pos} (${posRow.name}) is a facility: the hospital bills the drug and its administration on its 837I, so the physician's 837P must not carry line${blocked.length > 1 ? "s" : ""} ${blocked.join(", ")}.`,
          suggestedFix: { action: "Bill these lines on the hospital's institutional claim (837I); the physician bills only professional services (e.g. E/M)." },
          source: RULES["R-FACILITY"].source,
          line: blocked[0]!,
        });
      }
    }
  } else if (input.typeOfBill === undefined) {
    findings.push({
      rule: "R-FACILITY",
      category: "place-of-service",
      severity: "error",
      message: "An institutional claim (837I) needs a type of bill (e.g. 0131 hospital outpatient).",
      suggestedFix: { action: "Enter the type of bill." },
      source: RULES["R-FACILITY"].source,
    });
  }

  // Modifiers not allowed on drug / administration lines
  lines.forEach((l, i) => {
    const isDrugOrAdmin = input.drugCodes.has(l.code) || l.kind === "drug" || l.kind === "waste" || ref.adminByCode.has(l.code);
    if (!isDrugOrAdmin) return;
    for (const m of l.modifiers) {
      const row = pick(ref.modifiersByCode.get(m), dos) ?? ref.modifiersByCode.get(m)?.[0];
      if (!row) {
        findings.push({
          rule: "R-MOD",
          category: "modifier",
          severity: "warning",
          message: `Line ${i + 1}: modifier ${m} is unknown for a drug or administration line.`,
          suggestedFix: { action: `Remove ${m} unless the payer requires it.` },
          source: RULES["R-MOD"].source,
          line: i + 1,
        });
      } else if (!row.allowedOnDrugOrAdmin) {
        const fixed = { code: l.code, modifiers: l.modifiers.filter((x) => x !== m), units: l.units, ndc: l.ndc ? { code: l.ndc.code, unit: l.ndc.unit, quantity: l.ndc.quantityMilli / 1000 } : null, diagnosisPointers: l.diagnosisPointers, charge: Math.max(0, l.chargeCents) / 100 };
        findings.push({
          rule: "R-MOD",
          category: "modifier",
          severity: "error",
          message:
            row.role === "evaluation_management"
              ? `Line ${i + 1}: ${m} (${row.description}) belongs on the same-day visit (99212–99215), never on ${l.code} (CO-4 risk).`
              : `Line ${i + 1}: ${m} (${row.description}) never belongs on ${l.code}; it is a therapy plan-of-care modifier, not a drug or chemotherapy-administration modifier (CO-4 risk).`,
          suggestedFix: { action: `Remove ${m} from line ${i + 1}.`, line: fixed },
          source: RULES["R-MOD"].source,
          line: i + 1,
        });
      }
    }
  });

  // Diagnosis pointers
  lines.forEach((l, i) => {
    const bad = l.diagnosisPointers.filter((p) => p > input.diagnoses.length);
    if (bad.length > 0) {
      findings.push({
        rule: "R-DX",
        category: "diagnosis",
        severity: "error",
        message: `Line ${i + 1}: diagnosis pointer ${bad.join(", ")} points past the ${input.diagnoses.length} diagnos${input.diagnoses.length === 1 ? "is" : "es"} on the claim.`,
        source: RULES["R-DX"].source,
        line: i + 1,
      });
    }
  });

  // Units per HCPCS (used by PA and caps)
  const unitsByCode = new Map<string, number>();
  for (const l of lines) if (input.billedDrugCodes.has(l.code) && !l.free) unitsByCode.set(l.code, (unitsByCode.get(l.code) ?? 0) + l.units);

  // Prior authorization: each drug against its own authorization (dates, remaining units)
  const paSrc = RULES["R-AUTH"].source;
  const paFor = (code: string) => {
    const correct = input.correctCodeOf?.get(code);
    const cands = input.priorAuths.filter((p) => p.hcpcs === code || (correct !== undefined && p.hcpcs === correct));
    return cands.find((p) => p.start <= dos && dos <= p.end) ?? cands[0];
  };
  for (const [code, units] of unitsByCode) {
    const pa = paFor(code);
    const sev = payer.priorAuthRequired ? "error" : "warning";
    if (!pa) {
      if (!payer.priorAuthRequired) continue;
      const other = input.priorAuths[0];
      findings.push({
        rule: "R-AUTH",
        category: "auth",
        severity: "error",
        message: other
          ? `Prior authorization ${other.number} is for ${other.hcpcs}, but the claim bills ${code}; the payer requires an authorization for ${code} (wrong drug → CO-197/CO-284).`
          : `The payer requires prior authorization for ${code} and none is on file (CO-197).`,
        suggestedFix: { action: `Obtain or enter the authorization for ${code}; ask about retro-authorization if the drug was already given.` },
        source: paSrc,
      });
      continue;
    }
    if (dos < pa.start || dos > pa.end) {
      findings.push({
        rule: "R-AUTH",
        category: "auth",
        severity: sev,
        message: `Prior authorization ${pa.number} (${code}) is valid ${formatDate(pa.start)} to ${formatDate(pa.end)}; the date of service ${formatDate(dos)} is ${dos > pa.end ? "after it expired" : "before it starts"} (CO-197).`,
        suggestedFix: { action: "Request an extension or a new authorization covering the date of service." },
        source: paSrc,
      });
    }
    const remaining = pa.approvedUnits - pa.usedUnits;
    if (units > remaining) {
      findings.push({
        rule: "R-AUTH",
        category: "auth",
        severity: sev,
        message: `The claim bills ${units} units of ${code}, but authorization ${pa.number} has ${Math.max(0, remaining)} left (${pa.approvedUnits} approved, ${pa.usedUnits} used) (CO-198).`,
        suggestedFix: { action: "Request a unit increase on the authorization before submitting." },
        source: paSrc,
      });
    }
  }
  // Which authorization each line carries: its own code's (RFI 2459: 2400 REF*G1 only when it differs from 2300).
  lines.forEach((l, i) => {
    if (l.free) return;
    const pa = paFor(l.code);
    if (pa) result.lineAuth[i] = pa.number;
  });
  const numbers = [...new Set(result.lineAuth.filter((n): n is string => n !== undefined))];
  const authUse = (n: string): AuthorizationUse => ({
    number: n,
    hcpcs: input.priorAuths.find((p) => p.number === n)?.hcpcs ?? "",
    lines: result.lineAuth.flatMap((x, i) => (x === n ? [i + 1] : [])),
    level: "claim",
  });
  if (numbers.length === 1) {
    result.priorAuthNumber = numbers[0]!;
    result.authorizations = [authUse(numbers[0]!)];
  } else if (numbers.length > 1) {
    if (input.claimType === "professional") {
      result.authorizations = numbers.map((n) => ({ ...authUse(n), level: "line" as const }));
    } else {
      // An 837I has no line-level prior authorization (005010X223A2 loop 2400 has no REF*G1): the claim carries one.
      const primaryPa = input.primaryDrugCode !== undefined ? paFor(input.primaryDrugCode)?.number : undefined;
      const chosen = primaryPa !== undefined && numbers.includes(primaryPa) ? primaryPa : numbers[0]!;
      result.priorAuthNumber = chosen;
      result.authorizations = numbers.map((n) => ({ ...authUse(n), level: n === chosen ? ("claim" as const) : ("not_sent" as const) }));
      const others = result.authorizations.filter((a) => a.level === "not_sent");
      findings.push({
        rule: "R-AUTH",
        category: "auth",
        severity: "warning",
        message: `The lines are covered by different authorizations, but an institutional claim (837I) carries only one (2300 REF*G1; there is no line-level authorization on the 837I): ${chosen} goes on the claim; ${others.map((a) => `${a.number} (${a.hcpcs}, line${a.lines.length > 1 ? "s" : ""} ${a.lines.join(", ")})`).join(", ")} cannot be sent.`,
        suggestedFix: { action: "Ask the payer how it wants the second authorization (a note, or the drug on its own claim); keep its number on file for the remittance." },
        source: paSrc,
      });
    }
  }
  if (result.priorAuthNumber === undefined && numbers.length === 0 && input.priorAuths[0]) result.priorAuthNumber = input.priorAuths[0].number;

  // Hospital site modifiers: PO/PN on every line of an off-campus department's 837I (R-SITE)
  const siteMods = new Set((ref.modifiersByRole.get("hospital_site") ?? []).map((m) => m.code));
  const siteSrc = RULES["R-SITE"].source;
  if (input.claimType === "institutional" && input.siteRule !== undefined) {
    const expected = input.siteRule?.modifier;
    const missing: number[] = [];
    const wrong: number[] = [];
    lines.forEach((l, i) => {
      const has = l.modifiers.filter((m) => siteMods.has(m));
      if (expected !== undefined && !has.includes(expected)) missing.push(i + 1);
      if (has.some((m) => m !== expected)) wrong.push(i + 1);
    });
    if (expected !== undefined && missing.length > 0) {
      findings.push({
        rule: "R-SITE",
        category: "modifier",
        severity: "error",
        message: `The service was given at an off-campus ${expected === "PN" ? "non-excepted" : "excepted"} hospital department: every line of the 837I needs ${expected}, drugs included; line${missing.length > 1 ? "s" : ""} ${missing.join(", ")} ${missing.length > 1 ? "lack" : "lacks"} it.`,
        suggestedFix: { action: `Add ${expected} to line${missing.length > 1 ? "s" : ""} ${missing.join(", ")}.` },
        source: siteSrc,
        line: missing[0]!,
      });
    }
    if (wrong.length > 0) {
      findings.push({
        rule: "R-SITE",
        category: "modifier",
        severity: "error",
        message: expected
          ? `Line${wrong.length > 1 ? "s" : ""} ${wrong.join(", ")} carry another site modifier than ${expected}; the location is an off-campus ${expected === "PN" ? "non-excepted" : "excepted"} department.`
          : `Line${wrong.length > 1 ? "s" : ""} ${wrong.join(", ")} carry PO/PN, but the location is on the hospital campus.`,
        suggestedFix: { action: expected ? `Use ${expected} only.` : "Remove PO/PN." },
        source: siteSrc,
        line: wrong[0]!,
      });
    }
  } else if (input.claimType === "professional") {
    const withSite = lines.flatMap((l, i) => (l.modifiers.some((m) => siteMods.has(m)) ? [i + 1] : []));
    if (withSite.length > 0) {
      findings.push({
        rule: "R-SITE",
        category: "modifier",
        severity: "warning",
        message: `Line${withSite.length > 1 ? "s" : ""} ${withSite.join(", ")} carry PO/PN, which belong on the hospital's 837I for an off-campus department, not on a professional claim.`,
        suggestedFix: { action: "Remove PO/PN from the professional claim." },
        source: siteSrc,
        line: withSite[0]!,
      });
    }
  }

  // 340B: the drug bought under 340B carries the payer's 340B modifier; no other drug does (R-340B)
  if (input.drug340b) {
    const mods340b = new Set((ref.modifiersByRole.get("340b") ?? []).map((m) => m.code));
    const { codes340b, otherCodes, rule } = input.drug340b;
    const src340b = RULES["R-340B"].source;
    lines.forEach((l, i) => {
      if (l.kind !== "drug" && l.kind !== "waste") return;
      const n = i + 1;
      const has = l.modifiers.filter((m) => mods340b.has(m));
      if (codes340b.has(l.code)) {
        if (payer.modifier340b === "none") {
          if (has.length > 0) {
            findings.push({ rule: "R-340B", category: "modifier", severity: "warning", message: `Line ${n}: this payer does not use 340B modifiers; ${has.join(", ")} may be rejected.`, suggestedFix: { action: `Remove ${has.join(", ")} unless the payer asks for it.` }, source: src340b, line: n });
          }
          return;
        }
        if (!rule) return;
        if (has.length === 0) {
          findings.push({
            rule: "R-340B",
            category: "modifier",
            severity: "error",
            message: `Line ${n}: ${l.code} was bought under 340B; this payer requires ${rule.modifier} on its lines${rule.note ? ` (${rule.note})` : ""}.`,
            suggestedFix: { action: `Add ${rule.modifier} to line ${n}.` },
            source: src340b,
            line: n,
          });
        } else if (!has.includes(rule.modifier)) {
          const accepted = has.every((m) => rule.alsoAccepted.includes(m));
          findings.push({
            rule: "R-340B",
            category: "modifier",
            severity: accepted ? "warning" : "error",
            message: accepted
              ? `Line ${n}: ${has.join(", ")} is still accepted on ${formatDate(dos)}, but ${rule.modifier} is the 340B modifier for this entity type${rule.note ? ` (${rule.note})` : ""}.`
              : `Line ${n}: ${has.join(", ")} is the wrong 340B modifier here: this entity type and date of service take ${rule.modifier}.`,
            suggestedFix: { action: `Use ${rule.modifier} on line ${n}.` },
            source: src340b,
            line: n,
          });
        }
      } else if (otherCodes.has(l.code) && has.length > 0) {
        findings.push({
          rule: "R-340B",
          category: "modifier",
          severity: "error",
          message: `Line ${n}: ${has.join(", ")} says the drug was bought under 340B, but the record says it was not; a 340B modifier on non-340B drug misstates the claim (inflation-rebate and Medicaid duplicate-discount exclusion).`,
          suggestedFix: { action: `Remove ${has.join(", ")} from line ${n}, or correct how the drug was acquired on the record.` },
          source: src340b,
          line: n,
        });
      }
    });
  }

  // Payer per-dose unit caps
  for (const [code, units] of unitsByCode) {
    const cap = payer.unitCaps[code];
    if (cap !== undefined && units > cap) {
      findings.push({
        rule: "R-MUE",
        category: "units",
        severity: "warning",
        message: `${units} units of ${code} exceed this payer's cap of ${cap} units per dose (CO-151/N362 risk).`,
        suggestedFix: { action: "Check the dose and weight; attach documentation or request an exception." },
        source: RULES["R-MUE"].source,
      });
    }
  }

  // Timely filing
  if (input.today !== undefined) {
    let deadline: string | null = null;
    let limitText = "";
    if (payer.timelyFilingMonths !== null) {
      deadline = addMonths(dos, payer.timelyFilingMonths);
      limitText = payer.timelyFilingMonths === 12 ? "1 calendar year" : `${payer.timelyFilingMonths} months`;
    } else if (payer.timelyFilingDays !== null) {
      deadline = addDays(dos, payer.timelyFilingDays);
      limitText = `${payer.timelyFilingDays} days`;
    }
    if (deadline !== null) {
      const late = dayNumber(input.today) - dayNumber(deadline);
      const elapsed = dayNumber(input.today) - dayNumber(dos);
      if (late > 0) {
        findings.push({
          rule: "R-TIMELY",
          category: "timely-filing",
          severity: "error",
          message: `Filing on ${formatDate(input.today)} is ${plural(elapsed, "day")} after the date of service ${formatDate(dos)}; the payer's limit is ${limitText} (last day ${formatDate(deadline)}) (CO-29).`,
          suggestedFix: { action: "Only proof of timely filing (an earlier accepted submission) can recover this claim." },
          source: RULES["R-TIMELY"].source,
        });
      } else if (late > -30) {
        findings.push({
          rule: "R-TIMELY",
          category: "timely-filing",
          severity: "warning",
          message: `Only ${plural(-late, "day")} left to file: the payer's limit is ${limitText} after the date of service (last day ${formatDate(deadline)}).`,
          suggestedFix: { action: "Submit this claim first." },
          source: RULES["R-TIMELY"].source,
        });
      }
    }
  }

  // Frequency
  const freq = ref.frequencies.get(input.frequency);
  if (freq?.needsPayerClaimNumber && !input.payerClaimNumber) {
    findings.push({
      rule: "R-FREQ",
      category: "frequency",
      severity: "error",
      message: `A ${input.frequency} claim (frequency ${freq.code}) must carry the payer's claim number of the claim it ${input.frequency === "void" ? "voids" : "replaces"} (REF*F8).`,
      suggestedFix: { action: "Enter the payer claim control number from the remittance (835 CLP07)." },
      source: RULES["R-FREQ"].source,
    });
  }
  if (input.frequency === "original" && input.payerClaimNumber) {
    findings.push({
      rule: "R-FREQ",
      category: "frequency",
      severity: "warning",
      message: `A payer claim number (${input.payerClaimNumber}) is given on an original claim; a correction must be sent as a replacement (frequency 7).`,
      suggestedFix: { action: "Send as a replacement, or remove the payer claim number." },
      source: RULES["R-FREQ"].source,
    });
  }

  // Duplicates
  if (input.frequency === "original" && input.previousClaims) {
    for (const prev of input.previousClaims) {
      if (prev.dateOfService !== dos) continue;
      const prevLines = prev.lines.map((l: TLineInput) => ({ code: l.code, modifiers: l.modifiers, units: l.units }));
      if (prev.status === "accepted" || prev.status === "paid") {
        const identical = sameLines(prevLines, lines);
        findings.push({
          rule: "R-DUP",
          category: "duplicate",
          severity: identical ? "error" : "warning",
          message: identical
            ? `An identical claim for ${formatDate(dos)} was already ${prev.status}${prev.payerClaimNumber ? ` (payer claim ${prev.payerClaimNumber})` : ""}; sending it again is an exact duplicate (OA-18: X12 reports CARC 18 with group OA).`
            : `A claim for ${formatDate(dos)} was already ${prev.status}${prev.payerClaimNumber ? ` (payer claim ${prev.payerClaimNumber})` : ""}; a change must go as a replacement (frequency 7), not as a new original.`,
          suggestedFix: { action: identical ? "Do not resubmit; check the claim status instead." : "Send a replacement claim with the payer claim number." },
          source: RULES["R-DUP"].source,
        });
      } else if (prev.status === "submitted") {
        findings.push({
          rule: "R-DUP",
          category: "duplicate",
          severity: "warning",
          message: `A claim for ${formatDate(dos)} is already submitted and not yet adjudicated; a second original would be a duplicate (OA-18).`,
          suggestedFix: { action: "Wait for the remittance, then correct with a replacement if needed." },
          source: RULES["R-DUP"].source,
        });
      }
    }
  }
  return result;
}
