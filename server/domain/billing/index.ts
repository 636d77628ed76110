/**
 * Public API of the billing engine (pure: no framework, database or clock).
 *
 *   const ref = prepareReference(validated.data);           // once
 *   const parsed = parseScenario(json, ref);                // or ZScenario.parse in tRPC
 *   const { lines, diagnoses, findings } = previewClaim(parsed.scenario, ref);
 */
export { previewClaim, parseScenario, type ScenarioParse } from "./preview";
export { prepareReference, paymentLimitFor, type PreparedReference } from "./prepare";
export {
  validateReferenceData,
  type ReferenceData,
  type ReferenceRowError,
  type ReferenceValidation,
  referenceTableSchemas,
  PAYER_KINDS,
  WASTE_POLICIES,
  NDC_POLICIES,
  FREE_DRUG_POLICIES,
  CLAIM_FREQUENCIES,
  ADJUSTMENT_CATEGORIES,
} from "./reference";
export {
  ZScenario,
  ZLineInput,
  ZDrugInput,
  ZPayerInput,
  ZPriorAuthInput,
  scenarioFieldErrors,
  type TScenario,
  type TScenarioInput,
  type TLineInput,
  type TDrugInput,
  type ScenarioFieldError,
} from "./scenario";
export { chooseVials, largestVialAmountAtMost, type VialChoice, type VialOption } from "./vials";
export { vialOptionsFor } from "./build";
export { computeUnits, type UnitsInput, type UnitsResult } from "./units";
export { normalizeNdc, checkNdc, formatNdc11, type NdcNormalization, type NdcCheck } from "./ndc";
export { adminCodesFor, additionalHourUnits, type InfusionInput, type AdminResult } from "./admin";
export { scrub, type ScrubInput, type ScrubResult } from "./scrub";
export { toClaimLine } from "./check";
export { RULES, ruleLabel, type RuleInfo } from "./rules";
export { toClaim837Lines } from "./to-837";
export {
  FINDING_CATEGORIES,
  RULE_IDS,
  SEVERITIES,
  type BuiltLine,
  type ClaimLine,
  type ClaimLineNdc,
  type Finding,
  type FindingCategory,
  type PreviewResult,
  type RuleId,
  type Severity,
  type SuggestedFix,
} from "./types";
