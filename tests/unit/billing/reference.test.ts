import { describe, expect, it } from "vitest";
import { referenceSeed } from "@/db/seed/reference";
import { validateReferenceData } from "@/server/domain/billing";
import { refData } from "./helpers";

describe("reference seed", () => {
  it("validates, with the ids and rows the issue names", () => {
    expect(refData.indications.map((i) => i.id).sort()).toEqual(
      [
        "nsclc-stage3-consolidation",
        "nsclc-resectable-perioperative",
        "nsclc-metastatic-with-tremelimumab",
        "sclc-limited-stage",
        "sclc-extensive-stage",
        "biliary-tract",
        "hcc-with-tremelimumab",
        "endometrial-dmmr",
        "bladder-muscle-invasive-perioperative",
        "gastric-gej-perioperative",
        "urothelial-post-platinum",
        "off-label-compendia",
        "ampullary-compendia",
        "bladder-nmibc-with-bcg",
      ].sort(),
    );
    // issue 14 item 11: every labelled or withdrawn row records its label source; ampullary (C24.1) is not biliary tract
    for (const i of refData.indications) if (i.status !== "compendia") expect(i.labelSource, i.id).toBeTruthy();
    expect(refData.indications.find((i) => i.id === "biliary-tract")!.icd10Prefixes).not.toContain("C24");
    expect(refData.indications.find((i) => i.id === "bladder-nmibc-with-bcg")!.status).toBe("compendia");
    expect(refData.indications.find((i) => i.id === "urothelial-post-platinum")!.withdrawnDate).toBe("2021-02-22");
    expect(refData.ndcPackages.find((p) => p.ndc11 === "61434000210")!.status).toBe("bulk");
    expect(refData.icd10Codes.find((c) => c.code === "C22")!.billable).toBe(false);
    expect(refData.icd10Codes.find((c) => c.code === "C34")!.billable).toBe(false);
    expect(refData.drugs.find((d) => d.hcpcs === "J9322")!.drug).toContain("pemetrexed");
    for (const table of Object.values(refData)) for (const row of table as { source: string }[]) expect(row.source.length).toBeGreaterThan(5);
  });

  it("reports bad rows with table, index and field instead of throwing", () => {
    const bad = structuredClone(referenceSeed) as unknown as Record<string, Record<string, unknown>[]>;
    bad.ndcPackages![0]!.ndc11 = "0310-4500-12";
    bad.drugs![0]!.unitAmount = "10.0001";
    delete bad.aspPrices;
    const v = validateReferenceData(bad);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ table: "ndcPackages", row: 0, field: "ndc11" }),
          expect.objectContaining({ table: "drugs", row: 0, field: "unitAmount" }),
          expect.objectContaining({ table: "aspPrices", row: -1 }),
        ]),
      );
    }
    expect(validateReferenceData(null)).toMatchObject({ ok: false });
  });
});
