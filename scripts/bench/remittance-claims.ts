/**
 * Many sent durvalumab claims at once (benchmarks and the worker tests): multi-row inserts of
 * patients, coverages, claims and lines, each claim J9173-JZ ×150 + 96413 as `generate835` pays them.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { claimLines, claims, coverages, patients } from "@/db/schema";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import type { ClaimParties } from "@/server/domain/claims/types";
import type { GeneratedClaim } from "./remittance-835";

const address = { line1: "400 Lakeshore Drive", city: "Madison", state: "WI", postalCode: "537031234" };
const parties: ClaimParties = {
  billingProvider: { name: "LAKESIDE ONCOLOGY", npi: "1234567893", tin: "123456789", address, taxonomy: "207RX0202X" },
  billingPhone: "6085550100",
  subscriber: { lastName: "PATIENT", firstName: "BENCH", birthDate: "1950-01-01", gender: "F", address, memberId: "BENCH0001" },
  payer: { name: "NORTHWOODS HEALTH PPO", id: "NWH200", claimFilingIndicator: "CI" },
  insuranceType: "group",
  planName: null,
  renderingProvider: { lastName: "HALVORSEN", firstName: "INGRID", npi: "1987654328", taxonomy: "207RX0202X" },
  serviceFacility: { name: "Lakeside Infusion Suite", npi: null, address },
  patientPerson: { lastName: "PATIENT", firstName: "BENCH", birthDate: "1950-01-01", gender: "F", address, phone: null },
  relationship: "self",
};

export async function insertSentClaims(db: Db, practiceId: string, setup: PracticeSetupIds, n: number, prefix: string, dos = "2026-09-14"): Promise<GeneratedClaim[]> {
  const out: GeneratedClaim[] = [];
  const BATCH = 500;
  for (let start = 0; start < n; start += BATCH) {
    const count = Math.min(BATCH, n - start);
    await db.transaction(async (tx) => {
      const patientId = randomUUID();
      const coverageId = randomUUID();
      await tx.insert(patients).values({ id: patientId, practiceId, mrn: `${prefix}-MRN-${start}`, firstName: "Bench", lastName: `Patient ${start}`, dateOfBirth: "1950-01-01", sex: "female", addressLine1: "1 Bench St", city: "Madison", state: "WI", zip: "53703" });
      await tx.insert(coverages).values({ id: coverageId, practiceId, patientId, payerId: setup.payers.commercial, memberId: `BENCH${start}`, priority: "primary", relationship: "self", effectiveDate: "2026-01-01" });
      const claimRows = [];
      const lineRows = [];
      for (let i = 0; i < count; i++) {
        const id = randomUUID();
        const claimNumber = `${prefix}${String(start + i + 1).padStart(7, "0")}`;
        out.push({ claimNumber, dos });
        claimRows.push({
          id,
          practiceId,
          claimNumber,
          patientId,
          coverageId,
          payerId: setup.payers.commercial,
          locationId: setup.locations.office,
          renderingProviderId: setup.providers.oncologistA,
          claimType: "professional" as const,
          status: "submitted" as const,
          dateOfService: dos,
          placeOfService: "11",
          diagnoses: ["C3411"],
          totalChargeCents: 2280000,
          parties,
          scenario: {} as never,
          scrubbedAt: new Date(`${dos}T18:00:00Z`),
          submittedAt: new Date(`${dos}T20:00:00Z`),
          submissionChannel: "paper" as const,
        });
        lineRows.push(
          { practiceId, claimId: id, position: 1, kind: "drug", code: "J9173", modifiers: ["JZ"], units: 150, chargeCents: 2250000, diagnosisPointers: [1], dateOfService: dos },
          { practiceId, claimId: id, position: 2, kind: "admin", code: "96413", modifiers: [], units: 1, chargeCents: 30000, diagnosisPointers: [1], dateOfService: dos },
        );
      }
      await tx.insert(claims).values(claimRows);
      for (let i = 0; i < lineRows.length; i += 1000) await tx.insert(claimLines).values(lineRows.slice(i, i + 1000));
    });
  }
  return out;
}
