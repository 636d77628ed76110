/**
 * Diagnoses and indication (R-DX, R-INDICATION): billable ICD-10-CM codes (sent without the dot)
 * that map to a labelled indication on the date of service, or a documented compendia use.
 */
import { memo, pick, stripDot, type PreparedIndication, type PreparedReference } from "./prepare";
import { formatDate, icdWithDot } from "../format";
import { RULES } from "./rules";
import type { Finding } from "./types";

export interface DiagnosisResult {
  /** ICD-10-CM without dots, duplicates removed, principal first */
  diagnoses: string[];
  /** the indication used for dose and duration checks (stated, or the only one the codes fit) */
  indication: PreparedIndication | null;
  /** 1-based pointer of the first diagnosis that fits the indication (1 when unknown) */
  pointer: number;
}

function describePrefixes(ind: PreparedIndication): string {
  return ind.row.icd10Prefixes.map((p) => (p.includes(".") || p.length > 3 ? p : `${p}.x`)).join(", ");
}

function fits(ind: PreparedIndication, code: string): boolean {
  if (ind.prefixes.length === 0) return true;
  for (const p of ind.prefixes) if (code.startsWith(p)) return true;
  return false;
}

function candidatesFor(ref: PreparedReference, code: string, out: Set<PreparedIndication>): void {
  const max = Math.min(code.length, ref.maxIndicationPrefixLength);
  for (let len = 1; len <= max; len++) {
    const list = ref.indicationsByPrefix.get(code.slice(0, len));
    if (list) for (const ind of list) out.add(ind);
  }
}

/**
 * Memoised: the result depends only on the reference data and the inputs, so repeated
 * combinations (the common case) cost one map look-up plus copies of the findings.
 */
export function checkDiagnoses(
  ref: PreparedReference,
  input: { diagnoses: string[]; indication?: string | undefined; drugs: string[]; dos: string },
  findings: Finding[],
): DiagnosisResult {
  const key = `${input.diagnoses.join(",")}|${input.indication ?? ""}|${input.drugs.join(",")}|${input.dos}`;
  const hit = memo(ref, "diagnoses", key, () => {
    const own: Finding[] = [];
    return { result: computeDiagnoses(ref, input, own), findings: own };
  });
  for (const f of hit.findings) findings.push(f.suggestedFix ? { ...f, suggestedFix: { ...f.suggestedFix } } : { ...f });
  return { diagnoses: hit.result.diagnoses.slice(), indication: hit.result.indication, pointer: hit.result.pointer };
}

