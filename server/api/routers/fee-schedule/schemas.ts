import { z } from "zod";

export const ZSetFee = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-Z]\d{4}|\d{5})$/, "Use a HCPCS code (e.g. J9173) or a 5-digit CPT code (e.g. 96413)."),
  /** Dollars per billing unit, at most 2 decimals. */
  unitPrice: z
    .number({ error: "Enter the price in dollars." })
    .nonnegative("A price cannot be negative.")
    .max(1_000_000, "That price is implausibly large.")
    .refine((v) => Math.round(v * 100) === Number((v * 100).toFixed(6)), "Use at most 2 decimals."),
  effectiveFrom: z.iso.date("Use a date like 2026-10-01."),
});

export const ZFeeRow = z.object({
  id: z.string(),
  code: z.string(),
  unitPriceCents: z.number(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
});
