/**
 * What free text may contain. Pure and client-safe: zod schemas (server/api/zod-text.ts) and forms use it.
 *
 * - Control characters (C0 except tab/newline/carriage return in multi-line text, DEL, C1): PostgreSQL
 *   rejects NUL, and the others are invisible in every screen and on paper claims.
 * - Bidirectional overrides and isolates: they make text read differently from how it is stored
 *   ("Trojan Source"), so a name or a note could look like something else.
 * - Zero-width characters: two values that look identical would compare different (search, matching).
 * - X12 delimiters `~ * : ^`: a value written onto an 837 must not be able to end a segment or an
 *   element (segment `~`, element `*`, component `:`, repetition `^`).
 */
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/;
const X12_DELIMITERS = /[~*:^]/;

export type TextProblem = "control" | "bidi" | "zero_width" | "x12_delimiter";

export interface TextRules {
  /** allow tab, newline and carriage return (notes, clinical summaries) */
  multiline?: boolean;
  /** the value goes onto a claim (837 or CMS-1500): X12 delimiters are refused too */
  claim?: boolean;
}

/** The first problem the text has under the rules, or null when it is acceptable. */
export function textProblem(value: string, rules: TextRules = {}): TextProblem | null {
  if ((rules.multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(value)) return "control";
  if (BIDI.test(value)) return "bidi";
  if (ZERO_WIDTH.test(value)) return "zero_width";
  if (rules.claim && X12_DELIMITERS.test(value)) return "x12_delimiter";
  return null;
}

/** The message a user reads for a problem in the field called `label`. */
export function textProblemMessage(problem: TextProblem, label: string): string {
  switch (problem) {
    case "control":
      return `The ${label} contains an invisible control character; retype it without pasting.`;
    case "bidi":
      return `The ${label} contains a text-direction control character; retype it without pasting.`;
    case "zero_width":
      return `The ${label} contains a zero-width (invisible) character; retype it without pasting.`;
    case "x12_delimiter":
      return `The ${label} contains a character a claim cannot carry (~ * : ^).`;
  }
}