function computeDiagnoses(
  ref: PreparedReference,
  input: { diagnoses: string[]; indication?: string | undefined; drugs: string[]; dos: string },
  findings: Finding[],
): DiagnosisResult {
  const { dos } = input;
  const dx: string[] = [];
  for (const d of input.diagnoses) {
    const c = stripDot(d);
    if (!dx.includes(c)) dx.push(c);
  }
  const srcDx = RULES["R-DX"].source;
  const srcInd = RULES["R-INDICATION"].source;
  for (const code of dx) {
    const row = pick(ref.icdByCode.get(code), dos);
    if (row && !row.billable) {
      const children = ref.icdBillableChildren.get(code) ?? [];
      const examples = children.slice(0, 3).join(", ");
      findings.push({
        rule: "R-DX",
        category: "diagnosis",
        severity: "error",
        message: `${icdWithDot(code)} (${row.description}) is a category code and not billable; report the full code${examples ? ` (e.g. ${examples})` : ""}.`,
        suggestedFix: { action: `Replace ${icdWithDot(code)} with the most specific code documented${examples ? `: ${examples}` : ""}.` },
        source: srcDx,
      });
    }
  }

  let indication: PreparedIndication | null = null;
  const drugList = input.drugs.join(" + ");
  if (input.indication !== undefined) {
    const ind = ref.indicationsById.get(input.indication);
    if (!ind) {
      findings.push({
        rule: "R-INDICATION",
        category: "indication",
        severity: "error",
        message: `Unknown indication "${input.indication}".`,
        source: srcInd,
      });
    } else {
      indication = ind;
      const row = ind.row;
      if (row.status === "compendia") {
        findings.push({
          rule: "R-INDICATION",
          category: "indication",
          severity: "warning",
          message: `Off-label use of ${drugList} for ${dx.map(icdWithDot).join(", ")}: payers cover it only with compendium (e.g. NCCN) support; expect CO-50 without it.`,
          suggestedFix: { action: "Document the compendium listing in the record and check the payer's policy before submitting." },
          source: srcInd,
        });
      } else if (row.withdrawnDate != null && dos >= row.withdrawnDate) {
        findings.push({
          rule: "R-INDICATION",
          category: "indication",
          severity: "error",
          message: `The indication "${row.name}" was withdrawn in the US on ${formatDate(row.withdrawnDate)}; the date of service ${formatDate(dos)} is after the withdrawal.`,
          suggestedFix: {
            action:
              "If this is muscle-invasive bladder cancer treated perioperatively, use bladder-muscle-invasive-perioperative; otherwise bill it as off-label with documented compendium support.",
          },
          source: srcInd,
        });
      } else if (dos < row.labelDate) {
        findings.push({
          rule: "R-INDICATION",
          category: "indication",
          severity: "warning",
          message: `The indication "${row.name}" was not FDA-labelled until ${formatDate(row.labelDate)}; the date of service ${formatDate(dos)} is earlier (off-label on that date).`,
          suggestedFix: { action: "Document compendium support, or check the indication and date of service." },
          source: srcInd,
        });
      }
      for (const d of input.drugs) {
        if (!row.drugs.includes(d)) {
          findings.push({
            rule: "R-INDICATION",
            category: "indication",
            severity: "error",
            message: `${d} is not part of the labelled regimen for "${row.name}" (${row.drugs.join(" + ")}).`,
            source: srcInd,
          });
        }
      }
      if (ind.prefixes.length > 0 && !dx.some((c) => fits(ind, c))) {
        findings.push({
          rule: "R-DX",
          category: "diagnosis",
          severity: "error",
          message: `None of the diagnoses (${dx.map(icdWithDot).join(", ")}) fits the indication "${row.name}", which expects ${describePrefixes(ind)}.`,
          suggestedFix: { action: `Add the documented diagnosis for "${row.name}" (${describePrefixes(ind)}) as the principal diagnosis, or correct the indication.` },
          source: srcDx,
        });
      }
    }
  } else {
    const cands = new Set<PreparedIndication>();
    for (const c of dx) candidatesFor(ref, c, cands);
    const labelled = [...cands].filter((i) => i.row.status === "labelled" && i.row.labelDate <= dos && (i.row.withdrawnDate == null || dos < i.row.withdrawnDate));
    const withdrawn = [...cands].filter((i) => i.row.withdrawnDate != null && dos >= i.row.withdrawnDate);
    const forDrugs = labelled.filter((i) => input.drugs.every((d) => i.row.drugs.includes(d)));
    if (labelled.length === 0) {
      if (withdrawn.length > 0) {
        findings.push({
          rule: "R-INDICATION",
          category: "indication",
          severity: "error",
          message: `${dx.map(icdWithDot).join(", ")} only fits the withdrawn indication "${withdrawn[0]!.row.name}" (withdrawn ${formatDate(withdrawn[0]!.row.withdrawnDate)}).`,
          suggestedFix: { action: "State the labelled indication documented in the record, or bill as off-label with compendium support." },
          source: srcInd,
        });
      } else {
        findings.push({
          rule: "R-DX",
          category: "diagnosis",
          severity: "error",
          message: `No diagnosis (${dx.map(icdWithDot).join(", ")}) maps to a labelled indication of ${drugList} on ${formatDate(dos)}; payers deny this as CO-11/CO-50.`,
          suggestedFix: { action: "Correct the diagnosis if it was coded wrong; for a compendium-supported use set the indication to off-label use supported by a compendium and document it." },
          source: srcDx,
        });
      }
    } else {
      if (withdrawn.length > 0) {
        findings.push({
          rule: "R-INDICATION",
          category: "indication",
          severity: "warning",
          message: `${dx.map(icdWithDot).join(", ")} fits both ${labelled.map((i) => `"${i.row.name}"`).join(", ")} and the withdrawn "${withdrawn[0]!.row.name}" (withdrawn ${formatDate(withdrawn[0]!.row.withdrawnDate)}); the code alone does not tell which.`,
          suggestedFix: { action: `State the indication documented in the record (e.g. "${labelled[0]!.row.name}").` },
          source: srcInd,
        });
      }
      if (forDrugs.length === 0) {
        findings.push({
          rule: "R-INDICATION",
          category: "indication",
          severity: "error",
          message: `${drugList} is not a labelled regimen for ${dx.map(icdWithDot).join(", ")} (fits: ${labelled.map((i) => `"${i.row.name}"`).join(", ")}).`,
          source: srcInd,
        });
      } else if (forDrugs.length === 1) {
        indication = forDrugs[0]!;
      } else {
        findings.push({
          rule: "R-INDICATION",
          category: "indication",
          severity: "info",
          message: `Indication not stated; ${dx.map(icdWithDot).join(", ")} fits ${forDrugs.map((i) => `"${i.row.name}"`).join(", ")}. Regimen and duration checks need the indication; only the 30 kg rule is checked.`,
          source: srcInd,
        });
      }
    }
  }
  let pointer = 1;
  if (indication && indication.prefixes.length > 0) {
    const k = dx.findIndex((c) => fits(indication!, c));
    if (k >= 0 && k < 4) pointer = k + 1;
  }
  return { diagnoses: dx, indication, pointer };
}
