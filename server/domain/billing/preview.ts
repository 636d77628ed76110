/**
 * previewClaim: scenario + prepared reference data -> claim lines, diagnoses and findings.
 * Build mode (no `lines`): lines come from the record. Check mode (`lines` given): the entered
 * lines are echoed, normalised, and compared with what the record supports.
 */
import { adminCodesFor } from "./admin";
import { buildDrug, type BuildContext } from "./build";
import { checkAdminLinesOnly, checkEnteredLines, normalizeEnteredLine, toClaimLine, type CheckContext } from "./check";
import { checkDiagnoses } from "./diagnosis";
import { mulDivRound, numberToMilli } from "./exact";
import { resolvePayer } from "./payer";
import { pick, type PreparedReference } from "./prepare";
import { RULES } from "./rules";
import { scenarioFieldErrors, ZScenario, type ScenarioFieldError, type TScenario } from "./scenario";
import { scrub } from "./scrub";
import type { BuiltLine, Finding, PreviewResult } from "./types";
import type { DrugOutcome } from "./build";

export function previewClaim(s: TScenario, ref: PreparedReference): PreviewResult {
  const dos = s.dateOfService;
  const findings: Finding[] = [];
  const payer = resolvePayer(ref, s.payer, dos);
  const drugNames: string[] = [];
  for (const d of s.drugs) if (!drugNames.includes(d.drug)) drugNames.push(d.drug);
  const dx = checkDiagnoses(ref, { diagnoses: s.diagnoses, indication: s.indication, drugs: drugNames, dos }, findings);
  const ctx: BuildContext = {
    ref,
    dos,
    payer,
    findings,
    indication: dx.indication,
    pointer: dx.pointer,
    weightMilli: numberToMilli(s.patient.weightKg) ?? Math.round(s.patient.weightKg * 1000),
  };
  const outcomes: DrugOutcome[] = s.drugs.map((d, i) => buildDrug(ctx, d, i));

  const admin = adminCodesFor(
    ref,
    s.drugs.map((d, i) => ({ drug: d.drug, complex: outcomes[i]!.prepared?.row.complexBiologic ?? true, start: d.infusion.start, end: d.infusion.end })),
    dos,
  );
  for (const f of admin.findings) findings.push(f);
  const allTimed = admin.minutes.every((m) => m !== null);
  const adminLine = (code: string, units: number): BuiltLine => ({ kind: "admin", code, modifiers: [], units, ndc: null, diagnosisPointers: [dx.pointer], chargeCents: -1 });
  const complexDrugs = outcomes.filter((o) => o.prepared?.row.complexBiologic).map((o) => o.drug);
  const checkCtx: CheckContext = { ref, dos, payer, findings, pointer: dx.pointer, drugs: outcomes };

  let lines: BuiltLine[];
  if (s.lines) {
    const drugCodes = new Map<string, DrugOutcome>();
    for (const o of outcomes) {
      if (o.hcpcs) drugCodes.set(o.hcpcs, o);
      if (o.billedCode) drugCodes.set(o.billedCode, o);
    }
    lines = s.lines.map((l) => normalizeEnteredLine(checkCtx, l, drugCodes));
    checkEnteredLines(checkCtx, lines, allTimed ? admin.lines : null, complexDrugs);
  } else {
    lines = [];
    for (const o of outcomes) for (const l of o.lines) lines.push(l);
    if (s.adminCodes) {
      const entered = new Map<string, number>();
      for (const c of s.adminCodes) entered.set(c, (entered.get(c) ?? 0) + 1);
      const enteredLines = [...entered].map(([c, n]) => adminLine(c, n));
      const offset = lines.length;
      for (const l of enteredLines) lines.push(l);
      if (allTimed) checkAdminLinesOnly(checkCtx, enteredLines, offset, admin.lines, complexDrugs);
    } else {
      for (const a of admin.lines) lines.push(adminLine(a.code, a.units));
    }
  }

  // Charges from the fee schedule (price per billing unit; exact to the cent).
  const missingPrice: string[] = [];
  for (const l of lines) {
    if (l.free) {
      l.chargeCents = 0;
      continue;
    }
    if (l.chargeCents >= 0) continue;
    const price = s.charges?.[l.code];
    if (price === undefined) {
      l.chargeCents = 0;
      if (!missingPrice.includes(l.code)) missingPrice.push(l.code);
      continue;
    }
    const priceMilli = numberToMilli(price) ?? Math.round(price * 1000);
    l.chargeCents = mulDivRound(l.units, priceMilli, 10);
  }
  if (missingPrice.length > 0) {
    findings.push({
      rule: "R-CHARGE",
      category: "documentation",
      severity: "info",
      message: `No fee-schedule price for ${missingPrice.join(", ")}; the line charge is 0.`,
      suggestedFix: { action: "Add the practice's price per unit for these codes to the fee schedule." },
      source: RULES["R-CHARGE"].source,
    });
  }

  if (s.claimType === "institutional") {
    for (const l of lines) {
      const use = l.kind === "drug" || l.kind === "waste" ? "drug" : l.kind === "admin" ? (pick(ref.adminByCode.get(l.code), dos)?.family === "chemo" ? "chemo_administration" : "therapeutic_administration") : undefined;
      const rc = use ? pick(ref.revenueByUse.get(use), dos) : undefined;
      if (rc) l.revenueCode = rc.code;
    }
  }

  const priorAuths = s.priorAuth === undefined ? [] : Array.isArray(s.priorAuth) ? s.priorAuth : [s.priorAuth];
  const billedDrugCodes = new Set<string>();
  const drugCodes = new Set<string>();
  const correctCodeOf = new Map<string, string>();
  for (const o of outcomes) {
    if (o.hcpcs && o.billedCode && o.hcpcs !== o.billedCode) correctCodeOf.set(o.billedCode, o.hcpcs);
    if (o.hcpcs) drugCodes.add(o.hcpcs);
    if (o.billedCode) {
      drugCodes.add(o.billedCode);
      if (!o.free) billedDrugCodes.add(o.billedCode);
    }
  }
  const sr = scrub(ref, {
    claimType: s.claimType,
    placeOfService: s.placeOfService,
    typeOfBill: s.typeOfBill,
    dateOfService: dos,
    today: s.today,
    payer,
    frequency: s.frequency,
    payerClaimNumber: s.payerClaimNumber,
    priorAuths,
    previousClaims: s.previousClaims,
    diagnoses: dx.diagnoses,
    lines,
    billedDrugCodes,
    drugCodes,
    correctCodeOf,
  });
  for (const f of sr.findings) findings.push(f);

  let total = 0;
  for (const l of lines) total += l.chargeCents;
  const freq = ref.frequencies.get(s.frequency);
  const claim: PreviewResult["claim"] = {
    claimType: s.claimType,
    frequency: s.frequency,
    frequencyCode: freq?.code ?? "",
    totalChargeCents: total,
    builtLines: lines,
    blocked: findings.some((f) => f.severity === "error"),
  };
  if (s.payerClaimNumber !== undefined) claim.payerClaimNumber = s.payerClaimNumber;
  if (s.claimType === "professional") claim.placeOfService = s.placeOfService ?? "11";
  if (s.typeOfBill !== undefined) claim.typeOfBill = s.typeOfBill.padStart(4, "0");
  if (sr.priorAuthNumber !== undefined) claim.priorAuthNumber = sr.priorAuthNumber;
  if (dx.indication) claim.indication = dx.indication.row.id;
  if (payer.claimFilingIndicator !== null) claim.claimFilingIndicator = payer.claimFilingIndicator;
  return { lines: lines.map(toClaimLine), diagnoses: dx.diagnoses, findings, claim };
}

