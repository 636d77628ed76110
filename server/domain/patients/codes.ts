/**
 * Patient and coverage code lists. One `as const` array per enum feeds the pg enum, the zod enum and
 * the UI; the X12 maps say what each value becomes on an 837P.
 */
export const SEXES = ["female", "male", "unknown"] as const;
export type Sex = (typeof SEXES)[number];
export const SEX_LABELS: Record<Sex, string> = { female: "Female", male: "Male", unknown: "Unknown" };
/** DMG03 gender code. */
export const SEX_X12: Record<Sex, "F" | "M" | "U"> = { female: "F", male: "M", unknown: "U" };

export const COVERAGE_PRIORITIES = ["primary", "secondary", "tertiary"] as const;
export type CoveragePriority = (typeof COVERAGE_PRIORITIES)[number];
export const COVERAGE_PRIORITY_LABELS: Record<CoveragePriority, string> = {
  primary: "Primary",
  secondary: "Secondary",
  tertiary: "Tertiary",
};
/** SBR01 payer responsibility sequence code. */
export const COVERAGE_PRIORITY_X12: Record<CoveragePriority, "P" | "S" | "T"> = {
  primary: "P",
  secondary: "S",
  tertiary: "T",
};

export const SUBSCRIBER_RELATIONSHIPS = ["self", "spouse", "child", "other"] as const;
export type SubscriberRelationship = (typeof SUBSCRIBER_RELATIONSHIPS)[number];
export const SUBSCRIBER_RELATIONSHIP_LABELS: Record<SubscriberRelationship, string> = {
  self: "Self",
  spouse: "Spouse",
  child: "Child",
  other: "Other",
};
/** SBR02 / PAT01 individual relationship code (18 self, 01 spouse, 19 child, G8 other). */
export const SUBSCRIBER_RELATIONSHIP_X12: Record<SubscriberRelationship, "18" | "01" | "19" | "G8"> = {
  self: "18",
  spouse: "01",
  child: "19",
  other: "G8",
};
