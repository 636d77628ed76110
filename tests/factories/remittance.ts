import { readFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { claimLines, claims } from "@/db/schema";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import type { ClaimParties } from "@/server/domain/claims/types";
import type { ClaimState } from "@/server/domain/workflow/claim";
import { makeCoveredPatient } from "./claims";

export const remitFixturePath = (name: string) => path.resolve(import.meta.dirname, "../fixtures/x12/835/remit", name);
export const remitFixture = (name: string) => readFileSync(remitFixturePath(name));

/** A plausible set of claim parties (what the 837 carried) for claims made directly in tests. */
export function testParties(over: { lastName?: string; firstName?: string; memberId?: string; payerName?: string; payerId?: string } = {}): ClaimParties {
  const address = { line1: "12 Elm St", city: "Madison", state: "WI", postalCode: "53703" };
  return {
    billingProvider: { name: "LAKESIDE ONCOLOGY", npi: "1234567893", tin: "123456789", address: { ...address, postalCode: "537031234" }, taxonomy: "207RX0202X" },
    billingPhone: "6085550100",
    subscriber: { lastName: over.lastName ?? "OLSON", firstName: over.firstName ?? "MARGARET", birthDate: "1951-04-22", gender: "F", address, memberId: over.memberId ?? "1EG4TE5MK73" },
    payer: { name: over.payerName ?? "NORTHWOODS HEALTH PPO", id: over.payerId ?? "NWH200", claimFilingIndicator: "CI" },
    insuranceType: "group",
    planName: null,
    renderingProvider: { lastName: "HALVORSEN", firstName: "INGRID", npi: "1987654328", taxonomy: "207RX0202X" },
    serviceFacility: { name: "Lakeside Infusion Suite", npi: null, address },
    patientPerson: { lastName: over.lastName ?? "OLSON", firstName: over.firstName ?? "MARGARET", birthDate: "1951-04-22", gender: "F", address, phone: null },
    relationship: "self",
  };
}

export interface TestLine {
  code: string;
  modifiers?: string[];
  units: number;
  chargeCents: number;
  kind?: "drug" | "waste" | "admin" | "other";
  ndc11?: string | null;
}

export const DURVA_LINES: TestLine[] = [
  { code: "J9173", modifiers: ["JZ"], units: 150, chargeCents: 2250000, kind: "drug", ndc11: "00310461150" },
  { code: "96413", units: 1, chargeCents: 30000, kind: "admin" },
];

/**
 * A claim as the claims module leaves it once sent (status submitted by default), inserted
 * directly so its number and lines match the hand-written 835 fixtures.
 */
export async function makeSentClaim(
  db: Db,
  practiceId: string,
  setup: PracticeSetupIds,
  opts: {
    claimNumber: string;
    payer?: keyof PracticeSetupIds["payers"];
    dos?: string;
    lines?: TestLine[];
    status?: ClaimState;
    priorAuthNumber?: string | null;
    lastName?: string;
    secondaryPayer?: keyof PracticeSetupIds["payers"];
    patient?: { patientId: string; coverageId: string };
    coverageId?: string;
    /** another practice's set-up (isolation tests) */
    other?: boolean;
  },
) {
  const payer = opts.payer ?? "commercial";
  const payerId = opts.other ? setup.other.payer : setup.payers[payer];
  const dos = opts.dos ?? "2026-09-14";
  const lines = opts.lines ?? DURVA_LINES;
  const p =
    opts.patient ??
    (await makeCoveredPatient(db, practiceId, payerId, {
      lastName: opts.lastName ?? `Test${randomBytes(2).toString("hex")}`,
      ...(opts.secondaryPayer ? { secondaryPayerId: setup.payers[opts.secondaryPayer] } : {}),
    }));
  const total = lines.reduce((s, l) => s + l.chargeCents, 0);
  return db.transaction(async (tx) => {
    const [c] = await tx
      .insert(claims)
      .values({
        practiceId,
        claimNumber: opts.claimNumber,
        patientId: p.patientId,
        coverageId: opts.coverageId ?? p.coverageId,
        payerId,
        locationId: opts.other ? setup.other.location : setup.locations.office,
        renderingProviderId: opts.other ? setup.other.provider : setup.providers.oncologistA,
        claimType: "professional",
        status: opts.status ?? "submitted",
        dateOfService: dos,
        placeOfService: "11",
        priorAuthNumber: opts.priorAuthNumber ?? null,
        diagnoses: ["C3411"],
        totalChargeCents: total,
        parties: testParties({ lastName: opts.lastName?.toUpperCase() }),
        scenario: {} as never,
        scrubbedAt: new Date(`${dos}T18:00:00Z`),
        submittedAt: new Date(`${dos}T20:00:00Z`),
        submissionChannel: "paper",
      })
      .returning();
    const rows = await tx
      .insert(claimLines)
      .values(
        lines.map((l, i) => ({
          practiceId,
          claimId: c!.id,
          position: i + 1,
          kind: l.kind ?? (l.code.startsWith("J") ? "drug" : "admin"),
          code: l.code,
          modifiers: l.modifiers ?? [],
          units: l.units,
          chargeCents: l.chargeCents,
          ndc11: l.ndc11 ?? null,
          ndcUnit: l.ndc11 ? "ML" : null,
          ndcQuantity: l.ndc11 ? "30" : null,
          diagnosisPointers: [1],
          dateOfService: dos,
        })),
      )
      .returning({ id: claimLines.id, position: claimLines.position });
    return { claim: c!, lines: rows.sort((a, b) => a.position - b.position), patientId: p.patientId, coverageId: p.coverageId };
  });
}
