/** Infusion documentation: pure checklist, engine scenario, arithmetic, lot expiry and findings (no framework, database or clock). */
export * from "./codes";
export * from "./types";
export { doseForDay, type DayDose } from "./dose";
export { assessWaste, checklistComplete, documentationChecklist, type ChecklistItem, type WasteAssessment } from "./checklist";
export { toScenario, type ScenarioBuild } from "./scenario";
export { explainClaim, ARITHMETIC_TOPICS, type ArithmeticStep, type ArithmeticTopic } from "./arithmetic";
export { isExpiredOn, lotExpiryFindings, LOT_EXPIRY_SOURCE } from "./expiry";
export { evaluateFindings, findingFingerprint, readinessBlockers, type AcknowledgmentRef, type EvaluatedFinding, type ReadinessInput } from "./findings";
export { checkVialNdc, openedTotals, packageCatalog, suggestVials, type OpenedTotals, type PackageInfo, type SuggestedVials, type VialNdcCheck } from "./vials";
export { evaluateDocumentation, type ClaimPreview, type DocumentationEvaluation } from "./evaluate";
