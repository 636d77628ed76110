import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { claimPaymentLines, claimPayments, payers, providerAdjustments, remittanceFiles, remittancePayments } from "@/db/schema";
import { indexDenialRules } from "@/server/domain/denials/classify";
import { DomainError } from "@/server/domain/errors";
import { fileBlockReason, planAgainstClaim, planRemittance, PlanState, readClaimPayment } from "@/server/domain/remittance/post";
import type { ClaimPaymentPlan, PaymentPlan } from "@/server/domain/remittance/types";
import { parse835, type Finding835, type Remittance835, type Transaction835 } from "@/server/domain/x12/parse-835";
import { recordAudit } from "./audit";
import type { Actor } from "./context";
import { loadReferenceData } from "./reference-data";
import { claimSnapshots, loadClaimLookup, loadPricingTerms, openWorkItems, settleClaims, writeClaimPayments, type WriteContext } from "./remittance-store";

/**
 * 835 import and posting (issue 11).
 * - `receiveRemittanceFile` stores the bytes first (with their hash), then reads them: a file the
 *   reader cannot make sense of is kept with its findings and posts nothing; the same bytes, or a
 *   payment (TRN trace + payer) already received, post once and say so.
 * - `postRemittanceFile` is the job: it takes a lease on the file (one worker at a time; a dead
 *   worker's lease runs out), plans the whole file against fresh claim snapshots, and writes it in
 *   chunks, each one transaction (claim payments whole or not at all) that also moves the progress.
 *   A retry skips what is written and finishes the rest.
 */

export const MAX_REMITTANCE_BYTES = 50 * 1024 * 1024;
const MAX_STORED_FINDINGS = 200;

export interface ReceivedFile {
  fileId: string;
  fileName: string;
  outcome: "queued" | "same_file" | "duplicate_payment" | "not_posted";
  message: string;
  status: string;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function when(d: Date): string {
  return d.toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

/** TRN03 (1 + payer TIN) when sent, else the payer's id or name: with the trace, a payment's identity. */
function payerKeyOf(tx: Transaction835): string {
  return (tx.traceOriginator || tx.payer.id || tx.payer.name || "unknown").trim().toUpperCase();
}

function money(cents: number): string {
  return `$${(cents / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`;
}

/**
 * Stores and reads one uploaded 835. Returns what happened in words; `enqueue` is called (after the
 * commit) for a file that has something to post.
 */
export async function receiveRemittanceFile(
  db: Db,
  actor: Actor,
  file: { name: string; bytes: Uint8Array },
  now: Date,
  enqueue: (fileId: string) => Promise<void>,
): Promise<ReceivedFile> {
  if (file.bytes.length === 0) throw new DomainError("VALIDATION", `${file.name} is empty.`, { field: "file" });
  if (file.bytes.length > MAX_REMITTANCE_BYTES) throw new DomainError("VALIDATION", `${file.name} is larger than ${MAX_REMITTANCE_BYTES / 1024 / 1024} MB.`, { field: "file" });
  const hash = sha256(file.bytes);
  const name = file.name.slice(0, 200) || "remittance.835";

  // 1. the bytes, before anything reads them
  const inserted = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(remittanceFiles)
      .values({ practiceId: actor.practiceId, fileName: name, content: Buffer.from(file.bytes), sha256: hash, bytes: file.bytes.length, uploadedByUserId: actor.userId, uploadedAt: now })
      .onConflictDoNothing()
      .returning({ id: remittanceFiles.id });
    if (row) await recordAudit(tx, actor, { action: "remittance_file.received", entityType: "remittance_file", entityId: row.id, after: { fileName: name, sha256: hash, bytes: file.bytes.length } });
    return row;
  });
  if (!inserted) {
    const [first] = await db
      .select({ id: remittanceFiles.id, fileName: remittanceFiles.fileName, uploadedAt: remittanceFiles.uploadedAt, status: remittanceFiles.status })
      .from(remittanceFiles)
      .where(and(eq(remittanceFiles.practiceId, actor.practiceId), eq(remittanceFiles.sha256, hash)));
    return {
      fileId: first!.id,
      fileName: name,
      outcome: "same_file",
      status: first!.status,
      message: `This exact file was already uploaded on ${when(first!.uploadedAt)} as ${first!.fileName}; nothing was posted again.`,
    };
  }
  return readReceivedFile(db, actor, inserted.id, now, enqueue);
}

