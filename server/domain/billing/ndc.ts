/**
 * NDC formats: labels print 10 digits as 4-4-2, 5-3-2 or 5-4-1; claims need 11 digits (5-4-2),
 * padding the short segment with a leading zero (reference.md §1.2). A 10-digit NDC without
 * hyphens cannot be padded safely, so it is reported as ambiguous with its three candidates.
 */
import { formatDate } from "../format";
import { dayNumber } from "./dates";
import type { PreparedPackage, PreparedReference } from "./prepare";

export type NdcFormat = "11-digit" | "5-4-2" | "4-4-2" | "5-3-2" | "5-4-1";

export type NdcNormalization =
  | { ok: true; ndc11: string; format: NdcFormat }
  | { ok: false; reason: "empty" | "non-numeric" | "format" | "ambiguous"; message: string; candidates?: string[] };

export function normalizeNdc(input: string): NdcNormalization {
  const text = input.trim();
  if (text === "") return { ok: false, reason: "empty", message: "NDC is empty" };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(c === 45 || (c >= 48 && c <= 57))) {
      return { ok: false, reason: "non-numeric", message: `NDC "${input}" contains "${text[i]}" at position ${i + 1}; an NDC has digits and hyphens only` };
    }
  }
  if (text.includes("-")) {
    const parts = text.split("-");
    if (parts.length === 3) {
      const [a, b, c] = parts as [string, string, string];
      const shape = `${a.length}-${b.length}-${c.length}`;
      switch (shape) {
        case "5-4-2":
          return { ok: true, ndc11: a + b + c, format: "5-4-2" };
        case "4-4-2":
          return { ok: true, ndc11: `0${a}${b}${c}`, format: "4-4-2" };
        case "5-3-2":
          return { ok: true, ndc11: `${a}0${b}${c}`, format: "5-3-2" };
        case "5-4-1":
          return { ok: true, ndc11: `${a}${b}0${c}`, format: "5-4-1" };
      }
      return { ok: false, reason: "format", message: `NDC "${input}" has segments ${shape}; valid forms are 4-4-2, 5-3-2, 5-4-1 (10 digits) or 5-4-2 (11 digits)` };
    }
    return { ok: false, reason: "format", message: `NDC "${input}" must have three hyphen-separated segments` };
  }
  if (text.length === 11) return { ok: true, ndc11: text, format: "11-digit" };
  if (text.length === 10) {
    return {
      ok: false,
      reason: "ambiguous",
      message: `NDC "${input}" has 10 digits without hyphens, so the segment to pad is unknown; enter it as printed on the label (e.g. 0310-4611-50)`,
      candidates: [`0${text}`, `${text.slice(0, 5)}0${text.slice(5)}`, `${text.slice(0, 9)}0${text.slice(9)}`],
    };
  }
  return { ok: false, reason: "format", message: `NDC "${input}" has ${text.length} digits; an NDC has 10 (label) or 11 (billing) digits` };
}

/** 00310461150 -> 00310-4611-50 for messages. */
export function formatNdc11(ndc11: string): string {
  return `${ndc11.slice(0, 5)}-${ndc11.slice(5, 9)}-${ndc11.slice(9)}`;
}

export type NdcCheck =
  | { ok: true; ndc11: string; pkg: PreparedPackage; note?: string }
  | { ok: false; ndc11?: string; reason: "format" | "unknown" | "bulk" | "obsolete" | "not-marketed" | "crosswalk" | "ambiguous"; message: string };

/**
 * Normalises and validates an NDC against the crosswalk for a date of service and, when given,
 * the HCPCS the line bills. A 10-digit unhyphenated NDC is accepted only if exactly one padding
 * is a known package.
 */
export function checkNdc(ref: PreparedReference, input: string, dos: string, hcpcs?: string): NdcCheck {
  const n = normalizeNdc(input);
  let ndc11: string;
  let note: string | undefined;
  if (!n.ok) {
    if (n.reason !== "ambiguous") return { ok: false, reason: "format", message: n.message };
    const known = (n.candidates ?? []).filter((c) => ref.packagesByNdc.has(c));
    if (known.length !== 1) return { ok: false, reason: "ambiguous", message: n.message };
    ndc11 = known[0]!;
    note = `read "${input}" as ${formatNdc11(ndc11)}, the only known package among its paddings`;
  } else {
    ndc11 = n.ndc11;
  }
  const rows = ref.packagesByNdc.get(ndc11);
  if (!rows) return { ok: false, ndc11, reason: "unknown", message: `NDC ${formatNdc11(ndc11)} is not in the NDC-HCPCS crosswalk` };
  const pkg = rows.find((r) => (r.row.effectiveFrom == null || r.row.effectiveFrom <= dos) && (r.row.effectiveTo == null || dos <= r.row.effectiveTo)) ?? rows[0]!;
  const row = pkg.row;
  if (row.status === "bulk") {
    return { ok: false, ndc11, reason: "bulk", message: `NDC ${formatNdc11(ndc11)} is a bulk/manufacturing package (${row.description}) and is not billable` };
  }
  if (row.status === "obsolete" || (row.obsoleteFrom != null && row.obsoleteFrom <= dos)) {
    return { ok: false, ndc11, reason: "obsolete", message: `NDC ${formatNdc11(ndc11)} is obsolete${row.obsoleteFrom ? ` since ${formatDate(row.obsoleteFrom)}` : ""} for the date of service ${formatDate(dos)}` };
  }
  if ((row.marketedFrom != null && dos < row.marketedFrom) || (row.effectiveFrom != null && dos < row.effectiveFrom)) {
    return { ok: false, ndc11, reason: "not-marketed", message: `NDC ${formatNdc11(ndc11)} was not marketed on ${formatDate(dos)} (from ${formatDate(row.marketedFrom ?? row.effectiveFrom)})` };
  }
  if (row.effectiveTo != null && dayNumber(dos) > dayNumber(row.effectiveTo)) {
    return { ok: false, ndc11, reason: "obsolete", message: `NDC ${formatNdc11(ndc11)} left the crosswalk on ${formatDate(row.effectiveTo)}` };
  }
  if (hcpcs !== undefined && row.hcpcs !== hcpcs) {
    return { ok: false, ndc11, reason: "crosswalk", message: `NDC ${formatNdc11(ndc11)} (${row.drug}) crosswalks to ${row.hcpcs ?? "no HCPCS"}, not ${hcpcs}` };
  }
  return note === undefined ? { ok: true, ndc11, pkg } : { ok: true, ndc11, pkg, note };
}
