import { describe, expect, it } from "vitest";
import { prepareReference } from "@/server/domain/billing";
import { CHARGES, COMM, COMM_NOJZ, MCD_UN, MCR, PA, blocking, byRule, durva, loadReference, notation, run, scenario } from "./helpers";

/** 1105 mg (not a label dose: R-DOSE warning) from 2 × 500 mg + 1 × 120 mg, listed small vial first. */
function endometrial(payer: object) {
  return scenario({
    payer: payer as never,
    diagnoses: ["C54.1"],
    indication: "endometrial-dmmr",
    drugs: [durva({ orderedDose: { mg: 1105 }, administeredMg: 1105, vials: [{ ndc: "0310-4500-12", count: 1 }, { ndc: "0310-4611-50", count: 2 }], wasteDocumented: true })],
  });
}

describe("R-UNITS", () => {
  it("rounds administered mg up to whole 10 mg units", () => {
    const r = run(scenario({ drugs: [durva({ orderedDose: { mg: 1495 }, administeredMg: 1495 })] }));
    // 1495 of 1500 mg: 149.5 -> 150 units; the 5 mg discarded is less than one unit -> no JW, JZ
    expect(notation(r)[0]).toBe("J9173-JZ ×150");
  });
  it("check mode: more units than administered is an error naming the numbers, with the corrected line", () => {
    const r = run(scenario({ lines: [{ code: "J9173", modifiers: ["JZ"], units: 151 }, { code: "96413", units: 1 }] }));
    const f = byRule(r, "R-UNITS", "error")[0]!;
    expect(f.message).toContain("151");
    expect(f.message).toContain("150");
    expect(f.suggestedFix?.line).toMatchObject({ code: "J9173", modifiers: ["JZ"], units: 150 });
    expect(f.line).toBe(1);
  });
  it("check mode: fewer units is a warning (under-billing)", () => {
    const r = run(scenario({ lines: [{ code: "J9173", modifiers: ["JZ"], units: 140 }, { code: "96413", units: 1 }] }));
    expect(byRule(r, "R-UNITS", "warning")).toHaveLength(1);
  });
  it("check mode: correct lines echo normalised with no findings", () => {
    const r = run(scenario({ lines: [{ code: "j9173", modifiers: ["jz"], units: 150 }, { code: "96413", units: 1 }] }));
    expect(notation(r)).toEqual(["J9173-JZ ×150", "96413 ×1"]);
    expect(r.lines[0]!.charge).toBe(22500);
    expect(r.findings).toEqual([]);
  });
});