/** Reads a stored file: findings, payments (a payment already received elsewhere is a duplicate), and queues it. */
export async function readReceivedFile(db: Db, actor: Actor, fileId: string, now: Date, enqueue: (fileId: string) => Promise<void>): Promise<ReceivedFile> {
  const [f] = await db.select().from(remittanceFiles).where(and(eq(remittanceFiles.id, fileId), eq(remittanceFiles.practiceId, actor.practiceId)));
  if (!f) throw new DomainError("NOT_FOUND", "Remittance file not found.");
  const remittance = parse835(Buffer.from(f.content).toString("latin1"));
  const blocked = fileBlockReason(remittance);
  const findings = remittance.findings.slice(0, MAX_STORED_FINDINGS);
  const practicePayers = await db.select({ id: payers.id, name: payers.name, ediPayerId: payers.ediPayerId }).from(payers).where(eq(payers.practiceId, actor.practiceId));

  const result = await db.transaction(async (tx) => {
    if (blocked) {
      await tx
        .update(remittanceFiles)
        .set({ status: "not_posted", statusReason: blocked, findings, findingCount: remittance.findings.length, finishedAt: now })
        .where(eq(remittanceFiles.id, f.id));
      await recordAudit(tx, actor, { action: "remittance_file.not_posted", entityType: "remittance_file", entityId: f.id, after: { reason: blocked, findings: remittance.findings.length } });
      return { outcome: "not_posted" as const, status: "not_posted", message: blocked };
    }
    let claimCount = 0;
    const duplicates: string[] = [];
    let duplicateOfFileId: string | null = null;
    for (const [i, t] of remittance.transactions.entries()) {
      const payerId = practicePayers.find((p) => (t.payer.id && p.ediPayerId.toUpperCase() === t.payer.id.toUpperCase()) || p.name.toUpperCase() === t.payer.name.toUpperCase())?.id ?? null;
      const values = {
        practiceId: actor.practiceId,
        fileId: f.id,
        position: i,
        payerName: t.payer.name || "(no payer name)",
        payerIdentifier: t.payer.id,
        payerId,
        payerKey: payerKeyOf(t),
        traceNumber: t.traceNumber ?? `no-trace:${f.sha256}:${i}`,
        method: t.paymentMethod,
        creditDebit: t.creditDebit,
        paymentDate: t.paymentDate,
        amountCents: (t.creditDebit === "D" ? -1 : 1) * t.paymentCents,
        providerAdjustmentCents: t.providerAdjustments.reduce((s, p) => s + p.amountCents, 0),
        claimCount: t.claims.length,
        payeeName: t.payee.name,
        payeeNpi: t.payee.npi,
        createdAt: now,
      };
      const [row] = await tx.insert(remittancePayments).values(values).onConflictDoNothing().returning({ id: remittancePayments.id });
      if (row) {
        claimCount += t.claims.length;
        await writeProviderAdjustments(tx, actor.practiceId, row.id, t);
        continue;
      }
      const [earlier] = await tx
        .select({ id: remittancePayments.id, fileId: remittancePayments.fileId, createdAt: remittancePayments.createdAt, fileName: remittanceFiles.fileName })
        .from(remittancePayments)
        .innerJoin(remittanceFiles, eq(remittanceFiles.id, remittancePayments.fileId))
        .where(
          and(
            eq(remittancePayments.practiceId, actor.practiceId),
            eq(remittancePayments.payerKey, values.payerKey),
            eq(remittancePayments.traceNumber, values.traceNumber),
            sql`${remittancePayments.duplicateOfPaymentId} is null`,
          ),
        );
      await tx.insert(remittancePayments).values({ ...values, duplicateOfPaymentId: earlier!.id });
      duplicateOfFileId ??= earlier!.fileId;
      duplicates.push(`payment ${t.traceNumber ?? "(no trace)"} from ${t.payer.name} (${money(values.amountCents)}) was already received in ${earlier!.fileName} on ${when(earlier!.createdAt)}`);
    }
    const all = duplicates.length === remittance.transactions.length;
    const reason = duplicates.length ? `The ${duplicates.join("; the ")}: it is not posted again.` : null;
    await tx
      .update(remittanceFiles)
      .set({
        status: all ? "duplicate" : "queued",
        statusReason: reason,
        duplicateOfFileId,
        findings,
        findingCount: remittance.findings.length,
        paymentCount: remittance.transactions.length,
        claimCount,
        queuedAt: all ? null : now,
        finishedAt: all ? now : null,
      })
      .where(eq(remittanceFiles.id, f.id));
    await recordAudit(tx, actor, {
      action: all ? "remittance_file.duplicate" : "remittance_file.queued",
      entityType: "remittance_file",
      entityId: f.id,
      after: { payments: remittance.transactions.length, claims: claimCount, duplicates: duplicates.length },
    });
    if (all) return { outcome: "duplicate_payment" as const, status: "duplicate", message: reason! };
    return {
      outcome: "queued" as const,
      status: "queued",
      message: `${claimCount} claim payment${claimCount === 1 ? "" : "s"} queued for posting.${reason ? ` ${reason}` : ""}`,
    };
  });
  if (result.outcome === "queued") await enqueue(f.id);
  return { fileId: f.id, fileName: f.fileName, ...result };
}

