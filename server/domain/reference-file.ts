/**
 * Reference-file versions: an admin downloads a reference table as CSV, edits it (or takes the new
 * quarterly file), and uploads it. The upload is parsed and validated row by row, compared with the
 * table in force, and shown as a preview; nothing changes until the admin confirms.
 * Pure: the caller passes the current rows and the file text.
 */
import type { z } from "zod";
import { referenceTableSchemas, validateReferenceData, type ReferenceData, type ReferenceTable } from "./billing/reference";
import { csvCellText, quoteCsvField } from "./csv";
import { parseCsv, unguardCell } from "./csv-parse";

export interface ReferenceTableSpec {
  key: ReferenceTable;
  label: string;
  /** Columns that identify a row across versions. */
  naturalKey: readonly string[];
}

export const REFERENCE_TABLE_SPECS: readonly ReferenceTableSpec[] = [
  { key: "drugs", label: "Drug catalog (HCPCS)", naturalKey: ["hcpcs", "effectiveFrom"] },
  { key: "ndcPackages", label: "NDC packages (crosswalk)", naturalKey: ["ndc11", "effectiveFrom"] },
  { key: "aspPrices", label: "ASP payment limits", naturalKey: ["hcpcs", "quarter"] },
  { key: "wrongCodes", label: "Known wrong codes", naturalKey: ["code", "usedForDrug"] },
  { key: "icd10Codes", label: "ICD-10-CM codes", naturalKey: ["code", "effectiveFrom"] },
  { key: "indications", label: "Indications and regimens", naturalKey: ["id"] },
  { key: "adminCodes", label: "Administration codes", naturalKey: ["code", "effectiveFrom"] },
  { key: "modifiers", label: "Modifiers", naturalKey: ["code", "effectiveFrom"] },
  { key: "placesOfService", label: "Places of service", naturalKey: ["code"] },
  { key: "revenueCodes", label: "Revenue codes", naturalKey: ["code"] },
  { key: "claimFrequencies", label: "Claim frequencies", naturalKey: ["frequency"] },
  { key: "adjustmentCodes", label: "CARC / RARC codes", naturalKey: ["type", "code"] },
  { key: "payerProfiles", label: "Payer profile templates", naturalKey: ["id"] },
  { key: "denialRules", label: "Denial rules (CARC/RARC → category, action)", naturalKey: ["carc", "group", "rarc"] },
  { key: "modifierRules", label: "Modifier rules (340B, off-campus sites)", naturalKey: ["id"] },
  { key: "emCodes", label: "E/M visit codes", naturalKey: ["code", "effectiveFrom"] },
];

export function tableSpec(key: ReferenceTable): ReferenceTableSpec {
  const s = REFERENCE_TABLE_SPECS.find((t) => t.key === key);
  if (!s) throw new Error(`unknown reference table ${key}`);
  return s;
}

type Kind = "string" | "number" | "boolean" | "json" | "numberish";

/** What a column holds, read off the row schema (optional/nullable/pipe wrappers unwrapped). */
function kindOf(schema: z.ZodType): Kind {
  let def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  for (;;) {
    const t = def.type as string;
    if (t === "optional" || t === "nullable" || t === "default") def = (def.innerType as { _zod: { def: Record<string, unknown> } })._zod.def;
    else if (t === "pipe") def = (def.in as { _zod: { def: Record<string, unknown> } })._zod.def;
    else if (t === "number" || t === "int") return "number";
    else if (t === "boolean") return "boolean";
    else if (t === "array" || t === "object" || t === "record") return "json";
    else if (t === "union") return "numberish";
    else return "string";
  }
}

export function columnsOf(table: ReferenceTable): { name: string; kind: Kind }[] {
  const shape = (referenceTableSchemas[table] as unknown as z.ZodObject).shape as Record<string, z.ZodType>;
  return Object.entries(shape).map(([name, s]) => ({ name, kind: kindOf(s) }));
}