describe("R-JW / waste", () => {
  it("waste below one unit: 115 mg from one 120 mg vial -> J9173-JZ ×12, no JW, info", () => {
    const r = run(scenario({ patient: { weightKg: 11.5 }, drugs: [durva({ orderedDose: { mgPerKg: 10 }, administeredMg: 115, vials: [{ ndc: "0310-4500-12", count: 1 }] })] }));
    expect(notation(r)).toEqual(["J9173-JZ ×12", "96413 ×1"]);
    expect(byRule(r, "R-JW", "info")[0]!.message).toContain("5 mg");
  });
  it("JW line billed for undocumented waste is an error (issue 8): document the amount or remove the JW line", () => {
    const r = run(scenario({ patient: { weightKg: 67.3 }, drugs: [durva({ orderedDose: { mgPerKg: 10 }, administeredMg: 673, vials: [{ ndc: "0310-4500-12", count: 6 }] })] }));
    const f = byRule(r, "R-JW", "error")[0]!;
    expect(f.category).toBe("documentation");
    expect(f.message).toContain("4 units (47 mg discarded)");
    expect(f.suggestedFix?.action).toBe("Document the discarded amount or remove the JW line.");
    expect(r.claim.blocked).toBe(true);
  });
  it("check mode: undocumented waste is an error only when a JW line is billed", () => {
    const drugs = [durva({ orderedDose: { mg: 673 }, administeredMg: 673, vials: [{ ndc: "0310-4500-12", count: 6 }] })];
    const withJw = run(scenario({ drugs, lines: [{ code: "J9173", units: 68 }, { code: "J9173", modifiers: ["JW"], units: 4 }, { code: "96413", units: 1 }] }));
    expect(byRule(withJw, "R-JW", "error").some((f) => f.category === "documentation")).toBe(true);
    const withoutJw = run(scenario({ payer: { ...MCR, wasteModifiers: "none" }, drugs, lines: [{ code: "J9173", units: 68 }, { code: "96413", units: 1 }] }));
    expect(byRule(withoutJw, "R-JW", "error")).toEqual([]);
  });
  it("documented discarded amount that does not reconcile is a warning with both numbers", () => {
    const r = run(scenario({ patient: { weightKg: 67.3 }, drugs: [durva({ orderedDose: { mgPerKg: 10 }, administeredMg: 673, vials: [{ ndc: "0310-4500-12", count: 6 }], discardedMg: 40, wasteDocumented: true })] }));
    expect(byRule(r, "R-JW")[0]!.message).toMatch(/40 mg.*47 mg/);
  });
  it("check mode: JW when nothing was discarded is an error; fix is the JZ line", () => {
    const r = run(scenario({ lines: [{ code: "J9173", units: 150 }, { code: "J9173", modifiers: ["JW"], units: 2 }, { code: "96413", units: 1 }] }));
    const f = byRule(r, "R-JW", "error")[0]!;
    expect(f.suggestedFix?.line).toMatchObject({ code: "J9173", modifiers: ["JZ"], units: 150 });
  });
  it("check mode: only a JW line is an error", () => {
    const r = run(scenario({ drugs: [durva({ administeredMg: 673, orderedDose: { mg: 673 }, vials: [{ ndc: "0310-4500-12", count: 6 }], wasteDocumented: true })], lines: [{ code: "J9173", modifiers: ["JW"], units: 4 }, { code: "96413", units: 1 }] }));
    expect(byRule(r, "R-JW", "error").some((f) => f.message.includes("only"))).toBe(true);
  });
  it("check mode: JZ while 4 units were discarded is an error", () => {
    const r = run(scenario({ drugs: [durva({ administeredMg: 673, orderedDose: { mg: 673 }, vials: [{ ndc: "0310-4500-12", count: 6 }], wasteDocumented: true })], lines: [{ code: "J9173", modifiers: ["JZ"], units: 68 }, { code: "96413", units: 1 }] }));
    expect(byRule(r, "R-JW", "error")[0]!.message).toContain("4 units");
  });
  it("payer without JW/JZ: waste not billed, info", () => {
    const r = run(scenario({ payer: { ...MCR, wasteModifiers: "none" }, drugs: [durva({ administeredMg: 673, orderedDose: { mg: 673 }, vials: [{ ndc: "0310-4500-12", count: 6 }] })] }));
    expect(notation(r)).toEqual(["J9173 ×68", "96413 ×1"]);
    expect(byRule(r, "R-JW", "info")).toHaveLength(1);
  });
  it("JZ is not added before its effective date (2023-07-01)", () => {
    const r = run(scenario({ dateOfService: "2023-03-01", today: "2023-03-02" }));
    expect(notation(r)[0]).toBe("J9173 ×150");
  });
});

describe("R-JWJZ", () => {
  it("both JW and JZ -> error", () => {
    const r = run(scenario({ drugs: [durva({ administeredMg: 673, orderedDose: { mg: 673 }, vials: [{ ndc: "0310-4500-12", count: 6 }], wasteDocumented: true })], lines: [{ code: "J9173", modifiers: ["JZ"], units: 68 }, { code: "J9173", modifiers: ["JW"], units: 4 }, { code: "96413", units: 1 }] }));
    expect(byRule(r, "R-JWJZ", "error")).toHaveLength(1);
  });
  it("neither JW nor JZ on a Medicare claim -> error with the JZ line as fix", () => {
    const r = run(scenario({ lines: [{ code: "J9173", units: 150 }, { code: "96413", units: 1 }] }));
    const f = byRule(r, "R-JWJZ", "error")[0]!;
    expect(f.message).toContain("neither");
    expect(f.suggestedFix?.line?.modifiers).toEqual(["JZ"]);
  });
  it("COMM-NOJZ payer: built lines carry no JZ, and an entered JZ is an error", () => {
    const built = run(scenario({ payer: { ...COMM_NOJZ }, priorAuth: PA }));
    expect(notation(built)).toEqual(["J9173 ×150 | 00310461150 ML 30", "96413 ×1"]);
    expect(built.findings).toEqual([]);
    const checked = run(scenario({ payer: { ...COMM_NOJZ }, priorAuth: PA, lines: [{ code: "J9173", modifiers: ["JZ"], units: 150, ndc: "00310-4611-50" }, { code: "96413", units: 1 }] }));
    expect(byRule(checked, "R-JWJZ", "error")[0]!.message).toContain("rejects");
  });
});

