import { isIsoDate, usDateToIso } from "./demographics";

/**
 * What a patient search box means. One box serves every lookup the front desk does:
 *  - a date (`1956-03-14` or `03/14/1956`)  → date of birth, exactly
 *  - "last, first" (comma)                   → last name contains `last` AND first name contains `first`
 *  - words                                   → every word is in the first name, the last name or the MRN
 * Matching is case-insensitive and partial; the query layer turns this into SQL.
 */
export type PatientSearch =
  | { kind: "none" }
  | { kind: "dob"; dateOfBirth: string }
  | { kind: "lastFirst"; last: string; first: string }
  | { kind: "terms"; terms: string[] };

const MAX_TERMS = 4;

export function parsePatientSearch(raw: string | null | undefined): PatientSearch {
  const q = (raw ?? "").trim().replace(/\s+/g, " ");
  if (!q) return { kind: "none" };
  if (isIsoDate(q)) return { kind: "dob", dateOfBirth: q };
  const us = usDateToIso(q);
  if (us) return { kind: "dob", dateOfBirth: us };
  const comma = q.indexOf(",");
  if (comma >= 0) {
    const last = q.slice(0, comma).trim();
    const first = q
      .slice(comma + 1)
      .replace(/,/g, " ")
      .trim();
    if (last || first) return { kind: "lastFirst", last, first };
    return { kind: "none" };
  }
  return { kind: "terms", terms: q.split(" ").slice(0, MAX_TERMS) };
}

/** Escapes `%`, `_` and `\` so user text is matched literally inside an ILIKE pattern. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The header's quick search, as prefixes so an index answers it: a date of birth (MM/DD/YYYY or ISO)
 * exactly; "last, first" as the starts of both names; otherwise every word starts the last name, the
 * first name or the MRN. Lower-cased; null when there is nothing to look for.
 */
export type QuickSearch = { kind: "dob"; dateOfBirth: string } | { kind: "lastFirst"; last: string; first: string } | { kind: "prefixes"; words: string[] };

export function parseQuickSearch(raw: string): QuickSearch | null {
  const s = parsePatientSearch(raw);
  switch (s.kind) {
    case "none":
      return null;
    case "dob":
      return s;
    case "lastFirst":
      return { kind: "lastFirst", last: s.last.toLowerCase(), first: s.first.toLowerCase() };
    case "terms":
      return { kind: "prefixes", words: s.terms.map((t) => t.toLowerCase()) };
  }
}

/** Escapes `%`, `_` and `\` and matches the text at the start (an index range scan with text_pattern_ops). */
export function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