function cellValue(kind: Kind, raw: string): unknown {
  const text = unguardCell(raw).trim();
  if (text === "") return null;
  switch (kind) {
    case "number":
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text; // a non-number stays text, zod names it
    case "numberish":
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    case "boolean": {
      const l = text.toLowerCase();
      if (["true", "yes", "y", "1"].includes(l)) return true;
      if (["false", "no", "n", "0"].includes(l)) return false;
      return text;
    }
    case "json":
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    default:
      return text;
  }
}

function cellText(kind: Kind, v: unknown): string {
  if (v === null || v === undefined) return "";
  if (kind === "json") return JSON.stringify(v);
  return csvCellText(v as string | number | boolean);
}

/** A table as CSV with a header of the seed field names (JSON values as JSON text). */
export function referenceTableToCsv(table: ReferenceTable, rows: readonly Record<string, unknown>[]): string {
  const cols = columnsOf(table);
  const out = [cols.map((c) => c.name)];
  for (const r of rows) out.push(cols.map((c) => cellText(c.kind, r[c.name])));
  return out.map((cells) => `${cells.map(quoteCsvField).join(",")}\r\n`).join("");
}

export interface RowProblem {
  /** 1-based line in the uploaded file (0 for problems with the file as a whole). */
  line: number;
  field: string;
  message: string;
}

export interface RowChange {
  key: string;
  kind: "added" | "changed" | "removed";
  /** for "changed": field → [before, after] */
  fields?: Record<string, [unknown, unknown]>;
}

export interface UploadPreview {
  table: ReferenceTable;
  problems: RowProblem[];
  changes: RowChange[];
  counts: { current: number; uploaded: number; added: number; changed: number; removed: number; unchanged: number };
  /** Parsed rows, ready to store when there are no problems. */
  rows: Record<string, unknown>[];
}

const keyOf = (spec: ReferenceTableSpec, r: Record<string, unknown>) => spec.naturalKey.map((k) => String(r[k] ?? "")).join(" | ");
const same = (a: unknown, b: unknown) => JSON.stringify(canon(a)) === JSON.stringify(canon(b));
/** Exact decimals compare by value: "85.250" equals "85.25". */
function canon(v: unknown): unknown {
  if (typeof v === "string" && /^\d+\.\d+$/.test(v)) return v.replace(/\.?0+$/, "");
  if (Array.isArray(v)) return v.map(canon);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, canon(x)]));
  return v ?? null;
}

/**
 * Parses, validates and compares an uploaded version of one table with the current one. The whole
 * reference set is re-validated with the new table in place, so cross-table mistakes (an NDC for an
 * unknown HCPCS) are caught before anything is stored.
 */