describe("R-OVERFILL", () => {
  it("administered beyond the opened vials is capped at the labelled contents, error", () => {
    const r = run(scenario({ drugs: [durva({ administeredMg: 1510 })] }));
    expect(notation(r)[0]).toBe("J9173-JZ ×150");
    const f = byRule(r, "R-OVERFILL", "error")[0]!;
    expect(f.message).toContain("151 units");
    expect(f.message).toContain("150 units");
  });
  it("check mode: administered + JW above opened units is an error", () => {
    const r = run(scenario({ drugs: [durva({ administeredMg: 673, orderedDose: { mg: 673 }, vials: [{ ndc: "0310-4500-12", count: 6 }], wasteDocumented: true })], lines: [{ code: "J9173", units: 70 }, { code: "J9173", modifiers: ["JW"], units: 4 }, { code: "96413", units: 1 }] }));
    expect(byRule(r, "R-OVERFILL", "error")).toHaveLength(1);
  });
});

describe("R-VIAL", () => {
  it("500 + 120 opened for 580 mg when 5 × 120 (600 mg) would do -> warning with units at audit risk", () => {
    const r = run(scenario({ drugs: [durva({ orderedDose: { mg: 580 }, administeredMg: 580, vials: [{ ndc: "0310-4611-50", count: 1 }, { ndc: "0310-4500-12", count: 1 }], wasteDocumented: true })] }));
    const f = byRule(r, "R-VIAL", "warning")[0]!;
    expect(f.message).toContain("5 × 120 mg");
    expect(f.message).toContain("2 waste units");
  });
  it("mixed vials that are the minimal combination (1105 mg from 2 × 500 + 1 × 120) get no warning", () => {
    const r = run(endometrial(MCR));
    expect(byRule(r, "R-VIAL")).toEqual([]);
    expect(notation(r)).toEqual(["J9173 ×111", "J9173-JW ×1", "96413 ×1"]);
  });
  it("a single-size opening that wastes more (1250 mg from 1 × 500 + 7 × 120 instead of 11 × 120) -> warning", () => {
    const r = run(scenario({ drugs: [durva({ orderedDose: { mg: 1250 }, administeredMg: 1250, vials: [{ ndc: "0310-4611-50", count: 1 }, { ndc: "0310-4500-12", count: 7 }], wasteDocumented: true })] }));
    const f = byRule(r, "R-VIAL", "warning")[0]!;
    expect(f.message).toContain("11 × 120 mg (1320 mg, 132 units), which leaves 7 waste units");
    // 134 opened − 125 administered = 9 discarded; only the 7 of the least-waste combination are billed
    expect(f.message).toContain("2 of the 9 discarded units are not billed");
    expect(notation(r)).toEqual(["J9173 ×125", "J9173-JW ×7", "96413 ×1"]);
  });
  it("payer dose-rounding policy suggests a whole-vial dose as info", () => {
    const r = run(scenario({ payer: { ...MCR, doseRoundingPercent: 10 }, patient: { weightKg: 67.3 }, drugs: [durva({ orderedDose: { mgPerKg: 10 }, administeredMg: 673, vials: [{ ndc: "0310-4500-12", count: 6 }], wasteDocumented: true })] }));
    expect(byRule(r, "R-VIAL", "info")[0]!.message).toContain("720 mg");
  });
});

