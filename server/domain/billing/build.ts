/**
 * Builds the drug lines of one administration from the record: units and waste (R-UNITS, R-JW,
 * R-OVERFILL), vial choice (R-VIAL), NDC lines (R-NDC, R-NDC-SPLIT), free drug (R-FREE) and the
 * dose / weight / duration checks (R-WEIGHT, R-DOSE, R-DURATION).
 */
import { addMonths } from "./dates";
import { formatMg, formatMilli, mulDivRound, numberToMilli } from "./exact";
import { checkNdc, formatNdc11 } from "./ndc";
import type { PayerPolicy } from "./payer";
import { memo, modifierFor, type PreparedDrug, type PreparedIndication, type PreparedPackage, type PreparedReference } from "./prepare";
import { formatDate } from "../format";
import { RULES } from "./rules";
import type { TDrugInput } from "./scenario";
import type { BuiltLine, Finding, NdcUnit } from "./types";
import { computeUnits, type UnitsResult } from "./units";
import { chooseVials, describeVials, largestVialAmountAtMost, type VialOption } from "./vials";

export interface BuildContext {
  ref: PreparedReference;
  dos: string;
  payer: PayerPolicy;
  findings: Finding[];
  indication: PreparedIndication | null;
  pointer: number;
  weightMilli: number;
  /** the 340B modifier this claim's 340B drug lines carry (JG, TB, UD), when one applies */
  modifier340b?: string | undefined;
}

export interface VialGroup {
  pkg: PreparedPackage;
  count: number;
}

export interface DrugOutcome {
  index: number;
  drug: string;
  prepared: PreparedDrug | null;
  /** the drug's correct HCPCS (from the catalog) */
  hcpcs: string | null;
  /** code the lines carry (the entered one when given) */
  billedCode: string | null;
  free: boolean;
  /** purchased, free (manufacturer program) or bought under 340B */
  source: "purchased" | "free" | "340b";
  administeredMilli: number;
  units: UnitsResult | null;
  openedUnits: number | null;
  openedMilli: number;
  groups: VialGroup[];
  /** waste modifier (JW) when waste is billed for this drug, else undefined */
  wasteModifier?: string | undefined;
  /** zero-waste modifier (JZ) when the payer wants it and it is in force */
  zeroModifier?: string | undefined;
  /** waste units expected on a JW line (0 when none or not billed) */
  expectedWasteUnits: number;
  /** waste units that cannot be billed because larger vials than needed were opened without a documented reason */
  nonBillableWasteUnits: number;
  /** the least-waste vial combination for the dose */
  leastWaste: { text: string; units: number } | null;
  /** a JW line for this drug needs the discarded amount documented: the error to raise when one is billed */
  undocumentedWaste?: Finding;
  /** documented reason the least-waste vials were not used */
  vialChoiceReason?: string;
  lines: BuiltLine[];
}

function pushFinding(ctx: BuildContext, f: Finding): void {
  ctx.findings.push(f);
}

/** NDC quantity in thousandths for `units` billing units from one package, per the payer's unit. */
export function ndcQuantityMilli(units: number, pkg: PreparedPackage, unit: NdcUnit): number {
  return unit === "ML" ? mulDivRound(units, pkg.mlMilli, pkg.billableUnits) : mulDivRound(units, 1000, pkg.billableUnits);
}

export function vialOptionsFor(ref: PreparedReference, hcpcs: string, dos: string): VialOption[] {
  const out: VialOption[] = [];
  const list = ref.packagesByHcpcs.get(hcpcs);
  if (!list) return out;
  for (const p of list) {
    const r = p.row;
    if ((r.effectiveFrom != null && dos < r.effectiveFrom) || (r.effectiveTo != null && dos > r.effectiveTo)) continue;
    if (r.marketedFrom != null && dos < r.marketedFrom) continue;
    if (r.obsoleteFrom != null && r.obsoleteFrom <= dos) continue;
    out.push({ ndc11: p.ndc11, mgMilli: p.mgMilli, billableUnits: p.billableUnits });
  }
  return out;
}

