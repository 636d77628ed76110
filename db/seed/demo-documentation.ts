import { and, eq, inArray } from "drizzle-orm";
import { documentationColumns } from "@/server/domain/documentation/columns";
import type { Tx } from "../client";
import { administrationDocumentation, administrations, administrationVials, auditEvents, coverages, feeSchedule, findingAcknowledgments, locations, orders, payers } from "../schema";
import { referenceSeed } from "./reference";
import type { SeededOrder } from "./demo-orders";
import { addDays } from "@/server/domain/billing/dates";
import { formatMilli } from "@/server/domain/billing/exact";
import { prepareReference, type PreparedReference } from "@/server/domain/billing/prepare";
import { validateReferenceData } from "@/server/domain/billing/reference";
import {
  doseForDay,
  evaluateDocumentation,
  suggestVials,
  type ClaimContext,
  type DocumentationValues,
  type VialEntry,
} from "@/server/domain/documentation";
import { decimalToMilli } from "@/server/domain/orders/dose";
import { coverageOn } from "@/server/domain/patients/coverage";
import { toPayerProfile } from "@/server/domain/practice-setup/payer-profile";
import type { AdministrationState } from "@/server/domain/workflow/administration";

/** The fictional charges of claim-rules.md (illustration only), price per billing unit in cents. */
export const DEMO_FEE_SCHEDULE: readonly { code: string; unitPriceCents: number }[] = [
  { code: "J9173", unitPriceCents: 15_000 },
  { code: "J9347", unitPriceCents: 6_000 },
  { code: "96413", unitPriceCents: 30_000 },
  { code: "96415", unitPriceCents: 7_500 },
  { code: "96417", unitPriceCents: 15_000 },
  { code: "96409", unitPriceCents: 12_000 },
];

/** The demo fee schedule for a practice, in force from `effectiveFrom` (open-ended). */
export async function seedFeeSchedule(tx: Tx, practiceId: string, now: Date, effectiveFrom = "2020-01-01"): Promise<void> {
  await tx.insert(feeSchedule).values(DEMO_FEE_SCHEDULE.map((f) => ({ practiceId, code: f.code, unitPriceCents: f.unitPriceCents, effectiveFrom, createdAt: now, updatedAt: now })));
  await tx.insert(auditEvents).values({
    practiceId,
    actorUserId: null,
    action: "fee_schedule.seeded",
    entityType: "fee_schedule",
    entityId: practiceId,
    after: { codes: DEMO_FEE_SCHEDULE.map((f) => `${f.code} ${f.unitPriceCents}`), effectiveFrom, source: "demo seed" },
    requestId: "seed",
  });
}

export interface SeedDocumentationInput {
  practiceId: string;
  otherPracticeId: string;
  now: Date;
  /** from seedOrders (db/seed/demo-orders.ts) */
  orders: readonly SeededOrder[];
  /** demo users shown as the authors of documentation and acknowledgements (null = system) */
  users?: { biller?: string | null; admin?: string | null };
}

export interface SeededDocumentation {
  documented: number;
  readyForBilling: number;
  /** administration ids that show one kind of finding each (for e2e and the lead's checks) */
  examples: Partial<Record<DemoVariant, string>>;
}

/**
 * The demo variations, each applied to one administration so every kind of finding appears:
 *  vialChoice    R-VIAL: an extra 120 mg vial opened beyond the least-waste combination
 *  missingStop   R-ADMIN error: the stop time was not recorded
 *  freeDrug      R-FREE: drug from a manufacturer program (the HCPCS at a nominal $0.01 on Medicare)
 *  underweight   R-WEIGHT: a fixed 1500 mg order, 28.6 kg that day
 *  lateDose      R-DURATION: the last stage III dose given 3 days late, beyond 12 months
 *  expiredLot    DOC-LOT-EXPIRY error: a lot that expired the day before
 *  amended       version 2 of a ready administration (amendment history)
 *  inProgress    an infusion started and not yet documented
 * Automatically present through the demo payers and regimens: JW waste lines (mg/kg doses),
 * JZ on zero waste (Medicare), no JZ for the plan that rejects it, NDC lines in mL / vial counts,
 * the missing prior authorization of PA-required plans (R-AUTH, until prior auths exist) and
 * the facility place of service (R-FACILITY) of the hospital outpatient location.
 */
export type DemoVariant = "vialChoice" | "missingStop" | "freeDrug" | "underweight" | "lateDose" | "expiredLot" | "amended" | "inProgress";