describe("R-NDC and R-NDC-SPLIT", () => {
  it("bulk NDC 61434-002-10 is rejected", () => {
    const r = run(scenario({ drugs: [durva({ vials: [{ ndc: "61434-002-10", count: 3 }] })] }));
    expect(byRule(r, "R-NDC", "error")[0]!.message).toContain("bulk");
  });
  it("unknown NDC is rejected", () => {
    const r = run(scenario({ drugs: [durva({ vials: [{ ndc: "12345-6789-01", count: 3 }] })] }));
    expect(byRule(r, "R-NDC", "error")[0]!.message).toContain("not in the NDC-HCPCS crosswalk");
  });
  it("obsolete-on-date NDC is rejected (reference row with obsoleteFrom)", () => {
    const data = loadReference();
    data.ndcPackages.find((p) => p.ndc11 === "00310461150")!.obsoleteFrom = "2026-01-01";
    const r = run(scenario(), prepareReference(data));
    expect(byRule(r, "R-NDC", "error")[0]!.message).toContain("obsolete");
  });
  it("tremelimumab vial on a durvalumab administration fails the crosswalk", () => {
    const r = run(scenario({ drugs: [durva({ vials: [{ ndc: "0310-4535-30", count: 5 }] })] }));
    expect(byRule(r, "R-NDC", "error")[0]!.message).toContain("crosswalks to J9347");
  });
  it("10-digit NDC without hyphens is resolved only when one padding is known (warning)", () => {
    const r = run(scenario({ drugs: [durva({ vials: [{ ndc: "0310461150", count: 3 }] })] }));
    expect(byRule(r, "R-NDC", "warning")).toHaveLength(1);
    expect(notation(r)[0]).toBe("J9173-JZ ×150");
  });
  it("mixed NDCs with an NDC payer: one line per NDC, larger first, waste on the smaller vial", () => {
    const r = run({ ...endometrial(COMM), priorAuth: PA });
    expect(notation(r)).toEqual([
      "J9173 ×100 | 00310461150 ML 20",
      "J9173 ×11 | 00310450012 ML 2.2",
      "J9173-JW ×1 | 00310450012 ML 0.2",
      "96413 ×1",
    ]);
    expect(blocking(r).filter((f) => f.rule !== "R-DOSE")).toEqual([]);
  });
  it("UN payer: whole vials per line adding up to the vials opened (5 given + the partly used one on the JW line)", () => {
    const r = run(scenario({ payer: { ...MCD_UN }, priorAuth: PA, drugs: [durva({ administeredMg: 673, orderedDose: { mg: 673 }, vials: [{ ndc: "0310-4500-12", count: 6 }], wasteDocumented: true })] }));
    expect(notation(r)).toEqual(["J9173 ×68 | 00310450012 UN 5", "J9173-JW ×4 | 00310450012 UN 1", "96413 ×1"]);
  });
  it("check mode: missing NDC for an NDC payer is an error with the corrected line", () => {
    const r = run(scenario({ payer: { ...COMM }, priorAuth: PA, lines: [{ code: "J9173", modifiers: ["JZ"], units: 150 }, { code: "96413", units: 1 }] }));
    const f = byRule(r, "R-NDC", "error")[0]!;
    expect(f.suggestedFix?.line?.ndc).toEqual({ code: "00310461150", unit: "ML", quantity: 30 });
  });
  it("check mode: an NDC other than the opened vial is an error; wrong quantity is a warning", () => {
    const wrongNdc = run(scenario({ payer: { ...COMM }, priorAuth: PA, lines: [{ code: "J9173", modifiers: ["JZ"], units: 150, ndc: "0310-4500-12" }, { code: "96413", units: 1 }] }));
    expect(byRule(wrongNdc, "R-NDC", "error")[0]!.message).toContain("not among the vials opened");
    const wrongQty = run(scenario({ payer: { ...COMM }, priorAuth: PA, lines: [{ code: "J9173", modifiers: ["JZ"], units: 150, ndc: { code: "00310461150", unit: "ML", quantity: 3 } }, { code: "96413", units: 1 }] }));
    expect(byRule(wrongQty, "R-NDC", "warning")[0]!.message).toContain("30 ML");
  });
  it("check mode: one combined line for two NDCs -> R-NDC-SPLIT warning", () => {
    const r = run(scenario({ payer: { ...COMM }, priorAuth: PA, drugs: [durva({ orderedDose: { mg: 1250 }, administeredMg: 1250, vials: [{ ndc: "0310-4500-12", count: 7 }, { ndc: "0310-4611-50", count: 1 }], wasteDocumented: true })], lines: [{ code: "J9173", units: 125, ndc: "0310-4611-50" }, { code: "J9173", modifiers: ["JW"], units: 9, ndc: "0310-4500-12" }, { code: "96413", units: 1 }] }));
    expect(byRule(r, "R-NDC-SPLIT", "warning")).toHaveLength(1);
  });
});

