import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { authorizations, orders, priorAuthDecisions, priorAuthRequests } from "@/db/schema";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { EMPTY_CLINICAL_SUMMARY, type PaChannel } from "@/server/domain/prior-auth/codes";
import type { PriorAuthState } from "@/server/domain/workflow/prior-auth";

/**
 * Prior-authorization rows for the dashboard tests, inserted directly at chosen instants so the
 * authorization figures can be worked out by hand: an order, a request, the payer's decisions (each
 * with the submission it answers) and the authorizations an approval grants.
 */

const ts = (s: string) => new Date(s.length === 10 ? `${s}T12:00:00Z` : s);

export interface DecisionSpec {
  outcome: "approved" | "partially_approved" | "denied";
  /** the submission this decision answers (ISO instant) */
  submittedAt: string;
  /** the payer's decision date */
  decidedOn: string;
  /** when it was recorded (ISO instant) */
  recordedAt: string;
  /** an approval's authorization: dates, and when it was replaced (voided) if it was */
  authorization?: { start: string; end: string; voidedAt?: string };
}

export async function paRequest(
  db: Db,
  practiceId: string,
  setup: PracticeSetupIds,
  o: {
    patient: { patientId: string; coverageId: string };
    payerId: string;
    status: PriorAuthState;
    channel: PaChannel | null;
    /** the request row's latest submission */
    submittedAt: string | null;
    decisions?: DecisionSpec[];
    orderId?: string;
    other?: boolean;
  },
) {
  let orderId = o.orderId;
  if (!orderId) {
    const [ord] = await db
      .insert(orders)
      .values({
        practiceId,
        patientId: o.patient.patientId,
        indicationId: "nsclc-stage3-consolidation",
        diagnoses: ["C34.11"],
        phases: [{ name: "consolidation", doseKind: "flat", doseAmount: "1500", frequency: "q4w", cycles: null }] as never,
        durationMonths: 12,
        startDate: "2026-06-01",
        orderingProviderId: o.other ? setup.other.provider : setup.providers.oncologistA,
        locationId: o.other ? setup.other.location : setup.locations.office,
        weightKg: "70.0",
        status: "active",
      })
      .returning();
    orderId = ord!.id;
  }
  const decisions = o.decisions ?? [];
  const last = decisions.at(-1);
  const [r] = await db
    .insert(priorAuthRequests)
    .values({
      practiceId,
      requestNumber: `PA-${randomBytes(3).toString("hex")}`,
      patientId: o.patient.patientId,
      orderId,
      coverageId: o.patient.coverageId,
      payerId: o.payerId,
      status: o.status,
      trigger: "order_signed",
      indicationId: "nsclc-stage3-consolidation",
      diagnoses: ["C34.11"],
      requestedLines: [{ hcpcs: "J9173", ndc: null, units: 600, doses: 4 }],
      startDate: "2026-06-01",
      endDate: "2026-12-31",
      clinical: EMPTY_CLINICAL_SUMMARY,
      orderingProviderId: o.other ? setup.other.provider : setup.providers.oncologistA,
      locationId: o.other ? setup.other.location : setup.locations.office,
      channel: o.channel,
      submittedAt: o.submittedAt ? ts(o.submittedAt) : null,
      decidedAt: last ? ts(last.recordedAt) : null,
    })
    .returning();
  for (const d of decisions) {
    const number = d.outcome === "denied" ? null : `AUTH-${randomBytes(3).toString("hex")}`;
    const [row] = await db
      .insert(priorAuthDecisions)
      .values({
        practiceId,
        requestId: r!.id,
        outcome: d.outcome,
        authorizationNumber: number,
        startDate: d.authorization?.start ?? null,
        endDate: d.authorization?.end ?? null,
        approvedLines: d.authorization ? [{ hcpcs: "J9173", units: 600, doses: 4 }] : [],
        denialReason: d.outcome === "denied" ? "Policy criteria not met" : null,
        decidedOn: d.decidedOn,
        submittedAt: ts(d.submittedAt),
        createdAt: ts(d.recordedAt),
      })
      .returning();
    if (d.authorization) {
      await db.insert(authorizations).values({
        practiceId,
        requestId: r!.id,
        decisionId: row!.id,
        patientId: o.patient.patientId,
        orderId,
        coverageId: o.patient.coverageId,
        payerId: o.payerId,
        authorizationNumber: number!,
        hcpcs: "J9173",
        approvedUnits: 600,
        approvedDoses: 4,
        startDate: d.authorization.start,
        endDate: d.authorization.end,
        voidedAt: d.authorization.voidedAt ? ts(d.authorization.voidedAt) : null,
        createdAt: ts(d.recordedAt),
      });
    }
  }
  const [req] = await db.select().from(priorAuthRequests).where(eq(priorAuthRequests.id, r!.id));
  return { id: req!.id, orderId, requestNumber: req!.requestNumber };
}
