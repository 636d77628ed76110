/**
 * Indexes ReferenceData once so that a preview does map look-ups only (no linear scans).
 * The result is immutable in use; build it at start-up and share it between requests.
 */
import { inForce } from "./dates";
import { parseMilli } from "./exact";
import type {
  ReferenceData,
  TAdjustmentCodeRow,
  TAdminCodeRow,
  TAspPriceRow,
  TClaimFrequencyRow,
  TDrugRow,
  TEmCodeRow,
  TModifierRuleRow,
  TIcd10Row,
  TIndicationRow,
  TModifierRow,
  TNdcPackageRow,
  TPayerProfileRow,
  TPlaceOfServiceRow,
  TRevenueCodeRow,
  TWrongCodeRow,
} from "./reference";

export interface PreparedDrug {
  row: TDrugRow;
  /** amount of drug per billing unit, thousandths of a mg */
  unitMilli: number;
}

export interface PreparedPackage {
  row: TNdcPackageRow;
  ndc11: string;
  /** thousandths of a mg in one package; 0 when unknown (bulk) */
  mgMilli: number;
  /** thousandths of a mL in one package; 0 when unknown */
  mlMilli: number;
  billableUnits: number;
}

export interface PreparedRegimen {
  drug: string;
  weightBand: "at_or_above" | "below";
  phase: string;
  doseMgMilli: number | null;
  doseMgPerKgMilli: number | null;
  everyWeeks: number | null;
  maxCycles: number | null;
}

export interface PreparedIndication {
  row: TIndicationRow;
  thresholdKgMilli: number;
  regimens: PreparedRegimen[];
  /** ICD prefixes without dots */
  prefixes: string[];
}

export interface PreparedReference {
  raw: ReferenceData;
  drugsByName: Map<string, PreparedDrug[]>;
  drugsByHcpcs: Map<string, PreparedDrug[]>;
  packagesByNdc: Map<string, PreparedPackage[]>;
  /** finished packages by HCPCS, larger packages first */
  packagesByHcpcs: Map<string, PreparedPackage[]>;
  wrongCodesByCode: Map<string, TWrongCodeRow[]>;
  /** keyed by the code without the dot */
  icdByCode: Map<string, TIcd10Row[]>;
  /** billable codes under a non-billable prefix (no dots), for suggestions */
  icdBillableChildren: Map<string, string[]>;
  indicationsById: Map<string, PreparedIndication>;
  /** keyed by ICD prefix without dots */
  indicationsByPrefix: Map<string, PreparedIndication[]>;
  maxIndicationPrefixLength: number;
  adminByRole: Map<string, TAdminCodeRow[]>;
  adminByCode: Map<string, TAdminCodeRow[]>;
  modifiersByCode: Map<string, TModifierRow[]>;
  modifiersByRole: Map<string, TModifierRow[]>;
  posByCode: Map<string, TPlaceOfServiceRow[]>;
  revenueByUse: Map<string, TRevenueCodeRow[]>;
  frequencies: Map<string, TClaimFrequencyRow>;
  adjustmentCodes: Map<string, TAdjustmentCodeRow[]>;
  payerProfilesById: Map<string, TPayerProfileRow[]>;
  payerProfilesByKind: Map<string, TPayerProfileRow[]>;
  aspByHcpcs: Map<string, TAspPriceRow[]>;
  /** weight threshold (thousandths of a kg) of the drug's labelled indications, for when no indication is known */
  weightThresholdByDrug: Map<string, number>;
  /** admin code rows by family, then role */
  adminRoles: Map<string, Map<string, TAdminCodeRow[]>>;
  /** modifier rules by role, rows naming a site first (more specific), then in file order */
  modifierRulesByRole: Map<string, TModifierRuleRow[]>;
  emByCode: Map<string, TEmCodeRow[]>;
  /**
   * Memo tables for pure look-ups that depend only on this reference data and their key
   * (NDC checks, vial choices, diagnosis results). Bounded; cleared when full.
   */
  cache: Map<string, Map<string, unknown>>;
}

