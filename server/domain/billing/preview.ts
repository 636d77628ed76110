/**
 * previewClaim: scenario + prepared reference data -> claim lines, diagnoses and findings.
 * Build mode (no `lines`): lines come from the record. Check mode (`lines` given): the entered
 * lines are echoed, normalised, and compared with what the record supports.
 */
import { adminCodesFor, type InfusionInput } from "./admin";
import { buildDrug, type BuildContext } from "./build";
import { checkAdminLinesOnly, checkEnteredLines, normalizeEnteredLine, toClaimLine, type CheckContext } from "./check";
import { checkDiagnoses } from "./diagnosis";
import { mulDivRound, numberToMilli } from "./exact";
import { checkNdc, normalizeNdc } from "./ndc";
import { resolvePayer, type PayerPolicy } from "./payer";
import { modifierFor, modifierRuleFor, pick, type PreparedReference } from "./prepare";
import type { TModifierRuleRow } from "./reference";
import { formatDate } from "../format";
import { RULES } from "./rules";
import { scenarioFieldErrors, ZScenario, type ScenarioFieldError, type TOtherDrugInput, type TScenario } from "./scenario";
import { scrub } from "./scrub";
import type { BuiltLine, DrugSummary, Finding, NdcUnit, PreviewResult } from "./types";
import type { DrugOutcome } from "./build";

/** HCPCS drug codes: J codes, C9 pass-through drugs, Q drugs and biosimilars. */
function isDrugCode(code: string): boolean {
  return /^J\d{4}$/.test(code) || /^C9\d{3}$/.test(code) || /^Q[0-9]\d{3}$/.test(code);
}

/** The 340B modifier rule for this claim when a 340B drug is on it (R-340B). */
function rule340b(ref: PreparedReference, s: TScenario, payer: PayerPolicy, findings: Finding[]): TModifierRuleRow | undefined {
  if (payer.modifier340b === "none" || !s.drugs.some((d) => d.source === "340b")) return undefined;
  const rule = modifierRuleFor(
    ref,
    "340b",
    { claimType: s.claimType, policy: payer.modifier340b, entityType: s.site?.coveredEntityType, site: s.site?.hospitalSite },
    s.dateOfService,
  );
  if (!rule) {
    findings.push({
      rule: "R-340B",
      category: "modifier",
      severity: "error",
      message:
        s.site?.coveredEntityType === undefined
          ? "The drug was bought under 340B, but the location's 340B covered-entity type is not set, so the required modifier (JG or TB) cannot be chosen."
          : `No 340B modifier rule covers a ${s.site.coveredEntityType} covered entity on ${formatDate(s.dateOfService)} for this payer (${payer.modifier340b}).`,
      suggestedFix: { action: "Set the location's 340B covered-entity type (practice set-up → locations), or check the modifier rules in the reference data." },
      source: RULES["R-340B"].source,
    });
  }
  return rule;
}

