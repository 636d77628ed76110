import { z } from "zod";
import { zClaimText, zOptionalClaimText } from "@/server/api/zod-text";
import { isValidNpi, normalizeTaxId } from "@/server/domain/identifiers";

export const ZPracticeUpdate = z.object({
  name: zClaimText("practice name", { max: 200 }),
  npi: z
    .string()
    .trim()
    .refine(isValidNpi, "An NPI has 10 digits and a valid check digit."),
  taxId: z
    .string()
    .trim()
    .transform((v, c) => {
      const n = normalizeTaxId(v);
      if (!n) {
        c.addIssue({ code: "custom", message: "A tax id has 9 digits, e.g. 12-3456789." });
        return z.NEVER;
      }
      return n;
    }),
  addressLine1: zClaimText("street address", { max: 200 }),
  addressLine2: zOptionalClaimText("second address line", { max: 200 }),
  city: zClaimText("city", { max: 100 }),
  state: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Use the two-letter state code."),
  zip: z
    .string()
    .trim()
    .regex(/^\d{5}(\d{4})?$/, "Use a 5- or 9-digit ZIP code without a dash."),
});

export const ZPractice = z.object({
  id: z.string(),
  name: z.string(),
  npi: z.string(),
  taxId: z.string(),
  addressLine1: z.string(),
  addressLine2: z.string().nullable(),
  city: z.string(),
  state: z.string(),
  zip: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
