import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { coverages, orders, payers, providers, users } from "@/db/schema";
import type { Cms1500Address, Cms1500Adjustment, Cms1500Data } from "@/server/documents/cms1500";
import { priorPayersOf, type ClaimCob } from "@/server/domain/claims/cob";
import type { Adjustment837 } from "@/server/domain/x12/claim-837";
import type { Address837 } from "@/server/domain/x12/claim-837";
import type { ClaimLineData, ClaimParties } from "@/server/domain/claims/types";
import { DomainError } from "@/server/domain/errors";
import { coverageOn } from "@/server/domain/patients/coverage";
import { getClaimAdministrations, getClaimLines, getClaimRow } from "@/server/queries/claims";
import { providerDisplayName } from "@/server/queries/orders";
import type { Actor } from "./context";
import { lineDataOf } from "./claims";
import { codeWords } from "./remittance-views";

function address(a: Address837): Cms1500Address {
  return { line1: a.line1, line2: a.line2, city: a.city, state: a.state, zip: a.postalCode };
}

export interface Cms1500Source {
  claimNumber: string;
  frequency: "original" | "replacement" | "void";
  payerClaimNumber: string | null;
  priorAuthNumber: string | null;
  placeOfService: string | null;
  diagnoses: string[];
  parties: ClaimParties;
  lines: ClaimLineData[];
  orderingProvider: { name: string; npi: string } | null;
  signer: { name: string; date: string };
  /** a secondary or tertiary claim: the prior payers' adjudications from their posted 835s */
  cob?: ClaimCob | null;
  /** a claim to the first payer (no COB): the patient's next coverage in force on the date of service, for items 9 / 9a / 9d */
  nextCoverage?: { insuredName: string; policyNumber: string; planName: string } | null;
  /** CARC in words (reference data) for the attachment pages */
  carcText?: (code: string) => string;
}

/**
 * What a paper secondary or tertiary carries of the payers before it (NUCC 1500 instructions):
 * items 9 / 9a / 9d the other insured, policy or group number and plan (the plan that paid first),
 * 11d "another health benefit plan" yes, item 29 the amount the other payers paid, and each prior
 * payer's explanation of benefits as an attachment page. Medicare as the paying payer reads item 29
 * as what the patient paid, so there it stays empty and the attachment carries the prior payment.
 */
function priorPayerItems(s: Cms1500Source): Pick<Cms1500Data, "otherInsured" | "amountPaidCents" | "priorPayers"> {
  if (!s.cob) return {};
  const priors = priorPayersOf(s.cob);
  const first = priors[0]!.otherPayer;
  const words = s.carcText ?? (() => "");
  const adj = (a: Adjustment837): Cms1500Adjustment => ({ group: a.group, reason: a.reason, amountCents: a.amountCents, text: words(a.reason) });
  return {
    otherInsured: {
      name: [first.subscriber.lastName, first.subscriber.firstName].filter(Boolean).join(", "),
      policyNumber: first.groupNumber ?? first.subscriber.memberId,
      planName: first.payer.name,
    },
    amountPaidCents: s.parties.insuranceType === "medicare" ? null : priors.reduce((t, p) => t + p.otherPayer.paidCents, 0),
    priorPayers: priors.map((p) => {
      const o = p.otherPayer;
      const lineAdjustments = p.lines.flatMap((l) => l.adjudication.adjustments);
      return {
        responsibility: o.responsibility,
        payerName: o.payer.name,
        payerId: o.payer.id,
        claimNumber: p.primaryClaimNumber,
        payerClaimNumber: o.payerClaimControlNumber ?? null,
        adjudicationDate: p.lines[0]?.adjudication.adjudicationDate ?? o.adjudicationDate,
        subscriber: { name: [o.subscriber.lastName, o.subscriber.firstName].filter(Boolean).join(", "), memberId: o.subscriber.memberId },
        paidCents: o.paidCents,
        patientResponsibilityCents: o.remainingPatientLiabilityCents ?? [...o.claimAdjustments, ...lineAdjustments].filter((a) => a.group === "PR").reduce((t, a) => t + a.amountCents, 0),
        claimAdjustments: o.claimAdjustments.map(adj),
        lines: p.lines.map((l) => ({
          position: l.position,
          code: l.adjudication.code,
          modifiers: l.adjudication.modifiers,
          units: l.adjudication.units,
          chargeCents: s.lines[l.position - 1]?.chargeCents ?? 0,
          paidCents: l.adjudication.paidCents,
          adjustments: l.adjudication.adjustments.map(adj),
        })),
      };
    }),
  };
}

/**
 * The CMS-1500 (02/12) fields of a stored claim: the same parties, lines and NDCs the 837 carries
 * (item 24A shaded area N4 + NDC + unit + quantity, pointers as letters, item 22 for corrections).
 * Pure: the layout lives in server/documents/cms1500.ts.
 */
