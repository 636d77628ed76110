import type { Db, Tx } from "../client";
import { ZSubmissionSettings, type TSubmissionSettingsInput } from "@/server/api/routers/claims/schemas";
import { daysLeft } from "@/server/domain/claims/filing";
import { listUnbilled } from "@/server/queries/claims";
import { importAcknowledgments } from "@/server/services/acknowledgments";
import { createBatches, getBatch, submitBatch } from "@/server/services/batches";
import {
  buildClaim,
  cancelClaim,
  closeClaim,
  createReplacement,
  createVoid,
  getClaimDetail,
  markClaimReady,
  overrideWarning,
  recordAdjudication,
  type ReferenceHandle,
} from "@/server/services/claims";
import type { Actor } from "@/server/services/context";
import { getReference } from "@/server/services/reference-data";
import { saveSubmissionSettings } from "@/server/services/submission-settings";
import { make277ca, make999 } from "./x12-acks";

/** The demo practice's 837 envelope: a test (T) interchange to a made-up clearinghouse. */
export const DEMO_SUBMISSION_SETTINGS: TSubmissionSettingsInput = {
  submitterName: "LAKESIDE ONCOLOGY BILLING",
  submitterId: "LAKESIDE01",
  contactName: "BILLING OFFICE",
  contactPhone: "6085550100",
  contactEmail: null,
  receiverName: "DEMO CLEARINGHOUSE",
  receiverId: "CLEARHOUSE01",
  senderQualifier: "ZZ",
  receiverQualifier: "ZZ",
  usage: "T",
  billingZipPlus4: "537031234",
  billingTaxonomy: "207RX0202X",
  billingPhone: "6085550100",
};

export interface SeedClaimsInput {
  practiceId: string;
  now: Date;
  users: { biller: string | null; admin: string | null };
}

export interface SeededClaims {
  /** claim ids by the part of the claim life they show */
  examples: Partial<
    Record<
      | "draft"
      | "ready"
      | "batched"
      | "accepted"
      | "rejected999"
      | "rejected277"
      | "adjudicated"
      | "closed"
      | "replaced"
      | "replacement"
      | "voided"
      | "void"
      | "cancelled",
      string
    >
  >;
  /** ready infusions left unbilled for billers (and the e2e) to build claims from */
  unbilledLeft: number;
  /** the unbilled infusion left close to its filing limit (its claim gets the timely-filing warning) */
  nearLimitInfusion: string | null;
}

/** How many of the oldest ready infusions become demo claims; the rest stay unbilled. */
const DEMO_CLAIM_INFUSIONS = 11;

/**
 * Claims in every state, through the same services a biller's clicks call (so every row has its audit
 * trail): built from the oldest ready infusions, made ready, batched into 837 files with the
 * practice's control numbers, submitted, and answered by a 999 and a 277CA written here the way a
 * clearinghouse and a payer answer. One claim is rejected by the 999, one by the 277CA; an accepted
 * claim is replaced (frequency 7) and another voided (frequency 8); one is adjudicated, one closed,
 * one cancelled. Runs in the demo seed's transaction.
 */
