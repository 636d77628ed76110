import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { platformOperators, referenceVersions } from "@/db/schema";
import { REFERENCE_TABLES, toDbRow } from "@/db/seed/reference-loader";
import type { ReferenceTable } from "@/server/domain/billing/reference";
import { DomainError } from "@/server/domain/errors";
import {
  compareReferenceCsv,
  previewReferenceUpload,
  REFERENCE_TABLE_SPECS,
  referenceTableToCsv,
  tableFingerprint,
  tableSpec,
} from "@/server/domain/reference-file";
import { refreshOrRecheckEverywhere, sendReadinessRechecks, type RecheckSender } from "./readiness-recheck";
import { recordPlatformAudit, type PlatformActor } from "./operators";
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
 * Replaces one reference table with the uploaded version, in one transaction with its row in the
 * platform audit trail and the version history. Only a platform operator calls this (the router
 * checks it): the tables are shared by every practice. Refused when the file has problems, changes
 * nothing, or the table changed since the preview.
 */
export async function applyReferenceFile(
  db: Db,
  actor: PlatformActor,
  input: { table: ReferenceTable; csv: string; baseFingerprint: string },
  /** sends each practice's background readiness recheck after the commit (absent: the job sweep does, within minutes) */
  sendRecheck?: RecheckSender,
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
    const [last] = await tx
      .select({ version: referenceVersions.version })
      .from(referenceVersions)
      .where(eq(referenceVersions.tableKey, input.table))
      .orderBy(desc(referenceVersions.version))
      .limit(1);
    let version = last?.version ?? 0;
    if (!last) {
      // The table as installed (seeded) becomes version 1, so the first upload can be compared with it.
      version = 1;
      await tx.insert(referenceVersions).values({
        tableKey: input.table,
        version,
        fingerprint,
        rowCount: current[input.table].length,
        csv: referenceTableToCsv(input.table, current[input.table] as Record<string, unknown>[]),
        counts: null,
        appliedByOperatorId: null,
      });
    }
    const counts = { added: p.counts.added, changed: p.counts.changed, removed: p.counts.removed };
    await tx.insert(referenceVersions).values({
      tableKey: input.table,
      version: version + 1,
      fingerprint: after,
      rowCount: p.rows.length,
      csv: referenceTableToCsv(input.table, p.rows),
      counts,
      appliedByOperatorId: actor.operatorId,
    });
    await recordPlatformAudit(tx, actor, {
      action: "referenceData.version_loaded",
      entityType: "reference_table",
      entityId: input.table,
      before: { version, rows: current[input.table].length, fingerprint },
      after: { version: version + 1, rows: p.rows.length, fingerprint: after, ...counts, changes: p.changes.slice(0, 100) },
    });
    // Every practice's stored readiness is judged against the new table: in this transaction when
    // there are few documented or ready infusions, else by a background recheck of each practice.
    const rechecks = await refreshOrRecheckEverywhere(tx, `Shared reference data loaded: ${tableSpec(input.table).label}, version ${version + 1}`);
    return { counts: p.counts, fingerprint: after, version: version + 1, rechecks };
  });
  invalidateReferenceCache(db);
  const { rechecks, ...loaded } = result;
  await sendReadinessRechecks(sendRecheck, rechecks);
  return { ...loaded, practicesRechecking: rechecks.length };
}

/** The versions of a table, newest first (empty until the first upload: the installed table is in force). */
export async function listReferenceVersions(db: Db, table: ReferenceTable) {
  const rows = await db
    .select({
      version: referenceVersions.version,
      fingerprint: referenceVersions.fingerprint,
      rowCount: referenceVersions.rowCount,
      counts: referenceVersions.counts,
      appliedAt: referenceVersions.appliedAt,
      appliedBy: platformOperators.name,
    })
    .from(referenceVersions)
    .leftJoin(platformOperators, eq(platformOperators.id, referenceVersions.appliedByOperatorId))
    .where(eq(referenceVersions.tableKey, table))
    .orderBy(desc(referenceVersions.version));
  return rows.map((r) => ({ ...r, appliedBy: r.appliedBy ?? (r.counts ? "Platform operator" : "As installed") }));
}

/** One stored version as CSV (the table in force when `version` is "current"). */
export async function referenceVersionCsv(db: Db, table: ReferenceTable, version: number | "current"): Promise<string> {
  if (version === "current") return exportReferenceCsv(db, table);
  const [row] = await db
    .select({ csv: referenceVersions.csv })
    .from(referenceVersions)
    .where(and(eq(referenceVersions.tableKey, table), eq(referenceVersions.version, version)));
  if (!row) throw new DomainError("NOT_FOUND", `Version ${version} of this table does not exist.`);
  return row.csv;
}

/** What changed from one version to another (either may be "current", the table in force). */
export async function compareReferenceVersions(db: Db, input: { table: ReferenceTable; from: number | "current"; to: number | "current" }) {
  const [fromCsv, toCsv, others] = await Promise.all([
    referenceVersionCsv(db, input.table, input.from),
    referenceVersionCsv(db, input.table, input.to),
    loadReferenceData(db),
  ]);
  const c = compareReferenceCsv(input.table, fromCsv, toCsv, others);
  return { table: input.table, from: input.from, to: input.to, counts: c.counts, changes: c.changes.slice(0, MAX_LISTED), changeCount: c.changes.length };
}