export type ScenarioParse = { ok: true; scenario: TScenario } | { ok: false; errors: ScenarioFieldError[] };

/**
 * Validates raw JSON into a scenario: the zod schema plus the references that need the data
 * (known drug names, indication ids, payer profile ids). Errors name the field.
 */
export function parseScenario(raw: unknown, ref: PreparedReference): ScenarioParse {
  const r = ZScenario.safeParse(raw);
  if (!r.success) return { ok: false, errors: scenarioFieldErrors(r.error) };
  const s = r.data;
  const errors: ScenarioFieldError[] = [];
  s.drugs.forEach((d, i) => {
    if (!ref.drugsByName.has(d.drug)) errors.push({ field: `drugs.${i}.drug`, message: `unknown drug "${d.drug}"; known: ${[...ref.drugsByName.keys()].join(", ")}` });
  });
  if (s.indication !== undefined && !ref.indicationsById.has(s.indication)) {
    errors.push({ field: "indication", message: `unknown indication "${s.indication}"; known: ${[...ref.indicationsById.keys()].join(", ")}` });
  }
  if (s.payer.profile !== undefined && !ref.payerProfilesById.has(s.payer.profile)) {
    errors.push({ field: "payer.profile", message: `unknown payer profile "${s.payer.profile}"; known: ${[...ref.payerProfilesById.keys()].join(", ")}` });
  }
  return errors.length ? { ok: false, errors } : { ok: true, scenario: s };
}
