/**
 * How values of audit snapshots read in a sentence: field names become words with their unit, and a
 * change is "weight 78 → 76 kg". Pure; used by the episode timeline.
 */
import { formatDate } from "@/server/domain/format";

export interface FieldLabel {
  label: string;
  unit?: string;
}

/**
 * Fields of orders, administrations and infusion documentation that people care about, in the
 * order a change lists them. Fields not named here are bookkeeping (ids, versions, timestamps) and
 * are left out of change descriptions.
 */
export const FIELD_LABELS: Readonly<Record<string, FieldLabel>> = {
  // infusion documentation
  actualDate: { label: "date given" },
  weightKg: { label: "weight", unit: "kg" },
  mgAdministered: { label: "administered", unit: "mg" },
  mgDiscarded: { label: "discarded", unit: "mg" },
  wasteTime: { label: "waste time" },
  wasteWitness: { label: "waste witness" },
  infusionStart: { label: "infusion start" },
  infusionStop: { label: "infusion stop" },
  nurseName: { label: "nurse" },
  acquisition: { label: "drug acquired" },
  vials: { label: "vials" },
  combination: { label: "tremelimumab" },
  // orders
  indicationId: { label: "indication" },
  diagnoses: { label: "diagnoses" },
  phases: { label: "regimen" },
  durationMonths: { label: "duration", unit: "months" },
  startDate: { label: "start date" },
  orderingProviderId: { label: "ordering provider" },
  locationId: { label: "location" },
  // administrations
  plannedDate: { label: "planned date" },
  notes: { label: "notes" },
};

/** Fields holding a calendar date: shown MM/DD/YYYY like every date of the app. */
const DATE_FIELDS = new Set(["actualDate", "startDate", "plannedDate"]);

const ACQUISITION_WORDS: Record<string, string> = {
  purchased: "purchased",
  free_manufacturer_program: "free (manufacturer program)",
};

/** One value as short text; null for "nothing". */
export function valueText(field: string, v: unknown): string | null {
  if (v === null || v === undefined || v === "") return null;
  if (DATE_FIELDS.has(field) && typeof v === "string") return formatDate(v);
  if (field === "acquisition" && typeof v === "string") return ACQUISITION_WORDS[v] ?? v.replace(/_/g, " ");
  if (field === "vials" && Array.isArray(v)) return vialsText(v);
  if (field === "phases" && Array.isArray(v)) return phasesText(v);
  if (field === "orderingProviderId" || field === "locationId") return "changed";
  if (Array.isArray(v)) return v.map((x) => valueText("", x) ?? "—").join(", ");
  if (typeof v === "object") return "changed";
  return String(v);
}

function vialsText(v: unknown[]): string {
  if (v.length === 0) return "none";
  return v
    .map((x) => {
      if (!x || typeof x !== "object") return String(x);
      const r = x as Record<string, unknown>;
      const ndc = typeof r.ndc11 === "string" ? ndcText(r.ndc11) : typeof r.ndc === "string" ? r.ndc : "?";
      const count = typeof r.count === "number" ? r.count : 1;
      const lot = typeof r.lotNumber === "string" && r.lotNumber ? ` lot ${r.lotNumber}` : "";
      return `${count} × ${ndc}${lot}`;
    })
    .join(", ");
}

/** An 11-digit NDC as the 5-4-2 billing format. */
function ndcText(v: string): string {
  return /^\d{11}$/.test(v) ? `${v.slice(0, 5)}-${v.slice(5, 9)}-${v.slice(9)}` : v;
}

function phasesText(v: unknown[]): string {
  return v
    .map((x) => {
      if (!x || typeof x !== "object") return String(x);
      const p = x as Record<string, unknown>;
      const unit = p.doseKind === "per_kg" ? "mg/kg" : "mg";
      const cycles = typeof p.cycles === "number" ? ` ×${p.cycles}` : "";
      return `${String(p.doseAmount)} ${unit} ${String(p.frequency)}${cycles}`;
    })
    .join(" → ");
}

function sameValue(a: unknown, b: unknown): boolean {
  return stableJson(a ?? null) === stableJson(b ?? null);
}

function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}

/** "weight 78 → 76 kg"; a field that was empty reads "nurse set to R. Diaz", one cleared "notes cleared". */
export function changeText(field: string, before: unknown, after: unknown): string {
  const f = FIELD_LABELS[field] ?? { label: humanize(field) };
  const b = valueText(field, before);
  const a = valueText(field, after);
  const unit = f.unit ? ` ${f.unit}` : "";
  if (field === "notes") return b === null ? "notes added" : a === null ? "notes cleared" : "notes changed";
  if (a === "changed" || b === "changed") return `${f.label} changed`;
  if (b === null && a !== null) return `${f.label} set to ${a}${unit}`;
  if (a === null && b !== null) return `${f.label} cleared (was ${b}${unit})`;
  return `${f.label} ${b} → ${a}${unit}`;
}

/**
 * The changes between two snapshots, for the fields of FIELD_LABELS present in either, in that
 * order. Snapshots that are not objects give no changes.
 */
export function describeChanges(before: unknown, after: unknown): string[] {
  const b = asRecord(before);
  const a = asRecord(after);
  if (!b || !a) return [];
  const out: string[] = [];
  for (const field of Object.keys(FIELD_LABELS)) {
    if (!(field in a) && !(field in b)) continue;
    // A field only in `after` of an update is a change from nothing; only in `before` is not informative.
    if (!(field in a)) continue;
    if (sameValue(b[field], a[field])) continue;
    if (field === "vials" && Array.isArray(b[field]) && Array.isArray(a[field])) out.push(...vialChanges(b[field] as unknown[], a[field] as unknown[]));
    else out.push(changeText(field, b[field], a[field]));
  }
  return out;
}

const VIAL_FIELDS: readonly [key: string, label: string][] = [
  ["ndc11", "NDC"],
  ["lotNumber", "lot"],
  ["expiryDate", "expiry"],
  ["count", "count"],
];

/**
 * Vial lines compared position by position: every changed field of a line, old → new ("vial 1 expiry
 * 08/31/2026 → 08/31/2027"), and lines added or removed with what they held.
 */
export function vialChanges(before: readonly unknown[], after: readonly unknown[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    const b = asRecord(before[i]);
    const a = asRecord(after[i]);
    if (!a && b) out.push(`vial ${i + 1} removed (was ${vialsText([b])})`);
    else if (a && !b) out.push(`vial ${i + 1} added: ${vialsText([a])}`);
    else if (a && b) {
      for (const [key, label] of VIAL_FIELDS) {
        const from = b[key] ?? (key === "ndc11" ? b.ndc : undefined);
        const to = a[key] ?? (key === "ndc11" ? a.ndc : undefined);
        if (sameValue(from, to)) continue;
        const show = (v: unknown) => (typeof v !== "string" ? v : key === "ndc11" ? ndcText(v) : key === "expiryDate" ? formatDate(v) : v);
        const f = from === null || from === undefined || from === "" ? "none" : String(show(from) as string | number);
        const t = to === null || to === undefined || to === "" ? "none" : String(show(to) as string | number);
        out.push(`vial ${i + 1} ${label} ${f} → ${t}`);
      }
    }
  }
  return out;
}

/** "mark_not_given" → "mark not given"; "mgAdministered" → "mg administered". */
export function humanize(key: string): string {
  return key
    .replace(/[_.-]+/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .trim();
}

export function asRecord(v: unknown): Record<string, unknown> | null {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

export function str(v: unknown): string | null {
  return typeof v === "string" && v.trim() !== "" ? v : typeof v === "number" ? String(v) : null;
}
