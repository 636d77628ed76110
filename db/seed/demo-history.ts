import { createHash, randomUUID } from "node:crypto";
import { and, asc, eq, notInArray } from "drizzle-orm";
import type { Db, Tx } from "../client";
import {
  auditEvents,
  claimLines,
  claimPaymentLines,
  claimPayments,
  claims,
  coverages,
  denialWorkItems,
  locations,
  patients,
  payers,
  practices,
  practiceSubmissionSettings,
  providers,
  remittanceAdjustments,
  remittanceFiles,
  remittancePayments,
} from "../schema";
import { formatMilli } from "@/server/domain/billing/exact";
import { parseScenario, previewClaim } from "@/server/domain/billing/preview";
import { buildParties, claimTypeForLocation } from "@/server/domain/claims/parties";
import type { DenialAction, DenialCategory } from "@/server/domain/denials/codes";
import { toPayerProfile } from "@/server/domain/practice-setup/payer-profile";
import { getReference } from "@/server/services/reference-data";
import { write835, type Claim835, type Line835, type Payment835 } from "./remit-835";

/**
 * Two years of history for the demo practice, so every dashboard chart shows a trend and every KPI
 * a plausible value: the practice's earlier claims, "imported from its previous billing system"
 * (claim numbers H0000001…). The demo's patients with a primary coverage get one or two courses of
 * durvalumab every 21 days; each claim has the parties built from the patient, coverage, payer,
 * location and provider (buildParties, as the claim service does) and the lines and regimen of the
 * demo's first claim (built by the claim services); then what happened to it: submitted, paid by an
 * 835 (kept byte for byte, built by the same writer as the demo's remittances), or denied and
 * worked to the end (appeal overturned or upheld and written off). Deterministic (every choice a
 * hash of what it is about; dates relative to `now`). Everything is closed, paid or adjudicated, except the claims still
 * with the payer (accepted, the open A/R): no worklist grows. The history has no infusion records
 * (claim_administrations): the dashboard's indication filter and "infusions given" cover the
 * infusions documented in the app only. Bulk inserts, a few statements per table.
 */

const STEP_DAYS = 21;
const HISTORY_DAYS = 730;
const DAY = 86_400_000;
const CHUNK = 400;
/** Patients given a history (the demo's patients with a primary coverage, by MRN). */
const HISTORY_PATIENTS = 36;

/** A number in [0, 1) fixed by a key: every choice of the history is a hash of what it is about. */
function u(key: string): number {
  return createHash("md5").update(key).digest().readUInt32BE(0) / 2 ** 32;
}

/** Durvalumab single-dose vials (reference data NDCs): 500 mg/10 mL and 120 mg/2.4 mL. */
const VIAL_500 = "00310461150";
const VIAL_120 = "00310450012";

/** The fewest milligrams opened for a dose (then the fewest vials), from 500 mg and 120 mg vials. */
function vialsFor(doseMg: number): { vials: { ndc: string; count: number }[]; openedMg: number } {
  let best = { n500: 0, n120: Math.ceil(doseMg / 120), opened: Math.ceil(doseMg / 120) * 120 };
  for (let n500 = 1; n500 <= Math.ceil(doseMg / 500); n500++) {
    const n120 = Math.max(0, Math.ceil((doseMg - n500 * 500) / 120));
    const opened = n500 * 500 + n120 * 120;
    if (opened < best.opened || (opened === best.opened && n500 + n120 < best.n500 + best.n120)) best = { n500, n120, opened };
  }
  const vials = [...(best.n500 ? [{ ndc: VIAL_500, count: best.n500 }] : []), ...(best.n120 ? [{ ndc: VIAL_120, count: best.n120 }] : [])];
  return { vials, openedMg: best.opened };
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const at = (d: Date, days: number, hour = 15) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + Math.round(days), hour));

