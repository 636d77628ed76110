import "server-only";
import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db/client";
import { claimBatches, claimBatchItems, claimLines, claims, payers, users } from "@/db/schema";
import { formatTransactionSetControlNumber } from "@/server/domain/claims/numbers";
import { readyBlockers } from "@/server/domain/claims/scrub";
import { toClaim837, totalChargeCents } from "@/server/domain/claims/to-837";
import { DomainError } from "@/server/domain/errors";
import { batchMachine, type BatchEvent, type SubmissionChannel } from "@/server/domain/workflow/batch";
import { claimMachine } from "@/server/domain/workflow/claim";
import type { Envelope837 } from "@/server/domain/x12/claim-837";
import { read837 } from "@/server/domain/x12/read-837";
import { write837Batch } from "@/server/domain/x12/write-837-batch";
import { recordAudit } from "./audit";
import { lineDataOf, nextCounter, referenceVersions, rescrubClaimForSending, settleOriginal, type ClaimRow, type ReferenceHandle } from "./claims";
import type { Actor } from "./context";
import { getReference } from "./reference-data";
import { getSubmissionSettings } from "./submission-settings";
import { applyTransition } from "./transition";

/*
 * 837 batches: one file per payer, claim type and billing provider, built from ready claims in ONE
 * transaction (control numbers, file, claim transitions). The file is written once and kept byte
 * for byte; a download re-checks its SHA-256. A batch is cancelled before submission (its claims go
 * back to ready) or submitted (who, when, channel), which submits its claims.
 */

export type BatchRow = typeof claimBatches.$inferSelect;

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const hhmm = (d: Date) => d.toISOString().slice(11, 16);

export interface BatchCreated {
  batches: { id: string; payerName: string; claimType: string; claimCount: number; totalChargeCents: number; interchangeControlNumber: number; fileName: string }[];
  /** claims left out: they now have an error finding (sent back to draft) */
  excluded: { claimId: string; claimNumber: string; reason: string }[];
}

/**
 * Puts ready claims into 837 batch files. Every claim is scrubbed again first (today's date for
 * timely filing, the reference data in force): one that now has an error goes back to draft with the
 * finding and no file is written for it. The others are grouped by payer, claim type and billing
 * provider; each group gets an interchange, group and transaction control number from the practice's
 * counters (unique, increasing, never reused) and one file.
 */
