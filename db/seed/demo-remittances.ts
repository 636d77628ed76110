import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { administrationDocumentation, administrations, auditEvents, claimAdministrations, claimLines, claims, coverages, denialWorkItems, orders, patients, payers, practices, providers } from "../schema";
import type { Role } from "@/server/domain/auth/roles";
import { formatClaimNumber } from "@/server/domain/claims/numbers";
import { buildParties } from "@/server/domain/claims/parties";
import { prepareReference } from "@/server/domain/billing/prepare";
import type { ClaimLineData } from "@/server/domain/claims/types";
import { totalChargeCents } from "@/server/domain/claims/to-837";
import { DomainError } from "@/server/domain/errors";
import { billSecondaryClaim, nextCounter, prepareClaim, referenceVersions, writeLines, type ReferenceHandle } from "@/server/services/claims";
import type { Actor } from "@/server/services/context";
import {
  assignWorkItem,
  createCorrectedClaim,
  declineWriteOff,
  recordUpheld,
  requestRetroAuth,
  resolveWorkItem,
  sendAppeal,
  startWorkItem,
  writeOffWorkItem,
  addWorkItemNote,
} from "@/server/services/denials";
import { loadReferenceData } from "@/server/services/reference-data";
import { postRemittanceFile, receiveRemittanceFile } from "@/server/services/remittance-posting";
import { saveRemitSettings } from "@/server/services/remittance-views";
import { assertBalanced, write835, type Cas835, type Claim835, type Line835, type Payment835 } from "./remit-835";

/**
 * Demo remittances (issue 11): Medicare claims built from the demo's ready infusions through the
 * claim services and sent on paper (or the submitted claims another seed already made for them),
 * then three 835 files built in code and posted by the real posting service:
 *  1. paid claims (one underpaid against the ASP limit of its quarter), a claim forwarded to the
 *     Medicaid secondary (crossover), denials, a PLB (overpayment recovery and interest);
 *  2. denials of every category, an unmatched claim and a line the claim does not have;
 *  3. a reversal and its correction.
 * The denial work items are then worked through the denial services into every state.
 */

type DemoUsers = readonly { id: string; role: Role }[];

interface Outcome {
  kind: "paid" | "underpaid" | "forwarded" | "denied" | "line-denied";
  cas?: { group: Cas835["group"]; carc: string; remarks?: string[] };
  /** for line-denied: which line (0-based; admin lines come after the drug line) */
  line?: number;
}

const FILE1: Outcome[] = [
  { kind: "paid" },
  { kind: "underpaid" },
  { kind: "forwarded" },
  { kind: "denied", cas: { group: "CO", carc: "197", remarks: ["N210"] } },
  { kind: "denied", cas: { group: "CO", carc: "50", remarks: ["N115"] } },
  { kind: "line-denied", line: 0, cas: { group: "CO", carc: "16", remarks: ["M119"] } },
];
const FILE2: Outcome[] = [
  { kind: "line-denied", line: 0, cas: { group: "CO", carc: "4", remarks: ["N823"] } },
  { kind: "denied", cas: { group: "CO", carc: "27" } },
  { kind: "denied", cas: { group: "CO", carc: "29" } },
  { kind: "denied", cas: { group: "OA", carc: "18", remarks: ["N522"] } },
  { kind: "line-denied", line: 0, cas: { group: "CO", carc: "151" } },
  { kind: "line-denied", line: 1, cas: { group: "CO", carc: "97", remarks: ["M15"] } },
  { kind: "denied", cas: { group: "CO", carc: "197", remarks: ["N54"] } },
  { kind: "denied", cas: { group: "CO", carc: "16", remarks: ["MA130"] } },
  { kind: "denied", cas: { group: "CO", carc: "A1" } },
  { kind: "paid" },
];
const PAYEE = { name: "LAKESIDE ONCOLOGY", npi: "1234567893", tin: "391234567" };
const MEDICARE = { name: "MEDICARE PART B WPS", id: "05299" };
const MEDICAID = { name: "BADGER STATE MEDICAID", id: "BSMCD7" };

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export interface DemoRemittanceResult {
  files: number;
  claims: number;
  workItems: number;
}