const CACHE_LIMIT = 20_000;

/** Memoised pure computation keyed within a named table of the prepared reference. */
export function memo<T>(ref: PreparedReference, table: string, key: string, compute: () => T): T {
  let m = ref.cache.get(table);
  if (!m) {
    m = new Map();
    ref.cache.set(table, m);
  }
  const hit = m.get(key);
  if (hit !== undefined) return hit as T;
  const value = compute();
  if (m.size >= CACHE_LIMIT) m.clear();
  m.set(key, value);
  return value;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function stripDot(code: string): string {
  return code.replace(".", "").toUpperCase();
}

export function prepareReference(ref: ReferenceData): PreparedReference {
  const p: PreparedReference = {
    raw: ref,
    drugsByName: new Map(),
    drugsByHcpcs: new Map(),
    packagesByNdc: new Map(),
    packagesByHcpcs: new Map(),
    wrongCodesByCode: new Map(),
    icdByCode: new Map(),
    icdBillableChildren: new Map(),
    indicationsById: new Map(),
    indicationsByPrefix: new Map(),
    maxIndicationPrefixLength: 0,
    adminByRole: new Map(),
    adminByCode: new Map(),
    modifiersByCode: new Map(),
    modifiersByRole: new Map(),
    posByCode: new Map(),
    revenueByUse: new Map(),
    frequencies: new Map(),
    adjustmentCodes: new Map(),
    payerProfilesById: new Map(),
    payerProfilesByKind: new Map(),
    aspByHcpcs: new Map(),
    weightThresholdByDrug: new Map(),
    adminRoles: new Map(),
    modifierRulesByRole: new Map(),
    emByCode: new Map(),
    cache: new Map(),
  };
  for (const row of ref.drugs) {
    const d: PreparedDrug = { row, unitMilli: parseMilli(row.unitAmount) };
    push(p.drugsByName, row.drug, d);
    push(p.drugsByHcpcs, row.hcpcs, d);
  }
  for (const row of ref.ndcPackages) {
    const pkg: PreparedPackage = {
      row,
      ndc11: row.ndc11,
      mgMilli: row.packageMg === null ? 0 : parseMilli(row.packageMg),
      mlMilli: row.packageMl === null ? 0 : parseMilli(row.packageMl),
      billableUnits: row.billableUnits ?? 0,
    };
    push(p.packagesByNdc, row.ndc11, pkg);
    if (row.status === "finished" && row.hcpcs !== null) push(p.packagesByHcpcs, row.hcpcs, pkg);
  }
  for (const list of p.packagesByHcpcs.values()) list.sort((a, b) => b.mgMilli - a.mgMilli);
  for (const row of ref.wrongCodes) push(p.wrongCodesByCode, row.code, row);
  for (const row of ref.icd10Codes) push(p.icdByCode, stripDot(row.code), row);
  for (const row of ref.icd10Codes) {
    if (!row.billable) continue;
    const code = stripDot(row.code);
    for (let len = 3; len < code.length; len++) push(p.icdBillableChildren, code.slice(0, len), row.code);
  }
  for (const row of ref.indications) {
    const ind: PreparedIndication = {
      row,
      thresholdKgMilli: parseMilli(row.weightThresholdKg),
      prefixes: row.icd10Prefixes.map(stripDot),
      regimens: row.regimens.map((r) => ({
        drug: r.drug,
        weightBand: r.weightBand,
        phase: r.phase,
        doseMgMilli: r.doseMg === null ? null : parseMilli(r.doseMg),
        doseMgPerKgMilli: r.doseMgPerKg === null ? null : parseMilli(r.doseMgPerKg),
        everyWeeks: r.everyWeeks,
        maxCycles: r.maxCycles,
      })),
    };
    p.indicationsById.set(row.id, ind);
    if (row.status === "labelled") for (const d of row.drugs) if (!p.weightThresholdByDrug.has(d)) p.weightThresholdByDrug.set(d, ind.thresholdKgMilli);
    for (const prefix of ind.prefixes) {
      push(p.indicationsByPrefix, prefix, ind);
      p.maxIndicationPrefixLength = Math.max(p.maxIndicationPrefixLength, prefix.length);
    }
  }
  for (const row of ref.adminCodes) {
    push(p.adminByRole, `${row.family}:${row.role}`, row);
    let fam = p.adminRoles.get(row.family);
    if (!fam) p.adminRoles.set(row.family, (fam = new Map()));
    push(fam, row.role, row);
    push(p.adminByCode, row.code, row);
  }
  for (const row of ref.modifiers) {
    push(p.modifiersByCode, row.code, row);
    push(p.modifiersByRole, row.role, row);
  }
  for (const row of ref.placesOfService) push(p.posByCode, row.code, row);
  for (const row of ref.revenueCodes) push(p.revenueByUse, row.use, row);
  for (const row of ref.claimFrequencies) p.frequencies.set(row.frequency, row);
  for (const row of ref.adjustmentCodes) push(p.adjustmentCodes, `${row.type}:${row.code}`, row);
  for (const row of ref.payerProfiles) {
    push(p.payerProfilesById, row.id, row);
    push(p.payerProfilesByKind, row.kind, row);
  }
  for (const row of ref.aspPrices) push(p.aspByHcpcs, row.hcpcs, row);
  for (const row of ref.modifierRules) push(p.modifierRulesByRole, row.role, row);
  for (const list of p.modifierRulesByRole.values()) list.sort((a, b) => Number(b.sites.length > 0) - Number(a.sites.length > 0));
  for (const row of ref.emCodes) push(p.emByCode, row.code, row);
  return p;
}

/** First row in force on `dos`, or undefined. */
export function pick<T extends { effectiveFrom?: string | null; effectiveTo?: string | null }>(
  rows: readonly T[] | undefined,
  dos: string,
): T | undefined {
  if (!rows) return undefined;
  for (const r of rows) if (inForce(r, dos)) return r;
  return undefined;
}

export function pickWith<T>(rows: readonly T[] | undefined, dos: string, rowOf: (t: T) => { effectiveFrom?: string | null; effectiveTo?: string | null }): T | undefined {
  if (!rows) return undefined;
  for (const r of rows) if (inForce(rowOf(r), dos)) return r;
  return undefined;
}

/** Modifier code for a role (waste -> JW, zero_waste -> JZ, free_drug -> FB) in force on `dos`. */
export function modifierFor(ref: PreparedReference, role: string, dos: string): string | undefined {
  return pick(ref.modifiersByRole.get(role), dos)?.code;
}

/** Medicare payment limit per billing unit (thousandths of a dollar) for HCPCS on `dos`. */
export function paymentLimitFor(ref: PreparedReference, hcpcs: string, dos: string): { limitMilliDollars: number; row: TAspPriceRow } | undefined {
  const row = pick(ref.aspByHcpcs.get(hcpcs), dos);
  return row ? { limitMilliDollars: parseMilli(row.paymentLimit), row } : undefined;
}

export interface ModifierRuleContext {
  claimType: "professional" | "institutional";
  policy?: string | null;
  entityType?: string | undefined;
  site?: string | undefined;
}

/** The modifier rule in force on `dos` for a role in this context (most specific first), or undefined. */
export function modifierRuleFor(ref: PreparedReference, role: "340b" | "hospital_site", ctx: ModifierRuleContext, dos: string): TModifierRuleRow | undefined {
  const rows = ref.modifierRulesByRole.get(role);
  if (!rows) return undefined;
  for (const r of rows) {
    if (!inForce(r, dos)) continue;
    if (!r.claimTypes.includes(ctx.claimType)) continue;
    if (role === "340b" && r.policy !== ctx.policy) continue;
    if (r.sites.length > 0 && (ctx.site === undefined || !r.sites.includes(ctx.site as never))) continue;
    if (r.entityTypes.length > 0 && (ctx.entityType === undefined || !r.entityTypes.includes(ctx.entityType as never))) continue;
    return r;
  }
  return undefined;
}