export function toCms1500Data(s: Cms1500Source): Cms1500Data {
  const p = s.parties;
  const sub = p.subscriber;
  const person = p.patientPerson;
  return {
    claimNumber: s.claimNumber,
    payer: { name: p.payer.name },
    insuranceType: p.insuranceType,
    insuredId: sub.memberId,
    patient: {
      lastName: person.lastName,
      firstName: person.firstName,
      birthDate: person.birthDate,
      sex: person.gender,
      address: address(person.address),
      phone: person.phone,
    },
    insured: {
      lastName: sub.lastName,
      firstName: sub.firstName,
      birthDate: sub.birthDate,
      sex: sub.gender,
      address: address(sub.address),
      groupNumber: sub.groupNumber ?? null,
      planName: p.planName,
    },
    relationship: p.relationship,
    ...(s.cob ? priorPayerItems(s) : s.nextCoverage ? { otherInsured: { name: s.nextCoverage.insuredName, policyNumber: s.nextCoverage.policyNumber, planName: s.nextCoverage.planName } } : {}),
    orderingProvider: s.orderingProvider,
    diagnoses: s.diagnoses.map((d) => d.replace(".", "")),
    resubmission:
      s.frequency === "original" || !s.payerClaimNumber
        ? null
        : { code: s.frequency === "replacement" ? "7" : "8", originalReference: s.payerClaimNumber },
    priorAuthNumber: s.priorAuthNumber,
    lines: s.lines.map((l) => ({
      dateOfService: l.dateOfService,
      placeOfService: s.placeOfService ?? "11",
      code: l.code,
      modifiers: l.modifiers,
      diagnosisPointers: l.diagnosisPointers,
      chargeCents: l.chargeCents,
      units: l.units,
      renderingNpi: p.renderingProvider.npi,
      ndc: l.ndc,
    })),
    taxId: p.billingProvider.tin,
    signer: s.signer,
    serviceFacility: {
      name: p.serviceFacility.name,
      address: address(p.serviceFacility.address),
      npi: p.serviceFacility.npi,
    },
    billingProvider: {
      name: p.billingProvider.name,
      address: address(p.billingProvider.address),
      phone: p.billingPhone,
      npi: p.billingProvider.npi,
    },
  };
}

const NEXT_PRIORITY = { primary: "secondary", secondary: "tertiary", tertiary: null } as const;

/**
 * NUCC 1500 items 9, 9a and 9d on a claim to the first payer: the other insured — the patient's next
 * coverage in force on the date of service (after a primary, the secondary; after a secondary billed
 * as first payer, the tertiary) — with the policy or group number and the plan; 11d then says YES.
 */
async function nextCoverageOf(db: Db, practiceId: string, row: NonNullable<Awaited<ReturnType<typeof getClaimRow>>>): Promise<Cms1500Source["nextCoverage"]> {
  const next = NEXT_PRIORITY[row.coverage.priority];
  if (!next) return null;
  const list = await db
    .select({ coverage: coverages, payer: payers })
    .from(coverages)
    .innerJoin(payers, eq(payers.id, coverages.payerId))
    .where(and(eq(coverages.patientId, row.patient.id), eq(coverages.practiceId, practiceId)));
  const inForce = coverageOn(list.map((x) => ({ ...x, priority: x.coverage.priority, effectiveDate: x.coverage.effectiveDate, endDate: x.coverage.endDate })), row.claim.dateOfService);
  const other = inForce[next];
  if (!other) return null;
  const cov = other.coverage;
  const insured = cov.relationship === "self" ? [row.patient.lastName, row.patient.firstName] : [cov.subscriberLastName ?? "", cov.subscriberFirstName ?? ""];
  return { insuredName: insured.filter(Boolean).join(", "), policyNumber: cov.groupNumber ?? cov.memberId, planName: cov.planName ?? other.payer.name };
}

/**
 * Loads a professional claim of the actor's practice for its CMS-1500. Another practice's claim is
 * reported like a missing one; institutional claims go on the UB-04, which this product does not print.
 */
export async function cms1500DataOf(db: Db, actor: Actor & { userId: string }, claimId: string, now: Date) {
  const row = await getClaimRow(db, actor.practiceId, claimId);
  if (!row) throw new DomainError("NOT_FOUND", "Claim not found.");
  const c = row.claim;
  if (c.claimType !== "professional")
    throw new DomainError(
      "VALIDATION",
      `Claim ${c.claimNumber} is institutional (837I): it is billed on a UB-04, not a CMS-1500.`,
    );
  const [lineRows, admins, [me]] = await Promise.all([
    getClaimLines(db, actor.practiceId, c.id),
    getClaimAdministrations(db, actor.practiceId, c.id),
    db.select({ name: users.name }).from(users).where(eq(users.id, actor.userId)),
  ]);
  let ordering: { name: string; npi: string } | null = null;
  const orderId = admins[0]?.orderId;
  if (orderId) {
    const [o] = await db
      .select({ p: providers })
      .from(orders)
      .innerJoin(providers, eq(providers.id, orders.orderingProviderId))
      .where(eq(orders.id, orderId));
    if (o) ordering = { name: providerDisplayName(o.p), npi: o.p.npi };
  }
  const data = toCms1500Data({
    nextCoverage: c.cob ? null : await nextCoverageOf(db, actor.practiceId, row),
    claimNumber: c.claimNumber,
    frequency: c.frequency,
    payerClaimNumber: c.payerClaimNumber,
    priorAuthNumber: c.priorAuthNumber,
    placeOfService: c.placeOfService,
    diagnoses: c.diagnoses,
    parties: c.parties,
    lines: lineRows.map(lineDataOf),
    orderingProvider: ordering,
    signer: { name: me?.name ?? "Billing office", date: now.toISOString().slice(0, 10) },
    cob: c.cob,
    carcText: c.cob ? (await codeWords(db)).carc : undefined,
  });
  return { data, patientId: row.patient.id, claimNumber: c.claimNumber };
}