const NURSES = ["Rita Alvarez, RN", "Tom Becker, RN", "Aisha Khan, RN", "Lena Holm, RN"];
const WITNESSES = ["Sam Porter, PharmD", "Jo Nakamura, RN"];

export function preparedReference(): PreparedReference {
  const v = validateReferenceData(structuredClone(referenceSeed));
  if (!v.ok) throw new Error(`seedDocumentation: reference seed invalid (${v.errors[0]?.message ?? "?"})`);
  return prepareReference(v.data);
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

type AdminRow = typeof administrations.$inferSelect;
type OrderRow = typeof orders.$inferSelect;

interface Planned {
  admin: AdminRow;
  order: OrderRow;
  seeded: AdministrationState;
  values: DocumentationValues;
  variant: DemoVariant | null;
}

/**
 * Documents the demo administrations that seedOrders left documented / ready for billing (no
 * documentation rows yet), as a nurse and pharmacy would: the dose for the weight of the day, the
 * engine's least-waste vials, lot and expiry, times, waste with witness. Each is evaluated with the
 * same pure code the app uses: a seeded "ready for billing" keeps that state only when nothing blocks
 * it (its warnings are acknowledged with a reason); otherwise it becomes "documented" with the reason
 * visible on its page. Also seeds the fee schedule of both practices.
 */
export async function seedDocumentation(tx: Tx, ctx: SeedDocumentationInput): Promise<SeededDocumentation> {
  const { practiceId, now } = ctx;
  const today = now.toISOString().slice(0, 10);
  const ref = preparedReference();
  await seedFeeSchedule(tx, practiceId, now);
  await seedFeeSchedule(tx, ctx.otherPracticeId, now);
  const fees: Record<string, number> = Object.fromEntries(DEMO_FEE_SCHEDULE.map((f) => [f.code, f.unitPriceCents]));
  const author = ctx.users?.biller ?? null;

  const orderIds = ctx.orders.map((o) => o.id);
  if (orderIds.length === 0) return { documented: 0, readyForBilling: 0, examples: {} };
  const orderRows = await tx.select().from(orders).where(and(eq(orders.practiceId, practiceId), inArray(orders.id, orderIds)));
  const adminRows = await tx.select().from(administrations).where(and(eq(administrations.practiceId, practiceId), inArray(administrations.orderId, orderIds)));
  const locationRows = await tx.select().from(locations).where(eq(locations.practiceId, practiceId));
  const coverageRows = await tx
    .select({ coverage: coverages, payer: payers })
    .from(coverages)
    .innerJoin(payers, eq(payers.id, coverages.payerId))
    .where(eq(coverages.practiceId, practiceId));
  const orderById = new Map(orderRows.map((o) => [o.id, o]));

  // What to document, in calendar order per order.
  const planned: Planned[] = [];
  let n = 0;
  for (const so of ctx.orders) {
    const order = orderById.get(so.id);
    if (!order) continue;
    const mine = adminRows.filter((a) => a.orderId === so.id && (a.status === "documented" || a.status === "ready_for_billing")).sort((a, b) => a.sequence - b.sequence);
    for (const admin of mine) {
      const values = baseValues(ref, order, admin, n++, today);
      if (values) planned.push({ admin, order, seeded: admin.status, values, variant: null });
    }
  }

  // Pick one administration per variation (deterministic: the first that fits).
  const used = new Set<string>();
  const examples: SeededDocumentation["examples"] = {};
  const payerKindOn = (patientId: string, date: string) => coverageOn(coverageRows.filter((c) => c.coverage.patientId === patientId).map((c) => ({ ...c.coverage, payer: c.payer })), date).primary?.payer ?? null;
  const office = (o: OrderRow) => locationRows.find((l) => l.id === o.locationId)?.placeOfService === "11";
  const medicare = (p: Planned) => payerKindOn(p.order.patientId, p.admin.plannedDate)?.kind === "medicare" && office(p.order);
  const take = (variant: DemoVariant, fits: (p: Planned) => boolean, apply: (p: Planned) => void) => {
    const p = planned.find((x) => !used.has(x.order.id) && fits(x));
    if (!p) return;
    used.add(p.order.id);
    p.variant = variant;
    apply(p);
    examples[variant] = p.admin.id;
  };
  // First dose per order (the label's maximum duration counts from it).
  const firstDose = new Map<string, string>();
  for (const p of planned) {
    const cur = firstDose.get(p.order.id);
    if (p.values.actualDate && (!cur || p.values.actualDate < cur)) firstDose.set(p.order.id, p.values.actualDate);
  }

  const contextFor = (p: Planned): ClaimContext => {
    const primary = payerKindOn(p.order.patientId, p.values.actualDate ?? p.admin.plannedDate);
    const location = locationRows.find((l) => l.id === p.order.locationId);
    return {
      order: { indicationId: p.order.indicationId, diagnoses: p.order.diagnoses, phases: p.order.phases, combination: p.order.combination ?? null },
      administration: { phaseIndex: p.admin.phaseIndex, cycle: p.admin.cycle, includesCombination: p.admin.includesCombination, plannedDate: p.admin.plannedDate },
      placeOfService: location?.placeOfService ?? "11",
      billedBy: location?.billedBy ?? "practice_professional",
      site: { hospitalSite: location?.hospitalSite ?? null, coveredEntityType: location?.coveredEntityType340b ?? null },
      payer: primary ? toPayerProfile(primary) : null,
      feeScheduleCents: fees,
      firstDoseDate: firstDose.get(p.order.id) ?? null,
      today,
    };
  };
  /** Billable as documented (no error, nothing missing): the variations that must stay ready start from these. */
  const clean = (p: Planned) => {
    const ev = evaluateDocumentation(ref, p.values, contextFor(p), []);
    return ev.checklistComplete && ev.preview !== null && !ev.findings.some((f) => f.severity === "error");
  };
  const isLastGiven = (p: Planned) => p.seeded === "documented";
  const perKg = (p: Planned) => p.order.phases[p.admin.phaseIndex]?.doseKind === "per_kg";
  const fixed1500 = (p: Planned) => p.order.phases[p.admin.phaseIndex]?.doseAmount === "1500" && p.order.phases[p.admin.phaseIndex]?.doseKind === "fixed";

  take("underweight", (p) => isLastGiven(p) && fixed1500(p) && p.order.indicationId === "nsclc-stage3-consolidation", (p) => {
    p.values.weightKg = "28.6";
    p.values.notes = "Marked weight loss since the order; the fixed dose was given as ordered.";
  });
  // The last infusion of a completed stage III course, given three days late: beyond 12 months.
  const lateCandidates = ctx.orders.filter((o) => o.status === "completed" && o.indicationId === "nsclc-stage3-consolidation").map((o) => o.id);
  take("lateDose", (p) => lateCandidates.includes(p.order.id) && perKg(p) && clean(p) && p.admin.sequence === Math.max(...planned.filter((x) => x.order.id === p.order.id).map((x) => x.admin.sequence)), (p) => {
    const late = addDays(p.admin.plannedDate, 3);
    if (late <= today) p.values.actualDate = late;
    p.values.notes = "Patient rescheduled by three days (travel).";
  });
  take("vialChoice", (p) => isLastGiven(p) && perKg(p) && medicare(p), (p) => {
    // One 120 mg vial more than the least-waste choice: the nurse opened a spare.
    const v120 = p.values.vials.find((v) => v.ndc11 === "00310450012");
    if (v120) v120.count += 1;
    else p.values.vials.push({ drug: "durvalumab", ndc11: "00310450012", lotNumber: "FX1207", expiryDate: addDays(today, 240), count: 1 });
    p.values.mgDiscarded = discarded(ref, p.values);
    p.values.wasteTime ??= clock(toMinutes(p.values.infusionStop ?? "10:00") + 10);
    p.values.wasteWitness ??= WITNESSES[0]!;
  });
  take("missingStop", (p) => isLastGiven(p) && medicare(p), (p) => {
    p.values.infusionStop = null;
    p.values.notes = "Stop time not on the infusion flowsheet yet; nurse to complete.";
  });
  take("amended", (p) => p.seeded === "ready_for_billing" && medicare(p) && clean(p), () => {});
  take("freeDrug", (p) => p.seeded === "ready_for_billing" && medicare(p) && clean(p), (p) => {
    p.values.acquisition = "free_manufacturer_program";
    p.values.wasteTime = null;
    p.values.wasteWitness = null;
    p.values.notes = "Replacement drug from the manufacturer's patient assistance program.";
  });
  take("expiredLot", (p) => p.seeded === "ready_for_billing" && medicare(p), (p) => {
    p.values.vials[0]!.expiryDate = addDays(p.values.actualDate!, -1);
    p.values.vials[0]!.lotNumber = "EXP0091";
  });

  const docRows: (typeof administrationDocumentation.$inferInsert)[] = [];
  const vialRows: { docIndex: number; vials: VialEntry[] }[] = [];
  const ackRows: (typeof findingAcknowledgments.$inferInsert)[] = [];
  const toDocumented: string[] = [];
  const audit: (typeof auditEvents.$inferInsert)[] = [];
  let ready = 0;
  for (const p of planned) {
    const date = p.values.actualDate ?? p.admin.plannedDate;
    const claimCtx = contextFor(p);
    const at = new Date(`${date}T17:00:00Z`);
    const versions: DocumentationValues[] = [p.values];
    if (p.variant === "amended") {
      // Version 1 had the stop time ten minutes early; the pharmacy log corrected it.
      versions.unshift({ ...p.values, infusionStop: p.values.infusionStop ? clock(toMinutes(p.values.infusionStop) - 10) : null });
    }
    const version = versions.length;
    const ev = evaluateDocumentation(ref, p.values, claimCtx, []);
    const errors = ev.findings.filter((f) => f.severity === "error");
    const warnings = ev.findings.filter((f) => f.severity === "warning");
    let status: AdministrationState = p.seeded;
    if (p.seeded === "ready_for_billing") {
      if (!ev.checklistComplete || errors.length > 0 || ev.preview === null) status = "documented";
      else {
        // The demo documents each infusion on its day, months before any filing limit: a timely-filing
        // warning is the biller's to answer on the claim, not the documenter's.
        for (const w of warnings.filter((x) => x.rule !== "R-TIMELY")) {
          ackRows.push({
            practiceId,
            administrationId: p.admin.id,
            documentationVersion: version,
            rule: w.rule,
            fingerprint: w.fingerprint,
            message: w.message,
            reason: w.rule === "R-DURATION" ? "Oncologist documented the delayed final dose; within the treatment plan." : "Reviewed with pharmacy before billing (demo).",
            userId: author,
            createdAt: new Date(at.getTime() + 3_600_000),
          });
        }
        ready++;
      }
    }
    if (status !== p.seeded) toDocumented.push(p.admin.id);
    versions.forEach((v, i) => {
      docRows.push({
        practiceId,
        administrationId: p.admin.id,
        version: i + 1,
        revision: i + 1,
        isCurrent: i === versions.length - 1,
        ...documentationColumns(v),
        amendmentReason: i === 0 ? null : "Pharmacy log: the infusion stopped ten minutes later than first recorded.",
        createdByUserId: author,
        createdAt: new Date(at.getTime() + i * 86_400_000),
        updatedByUserId: author,
        updatedAt: new Date(at.getTime() + i * 86_400_000),
      });
      vialRows.push({ docIndex: docRows.length - 1, vials: v.vials });
    });
    audit.push({
      practiceId,
      actorUserId: author,
      action: "administration.documentation_saved",
      entityType: "administration",
      entityId: p.admin.id,
      after: { version, status, variant: p.variant, source: "demo seed" },
      requestId: "seed",
    });
  }

  const insertedDocs = docRows.length ? await tx.insert(administrationDocumentation).values(docRows).returning({ id: administrationDocumentation.id, administrationId: administrationDocumentation.administrationId, version: administrationDocumentation.version }) : [];
  const docId = (i: number) => {
    const r = docRows[i]!;
    return insertedDocs.find((d) => d.administrationId === r.administrationId && d.version === r.version)!.id;
  };
  const allVials = vialRows.flatMap(({ docIndex, vials }) => vials.map((v, j) => ({ practiceId, documentationId: docId(docIndex), position: j + 1, drug: v.drug, ndc11: v.ndc11, lotNumber: v.lotNumber, expiryDate: v.expiryDate, count: v.count })));
  for (let i = 0; i < allVials.length; i += 500) await tx.insert(administrationVials).values(allVials.slice(i, i + 500));
  if (ackRows.length) await tx.insert(findingAcknowledgments).values(ackRows);
  if (toDocumented.length) {
    await tx
      .update(administrations)
      .set({ status: "documented" })
      .where(and(eq(administrations.practiceId, practiceId), inArray(administrations.id, toDocumented)));
  }

  // One infusion under way: the next scheduled one of an active order, when it is due within a week.
  const active = new Set(ctx.orders.filter((o) => o.status === "active").map((o) => o.id));
  const next = adminRows
    .filter((a) => active.has(a.orderId) && a.status === "scheduled" && a.plannedDate <= addDays(today, 7))
    .sort((a, b) => a.plannedDate.localeCompare(b.plannedDate))[0];
  if (next) {
    await tx
      .update(administrations)
      .set({ status: "in_progress", updatedAt: now })
      .where(and(eq(administrations.id, next.id), eq(administrations.practiceId, practiceId), eq(administrations.status, "scheduled")));
    examples.inProgress = next.id;
    audit.push({ practiceId, actorUserId: author, action: "administration.start", entityType: "administration", entityId: next.id, before: { status: "scheduled" }, after: { status: "in_progress", source: "demo seed" }, requestId: "seed" });
  }
  for (let i = 0; i < audit.length; i += 500) await tx.insert(auditEvents).values(audit.slice(i, i + 500));
  return { documented: planned.length - ready, readyForBilling: ready, examples };
}

function toMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function discarded(ref: PreparedReference, v: DocumentationValues): string | null {
  let opened = 0;
  for (const x of v.vials) if (x.drug === "durvalumab") opened += x.count * (ref.packagesByNdc.get(x.ndc11)?.[0]?.mgMilli ?? 0);
  const given = v.mgAdministered ? (decimalToMilli(v.mgAdministered) ?? 0) : 0;
  return opened > given ? formatMilli(opened - given) : null;
}

/** Documentation as it would be entered for a routine infusion: dose for the weight, least-waste vials, 60-minute infusion. */
function baseValues(ref: PreparedReference, order: OrderRow, admin: AdminRow, n: number, today: string): DocumentationValues | null {
  const phase = order.phases[admin.phaseIndex] ?? order.phases[0];
  if (!phase) return null;
  const indication = ref.indicationsById.get(order.indicationId) ?? null;
  const weightKg = order.weightKg.replace(/\.0$/, "");
  const dose = doseForDay(phase, indication, weightKg);
  if (dose.mgMilli === null) return null;
  const date = admin.plannedDate;
  const lot = (prefix: string) => `${prefix}${String(2100 + ((n * 7) % 800))}`;
  const expiry = addDays(today, 180 + (n % 5) * 30);
  const vials: VialEntry[] = [];
  const durva = suggestVials(ref, "durvalumab", dose.mgMilli, date);
  for (const v of durva?.vials ?? []) vials.push({ drug: "durvalumab", ndc11: v.ndc11, lotNumber: lot(v.mg === "500" ? "FA" : "FB"), expiryDate: expiry, count: v.count });
  let combination: DocumentationValues["combination"] = null;
  const start = 9 * 60 + (n % 4) * 30;
  let durvaStart = start;
  const combo = admin.includesCombination ? (order.combination ?? null) : null;
  if (combo) {
    const cd = doseForDay({ name: phase.name, doseKind: combo.doseKind, doseAmount: combo.doseAmount }, indication, weightKg, combo.drug);
    const cv = cd.mgMilli !== null ? suggestVials(ref, combo.drug, cd.mgMilli, date) : null;
    if (cd.mgMilli !== null && cv) {
      for (const v of cv.vials) vials.push({ drug: combo.drug, ndc11: v.ndc11, lotNumber: lot("TR"), expiryDate: expiry, count: v.count });
      const cOpened = cv.vials.reduce((s, v) => s + v.count * (decimalToMilli(v.mg) ?? 0), 0);
      // Tremelimumab first, then durvalumab as a separate infusion (label order).
      combination = { mgAdministered: formatMilli(cd.mgMilli), mgDiscarded: cOpened > cd.mgMilli ? formatMilli(cOpened - cd.mgMilli) : null, infusionStart: clock(start), infusionStop: clock(start + 60) };
      durvaStart = start + 75;
    }
  }
  const v: DocumentationValues = {
    actualDate: date,
    weightKg,
    infusionStart: clock(durvaStart),
    infusionStop: clock(durvaStart + 60 + (n % 3) * 5),
    nurseName: NURSES[n % NURSES.length]!,
    mgAdministered: formatMilli(dose.mgMilli),
    mgDiscarded: null,
    wasteTime: null,
    wasteWitness: null,
    acquisition: "purchased",
    acquisitionCostPerUnit: null,
    vialChoiceReason: null,
    notes: null,
    combination,
    vials,
    otherDrugs: [],
  };
  v.mgDiscarded = discarded(ref, v);
  if (v.mgDiscarded !== null || combination?.mgDiscarded) {
    v.wasteTime = clock(durvaStart + 70);
    v.wasteWitness = WITNESSES[n % WITNESSES.length]!;
  }
  return v;
}

