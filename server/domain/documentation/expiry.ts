/**
 * Lot expiry: a vial may be used through its printed expiry date; on any later day the lot is
 * expired and the documentation cannot be billed until it is corrected (an error, never acknowledged).
 */
import { formatNdc11 } from "@/server/domain/billing/ndc";
import { formatDate } from "@/server/domain/format";
import type { DocumentationFinding, VialEntry } from "./types";

export const LOT_EXPIRY_SOURCE = "Issue 4: an expired lot on the date given is an error (single-dose vials are used through the labelled expiry date)";

/** True when a lot with expiry `expiryDate` is past its expiry on `date` (both ISO dates). */
export function isExpiredOn(expiryDate: string, date: string): boolean {
  return expiryDate < date;
}

/** One error per vial line whose lot expired before the administration date. */
export function lotExpiryFindings(vials: readonly VialEntry[], date: string | null): DocumentationFinding[] {
  if (date === null) return [];
  const out: DocumentationFinding[] = [];
  vials.forEach((v, i) => {
    if (v.expiryDate === null || !isExpiredOn(v.expiryDate, date)) return;
    out.push({
      rule: "DOC-LOT-EXPIRY",
      category: "documentation",
      severity: "error",
      message: `Vial line ${i + 1}: lot ${v.lotNumber ?? "(no lot number)"} of NDC ${formatNdc11(v.ndc11)} expired on ${formatDate(v.expiryDate)}, before the administration on ${formatDate(date)}.`,
      suggestedFix: { action: "Check the lot number and expiry printed on the vial and correct the entry; an expired vial must not be administered or billed." },
      source: LOT_EXPIRY_SOURCE,
    });
  });
  return out;
}
