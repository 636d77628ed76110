import { randomBytes } from "node:crypto";
import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { administrations, coverages, patients, payers } from "@/db/schema";
import { seedFeeSchedule } from "@/db/seed/demo-documentation";
import { seedPracticeSetup, type PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import type { TSubmissionSettingsInput } from "@/server/api/routers/claims/schemas";
import type { callerFor } from "./index";
import { exampleDocumentation, type DocInput } from "./documentation";

type Caller = ReturnType<typeof callerFor>;

/** The date of service used by claim tests (claim-rules.md default) and a clock the day after. */
export const CLAIM_DOS = "2026-09-14";
export const CLAIM_NOW = new Date("2026-09-15T12:00:00Z");

export const TEST_SUBMISSION_SETTINGS: TSubmissionSettingsInput = {
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

/** Payers, providers, locations and fees for a practice (the demo set-up) plus its 837 submission settings. */
export async function setUpClaimsPractice(db: Db, practiceId: string, otherPracticeId: string, admin: Caller, now = CLAIM_NOW): Promise<PracticeSetupIds> {
  const setup = await db.transaction((tx) => seedPracticeSetup(tx, { practiceId, otherPracticeId, now }));
  await db.transaction((tx) => seedFeeSchedule(tx, practiceId, now));
  await admin.claims.saveSettings(TEST_SUBMISSION_SETTINGS);
  // Prior authorizations come with the prior-auth module; until a claim can carry one, the plans
  // that require it would stop every infusion at "ready for billing" (R-AUTH).
  await db.update(payers).set({ priorAuthRequired: false }).where(inArray(payers.id, [setup.payers.commercial, setup.payers.medicaidUn, setup.payers.commercialNoJz, setup.payers.medicareAdvantage]));
  return setup;
}

export type PayerKey = keyof PracticeSetupIds["payers"];

/** A patient with a primary coverage (and optionally a secondary one) in force from 2026-01-01. */
export async function makeCoveredPatient(db: Db, practiceId: string, primaryPayerId: string, opts: { lastName?: string; secondaryPayerId?: string; memberId?: string } = {}) {
  const [p] = await db
    .insert(patients)
    .values({
      practiceId,
      mrn: `MRN-${randomBytes(4).toString("hex").toUpperCase()}`,
      firstName: "Margaret",
      lastName: opts.lastName ?? "Olson",
      dateOfBirth: "1951-04-22",
      sex: "female",
      addressLine1: "12 Elm St",
      city: "Madison",
      state: "WI",
      zip: "53703",
    })
    .returning();
  const [primary] = await db
    .insert(coverages)
    .values({ practiceId, patientId: p!.id, payerId: primaryPayerId, memberId: opts.memberId ?? "1EG4TE5MK73", priority: "primary", relationship: "self", effectiveDate: "2026-01-01" })
    .returning();
  let secondaryId: string | null = null;
  if (opts.secondaryPayerId) {
    const [s] = await db
      .insert(coverages)
      .values({ practiceId, patientId: p!.id, payerId: opts.secondaryPayerId, memberId: "SEC000111", priority: "secondary", relationship: "self", effectiveDate: "2026-01-01" })
      .returning();
    secondaryId = s!.id;
  }
  return { patientId: p!.id, coverageId: primary!.id, secondaryCoverageId: secondaryId };
}

/**
 * A documented infusion marked ready for billing, through the same procedures a biller uses:
 * order (10 mg/kg stage III NSCLC), signed, documented as claim-rules Example 4 with two vial sizes,
 * every warning acknowledged, ready for billing.
 */
export async function makeReadyInfusion(
  db: Db,
  biller: Caller,
  setup: PracticeSetupIds,
  patientId: string,
  opts: { location?: "office" | "hospitalOutpatient"; dos?: string; doc?: Partial<DocInput> } = {},
) {
  const dos = opts.dos ?? CLAIM_DOS;
  const o = await biller.orders.create({
    patientId,
    indicationId: "nsclc-stage3-consolidation",
    diagnoses: ["C34.11"],
    phases: [{ name: "consolidation", doseKind: "per_kg", doseAmount: "10", frequency: "q2w", cycles: null }],
    durationMonths: 12,
    combination: null,
    startDate: dos,
    orderingProviderId: setup.providers.oncologistA,
    locationId: setup.locations[opts.location ?? "office"],
    weightKg: "67.3",
    notes: null,
  });
  await biller.orders.sign({ orderId: o.id });
  const [first] = await db.select().from(administrations).where(eq(administrations.orderId, o.id)).orderBy(asc(administrations.sequence)).limit(1);
  const administrationId = first!.id;
  await biller.administrations.saveDocumentation({ administrationId, baseRevision: 0, markDocumented: true, ...exampleDocumentation(dos, opts.doc) });
  const d = await biller.administrations.get({ administrationId });
  for (const f of d.findings.filter((x) => x.severity === "warning" && !x.acknowledged)) {
    await biller.administrations.acknowledgeWarning({ administrationId, rule: f.rule, fingerprint: f.fingerprint, reason: "Reviewed with pharmacy before billing" });
  }
  if (opts.location === "hospitalOutpatient") {
    // The documentation preview is a physician (837P) claim, where POS 22 may not carry the drug
    // (R-FACILITY); which entity bills a location is the location's setting (biller area). Until
    // the preview follows it, the hospital infusion is put in the ready state directly.
    await db.update(administrations).set({ status: "ready_for_billing" }).where(eq(administrations.id, administrationId));
  } else {
    await biller.administrations.markReady({ administrationId });
  }
  return { orderId: o.id, administrationId };
}