export function buildDrug(ctx: BuildContext, d: TDrugInput, index: number): DrugOutcome {
  const { ref, dos, payer } = ctx;
  const label = `${d.drug} (drug ${index + 1})`;
  const administeredMilli = numberToMilli(d.administeredMg) ?? Math.round(d.administeredMg * 1000);
  const out: DrugOutcome = {
    index,
    drug: d.drug,
    prepared: null,
    hcpcs: null,
    billedCode: null,
    free: d.source === "free",
    source: d.source ?? "purchased",
    administeredMilli,
    units: null,
    openedUnits: null,
    openedMilli: 0,
    groups: [],
    expectedWasteUnits: 0,
    nonBillableWasteUnits: 0,
    leastWaste: null,
    lines: [],
  };
  if (d.vialChoiceReason !== undefined) out.vialChoiceReason = d.vialChoiceReason;
  const rows = ref.drugsByName.get(d.drug);
  if (!rows) {
    pushFinding(ctx, {
      rule: "R-HCPCS",
      category: "code",
      severity: "error",
      message: `Drug "${d.drug}" is not in the drug catalog, so no HCPCS code or billing unit is known.`,
      source: RULES["R-HCPCS"].source,
    });
    return out;
  }
  let drug = rows.find((r) => (r.row.effectiveFrom == null || r.row.effectiveFrom <= dos) && (r.row.effectiveTo == null || dos <= r.row.effectiveTo));
  if (!drug) {
    drug = rows[0]!;
    pushFinding(ctx, {
      rule: "R-HCPCS",
      category: "code",
      severity: "error",
      message: `${drug.row.hcpcs} (${drug.row.descriptor}) is not in effect on ${formatDate(dos)} (effective ${drug.row.effectiveFrom ? formatDate(drug.row.effectiveFrom) : "?"} to ${drug.row.effectiveTo ? formatDate(drug.row.effectiveTo) : "open"}).`,
      suggestedFix: { action: "Use the code in effect on the date of service (check the CMS HCPCS file)." },
      source: RULES["R-HCPCS"].source,
    });
  }
  out.prepared = drug;
  const hcpcs = drug.row.hcpcs;
  out.hcpcs = hcpcs;
  out.billedCode = d.hcpcs ?? hcpcs;
  if (d.hcpcs !== undefined && d.hcpcs !== hcpcs) pushFinding(ctx, wrongCodeFinding(ref, d.hcpcs, d.drug, hcpcs));

  // Opened vials
  let allValid = true;
  for (let j = 0; j < d.vials.length; j++) {
    const v = d.vials[j]!;
    const c = memo(ref, "ndc", `${v.ndc}|${dos}|${hcpcs}`, () => checkNdc(ref, v.ndc, dos, hcpcs));
    if (!c.ok) {
      allValid = false;
      pushFinding(ctx, {
        rule: "R-NDC",
        category: "ndc",
        severity: "error",
        message: `Vial ${j + 1} of ${label}: ${c.message}.`,
        suggestedFix: { action: `Enter the NDC printed on the ${d.drug} vial that was opened (finished package crosswalking to ${hcpcs}).` },
        source: RULES["R-NDC"].source,
      });
      continue;
    }
    if (c.note) {
      pushFinding(ctx, { rule: "R-NDC", category: "ndc", severity: "warning", message: `Vial ${j + 1} of ${label}: ${c.note}.`, source: RULES["R-NDC"].source });
    }
    let g: VialGroup | undefined;
    for (const x of out.groups) if (x.pkg.ndc11 === c.ndc11) g = x;
    if (g) g.count += v.count;
    else out.groups.push({ pkg: c.pkg, count: v.count });
  }
  // Larger vials are consumed first; waste lands on the last-opened (smallest) vial [U convention].
  if (out.groups.length > 1) out.groups.sort(byPackageMgDesc);
  let openedUnits = 0;
  let openedMilli = 0;
  for (const g of out.groups) {
    openedUnits += g.count * g.pkg.billableUnits;
    openedMilli += g.count * g.pkg.mgMilli;
  }
  out.openedUnits = allValid ? openedUnits : null;
  out.openedMilli = openedMilli;
  const u = computeUnits({ administeredMilli, unitMilli: drug.unitMilli, openedUnits: out.openedUnits });
  out.units = u;
  const unitText = formatMg(drug.unitMilli);

  if (u.overfillUnits > 0) {
    pushFinding(ctx, {
      rule: "R-OVERFILL",
      category: "units",
      severity: "error",
      message: `${label}: ${formatMg(administeredMilli)} administered is ${u.administeredUnits} units, but the opened vials (${describeVials(out.groups.map((g) => ({ count: g.count, mgMilli: g.pkg.mgMilli })))} = ${formatMg(openedMilli)}) hold only ${openedUnits} units; billing stops at the labelled contents (overfill is never paid).`,
      suggestedFix: { action: `Bill at most ${openedUnits} units and check the documented administered amount and vials.` },
      source: RULES["R-OVERFILL"].source,
    });
  }

  // Discarded amount documented vs computed
  if (out.openedUnits !== null && d.discardedMg !== undefined) {
    const documented = numberToMilli(d.discardedMg) ?? Math.round(d.discardedMg * 1000);
    const computed = Math.max(0, openedMilli - administeredMilli);
    if (documented !== computed) {
      pushFinding(ctx, {
        rule: "R-JW",
        category: "documentation",
        severity: "warning",
        message: `${label}: the record says ${formatMg(documented)} discarded, but ${formatMg(openedMilli)} opened − ${formatMg(administeredMilli)} administered = ${formatMg(computed)}.`,
        suggestedFix: { action: "Reconcile the documented discarded amount with the vials opened and the dose given." },
        source: RULES["R-JW"].source,
      });
    }
  }

  // Vial choice: billable waste is at most the waste of the least-waste combination (R-VIAL)
  const options = memo(ref, "vialOptions", `${hcpcs}|${dos}`, () => vialOptionsFor(ref, hcpcs, dos));
  const best = memo(ref, "bestVials", `${hcpcs}|${dos}|${administeredMilli}`, () => chooseVials(administeredMilli, options));
  if (best) out.leastWaste = { text: describeVials(best.vials), units: Math.max(0, best.totalUnits - u.billedAdministeredUnits) };
  if (best && out.openedUnits !== null && u.overfillUnits === 0 && openedMilli > best.totalMgMilli) {
    const leastWasteUnits = Math.max(0, best.totalUnits - u.billedAdministeredUnits);
    const excess = Math.max(0, u.wasteUnits - leastWasteUnits);
    const opened = `${describeVials(out.groups.map((g) => ({ count: g.count, mgMilli: g.pkg.mgMilli })))} (${formatMg(openedMilli)}, ${openedUnits} units)`;
    const least = `${describeVials(best.vials)} (${formatMg(best.totalMgMilli)}, ${best.totalUnits} units)`;
    const reason = d.vialChoiceReason;
    if (out.free || excess === 0) {
      const risk = openedUnits - best.totalUnits;
      pushFinding(ctx, {
        rule: "R-VIAL",
        category: "vial",
        severity: "warning",
        message: `${label}: opened ${opened} for ${formatMg(administeredMilli)}; the least-waste combination is ${least}, so ${risk} waste unit${risk === 1 ? "" : "s"} are at audit risk.`,
        suggestedFix: { action: `Open ${describeVials(best.vials)} for this dose; document why if other vials had to be used.` },
        source: RULES["R-VIAL"].source,
      });
    } else if (reason !== undefined) {
      pushFinding(ctx, {
        rule: "R-VIAL",
        category: "vial",
        severity: "warning",
        message: `${label}: opened ${opened} for ${formatMg(administeredMilli)} although ${least} would do; all ${u.wasteUnits} waste units are billed because the record says why the smaller vials were not used: “${reason}”. The payer may ask for that documentation (otherwise ${leastWasteUnits === 0 ? "none" : `only ${leastWasteUnits}`} would be billable).`,
        suggestedFix: { action: "Keep the documentation of why the smaller vials were not used with the record." },
        source: RULES["R-VIAL"].source,
      });
    } else {
      out.nonBillableWasteUnits = excess;
      pushFinding(ctx, {
        rule: "R-VIAL",
        category: "vial",
        severity: "warning",
        message: `${label}: opened ${opened} for ${formatMg(administeredMilli)}; the least-waste combination is ${least}, which leaves ${leastWasteUnits} waste unit${leastWasteUnits === 1 ? "" : "s"}. Only those are billable: ${excess} of the ${u.wasteUnits} discarded units are not billed (contractors pay waste only down to the smallest vials that supply the dose).`,
        suggestedFix: { action: `Open ${describeVials(best.vials)} for this dose; if the smaller vials could not be used (e.g. out of stock), document why on the infusion record to bill the full waste.` },
        source: RULES["R-VIAL"].source,
      });
    }
  }
  checkDose(ctx, d, drug, label, administeredMilli, options);

  // Waste modifiers
  const singleDose = drug.row.singleDose;
  const wasteMod = singleDose && payer.wasteModifiers !== "none" ? modifierFor(ref, "waste", dos) : undefined;
  const zeroMod = singleDose && payer.wasteModifiers === "jw_jz" ? modifierFor(ref, "zero_waste", dos) : undefined;
  out.zeroModifier = zeroMod;
  const wasteUnits = u.wasteUnits;
  const billableWaste = wasteUnits - out.nonBillableWasteUnits;
  const billWaste = !out.free && billableWaste >= 1 && wasteMod !== undefined;
  out.wasteModifier = wasteMod;
  out.expectedWasteUnits = billWaste ? billableWaste : 0;
  if (!out.free && out.openedUnits !== null) {
    const discardedMilli = Math.max(0, openedMilli - administeredMilli);
    if (billWaste && d.wasteDocumented !== true) {
      out.undocumentedWaste = {
        rule: "R-JW",
        category: "documentation",
        severity: "error",
        message: `${label}: ${billableWaste} unit${billableWaste === 1 ? "" : "s"} (${formatMg(discardedMilli)} discarded) billed as waste (${wasteMod}) but the discarded amount is not documented (amount, time, witness); payers recover undocumented waste on audit.`,
        suggestedFix: { action: `Document the discarded amount or remove the ${wasteMod} line.` },
        source: RULES["R-JW"].source,
      };
    }
    if (billableWaste >= 1 && !billWaste) {
      pushFinding(ctx, {
        rule: "R-JW",
        category: "waste",
        severity: "info",
        message: `${label}: ${billableWaste} unit${billableWaste === 1 ? "" : "s"} (${formatMg(discardedMilli)}) discarded are not billed: this payer does not use the JW modifier.`,
        source: RULES["R-JW"].source,
      });
    }
    if (wasteUnits === 0 && discardedMilli > 0) {
      pushFinding(ctx, {
        rule: "R-JW",
        category: "waste",
        severity: "info",
        message: `${label}: ${formatMg(discardedMilli)} discarded is less than one billing unit (${unitText}) after rounding the dose up; no JW line${zeroMod ? `, ${zeroMod} on the line` : ""}.`,
        source: RULES["R-JW"].source,
      });
    }
  }

  // Lines
  const code = out.billedCode!;
  const pointers = [ctx.pointer];
  const ndcUnit: NdcUnit | null = payer.ndc === "none" ? null : payer.ndc;
  const mod340b = out.source === "340b" ? ctx.modifier340b : undefined;
  const lead = mod340b ? [mod340b] : [];
  if (out.free) {
    if (payer.freeDrug === "no_drug_line") {
      pushFinding(ctx, {
        rule: "R-FREE",
        category: "units",
        severity: "info",
        message: `${label} was supplied free of charge: no drug line is billed (payer setting); the administration is still billed.`,
        source: RULES["R-FREE"].source,
      });
      return out;
    }
    if (payer.freeDrug === "nominal_charge") {
      pushLines(ctx, out, { code, adminMods: [], adminUnits: u.billedAdministeredUnits, wasteUnits: 0, ndcUnit, pointers, freeChargeCents: 1 });
      pushFinding(ctx, {
        rule: "R-FREE",
        category: "units",
        severity: "info",
        message: `${label} was supplied free of charge: its HCPCS is billed at a nominal $0.01 on the same claim as the administration (payer setting, as Medicare contractors instruct); the administration is billed normally.`,
        source: RULES["R-FREE"].source,
      });
      return out;
    }
    const fb = modifierFor(ref, "free_drug", dos);
    pushLines(ctx, out, { code, adminMods: fb ? [fb] : [], adminUnits: u.billedAdministeredUnits, wasteUnits: 0, ndcUnit, pointers, freeChargeCents: 0 });
    return out;
  }
  const adminMods = billableWaste === 0 && zeroMod !== undefined && out.openedUnits !== null ? [...lead, zeroMod] : lead;
  let unitCostMilli: number | undefined;
  if (out.source === "340b" && payer.charge340b === "acquisition_cost") {
    if (d.acquisitionCostPerUnit === undefined) {
      pushFinding(ctx, {
        rule: "R-340B",
        category: "modifier",
        severity: "error",
        message: `${label} was bought under 340B and this payer wants it charged at the actual acquisition cost, but the acquisition cost per ${code} unit is not recorded.`,
        suggestedFix: { action: "Record the 340B acquisition cost per billing unit on the infusion record." },
        source: RULES["R-340B"].source,
      });
    } else unitCostMilli = numberToMilli(d.acquisitionCostPerUnit) ?? Math.round(d.acquisitionCostPerUnit * 1000);
  }
  pushLines(ctx, out, { code, adminMods, adminUnits: u.billedAdministeredUnits, wasteUnits: billWaste ? billableWaste : 0, ndcUnit, pointers, wasteMods: wasteMod ? [...lead, wasteMod] : undefined, unitCostMilli });
  return out;
}

