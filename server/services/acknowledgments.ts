import "server-only";
import { createHash } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db/client";
import { acknowledgmentFiles, acknowledgmentResults, claimBatches, claimBatchItems, claims, users, type ClaimRejection } from "@/db/schema";
import { DomainError } from "@/server/domain/errors";
import { formatDate } from "@/server/domain/format";
import { batchMachine } from "@/server/domain/workflow/batch";
import { claimMachine } from "@/server/domain/workflow/claim";
import { canTransition } from "@/server/domain/workflow/machine";
import { parse277ca, type ClaimAck277 } from "@/server/domain/x12/parse-277ca";
import { parse999, type Ack999Transaction } from "@/server/domain/x12/parse-999";
import { readIsa, tokenize } from "@/server/domain/x12/tokenizer";
import { recordAudit } from "./audit";
import type { Actor } from "./context";
import { applyTransition } from "./transition";

/*
 * Acknowledgments: 999 files (the clearinghouse's verdict on each 837 transaction set, matched to
 * our batch by group and transaction control numbers) and 277CA files (claim by claim, matched by
 * CLM01). Each file is imported in one transaction: the file kept byte for byte, one result row per
 * answer (matched or not), and the batch and claim transitions it causes. The same bytes imported
 * again change nothing.
 */

export const MAX_ACK_FILE_BYTES = 5 * 1024 * 1024;

export type AckKind = "999" | "277CA";

