import "server-only";
import { sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { REFERENCE_TABLES, toDbRow } from "@/db/seed/reference-loader";
import type { ReferenceTable } from "@/server/domain/billing/reference";
import { DomainError } from "@/server/domain/errors";
import { previewReferenceUpload, REFERENCE_TABLE_SPECS, referenceTableToCsv, tableFingerprint, tableSpec } from "@/server/domain/reference-file";
import { recordAudit } from "./audit";
import type { Actor } from "./context";
import { invalidateReferenceCache, loadReferenceData } from "./reference-data";

/** Shown in the preview; a file that changes more rows than this is summarised by counts. */
const MAX_LISTED = 500;

export async function listReferenceTables(db: Db) {
  const data = await loadReferenceData(db);
  return REFERENCE_TABLE_SPECS.map((s) => ({ key: s.key, label: s.label, naturalKey: [...s.naturalKey], rows: data[s.key].length }));
}

export async function referenceRows(db: Db, table: ReferenceTable) {
  const data = await loadReferenceData(db);
  return { ...tableSpec(table), rows: data[table] as Record<string, unknown>[] };
}

export async function exportReferenceCsv(db: Db, table: ReferenceTable): Promise<string> {
  const data = await loadReferenceData(db);
  return referenceTableToCsv(table, data[table] as Record<string, unknown>[]);
}

export async function previewReferenceFile(db: Db, table: ReferenceTable, csv: string) {
  const current = await loadReferenceData(db);
  const p = previewReferenceUpload(table, csv, current);
  return {
    table,
    problems: p.problems.slice(0, MAX_LISTED),
    problemCount: p.problems.length,
    changes: p.changes.slice(0, MAX_LISTED),
    counts: p.counts,
    canApply: p.problems.length === 0 && p.changes.length > 0,
    baseFingerprint: tableFingerprint(current[table]),
  };
}

/**
 * Replaces one reference table with the uploaded version, in one transaction with its audit row.
 * Refused when the file has problems, changes nothing, or the table changed since the preview.
 */
export async function applyReferenceFile(
  db: Db,
  actor: Actor,
  input: { table: ReferenceTable; csv: string; baseFingerprint: string },
) {
  const target = REFERENCE_TABLES[input.table] as PgTable;
  const result = await db.transaction(async (tx) => {
    // One upload of a table at a time, across app instances.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`reference:${input.table}`}))`);
    const current = await loadReferenceData(tx);
    const fingerprint = tableFingerprint(current[input.table]);
    if (fingerprint !== input.baseFingerprint) {
      throw new DomainError("CONFLICT", "This reference table was changed since you previewed the file. Preview it again.");
    }
    const p = previewReferenceUpload(input.table, input.csv, current);
    if (p.problems.length) {
      const first = p.problems[0]!;
      throw new DomainError("VALIDATION", `The file has ${p.problems.length} problem(s); first at line ${first.line}: ${first.message}`, { field: "csv" });
    }
    if (p.changes.length === 0) throw new DomainError("VALIDATION", "The file is identical to the table in force; nothing to load.", { field: "csv" });
    await tx.delete(target).where(sql`true`);
    await tx.insert(target).values(p.rows.map((r) => toDbRow(input.table, r)) as never);
    const after = tableFingerprint(p.rows);
    await recordAudit(tx, actor, {
      action: "referenceData.version_loaded",
      entityType: "reference_table",
      entityId: input.table,
      before: { rows: current[input.table].length, fingerprint },
      after: {
        rows: p.rows.length,
        fingerprint: after,
        added: p.counts.added,
        changed: p.counts.changed,
        removed: p.counts.removed,
        changes: p.changes.slice(0, 100),
      },
    });
    return { counts: p.counts, fingerprint: after };
  });
  invalidateReferenceCache(db);
  return result;
}