export async function seedClaims(tx: Tx, ctx: SeedClaimsInput): Promise<SeededClaims> {
  const db = tx as unknown as Db; // services open savepoints inside the seed's transaction
  const { now, practiceId } = ctx;
  const biller: Actor = { userId: ctx.users.biller, practiceId, role: "biller", requestId: "seed" };
  const admin: Actor = { userId: ctx.users.admin, practiceId, role: "admin", requestId: "seed" };
  await saveSubmissionSettings(tx, admin, ZSubmissionSettings.parse(DEMO_SUBMISSION_SETTINGS), now);
  const ref: ReferenceHandle = await getReference(db);
  const asOf = now.toISOString().slice(0, 10);
  const examples: SeededClaims["examples"] = {};

  const { rows } = await listUnbilled(tx, practiceId, { page: 1, pageSize: 100 }, asOf);
  const withPayer = rows.filter((r) => r.payerId !== null);
  // One infusion within 30 days of its filing limit stays unbilled, for a biller to send today: the
  // filing-deadlines worklist starts with it and its claim carries the scrubber's timely-filing warning.
  // It is another patient's than the oldest infusion's (that one becomes the draft example).
  const nearLimit =
    withPayer.find((r) => {
      const left = r.filingDeadline === null ? null : daysLeft(r.filingDeadline, asOf);
      return r.patientId !== withPayer[0]!.patientId && left !== null && left > 0 && left <= 30;
    }) ?? null;
  const candidates = withPayer.filter((r) => r !== nearLimit);
  // Build clean claims (no error finding) until there are enough; warnings get a reviewed reason.
  const built: { id: string; claimNumber: string }[] = [];
  for (const r of candidates) {
    if (built.length >= DEMO_CLAIM_INFUSIONS) break;
    const c = await buildClaim(tx, biller, { administrationIds: [r.id] }, now, ref);
    const d = await getClaimDetail(db, biller, c.id, now);
    if (d.findings.some((f) => f.severity === "error")) {
      await cancelClaim(
        tx,
        biller,
        { claimId: c.id, reason: "Demo: built from an infusion whose documentation needs correcting first." },
        now,
      );
      continue;
    }
    built.push({ id: c.id, claimNumber: c.claimNumber });
  }
  if (built.length < DEMO_CLAIM_INFUSIONS)
    return { examples, unbilledLeft: withPayer.length - built.length, nearLimitInfusion: nearLimit?.id ?? null };
  type B = (typeof built)[number];
  const [
    draft,
    ready,
    batched,
    accepted,
    rejected277,
    adjudicated,
    closed,
    toReplace,
    toVoid,
    rejected999,
    cancelled,
  ] = built as [B, B, B, B, B, B, B, B, B, B, B];

  const overrideAll = async (claimId: string) => {
    const d = await getClaimDetail(db, biller, claimId, now);
    for (const f of d.findings.filter((x) => x.severity === "warning" && !x.overridden)) {
      await overrideWarning(
        tx,
        biller,
        {
          claimId,
          rule: f.rule,
          fingerprint: f.fingerprint,
          reason: "Reviewed against the documentation and the payer's policy before sending.",
        },
        now,
        ref,
      );
    }
  };
  const ready_ = async (claimId: string) => {
    await overrideAll(claimId);
    await markClaimReady(tx, biller, { claimId }, now, ref);
  };

  examples.draft = draft.id;
  await cancelClaim(
    tx,
    biller,
    { claimId: cancelled.id, reason: "Duplicate of a claim built the same morning." },
    now,
  );
  examples.cancelled = cancelled.id;
  for (const c of [
    ready,
    batched,
    accepted,
    rejected277,
    adjudicated,
    closed,
    toReplace,
    toVoid,
    rejected999,
  ])
    await ready_(c.id);
  examples.ready = ready.id;

  // A batch created and not yet sent.
  await createBatches(db, biller, { claimIds: [batched.id] }, now, ref);
  examples.batched = batched.id;

  // The main submission: accepted by the clearinghouse (999), then answered claim by claim (277CA).
  const main = [accepted, rejected277, adjudicated, closed, toReplace, toVoid];
  const mainBatches = await createBatches(db, biller, { claimIds: main.map((c) => c.id) }, now, ref);
  let icn = 900100;
  const files: { name: string; content: Buffer }[] = [];
  for (const b of mainBatches.batches) {
    await submitBatch(tx, biller, { batchId: b.id, channel: "clearinghouse_upload" }, now);
    const detail = await getBatch(tx, biller, b.id);
    const version = detail.batch.claimType === "institutional" ? "005010X223A2" : "005010X222A1";
    files.push({
      name: `999-${b.interchangeControlNumber}.x12`,
      content: Buffer.from(
        make999({
          groupControlNumber: detail.batch.groupControlNumber,
          transactionSetControlNumber: detail.batch.transactionSetControlNumber,
          status: "A",
          icn: icn++,
          version,
        }),
        "latin1",
      ),
    });
  }
  const ackClaims = [];
  for (const c of main) {
    const d = await getClaimDetail(db, biller, c.id, now);
    const rejected = c === rejected277;
    ackClaims.push({
      claimNumber: c.claimNumber,
      status: rejected ? "A7:164:IL" : "A2:20:PR",
      ...(rejected
        ? {}
        : { payerClaimNumber: `PCN${d.claim.claimNumber.replace(/\D/g, "").padStart(8, "0")}` }),
      amount: (d.claim.totalChargeCents / 100).toFixed(2),
      dateOfService: d.claim.dateOfService.replace(/-/g, ""),
      lastName: d.patient.lastName.toUpperCase(),
      firstName: d.patient.firstName.toUpperCase(),
      memberId: d.payer.memberId,
    });
  }
  files.push({
    name: "277CA-demo-payers.x12",
    content: Buffer.from(
      make277ca(ackClaims, {
        icn: icn++,
        payerName: "DEMO PAYERS",
        payerId: "DEMOPAYER",
        trace: "DEMOBATCH1",
      }),
      "latin1",
    ),
  });
  await importAcknowledgments(db, biller, files, now);
  examples.accepted = accepted.id;
  examples.rejected277 = rejected277.id;

  // The payer paid one claim in full (recorded as remittance posting does) and another was closed after payment.
  for (const c of [adjudicated, closed]) {
    const d = await getClaimDetail(db, biller, c.id, now);
    await recordAdjudication(
      tx,
      biller,
      {
        claimId: c.id,
        outcome: "paid",
        paidCents: Math.round(d.claim.totalChargeCents * 0.8),
        patientResponsibilityCents: d.claim.totalChargeCents - Math.round(d.claim.totalChargeCents * 0.8),
      },
      now,
    );
  }
  examples.adjudicated = adjudicated.id;
  await closeClaim(
    tx,
    biller,
    { claimId: closed.id, reason: "Paid by the payer; the patient's share was billed to the secondary." },
    now,
  );
  examples.closed = closed.id;

  // A replacement (frequency 7) of an accepted claim and a void (frequency 8) of another, both sent.
  const pcnOf = async (id: string) => (await getClaimDetail(db, biller, id, now)).claim.payerClaimNumber;
  const replacement = await createReplacement(
    tx,
    biller,
    {
      claimId: toReplace.id,
      reason: "Wrong NDC quantity on the drug line; corrected from the pharmacy record.",
      payerClaimNumber: await pcnOf(toReplace.id),
    },
    now,
    ref,
  );
  const voidClaim = await createVoid(
    tx,
    biller,
    {
      claimId: toVoid.id,
      reason: "Billed to the wrong payer: the patient's plan changed that month.",
      payerClaimNumber: await pcnOf(toVoid.id),
    },
    now,
    ref,
  );
  await ready_(replacement.id);
  await ready_(voidClaim.id);
  const corrections = await createBatches(db, biller, { claimIds: [replacement.id, voidClaim.id] }, now, ref);
  for (const b of corrections.batches)
    await submitBatch(tx, biller, { batchId: b.id, channel: "clearinghouse_upload" }, now);
  examples.replaced = toReplace.id;
  examples.replacement = replacement.id;
  examples.voided = toVoid.id;
  examples.void = voidClaim.id;

  // A batch the clearinghouse rejected (999 R with the segment in error).
  const bad = await createBatches(db, biller, { claimIds: [rejected999.id] }, now, ref);
  const b = bad.batches[0]!;
  await submitBatch(tx, biller, { batchId: b.id, channel: "clearinghouse_sftp" }, now);
  const bd = await getBatch(tx, biller, b.id);
  const r999 = make999({
    groupControlNumber: bd.batch.groupControlNumber,
    transactionSetControlNumber: bd.batch.transactionSetControlNumber,
    status: "R",
    icn: icn++,
    version: bd.batch.claimType === "institutional" ? "005010X223A2" : "005010X222A1",
    errors: [
      {
        segment: "NM1",
        position: 9,
        loop: "2010BA",
        code: "8",
        element: { position: 9, reference: "67", code: "7", bad: "X" },
        claimNumber: rejected999.claimNumber,
      },
    ],
  });
  await importAcknowledgments(
    db,
    biller,
    [{ name: `999-${b.interchangeControlNumber}-rejected.x12`, content: Buffer.from(r999, "latin1") }],
    now,
  );
  examples.rejected999 = rejected999.id;

  return { examples, unbilledLeft: withPayer.length - built.length, nearLimitInfusion: nearLimit?.id ?? null };
}
