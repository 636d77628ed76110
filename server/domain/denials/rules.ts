/**
 * Denial rules: reference data that says, for a payer's adjustment (group + CARC, refined by a RARC),
 * whether it is a denial or an ordinary posting adjustment, and for a denial its category, the action
 * that usually fixes it and an explanation in billing language. Rows are data
 * (db/seed/reference/denial-rules.json, versioned by the admin's reference upload); the code only
 * picks the most specific row.
 */
import { z } from "zod";
import { ADJUSTMENT_GROUPS, ADJUSTMENT_KINDS, DENIAL_ACTIONS, DENIAL_CATEGORIES } from "./codes";

export const CARC_RE = /^[A-Z]?\d{1,3}$/;
export const RARC_RE = /^[A-Z]{1,2}\d{1,3}$/;

export const ZDenialRuleRow = z
  .object({
    carc: z.string().regex(CARC_RE, "carc must be a claim adjustment reason code such as 197 or B7"),
    /** null: any group */
    group: z.enum(ADJUSTMENT_GROUPS).nullable(),
    /** null: with or without any remark code */
    rarc: z.string().regex(RARC_RE, "rarc must be a remark code such as N210 or M119").nullable(),
    kind: z.enum(ADJUSTMENT_KINDS),
    category: z.enum(DENIAL_CATEGORIES).nullable(),
    action: z.enum(DENIAL_ACTIONS).nullable(),
    explanation: z.string().min(1, "say what the code means for the biller"),
    source: z.string().min(1, "every row must cite its source"),
  })
  .superRefine((r, ctx) => {
    if (r.kind === "denial") {
      if (r.category === null) ctx.addIssue({ code: "custom", path: ["category"], message: "a denial rule needs a category" });
      if (r.action === null) ctx.addIssue({ code: "custom", path: ["action"], message: "a denial rule needs an action" });
    } else {
      if (r.category !== null) ctx.addIssue({ code: "custom", path: ["category"], message: "a posting rule has no category (leave it empty)" });
      if (r.action !== null) ctx.addIssue({ code: "custom", path: ["action"], message: "a posting rule has no action (leave it empty)" });
    }
  });
export type TDenialRuleRow = z.infer<typeof ZDenialRuleRow>;

/** The key that must be unique across rows: carc + group + rarc (empty = any). */
export function denialRuleKey(r: Pick<TDenialRuleRow, "carc" | "group" | "rarc">): string {
  return `${r.carc}|${r.group ?? ""}|${r.rarc ?? ""}`;
}
