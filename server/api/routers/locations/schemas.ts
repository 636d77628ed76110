import { z } from "zod";
import { zClaimText } from "@/server/api/zod-text";
import { COVERED_ENTITY_TYPES, HOSPITAL_SITES } from "@/server/domain/billing/reference";
import { billerAllowed, hospitalSiteFor, LOCATION_BILLERS, PLACES_OF_SERVICE, posRequiresFacilityNpi } from "@/server/domain/practice-setup/codes";
import { emptyToNull, ZNpi, ZSeenUpdatedAt } from "../providers/schemas";

const ZLocationBase = z.object({
  name: zClaimText("location's name", { max: 120 }),
  placeOfService: z.enum(PLACES_OF_SERVICE, { error: "Place of service must be 11 (office), 19 or 22 (outpatient hospital)." }),
  addressLine1: zClaimText("street address", { max: 200 }),
  addressLine2: z.preprocess(emptyToNull, z.string().trim().max(200, "Use at most 200 characters.").nullable()).optional(),
  city: zClaimText("city", { max: 100 }),
  state: z
    .string({ error: "Use the two-letter state code." })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Use the two-letter state code."),
  zip: z
    .string({ error: "Enter the ZIP code." })
    .trim()
    .regex(/^\d{5}(\d{4})?$/, "Use a 5- or 9-digit ZIP code without a dash."),
  facilityNpi: z.preprocess(emptyToNull, ZNpi.nullable()).optional(),
  /** hospital departments: on campus, or off campus excepted (PO) / non-excepted (PN) */
  hospitalSite: z.preprocess(emptyToNull, z.enum(HOSPITAL_SITES, { error: "Choose the hospital site." }).nullable()).optional(),
  /** the 340B covered-entity type the site is registered under; empty = not a 340B site */
  coveredEntityType340b: z.preprocess(emptyToNull, z.enum(COVERED_ENTITY_TYPES, { error: "Choose the 340B covered-entity type." }).nullable()).optional(),
  /** who bills the drug and its administration here; empty = the place of service's default */
  billedBy: z.preprocess(emptyToNull, z.enum(LOCATION_BILLERS, { error: "Choose who bills the drug and its administration here." }).nullable()).optional(),
});

function refineLocation(l: z.output<typeof ZLocationBase>, ctx: z.RefinementCtx) {
  if (posRequiresFacilityNpi(l.placeOfService) && !l.facilityNpi) {
    ctx.addIssue({
      code: "custom",
      path: ["facilityNpi"],
      message: "Hospital outpatient places of service (19, 22) bill under the facility's NPI: enter it.",
    });
  }
  const site = hospitalSiteFor(l.placeOfService, l.hospitalSite);
  if (!site.ok) ctx.addIssue({ code: "custom", path: ["hospitalSite"], message: site.message });
  const biller = l.billedBy ? billerAllowed(l.placeOfService, l.billedBy) : { ok: true as const };
  if (!biller.ok) ctx.addIssue({ code: "custom", path: ["billedBy"], message: biller.message });
}

export const ZLocationCreate = ZLocationBase.superRefine(refineLocation);
export type TLocationCreateIn = z.input<typeof ZLocationCreate>;
export type TLocationCreate = z.output<typeof ZLocationCreate>;

export const ZLocationId = z.object({ locationId: z.uuid("Not a valid location id.") });
export const ZLocationUpdate = ZLocationBase.extend({ locationId: z.uuid("Not a valid location id."), updatedAt: ZSeenUpdatedAt }).superRefine(refineLocation);
export type TLocationUpdate = z.output<typeof ZLocationUpdate>;

export const ZLocationList = z.object({ activeOnly: z.boolean().optional() }).optional();

export const ZLocation = z.object({
  id: z.string(),
  practiceId: z.string(),
  name: z.string(),
  placeOfService: z.enum(PLACES_OF_SERVICE),
  addressLine1: z.string(),
  addressLine2: z.string().nullable(),
  city: z.string(),
  state: z.string(),
  zip: z.string(),
  facilityNpi: z.string().nullable(),
  hospitalSite: z.enum(HOSPITAL_SITES).nullable(),
  coveredEntityType340b: z.enum(COVERED_ENTITY_TYPES).nullable(),
  billedBy: z.enum(LOCATION_BILLERS),
  isActive: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TLocation = z.infer<typeof ZLocation>;