export interface AckFileResult {
  fileName: string;
  kind: AckKind | null;
  /** imported; duplicate (the same bytes were imported before: nothing changed); unreadable (not stored) */
  outcome: "imported" | "duplicate" | "unreadable";
  fileId: string | null;
  message: string;
  counts: { answers: number; matched: number; unmatched: number; accepted: number; rejected: number; pending: number };
  findings: { severity: string; code: string; message: string; segment: number }[];
  results: { reference: string; status: string; claimNumber: string | null; batchIcn: number | null; outcome: string }[];
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** 999 or 277CA from the envelope (GS01 FA / HN, ST01 999 / 277), null when it is neither. */
export function ackKindOf(text: string): AckKind | null {
  const isa = readIsa(text);
  if (!isa.delimiters) return null;
  const t = tokenize(text);
  const gs = t.segments.find((s) => s[0] === "GS");
  const st = t.segments.find((s) => s[0] === "ST");
  if (gs?.[1] === "FA" || st?.[1] === "999") return "999";
  if (gs?.[1] === "HN" || st?.[1] === "277") return "277CA";
  return null;
}

const emptyCounts = () => ({ answers: 0, matched: 0, unmatched: 0, accepted: 0, rejected: 0, pending: 0 });

/** Imports several acknowledgment files, each in its own transaction; one bad file does not stop the others. */
export async function importAcknowledgments(db: Db, actor: Actor, files: { name: string; content: Buffer }[], now: Date): Promise<AckFileResult[]> {
  const out: AckFileResult[] = [];
  for (const f of files) out.push(await importOne(db, actor, f, now));
  return out;
}

async function importOne(db: Db, actor: Actor, f: { name: string; content: Buffer }, now: Date): Promise<AckFileResult> {
  const base = { fileName: f.name, counts: emptyCounts(), findings: [], results: [] };
  if (f.content.length > MAX_ACK_FILE_BYTES) return { ...base, kind: null, outcome: "unreadable", fileId: null, message: `The file is larger than ${MAX_ACK_FILE_BYTES / 1024 / 1024} MB; acknowledgments are much smaller.` };
  const text = f.content.toString("latin1");
  const kind = ackKindOf(text);
  if (!kind) {
    const isa = readIsa(text);
    return { ...base, kind: null, outcome: "unreadable", fileId: null, message: isa.delimiters ? "This X12 file is neither a 999 nor a 277CA acknowledgment." : "This is not an X12 file (no readable ISA header).", findings: isa.problems.map((p) => ({ severity: p.severity, code: p.code, message: p.message, segment: p.segment })) };
  }
  const hash = sha256(f.content);
  return db.transaction(async (tx) => {
    // One import of a given file at a time, across app processes.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`ack:${actor.practiceId}:${hash}`}))`);
    const [dup] = await tx
      .select({ id: acknowledgmentFiles.id, uploadedAt: acknowledgmentFiles.uploadedAt, fileName: acknowledgmentFiles.fileName })
      .from(acknowledgmentFiles)
      .where(and(eq(acknowledgmentFiles.practiceId, actor.practiceId), eq(acknowledgmentFiles.sha256, hash)));
    if (dup) {
      return { ...base, kind, outcome: "duplicate" as const, fileId: dup.id, message: `Already imported on ${formatDate(dup.uploadedAt.toISOString().slice(0, 10))} (as ${dup.fileName}); nothing changed.` };
    }
    const [file] = await tx
      .insert(acknowledgmentFiles)
      .values({ practiceId: actor.practiceId, kind, fileName: f.name, content: f.content, sha256: hash, bytes: f.content.length, findings: [], summary: {}, uploadedByUserId: actor.userId, uploadedAt: now })
      .returning({ id: acknowledgmentFiles.id });
    const fileId = file!.id;
    const r = kind === "999" ? await apply999(tx, actor, fileId, f.name, text, now) : await apply277(tx, actor, fileId, f.name, text, now);
    await tx.update(acknowledgmentFiles).set({ findings: r.findings, summary: r.counts }).where(eq(acknowledgmentFiles.id, fileId));
    await recordAudit(tx, actor, {
      action: "acknowledgment.imported",
      entityType: "acknowledgment_file",
      entityId: fileId,
      before: null,
      after: { kind, fileName: f.name, sha256: hash, bytes: f.content.length, counts: r.counts, findings: r.findings.length },
    });
    const summary = `${r.counts.answers} answer${r.counts.answers === 1 ? "" : "s"}: ${r.counts.accepted} accepted, ${r.counts.rejected} rejected, ${r.counts.pending} pending${r.counts.unmatched ? `, ${r.counts.unmatched} not matched to our ${kind === "999" ? "batches" : "claims"}` : ""}.`;
    return { ...base, kind, outcome: "imported" as const, fileId, message: summary, counts: r.counts, findings: r.findings, results: r.results };
  });
}

type Applied = Pick<AckFileResult, "counts" | "findings" | "results">;

function rejectionOf(source: "999" | "277CA", fileId: string, now: Date, reasons: string[], codes: string[], segment: string | null): ClaimRejection {
  return { source, at: now.toISOString(), reasons: reasons.length ? reasons : ["Rejected without a reason given."], codes, segment, acknowledgmentFileId: fileId };
}

/* ------------------------------------------------------------------ 999 */

async function apply999(tx: Tx, actor: Actor, fileId: string, fileName: string, text: string, now: Date): Promise<Applied> {
  const parsed = parse999(text);
  const counts = emptyCounts();
  const results: AckFileResult["results"] = [];
  for (const g of parsed.acknowledgments) {
    for (const t of g.transactions) {
      counts.answers++;
      const status = t.status;
      if (status === "rejected") counts.rejected++;
      else counts.accepted++;
      const gcn = /^\d+$/.test(g.groupControlNumber) ? Number(g.groupControlNumber) : null;
      const stcn = /^\d+$/.test(t.controlNumber) ? Number(t.controlNumber) : null;
      const reference = `GS06 ${g.groupControlNumber} / ST02 ${t.controlNumber}`;
      const [batch] =
        gcn !== null && stcn !== null && g.functionalId === "HC"
          ? await tx
              .select()
              .from(claimBatches)
              .where(and(eq(claimBatches.practiceId, actor.practiceId), eq(claimBatches.groupControlNumber, gcn), eq(claimBatches.transactionSetControlNumber, stcn)))
              .for("update")
          : [];
      const detail = { errors: t.errors, groupStatus: g.status, groupErrors: g.groupErrors ?? [] };
      if (!batch) {
        counts.unmatched++;
        const outcome = `No batch of ours has group ${g.groupControlNumber} and transaction set ${t.controlNumber}.`;
        await tx.insert(acknowledgmentResults).values({ practiceId: actor.practiceId, fileId, kind: "999", status, reference, detail, segment: t.segment ?? null, outcome, createdAt: now });
        results.push({ reference, status, claimNumber: null, batchIcn: null, outcome });
        continue;
      }
      counts.matched++;
      const outcome = await applyBatchVerdict(tx, actor, batch, t, fileId, fileName, now);
      await tx.insert(acknowledgmentResults).values({ practiceId: actor.practiceId, fileId, kind: "999", batchId: batch.id, status, reference, detail, segment: t.segment ?? null, outcome, createdAt: now });
      results.push({ reference, status, claimNumber: null, batchIcn: batch.interchangeControlNumber, outcome });
    }
  }
  return { counts, findings: parsed.findings, results };
}

async function applyBatchVerdict(tx: Tx, actor: Actor, batch: typeof claimBatches.$inferSelect, t: Ack999Transaction, fileId: string, fileName: string, now: Date): Promise<string> {
  if (batch.status === "acknowledged" || batch.status === "rejected") return `Batch ${batch.interchangeControlNumber} was already ${batch.status} by an earlier 999; nothing changed.`;
  if (batch.status === "cancelled") return `Batch ${batch.interchangeControlNumber} was cancelled before submission; nothing changed.`;
  let note = "";
  if (batch.status === "created") {
    // The clearinghouse answering proves the file was sent: record the submission it implies.
    await applyTransition(tx, actor, { machine: batchMachine, table: claimBatches, entityType: "batch", id: batch.id, from: "created", event: "submit", set: { submittedAt: now, submittedByUserId: actor.userId }, note: { reason: `implied by the 999 in ${fileName}` } });
    for (const { claim } of await tx.select({ claim: claims }).from(claimBatchItems).innerJoin(claims, eq(claims.id, claimBatchItems.claimId)).where(and(eq(claimBatchItems.batchId, batch.id), eq(claimBatchItems.practiceId, actor.practiceId)))) {
      if (claim.status === "batched") {
        await applyTransition(tx, actor, { machine: claimMachine, table: claims, entityType: "claim", id: claim.id, from: "batched", event: "submit", set: { submittedAt: now, submittedByUserId: actor.userId, updatedAt: now }, note: { batchIcn: batch.interchangeControlNumber, reason: "implied by the clearinghouse's 999" } });
      }
    }
    note = " (it had not been marked submitted: the 999 shows it was received)";
  }
  const rejected = t.status === "rejected";
  await applyTransition(tx, actor, {
    machine: batchMachine,
    table: claimBatches,
    entityType: "batch",
    id: batch.id,
    from: "submitted",
    event: rejected ? "reject" : "acknowledge",
    set: { ackStatus: t.status, acknowledgedAt: now },
    note: { fileName, errors: t.errors.map((e) => e.description) },
  });
  if (!rejected) {
    return `Batch ${batch.interchangeControlNumber} ${t.status === "accepted" ? "accepted" : "accepted with errors"} by the clearinghouse${note}${t.errors.length ? `: ${t.errors.map((e) => e.description).join(" ")}` : "."}`;
  }
  const items = await tx
    .select({ claim: claims })
    .from(claimBatchItems)
    .innerJoin(claims, eq(claims.id, claimBatchItems.claimId))
    .where(and(eq(claimBatchItems.batchId, batch.id), eq(claimBatchItems.practiceId, actor.practiceId)));
  const reasons = t.errors.map((e) => e.description);
  const codes = t.errors.map((e) => `${e.segmentId}${e.elementPosition !== undefined ? String(e.elementPosition).padStart(2, "0") : ""}:${e.code}`);
  const segment = t.errors.find((e) => e.position > 0) ? `${t.errors.find((e) => e.position > 0)!.segmentId} at position ${t.errors.find((e) => e.position > 0)!.position}` : null;
  let n = 0;
  for (const { claim } of items) {
    if (!canTransition(claimMachine, claim.status, "reject")) continue;
    await applyTransition(tx, actor, {
      machine: claimMachine,
      table: claims,
      entityType: "claim",
      id: claim.id,
      from: claim.status,
      event: "reject",
      set: { rejectedAt: now, rejection: rejectionOf("999", fileId, now, reasons, codes, segment), updatedAt: now },
      note: { source: "999", fileName, reasons },
    });
    n++;
  }
  return `Batch ${batch.interchangeControlNumber} rejected by the clearinghouse${note}; ${n} claim${n === 1 ? "" : "s"} rejected: ${reasons.join(" ") || "no reason given"}`;
}

/* ------------------------------------------------------------------ 277CA */

async function apply277(tx: Tx, actor: Actor, fileId: string, fileName: string, text: string, now: Date): Promise<Applied> {
  const parsed = parse277ca(text);
  const counts = emptyCounts();
  const results: AckFileResult["results"] = [];
  for (const a of parsed.claims) {
    counts.answers++;
    counts[a.status]++;
    const reference = a.patientControlNumber || "(no CLM01)";
    const detail = { statusCodes: a.statusCodes, lines: a.detail?.lines ?? [], inherited: a.detail?.inherited ?? [], amount: a.amount ?? null, serviceDate: a.serviceDate ?? null };
    const [claim] = a.patientControlNumber
      ? await tx
          .select()
          .from(claims)
          .where(and(eq(claims.practiceId, actor.practiceId), eq(claims.claimNumber, a.patientControlNumber)))
          .for("update")
      : [];
    if (!claim) {
      counts.unmatched++;
      const outcome = a.patientControlNumber ? `No claim of ours has the number ${a.patientControlNumber}.` : "The answer carries no claim number (TRN*2).";
      await tx.insert(acknowledgmentResults).values({ practiceId: actor.practiceId, fileId, kind: "277CA", status: a.status, reference, payerClaimNumber: a.payerClaimNumber ?? null, detail, segment: a.detail?.segment ?? null, outcome, createdAt: now });
      results.push({ reference, status: a.status, claimNumber: null, batchIcn: null, outcome });
      continue;
    }
    counts.matched++;
    const outcome = await applyClaimStatus(tx, actor, claim, a, fileId, fileName, now);
    await tx.insert(acknowledgmentResults).values({ practiceId: actor.practiceId, fileId, kind: "277CA", claimId: claim.id, status: a.status, reference, payerClaimNumber: a.payerClaimNumber ?? null, detail, segment: a.detail?.segment ?? null, outcome, createdAt: now });
    results.push({ reference, status: a.status, claimNumber: claim.claimNumber, batchIcn: null, outcome });
  }
  return { counts, findings: parsed.findings, results };
}

async function applyClaimStatus(tx: Tx, actor: Actor, claim: typeof claims.$inferSelect, a: ClaimAck277, fileId: string, fileName: string, now: Date): Promise<string> {
  const words = a.statusCodes.map((s) => s.description);
  const payerNumber = a.payerClaimNumber && a.payerClaimNumber !== claim.payerClaimControlNumber ? { payerClaimControlNumber: a.payerClaimNumber } : {};
  const noChange = async (why: string) => {
    if (Object.keys(payerNumber).length) {
      await tx.update(claims).set({ ...payerNumber, updatedAt: now }).where(and(eq(claims.id, claim.id), eq(claims.practiceId, actor.practiceId)));
    }
    await recordAudit(tx, actor, { action: "claim.acknowledged", entityType: "claim", entityId: claim.id, before: { status: claim.status, payerClaimControlNumber: claim.payerClaimControlNumber }, after: { status: claim.status, ...payerNumber, text: `277CA ${a.status} (${fileName}): ${words.join(" ")} ${why}`.trim() } });
    return `${a.status === "pending" ? "Pending" : a.status === "accepted" ? "Accepted" : "Rejected"}: ${words.join(" ")} ${why}`.trim();
  };
  if (a.status === "pending") return noChange("The claim stays as it is until the payer answers.");
  const event = a.status === "accepted" ? "accept" : "reject";
  if (!canTransition(claimMachine, claim.status, event)) {
    return noChange(`No status change: the claim is ${claim.status.replace(/_/g, " ")}.`);
  }
  if (event === "accept") {
    await applyTransition(tx, actor, { machine: claimMachine, table: claims, entityType: "claim", id: claim.id, from: claim.status, event, set: { acceptedAt: now, ...payerNumber, updatedAt: now }, note: { source: "277CA", fileName, statusCodes: words } });
    return `Accepted: ${words.join(" ")}`;
  }
  const seg = a.detail ? `STC under the claim at segment ${a.detail.segment}` : null;
  await applyTransition(tx, actor, {
    machine: claimMachine,
    table: claims,
    entityType: "claim",
    id: claim.id,
    from: claim.status,
    event,
    set: { rejectedAt: now, rejection: rejectionOf("277CA", fileId, now, words, a.statusCodes.map((s) => [s.category, s.code, s.entity].filter(Boolean).join(":")), seg), ...payerNumber, updatedAt: now },
    note: { source: "277CA", fileName, statusCodes: words },
  });
  return `Rejected: ${words.join(" ")}`;
}

/* ------------------------------------------------------------------ reads */

export async function listAcknowledgmentFiles(db: DbOrTx, actor: Actor, p: { page: number; pageSize: number }) {
  const where = eq(acknowledgmentFiles.practiceId, actor.practiceId);
  const rows = await db
    .select({ id: acknowledgmentFiles.id, kind: acknowledgmentFiles.kind, fileName: acknowledgmentFiles.fileName, bytes: acknowledgmentFiles.bytes, summary: acknowledgmentFiles.summary, findings: acknowledgmentFiles.findings, uploadedAt: acknowledgmentFiles.uploadedAt, uploadedByName: users.name })
    .from(acknowledgmentFiles)
    .leftJoin(users, eq(users.id, acknowledgmentFiles.uploadedByUserId))
    .where(where)
    .orderBy(desc(acknowledgmentFiles.uploadedAt), desc(acknowledgmentFiles.id))
    .limit(p.pageSize)
    .offset((p.page - 1) * p.pageSize);
  const [t] = await db.select({ n: sql<number>`count(*)::int` }).from(acknowledgmentFiles).where(where);
  return {
    items: rows.map((r) => ({ ...r, counts: { ...emptyCounts(), ...r.summary }, findingCount: r.findings.length })),
    total: Number(t?.n ?? 0),
    page: p.page,
    pageSize: p.pageSize,
  };
}

/** One imported file: what each answer said and what it changed. */
export async function getAcknowledgmentFile(db: DbOrTx, actor: Actor, fileId: string) {
  const [f] = await db.select().from(acknowledgmentFiles).where(and(eq(acknowledgmentFiles.id, fileId), eq(acknowledgmentFiles.practiceId, actor.practiceId)));
  if (!f) throw new DomainError("NOT_FOUND", "Acknowledgment file not found.");
  const results = await db
    .select({ r: acknowledgmentResults, claimNumber: claims.claimNumber, batchIcn: claimBatches.interchangeControlNumber })
    .from(acknowledgmentResults)
    .leftJoin(claims, eq(claims.id, acknowledgmentResults.claimId))
    .leftJoin(claimBatches, eq(claimBatches.id, acknowledgmentResults.batchId))
    .where(and(eq(acknowledgmentResults.fileId, f.id), eq(acknowledgmentResults.practiceId, actor.practiceId)))
    .orderBy(acknowledgmentResults.segment);
  const { content, ...file } = f;
  return {
    file: { ...file, counts: { ...emptyCounts(), ...f.summary }, findings: f.findings as AckFileResult["findings"] },
    text: content.toString("latin1"),
    results: results.map(({ r, claimNumber, batchIcn }) => ({ id: r.id, status: r.status, reference: r.reference, claimId: r.claimId, claimNumber, batchId: r.batchId, batchIcn, payerClaimNumber: r.payerClaimNumber, segment: r.segment, outcome: r.outcome })),
  };
}