export function previewReferenceUpload(
  table: ReferenceTable,
  csvText: string,
  current: ReferenceData,
  opts: { crossTableCheck?: boolean } = {},
): UploadPreview {
  const spec = tableSpec(table);
  const cols = columnsOf(table);
  const problems: RowProblem[] = [];
  const empty = (): UploadPreview => ({
    table,
    problems,
    changes: [],
    counts: { current: current[table].length, uploaded: 0, added: 0, changed: 0, removed: 0, unchanged: 0 },
    rows: [],
  });
  const parsed = parseCsv(csvText);
  if (parsed.error) {
    problems.push({ line: parsed.error.line, field: "", message: `Not a valid CSV file: ${parsed.error.message}.` });
    return empty();
  }
  const [header, ...body] = parsed.rows;
  if (!header) {
    problems.push({ line: 0, field: "", message: "The file is empty." });
    return empty();
  }
  const names = header.map((h) => h.trim());
  const known = new Set(cols.map((c) => c.name));
  const unknown = names.filter((n) => !known.has(n));
  const missing = cols.filter((c) => !names.includes(c.name)).map((c) => c.name);
  if (unknown.length) problems.push({ line: 1, field: unknown.join(", "), message: `Unknown column(s): ${unknown.join(", ")}. Expected: ${cols.map((c) => c.name).join(", ")}.` });
  if (missing.length) problems.push({ line: 1, field: missing.join(", "), message: `Missing column(s): ${missing.join(", ")}.` });
  if (problems.length) return empty();
  if (body.length === 0) {
    problems.push({ line: 0, field: "", message: "The file has a header but no rows; a reference table cannot be emptied by upload." });
    return empty();
  }

  const kinds = new Map(cols.map((c) => [c.name, c.kind]));
  const schema = referenceTableSchemas[table] as unknown as z.ZodType;
  const rows: Record<string, unknown>[] = [];
  const seen = new Map<string, number>();
  body.forEach((cells, i) => {
    const line = parsed.lines[i + 1]!;
    if (cells.length !== names.length) {
      problems.push({ line, field: "", message: `Row has ${cells.length} cells; the header has ${names.length}.` });
      return;
    }
    const obj: Record<string, unknown> = {};
    names.forEach((n, j) => (obj[n] = cellValue(kinds.get(n)!, cells[j]!)));
    const r = schema.safeParse(obj);
    if (!r.success) {
      for (const issue of r.error.issues) problems.push({ line, field: issue.path.join("."), message: issue.message });
      return;
    }
    const row = r.data as Record<string, unknown>;
    const k = keyOf(spec, row);
    const prev = seen.get(k);
    if (prev !== undefined) {
      problems.push({ line, field: spec.naturalKey.join("+"), message: `Duplicate of line ${prev} (${k}).` });
      return;
    }
    seen.set(k, line);
    rows.push(row);
  });

  if (problems.length === 0 && opts.crossTableCheck !== false) {
    const v = validateReferenceData({ ...current, [table]: rows });
    if (!v.ok) {
      for (const e of v.errors) {
        const line = e.table === table && e.row >= 0 ? parsed.lines[e.row + 1] ?? 0 : 0;
        problems.push({ line, field: e.field, message: e.table === table ? e.message : `${e.message} (in ${e.table}, which depends on this table)` });
      }
    }
  }

  const before = new Map(current[table].map((r) => [keyOf(spec, r as Record<string, unknown>), r as Record<string, unknown>]));
  const changes: RowChange[] = [];
  let unchanged = 0;
  for (const row of rows) {
    const k = keyOf(spec, row);
    const old = before.get(k);
    if (!old) {
      changes.push({ key: k, kind: "added" });
      continue;
    }
    const fields: Record<string, [unknown, unknown]> = {};
    for (const c of cols) if (!same(old[c.name], row[c.name])) fields[c.name] = [old[c.name] ?? null, row[c.name] ?? null];
    if (Object.keys(fields).length) changes.push({ key: k, kind: "changed", fields });
    else unchanged++;
    before.delete(k);
  }
  for (const k of before.keys()) changes.push({ key: k, kind: "removed" });
  const count = (kind: RowChange["kind"]) => changes.filter((c) => c.kind === kind).length;
  return {
    table,
    problems,
    changes,
    counts: { current: current[table].length, uploaded: rows.length, added: count("added"), changed: count("changed"), removed: count("removed"), unchanged },
    rows: problems.length ? [] : rows,
  };
}

/**
 * The changes from one stored version of a table to another (both once applied, so only parsed,
 * not validated again against today's other tables).
 */
export function compareReferenceCsv(table: ReferenceTable, fromCsv: string, toCsv: string, others: ReferenceData): Pick<UploadPreview, "changes" | "counts"> {
  const from = previewReferenceUpload(table, fromCsv, others, { crossTableCheck: false });
  const to = previewReferenceUpload(table, toCsv, { ...others, [table]: from.rows }, { crossTableCheck: false });
  return { changes: to.changes, counts: to.counts };
}

/** A short fingerprint of a table's content, to refuse applying a preview made on an older version. */
export function tableFingerprint(rows: readonly unknown[]): string {
  const text = JSON.stringify(rows.map(canon).map((r) => JSON.stringify(r)).sort());
  let h1 = 0x811c9dc5;
  let h2 = 0;
  for (let i = 0; i < text.length; i++) {
    h1 = Math.imul(h1 ^ text.charCodeAt(i), 16777619) >>> 0;
    h2 = (h2 * 31 + text.charCodeAt(i)) >>> 0;
  }
  return `${rows.length}-${h1.toString(16)}-${h2.toString(16)}`;
}