async function writeProviderAdjustments(tx: DbOrTx, practiceId: string, paymentId: string, t: Transaction835): Promise<void> {
  if (t.providerAdjustments.length === 0) return;
  // linked to a claim later by posting (the reference may name a claim posted in this same file)
  await tx.insert(providerAdjustments).values(
    t.providerAdjustments.map((p, i) => ({ practiceId, paymentId, position: i, reason: p.reason, reference: p.reference, amountCents: p.amountCents, fiscalPeriodDate: p.fiscalPeriodDate })),
  );
}

// ---------------------------------------------------------------------------------------------
// The posting job

export interface PostingOptions {
  /** identifies this worker in the lease */
  workerId: string;
  /** a lease not renewed for this long is taken over by another worker */
  leaseSeconds?: number;
  chunkSize?: number;
  /**
   * Chunks written at once, each lane on its own connection (PostgreSQL: the worker uses 2). A lane
   * holds whole claims (see `postingLanes`), so two lanes never write to, lock or rebuild the same
   * claim. 1 (the default) writes the chunks one after the other, in file order.
   */
  lanes?: number;
  now?: () => Date;
  jobId?: string | null;
  /** test hook: called inside each chunk's transaction after its rows are written, before commit */
  onChunkWritten?: (claimsDone: number) => void | Promise<void>;
  /** profiling hook (bench:posting --phases): called at the end of each phase with its name */
  onPhase?: (phase: string) => void;
}

export interface PostingResult {
  fileId: string;
  status: string;
  posted: number;
  unmatched: number;
  held: number;
  denials: number;
  /** claim payments this run wrote (0 when an earlier run had finished) */
  written: number;
}

export class FileBusyError extends Error {
  constructor(fileId: string, owner: string) {
    super(`Remittance file ${fileId} is being posted by ${owner}; this run will retry later.`);
    this.name = "FileBusyError";
  }
}

const DONE = new Set(["posted", "not_posted", "duplicate"]);