/** Payer's allowed share of the charge and the patient's share of the allowed, by payer kind (demo contract terms). */
const TERMS: Record<string, { allowed: number; patient: number }> = {
  medicare: { allowed: 0.44, patient: 0.2 },
  medicare_advantage: { allowed: 0.46, patient: 0.1 },
  medicaid: { allowed: 0.38, patient: 0 },
  commercial: { allowed: 0.62, patient: 0.1 },
};

/** The denials of the history: CARC, category, recommended action, and whether it is appealed. */
const DENIALS: { carc: string; category: DenialCategory; action: DenialAction; appeal: boolean; text: string }[] = [
  { carc: "197", category: "authorization", action: "retro_auth", appeal: true, text: "Precertification/authorization absent." },
  { carc: "197", category: "authorization", action: "retro_auth", appeal: true, text: "Precertification/authorization absent." },
  { carc: "50", category: "medical-necessity", action: "appeal", appeal: true, text: "Not deemed a medical necessity by the payer." },
  { carc: "16", category: "missing-information", action: "corrected_claim", appeal: true, text: "Claim lacks information needed for adjudication." },
  { carc: "27", category: "eligibility", action: "eligibility_check", appeal: false, text: "Expenses incurred after coverage terminated." },
  { carc: "4", category: "modifier", action: "corrected_claim", appeal: true, text: "Procedure code inconsistent with the modifier used." },
  { carc: "29", category: "timely-filing", action: "write_off", appeal: false, text: "The time limit for filing has expired." },
];