describe("R-ADMIN", () => {
  it("missing stop time is an error and no administration line is built", () => {
    const r = run(scenario({ drugs: [durva({ infusion: { start: "10:00" } })] }));
    expect(byRule(r, "R-ADMIN", "error")[0]!.message).toContain("no stop time");
    expect(notation(r)).toEqual(["J9173-JZ ×150"]);
  });
  it("sequential different drug (tremelimumab then durvalumab, HCC) -> 96413 + 96417", () => {
    const r = run(
      scenario({
        diagnoses: ["C22.0"],
        indication: "hcc-with-tremelimumab",
        drugs: [
          { drug: "tremelimumab", orderedDose: { mg: 300 }, administeredMg: 300, vials: [{ ndc: "0310-4535-30", count: 1 }], infusion: { start: "09:00", end: "10:00" } },
          durva({ infusion: { start: "10:05", end: "11:05" } }),
        ],
      }),
    );
    expect(notation(r)).toEqual(["J9347-JZ ×300", "J9173-JZ ×150", "96413 ×1", "96417 ×1"]);
    expect(r.lines.map((l) => l.charge)).toEqual([18000, 22500, 300, 150]);
    expect(r.findings).toEqual([]);
  });
  it("96365 entered for a monoclonal antibody -> complex-drug warning suggesting 96413", () => {
    const r = run(scenario({ adminCodes: ["96365"] }));
    const f = byRule(r, "R-ADMIN", "warning")[0]!;
    expect(f.message).toContain("96365");
    expect(f.message).toContain("monoclonal antibody");
    expect(f.suggestedFix?.line).toMatchObject({ code: "96413", units: 1 });
  });
  it("check mode: 96415 not supported by 90 minutes is an error; add-on without primary is an error", () => {
    const r = run(scenario({ drugs: [durva({ infusion: { start: "10:00", end: "11:30" } })], lines: [{ code: "J9173", modifiers: ["JZ"], units: 150 }, { code: "96415", units: 1 }] }));
    expect(byRule(r, "R-ADMIN", "error").map((f) => f.message).join(" ")).toMatch(/add-on.*|supports none/);
    expect(byRule(r, "R-ADMIN", "error").length).toBeGreaterThanOrEqual(2);
  });
  it("stop before start is an error", () => {
    const r = run(scenario({ drugs: [durva({ infusion: { start: "11:00", end: "10:00" } })] }));
    expect(byRule(r, "R-ADMIN", "error")).toHaveLength(1);
  });
});

describe("R-FACILITY", () => {
  it.each(["19", "22"])("professional claim at POS %s must not carry the drug or 96413", (pos) => {
    const r = run(scenario({ placeOfService: pos }));
    const f = byRule(r, "R-FACILITY", "error")[0]!;
    expect(f.category).toBe("place-of-service");
    expect(f.message).toContain("lines 1, 2");
  });
  it("institutional claim: revenue codes 0636 for the drug, no POS error", () => {
    const r = run(scenario({ claimType: "institutional", placeOfService: undefined, typeOfBill: "0131" }));
    expect(r.claim.builtLines.map((l) => l.revenueCode)).toEqual(["0636", "0335"]);
    expect(r.claim.typeOfBill).toBe("0131");
    expect(r.findings).toEqual([]);
  });
  it("institutional claim without a type of bill is an error", () => {
    const r = run(scenario({ claimType: "institutional" }));
    expect(byRule(r, "R-FACILITY", "error")).toHaveLength(1);
  });
});

describe("R-WEIGHT boundary (US label: 30.0 kg -> fixed dose allowed)", () => {
  it.each([
    [30.0, 0],
    [29.9, 1],
  ])("%s kg with a fixed 1500 mg order -> %i findings (an error below 30 kg, issue 8)", (kg, n) => {
    const r = run(scenario({ patient: { weightKg: kg }, indication: "sclc-limited-stage" }));
    expect(byRule(r, "R-WEIGHT")).toHaveLength(n);
    if (n) {
      const f = byRule(r, "R-WEIGHT")[0]!;
      expect(f.severity).toBe("error");
      expect(f.message).toContain("20 mg/kg × 29.9 kg = 598 mg");
      expect(f.message).toContain("2.5 times that dose");
    }
  });
  it("≥ 30 kg with a weight-based order where the label is fixed -> warning", () => {
    const r = run(scenario({ indication: "biliary-tract", diagnoses: ["C22.1"], drugs: [durva({ orderedDose: { mgPerKg: 20 }, administeredMg: 1560, vials: [{ ndc: "0310-4611-50", count: 3 }, { ndc: "0310-4500-12", count: 1 }] })] }));
    expect(byRule(r, "R-WEIGHT", "warning")[0]!.message).toContain("1560 mg");
  });
  it("R-DOSE: a non-label dose and administered ≠ ordered are warnings", () => {
    const r = run(scenario({ drugs: [durva({ orderedDose: { mg: 1200 }, administeredMg: 1100, vials: [{ ndc: "0310-4611-50", count: 2 }, { ndc: "0310-4500-12", count: 1 }] })] }));
    expect(byRule(r, "R-DOSE").map((f) => f.message).join(" ")).toMatch(/1200 mg.*not a labelled dose.*|differs/);
    expect(byRule(r, "R-DOSE")).toHaveLength(2);
  });
});

