/**
 * Vials on the documentation page: the catalog of finished packages a nurse can pick or scan, what
 * the opened vials hold, and the engine's least-waste suggestion for the dose (R-VIAL).
 */
import { vialOptionsFor } from "@/server/domain/billing";
import { formatMilli } from "@/server/domain/billing/exact";
import { checkNdc, formatNdc11 } from "@/server/domain/billing/ndc";
import type { PreparedReference } from "@/server/domain/billing/prepare";
import { chooseVials } from "@/server/domain/billing/vials";
import { DOCUMENTED_DRUGS, type DocumentedDrug } from "./codes";
import type { VialEntry } from "./types";

export interface PackageInfo {
  ndc11: string;
  /** 00310-4611-50 */
  ndc542: string;
  /** as printed on the label, e.g. 0310-4611-50 */
  labelNdc: string;
  drug: DocumentedDrug;
  hcpcs: string;
  description: string;
  mg: string;
  ml: string;
  billableUnits: number;
}

function isDocumentedDrug(d: string): d is DocumentedDrug {
  return (DOCUMENTED_DRUGS as readonly string[]).includes(d);
}

/** Finished, billable packages of the documented drugs in force on `date`, larger first. */
export function packageCatalog(ref: PreparedReference, date: string): PackageInfo[] {
  const out: PackageInfo[] = [];
  for (const drug of DOCUMENTED_DRUGS) {
    const hcpcs = ref.drugsByName.get(drug)?.[0]?.row.hcpcs;
    if (!hcpcs) continue;
    const options = new Set(vialOptionsFor(ref, hcpcs, date).map((o) => o.ndc11));
    for (const p of ref.packagesByHcpcs.get(hcpcs) ?? []) {
      if (!options.has(p.ndc11) || !isDocumentedDrug(p.row.drug)) continue;
      out.push({
        ndc11: p.ndc11,
        ndc542: formatNdc11(p.ndc11),
        labelNdc: p.row.labelNdc,
        drug: p.row.drug,
        hcpcs,
        description: p.row.description,
        mg: formatMilli(p.mgMilli),
        ml: formatMilli(p.mlMilli),
        billableUnits: p.billableUnits,
      });
    }
  }
  return out;
}

export type VialNdcCheck = { ok: true; ndc11: string; drug: DocumentedDrug; description: string } | { ok: false; message: string };

/**
 * An NDC as entered (4-4-2, 5-3-2, 5-4-1, hyphenated or not, or a scanned 11-digit code) checked
 * against the crosswalk on `date`: it must be a finished package of durvalumab or its combination drug.
 */
export function checkVialNdc(ref: PreparedReference, entered: string, date: string): VialNdcCheck {
  const c = checkNdc(ref, entered, date);
  if (!c.ok) return { ok: false, message: c.message };
  const drug = c.pkg.row.drug;
  if (!isDocumentedDrug(drug)) {
    return { ok: false, message: `NDC ${formatNdc11(c.ndc11)} is ${drug} (${c.pkg.row.description}), not durvalumab or tremelimumab.` };
  }
  return { ok: true, ndc11: c.ndc11, drug, description: c.pkg.row.description };
}

export interface OpenedTotals {
  mgMilli: number;
  units: number;
  vialCount: number;
  /** false when some NDC is not a known package (totals then cover the known ones only) */
  complete: boolean;
  groups: { ndc11: string; count: number; mgMilli: number; billableUnits: number; description: string }[];
}

/** What the opened vials of one drug hold, larger packages first (the engine's consumption order). */
export function openedTotals(ref: PreparedReference, vials: readonly VialEntry[], drug: DocumentedDrug): OpenedTotals {
  const out: OpenedTotals = { mgMilli: 0, units: 0, vialCount: 0, complete: true, groups: [] };
  for (const v of vials) {
    if (v.drug !== drug) continue;
    const pkg = ref.packagesByNdc.get(v.ndc11)?.[0];
    if (!pkg || pkg.mgMilli === 0) {
      out.complete = false;
      continue;
    }
    const g = out.groups.find((x) => x.ndc11 === v.ndc11);
    if (g) g.count += v.count;
    else out.groups.push({ ndc11: v.ndc11, count: v.count, mgMilli: pkg.mgMilli, billableUnits: pkg.billableUnits, description: pkg.row.description });
    out.mgMilli += v.count * pkg.mgMilli;
    out.units += v.count * pkg.billableUnits;
    out.vialCount += v.count;
  }
  out.groups.sort((a, b) => b.mgMilli - a.mgMilli);
  return out;
}

export interface SuggestedVials {
  drug: DocumentedDrug;
  /** the amount the suggestion covers, exact decimal mg */
  forMg: string;
  vials: { ndc11: string; count: number; mg: string; billableUnits: number; description: string }[];
  totalMg: string;
  totalUnits: number;
  /** "1 × 500 mg + 2 × 120 mg" */
  text: string;
}

/** The engine's least-waste combination (ties: fewest vials) covering `doseMilli` on `date`. */
export function suggestVials(ref: PreparedReference, drug: DocumentedDrug, doseMilli: number, date: string): SuggestedVials | null {
  const hcpcs = ref.drugsByName.get(drug)?.[0]?.row.hcpcs;
  if (!hcpcs || doseMilli <= 0) return null;
  const choice = chooseVials(doseMilli, vialOptionsFor(ref, hcpcs, date));
  if (!choice) return null;
  const vials = choice.vials.map((v) => ({
    ndc11: v.ndc11,
    count: v.count,
    mg: formatMilli(v.mgMilli),
    billableUnits: v.billableUnits,
    description: ref.packagesByNdc.get(v.ndc11)?.[0]?.row.description ?? formatNdc11(v.ndc11),
  }));
  return {
    drug,
    forMg: formatMilli(doseMilli),
    vials,
    totalMg: formatMilli(choice.totalMgMilli),
    totalUnits: choice.totalUnits,
    text: vials.map((v) => `${v.count} × ${v.mg} mg`).join(" + "),
  };
}