export async function createBatches(db: Db, actor: Actor, input: { claimIds: string[] }, now: Date, refGiven?: ReferenceHandle): Promise<BatchCreated> {
  const ids = [...new Set(input.claimIds)].sort();
  if (ids.length === 0) throw new DomainError("VALIDATION", "Choose at least one ready claim.", { field: "claimIds" });
  const ref = refGiven ?? (await getReference(db));
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(claims)
      .where(and(inArray(claims.id, ids), eq(claims.practiceId, actor.practiceId)))
      .orderBy(asc(claims.id))
      .for("update");
    if (rows.length !== ids.length) throw new DomainError("NOT_FOUND", "Claim not found.", { field: "claimIds" });
    const notReady = rows.filter((c) => c.status !== "ready");
    if (notReady.length) {
      throw new DomainError("CONFLICT", `Only ready claims go into a batch: ${notReady.map((c) => `${c.claimNumber} is ${c.status.replace(/_/g, " ")}`).join(", ")}.`, { field: "claimIds" });
    }
    const settings = await getSubmissionSettings(tx, actor.practiceId);
    if (!settings) throw new DomainError("VALIDATION", "Electronic submission is not set up: an administrator enters the submitter and clearinghouse ids under Claims → Submission settings.", { field: "claimIds" });
    const excluded: BatchCreated["excluded"] = [];
    const sendable: { claim: ClaimRow; lines: ReturnType<typeof lineDataOf>[] }[] = [];
    for (const c of rows) {
      const r = await rescrubClaimForSending(tx, actor, ref, c, now);
      const errors = r.findings.filter((f) => f.severity === "error");
      if (errors.length) {
        await applyTransition(tx, actor, { machine: claimMachine, table: claims, entityType: "claim", id: c.id, from: "ready", event: "reopen", set: { updatedAt: now, revision: c.revision + 1 }, note: { reason: `Not batched: ${readyBlockers(r).join("; ")}` } });
        excluded.push({ claimId: c.id, claimNumber: c.claimNumber, reason: errors[0]!.message });
        continue;
      }
      const lineRows = await tx.select().from(claimLines).where(and(eq(claimLines.claimId, c.id), eq(claimLines.practiceId, actor.practiceId))).orderBy(asc(claimLines.position));
      sendable.push({ claim: { ...c, findings: r.findings, referenceVersions: referenceVersions(ref.data) }, lines: lineRows.map(lineDataOf) });
    }
    // One file per payer, claim type and billing provider.
    const groups = new Map<string, typeof sendable>();
    for (const s of sendable) {
      const key = `${s.claim.payerId}|${s.claim.claimType}|${s.claim.parties.billingProvider.npi}`;
      groups.set(key, [...(groups.get(key) ?? []), s]);
    }
    const submitter = { name: settings.submitterName, id: settings.submitterId, contactName: settings.contactName, ...(settings.contactPhone ? { phone: settings.contactPhone } : {}), ...(settings.contactEmail ? { email: settings.contactEmail } : {}) };
    const receiver = { name: settings.receiverName, id: settings.receiverId };
    const payerNames = new Map((await tx.select({ id: payers.id, name: payers.name, edi: payers.ediPayerId }).from(payers).where(eq(payers.practiceId, actor.practiceId))).map((p) => [p.id, p]));
    const created: BatchCreated["batches"] = [];
    for (const group of [...groups.values()].sort((a, b) => a[0]!.claim.claimNumber.localeCompare(b[0]!.claim.claimNumber))) {
      const first = group[0]!.claim;
      const icn = await nextCounter(tx, actor.practiceId, "interchange", now);
      const gcn = await nextCounter(tx, actor.practiceId, "group", now);
      const stcn = await nextCounter(tx, actor.practiceId, "transaction", now);
      const envelope: Envelope837 = {
        senderQualifier: settings.senderQualifier,
        senderId: settings.submitterId,
        receiverQualifier: settings.receiverQualifier,
        receiverId: settings.receiverId,
        interchangeControlNumber: icn,
        groupControlNumber: gcn,
        transactionSetControlNumber: formatTransactionSetControlNumber(stcn),
        creationDate: isoDate(now),
        creationTime: hhmm(now),
        usage: settings.usage === "P" ? "P" : "T",
        acknowledgmentRequested: false,
        batchReference: String(icn),
      };
      const written = write837Batch(
        group.map((g) =>
          toClaim837(
            { claimNumber: g.claim.claimNumber, claimType: g.claim.claimType, frequency: g.claim.frequency, payerClaimNumber: g.claim.payerClaimNumber, placeOfService: g.claim.placeOfService, typeOfBill: g.claim.typeOfBill, priorAuthNumber: g.claim.priorAuthNumber, diagnoses: g.claim.diagnoses, parties: g.claim.parties, lines: g.lines, cob: g.claim.cob },
            submitter,
            receiver,
          ),
        ),
        envelope,
      );
      const bytes = Buffer.from(written.text, "latin1");
      const payer = payerNames.get(first.payerId)!;
      const fileName = `837${first.claimType === "professional" ? "P" : "I"}-${payer.edi}-${String(icn).padStart(9, "0")}.txt`;
      const total = group.reduce((t, g) => t + totalChargeCents(g.lines), 0);
      const [b] = await tx
        .insert(claimBatches)
        .values({
          practiceId: actor.practiceId,
          payerId: first.payerId,
          claimType: first.claimType,
          status: "created",
          interchangeControlNumber: icn,
          groupControlNumber: gcn,
          transactionSetControlNumber: stcn,
          usage: envelope.usage,
          claimCount: group.length,
          totalChargeCents: total,
          fileName,
          fileContent: bytes,
          fileSha256: sha256(bytes),
          fileBytes: bytes.length,
          createdByUserId: actor.userId,
          createdAt: now,
        })
        .returning();
      await tx.insert(claimBatchItems).values(group.map((g, i) => ({ batchId: b!.id, claimId: g.claim.id, practiceId: actor.practiceId, position: i + 1 })));
      for (const g of group) {
        await applyTransition(tx, actor, { machine: claimMachine, table: claims, entityType: "claim", id: g.claim.id, from: "ready", event: "batch", set: { updatedAt: now }, note: { batchId: b!.id, batchIcn: icn, fileName } });
      }
      await recordAudit(tx, actor, {
        action: "batch.created",
        entityType: "batch",
        entityId: b!.id,
        before: null,
        after: { status: "created", payer: payer.name, claimType: first.claimType, interchangeControlNumber: icn, groupControlNumber: gcn, transactionSetControlNumber: stcn, claims: group.map((g) => g.claim.claimNumber), totalChargeCents: total, fileName, fileSha256: b!.fileSha256, fileBytes: bytes.length },
      });
      created.push({ id: b!.id, payerName: payer.name, claimType: first.claimType, claimCount: group.length, totalChargeCents: total, interchangeControlNumber: icn, fileName });
    }
    return { batches: created, excluded };
  });
}

