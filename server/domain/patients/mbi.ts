/*
 * The Medicare Beneficiary Identifier (MBI) format, as CMS publishes it in "Understanding the
 * Medicare Beneficiary Identifier (MBI) Format" (CMS, New Medicare Card project, MBI format
 * specification, 2017, still current): 11 characters, no dashes when stored or sent on a claim
 * (cards print it as 1EG4-TE5-MK73), each position of a fixed type:
 *
 *   position  1  2  3   4  5  6   7  8  9  10 11
 *   type      C  A  AN  N  A  AN  N  A  A  N  N
 *
 *   N  = numeric 0–9;  C = numeric 1–9;  A = upper-case letter except S, L, O, I, B, Z (they read as
 *   digits); AN = either.
 *
 * The positions are data (one entry per position), so the rule reads like CMS's table.
 */

const LETTERS = "ACDEFGHJKMNPQRTUVWXY";
const DIGITS = "0123456789";

const KINDS = {
  C: { chars: "123456789", says: "a digit 1–9" },
  N: { chars: DIGITS, says: "a digit" },
  A: { chars: LETTERS, says: "a letter (not S, L, O, I, B or Z)" },
  AN: { chars: LETTERS + DIGITS, says: "a letter (not S, L, O, I, B or Z) or a digit" },
} as const;

/** CMS's position table. */
export const MBI_POSITIONS: readonly (keyof typeof KINDS)[] = ["C", "A", "AN", "N", "A", "AN", "N", "A", "A", "N", "N"];

/** The MBI as stored: upper case, without the dashes a card prints. */
export function normalizeMbi(raw: string): string {
  return raw.trim().toUpperCase().replace(/-/g, "");
}

/** Why a value is not an MBI (a sentence for the member-id field), or null when it is one. */
export function mbiProblem(raw: string): string | null {
  const v = normalizeMbi(raw);
  const example = "e.g. 1EG4-TE5-MK73";
  if (v.length !== MBI_POSITIONS.length) {
    return `A Medicare member id (MBI) has 11 characters, ${example}; this one has ${v.length}.`;
  }
  for (let i = 0; i < v.length; i++) {
    const kind = KINDS[MBI_POSITIONS[i]!];
    if (!kind.chars.includes(v[i]!)) {
      return `Not a Medicare member id (MBI): character ${i + 1} must be ${kind.says}, ${example}.`;
    }
  }
  return null;
}
