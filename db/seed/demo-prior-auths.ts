import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { auditEvents, authorizations, coverages, orders, patients, payers, priorAuthDecisions, priorAuthEvaluations, priorAuthRequests, priorAuthRules } from "../schema";
import { preparedReference } from "./demo-documentation";
import { addDays } from "@/server/domain/billing/dates";
import { EMPTY_CLINICAL_SUMMARY, type ClinicalSummary, type PaChannel, type RequestedLine } from "@/server/domain/prior-auth/codes";
import type { LedgerDose } from "@/server/domain/prior-auth/ledger";
import { evaluateRequirement, type RequirementRule } from "@/server/domain/prior-auth/requirements";
import type { PriorAuthEvent, PriorAuthState } from "@/server/domain/workflow/prior-auth";
import { orderLedgerDoses } from "@/server/queries/prior-auths";

/**
 * Demo prior authorizations on the signed and active orders whose primary payer requires them,
 * in every state, written as the services would have left them (requests, decisions,
 * authorizations, evaluations, audit rows at their dates). Units come from the same ledger code
 * the app uses, so the numbers agree with the documentation pages:
 *
 *   active orders (by patient name)
 *   1. partially approved: two of the three given infusions' units; the third given infusion is
 *      blocked (not enough units) and it runs out before the next one; an earlier request withdrawn
 *   2. expired: covered only the first infusion's dates; the second given one is outside them; a
 *      renewal waits on information the payer wants by tomorrow
 *   3. approved, runs out before the next cycle and ends within 30 days (renewal due); an earlier
 *      request denied
 *   4. left without a request: the coordinator's journey opens it (tests/e2e/prior-auth.spec.ts)
 *   signed orders: drafting, appeal submitted, needed, peer-to-peer requested, submitted and overdue.
 * Payer rules for the two commercial plans decide the requirement (180 days, lead time 14 days).
 */

export interface SeededPriorAuths {
  requests: number;
  /** the active order left for the end-to-end journey (null when the demo has none) */
  journeyOrderId: string | null;
}

type Candidate = { order: typeof orders.$inferSelect; patient: typeof patients.$inferSelect; coverage: typeof coverages.$inferSelect; payer: typeof payers.$inferSelect };
type Step = [event: PriorAuthEvent | "opened" | "updated", day: string, extra?: Record<string, unknown>];

const at = (iso: string, hour = 15) => new Date(`${iso}T${String(hour).padStart(2, "0")}:00:00Z`);

