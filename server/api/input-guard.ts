import { textProblem, textProblemMessage } from "@/server/domain/text";
import { BODY_LIMITS } from "./route-guard";

/*
 * The last line of the text rules at the tRPC boundary: every string anywhere in a procedure's raw
 * input is checked before the procedure's own schema runs, so a field whose schema forgot the shared
 * text helper (server/api/zod-text.ts) still cannot carry a NUL byte (PostgreSQL refuses it: a 500),
 * another control character, a bidi override or a zero-width character, nor an unbounded string.
 * Tab, newline and carriage return pass here (notes are multi-line); single-line fields refuse them
 * through their own zText schema, with the field's own words and tighter length cap.
 */

/** No field of the app takes more; the longest documented one is 4,000 characters. */
export const MAX_STRING_CHARS = 10_000;

/**
 * Procedures whose input carries whole files as text (CSV, base64), with the request-size limit each
 * keeps (server/api/route-guard.ts BODY_LIMITS); their schemas cap each file. Every other tRPC request
 * is capped at BODY_LIMITS.trpc (1 MB).
 */
export const FILE_PROCEDURE_BODY_LIMITS: Readonly<Record<string, number>> = {
  "referenceData.previewUpload": BODY_LIMITS.trpcReferenceUpload,
  "referenceData.applyUpload": BODY_LIMITS.trpcReferenceUpload,
  "priorAuths.addAttachment": BODY_LIMITS.trpcAttachment,
  "claims.acknowledgments.import": BODY_LIMITS.trpcAcknowledgments,
};

export interface InputProblem {
  field: string;
  message: string;
}

/** The first string in `input` that breaks the rules, with its path, or null. */
export function rawInputProblem(input: unknown, procedurePath: string): InputProblem | null {
  const cap = procedurePath in FILE_PROCEDURE_BODY_LIMITS ? Infinity : MAX_STRING_CHARS;
  const walk = (v: unknown, path: string[], depth: number): InputProblem | null => {
    if (depth > 32) return null; // zod rejects anything this deep anyway
    if (typeof v === "string") {
      const field = path.join(".") || "input";
      // A byte-order mark at the very start is an encoding mark (files saved by Excel), not text.
      const text = v.startsWith("\ufeff") ? v.slice(1) : v;
      const problem = textProblem(text, { multiline: true });
      if (problem) return { field, message: textProblemMessage(problem, `text in ${field}`) };
      if (v.length > cap) return { field, message: `The text in ${field} is longer than ${MAX_STRING_CHARS.toLocaleString("en-US")} characters.` };
      return null;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const p = walk(v[i], [...path, String(i)], depth + 1);
        if (p) return p;
      }
      return null;
    }
    if (v && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
      for (const [k, child] of Object.entries(v)) {
        const p = walk(child, [...path, k], depth + 1);
        if (p) return p;
      }
    }
    return null;
  };
  return walk(input, [], 0);
}