async function lockBatch(tx: Tx, actor: Actor, batchId: string): Promise<BatchRow> {
  const [b] = await tx
    .select()
    .from(claimBatches)
    .where(and(eq(claimBatches.id, batchId), eq(claimBatches.practiceId, actor.practiceId)))
    .for("update");
  if (!b) throw new DomainError("NOT_FOUND", "Batch not found.");
  return b;
}

async function batchClaims(tx: DbOrTx, actor: Actor, batchId: string) {
  return tx
    .select({ claim: claims })
    .from(claimBatchItems)
    .innerJoin(claims, eq(claims.id, claimBatchItems.claimId))
    .where(and(eq(claimBatchItems.batchId, batchId), eq(claimBatchItems.practiceId, actor.practiceId)))
    .orderBy(asc(claimBatchItems.position));
}

function batchTransition(tx: Tx, actor: Actor, b: BatchRow, event: BatchEvent, set: Record<string, unknown>, note?: Record<string, unknown>) {
  return applyTransition(tx, actor, { machine: batchMachine, table: claimBatches, entityType: "batch", id: b.id, from: b.status, event, set, ...(note ? { note } : {}) });
}

/** Cancels a batch before submission: its claims return to ready; the file and its numbers are kept (never reused). */
export async function cancelBatch(db: DbOrTx, actor: Actor, input: { batchId: string; reason: string }, now: Date) {
  return db.transaction(async (tx) => {
    const b = await lockBatch(tx, actor, input.batchId);
    await batchTransition(tx, actor, b, "cancel", { cancelledAt: now, cancelledByUserId: actor.userId, cancelReason: input.reason }, { reason: input.reason });
    for (const { claim } of await batchClaims(tx, actor, b.id)) {
      await applyTransition(tx, actor, { machine: claimMachine, table: claims, entityType: "claim", id: claim.id, from: claim.status, event: "unbatch", set: { updatedAt: now }, note: { batchIcn: b.interchangeControlNumber, reason: input.reason } });
    }
    return { id: b.id, status: "cancelled" as const };
  });
}

/** Records that the batch file was sent (who, when, channel): the batch and its claims become submitted. */
export async function submitBatch(db: DbOrTx, actor: Actor, input: { batchId: string; channel: SubmissionChannel }, now: Date) {
  if (input.channel === "paper") throw new DomainError("VALIDATION", "An 837 file is sent electronically; print CMS-1500s for paper.", { field: "channel" });
  return db.transaction(async (tx) => {
    const b = await lockBatch(tx, actor, input.batchId);
    await batchTransition(tx, actor, b, "submit", { submittedAt: now, submittedByUserId: actor.userId, submissionChannel: input.channel }, { channel: input.channel });
    for (const { claim } of await batchClaims(tx, actor, b.id)) {
      await applyTransition(tx, actor, {
        machine: claimMachine,
        table: claims,
        entityType: "claim",
        id: claim.id,
        from: claim.status,
        event: "submit",
        set: { submittedAt: now, submittedByUserId: actor.userId, submissionChannel: input.channel, updatedAt: now },
        note: { batchIcn: b.interchangeControlNumber, channel: input.channel },
      });
      await settleOriginal(tx, actor, claim, now);
    }
    return { id: b.id, status: "submitted" as const };
  });
}

/**
 * The batch file exactly as written. Its SHA-256 is checked against the one recorded at creation,
 * and the download is audited (the file carries patient data).
 */