interface LineSpec {
  code: string;
  adminMods: string[];
  adminUnits: number;
  wasteUnits: number;
  ndcUnit: NdcUnit | null;
  pointers: number[];
  /** free drug: the fixed charge of each drug line (0, or the nominal 1 cent) */
  freeChargeCents?: number;
  /** modifiers of the waste line (JW, after the 340B modifier), when waste is billed */
  wasteMods?: string[] | undefined;
  /** 340B acquisition cost per unit, thousandths of a dollar, when the payer wants the line charged at cost */
  unitCostMilli?: number | undefined;
}

/**
 * Per vial, in the order the vials are used (larger first): how many of its units were administered
 * and how many discarded units are billed. Unbilled waste (non-billable) fills what is left.
 */
function vialUse(g: VialGroup, admin: number, waste: number): { admin: number; waste: number }[] {
  const out: { admin: number; waste: number }[] = [];
  let a = admin;
  let w = waste;
  for (let i = 0; i < g.count; i++) {
    const cap = g.pkg.billableUnits;
    const ai = Math.min(a, cap);
    a -= ai;
    const wi = Math.min(w, cap - ai);
    w -= wi;
    out.push({ admin: ai, waste: wi });
  }
  return out;
}

/**
 * UN = count of containers: whole vials per line, adding up to the vials opened for that NDC. A vial
 * counts on the line whose units it held; the one vial partly given and partly discarded counts where
 * the payer's guide says (setting), except that it goes to the other line when that line would
 * otherwise report no vial at all. Only when a single vial held both (nothing else to give) do both
 * lines report it. Vials with nothing billed in them are not reported.
 */