async function demoReference(tx: Tx): Promise<ReferenceHandle> {
  const data = await loadReferenceData(tx);
  return { data, prepared: prepareReference(data) };
}

export async function seedRemittances(tx: Tx, ctx: { practiceId: string; users: DemoUsers; now: Date; leaveUnbilled?: string[] }): Promise<DemoRemittanceResult> {
  const db = tx as unknown as Db;
  const { practiceId, now } = ctx;
  const userOf = (role: Role) => ctx.users.find((u) => u.role === role)!.id;
  const actor = (role: Role): Actor => ({ userId: userOf(role), practiceId, role, requestId: "seed" });
  const biller = actor("biller");
  const today = now.toISOString().slice(0, 10);
  const dates = { file1: addDays(today, -60), file2: addDays(today, -35), file3: addDays(today, -12) };
  const [practice] = await tx.select().from(practices).where(eq(practices.id, practiceId));
  const payee = { ...PAYEE, name: practice!.name.toUpperCase().slice(0, 60), npi: practice!.npi, tin: practice!.taxId };

  // write-offs above $1,500 wait for a manager
  await saveRemitSettings(db, actor("admin"), { writeOffApprovalCents: 150_000 }, now);

  // 1. the claims: one per Medicare infusion documented as the demo lines bill it (1,500 mg given,
  // nothing discarded), oldest first, as the claims module leaves them once sent on paper. Inserted
  // directly (building them through the scrubber costs the demo seconds per claim), but like a built
  // claim each holds its infusion for the Medicare coverage: the infusion leaves the unbilled list and
  // no ready infusion looks like a duplicate of a claim nobody can find. Infusions another demo claim
  // already holds are left alone.
  const [mcr] = await tx.select().from(payers).where(and(eq(payers.practiceId, practiceId), eq(payers.ediPayerId, MEDICARE.id)));
  const ready = await tx
    .select({ a: administrations, o: orders, cov: coverages, p: patients, dos: administrationDocumentation.actualDate })
    .from(administrations)
    .innerJoin(orders, eq(orders.id, administrations.orderId))
    .innerJoin(patients, eq(patients.id, administrations.patientId))
    .innerJoin(coverages, and(eq(coverages.patientId, administrations.patientId), eq(coverages.priority, "primary"), eq(coverages.payerId, mcr!.id)))
    .innerJoin(administrationDocumentation, and(eq(administrationDocumentation.administrationId, administrations.id), eq(administrationDocumentation.isCurrent, true)))
    .where(
      and(
        eq(administrations.practiceId, practiceId),
        eq(administrations.status, "ready_for_billing"),
        sql`${administrationDocumentation.mgAdministered} = 1500 and coalesce(${administrationDocumentation.mgDiscarded}, 0) = 0`,
        sql`not exists (select 1 from ${claimAdministrations} ca where ca.administration_id = ${administrations.id} and ca.active)`,
        // the infusion the claims demo leaves for a biller to send must not look billed already
        ctx.leaveUnbilled?.length ? notInArray(administrations.id, ctx.leaveUnbilled) : undefined,
      ),
    )
    .orderBy(asc(administrations.plannedDate), asc(administrations.id));
  const need = FILE1.length + FILE2.length;
  const providerRows = await tx.select().from(providers).where(eq(providers.practiceId, practiceId));
  const picked: { claimId: string; fileDate: string }[] = [];
  const links: (typeof claimAdministrations.$inferInsert)[] = [];
  const secondaryOf = new Map<string, boolean>();
  const supplementOf = new Map<string, boolean>();
  const claimValues: (typeof claims.$inferInsert)[] = [];
  const plannedLines = new Map<string, ClaimLineData[]>();
  const ref = await demoReference(tx);
  for (const r of ready) {
    if (picked.length === need) break;
    const fileDate = picked.length < FILE1.length ? dates.file1 : dates.file2;
    const dos = r.dos ?? r.a.plannedDate;
    if (dos > addDays(fileDate, -21)) continue;
    const sentOn = new Date(`${addDays(dos, 4)}T16:00:00Z`);
    // what the engine bills for this infusion, as a built claim holds it: the scenario (a secondary or
    // tertiary claim is built and scrubbed from it), the lines, diagnoses and authorization
    let plan: Awaited<ReturnType<typeof prepareClaim>>;
    try {
      plan = await prepareClaim(tx, biller, [r.a.id], r.cov.id, ref, sentOn.toISOString().slice(0, 10));
    } catch (e) {
      if (e instanceof DomainError) continue;
      throw e;
    }
    if (plan.claimType !== "professional" || !plan.lines.some((l) => l.kind === "drug") || !plan.lines.some((l) => l.kind === "admin")) continue;
    const provider = providerRows.find((x) => x.id === plan.providerId) ?? providerRows[0]!;
    const parties = buildParties({ claimType: "professional", practice: practice!, settings: { billingZipPlus4: `${practice!.zip.slice(0, 5)}1234`, billingTaxonomy: "207RX0202X", billingPhone: "6085550100" }, location: plan.location, patient: r.p, coverage: r.cov, payer: mcr!, provider });
    const claimId = randomUUID();
    const claimNumber = formatClaimNumber(await nextCounter(tx, practiceId, "claim", now));
    claimValues.push({
      id: claimId,
      practiceId,
      claimNumber,
      patientId: r.p.id,
      coverageId: r.cov.id,
      payerId: mcr!.id,
      locationId: plan.location.id,
      renderingProviderId: provider.id,
      claimType: "professional",
      status: "submitted",
      dateOfService: plan.dos,
      placeOfService: plan.location.placeOfService,
      priorAuthNumber: plan.built.claim.priorAuthNumber ?? null,
      diagnoses: plan.built.diagnoses,
      totalChargeCents: totalChargeCents(plan.lines),
      parties,
      scenario: plan.scenario,
      referenceVersions: referenceVersions(ref.data),
      scrubbedAt: sentOn,
      submissionChannel: "paper",
      submittedAt: sentOn,
      submittedByUserId: biller.userId,
      createdByUserId: biller.userId,
      createdAt: sentOn,
      updatedAt: sentOn,
    });
    plannedLines.set(claimId, plan.lines);
    if (!secondaryOf.has(r.p.id)) {
      const sec = await tx
        .select({ id: coverages.id, priorAuthRequired: payers.priorAuthRequired })
        .from(coverages)
        .innerJoin(payers, eq(payers.id, coverages.payerId))
        .where(and(eq(coverages.patientId, r.p.id), eq(coverages.priority, "secondary")));
      secondaryOf.set(r.p.id, sec.length > 0);
      // a secondary that follows Medicare (the supplement: no authorization of its own) is billed clean from the remittance
      supplementOf.set(r.p.id, sec.some((x) => !x.priorAuthRequired));
    }
    links.push({ claimId, administrationId: r.a.id, coverageId: r.cov.id, practiceId, active: true });
    picked.push({ claimId, fileDate });
  }
  if (picked.length < need) throw new Error(`seedRemittances: only ${picked.length} Medicare infusions old enough for a remittance, ${need} needed`);
  await tx.insert(claims).values(claimValues);
  for (const [claimId, lines] of plannedLines) await writeLines(tx, practiceId, claimId, lines);
  await tx.insert(claimAdministrations).values(links);
  await tx.insert(auditEvents).values(
    claimValues.map((c) => ({ practiceId, actorUserId: biller.userId, action: "claim.submit_paper", entityType: "claim", entityId: c.id!, before: { status: "ready" }, after: { status: "submitted", claimNumber: c.claimNumber, source: "demo seed" }, requestId: "seed", createdAt: c.submittedAt! })),
  );
  const reference = ref.data;

  // 2. the 835s, from the claims as they were sent
  const claimRows = await tx
    .select({ c: claims, p: patients, cov: coverages })
    .from(claims)
    .innerJoin(patients, eq(patients.id, claims.patientId))
    .innerJoin(coverages, eq(coverages.id, claims.coverageId))
    .where(inArray(claims.id, picked.map((p) => p.claimId)));
  const lineRows = await tx.select().from(claimLines).where(inArray(claimLines.claimId, picked.map((p) => p.claimId))).orderBy(asc(claimLines.position));
  const aspCents = (code: string, units: number, dos: string): number | null => {
    const row = reference.aspPrices.find((r) => r.hcpcs === code && r.effectiveFrom <= dos && dos <= r.effectiveTo);
    if (!row) return null;
    const [w, f = ""] = row.paymentLimit.split(".");
    const milli = Number(w) * 1000 + Number(f.padEnd(3, "0"));
    return Math.round((milli * units) / 10);
  };
  // the underpaid claim needs a date of service whose quarter has an ASP limit: swap one in first
  const withAsp = picked.findIndex((p, i) => {
    if (i >= FILE1.length) return false;
    const l = lineRows.find((x) => x.claimId === p.claimId && x.kind === "drug");
    return l ? aspCents(l.code, l.units, l.dateOfService) !== null : false;
  });
  if (withAsp > 1) [picked[1], picked[withAsp]] = [picked[withAsp]!, picked[1]!];
  // the forwarded claim goes to a patient with a secondary coverage
  const withSecondary = picked.findIndex((p, i) => i >= FILE1.length ? false : i !== 1 && secondaryOf.get(claimRows.find((r) => r.c.id === p.claimId)!.c.patientId));
  if (withSecondary > 2) [picked[2], picked[withSecondary]] = [picked[withSecondary]!, picked[2]!];
  // the first paid claim too (its secondary is billed with the COB loops after posting)
  const supplemented = (p: { claimId: string }) => supplementOf.get(claimRows.find((r) => r.c.id === p.claimId)!.c.patientId) === true;
  const paidWithSecondary = picked.findIndex((p, i) => i > 2 && i < FILE1.length && supplemented(p));
  if (paidWithSecondary > 0 && !supplemented(picked[0]!)) [picked[0], picked[paidWithSecondary]] = [picked[paidWithSecondary]!, picked[0]!];

  const icn = (n: number) => `WPS${today.slice(2, 4)}${String(100000 + n)}`;
  const adjudicate = (claimId: string, o: Outcome, n: number): Claim835 => {
    const row = claimRows.find((r) => r.c.id === claimId)!;
    const lines = lineRows.filter((l) => l.claimId === claimId);
    const out: Line835[] = lines.map((l, i) => {
      const base = { code: l.code, modifiers: l.modifiers, chargeCents: l.chargeCents, units: l.units, serviceDate: l.dateOfService };
      const denied = o.kind === "denied" || (o.kind === "line-denied" && o.line === i);
      if (denied) return { ...base, paidCents: 0, adjustments: [{ group: o.cas!.group, carc: o.cas!.carc, amountCents: l.chargeCents }], remarks: o.cas!.remarks };
      let allowed = aspCents(l.code, l.units, l.dateOfService) ?? Math.round(l.chargeCents * 0.55);
      if (allowed > l.chargeCents) allowed = l.chargeCents;
      if (o.kind === "underpaid" && l.kind === "drug") allowed -= 40_000;
      const coins = Math.round(allowed * 0.2);
      return {
        ...base,
        paidCents: allowed - coins,
        allowedCents: allowed,
        adjustments: [
          { group: "CO", carc: "45", amountCents: l.chargeCents - allowed },
          { group: "PR", carc: "2", amountCents: coins },
        ],
      };
    });
    const claim: Claim835 = {
      claimNumber: row.c.claimNumber,
      status: o.kind === "denied" ? "4" : o.kind === "forwarded" ? "19" : "1",
      payerClaimNumber: icn(n),
      patient: { lastName: row.p.lastName.toUpperCase(), firstName: row.p.firstName.toUpperCase(), memberId: row.cov.memberId },
      lines: out,
      ...(o.kind === "forwarded" ? { crossover: MEDICAID, remarks: ["MA18"] } : {}),
    };
    assertBalanced(claim);
    return claim;
  };
  const file1Claims = FILE1.map((o, i) => adjudicate(picked[i]!.claimId, o, i + 1));
  const file2Claims = FILE2.map((o, i) => adjudicate(picked[FILE1.length + i]!.claimId, o, FILE1.length + i + 1));
  // a claim that is not ours, and a line the claim never had
  file2Claims.push({
    claimNumber: "C7734001",
    status: "1",
    payerClaimNumber: icn(90),
    patient: { lastName: "ANDERSEN", firstName: "RUTH", memberId: "1EG4TE5MK99" },
    lines: [{ code: "J9173", modifiers: ["JZ"], chargeCents: 1_500_000, paidCents: 680_960, allowedCents: 851_200, units: 100, serviceDate: addDays(dates.file2, -30), adjustments: [{ group: "CO", carc: "45", amountCents: 648_800 }, { group: "PR", carc: "2", amountCents: 170_240 }] }],
  });
  const last = file2Claims[FILE2.length - 1]!;
  last.lines.push({ code: "J2405", chargeCents: 4_000, paidCents: 1_600, allowedCents: 2_000, units: 1, serviceDate: last.lines[0]!.serviceDate, adjustments: [{ group: "CO", carc: "45", amountCents: 2_000 }, { group: "PR", carc: "2", amountCents: 400 }] });

  const payment1: Payment835 = {
    payer: MEDICARE,
    payee,
    traceNumber: `EFT${dates.file1.replaceAll("-", "")}WPS1`,
    paymentDate: dates.file1,
    method: "ACH",
    claims: file1Claims,
    providerAdjustments: [
      { reason: "WO", reference: icn(77), amountCents: 25_000 },
      { reason: "L6", reference: file1Claims[0]!.payerClaimNumber, amountCents: -1_234 },
    ],
  };
  const payment2: Payment835 = { payer: MEDICARE, payee, traceNumber: `EFT${dates.file2.replaceAll("-", "")}WPS2`, paymentDate: dates.file2, method: "ACH", claims: file2Claims };
  // 3. the first paid claim, reversed and paid again with the drug line re-priced
  const original = file1Claims[0]!;
  const corrected: Claim835 = structuredClone(original);
  corrected.payerClaimNumber = icn(60);
  const drug = corrected.lines[0]!;
  const extra = Math.min(5_000, drug.adjustments[0]!.amountCents);
  drug.adjustments[0]!.amountCents -= extra;
  drug.paidCents += extra;
  drug.allowedCents = (drug.allowedCents ?? 0) + extra;
  assertBalanced(corrected);
  const payment3: Payment835 = { payer: MEDICARE, payee, traceNumber: `EFT${dates.file3.replaceAll("-", "")}WPS3`, paymentDate: dates.file3, method: "ACH", claims: [{ ...original, status: "22" }, corrected] };

  const files = [
    { name: `wps-era-${dates.file1}.835`, payment: payment1, date: dates.file1 },
    { name: `wps-era-${dates.file2}.835`, payment: payment2, date: dates.file2 },
    { name: `wps-era-${dates.file3}-reversal.835`, payment: payment3, date: dates.file3 },
  ];
  for (const [i, f] of files.entries()) {
    const at = new Date(`${f.date}T15:00:00Z`);
    const text = write835([f.payment], 9000 + i, at);
    const r = await receiveRemittanceFile(db, biller, { name: f.name, bytes: Buffer.from(text, "latin1") }, at, async () => undefined);
    await postRemittanceFile(db, r.fileId, { workerId: "demo-seed", now: () => at });
  }

  // 3b. the secondary claim of the first paid claim (Medicare paid; the supplemental plan gets the rest)
  const paidFirst = picked[0]!.claimId;
  if (secondaryOf.get(claimRows.find((r) => r.c.id === paidFirst)!.c.patientId)) {
    await billSecondaryClaim(db, biller, { claimId: paidFirst }, new Date(`${dates.file1}T17:00:00Z`));
  }

  // 4. work the denials into every state (the CO-197 and CO-50 of file 1 stay new: the e2e journey works them)
  const items = await tx.select().from(denialWorkItems).where(eq(denialWorkItems.practiceId, practiceId));
  const claimNumberOf = new Map(claimRows.map((r) => [r.c.id, r.c.claimNumber]));
  const itemFor = (claim: Claim835) => items.find((x) => claimNumberOf.get(x.claimId) === claim.claimNumber && x.kind === "denial");
  const at = (days: number) => new Date(Date.parse(`${dates.file2}T17:00:00Z`) + days * 86_400_000);
  const pa = actor("pa_coordinator");
  const c = file2Claims;
  const step = async (claim: Claim835, fn: (ref: { id: string; revision: number }, amountCents: number) => Promise<{ revision: number }>) => {
    const it = itemFor(claim);
    if (!it) throw new Error(`seedRemittances: no work item for ${claim.claimNumber}`);
    let ref = { id: it.id, revision: it.revision };
    const r = await fn(ref, it.amountCents);
    ref = { id: it.id, revision: r.revision };
    return ref;
  };
  // modifier: being worked
  await step(c[0]!, (ref) => startWorkItem(db, biller, ref, at(1)));
  // eligibility: assigned, with a note
  await step(c[1]!, async (ref) => {
    await addWorkItemNote(db, biller, { id: ref.id, text: "Coverage shows active on the portal; calling WPS to re-verify the MBI." }, at(1));
    return assignWorkItem(db, biller, { ...ref, assigneeUserId: biller.userId }, at(1));
  });
  // timely filing: write-off above the threshold, waiting on the manager
  await step(c[2]!, async (ref, amount) => {
    const r = await startWorkItem(db, biller, ref, at(2));
    return writeOffWorkItem(db, biller, { id: ref.id, revision: r.revision, amountCents: amount, reason: "Filed after the 12-month limit; no exception applies." }, at(2));
  });
  // duplicate: resolved, nothing to do
  await step(c[3]!, (ref) => resolveWorkItem(db, biller, { ...ref, outcome: "not_needed", recoveredCents: null, note: "The original claim was paid on the earlier remittance." }, at(3)));
  // units: appeal sent
  await step(c[4]!, (ref) => sendAppeal(db, biller, { ...ref, argument: "The units billed match the documented dose: 1,500 mg at 10 mg per unit is 150 units, given as a single 1,500 mg dose per the label." }, at(3)));
  // bundling (the administration line): written off within the threshold
  await step(c[5]!, (ref, amount) => writeOffWorkItem(db, biller, { ...ref, amountCents: amount, reason: "Administration bundled per NCCI edit; not separately payable." }, at(4)));
  // second CO-197: retro-authorization requested
  await step(c[6]!, (ref) => requestRetroAuth(db, pa, { ...ref, note: "Retro-authorization requested from WPS medical review." }, at(4)));
  // missing information: corrected claim sent, then the payer upheld, then declined write-off: back to working
  await step(c[7]!, async (ref, amount) => {
    const r1 = await createCorrectedClaim(db, biller, { ...ref, reason: "Added the missing referring provider", priorAuthNumber: null, payerClaimNumber: c[7]!.payerClaimNumber }, at(5));
    const r2 = await recordUpheld(db, biller, { id: ref.id, revision: r1.revision, note: "WPS denied the corrected claim again: the attachment did not arrive." }, at(20));
    const r3 = await writeOffWorkItem(db, biller, { id: ref.id, revision: r2.revision, amountCents: amount, reason: "Not worth a second appeal." }, at(21));
    return declineWriteOff(db, actor("manager"), { id: ref.id, revision: r3.revision, reason: "Send the attachment by fax and try once more." }, at(22));
  });
  // NDC (file 1): corrected claim sent
  await step(file1Claims[5]!, (ref) => createCorrectedClaim(db, biller, { ...ref, reason: "NDC 11-digit corrected to the vial used", priorAuthNumber: null, payerClaimNumber: file1Claims[5]!.payerClaimNumber }, at(5)));
  // other (A1): resolved after the appeal, partly overturned
  await step(c[8]!, async (ref, amount) => {
    const r = await sendAppeal(db, biller, { ...ref, argument: null }, at(2));
    return resolveWorkItem(db, biller, { id: ref.id, revision: r.revision, outcome: "partially_overturned", recoveredCents: Math.round(amount * 0.6), note: "WPS reprocessed the drug line." }, at(25));
  });
  const count = await tx.select({ id: denialWorkItems.id }).from(denialWorkItems).where(eq(denialWorkItems.practiceId, practiceId));
  return { files: files.length, claims: picked.length, workItems: count.length };
}