/** The posting job: idempotent, resumable, one chunk of claim payments per transaction. */
export async function postRemittanceFile(db: Db, fileId: string, opts: PostingOptions): Promise<PostingResult> {
  const clock = opts.now ?? (() => new Date());
  const lease = opts.leaseSeconds ?? 120;
  const chunkSize = opts.chunkSize ?? 2000;
  const lanesWanted = Math.max(1, Math.floor(opts.lanes ?? 1));
  const leaseSql = sql`now() + make_interval(secs => ${lease})`;

  const [file] = await db
    .update(remittanceFiles)
    .set({ status: "posting", leaseOwner: opts.workerId, leaseUntil: leaseSql, startedAt: sql`coalesce(${remittanceFiles.startedAt}, now())`, attempts: sql`${remittanceFiles.attempts} + 1`, lastError: null })
    .where(
      and(
        eq(remittanceFiles.id, fileId),
        inArray(remittanceFiles.status, ["received", "queued", "posting", "failed"]),
        sql`(${remittanceFiles.leaseUntil} is null or ${remittanceFiles.leaseUntil} < now() or ${remittanceFiles.leaseOwner} = ${opts.workerId})`,
      ),
    )
    .returning();
  if (!file) {
    const [f] = await db.select().from(remittanceFiles).where(eq(remittanceFiles.id, fileId));
    if (!f) throw new Error(`remittance file ${fileId} does not exist`);
    if (DONE.has(f.status)) return { fileId, status: f.status, posted: f.postedCount, unmatched: f.unmatchedCount, held: f.heldCount, denials: f.denialCount, written: 0 };
    throw new FileBusyError(fileId, f.leaseOwner ?? "another worker");
  }
  const actor: Actor = { userId: null, practiceId: file.practiceId, role: null, requestId: opts.jobId ? `job:${opts.jobId}` : `worker:${opts.workerId}` };

  const phase = opts.onPhase ?? (() => {});
  phase("lease");
  try {
    const remittance = parse835(Buffer.from(file.content).toString("latin1"));
    phase("parse");
    const payments = await db.select().from(remittancePayments).where(eq(remittancePayments.fileId, file.id));
    const live = new Map(payments.filter((p) => p.duplicateOfPaymentId === null).map((p) => [p.position, p]));
    const done = await db
      .select({ paymentId: claimPayments.paymentId, position: claimPayments.position, id: claimPayments.id })
      .from(claimPayments)
      .where(eq(claimPayments.fileId, file.id));
    const paymentPos = new Map(payments.map((p) => [p.id, p.position]));
    const recorded = new Set(done.map((d) => `${paymentPos.get(d.paymentId)}:${d.position}`));

    phase("done rows");
    const keys = claimKeys(remittance);
    const { lookup } = await loadClaimLookup(db, file.practiceId, keys);
    phase("claim lookup");
    const reference = await loadReferenceData(db);
    const index = indexDenialRules(reference.denialRules, reference.adjustmentCodes);
    phase("reference data");
    const plan = planRemittance(remittance, lookup, index, { skip: (pi, ci) => !live.has(pi) || recorded.has(`${pi}:${ci}`) });
    phase("plan");
    const terms = await loadPricingTerms(db, file.practiceId);
    phase("pricing terms");
    // ids of claim payments written by an earlier run, so reversals in this run can name them
    const ids = new Map(done.map((d) => [`planned:${paymentPos.get(d.paymentId)}:${d.position}`, d.id]));

    let written = 0;
    const writeChunk = (row: typeof payments[number], p: PaymentPlan, chunk: readonly ClaimPaymentPlan[]) =>
      db.transaction(async (tx) => {
        // no JIT compilation in a chunk: when the planner's estimates are large (a practice's claims
        // loaded since the last analyze, or simply many rows), PostgreSQL compiles the A/R rebuild's
        // statement with LLVM on every chunk — 3.6–9.9 s each under auto_explain on this machine, more than
        // the whole chunk's work. (PGlite has no JIT; the setting is accepted and does nothing.)
        await tx.execute(sql`set local jit = off`);
        const ctx: WriteContext = { practiceId: file.practiceId, fileId: file.id, paymentId: row.id, paymentDate: row.paymentDate, ids, now: clock(), postedByUserId: null };
        const w = await writeClaimPayments(tx, ctx, p.index, chunk, phase);
        const touched = w.filter((x) => x.plan.disposition === "post" && x.plan.claimId).map((x) => x.plan.claimId!);
        await settleClaims(tx, actor, touched, ctx.now, { remittanceFileId: file.id, source: "835 posting" });
        phase("chunk: settle claims");
        const opened = await openWorkItems(tx, actor, { reference, terms }, w, row.paymentDate, ctx.now);
        phase("chunk: work items");
        const count = (d: ClaimPaymentPlan["disposition"]) => chunk.filter((c) => c.disposition === d).length;
        // the lease is checked here, at the end, by the progress update itself: a worker that lost it
        // (it ran out and another worker took the file) writes nothing, as the whole chunk rolls back.
        // Not a row lock taken at the start, which would hold the file row for the whole chunk and make
        // the lanes wait for each other.
        const [mine] = await tx
          .update(remittanceFiles)
          .set({
            claimsDone: sql`${remittanceFiles.claimsDone} + ${chunk.length}`,
            postedCount: sql`${remittanceFiles.postedCount} + ${count("post")}`,
            unmatchedCount: sql`${remittanceFiles.unmatchedCount} + ${count("unmatched")}`,
            heldCount: sql`${remittanceFiles.heldCount} + ${count("held")}`,
            denialCount: sql`${remittanceFiles.denialCount} + ${opened}`,
            leaseUntil: leaseSql,
          })
          .where(and(eq(remittanceFiles.id, file.id), eq(remittanceFiles.leaseOwner, opts.workerId)))
          .returning({ id: remittanceFiles.id });
        if (!mine) throw new FileBusyError(file.id, "another worker");
        written += chunk.length;
        await opts.onChunkWritten?.(written);
        phase("chunk: progress");
      });

    for (const p of plan.payments) {
      const row = live.get(p.index);
      if (!row) continue;
      const lanes = postingLanes(p.claimPayments, lanesWanted, chunkSize);
      let failed = false;
      const results = await Promise.allSettled(
        lanes.map(async (lane) => {
          for (let from = 0; from < lane.length && !failed; from += chunkSize) {
            try {
              await writeChunk(row, p, lane.slice(from, from + chunkSize));
              phase("chunk: commit");
            } catch (e) {
              failed = true; // the other lanes stop after their current chunk
              throw e;
            }
          }
        }),
      );
      const error = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (error) throw error.reason;
      await linkProviderAdjustments(db, file.practiceId, row.id, p);
    }
    phase("provider adjustments");

    const [final] = await db
      .update(remittanceFiles)
      .set({ status: "posted", finishedAt: clock(), leaseOwner: null, leaseUntil: null })
      .where(and(eq(remittanceFiles.id, file.id), eq(remittanceFiles.leaseOwner, opts.workerId)))
      .returning();
    if (!final) throw new FileBusyError(file.id, "another worker");
    await recordAudit(db, actor, {
      action: "remittance_file.posted",
      entityType: "remittance_file",
      entityId: file.id,
      after: { posted: final.postedCount, unmatched: final.unmatchedCount, held: final.heldCount, denials: final.denialCount, attempts: final.attempts },
    });
    return { fileId: file.id, status: "posted", posted: final.postedCount, unmatched: final.unmatchedCount, held: final.heldCount, denials: final.denialCount, written };
  } catch (e) {
    if (!(e instanceof FileBusyError)) {
      await db
        .update(remittanceFiles)
        .set({ lastError: (e as Error).message.slice(0, 500), leaseOwner: null, leaseUntil: null })
        .where(and(eq(remittanceFiles.id, file.id), eq(remittanceFiles.leaseOwner, opts.workerId)));
    }
    throw e;
  }
}

