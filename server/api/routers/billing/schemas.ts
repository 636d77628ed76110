import { z } from "zod";
import { FINDING_CATEGORIES, RULE_IDS, SEVERITIES, ZScenario } from "@/server/domain/billing";

/** The engine's scenario schema is the procedure input: one definition for CLI, API and forms. */
export const ZPreviewInput = ZScenario;

export const ZClaimLine = z.object({
  code: z.string(),
  modifiers: z.array(z.string()),
  units: z.number(),
  ndc: z.object({ code: z.string(), unit: z.enum(["ML", "UN"]), quantity: z.number() }).nullable(),
  diagnosisPointers: z.array(z.number()),
  charge: z.number(),
});

export const ZFinding = z.object({
  rule: z.enum(RULE_IDS),
  category: z.enum(FINDING_CATEGORIES),
  severity: z.enum(SEVERITIES),
  message: z.string(),
  suggestedFix: z.object({ action: z.string(), line: ZClaimLine.optional() }).optional(),
  source: z.string(),
  line: z.number().optional(),
});

export const ZPreviewOutput = z.object({
  lines: z.array(ZClaimLine),
  diagnoses: z.array(z.string()),
  findings: z.array(ZFinding),
  blocked: z.boolean(),
  totalCharge: z.number(),
});
