import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  administrationDocumentation,
  administrations,
  claimAdministrations,
  claimOverrides,
  claimPaymentLines,
  claimPayments,
  claims,
  denialWorkItems,
  orders,
  remittanceAdjustments,
  remittanceFiles,
  remittancePayments,
} from "@/db/schema";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import type { DenialCategory } from "@/server/domain/denials/codes";
import type { ClaimState } from "@/server/domain/workflow/claim";
import { makeSentClaim, type TestLine } from "./remittance";

/**
 * Rows for the dashboard tests, inserted directly so each test data set is small and every figure
 * can be worked out by hand: claims at given dates and states, remittances with chosen amounts,
 * denial work items, infusions.
 */

const at = (d: string, time = "12:00:00") => new Date(`${d}T${time}Z`);

export async function kpiClaim(
  db: Db,
  practiceId: string,
  setup: PracticeSetupIds,
  o: {
    number: string;
    dos: string;
    submitted?: string | null;
    lines: TestLine[];
    payer?: keyof PracticeSetupIds["payers"];
    status?: ClaimState;
    revision?: number;
    rejected?: string;
    originalClaimId?: string;
    createdAt?: string;
    other?: boolean;
    /** an existing patient and coverage (a new covered patient otherwise) */
    patient?: { patientId: string; coverageId: string };
  },
) {
  const c = await makeSentClaim(db, practiceId, setup, { claimNumber: o.number, dos: o.dos, lines: o.lines, payer: o.payer ?? "commercial", status: o.status ?? "submitted", other: o.other ?? false, ...(o.patient ? { patient: o.patient } : {}) });
  await db
    .update(claims)
    .set({
      submittedAt: o.submitted === null ? null : at(o.submitted ?? o.dos, "20:00:00"),
      submissionChannel: o.submitted === null ? null : "paper",
      revision: o.revision ?? 1,
      rejectedAt: o.rejected ? at(o.rejected) : null,
      originalClaimId: o.originalClaimId ?? null,
      createdAt: at(o.createdAt ?? o.dos, "18:00:00"),
    })
    .where(eq(claims.id, c.claim.id));
  return { id: c.claim.id, lines: c.lines, patientId: c.patientId, coverageId: c.coverageId };
}

export async function overrideWarning(db: Db, practiceId: string, claimId: string) {
  await db.insert(claimOverrides).values({ practiceId, claimId, rule: "R-TEST", fingerprint: randomBytes(4).toString("hex"), message: "A warning", reason: "Reviewed by the biller" });
}

export interface RemitInput {
  posted: string;
  /** the 835 arrived this many days before it posted */
  receivedDaysBefore?: number;
  paid: number;
  contractual?: number;
  patient?: number;
  denied?: number;
  reversalOf?: string;
  lines?: { claimLineId: string; units: number; allowed: number; paid: number }[];
  adjustments?: { group: string; carc: string; amount: number; kind: "denial" | "posting"; category?: DenialCategory }[];
}

/** One posted claim payment (with its file and payment) on a claim. */
export async function postRemit(db: Db, practiceId: string, claimId: string, r: RemitInput) {
  const postedAt = at(r.posted);
  const uploadedAt = new Date(postedAt.getTime() - (r.receivedDaysBefore ?? 1) * 86_400_000);
  const content = Buffer.from(`ISA*KPI*${randomBytes(8).toString("hex")}~`);
  const [file] = await db
    .insert(remittanceFiles)
    .values({ practiceId, fileName: "kpi.835", content, sha256: createHash("sha256").update(content).digest("hex"), bytes: content.length, status: "posted", uploadedAt })
    .returning();
  const [payment] = await db
    .insert(remittancePayments)
    .values({ practiceId, fileId: file!.id, position: 0, payerName: "PAYER", payerKey: "1999999999", traceNumber: randomBytes(6).toString("hex"), amountCents: r.paid, claimCount: 1, payeeName: "PRACTICE", paymentDate: r.posted })
    .returning();
  const denied = r.denied ?? 0;
  const [cp] = await db
    .insert(claimPayments)
    .values({
      practiceId,
      fileId: file!.id,
      paymentId: payment!.id,
      position: 0,
      claimId,
      status: "posted",
      matchedBy: "claim_number",
      patientControlNumber: "PCN",
      statusCode: r.reversalOf ? "22" : r.paid > 0 ? "1" : "4",
      outcome: r.reversalOf ? "reversed" : denied > 0 ? (r.paid > 0 ? "partially_paid" : "denied") : "paid",
      isReversal: Boolean(r.reversalOf),
      reversesClaimPaymentId: r.reversalOf ?? null,
      chargeCents: r.paid + (r.contractual ?? 0) + (r.patient ?? 0) + denied,
      paidCents: r.paid,
      allowedCents: r.paid + (r.patient ?? 0),
      contractualCents: r.contractual ?? 0,
      patientCents: r.patient ?? 0,
      deductibleCents: 0,
      coinsuranceCents: r.patient ?? 0,
      copayCents: 0,
      deniedCents: denied,
      postedAt,
      createdAt: postedAt,
    })
    .returning();
  if (r.reversalOf) await db.update(claimPayments).set({ reversedByClaimPaymentId: cp!.id }).where(eq(claimPayments.id, r.reversalOf));
  for (const [i, l] of (r.lines ?? []).entries()) {
    await db.insert(claimPaymentLines).values({
      practiceId,
      claimPaymentId: cp!.id,
      position: i,
      claimLineId: l.claimLineId,
      code: "J9173",
      modifiers: [],
      units: String(l.units),
      chargeCents: l.allowed,
      paidCents: l.paid,
      allowedCents: l.allowed,
      allowedSource: "B6",
    });
  }
  for (const a of r.adjustments ?? []) {
    await db.insert(remittanceAdjustments).values({ practiceId, claimPaymentId: cp!.id, groupCode: a.group, carc: a.carc, amountCents: a.amount, kind: a.kind, category: a.category ?? null });
  }
  return cp!.id;
}