/** Marks a file failed after the job gave up (its retries are spent); posting it again is safe. */
export async function markPostingFailed(db: Db, fileId: string, message: string): Promise<void> {
  await db
    .update(remittanceFiles)
    .set({ status: "failed", lastError: message.slice(0, 500), leaseOwner: null, leaseUntil: null })
    .where(and(eq(remittanceFiles.id, fileId), inArray(remittanceFiles.status, ["received", "queued", "posting"])));
}

/**
 * The claim payments of one payment split into lanes that can be written at the same time: every
 * claim payment of a claim (a reversal and its correction, a claim paid twice in the file) in the same
 * lane and in file order, so a lane's chunks never wait on another lane's locks (settling locks the
 * claims, foreign-key checks share-lock them) and a reversal finds the payment it reverses written
 * before it. Claim payments without a claim (unmatched) spread evenly. One lane when the payment fits
 * in one chunk.
 */
export function postingLanes(list: readonly ClaimPaymentPlan[], lanes: number, chunkSize: number): ClaimPaymentPlan[][] {
  if (lanes <= 1 || list.length <= chunkSize) return [[...list]];
  const out: ClaimPaymentPlan[][] = Array.from({ length: lanes }, () => []);
  const laneOfClaim = new Map<string, number>();
  let next = 0;
  for (const c of list) {
    let lane: number;
    if (c.claimId) {
      const known = laneOfClaim.get(c.claimId);
      lane = known ?? next++ % lanes;
      if (known === undefined) laneOfClaim.set(c.claimId, lane);
    } else lane = next++ % lanes;
    out[lane]!.push(c);
  }
  return out.filter((l) => l.length > 0);
}