export function unVialCounts(uses: readonly { admin: number; waste: number }[], partialOn: "administered_line" | "waste_line"): { admin: number; waste: number; shared: boolean } {
  let admin = 0;
  let waste = 0;
  let partial = 0;
  for (const v of uses) {
    if (v.admin > 0 && v.waste > 0) partial++;
    else if (v.admin > 0) admin++;
    else if (v.waste > 0) waste++;
  }
  if (partial === 0) return { admin, waste, shared: false };
  if (admin === 0 && waste === 0) return { admin: partial, waste: partial, shared: true };
  const toWaste = waste === 0 ? true : admin === 0 ? false : partialOn === "waste_line";
  return toWaste ? { admin, waste: waste + partial, shared: false } : { admin: admin + partial, waste, shared: false };
}

function pushLines(ctx: BuildContext, out: DrugOutcome, spec: LineSpec): void {
  const { code, adminMods, adminUnits, wasteUnits, ndcUnit, pointers } = spec;
  const free = spec.freeChargeCents !== undefined;
  const base = (kind: "drug" | "waste", modifiers: string[], units: number): BuiltLine => {
    const chargeCents = free ? spec.freeChargeCents! : spec.unitCostMilli !== undefined ? mulDivRound(units, spec.unitCostMilli, 10) : -1;
    const l: BuiltLine = { kind, code, modifiers, units, ndc: null, diagnosisPointers: pointers, chargeCents, drug: out.drug };
    if (free) l.free = true;
    return l;
  };
  const wasteMods = spec.wasteMods;
  if (ndcUnit === null || out.groups.length === 0) {
    if (adminUnits > 0) out.lines.push(base("drug", adminMods, adminUnits));
    if (wasteUnits > 0 && wasteMods) out.lines.push(base("waste", wasteMods, wasteUnits));
    return;
  }
  // One line per NDC: administered units fill the larger vials first, waste falls on the last ones.
  let remainingAdmin = adminUnits;
  let remainingWaste = wasteUnits;
  const wasteLines: BuiltLine[] = [];
  for (const g of out.groups) {
    const cap = g.count * g.pkg.billableUnits;
    const a = Math.min(remainingAdmin, cap);
    remainingAdmin -= a;
    const w = Math.min(remainingWaste, cap - a);
    remainingWaste -= w;
    let un: { admin: number; waste: number; shared: boolean } | null = null;
    if (ndcUnit === "UN") {
      un = unVialCounts(vialUse(g, a, w), ctx.payer.ndcUnPartialVial);
      if (un.shared && a > 0 && w > 0) {
        pushFinding(ctx, {
          rule: "R-NDC",
          category: "ndc",
          severity: "info",
          message: `${out.drug}: the waste of NDC ${formatNdc11(g.pkg.ndc11)} comes from the vial that was partly given, so the administered and the ${wasteMods?.at(-1) ?? "JW"} lines both report that vial (a line cannot report 0 containers); check the plan's guide for JW lines in UN.`,
          source: RULES["R-NDC"].source,
        });
      }
    }
    if (a > 0) {
      const l = base("drug", adminMods, a);
      l.ndc = { code: g.pkg.ndc11, unit: ndcUnit, quantityMilli: un ? un.admin * 1000 : ndcQuantityMilli(a, g.pkg, ndcUnit) };
      out.lines.push(l);
    }
    if (w > 0 && wasteMods) {
      const l = base("waste", wasteMods, w);
      l.ndc = { code: g.pkg.ndc11, unit: ndcUnit, quantityMilli: un ? un.waste * 1000 : ndcQuantityMilli(w, g.pkg, ndcUnit) };
      wasteLines.push(l);
    }
  }
  // Overfill beyond the opened vials cannot be billed, so any remainder is dropped on purpose.
  for (const l of wasteLines) out.lines.push(l);
}