export async function seedDemoHistory(tx: Tx, ctx: { practiceId: string; now: Date; users: { biller: string | null; manager: string | null } }): Promise<{ claims: number; remittanceFiles: number; denials: number }> {
  const { practiceId, now } = ctx;
  let draws = 0;
  const rand = () => u(`draw|${draws++}`);
  const [practice] = await tx.select().from(practices).where(eq(practices.id, practiceId));
  const [settings] = await tx.select().from(practiceSubmissionSettings).where(eq(practiceSubmissionSettings.practiceId, practiceId));
  // The template: the demo's first live original claim, built by the claim services (its lines, regimen and scenario).
  const [template] = await tx
    .select()
    .from(claims)
    .where(and(eq(claims.practiceId, practiceId), eq(claims.frequency, "original"), notInArray(claims.status, ["cancelled", "draft"])))
    .orderBy(asc(claims.claimNumber))
    .limit(1);
  if (!practice || !template) return { claims: 0, remittanceFiles: 0, denials: 0 };
  const ref = await getReference(tx as unknown as Db);
  const baseDrug = (template.scenario.drugs ?? [])[0];
  /** The claim lines the billing engine builds for a scenario, as the claim service stores them (null when it refuses). */
  const engineLines = (scenario: unknown, claimId: string, dos: string): (typeof claimLines.$inferInsert)[] | null => {
    const parsed = parseScenario(scenario, ref.prepared);
    if (!parsed.ok) return null;
    return previewClaim(parsed.scenario, ref.prepared).claim.builtLines.map((l, i) => ({
      id: randomUUID(),
      practiceId,
      claimId,
      position: i + 1,
      kind: l.kind,
      code: l.code,
      modifiers: [...l.modifiers],
      units: l.units,
      chargeCents: Math.max(0, l.chargeCents),
      ndc11: l.ndc?.code ?? null,
      ndcUnit: l.ndc?.unit ?? null,
      ndcQuantity: l.ndc ? formatMilli(l.ndc.quantityMilli) : null,
      diagnosisPointers: [...l.diagnosisPointers],
      revenueCode: l.revenueCode ?? null,
      priorAuthNumber: null,
      dateOfService: dos,
    }));
  };
  const payerRows = await tx.select().from(payers).where(eq(payers.practiceId, practiceId));
  const payerOf = new Map(payerRows.map((p) => [p.id, p]));
  const locs = (await tx.select().from(locations).where(eq(locations.practiceId, practiceId)).orderBy(asc(locations.name))).filter((l) => l.placeOfService && claimTypeForLocation(l)?.claimType === template.claimType);
  const provs = await tx.select().from(providers).where(eq(providers.practiceId, practiceId)).orderBy(asc(providers.lastName));
  const people = await tx
    .select({ patient: patients, coverage: coverages })
    .from(patients)
    .innerJoin(coverages, and(eq(coverages.patientId, patients.id), eq(coverages.practiceId, practiceId), eq(coverages.priority, "primary")))
    .where(eq(patients.practiceId, practiceId))
    .orderBy(asc(patients.mrn), asc(coverages.effectiveDate));
  const existing = await tx.select({ patientId: claims.patientId, dos: claims.dateOfService }).from(claims).where(eq(claims.practiceId, practiceId));
  const taken = new Set(existing.map((e) => `${e.patientId}|${e.dos}`));
  const earliest = new Date(now.getTime() - HISTORY_DAYS * DAY);
  const seen = new Set<string>();
  const chosen = people.filter((p) => (seen.has(p.patient.id) ? false : (seen.add(p.patient.id), true))).slice(0, HISTORY_PATIENTS);

  const newClaims: (typeof claims.$inferInsert)[] = [];
  const newLines: (typeof claimLines.$inferInsert)[] = [];
  /** the remittances to write, grouped by posting month and payer */
  type Remit = { claim: typeof claims.$inferInsert; lines: (typeof claimLines.$inferInsert)[]; postedAt: Date; statusCode: "1" | "4"; denial: (typeof DENIALS)[number] | null; recovery: boolean; underpaid: boolean };
  const remits: Remit[] = [];
  let seq = 0;
  for (const [pi, { patient, coverage }] of chosen.entries()) {
    const payer = payerOf.get(coverage.payerId);
    const location = locs[pi % Math.max(1, locs.length)];
    const provider = provs[pi % Math.max(1, provs.length)];
    if (!payer || !location || !provider || !baseDrug) continue;
    // Flat 1500 mg every 4 weeks for most; 10 mg/kg for the others (the vials leave waste to bill with JW).
    const weightKg = 55 + Math.floor(u(`weight|${patient.mrn}`) * 40);
    const perKg = u(`dosing|${patient.mrn}`) < 0.45;
    const doseMg = perKg ? weightKg * 10 : 1500;
    const { vials, openedMg } = vialsFor(doseMg);
    const parties = buildParties({ claimType: template.claimType, practice, settings: settings ?? null, location, patient, coverage, payer, provider });
    // One or two courses of treatment, every 21 days, somewhere in the two years.
    for (let course = 0; course < 2; course++) {
      if (course === 1 && u(`second|${patient.mrn}`) < 0.5) break;
      const doses = 6 + Math.floor(u(`doses|${patient.mrn}|${course}`) * 12);
      // a third of the patients are still on treatment: their course runs up to the last weeks
      const ongoing = course === 0 && u(`ongoing|${patient.mrn}`) < 0.35;
      const startDay = ongoing ? HISTORY_DAYS - (doses - 1) * STEP_DAYS - 8 : Math.floor(u(`start|${patient.mrn}|${course}`) * (HISTORY_DAYS - 90));
      let firstDose: string | null = null;
      for (let k = 0; k < doses; k++) {
        const dosDate = new Date(earliest.getTime() + (startDay + k * STEP_DAYS) * DAY);
        const dos = iso(dosDate);
        if (dosDate.getTime() > now.getTime() - 7 * DAY) break;
        if (taken.has(`${patient.id}|${dos}`)) continue;
        taken.add(`${patient.id}|${dos}`);
        // 1 two years ago → 0 today: the practice got better over the two years.
        const age = (now.getTime() - dosDate.getTime()) / (HISTORY_DAYS * DAY);
        const submitted = at(dosDate, 2 + rand() * 4 + age * 7, 14);
        if (submitted > now) break;
        const touched = rand() < 0.03 + 0.1 * age;
        const rejected = rand() < 0.01 + 0.03 * age;
        const id = randomUUID();
        const claimNumber = `H${String(++seq).padStart(7, "0")}`;
        firstDose ??= dos;
        // Early on, some discarded amounts went undocumented (no JW line): the compliance figure shows the fix.
        const documented = openedMg > doseMg && !(age > 0.6 && u(`undocumented|${claimNumber}`) < 0.3);
        const drug = { ...baseDrug, cycle: k + 1, firstDoseDate: firstDose, vials, orderedDose: perKg ? { mgPerKg: 10 } : { mg: 1500 }, administeredMg: doseMg, discardedMg: openedMg - doseMg, wasteDocumented: documented };
        const scenario = { ...template.scenario, dateOfService: dos, today: iso(submitted), payer: toPayerProfile(payer), placeOfService: location.placeOfService, patient: { ...template.scenario.patient, weightKg }, drugs: [drug] } as typeof template.scenario;
        const lines = engineLines(scenario, id, dos);
        if (!lines) continue;
        const posted = at(submitted, 14 + rand() * 16, 16);
        const stillOut = posted > now || (age < 0.3 && rand() < 0.06); // the payer has not answered yet
        const denial = !stillOut && rand() < 0.05 + 0.09 * age ? DENIALS[Math.floor(rand() * DENIALS.length)]! : null;
        const closedAt = at(posted, 20);
        const claim: typeof claims.$inferInsert = {
          ...template,
          id,
          claimNumber,
          patientId: patient.id,
          coverageId: coverage.id,
          payerId: payer.id,
          locationId: location.id,
          renderingProviderId: provider.id,
          placeOfService: location.placeOfService,
          dateOfService: dos,
          priorAuthNumber: payer.priorAuthRequired ? `PA${String(seq).padStart(6, "0")}` : null,
          priorAuthId: null,
          // no infusion records (see above), so no indications: the dashboard's indication filter leaves these claims out
          indicationIds: [],
          parties,
          scenario,
          totalChargeCents: lines.reduce((t, l) => t + l.chargeCents, 0),
          findings: [],
          blocked: false,
          revision: touched ? 2 : 1,
          submissionChannel: "clearinghouse_upload",
          submittedAt: submitted,
          submittedByUserId: ctx.users.biller,
          acceptedAt: at(submitted, 1, 9),
          rejectedAt: rejected ? at(submitted, 1, 8) : null,
          rejection: null,
          payerClaimControlNumber: `PH${claimNumber.slice(1)}`,
          payerClaimNumber: null,
          originalClaimId: null,
          status: stillOut ? "accepted" : closedAt < now ? "closed" : "adjudicated",
          adjudicatedAt: stillOut ? null : posted,
          adjudicationOutcome: stillOut ? null : denial ? "denied" : "paid",
          paidCents: null,
          patientResponsibilityCents: null,
          closedAt: !stillOut && closedAt < now ? closedAt : null,
          closeReason: !stillOut && closedAt < now ? "Paid; the patient's share billed (history imported from the previous billing system)." : null,
          cancelReason: null,
          scrubbedAt: submitted,
          createdByUserId: ctx.users.biller,
          createdAt: at(dosDate, 1, 12),
          updatedAt: stillOut ? submitted : posted,
        };
        newClaims.push(claim);
        newLines.push(...lines);
        if (!stillOut) remits.push({ claim, lines, postedAt: posted, statusCode: denial ? "4" : "1", denial, recovery: false, underpaid: !denial && rand() < 0.04 });
      }
    }
  }

  // Remittances: amounts per line, then one 835 file per posting month with one payment per payer.
  type Money = { paid: number; allowed: number; contractual: number; patient: number; denied: number };
  const claimPaymentRows: (typeof claimPayments.$inferInsert)[] = [];
  const paymentLineRows: (typeof claimPaymentLines.$inferInsert)[] = [];
  const adjustmentRows: (typeof remittanceAdjustments.$inferInsert)[] = [];
  const workItems: (typeof denialWorkItems.$inferInsert)[] = [];
  const files: (typeof remittanceFiles.$inferInsert)[] = [];
  const payments: (typeof remittancePayments.$inferInsert)[] = [];
  const recoveries: Remit[] = [];
  for (const r of remits) {
    if (!r.denial || !r.denial.appeal) continue;
    const appealAt = at(r.postedAt, 4 + rand() * 20);
    if (rand() < 0.55 && at(appealAt, 45) < now) recoveries.push({ ...r, postedAt: at(appealAt, 20 + rand() * 25), statusCode: "1", denial: null, recovery: true, underpaid: false });
  }
  const byFile = new Map<string, Remit[]>();
  for (const r of [...remits, ...recoveries]) {
    const key = `${iso(r.postedAt).slice(0, 7)}|${r.claim.payerId}`;
    byFile.set(key, [...(byFile.get(key) ?? []), r]);
  }
  const months = [...new Set([...byFile.keys()].map((k) => k.split("|")[0]!))].sort();
  const firstPaymentOf = new Map<string, string>();
  let control = 700_000;
  for (const month of months) {
    const fileId = randomUUID();
    const keys = [...byFile.keys()].filter((k) => k.startsWith(`${month}|`)).sort();
    const doc: Payment835[] = [];
    let claimCount = 0;
    let denialCount = 0;
    let fileUploaded = new Date(0);
    for (const [pi, key] of keys.entries()) {
      const group = byFile.get(key)!.sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());
      const payer = payerOf.get(group[0]!.claim.payerId!)!;
      const terms = TERMS[payer.kind] ?? TERMS.commercial!;
      const paymentId = randomUUID();
      const trace = `HIST${month.replace("-", "")}${String(pi + 1).padStart(2, "0")}`;
      const c835: Claim835[] = [];
      let paymentCents = 0;
      for (const [ci, r] of group.entries()) {
        const cpId = randomUUID();
        const parties = r.claim.parties!;
        const tot: Money = { paid: 0, allowed: 0, contractual: 0, patient: 0, denied: 0 };
        const l835: Line835[] = [];
        for (const [li, l] of r.lines.entries()) {
          const charge = l.chargeCents;
          let allowed = r.statusCode === "4" ? 0 : Math.round(charge * terms.allowed);
          if (r.underpaid && l.kind === "drug") allowed = Math.round(allowed * 0.93);
          const patient = Math.round(allowed * terms.patient);
          const paid = allowed - patient;
          const contractual = r.statusCode === "4" ? 0 : charge - allowed;
          const denied = r.statusCode === "4" ? charge : 0;
          const plId = randomUUID();
          const cas = [
            ...(contractual ? [{ group: "CO" as const, carc: "45", amountCents: contractual, kind: "posting", category: null }] : []),
            ...(patient ? [{ group: "PR" as const, carc: "2", amountCents: patient, kind: "posting", category: null }] : []),
            ...(denied ? [{ group: "CO" as const, carc: r.denial!.carc, amountCents: denied, kind: "denial", category: r.denial!.category }] : []),
          ];
          paymentLineRows.push({ id: plId, practiceId, claimPaymentId: cpId, position: li + 1, claimLineId: l.id!, code: l.code, modifiers: l.modifiers, units: String(l.units), serviceDate: l.dateOfService, chargeCents: charge, paidCents: paid, allowedCents: allowed, allowedSource: "computed" });
          for (const a of cas) adjustmentRows.push({ practiceId, claimPaymentId: cpId, claimPaymentLineId: plId, groupCode: a.group, carc: a.carc, amountCents: a.amountCents, kind: a.kind, category: a.category as DenialCategory | null });
          if (r.underpaid && l.kind === "drug") {
            const expected = Math.round(charge * terms.allowed);
            workItems.push({ practiceId, kind: "underpayment", claimId: r.claim.id!, claimPaymentId: cpId, claimPaymentLineId: plId, status: "resolved", category: null, action: "appeal", codes: [l.code], amountCents: expected - allowed, explanation: `Allowed ${(allowed / 100).toFixed(2)} for ${l.code}, contract expects ${(expected / 100).toFixed(2)}.`, detail: { expectedAllowedCents: expected, actualAllowedCents: allowed }, outcome: "overturned", recoveredCents: expected - allowed, resolvedAt: at(r.postedAt, 30), resolutionNote: "Payer reprocessed at the contract rate (history).", createdAt: r.postedAt, updatedAt: at(r.postedAt, 30) });
          }
          tot.paid += paid;
          tot.allowed += allowed;
          tot.contractual += contractual;
          tot.patient += patient;
          tot.denied += denied;
          l835.push({ code: l.code, modifiers: l.modifiers, chargeCents: charge, paidCents: paid, units: l.units, serviceDate: l.dateOfService, adjustments: cas.map(({ group, carc, amountCents }) => ({ group, carc, amountCents })), ...(allowed ? { allowedCents: allowed } : {}) });
        }
        paymentCents += tot.paid;
        c835.push({ claimNumber: r.claim.claimNumber!, status: r.statusCode, payerClaimNumber: r.claim.payerClaimControlNumber!, patient: { lastName: parties.patientPerson.lastName.toUpperCase(), firstName: parties.patientPerson.firstName.toUpperCase(), memberId: parties.subscriber.memberId }, lines: l835 });
        claimPaymentRows.push({ id: cpId, practiceId, fileId, paymentId, position: ci + 1, claimId: r.claim.id!, status: "posted", matchedBy: "claim_number", patientControlNumber: r.claim.claimNumber!, statusCode: r.statusCode, payerClaimNumber: r.claim.payerClaimControlNumber!, patientName: `${parties.patientPerson.lastName.toUpperCase()}, ${parties.patientPerson.firstName.toUpperCase()}`, memberId: parties.subscriber.memberId, frequencyCode: "1", outcome: r.statusCode === "4" ? "denied" : "paid", chargeCents: r.claim.totalChargeCents!, paidCents: tot.paid, allowedCents: tot.allowed, contractualCents: tot.contractual, patientCents: tot.patient, deductibleCents: 0, coinsuranceCents: tot.patient, copayCents: 0, deniedCents: tot.denied, postedAt: r.postedAt, postedByUserId: null, createdAt: r.postedAt });
        if (!r.recovery) firstPaymentOf.set(r.claim.id!, cpId);
        if (r.statusCode === "1" && !r.recovery) {
          r.claim.paidCents = tot.paid;
          r.claim.patientResponsibilityCents = tot.patient;
        }
        if (r.denial) {
          denialCount += 1;
          const recovered = recoveries.find((x) => x.claim.id === r.claim.id);
          const appealAt = r.denial.appeal ? at(r.postedAt, 4 + rand() * 20 * (0.5 + (now.getTime() - r.postedAt.getTime()) / (HISTORY_DAYS * DAY))) : null;
          const end = recovered ? recovered.postedAt : at(appealAt ?? r.postedAt, 30 + rand() * 20);
          const written = !recovered;
          workItems.push({
            practiceId,
            kind: "denial",
            claimId: r.claim.id!,
            claimPaymentId: cpId,
            status: written ? "written_off" : "resolved",
            category: r.denial.category,
            action: r.denial.action,
            codes: [`CO-${r.denial.carc}`],
            amountCents: tot.denied,
            explanation: r.denial.text,
            detail: { history: true },
            dueDate: iso(at(r.postedAt, 60)),
            assigneeUserId: ctx.users.biller,
            appealSentAt: appealAt && appealAt < end ? appealAt : null,
            appealArgument: appealAt ? "Documentation and payer policy attached (history)." : null,
            writeOffCents: written ? tot.denied : null,
            writeOffReason: written ? (r.denial.appeal ? "Appeal upheld by the payer (history)." : "Not recoverable: " + r.denial.text) : null,
            writeOffRequestedByUserId: written ? ctx.users.biller : null,
            writeOffApprovedByUserId: written ? ctx.users.manager : null,
            outcome: written ? null : "overturned",
            recoveredCents: written ? null : null,
            resolvedAt: end < now ? end : at(now, -1),
            resolutionNote: written ? null : "Overturned on appeal; the payer paid on reprocessing (history).",
            createdAt: r.postedAt,
            updatedAt: end < now ? end : now,
          });
          r.claim.status = "closed";
          r.claim.closedAt = end < now ? end : at(now, -1);
          r.claim.closeReason = "Denial worked to the end (history imported from the previous billing system).";
        }
        claimCount += 1;
        if (r.postedAt > fileUploaded) fileUploaded = r.postedAt;
      }
      doc.push({ payer: { name: payer.name.toUpperCase(), id: payer.ediPayerId }, payee: { name: practice.name.toUpperCase(), npi: practice.npi, tin: practice.taxId }, traceNumber: trace, paymentDate: iso(group.at(-1)!.postedAt), method: "ACH", claims: c835 });
      payments.push({ id: paymentId, practiceId, fileId, position: pi + 1, payerName: payer.name.toUpperCase(), payerIdentifier: payer.ediPayerId, payerId: payer.id, payerKey: payer.ediPayerId.toUpperCase(), traceNumber: trace, method: "ACH", creditDebit: "C", paymentDate: iso(group.at(-1)!.postedAt), amountCents: paymentCents, claimCount: group.length, payeeName: practice.name.toUpperCase(), payeeNpi: practice.npi, createdAt: group[0]!.postedAt });
    }
    const text = write835(doc, control++, fileUploaded);
    const bytes = Buffer.from(text, "latin1");
    const uploadedAt = at(fileUploaded, -1, 10);
    files.push({ id: fileId, practiceId, fileName: `history-${month}.835`, content: bytes, sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length, status: "posted", paymentCount: keys.length, claimCount, claimsDone: claimCount, postedCount: claimCount, denialCount, uploadedByUserId: ctx.users.biller, uploadedAt, queuedAt: uploadedAt, startedAt: uploadedAt, finishedAt: uploadedAt, attempts: 1 });
  }
  // The recovered amount of an overturned denial is what its second remittance paid.
  for (const w of workItems) {
    if (w.kind === "denial" && w.status === "resolved") {
      const second = claimPaymentRows.find((p) => p.claimId === w.claimId && p.id !== w.claimPaymentId);
      w.recoveredCents = second?.paidCents ?? 0;
    }
  }
  // posted_at of a claim payment is the day its remittance posted: posting follows the upload.
  const fileUploadedAt = new Map(files.map((f) => [f.id, f.uploadedAt!]));
  for (const p of claimPaymentRows) {
    const up = fileUploadedAt.get(p.fileId!)!;
    if (p.postedAt! < up) p.postedAt = at(up, 0.5 + rand() * 2, 11);
  }

  const insert = async <T>(rows: T[], fn: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += CHUNK) await fn(rows.slice(i, i + CHUNK));
  };
  await insert(newClaims, (c) => tx.insert(claims).values(c));
  await insert(newLines, (c) => tx.insert(claimLines).values(c));
  await insert(files, (c) => tx.insert(remittanceFiles).values(c));
  await insert(payments, (c) => tx.insert(remittancePayments).values(c));
  await insert(claimPaymentRows, (c) => tx.insert(claimPayments).values(c));
  await insert(paymentLineRows, (c) => tx.insert(claimPaymentLines).values(c));
  await insert(adjustmentRows, (c) => tx.insert(remittanceAdjustments).values(c));
  await insert(workItems, (c) => tx.insert(denialWorkItems).values(c));
  await tx.insert(auditEvents).values({
    practiceId,
    actorUserId: null,
    action: "demo.history.loaded",
    entityType: "practice",
    entityId: practiceId,
    after: { claims: newClaims.length, remittanceFiles: files.length, denials: workItems.filter((w) => w.kind === "denial").length, source: "demo seed" },
    requestId: "seed",
  });
  return { claims: newClaims.length, remittanceFiles: files.length, denials: workItems.filter((w) => w.kind === "denial").length };
}
