/** Durvalumab orders: pure calendar, dose and label checks (no framework, database or clock). */
export * from "./codes";
export * from "./types";
export { generateCalendar, planEndExclusive } from "./calendar";
export { computeDose, decimalToMilli, describeDose, doseMilli, weightBand, weightBandOf, type WeightBand } from "./dose";
export { combinationDrugOf, defaultCombinationSchedule, labelRegimen, DEFAULT_PLANNING_MONTHS, type LabelRegimen, type RegimenOption } from "./regimen";
export { checkOrder, diagnosisErrors, type OrderCheckInput, type OrderCheckResult, type OrderFinding } from "./checks";