function claimKeys(r: Remittance835): { claimNumbers: string[]; payerClaimNumbers: string[] } {
  const claimNumbers: string[] = [];
  const payerClaimNumbers: string[] = [];
  for (const t of r.transactions) {
    for (const c of t.claims) {
      claimNumbers.push(c.patientControlNumber);
      if (c.payerClaimNumber) payerClaimNumbers.push(c.payerClaimNumber);
      for (const ref of c.references) if (ref.qualifier === "F8") payerClaimNumbers.push(ref.value);
    }
    for (const p of t.providerAdjustments) {
      if (p.reference) {
        payerClaimNumbers.push(p.reference);
        claimNumbers.push(p.reference);
      }
    }
  }
  return { claimNumbers, payerClaimNumbers };
}

async function linkProviderAdjustments(db: Db, practiceId: string, paymentId: string, p: PaymentPlan): Promise<void> {
  for (const [i, adj] of p.providerAdjustments.entries()) {
    if (!adj.claimId) continue;
    await db
      .update(providerAdjustments)
      .set({ claimId: adj.claimId })
      .where(and(eq(providerAdjustments.paymentId, paymentId), eq(providerAdjustments.position, i), eq(providerAdjustments.practiceId, practiceId)));
  }
}

// ---------------------------------------------------------------------------------------------
// The unmatched queue: a biller matches by hand, or dismisses

async function loadQueued(db: DbOrTx, actor: Actor, claimPaymentId: string) {
  const [row] = await db
    .select({ cp: claimPayments, file: remittanceFiles, payment: remittancePayments })
    .from(claimPayments)
    .innerJoin(remittanceFiles, eq(remittanceFiles.id, claimPayments.fileId))
    .innerJoin(remittancePayments, eq(remittancePayments.id, claimPayments.paymentId))
    .where(and(eq(claimPayments.id, claimPaymentId), eq(claimPayments.practiceId, actor.practiceId)));
  if (!row) throw new DomainError("NOT_FOUND", "Claim payment not found.");
  return row;
}

/**
 * Posts an unmatched or held claim payment to the claim a biller chose, with the SVC → claim line
 * map they confirmed. The same rules as auto-posting apply (balancing, reversals); a second payment
 * of paid lines posts only when the biller says it is right (`allowRepeatPayment`).
 */
