import type { TSaveDocumentationInput } from "@/server/api/routers/administrations/schemas";

export type DocInput = Omit<TSaveDocumentationInput, "administrationId" | "baseRevision">;

/**
 * claim-rules.md Example 4 documented with two vial sizes: 673 mg from 1 × 500 mg + 2 × 120 mg
 * (740 mg opened), 67 mg discarded with time and witness, a 100-minute infusion.
 */
export function exampleDocumentation(actualDate: string, over: Partial<DocInput> = {}): DocInput {
  return {
    actualDate,
    weightKg: "67.3",
    infusionStart: "10:00",
    infusionStop: "11:40",
    nurseName: "Rita Alvarez, RN",
    mgAdministered: "673",
    mgDiscarded: "67",
    wasteTime: "11:45",
    wasteWitness: "Sam Porter, PharmD",
    acquisition: "purchased",
    notes: null,
    combination: null,
    vials: [
      { ndc: "0310-4611-50", lotNumber: "LOT500A", expiryDate: "2027-06-30", count: 1 },
      { ndc: "00310-4500-12", lotNumber: "LOT120B", expiryDate: "2027-03-31", count: 2 },
    ],
    ...over,
  };
}