describe("R-DURATION", () => {
  it("stage III NSCLC: 12 months after the first dose is allowed, one day later is a warning", () => {
    const ok = run(scenario({ drugs: [durva({ firstDoseDate: "2025-09-14" })] }));
    expect(byRule(ok, "R-DURATION")).toEqual([]);
    const late = run(scenario({ drugs: [durva({ firstDoseDate: "2025-09-13" })] }));
    expect(byRule(late, "R-DURATION", "warning")[0]!.message).toContain("12 months");
  });
  it("LS-SCLC allows 24 months", () => {
    const r = run(scenario({ indication: "sclc-limited-stage", drugs: [durva({ firstDoseDate: "2025-01-10" })] }));
    expect(byRule(r, "R-DURATION")).toEqual([]);
  });
  it("cycle beyond the labelled maximum (resectable NSCLC 16) -> warning", () => {
    const r = run(scenario({ indication: "nsclc-resectable-perioperative", drugs: [durva({ cycle: 17 })] }));
    expect(byRule(r, "R-DURATION", "warning")[0]!.message).toContain("cycle 17");
  });
});

describe("R-DX and indications", () => {
  it("category code C34 is not billable", () => {
    const r = run(scenario({ diagnoses: ["C34.1"] }));
    const f = byRule(r, "R-DX", "error")[0]!;
    expect(f.message).toContain("C34.1");
    expect(f.message).toContain("C34.11");
  });
  it("C22 alone is not billable", () => {
    const r = run(scenario({ diagnoses: ["C22"], indication: "hcc-with-tremelimumab" }));
    expect(byRule(r, "R-DX", "error").some((f) => f.message.includes("C22 "))).toBe(true);
  });
  it("diagnosis that is not an indication (breast) -> error", () => {
    const r = run(scenario({ diagnoses: ["C50.911"], indication: undefined }));
    expect(byRule(r, "R-DX", "error")[0]!.message).toContain("No diagnosis");
  });
  it("diagnosis that does not fit the stated indication -> error", () => {
    const r = run(scenario({ diagnoses: ["C50.911"], indication: "biliary-tract" }));
    expect(byRule(r, "R-DX", "error")[0]!.message).toContain("fits the indication \"Locally advanced or metastatic biliary tract cancer");
  });
  it("withdrawn urothelial indication after 2021-02-22 -> error; before it -> accepted", () => {
    const after = run(scenario({ diagnoses: ["C67.9"], indication: "urothelial-post-platinum", drugs: [durva({ orderedDose: { mgPerKg: 10 }, administeredMg: 780, vials: [{ ndc: "0310-4500-12", count: 7 }], wasteDocumented: true })] }));
    expect(byRule(after, "R-INDICATION", "error")[0]!.message).toContain("withdrawn in the US on 02/22/2021; the date of service 09/14/2026 is after the withdrawal");
    const before = run(scenario({ dateOfService: "2020-06-01", today: "2020-06-02", diagnoses: ["C67.9"], indication: "urothelial-post-platinum", drugs: [durva({ orderedDose: { mgPerKg: 10 }, administeredMg: 780, vials: [{ ndc: "0310-4500-12", count: 7 }], wasteDocumented: true })] }));
    expect(byRule(before, "R-INDICATION")).toEqual([]);
  });
  it("C67.x without a stated indication: warning that it could be the withdrawn indication", () => {
    const r = run(scenario({ diagnoses: ["C67.9"], indication: undefined }));
    expect(byRule(r, "R-INDICATION", "warning")[0]!.message).toContain("fits both \"Muscle-invasive bladder cancer");
  });
  it("off-label compendia use -> warning", () => {
    const r = run(scenario({ diagnoses: ["C50.911"], indication: "off-label-compendia" }));
    expect(byRule(r, "R-INDICATION", "warning")).toHaveLength(1);
    expect(byRule(r, "R-DX")).toEqual([]);
  });
  it("tremelimumab in a single-agent indication -> error", () => {
    const r = run(scenario({ drugs: [{ drug: "tremelimumab", orderedDose: { mg: 75 }, administeredMg: 75, vials: [{ ndc: "0310-4505-25", count: 3 }], infusion: { start: "09:00", end: "10:00" } }] }));
    expect(byRule(r, "R-INDICATION", "error")[0]!.message).toContain("tremelimumab");
  });
  it("before the label date -> warning (gastric labelled 2025-11-25)", () => {
    const r = run(scenario({ dateOfService: "2025-10-01", today: "2025-10-02", diagnoses: ["C16.0"], indication: "gastric-gej-perioperative" }));
    expect(byRule(r, "R-INDICATION", "warning")[0]!.message).toContain("not FDA-labelled until 11/25/2025");
  });
});

