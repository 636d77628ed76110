import { z } from "zod";
import { zClaimText } from "@/server/api/zod-text";
import { isValidNpi } from "@/server/domain/identifiers";
import { PROVIDER_ENTITY_TYPES, TAXONOMY_RE } from "@/server/domain/practice-setup/codes";

/** "" and undefined from a form mean "not given". */
export const emptyToNull = (v: unknown) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : v);

/** A 10-digit NPI whose last digit is the Luhn check digit (over the 80840 prefix). */
export const ZNpi = z
  .string({ error: "Enter the 10-digit NPI." })
  .trim()
  .regex(/^\d{10}$/, "An NPI has exactly 10 digits.")
  .refine(isValidNpi, "This NPI's check digit is wrong: check it for a typo (NPPES lists the correct number).");

/**
 * The `updatedAt` the client saw when it loaded the row. The update only applies when the row still
 * has it, so two admins editing at once cannot silently overwrite each other.
 */
export const ZSeenUpdatedAt = z.coerce.date({ error: "updatedAt (the version you edited) is required." });

const optionalText = (max: number) =>
  z.preprocess(emptyToNull, z.string().trim().max(max, `Use at most ${max} characters.`).nullable()).optional();

const ZProviderBase = z.object({
  entityType: z.enum(PROVIDER_ENTITY_TYPES, { error: "Choose person or organisation." }).default("person"),
  firstName: optionalText(60),
  lastName: zClaimText("last name (or the organisation's name)", { max: 120 }),
  credential: optionalText(20),
  npi: ZNpi,
  taxonomyCode: z
    .string({ error: "Enter the taxonomy code." })
    .trim()
    .toUpperCase()
    .regex(TAXONOMY_RE, "A taxonomy code has 10 characters ending in X, e.g. 207RX0202X (medical oncology)."),
  canRender: z.boolean().default(true),
  canOrder: z.boolean().default(true),
});

function refineProvider(p: z.output<typeof ZProviderBase>, ctx: z.RefinementCtx) {
  if (p.entityType === "person" && !p.firstName) {
    ctx.addIssue({ code: "custom", path: ["firstName"], message: "Enter the first name." });
  }
  if (!p.canRender && !p.canOrder) {
    ctx.addIssue({ code: "custom", path: ["canRender"], message: "A provider must be able to render, order, or both." });
  }
}

export const ZProviderCreate = ZProviderBase.superRefine(refineProvider);
export type TProviderCreateIn = z.input<typeof ZProviderCreate>;
export type TProviderCreate = z.output<typeof ZProviderCreate>;

export const ZProviderId = z.object({ providerId: z.uuid("Not a valid provider id.") });
export const ZProviderUpdate = ZProviderBase.extend({ providerId: z.uuid("Not a valid provider id."), updatedAt: ZSeenUpdatedAt }).superRefine(refineProvider);
export type TProviderUpdate = z.output<typeof ZProviderUpdate>;

export const ZProviderList = z
  .object({ activeOnly: z.boolean().optional(), canOrder: z.boolean().optional(), canRender: z.boolean().optional() })
  .optional();

export const ZProvider = z.object({
  id: z.string(),
  practiceId: z.string(),
  entityType: z.enum(PROVIDER_ENTITY_TYPES),
  firstName: z.string().nullable(),
  lastName: z.string(),
  credential: z.string().nullable(),
  npi: z.string(),
  taxonomyCode: z.string(),
  canRender: z.boolean(),
  canOrder: z.boolean(),
  isActive: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TProvider = z.infer<typeof ZProvider>;

/** "Rivera, Ana MD" for people, the name for organisations. */
export function providerDisplayName(p: Pick<TProvider, "entityType" | "firstName" | "lastName" | "credential">): string {
  const base = p.entityType === "organization" ? p.lastName : `${p.lastName}, ${p.firstName ?? ""}`.trim();
  return p.credential ? `${base} ${p.credential}` : base;
}