function otherDrugLines(ref: PreparedReference, s: TScenario, payer: PayerPolicy, pointer: number, findings: Finding[]): BuiltLine[] {
  const lines: BuiltLine[] = [];
  const src = RULES["R-OTHER-DRUG"].source;
  (s.otherDrugs ?? []).forEach((o, i) => {
    const label = `${o.hcpcs}${o.description ? ` (${o.description})` : ""}`;
    if (!isDrugCode(o.hcpcs)) {
      findings.push({
        rule: "R-OTHER-DRUG",
        category: "code",
        severity: "warning",
        message: `Other drug ${i + 1}: ${label} is not a HCPCS drug code (J, Q or C9 code); a same-day drug is billed with its own drug code and units.`,
        suggestedFix: { action: "Enter the drug's HCPCS code (e.g. J9045 carboplatin) and its units." },
        source: src,
      });
    }
    const l: BuiltLine = { kind: "other", role: "same_day_drug", code: o.hcpcs, modifiers: [...o.modifiers], units: o.units, ndc: null, diagnosisPointers: [pointer], chargeCents: o.charge !== undefined ? Math.round(o.charge * 100) : -1, drug: o.description ?? o.hcpcs };
    if (o.ndc != null) {
      const raw = typeof o.ndc === "string" ? o.ndc : o.ndc.code;
      const n = normalizeNdc(raw);
      if (!n.ok) {
        findings.push({ rule: "R-NDC", category: "ndc", severity: "error", message: `Other drug ${i + 1} (${label}): NDC "${raw}" is not a valid NDC.`, suggestedFix: { action: "Enter the NDC printed on the package." }, source: RULES["R-NDC"].source });
      } else {
        const unitText = typeof o.ndc === "object" && o.ndc.unit ? o.ndc.unit.toUpperCase() : payer.ndc === "none" ? "UN" : payer.ndc;
        const unit = (unitText === "ML" ? "ML" : "UN") as NdcUnit;
        const qty = typeof o.ndc === "object" && o.ndc.quantity !== undefined ? (numberToMilli(o.ndc.quantity) ?? 0) : 0;
        if (qty <= 0) {
          findings.push({ rule: "R-NDC", category: "ndc", severity: "error", message: `Other drug ${i + 1} (${label}): the NDC quantity is missing (no catalog for this drug, so it cannot be computed).`, suggestedFix: { action: `Enter the NDC quantity in ${unit}.` }, source: RULES["R-NDC"].source });
        } else l.ndc = { code: n.ndc11, unit, quantityMilli: qty };
        const c = checkNdc(ref, n.ndc11, s.dateOfService, o.hcpcs);
        if (!c.ok && ref.packagesByNdc.has(n.ndc11)) {
          findings.push({ rule: "R-NDC", category: "ndc", severity: "error", message: `Other drug ${i + 1} (${label}): ${c.message}.`, source: RULES["R-NDC"].source });
        }
      }
    } else if (payer.ndc !== "none" && isDrugCode(o.hcpcs)) {
      findings.push({
        rule: "R-NDC",
        category: "ndc",
        severity: "warning",
        message: `Other drug ${i + 1} (${label}): this payer wants the NDC on every drug line (qualifier ${payer.ndc}); none is recorded.`,
        suggestedFix: { action: "Record the NDC and quantity of the package used." },
        source: RULES["R-NDC"].source,
      });
    }
    if (payer.wasteModifiers === "jw_jz" && isDrugCode(o.hcpcs) && !o.modifiers.some((m) => m === "JW" || m === "JZ") && modifierFor(ref, "zero_waste", s.dateOfService)) {
      findings.push({
        rule: "R-OTHER-DRUG",
        category: "modifier",
        severity: "info",
        message: `Other drug ${i + 1} (${label}): if it comes from a single-dose container, this payer needs JZ on the line (nothing discarded) or its waste on a JW line.`,
        source: RULES["R-JWJZ"].source,
      });
    }
    lines.push(l);
  });
  return lines;
}

function drugSummary(o: DrugOutcome, mod340b: string | undefined): DrugSummary {
  const out: DrugSummary = {
    drug: o.drug,
    hcpcs: o.hcpcs,
    source: o.source,
    administeredUnits: o.units?.billedAdministeredUnits ?? 0,
    openedUnits: o.openedUnits,
    wasteUnits: o.units?.wasteUnits ?? 0,
    billableWasteUnits: o.expectedWasteUnits,
    nonBillableWasteUnits: o.nonBillableWasteUnits,
    leastWasteVials: o.leastWaste?.text ?? null,
    leastWasteUnits: o.leastWaste?.units ?? null,
  };
  if (o.source === "340b" && mod340b) out.modifier340b = mod340b;
  if (o.vialChoiceReason !== undefined) out.vialChoiceReason = o.vialChoiceReason;
  return out;
}