export async function seedPriorAuths(tx: Tx, ctx: { practiceId: string; now: Date; users: { pa: string | null; admin: string | null } }): Promise<SeededPriorAuths> {
  const { practiceId, now } = ctx;
  const today = now.toISOString().slice(0, 10);
  const ref = preparedReference();
  const actor = ctx.users.pa ?? ctx.users.admin;

  const candidates: Candidate[] = await tx
    .select({ order: orders, patient: patients, coverage: coverages, payer: payers })
    .from(orders)
    .innerJoin(patients, eq(patients.id, orders.patientId))
    .innerJoin(coverages, and(eq(coverages.patientId, orders.patientId), eq(coverages.priority, "primary"), lte(coverages.effectiveDate, today), or(isNull(coverages.endDate), gte(coverages.endDate, today))))
    .innerJoin(payers, eq(payers.id, coverages.payerId))
    .where(and(eq(orders.practiceId, practiceId), inArray(orders.status, ["active", "signed"]), eq(payers.priorAuthRequired, true)))
    .orderBy(asc(patients.lastName), asc(orders.id));
  if (candidates.length === 0) return { requests: 0, journeyOrderId: null };
  const open = await tx
    .select({ orderId: priorAuthRequests.orderId })
    .from(priorAuthRequests)
    .where(and(eq(priorAuthRequests.practiceId, practiceId), inArray(priorAuthRequests.status, ["needed", "drafting", "submitted", "pending_info", "peer_to_peer", "appeal_submitted"])));
  const free = candidates.filter((c) => !open.some((o) => o.orderId === c.order.id));

  // The commercial plans' rules (the others decide by the payer's setting).
  const rulePayers = [...new Map(free.filter((c) => c.payer.kind === "commercial").map((c) => [c.payer.id, c.payer])).values()];
  const rules = new Map<string, RequirementRule>();
  for (const [i, p] of rulePayers.entries()) {
    const [r] = await tx
      .insert(priorAuthRules)
      .values({ practiceId, payerId: p.id, hcpcs: "J9173", indicationId: null, requestKind: "any", required: true, maxDays: 180, maxUnits: null, maxDoses: null, leadTimeDays: 14, turnaroundDays: i === 0 ? 15 : 10, effectiveDate: "2026-01-01", note: "From the payer's drug policy (demo)", createdAt: now, updatedAt: now })
      .returning();
    rules.set(p.id, { ...r!, requestKind: r!.requestKind });
  }

  const [{ max } = { max: 0 }] = await tx
    .select({ max: sql<number>`coalesce(max(substring(${priorAuthRequests.requestNumber} from 4)::int), 0)` })
    .from(priorAuthRequests)
    .where(eq(priorAuthRequests.practiceId, practiceId));
  let counter = Number(max);
  const audit: (typeof auditEvents.$inferInsert)[] = [];
  const lastRequestOf = new Map<string, string>();
  /** each request's submissions (submit, appeal, peer-to-peer): a decision answers the latest one before it */
  const submissionsOf = new Map<string, Date[]>();

  const dosesOf = async (c: Candidate) => orderLedgerDoses(tx, practiceId, ref, c.order.id, c.payer.wasteModifiers !== "none");
  const linesOver = (doses: Map<string, LedgerDose[]>, from: string, to: string): RequestedLine[] =>
    [...doses].map(([hcpcs, list]) => {
      const inside = list.filter((d) => d.date >= from && d.date <= to);
      return { hcpcs, ndc: ref.packagesByHcpcs.get(hcpcs)?.[0]?.ndc11 ?? null, units: inside.reduce((n, d) => n + d.units, 0), doses: inside.length };
    });

  /** One request with the steps it went through (audit rows at their days) and its final row values. */
  async function request(
    c: Candidate,
    r: { kind?: "initial" | "renewal"; status: PriorAuthState; trigger?: "order_signed" | "manual"; lines: RequestedLine[]; startDate: string; endDate: string; clinical?: ClinicalSummary; channel?: PaChannel | null; payerReference?: string | null; payerContact?: string | null; notes?: string | null; infoRequested?: string | null; infoDueDate?: string | null; submittedOn?: string | null; decidedOn?: string | null; denialReason?: string | null; assigned?: boolean },
    steps: Step[],
  ): Promise<string> {
    counter += 1;
    const requestNumber = `PA-${String(counter).padStart(6, "0")}`;
    const rule = rules.get(c.payer.id) ?? null;
    const created = at(steps[0]![1], 14);
    const last = at(steps.at(-1)![1], 16);
    const [row] = await tx
      .insert(priorAuthRequests)
      .values({
        practiceId,
        requestNumber,
        patientId: c.patient.id,
        orderId: c.order.id,
        coverageId: c.coverage.id,
        payerId: c.payer.id,
        kind: r.kind ?? "initial",
        status: r.status,
        ruleId: rule?.id ?? null,
        trigger: r.trigger ?? "order_signed",
        indicationId: c.order.indicationId,
        diagnoses: c.order.diagnoses,
        requestedLines: r.lines,
        startDate: r.startDate,
        endDate: r.endDate,
        firstDoseDate: r.startDate,
        clinical: r.clinical ?? EMPTY_CLINICAL_SUMMARY,
        orderingProviderId: c.order.orderingProviderId,
        locationId: c.order.locationId,
        channel: r.channel ?? null,
        payerReference: r.payerReference ?? null,
        payerContact: r.payerContact ?? null,
        notes: r.notes ?? null,
        turnaroundDays: rule?.turnaroundDays ?? 15,
        infoRequested: r.infoRequested ?? null,
        infoDueDate: r.infoDueDate ?? null,
        submittedAt: r.submittedOn ? at(r.submittedOn) : null,
        decidedAt: r.decidedOn ? at(r.decidedOn) : null,
        denialReason: r.denialReason ?? null,
        assigneeUserId: r.assigned ? ctx.users.pa : null,
        revision: steps.length,
        createdByUserId: actor,
        createdAt: created,
        updatedAt: last,
      })
      .returning({ id: priorAuthRequests.id });
    const id = row!.id;
    let status: PriorAuthState = "needed";
    const TO: Partial<Record<PriorAuthEvent, PriorAuthState>> = { start_draft: "drafting", submit: "submitted", request_info: "pending_info", provide_info: "submitted", approve: "approved", approve_partially: "partially_approved", deny: "denied", request_peer_to_peer: "peer_to_peer", submit_appeal: "appeal_submitted", withdraw: "withdrawn", expire: "expired" };
    for (const [event, day, extra] of steps) {
      if (event === "submit" || event === "submit_appeal" || event === "request_peer_to_peer") submissionsOf.set(id, [...(submissionsOf.get(id) ?? []), at(day)]);
      const base = { practiceId, actorUserId: actor, entityType: "prior_auth", entityId: id, requestId: "seed", createdAt: at(day) };
      if (event === "opened") audit.push({ ...base, action: "prior_auth.opened", after: { requestNumber, status: "needed", trigger: r.trigger ?? "order_signed", requestedLines: r.lines, startDate: r.startDate, endDate: r.endDate, source: "demo seed" } });
      else if (event === "updated") audit.push({ ...base, action: "prior_auth.updated", after: { clinical: r.clinical ?? EMPTY_CLINICAL_SUMMARY, channel: r.channel ?? null, source: "demo seed" } });
      else {
        const to = TO[event]!;
        audit.push({ ...base, action: `prior_auth.${event}`, before: { status }, after: { status: to, requestNumber, ...(extra ?? {}), source: "demo seed" } });
        status = to;
      }
    }
    if (status !== r.status) throw new Error(`seedPriorAuths: ${requestNumber} steps end in ${status}, not ${r.status}`);
    lastRequestOf.set(c.order.id, id);
    return id;
  }

  /** The payer's decision on a request, and for an approval its authorizations (one per drug code). */
  async function decision(c: Candidate, requestId: string, d: { outcome: "approved" | "partially_approved" | "denied"; decidedOn: string; number?: string; startDate?: string; endDate?: string; lines?: { hcpcs: string; units: number; doses: number | null }[]; denialReason?: string }) {
    const [row] = await tx
      .insert(priorAuthDecisions)
      .values({ practiceId, requestId, outcome: d.outcome, authorizationNumber: d.number ?? null, startDate: d.startDate ?? null, endDate: d.endDate ?? null, approvedLines: d.lines ?? [], denialReason: d.denialReason ?? null, decidedOn: d.decidedOn, submittedAt: (submissionsOf.get(requestId) ?? []).filter((t) => t <= at(d.decidedOn, 17)).at(-1) ?? null, recordedByUserId: actor, createdAt: at(d.decidedOn, 17) })
      .returning({ id: priorAuthDecisions.id });
    if (d.outcome === "denied") return;
    await tx.insert(authorizations).values(
      d.lines!.map((l) => ({ practiceId, requestId, decisionId: row!.id, patientId: c.patient.id, orderId: c.order.id, coverageId: c.coverage.id, payerId: c.payer.id, authorizationNumber: d.number!, hcpcs: l.hcpcs, approvedUnits: l.units, approvedDoses: l.doses, startDate: d.startDate!, endDate: d.endDate!, createdAt: at(d.decidedOn, 17) })),
    );
  }

  const prefix = (c: Candidate) => (c.payer.name.match(/[A-Z]/g) ?? ["X"]).join("").slice(0, 3);
  const clinicalFor = (c: Candidate, over: Partial<ClinicalSummary> = {}): ClinicalSummary => ({
    stage: c.order.indicationId.includes("stage3") ? "IIIA, unresectable" : c.order.indicationId.includes("limited") ? "Limited stage" : c.order.indicationId.includes("perioperative") ? "cT2N1M0, resectable" : "IV",
    biomarkers: c.order.indicationId.includes("endometrial") ? [{ name: "MMR", result: "dMMR (MLH1/PMS2 loss)" }] : c.order.indicationId.includes("nsclc") ? [{ name: "PD-L1", result: "TPS 55% (22C3)" }, { name: "EGFR/ALK", result: "Negative" }] : [],
    priorTherapies: c.order.indicationId.includes("stage3") ? "Concurrent platinum doublet with 60 Gy radiation, no progression." : null,
    ecog: "1",
    intent: c.order.indicationId.includes("perioperative") ? "adjuvant" : c.order.indicationId.includes("stage3") ? "consolidation" : "palliative",
    notes: null,
    ...over,
  });

  const active = free.filter((c) => c.order.status === "active");
  const signed = free.filter((c) => c.order.status === "signed");
  const usedOf = (m: Map<string, LedgerDose[]>) => (m.get("J9173") ?? []).filter((d) => d.kind === "used");
  const scheduledOf = (m: Map<string, LedgerDose[]>) => (m.get("J9173") ?? []).filter((d) => d.kind === "scheduled" && d.date >= today);

  // 1. Partially approved: two of three given infusions; the third and the next are short.
  const a1 = active[0];
  if (a1) {
    const doses = await dosesOf(a1);
    const used = usedOf(doses);
    const first = used[0]?.date ?? a1.order.startDate;
    const end = addDays(first, 180);
    const lines = linesOver(doses, first, end);
    await request(a1, { status: "withdrawn", lines, startDate: first, endDate: end, channel: "fax", notes: "Opened twice when the order was re-signed." }, [["opened", addDays(first, -35)], ["withdraw", addDays(first, -34), { note: "Duplicate of the request sent by portal." }]]);
    const id = await request(a1, { status: "partially_approved", lines, startDate: first, endDate: end, clinical: clinicalFor(a1), channel: "portal", payerReference: `${prefix(a1)}-CASE-40712`, payerContact: "Utilization management, 800-555-0142", submittedOn: addDays(first, -25), decidedOn: addDays(first, -12) }, [
      ["opened", addDays(first, -30)],
      ["start_draft", addDays(first, -29)],
      ["updated", addDays(first, -29)],
      ["submit", addDays(first, -25), { payerReference: `${prefix(a1)}-CASE-40712` }],
      ["approve_partially", addDays(first, -12), { authorizationNumber: `${prefix(a1)}-A-3141`, note: "Two doses approved; restaging required before more." }],
    ]);
    const approved = [...doses].map(([hcpcs, list]) => ({ hcpcs, units: list.filter((d) => d.kind === "used").slice(0, 2).reduce((n, d) => n + d.units, 0), doses: 2 }));
    await decision(a1, id, { outcome: "partially_approved", decidedOn: addDays(first, -12), number: `${prefix(a1)}-A-3141`, startDate: addDays(first, -3), endDate: addDays(first, 120), lines: approved });
  }

  // 2. Expired: the authorization covered the first infusion's dates only; renewal waits on information due tomorrow.
  const a2 = active[1];
  if (a2) {
    const doses = await dosesOf(a2);
    const used = usedOf(doses);
    const first = used[0]?.date ?? a2.order.startDate;
    const authEnd = addDays(first, 21);
    const lines = linesOver(doses, addDays(first, -7), authEnd);
    const id = await request(a2, { status: "expired", lines, startDate: addDays(first, -7), endDate: authEnd, clinical: clinicalFor(a2), channel: "fax", payerReference: `${prefix(a2)}-FX-88213`, submittedOn: addDays(first, -21), decidedOn: addDays(first, -14) }, [
      ["opened", addDays(first, -28)],
      ["start_draft", addDays(first, -27)],
      ["submit", addDays(first, -21)],
      ["approve", addDays(first, -14), { authorizationNumber: `${prefix(a2)}-A-2207` }],
      ["expire", addDays(authEnd, 1), { note: "Every authorization of the approval has ended." }],
    ]);
    await decision(a2, id, { outcome: "approved", decidedOn: addDays(first, -14), number: `${prefix(a2)}-A-2207`, startDate: addDays(first, -7), endDate: authEnd, lines: lines.map((l) => ({ hcpcs: l.hcpcs, units: l.units, doses: l.doses })) });
    const from = used[1]?.date ?? addDays(authEnd, 1);
    const renewal = linesOver(doses, from, addDays(from, 180));
    await request(a2, { kind: "renewal", trigger: "manual", status: "pending_info", lines: renewal, startDate: from, endDate: addDays(from, 180), clinical: clinicalFor(a2), channel: "portal", payerReference: `${prefix(a2)}-CASE-51980`, submittedOn: addDays(today, -9), infoRequested: "Restaging CT after cycle 2 and the latest progress note.", infoDueDate: addDays(today, 1), assigned: true }, [
      ["opened", addDays(today, -12)],
      ["start_draft", addDays(today, -11)],
      ["updated", addDays(today, -11)],
      ["submit", addDays(today, -9)],
      ["request_info", addDays(today, -3), { infoDueDate: addDays(today, 1) }],
    ]);
  }

  // 3. Approved; the units run out before the next cycle, and it ends within 30 days. An earlier request was denied.
  const a3 = active[2];
  if (a3) {
    const doses = await dosesOf(a3);
    const used = usedOf(doses);
    const next = scheduledOf(doses)[0];
    const first = used[0]?.date ?? a3.order.startDate;
    const lines = linesOver(doses, first, addDays(first, 180));
    const denied = await request(a3, { status: "denied", lines, startDate: first, endDate: addDays(first, 180), channel: "portal", submittedOn: addDays(first, -35), decidedOn: addDays(first, -28), denialReason: "Biomarker result required by the drug policy was not attached." }, [
      ["opened", addDays(first, -40)],
      ["submit", addDays(first, -35)],
      ["deny", addDays(first, -28), { denialReason: "Biomarker result required by the drug policy was not attached." }],
    ]);
    await decision(a3, denied, { outcome: "denied", decidedOn: addDays(first, -28), denialReason: "Biomarker result required by the drug policy was not attached." });
    const end = addDays(today, 23);
    const asked = [...doses].map(([hcpcs, list]) => {
      const u = list.filter((d) => d.kind === "used");
      const n = list.find((d) => d.kind === "scheduled" && d.date >= today);
      return { hcpcs, ndc: ref.packagesByHcpcs.get(hcpcs)?.[0]?.ndc11 ?? null, units: u.reduce((s, d) => s + d.units, 0) + Math.floor((n?.units ?? 0) / 2), doses: u.length + 1 };
    });
    const id = await request(a3, { status: "approved", lines: asked, startDate: addDays(first, -3), endDate: end, clinical: clinicalFor(a3), channel: "electronic", payerReference: `${prefix(a3)}-PAS-77120`, submittedOn: addDays(first, -26), decidedOn: addDays(first, -10) }, [
      ["opened", addDays(first, -27)],
      ["start_draft", addDays(first, -27)],
      ["updated", addDays(first, -27)],
      ["submit", addDays(first, -26)],
      ["approve", addDays(first, -10), { authorizationNumber: `${prefix(a3)}-A-5520` }],
    ]);
    await decision(a3, id, { outcome: "approved", decidedOn: addDays(first, -10), number: `${prefix(a3)}-A-5520`, startDate: addDays(first, -3), endDate: end, lines: asked.map((l) => ({ hcpcs: l.hcpcs, units: l.units, doses: l.doses })) });
    void next;
  }
  const journey = active[3] ?? null;

  // Signed orders, first infusion ahead: drafting, appeal, needed, peer-to-peer, submitted and overdue.
  const plans: ((c: Candidate, lines: RequestedLine[], start: string, end: string) => Promise<void>)[] = [
    async (c, lines, start, end) => {
      await request(c, { status: "drafting", lines, startDate: start, endDate: end, clinical: clinicalFor(c, { biomarkers: [], priorTherapies: null }), channel: "portal", assigned: true }, [
        ["opened", addDays(today, -6)],
        ["start_draft", addDays(today, -5)],
        ["updated", addDays(today, -5)],
      ]);
    },
    async (c, lines, start, end) => {
      const reason = "ECOG 2 is outside the plan's policy for this indication.";
      const id = await request(c, { status: "appeal_submitted", lines, startDate: start, endDate: end, clinical: clinicalFor(c, { ecog: "2" }), channel: "fax", payerReference: `${prefix(c)}-FX-30118`, submittedOn: addDays(today, -5), decidedOn: addDays(today, -14), denialReason: reason, assigned: true }, [
        ["opened", addDays(today, -30)],
        ["start_draft", addDays(today, -29)],
        ["submit", addDays(today, -26)],
        ["deny", addDays(today, -14), { denialReason: reason }],
        ["submit_appeal", addDays(today, -5), { note: "Letter of medical necessity with the oncologist's assessment (ECOG 1 at last visit)." }],
      ]);
      await decision(c, id, { outcome: "denied", decidedOn: addDays(today, -14), denialReason: reason });
    },
    async (c, lines, start, end) => {
      await request(c, { status: "needed", lines, startDate: start, endDate: end }, [["opened", addDays(today, -7)]]);
    },
    async (c, lines, start, end) => {
      const reason = "Perioperative use requires documentation of the surgical plan.";
      const id = await request(c, { status: "peer_to_peer", lines, startDate: start, endDate: end, clinical: clinicalFor(c), channel: "portal", payerReference: `${prefix(c)}-CASE-61544`, submittedOn: addDays(today, -2), decidedOn: addDays(today, -6), denialReason: reason }, [
        ["opened", addDays(today, -20)],
        ["start_draft", addDays(today, -19)],
        ["submit", addDays(today, -18)],
        ["deny", addDays(today, -6), { denialReason: reason }],
        ["request_peer_to_peer", addDays(today, -2), { note: "Dr. Okafor available Tue/Thu 8–10 am." }],
      ]);
      await decision(c, id, { outcome: "denied", decidedOn: addDays(today, -6), denialReason: reason });
    },
    async (c, lines, start, end) => {
      await request(c, { status: "submitted", lines, startDate: start, endDate: end, clinical: clinicalFor(c), channel: "fax", payerReference: `${prefix(c)}-FX-29001`, submittedOn: addDays(today, -19) }, [
        ["opened", addDays(today, -22)],
        ["start_draft", addDays(today, -21)],
        ["submit", addDays(today, -19), { payerReference: `${prefix(c)}-FX-29001` }],
      ]);
    },
  ];
  for (const [i, c] of signed.slice(0, plans.length).entries()) {
    const doses = await dosesOf(c);
    const start = (doses.get("J9173") ?? [])[0]?.date ?? c.order.startDate;
    const end = addDays(start, 180);
    await plans[i]!(c, linesOver(doses, start, end), start, end);
  }

  // The requirement evaluation of each order worked here (as signing records it), with the request it opened.
  const judged = new Map<string, Candidate>();
  for (const c of free) if (lastRequestOf.has(c.order.id)) judged.set(c.order.id, c);
  for (const c of judged.values()) {
    for (const hcpcs of ["J9173", ...(c.order.combination ? [ref.drugsByName.get(c.order.combination.drug)?.[0]?.row.hcpcs ?? ""] : [])].filter(Boolean)) {
      const rule = rules.get(c.payer.id);
      const res = evaluateRequirement({ payerName: c.payer.name, payerRequiresPa: c.payer.priorAuthRequired, hcpcs, indicationId: c.order.indicationId, kind: "initial", date: c.order.startDate, rules: rule ? [rule] : [] });
      await tx
        .insert(priorAuthEvaluations)
        .values({ practiceId, orderId: c.order.id, coverageId: c.coverage.id, hcpcs, required: res.required, ruleId: res.rule?.id ?? null, reason: res.reason, trigger: "order_signed", requestId: lastRequestOf.get(c.order.id) ?? null, evaluatedAt: c.order.signedAt ?? now })
        .onConflictDoNothing();
    }
  }
  if (audit.length) await tx.insert(auditEvents).values(audit);
  return { requests: counter - Number(max), journeyOrderId: journey?.order.id ?? null };
}