function byPackageMgDesc(a: VialGroup, b: VialGroup): number {
  return b.pkg.mgMilli - a.pkg.mgMilli;
}

export function wrongCodeFinding(ref: PreparedReference, entered: string, drugName: string, correct: string, line?: number): Finding {
  const known = ref.wrongCodesByCode.get(entered)?.find((w) => w.usedForDrug === drugName);
  const other = ref.drugsByHcpcs.get(entered)?.[0]?.row;
  const correctRow = ref.drugsByHcpcs.get(correct)?.[0]?.row;
  const correctText = correctRow ? `${correct} (${correctRow.descriptor})` : correct;
  let message: string;
  if (known) message = `${entered} is not the code for ${drugName}: ${known.explanation}`;
  else if (other) message = `${entered} is ${other.drug} (${other.descriptor}), not ${drugName}; ${drugName} is billed as ${correctText}.`;
  else message = `${entered} is not the code for ${drugName}; ${drugName} is billed as ${correctText}.`;
  const f: Finding = {
    rule: "R-HCPCS",
    category: "code",
    severity: "error",
    message,
    suggestedFix: { action: `Bill ${drugName} as ${correct}.` },
    source: known ? known.source : RULES["R-HCPCS"].source,
  };
  if (line !== undefined) f.line = line;
  return f;
}