export function previewClaim(s: TScenario, ref: PreparedReference): PreviewResult {
  const dos = s.dateOfService;
  const findings: Finding[] = [];
  const payer = resolvePayer(ref, s.payer, dos, s.claimType);
  const drugNames: string[] = [];
  for (const d of s.drugs) if (!drugNames.includes(d.drug)) drugNames.push(d.drug);
  const dx = checkDiagnoses(ref, { diagnoses: s.diagnoses, indication: s.indication, drugs: drugNames, dos }, findings);
  const r340b = rule340b(ref, s, payer, findings);
  const ctx: BuildContext = {
    ref,
    dos,
    payer,
    findings,
    indication: dx.indication,
    pointer: dx.pointer,
    weightMilli: numberToMilli(s.patient.weightKg) ?? Math.round(s.patient.weightKg * 1000),
    modifier340b: r340b?.modifier,
  };
  const outcomes: DrugOutcome[] = s.drugs.map((d, i) => buildDrug(ctx, d, i));

  // Administration codes from every timed infusion of the day: the order's drugs (the first is the
  // encounter's primary drug) and the other same-day drugs.
  const others: TOtherDrugInput[] = s.otherDrugs ?? [];
  const infusions: InfusionInput[] = s.drugs.map((d, i) => ({
    drug: d.drug,
    complex: outcomes[i]!.prepared?.row.complexBiologic ?? true,
    start: d.infusion.start,
    end: d.infusion.end,
    primary: i === 0,
  }));
  for (const o of others) {
    if (o.administration === "none" || !o.infusion) continue;
    infusions.push({ drug: o.description ? `${o.description} (${o.hcpcs})` : o.hcpcs, complex: o.administration === "chemotherapy", start: o.infusion.start, end: o.infusion.end });
  }
  const admin = adminCodesFor(ref, infusions, dos);
  for (const f of admin.findings) findings.push(f);
  const allTimed = admin.minutes.every((m) => m !== null);
  const adminLine = (code: string, units: number): BuiltLine => ({ kind: "admin", code, modifiers: [], units, ndc: null, diagnosisPointers: [dx.pointer], chargeCents: -1 });
  const complexDrugs = outcomes.filter((o) => o.prepared?.row.complexBiologic).map((o) => o.drug);
  const checkCtx: CheckContext = {
    ref,
    dos,
    payer,
    findings,
    pointer: dx.pointer,
    drugs: outcomes,
    otherDrugs: new Map(others.map((o) => [o.hcpcs, o])),
    concurrent: admin.concurrent,
  };

  // PO/PN on every line of an off-campus department's 837I (R-SITE)
  const site = s.site?.hospitalSite;
  const siteRule = s.claimType === "institutional" && site !== undefined ? (modifierRuleFor(ref, "hospital_site", { claimType: s.claimType, site }, dos) ?? null) : undefined;

  let lines: BuiltLine[];
  if (s.lines) {
    const drugCodes = new Map<string, DrugOutcome>();
    for (const o of outcomes) {
      if (o.hcpcs) drugCodes.set(o.hcpcs, o);
      if (o.billedCode) drugCodes.set(o.billedCode, o);
    }
    lines = s.lines.map((l) => normalizeEnteredLine(checkCtx, l, drugCodes));
    checkEnteredLines(checkCtx, lines, allTimed ? admin.lines : null, complexDrugs);
    for (const o of outcomes) {
      const jw = o.wasteModifier;
      if (o.undocumentedWaste && jw !== undefined && lines.some((l) => l.drug === o.drug && l.modifiers.includes(jw))) findings.push(o.undocumentedWaste);
    }
  } else {
    lines = [];
    for (const o of outcomes) for (const l of o.lines) lines.push(l);
    for (const o of outcomes) if (o.undocumentedWaste && o.lines.some((l) => l.kind === "waste")) findings.push(o.undocumentedWaste);
    for (const l of otherDrugLines(ref, s, payer, dx.pointer, findings)) lines.push(l);
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
    if (siteRule) {
      const full: number[] = [];
      lines.forEach((l, i) => {
        if (l.modifiers.includes(siteRule.modifier)) return;
        if (l.modifiers.length >= 4) full.push(i + 1);
        else l.modifiers = [...l.modifiers, siteRule.modifier];
      });
      if (full.length > 0) {
        findings.push({
          rule: "R-SITE",
          category: "modifier",
          severity: "error",
          message: `Line${full.length > 1 ? "s" : ""} ${full.join(", ")} already carry 4 modifiers, so ${siteRule.modifier} does not fit.`,
          suggestedFix: { action: "Check the modifiers of those lines with the payer." },
          source: RULES["R-SITE"].source,
        });
      }
    }
  }

  // Charges from the fee schedule (price per billing unit; exact to the cent). Free drug and 340B
  // lines charged at acquisition cost keep the charge the builder gave them.
  const missingPrice: string[] = [];
  for (const l of lines) {
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
      const use =
        l.kind === "drug" || l.kind === "waste" || l.role === "same_day_drug"
          ? "drug"
          : l.kind === "admin"
            ? pick(ref.adminByCode.get(l.code), dos)?.family === "chemo"
              ? "chemo_administration"
              : "therapeutic_administration"
            : l.role === "em"
              ? "evaluation_management"
              : undefined;
      const rc = use ? pick(ref.revenueByUse.get(use), dos) : undefined;
      if (rc) l.revenueCode = rc.code;
    }
  }

  const priorAuths = s.priorAuth === undefined ? [] : Array.isArray(s.priorAuth) ? s.priorAuth : [s.priorAuth];
  const billedDrugCodes = new Set<string>();
  const drugCodes = new Set<string>();
  const correctCodeOf = new Map<string, string>();
  const codes340b = new Set<string>();
  const otherCodes = new Set<string>();
  for (const o of outcomes) {
    if (o.hcpcs && o.billedCode && o.hcpcs !== o.billedCode) correctCodeOf.set(o.billedCode, o.hcpcs);
    if (o.hcpcs) drugCodes.add(o.hcpcs);
    if (o.billedCode) {
      drugCodes.add(o.billedCode);
      if (!o.free) billedDrugCodes.add(o.billedCode);
      (o.source === "340b" ? codes340b : otherCodes).add(o.billedCode);
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
    primaryDrugCode: outcomes[0]?.billedCode ?? undefined,
    siteRule,
    drug340b: { codes340b, otherCodes, rule: r340b },
  });
  for (const f of sr.findings) findings.push(f);
  sr.lineAuth.forEach((n, i) => {
    if (n !== undefined) lines[i]!.priorAuthNumber = n;
  });
  const lineLevel = sr.authorizations.some((a) => a.level === "line");

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
    drugs: outcomes.map((o) => drugSummary(o, r340b?.modifier)),
    administration: admin.summary,
    authorizations: sr.authorizations,
  };
  if (s.payerClaimNumber !== undefined) claim.payerClaimNumber = s.payerClaimNumber;
  if (s.claimType === "professional") claim.placeOfService = s.placeOfService ?? "11";
  if (s.typeOfBill !== undefined) claim.typeOfBill = s.typeOfBill.padStart(4, "0");
  if (sr.priorAuthNumber !== undefined) claim.priorAuthNumber = sr.priorAuthNumber;
  if (dx.indication) claim.indication = dx.indication.row.id;
  if (payer.claimFilingIndicator !== null) claim.claimFilingIndicator = payer.claimFilingIndicator;
  return { lines: lines.map((l) => toClaimLine(l, lineLevel)), diagnoses: dx.diagnoses, findings, claim };
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
  const seen = new Set<string>();
  (s.otherDrugs ?? []).forEach((o, i) => {
    if (seen.has(o.hcpcs)) errors.push({ field: `otherDrugs.${i}.hcpcs`, message: `${o.hcpcs} is listed twice; give its total units once` });
    seen.add(o.hcpcs);
    if (ref.drugsByHcpcs.has(o.hcpcs) && s.drugs.some((d) => ref.drugsByName.get(d.drug)?.some((x) => x.row.hcpcs === o.hcpcs))) {
      errors.push({ field: `otherDrugs.${i}.hcpcs`, message: `${o.hcpcs} is already one of the order's drugs` });
    }
    if (o.administration !== "none" && o.infusion === undefined) errors.push({ field: `otherDrugs.${i}.infusion`, message: "give the infusion start (and stop) time, or administration none" });
  });
  return errors.length ? { ok: false, errors } : { ok: true, scenario: s };
}