export async function matchClaimPayment(
  db: Db,
  actor: Actor,
  input: { claimPaymentId: string; claimId: string; lines: { position: number; claimLineId: string }[]; allowRepeatPayment: boolean },
  now: Date,
) {
  const { cp, file, payment } = await loadQueued(db, actor, input.claimPaymentId);
  if (cp.status !== "unmatched" && cp.status !== "held") throw new DomainError("INVALID_TRANSITION", `This claim payment is ${cp.status.replace(/_/g, " ")}; only unmatched or held ones are matched by hand.`);
  const remittance = parse835(Buffer.from(file.content).toString("latin1"));
  const clp = remittance.transactions[payment.position]?.claims[cp.position];
  if (!clp) throw new DomainError("CONFLICT", "The stored file no longer has this claim payment.");
  const reference = await loadReferenceData(db);
  const index = indexDenialRules(reference.denialRules, reference.adjustmentCodes);

  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ status: claimPayments.status }).from(claimPayments).where(eq(claimPayments.id, cp.id)).for("update");
    if (locked?.status !== cp.status) throw new DomainError("CONFLICT", "Someone else matched or dismissed this claim payment. Reload to see it.");
    const snaps = await claimSnapshots(tx, actor.practiceId, [input.claimId]);
    const claim = snaps.get(input.claimId);
    if (!claim) throw new DomainError("NOT_FOUND", "Claim not found.", { field: "claimId" });
    if (claim.notPostableReason) throw new DomainError("VALIDATION", `Claim ${claim.claimNumber}: ${claim.notPostableReason}`, { field: "claimId" });
    const lineMap = new Map(input.lines.map((l) => [l.position, l.claimLineId]));
    const ctx = { paymentIndex: payment.position, claimIndex: cp.position, index, state: new PlanState(), errors: remittance.findings.filter((f: Finding835) => f.severity === "error" && f.claim === clp.patientControlNumber) };
    const plan = planAgainstClaim(readClaimPayment(clp, ctx), clp, claim, ctx, { matchedBy: "manual", lineMap, allowRepeatPayment: input.allowRepeatPayment });
    if (plan.disposition !== "post") throw new DomainError("VALIDATION", plan.reason ?? "This claim payment cannot post to that claim.");
    if (plan.lines.some((l) => !l.claimLineId)) throw new DomainError("VALIDATION", "Match every service line to a line of the claim.", { field: "lines" });

    // replace the queued row by the posted one, keeping its id
    const reverses = plan.reversesPaymentId;
    await tx
      .update(claimPayments)
      .set({ status: "posted", claimId: claim.id, matchedBy: "manual", reason: null, outcome: plan.outcome, reversesClaimPaymentId: reverses, postedAt: now, postedByUserId: actor.userId })
      .where(eq(claimPayments.id, cp.id));
    if (reverses) await tx.update(claimPayments).set({ reversedByClaimPaymentId: cp.id }).where(and(eq(claimPayments.id, reverses), eq(claimPayments.practiceId, actor.practiceId)));
    const lineRows = await tx
      .select({ id: claimPaymentLines.id, position: claimPaymentLines.position })
      .from(claimPaymentLines)
      .where(eq(claimPaymentLines.claimPaymentId, cp.id))
      .orderBy(claimPaymentLines.position);
    const lineIds: string[] = [];
    for (const r of lineRows) {
      lineIds[r.position] = r.id;
      await tx.update(claimPaymentLines).set({ claimLineId: plan.lines[r.position]!.claimLineId, unmatchedReason: null }).where(eq(claimPaymentLines.id, r.id));
    }
    await settleClaims(tx, actor, [claim.id], now, { remittanceFileId: file.id, source: "matched by hand" });
    const terms = await loadPricingTerms(tx, actor.practiceId);
    const opened = await openWorkItems(tx, actor, { reference, terms }, [{ id: cp.id, plan, lineIds }], payment.paymentDate, now);
    await tx
      .update(remittanceFiles)
      .set({
        postedCount: sql`${remittanceFiles.postedCount} + 1`,
        unmatchedCount: sql`${remittanceFiles.unmatchedCount} - ${cp.status === "unmatched" ? 1 : 0}`,
        heldCount: sql`${remittanceFiles.heldCount} - ${cp.status === "held" ? 1 : 0}`,
        denialCount: sql`${remittanceFiles.denialCount} + ${opened}`,
      })
      .where(eq(remittanceFiles.id, file.id));
    await recordAudit(tx, actor, {
      action: "claim_payment.matched",
      entityType: "claim_payment",
      entityId: cp.id,
      before: { status: cp.status, reason: cp.reason },
      after: { status: "posted", claimId: claim.id, claimNumber: claim.claimNumber, lines: input.lines, allowRepeatPayment: input.allowRepeatPayment },
    });
    return { id: cp.id, status: "posted" as const, claimId: claim.id, denials: opened };
  });
}