function regimenText(r: { doseMgMilli: number | null; doseMgPerKgMilli: number | null; everyWeeks: number | null }): string {
  const dose = r.doseMgMilli !== null ? formatMg(r.doseMgMilli) : `${formatMilli(r.doseMgPerKgMilli ?? 0)} mg/kg`;
  return r.everyWeeks ? `${dose} q${r.everyWeeks}w` : dose;
}

/** The phases of a drug's regimen in label order, with the cycles each covers (null end = open). */
export function regimenPhases(ind: PreparedIndication, drug: string, band: "at_or_above" | "below"): { phase: string; from: number; to: number | null }[] {
  const out: { phase: string; from: number; to: number | null }[] = [];
  let next: number | null = 1;
  for (const r of ind.regimens) {
    if (r.drug !== drug || r.weightBand !== band || out.some((p) => p.phase === r.phase)) continue;
    const from: number | null = next;
    const to: number | null = from !== null && r.maxCycles !== null ? from + r.maxCycles - 1 : null;
    out.push({ phase: r.phase, from: from ?? 0, to });
    next = to === null ? null : to + 1;
  }
  return out;
}

function cycleRange(p: { from: number; to: number | null }): string {
  return p.to === null ? `cycle ${p.from} on` : p.from === p.to ? `cycle ${p.from}` : `cycles ${p.from}–${p.to}`;
}