export async function workItem(
  db: Db,
  practiceId: string,
  claimId: string,
  claimPaymentId: string,
  o: {
    kind?: "denial" | "underpayment";
    category?: DenialCategory | null;
    amount: number;
    opened: string;
    appealed?: string;
    resolved?: string;
    status?: "open" | "appealed" | "resolved" | "written_off";
    outcome?: "overturned" | "partially_overturned" | "not_needed";
    recovered?: number;
    writeOff?: number;
  },
) {
  const kind = o.kind ?? "denial";
  await db.insert(denialWorkItems).values({
    practiceId,
    kind,
    claimId,
    claimPaymentId,
    status: o.status ?? "open",
    category: kind === "denial" ? (o.category ?? "other") : null,
    action: kind === "denial" ? "appeal" : "review",
    codes: ["CO-50"],
    amountCents: o.amount,
    explanation: "Test item",
    detail: {},
    appealSentAt: o.appealed ? at(o.appealed, "00:00:00") : null,
    outcome: o.outcome ?? null,
    recoveredCents: o.recovered ?? null,
    writeOffCents: o.writeOff ?? null,
    writeOffReason: o.writeOff ? "Not recoverable after review" : null,
    resolvedAt: o.resolved ? at(o.resolved, "00:00:00") : null,
    createdAt: at(o.opened, "00:00:00"),
  });
}

/** An order of the given indication with infusions at the given dates and states (the current documentation carries the actual date). */
export async function infusions(
  db: Db,
  practiceId: string,
  patientId: string,
  setup: PracticeSetupIds,
  indicationId: string,
  rows: { planned: string; actual?: string; status: "scheduled" | "documented" | "ready_for_billing" }[],
) {
  const [o] = await db
    .insert(orders)
    .values({
      practiceId,
      patientId,
      indicationId,
      diagnoses: ["C34.11"],
      phases: [{ name: "consolidation", doseKind: "flat", doseAmount: "1500", frequency: "q4w", cycles: null }] as never,
      durationMonths: 12,
      startDate: rows[0]!.planned,
      orderingProviderId: setup.providers.oncologistA,
      locationId: setup.locations.office,
      weightKg: "70.0",
      status: "active",
    })
    .returning();
  const ids: string[] = [];
  for (const [i, r] of rows.entries()) {
    const [a] = await db
      .insert(administrations)
      .values({ practiceId, orderId: o!.id, patientId, sequence: i + 1, cycle: i + 1, phaseIndex: 0, plannedDate: r.planned, originalPlannedDate: r.planned, status: r.status })
      .returning();
    if (r.actual) await db.insert(administrationDocumentation).values({ practiceId, administrationId: a!.id, version: 1, isCurrent: true, actualDate: r.actual });
    ids.push(a!.id);
  }
  return { orderId: o!.id, administrationIds: ids };
}

export async function billInfusion(db: Db, practiceId: string, claimId: string, administrationId: string, coverageId: string) {
  await db.insert(claimAdministrations).values({ practiceId, claimId, administrationId, coverageId, active: true });
}