describe("R-HCPCS wrong codes", () => {
  it("J9322 entered for durvalumab -> error naming pemetrexed and J9173", () => {
    const r = run(scenario({ drugs: [durva({ hcpcs: "J9322" })] }));
    const f = byRule(r, "R-HCPCS", "error")[0]!;
    expect(f.category).toBe("code");
    expect(f.message).toContain("pemetrexed");
    expect(f.message).toContain("J9173");
  });
  it("check mode: a J9322 line -> error with the corrected J9173 line", () => {
    const r = run(scenario({ lines: [{ code: "J9322", modifiers: ["JZ"], units: 150 }, { code: "96413", units: 1 }] }));
    const f = byRule(r, "R-HCPCS", "error")[0]!;
    expect(f.line).toBe(1);
    expect(f.suggestedFix?.line).toMatchObject({ code: "J9173", modifiers: ["JZ"], units: 150 });
  });
  it("another checkpoint inhibitor's code (J9271) is named", () => {
    const r = run(scenario({ drugs: [durva({ hcpcs: "J9271" })] }));
    expect(byRule(r, "R-HCPCS", "error")[0]!.message).toContain("pembrolizumab");
  });
});

describe("R-MOD", () => {
  it.each(["GN", "GO", "GP"])("%s on J9173 or 96413 -> error with the line without it", (m) => {
    const r = run(scenario({ lines: [{ code: "J9173", modifiers: ["JZ", m], units: 150 }, { code: "96413", modifiers: [m], units: 1 }] }));
    const fs = byRule(r, "R-MOD", "error");
    expect(fs).toHaveLength(2);
    expect(fs[0]!.suggestedFix?.line?.modifiers).toEqual(["JZ"]);
  });
});

describe("R-AUTH", () => {
  const comm = (over: object) => run(scenario({ payer: { ...COMM }, ...over }));
  it("missing PA -> error", () => {
    expect(byRule(comm({}), "R-AUTH", "error")[0]!.message).toContain("none is on file");
  });
  it("expired PA -> error", () => {
    expect(byRule(comm({ priorAuth: { ...PA, end: "2026-09-13" } }), "R-AUTH", "error")[0]!.message).toContain("expired");
  });
  it("PA for another drug -> error", () => {
    expect(byRule(comm({ priorAuth: { ...PA, hcpcs: "J9271" } }), "R-AUTH", "error")[0]!.message).toContain("J9271");
  });
  it("not enough units left: 150 needed, 100 left -> error; exactly 150 left -> fine", () => {
    expect(byRule(comm({ priorAuth: { ...PA, usedUnits: 800 } }), "R-AUTH", "error")[0]!.message).toMatch(/150 units.*100 left/);
    expect(byRule(comm({ priorAuth: { ...PA, usedUnits: 750 } }), "R-AUTH")).toEqual([]);
  });
  it("free drug needs no PA for the drug line", () => {
    expect(byRule(comm({ drugs: [durva({ source: "free" })] }), "R-AUTH")).toEqual([]);
  });
});