function checkDose(ctx: BuildContext, d: TDrugInput, drug: PreparedDrug, label: string, administeredMilli: number, options: VialOption[]): void {
  const { ref, indication, weightMilli, payer } = ctx;
  const perKg = "mgPerKg" in d.orderedDose ? (numberToMilli(d.orderedDose.mgPerKg) ?? 0) : null;
  const fixed = "mg" in d.orderedDose ? (numberToMilli(d.orderedDose.mg) ?? 0) : null;
  const orderedMilli = fixed ?? mulDivRound(perKg ?? 0, weightMilli, 1000);
  const ind = indication && indication.row.status !== "compendia" ? indication : null;
  const threshold = ind?.thresholdKgMilli ?? ref.weightThresholdByDrug.get(d.drug);
  const kg = formatMilli(weightMilli);
  if (threshold !== undefined) {
    const band = weightMilli >= threshold ? "at_or_above" : "below";
    const all = ind ? ind.regimens.filter((r) => r.drug === d.drug && r.weightBand === band) : [];
    // The order's phase (given, or derived from the cycle number) picks the regimen the dose is checked against.
    const phases = ind ? regimenPhases(ind, d.drug, band) : [];
    let phase = d.phase !== undefined ? phases.find((p) => p.phase === d.phase) : undefined;
    if (phase && d.cycle !== undefined && (d.cycle < phase.from || (phase.to !== null && d.cycle > phase.to))) {
      const fits = phases.find((p) => d.cycle! >= p.from && (p.to === null || d.cycle! <= p.to));
      pushFinding(ctx, {
        rule: "R-DOSE",
        category: "weight",
        severity: "warning",
        message: `${label}: cycle ${d.cycle} is outside the ${phase.phase} phase of “${ind!.row.name}” (${cycleRange(phase)})${fits ? `; by the label it belongs to ${fits.phase}` : ""}.`,
        suggestedFix: { action: "Check the order's phase and the cycle number of this infusion." },
        source: RULES["R-DOSE"].source,
      });
    }
    if (!phase && d.phase === undefined && d.cycle !== undefined && phases.length > 1) {
      phase = phases.find((p) => d.cycle! >= p.from && (p.to === null || d.cycle! <= p.to));
    }
    const regimens = phase ? all.filter((r) => r.phase === phase!.phase) : all;
    const phaseText = phase && phases.length > 1 ? ` ${phase.phase} phase (${cycleRange(phase)})` : "";
    const thresholdText = `${formatMilli(threshold)} kg`;
    if (band === "below" && fixed !== null) {
      const wb = regimens.find((r) => r.doseMgPerKgMilli !== null) ?? all.find((r) => r.doseMgPerKgMilli !== null);
      const hint = wb ? `: ${formatMilli(wb.doseMgPerKgMilli!)} mg/kg × ${kg} kg = ${formatMg(mulDivRound(wb.doseMgPerKgMilli!, weightMilli, 1000))}` : "";
      const reason = d.weightDoseOverrideReason;
      const wbMilli = wb ? mulDivRound(wb.doseMgPerKgMilli!, weightMilli, 1000) : 0;
      pushFinding(ctx, {
        rule: "R-WEIGHT",
        category: "weight",
        severity: reason ? "warning" : "error",
        message: reason
          ? `${label}: the patient weighs ${kg} kg, below ${thresholdText}, where the US label doses by weight${hint}; the order is a fixed ${formatMg(fixed)} with the clinician's documented reason: “${reason}”.`
          : `${label}: the patient weighs ${kg} kg, below ${thresholdText}, so the US label doses by weight${hint}; the order is a fixed ${formatMg(fixed)}${wbMilli > 0 ? `, ${formatMilli(Math.round((fixed * 10) / wbMilli) * 100)} times that dose` : ""}.`,
        suggestedFix: {
          action: reason ? "Keep the clinician's reason with the record; the payer may ask for it." : "Correct the order to the weight-based dose, or have the clinician document the reason for the fixed dose on the order.",
        },
        source: RULES["R-WEIGHT"].source,
      });
    } else if (regimens.length > 0) {
      const match = regimens.some((r) => (fixed !== null ? r.doseMgMilli === fixed : r.doseMgPerKgMilli === perKg));
      if (!match) {
        const kindMismatch = fixed === null && !regimens.some((r) => r.doseMgPerKgMilli !== null);
        const elsewhere = phase ? all.filter((r) => r.phase !== phase!.phase && (fixed !== null ? r.doseMgMilli === fixed : r.doseMgPerKgMilli === perKg)) : [];
        const other = elsewhere[0] ? phases.find((p) => p.phase === elsewhere[0]!.phase) : undefined;
        pushFinding(ctx, {
          rule: kindMismatch ? "R-WEIGHT" : "R-DOSE",
          category: "weight",
          severity: "warning",
          message: kindMismatch
            ? `${label}: the patient weighs ${kg} kg (≥ ${thresholdText}), where the label dose for “${ind!.row.name}”${phaseText} is fixed (${regimens.map(regimenText).join(" or ")}); the order is ${formatMilli(perKg!)} mg/kg = ${formatMg(orderedMilli)}.`
            : `${label}: the ordered ${fixed !== null ? formatMg(fixed) : `${formatMilli(perKg!)} mg/kg`} is not a labelled dose for “${ind!.row.name}”${phaseText} at ${band === "below" ? "<" : "≥"} ${thresholdText} (labelled: ${regimens.map(regimenText).join(", ")})${other && elsewhere[0] ? `; ${regimenText(elsewhere[0])} is the ${other.phase} dose (${cycleRange(other)})` : ""}.`,
          suggestedFix: { action: "Check the order against the label phase; document the clinical reason for a non-label dose." },
          source: RULES[kindMismatch ? "R-WEIGHT" : "R-DOSE"].source,
        });
      }
    }
  }
  // Administered vs ordered
  const diff = Math.abs(administeredMilli - orderedMilli);
  const pct = payer.doseRoundingPercent ?? 0;
  if (orderedMilli > 0 && diff >= drug.unitMilli && diff * 100 > pct * orderedMilli) {
    pushFinding(ctx, {
      rule: "R-DOSE",
      category: "documentation",
      severity: "warning",
      message: `${label}: ${formatMg(administeredMilli)} administered differs from the ordered ${formatMg(orderedMilli)} by ${formatMg(diff)}.`,
      suggestedFix: { action: "Check the administered amount against the order; bill what was administered." },
      source: RULES["R-DOSE"].source,
    });
  }
  // Optional payer dose rounding to whole vials
  if (payer.doseRoundingPercent && orderedMilli > 0) {
    const up = chooseVials(orderedMilli, options)?.totalMgMilli ?? 0;
    if (up !== orderedMilli) {
      const down = largestVialAmountAtMost(orderedMilli, options);
      const within = (x: number) => x > 0 && Math.abs(x - orderedMilli) * 100 <= payer.doseRoundingPercent! * orderedMilli;
      const cands = [up, down].filter(within).sort((a, b) => Math.abs(a - orderedMilli) - Math.abs(b - orderedMilli));
      if (cands.length > 0) {
        const target = cands[0]!;
        const pctText = ((Math.abs(target - orderedMilli) * 1000) / orderedMilli / 10).toFixed(1);
        pushFinding(ctx, {
          rule: "R-VIAL",
          category: "vial",
          severity: "info",
          message: `${label}: the payer allows rounding the dose to a whole vial within ±${pct}%: ${formatMg(orderedMilli)} → ${formatMg(target)} (${target > orderedMilli ? "+" : "−"}${pctText}%) leaves no waste.`,
          suggestedFix: { action: `Ask the prescriber whether to round the dose to ${formatMg(target)}.` },
          source: RULES["R-VIAL"].source,
        });
      }
    }
  }
  // Duration
  if (ind) {
    const row = ind.row;
    if (row.maxDurationMonths !== null && d.firstDoseDate !== undefined) {
      const last = addMonths(d.firstDoseDate, row.maxDurationMonths);
      if (ctx.dos > last) {
        pushFinding(ctx, {
          rule: "R-DURATION",
          category: "duration",
          severity: "warning",
          message: `${label}: the date of service ${formatDate(ctx.dos)} is beyond the labelled maximum of ${row.maxDurationMonths} months for “${row.name}” (first dose ${formatDate(d.firstDoseDate)}, limit ${formatDate(last)}).`,
          suggestedFix: { action: "Check the treatment plan; a payer will usually need documentation or a new authorization to continue." },
          source: RULES["R-DURATION"].source,
        });
      }
    }
    const maxCycles = row.maxCycles[d.drug];
    if (maxCycles !== undefined && d.cycle !== undefined && d.cycle > maxCycles) {
      pushFinding(ctx, {
        rule: "R-DURATION",
        category: "duration",
        severity: "warning",
        message: `${label}: cycle ${d.cycle} exceeds the labelled maximum of ${maxCycles} ${d.drug} cycles for “${row.name}”.`,
        suggestedFix: { action: "Check the cycle number and the treatment plan." },
        source: RULES["R-DURATION"].source,
      });
    }
  }
}

export { formatNdc11 };
