import { z } from "zod";
import { textProblem, textProblemMessage, type TextRules } from "@/server/domain/text";

/*
 * The one way to accept free text at the boundary (tRPC inputs and the forms that share their schemas).
 * Every variant trims, caps the length, and refuses control, bidi-override and zero-width characters
 * with a field error naming the field; the claim variants also refuse the X12 delimiters ~ * : ^.
 * Client-safe: no server-only imports.
 */

export interface TextOptions extends TextRules {
  max: number;
  min?: number;
}

function checked(schema: z.ZodString, label: string, rules: TextRules) {
  return schema.superRefine((v, ctx) => {
    const p = textProblem(v, rules);
    if (p) ctx.addIssue({ code: "custom", message: textProblemMessage(p, label) });
  });
}

/** Required text: "Enter the <label>." when empty. */
export function zText(label: string, opts: TextOptions) {
  const min = opts.min ?? 1;
  return checked(
    z
      .string({ error: `Enter the ${label}.` })
      .trim()
      .min(min, min <= 1 ? `Enter the ${label}.` : `Use at least ${min} characters for the ${label}.`)
      .max(opts.max, `Use at most ${opts.max} characters for the ${label}.`),
    label,
    opts,
  );
}

/** Optional text: empty, null or missing becomes null, so clearing an input clears the column. */
export function zOptionalText(label: string, opts: Omit<TextOptions, "min">) {
  return checked(
    z.string({ error: `The ${label} must be text.` }).trim().max(opts.max, `Use at most ${opts.max} characters for the ${label}.`),
    label,
    opts,
  )
    .nullish()
    .transform((v) => (v ? v : null));
}

/** Required text that is written onto a claim. */
export function zClaimText(label: string, opts: Omit<TextOptions, "claim" | "multiline">) {
  return zText(label, { ...opts, claim: true });
}

/** Optional text that is written onto a claim. */
export function zOptionalClaimText(label: string, opts: Omit<TextOptions, "claim" | "multiline" | "min">) {
  return zOptionalText(label, { ...opts, claim: true });
}

/** A search box: optional, short, single line. */
export function zSearch(max = 100) {
  return checked(z.string().trim().max(max, `Search for at most ${max} characters.`), "search", {}).optional();
}