describe("R-FREQ and R-DUP", () => {
  it("replacement without the payer claim number -> error; with it -> fine", () => {
    expect(byRule(run(scenario({ frequency: "replacement" })), "R-FREQ", "error")).toHaveLength(1);
    const ok = run(scenario({ frequency: "replacement", payerClaimNumber: "PCN123" }));
    expect(byRule(ok, "R-FREQ")).toEqual([]);
    expect(ok.claim.frequencyCode).toBe("7");
  });
  it("void without the payer claim number -> error", () => {
    expect(byRule(run(scenario({ frequency: "void" })), "R-FREQ", "error")[0]!.message).toContain("voids");
  });
  it("identical original already accepted -> duplicate error; different lines -> warning; denied -> nothing", () => {
    const prev = (status: "accepted" | "denied", units: number) => ({ dateOfService: "2026-09-14", status, lines: [{ code: "J9173", modifiers: ["JZ"], units }, { code: "96413", units: 1 }] });
    expect(byRule(run(scenario({ previousClaims: [prev("accepted", 150)] })), "R-DUP", "error")).toHaveLength(1);
    expect(byRule(run(scenario({ previousClaims: [prev("accepted", 140)] })), "R-DUP", "warning")).toHaveLength(1);
    expect(byRule(run(scenario({ previousClaims: [prev("denied", 150)] })), "R-DUP")).toEqual([]);
  });
});

describe("R-TIMELY", () => {
  it("Medicare: 1 calendar year after the DOS is the last day", () => {
    const onTime = run(scenario({ dateOfService: "2025-09-14", today: "2026-09-14" }));
    expect(byRule(onTime, "R-TIMELY", "error")).toEqual([]);
    const late = run(scenario({ dateOfService: "2025-09-14", today: "2026-09-15" }));
    expect(byRule(late, "R-TIMELY", "error")[0]!.message).toContain("1 calendar year");
  });
  it("payer days setting: 90 days", () => {
    const late = run(scenario({ payer: { ...MCR, timelyFilingDays: 90 }, dateOfService: "2026-06-01", today: "2026-09-01" }));
    expect(byRule(late, "R-TIMELY", "error")[0]!.message).toContain("90 days");
  });
});

describe("R-FREE", () => {
  it("free drug, FB payer setting: J9173-FB with zero charge, admin still billed", () => {
    const r = run(scenario({ payer: { ...MCR, freeDrug: "fb_zero_charge" }, drugs: [durva({ source: "free" })] }));
    expect(notation(r)).toEqual(["J9173-FB ×150", "96413 ×1"]);
    expect(r.lines.map((l) => l.charge)).toEqual([0, 300]);
    expect(blocking(r)).toEqual([]);
  });
  it("free drug, no-drug-line payer setting: only the administration", () => {
    const r = run(scenario({ payer: { ...MCR, freeDrug: "no_drug_line" }, drugs: [durva({ source: "free" })] }));
    expect(notation(r)).toEqual(["96413 ×1"]);
  });
  it("check mode: billing the payer for free drug is an error", () => {
    const r = run(scenario({ payer: { ...MCR, freeDrug: "fb_zero_charge" }, drugs: [durva({ source: "free" })], lines: [{ code: "J9173", modifiers: ["JZ"], units: 150, charge: 22500 }, { code: "96413", units: 1 }] }));
    const f = byRule(r, "R-FREE", "error")[0]!;
    expect(f.suggestedFix?.line).toMatchObject({ code: "J9173", modifiers: ["FB"], charge: 0 });
  });
});

describe("R-MUE and R-CHARGE", () => {
  it("payer per-dose cap exceeded -> warning", () => {
    const r = run(scenario({ payer: { ...MCR, unitCaps: { J9173: 112 } } }));
    expect(byRule(r, "R-MUE", "warning")[0]!.message).toContain("112");
  });
  it("missing fee schedule price -> info and zero charge", () => {
    const r = run(scenario({ charges: { J9173: 150 } }));
    expect(byRule(r, "R-CHARGE", "info")[0]!.message).toContain("96413");
    expect(r.lines[1]!.charge).toBe(0);
  });
  it("charges are exact cents (price with 3 decimals)", () => {
    const r = run(scenario({ charges: { ...CHARGES, J9173: 86.27 } }));
    expect(r.lines[0]!.charge).toBe(12940.5);
  });
});
