/**
 * Reference seed data as plain parsed JSON, one array per table. Validate it with
 * `validateReferenceData` (server/domain/billing/reference.ts) before giving it to the engine;
 * the DB seeder loads the same arrays into the tables of db/schema/reference.ts.
 */
import adjustmentCodes from "./adjustment-codes.json";
import adminCodes from "./admin-codes.json";
import aspPrices from "./asp-prices.json";
import claimFrequencies from "./claim-frequencies.json";
import denialRules from "./denial-rules.json";
import drugs from "./drugs.json";
import emCodes from "./em-codes.json";
import icd10Codes from "./icd10-codes.json";
import indications from "./indications.json";
import modifierRules from "./modifier-rules.json";
import modifiers from "./modifiers.json";
import ndcPackages from "./ndc-packages.json";
import payerProfiles from "./payer-profiles.json";
import placesOfService from "./places-of-service.json";
import revenueCodes from "./revenue-codes.json";
import wrongCodes from "./wrong-codes.json";

export const referenceSeed = {
  drugs,
  ndcPackages,
  wrongCodes,
  icd10Codes,
  indications,
  adminCodes,
  modifiers,
  placesOfService,
  revenueCodes,
  claimFrequencies,
  adjustmentCodes,
  payerProfiles,
  aspPrices,
  denialRules,
  modifierRules,
  emCodes,
} as const satisfies Record<string, readonly unknown[]>;

export type ReferenceSeed = typeof referenceSeed;