/** Closes an unmatched or held claim payment without posting it (not our patient, posted elsewhere …), with the reason. */
export async function dismissClaimPayment(db: Db, actor: Actor, input: { claimPaymentId: string; reason: string }, now: Date) {
  return db.transaction(async (tx) => {
    const [cp] = await tx
      .select()
      .from(claimPayments)
      .where(and(eq(claimPayments.id, input.claimPaymentId), eq(claimPayments.practiceId, actor.practiceId)))
      .for("update");
    if (!cp) throw new DomainError("NOT_FOUND", "Claim payment not found.");
    if (cp.status !== "unmatched" && cp.status !== "held") throw new DomainError("INVALID_TRANSITION", `This claim payment is ${cp.status.replace(/_/g, " ")}; only unmatched or held ones are dismissed.`);
    await tx.update(claimPayments).set({ status: "dismissed", reason: input.reason }).where(eq(claimPayments.id, cp.id));
    await tx
      .update(remittanceFiles)
      .set({
        unmatchedCount: sql`${remittanceFiles.unmatchedCount} - ${cp.status === "unmatched" ? 1 : 0}`,
        heldCount: sql`${remittanceFiles.heldCount} - ${cp.status === "held" ? 1 : 0}`,
      })
      .where(eq(remittanceFiles.id, cp.fileId));
    await recordAudit(tx, actor, { action: "claim_payment.dismissed", entityType: "claim_payment", entityId: cp.id, before: { status: cp.status, reason: cp.reason }, after: { status: "dismissed", reason: input.reason, at: now.toISOString() } });
    return { id: cp.id, status: "dismissed" as const };
  });
}

/** A biller asks to post a failed or stuck file again (safe: posting skips what is written). */
export async function requeueRemittanceFile(db: Db, actor: Actor, fileId: string, now: Date, enqueue: (fileId: string) => Promise<void>) {
  const [f] = await db
    .update(remittanceFiles)
    .set({ status: "queued", queuedAt: now, lastError: null })
    .where(
      and(
        eq(remittanceFiles.id, fileId),
        eq(remittanceFiles.practiceId, actor.practiceId),
        sql`(${remittanceFiles.status} in ('failed', 'received', 'queued') or (${remittanceFiles.status} = 'posting' and (${remittanceFiles.leaseUntil} is null or ${remittanceFiles.leaseUntil} < now())))`,
      ),
    )
    .returning({ id: remittanceFiles.id });
  if (!f) throw new DomainError("INVALID_TRANSITION", "Only a failed file, or one whose posting stopped, can be posted again.");
  await recordAudit(db, actor, { action: "remittance_file.requeued", entityType: "remittance_file", entityId: fileId, after: { status: "queued" } });
  await enqueue(fileId);
  return { id: fileId, status: "queued" as const };
}

/** Files whose job was lost (queued long ago, or a lease that ran out) — the worker's sweeper sends them again. */
export async function filesToResend(db: Db, olderThanSeconds: number): Promise<string[]> {
  const rows = await db
    .select({ id: remittanceFiles.id })
    .from(remittanceFiles)
    .where(
      sql`(${remittanceFiles.status} in ('received', 'queued') and coalesce(${remittanceFiles.queuedAt}, ${remittanceFiles.uploadedAt}) < now() - make_interval(secs => ${olderThanSeconds}))
        or (${remittanceFiles.status} = 'posting' and ${remittanceFiles.leaseUntil} < now() - make_interval(secs => ${olderThanSeconds}))`,
    )
    .limit(100);
  return rows.map((r) => r.id);
}

export function newWorkerId(): string {
  return `${process.pid}-${randomUUID().slice(0, 8)}`;
}