export async function downloadBatchFile(db: Db, actor: Actor, input: { batchId: string }) {
  const [b] = await db.select().from(claimBatches).where(and(eq(claimBatches.id, input.batchId), eq(claimBatches.practiceId, actor.practiceId)));
  if (!b) throw new DomainError("NOT_FOUND", "Batch not found.");
  if (sha256(b.fileContent) !== b.fileSha256) throw new DomainError("INTEGRITY", `The stored file of batch ${b.interchangeControlNumber} does not match its recorded SHA-256; it was not sent.`);
  await db.transaction((tx) => recordAudit(tx, actor, { action: "batch.downloaded", entityType: "batch", entityId: b.id, before: null, after: { fileName: b.fileName, fileSha256: b.fileSha256, fileBytes: b.fileBytes } }));
  return { fileName: b.fileName, bytes: b.fileContent, sha256: b.fileSha256 };
}

/* ------------------------------------------------------------------ reads */

export async function listBatches(db: DbOrTx, actor: Actor, p: { page: number; pageSize: number; status?: BatchRow["status"] | undefined }) {
  const where = and(eq(claimBatches.practiceId, actor.practiceId), ...(p.status ? [eq(claimBatches.status, p.status)] : []));
  const rows = await db
    .select({
      id: claimBatches.id,
      status: claimBatches.status,
      payerName: payers.name,
      claimType: claimBatches.claimType,
      claimCount: claimBatches.claimCount,
      totalChargeCents: claimBatches.totalChargeCents,
      interchangeControlNumber: claimBatches.interchangeControlNumber,
      groupControlNumber: claimBatches.groupControlNumber,
      transactionSetControlNumber: claimBatches.transactionSetControlNumber,
      usage: claimBatches.usage,
      fileName: claimBatches.fileName,
      createdAt: claimBatches.createdAt,
      createdByName: users.name,
      submittedAt: claimBatches.submittedAt,
      submissionChannel: claimBatches.submissionChannel,
      ackStatus: claimBatches.ackStatus,
      cancelReason: claimBatches.cancelReason,
    })
    .from(claimBatches)
    .innerJoin(payers, eq(payers.id, claimBatches.payerId))
    .leftJoin(users, eq(users.id, claimBatches.createdByUserId))
    .where(where)
    .orderBy(desc(claimBatches.createdAt), desc(claimBatches.interchangeControlNumber), asc(claimBatches.id))
    .limit(p.pageSize)
    .offset((p.page - 1) * p.pageSize);
  const [t] = await db.select({ n: sql<number>`count(*)::int` }).from(claimBatches).where(where);
  return { items: rows.map((r) => ({ ...r, totalChargeCents: Number(r.totalChargeCents) })), total: Number(t?.n ?? 0), page: p.page, pageSize: p.pageSize };
}

/** A batch with its claims and what its file says (read back from the stored bytes). */
export async function getBatch(db: DbOrTx, actor: Actor, batchId: string) {
  const [b] = await db
    .select({ batch: claimBatches, payerName: payers.name })
    .from(claimBatches)
    .innerJoin(payers, eq(payers.id, claimBatches.payerId))
    .where(and(eq(claimBatches.id, batchId), eq(claimBatches.practiceId, actor.practiceId)));
  if (!b) throw new DomainError("NOT_FOUND", "Batch not found.");
  const items = await batchClaims(db, actor, batchId);
  const file = read837(b.batch.fileContent.toString("latin1"));
  const { fileContent: _content, ...batch } = b.batch;
  return {
    batch: { ...batch, totalChargeCents: Number(batch.totalChargeCents), payerName: b.payerName },
    claims: items.map(({ claim }) => ({ id: claim.id, claimNumber: claim.claimNumber, status: claim.status, dateOfService: claim.dateOfService, totalChargeCents: Number(claim.totalChargeCents), patientName: `${claim.parties.patientPerson.lastName}, ${claim.parties.patientPerson.firstName}` })),
    file: { segments: file.segmentCount.actual + 4, claims: file.claims.map((c) => ({ patientControlNumber: c.patientControlNumber, totalChargeCents: c.totalChargeCents, lines: c.lines.length })), findings: file.findings },
  };
}
