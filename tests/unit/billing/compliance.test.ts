/**
 * Issue 14 (billing engine compliance) and issue 8 (two scrubber severities, 96417 wording): one
 * worked example per corrected rule, with the numbers a biller can check by hand.
 */
import { describe, expect, it } from "vitest";
import { toClaim837Lines } from "@/server/domain/billing";
import { CHARGES, COMM, MCD_UN, MCR, PA, blocking, byRule, durva, notation, run, scenario } from "./helpers";

const TREME_25 = "0310-4505-25";
const TREME_300 = "0310-4535-30";

/** POSEIDON day 1: durvalumab 1500 mg 10:00–11:00 and tremelimumab 75 mg 11:05–12:05. */
function poseidon(over: Parameters<typeof scenario>[0] = {}, treme: Record<string, unknown> = {}) {
  return scenario({
    indication: "nsclc-metastatic-with-tremelimumab",
    drugs: [
      durva({ cycle: 1 }),
      {
        drug: "tremelimumab",
        orderedDose: { mg: 75 },
        administeredMg: 75,
        vials: [{ ndc: TREME_25, count: 3 }],
        infusion: { start: "11:05", end: "12:05" },
        cycle: 1,
        ...treme,
      },
    ],
    ...over,
  });
}

describe("item 1: billable waste is capped by the least-waste vial combination", () => {
  it("75 mg tremelimumab from one 300 mg vial: J9347-JZ ×75, the 225 discarded units are not billable (warning says why)", () => {
    const r = run(poseidon({}, { vials: [{ ndc: TREME_300, count: 1 }], wasteDocumented: true }));
    expect(notation(r)).toEqual(["J9173-JZ ×150", "J9347-JZ ×75", "96413 ×1", "96417 ×1"]);
    const f = byRule(r, "R-VIAL", "warning").find((x) => x.message.startsWith("tremelimumab"))!;
    expect(f.message).toContain("the least-waste combination is 3 × 25 mg (75 mg, 75 units)");
    expect(f.message).toContain("225 of the 225 discarded units are not billed");
    expect(f.suggestedFix?.action).toContain("document why");
    const sum = r.claim.drugs.find((d) => d.drug === "tremelimumab")!;
    expect(sum).toMatchObject({ administeredUnits: 75, openedUnits: 300, wasteUnits: 225, billableWasteUnits: 0, nonBillableWasteUnits: 225, leastWasteVials: "3 × 25 mg", leastWasteUnits: 0 });
  });
  it("with a documented reason (25 mg vials out of stock) the full waste is billed: J9347-JW ×225, the warning quotes the reason", () => {
    const r = run(poseidon({}, { vials: [{ ndc: TREME_300, count: 1 }], wasteDocumented: true, vialChoiceReason: "25 mg vials out of stock at the wholesaler" }));
    expect(notation(r)).toEqual(["J9173-JZ ×150", "J9347 ×75", "J9347-JW ×225", "96413 ×1", "96417 ×1"]);
    // 225 units × $60.00 fictional price per unit
    expect(r.lines[2]!.charge).toBe(13500);
    const f = byRule(r, "R-VIAL", "warning").find((x) => x.message.startsWith("tremelimumab"))!;
    expect(f.message).toContain("“25 mg vials out of stock at the wholesaler”");
    expect(r.claim.drugs[1]!.nonBillableWasteUnits).toBe(0);
  });
  it("durvalumab 1250 mg from 1 × 500 + 7 × 120: 9 discarded, 7 billable (11 × 120 is the least-waste), 2 not billed", () => {
    const r = run(scenario({ drugs: [durva({ orderedDose: { mg: 1250 }, administeredMg: 1250, vials: [{ ndc: "0310-4611-50", count: 1 }, { ndc: "0310-4500-12", count: 7 }], wasteDocumented: true })] }));
    expect(notation(r)).toEqual(["J9173 ×125", "J9173-JW ×7", "96413 ×1"]);
    expect(r.claim.drugs[0]).toMatchObject({ wasteUnits: 9, billableWasteUnits: 7, nonBillableWasteUnits: 2 });
  });
});

describe("item 2: line-level authorizations", () => {
  const paTreme = { number: "PA-T-5521", start: "2026-07-01", end: "2026-12-31", hcpcs: "J9347", approvedUnits: 375, usedUnits: 0 };
  it("two drugs under two authorizations: each drug line carries its own, no claim-level REF*G1", () => {
    const r = run(poseidon({ payer: { ...COMM }, priorAuth: [PA, paTreme] }, { wasteDocumented: true }));
    expect(r.claim.priorAuthNumber).toBeUndefined();
    expect(r.lines.map((l) => l.priorAuthNumber)).toEqual(["PA778899", "PA-T-5521", undefined, undefined]);
    expect(r.claim.authorizations).toEqual([
      { number: "PA778899", hcpcs: "J9173", lines: [1], level: "line" },
      { number: "PA-T-5521", hcpcs: "J9347", lines: [2], level: "line" },
    ]);
    const x = toClaim837Lines(r.claim.builtLines, "2026-09-14", r.claim);
    expect(x.map((l) => l.priorAuthNumber)).toEqual(["PA778899", "PA-T-5521", undefined, undefined]);
  });
  it("one authorization covering all: claim level only (RFI 2459), lines do not repeat it", () => {
    const r = run(scenario({ payer: { ...COMM }, priorAuth: PA }));
    expect(r.claim.priorAuthNumber).toBe("PA778899");
    expect(r.lines[0]!.priorAuthNumber).toBeUndefined();
    expect(toClaim837Lines(r.claim.builtLines, "2026-09-14", r.claim)[0]!.priorAuthNumber).toBeUndefined();
  });
  it("each drug is checked against its own authorization: the tremelimumab one has 40 units left for 75", () => {
    const r = run(poseidon({ payer: { ...COMM }, priorAuth: [PA, { ...paTreme, approvedUnits: 340, usedUnits: 300 }] }));
    const f = byRule(r, "R-AUTH", "error");
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain("75 units of J9347, but authorization PA-T-5521 has 40 left (340 approved, 300 used)");
  });
  it("837I: one authorization per claim — the primary drug's goes on the claim, the other is a warning", () => {
    const r = run(poseidon({ claimType: "institutional", placeOfService: undefined, typeOfBill: "0131", payer: { ...COMM }, priorAuth: [PA, paTreme] }));
    expect(r.claim.priorAuthNumber).toBe("PA778899");
    expect(r.claim.authorizations.map((a) => a.level)).toEqual(["claim", "not_sent"]);
    expect(byRule(r, "R-AUTH", "warning")[0]!.message).toContain("PA-T-5521 (J9347, line 2) cannot be sent");
    expect(toClaim837Lines(r.claim.builtLines, "2026-09-14", r.claim).every((l) => l.priorAuthNumber === undefined)).toBe(true);
  });
});

describe("item 3: concurrent infusions are not sequential", () => {
  it("tremelimumab 10:30–11:30 during durvalumab 10:00–11:00: 96413 only, no 96417", () => {
    const r = run(poseidon({}, { infusion: { start: "10:30", end: "11:30" } }));
    expect(notation(r).slice(2)).toEqual(["96413 ×1"]);
    expect(byRule(r, "R-ADMIN", "info")[0]!.message).toContain("tremelimumab (10:30–11:30) ran at the same time as durvalumab (10:00–11:00)");
    expect(r.claim.administration.steps.map((s) => s.role)).toEqual(["initial", "concurrent"]);
  });
  it("check mode rejects a 96417 whose times overlap, naming the overlap", () => {
    const r = run(
      poseidon({ lines: [{ code: "J9173", modifiers: ["JZ"], units: 150 }, { code: "J9347", modifiers: ["JZ"], units: 75 }, { code: "96413", units: 1 }, { code: "96417", units: 1 }] }, { infusion: { start: "10:30", end: "11:30" } }),
    );
    const f = byRule(r, "R-ADMIN", "error")[0]!;
    expect(f.message).toContain("96417 ×1 billed, the documented infusion times support none");
    expect(f.message).toContain("ran at the same time");
    expect(f.line).toBe(4);
  });
});

describe("item 4: same-day chemotherapy", () => {
  // ES-SCLC cycle 1: durvalumab 10:00–11:00, etoposide 100 mg 11:05–12:05, carboplatin 600 mg 12:10–12:40
  const esSclc = (over: Parameters<typeof scenario>[0] = {}) =>
    scenario({
      indication: "sclc-extensive-stage",
      drugs: [durva({ cycle: 1 })],
      otherDrugs: [
        { hcpcs: "J9181", description: "etoposide", units: 10, infusion: { start: "11:05", end: "12:05" } },
        { hcpcs: "J9045", description: "carboplatin", units: 12, infusion: { start: "12:10", end: "12:40" } },
      ],
      charges: { ...CHARGES, J9181: 2.5, J9045: 4 },
      ...over,
    });
  it("build mode: their lines with the user's units, and their times give 96417 ×2", () => {
    const r = run(esSclc());
    expect(notation(r)).toEqual(["J9173-JZ ×150", "J9181 ×10", "J9045 ×12", "96413 ×1", "96417 ×2"]);
    expect(r.lines.map((l) => l.charge)).toEqual([22500, 25, 48, 300, 300]);
    expect(blocking(r)).toEqual([]);
  });
  it("check mode accepts the claim that lists them (no '96417 ×2 … support none')", () => {
    const r = run(
      esSclc({
        lines: [
          { code: "J9173", modifiers: ["JZ"], units: 150 },
          { code: "J9181", units: 10 },
          { code: "J9045", units: 12 },
          { code: "96413", units: 1 },
          { code: "96417", units: 2 },
        ],
      }),
    );
    expect(blocking(r)).toEqual([]);
  });
  it("a code that is not a drug code is a warning; wrong units against the record are a warning", () => {
    const r = run(esSclc({ otherDrugs: [{ hcpcs: "96365", units: 1, infusion: { start: "11:05", end: "12:05" } }] }));
    expect(byRule(r, "R-OTHER-DRUG", "warning")[0]!.message).toContain("96365 is not a HCPCS drug code");
    const c = run(esSclc({ lines: [{ code: "J9173", modifiers: ["JZ"], units: 150 }, { code: "J9181", units: 12 }, { code: "J9045", units: 12 }, { code: "96413", units: 1 }, { code: "96417", units: 2 }] }));
    expect(byRule(c, "R-OTHER-DRUG", "warning")[0]!.message).toContain("J9181 (etoposide) ×12 billed, but the record gives 10 units");
  });
});

describe("item 5: 340B", () => {
  const hopd = (dos: string, entity: string, over: Parameters<typeof scenario>[0] = {}) =>
    scenario({
      claimType: "institutional",
      placeOfService: undefined,
      typeOfBill: "0131",
      dateOfService: dos,
      today: dos,
      site: { hospitalSite: "on_campus", coveredEntityType: entity as never },
      drugs: [durva({ source: "340b" })],
      ...over,
    });
  it.each([
    ["2024-06-03", "dsh", "JG"],
    ["2024-06-03", "sch_rural", "TB"],
    ["2024-06-03", "cah", "TB"],
    ["2025-06-02", "dsh", "TB"],
    ["2026-09-14", "dsh", "TB"],
    ["2026-09-14", "grantee", "JG"],
  ])("Medicare, DOS %s, %s covered entity -> %s on the drug line", (dos, entity, mod) => {
    const r = run(hopd(dos, entity));
    expect(r.lines[0]!.modifiers).toEqual([mod, "JZ"]);
    expect(r.claim.drugs[0]!.modifier340b).toBe(mod);
    expect(byRule(r, "R-340B")).toEqual([]);
  });
  it("JG and its waste line: J9173-JG ×68 and J9173-JG-JW ×4", () => {
    const r = run(hopd("2024-06-03", "dsh", { patient: { weightKg: 67.3 }, drugs: [durva({ source: "340b", orderedDose: { mgPerKg: 10 }, administeredMg: 673, vials: [{ ndc: "0310-4500-12", count: 6 }], wasteDocumented: true })] }));
    expect(notation(r).slice(0, 2)).toEqual(["J9173-JG ×68", "J9173-JG-JW ×4"]);
  });
  it("check mode: a missing 340B modifier is an error, the other one is an error (or a warning while still accepted)", () => {
    const lines = (mods: string[]) => [{ code: "J9173", modifiers: mods, units: 150 }, { code: "96413", units: 1 }];
    expect(byRule(run(hopd("2024-06-03", "dsh", { lines: lines(["JZ"]) })), "R-340B", "error")[0]!.message).toContain("requires JG");
    expect(byRule(run(hopd("2024-06-03", "dsh", { lines: lines(["TB", "JZ"]) })), "R-340B", "error")[0]!.message).toContain("take JG");
    expect(byRule(run(hopd("2025-06-02", "dsh", { lines: lines(["JG", "JZ"]) })), "R-340B", "warning")).toHaveLength(1);
  });
  it("a 340B modifier on drug that was not bought under 340B is an error", () => {
    const r = run(scenario({ lines: [{ code: "J9173", modifiers: ["JG", "JZ"], units: 150 }, { code: "96413", units: 1 }] }));
    expect(byRule(r, "R-340B", "error")[0]!.message).toContain("record says it was not");
  });
  it("the entity type unknown: error asking for it", () => {
    const r = run(hopd("2024-06-03", "dsh", { site: { hospitalSite: "on_campus" } }));
    expect(byRule(r, "R-340B", "error")[0]!.message).toContain("covered-entity type is not set");
  });
  it("Medicaid: UD and the acquisition cost as the charge (150 units × $52.50 = $7,875.00)", () => {
    const r = run(scenario({ payer: { ...MCD_UN }, priorAuth: PA, drugs: [durva({ source: "340b", acquisitionCostPerUnit: 52.5 })] }));
    expect(notation(r)[0]).toBe("J9173-UD-JZ ×150 | 00310461150 UN 3");
    expect(r.lines[0]!.charge).toBe(7875);
    expect(blocking(r)).toEqual([]);
    const missing = run(scenario({ payer: { ...MCD_UN }, priorAuth: PA, drugs: [durva({ source: "340b" })] }));
    expect(byRule(missing, "R-340B", "error")[0]!.message).toContain("acquisition cost per J9173 unit is not recorded");
  });
});

describe("item 6: free drug on Medicare at a nominal $0.01", () => {
  it("Medicare's template bills the HCPCS at $0.01 on the same claim as the administration", () => {
    const r = run(scenario({ drugs: [durva({ source: "free" })] }));
    expect(notation(r)).toEqual(["J9173 ×150", "96413 ×1"]);
    expect(r.lines.map((l) => l.charge)).toEqual([0.01, 300]);
    expect(r.claim.totalChargeCents).toBe(30001);
    expect(blocking(r)).toEqual([]);
  });
  it("check mode accepts the $0.01 line and rejects a billed charge", () => {
    const ok = run(scenario({ drugs: [durva({ source: "free" })], lines: [{ code: "J9173", units: 150, charge: 0.01 }, { code: "96413", units: 1 }] }));
    expect(blocking(ok)).toEqual([]);
    const billed = run(scenario({ drugs: [durva({ source: "free" })], lines: [{ code: "J9173", units: 150, charge: 22500 }, { code: "96413", units: 1 }] }));
    expect(byRule(billed, "R-FREE", "error")[0]!.message).toContain("nominal $0.01");
  });
});

describe("item 7: every date of service gets its payer template; JZ only from 2023-07-01", () => {
  it("DOS 2023-03-01 filed 2026-01-10 on Medicare: timely-filing error, SBR09 MB, no JZ (JW-only period)", () => {
    const r = run(scenario({ dateOfService: "2023-03-01", today: "2026-01-10" }));
    expect(notation(r)[0]).toBe("J9173 ×150");
    expect(r.claim.claimFilingIndicator).toBe("MB");
    expect(byRule(r, "R-TIMELY", "error")[0]!.message).toBe(
      "Filing on 01/10/2026 is 1,046 days after the date of service 03/01/2023; the payer's limit is 1 calendar year (last day 03/01/2024) (CO-29).",
    );
  });
});

describe("item 8: dose checks follow the order's phase and cycle", () => {
  const endo = (mg: number, cycle: number, phase?: string) =>
    run(scenario({ diagnoses: ["C54.1"], indication: "endometrial-dmmr", drugs: [durva({ orderedDose: { mg }, administeredMg: mg, cycle, ...(phase ? { phase } : {}), vials: mg === 1120 ? [{ ndc: "0310-4611-50", count: 2 }, { ndc: "0310-4500-12", count: 1 }] : [{ ndc: "0310-4611-50", count: 3 }], wasteDocumented: true })] }));
  it("endometrial dMMR: 1500 mg at cycle 2 is not the with-chemotherapy dose (1120 mg q3w, cycles 1–6)", () => {
    const f = byRule(endo(1500, 2), "R-DOSE", "warning")[0]!;
    expect(f.message).toContain("with-chemotherapy phase (cycles 1–6)");
    expect(f.message).toContain("labelled: 1120 mg q3w");
    expect(f.message).toContain("1500 mg q4w is the maintenance dose (cycle 7 on)");
  });
  it("1120 mg at cycle 2 and 1500 mg at cycle 7 are labelled", () => {
    expect(byRule(endo(1120, 2), "R-DOSE")).toEqual([]);
    expect(byRule(endo(1500, 7), "R-DOSE")).toEqual([]);
  });
  it("a stated phase that the cycle does not belong to is a warning", () => {
    expect(byRule(endo(1500, 3, "maintenance"), "R-DOSE", "warning")[0]!.message).toContain("cycle 3 is outside the maintenance phase of “Primary advanced or recurrent dMMR endometrial cancer with carboplatin and paclitaxel” (cycle 7 on); by the label it belongs to with-chemotherapy");
  });
  it("gastric FLOT: 1500 mg q4w in both phases; cycle 15 is beyond the 14 labelled cycles", () => {
    const g = (cycle: number) => run(scenario({ diagnoses: ["C16.0"], indication: "gastric-gej-perioperative", drugs: [durva({ cycle })] }));
    expect(byRule(g(3), "R-DOSE")).toEqual([]);
    expect(byRule(g(5), "R-DOSE")).toEqual([]);
    expect(byRule(g(15), "R-DURATION", "warning")[0]!.message).toContain("14");
  });
});

describe("item 9: PO/PN on every 837I line of an off-campus department", () => {
  const hopd = (site: "off_campus_excepted" | "off_campus_non_excepted" | "on_campus", over: Parameters<typeof scenario>[0] = {}) =>
    scenario({ claimType: "institutional", placeOfService: undefined, typeOfBill: "0131", site: { hospitalSite: site }, ...over });
  it("excepted -> PO on the drug and the administration lines; non-excepted -> PN", () => {
    expect(notation(run(hopd("off_campus_excepted")))).toEqual(["J9173-JZ-PO ×150", "96413-PO ×1"]);
    expect(notation(run(hopd("off_campus_non_excepted")))).toEqual(["J9173-JZ-PN ×150", "96413-PN ×1"]);
    expect(notation(run(hopd("on_campus")))).toEqual(["J9173-JZ ×150", "96413 ×1"]);
  });
  it("check mode: a line without PO is an error naming it; PO on a professional claim is a warning", () => {
    const r = run(hopd("off_campus_excepted", { lines: [{ code: "J9173", modifiers: ["JZ", "PO"], units: 150 }, { code: "96413", units: 1 }] }));
    expect(byRule(r, "R-SITE", "error")[0]!.message).toContain("every line of the 837I needs PO, drugs included; line 2 lacks it");
    const p = run(scenario({ lines: [{ code: "J9173", modifiers: ["JZ", "PO"], units: 150 }, { code: "96413", units: 1 }] }));
    expect(byRule(p, "R-SITE", "warning")).toHaveLength(1);
  });
});

describe("item 10: same-day E/M with modifier 25", () => {
  const lines = (em: { code: string; modifiers?: string[] }) => [{ code: "J9173", modifiers: ["JZ"], units: 150 }, { code: "96413", units: 1 }, { units: 1, ...em }];
  it("99214-25 is accepted; 99214 without 25 is an error with the corrected line", () => {
    expect(blocking(run(scenario({ lines: lines({ code: "99214", modifiers: ["25"] }) })))).toEqual([]);
    const f = byRule(run(scenario({ lines: lines({ code: "99214" }) })), "R-EM", "error")[0]!;
    expect(f.message).toContain("without modifier 25");
    expect(f.suggestedFix?.line).toMatchObject({ code: "99214", modifiers: ["25"] });
  });
  it("99211 with chemotherapy administration on Medicare is a warning (not paid, with or without 25)", () => {
    expect(byRule(run(scenario({ lines: lines({ code: "99211", modifiers: ["25"] }) })), "R-EM", "warning")[0]!.message).toContain("does not pay 99211");
  });
  it("25 on the administration line is an error that names the visit", () => {
    const r = run(scenario({ lines: [{ code: "J9173", modifiers: ["JZ"], units: 150 }, { code: "96413", modifiers: ["25"], units: 1 }] }));
    expect(byRule(r, "R-MOD", "error")[0]!.message).toContain("belongs on the same-day visit");
  });
});

describe("item 11: indication rows", () => {
  it("ampullary carcinoma (C24.1) does not fit the labelled biliary tract indication", () => {
    const r = run(scenario({ diagnoses: ["C24.1"], indication: "biliary-tract" }));
    expect(byRule(r, "R-DX", "error")[0]!.message).toContain("C22.1, C23.x, C24.0, C24.8, C24.9");
  });
  it("it is billed as the ampullary compendium use: an off-label warning", () => {
    const r = run(scenario({ diagnoses: ["C24.1"], indication: "ampullary-compendia" }));
    expect(byRule(r, "R-INDICATION", "warning")).toHaveLength(1);
    expect(byRule(r, "R-DX")).toEqual([]);
  });
  it("NMIBC with BCG: label not verified, so a documented-support warning rather than a labelled use", () => {
    const r = run(scenario({ diagnoses: ["C67.2"], indication: "bladder-nmibc-with-bcg" }));
    expect(byRule(r, "R-INDICATION", "warning")).toHaveLength(1);
  });
});

describe("item 12: Medicaid UN quantities are whole vials", () => {
  it("1500 mg from 3 × 500 mg -> 3 UN; 673 mg from 6 × 120 mg -> 5 UN + 1 UN (the partly used vial on the JW line)", () => {
    expect(notation(run(scenario({ payer: { ...MCD_UN }, priorAuth: PA })))[0]).toBe("J9173-JZ ×150 | 00310461150 UN 3");
    const r = run(scenario({ payer: { ...MCD_UN }, priorAuth: PA, drugs: [durva({ orderedDose: { mg: 673 }, administeredMg: 673, vials: [{ ndc: "0310-4500-12", count: 6 }], wasteDocumented: true })] }));
    expect(notation(r).slice(0, 2)).toEqual(["J9173 ×68 | 00310450012 UN 5", "J9173-JW ×4 | 00310450012 UN 1"]);
  });
  it("the plan's setting can count the partly used vial on the administered line only when the JW line has a vial of its own", () => {
    const r = run(scenario({ payer: { ...MCD_UN, ndcUnPartialVial: "administered_line" }, priorAuth: PA, drugs: [durva({ orderedDose: { mg: 673 }, administeredMg: 673, vials: [{ ndc: "0310-4500-12", count: 6 }], wasteDocumented: true })] }));
    expect(notation(r).slice(0, 2)).toEqual(["J9173 ×68 | 00310450012 UN 5", "J9173-JW ×4 | 00310450012 UN 1"]);
  });
  it("ML plans keep the volume: 68 units × 0.2 mL = 13.6 ML", () => {
    const r = run(scenario({ payer: { ...COMM }, priorAuth: PA, drugs: [durva({ orderedDose: { mg: 673 }, administeredMg: 673, vials: [{ ndc: "0310-4500-12", count: 6 }], wasteDocumented: true })] }));
    expect(notation(r)[0]).toBe("J9173 ×68 | 00310450012 ML 13.6");
  });
});

describe("item 13: SBR09 on 837I claims to Medicare is MA", () => {
  it("institutional -> MA, professional -> MB", () => {
    expect(run(scenario({ claimType: "institutional", placeOfService: undefined, typeOfBill: "0131" })).claim.claimFilingIndicator).toBe("MA");
    expect(run(scenario()).claim.claimFilingIndicator).toBe("MB");
    expect(run(scenario({ payer: { ...COMM }, priorAuth: PA, claimType: "institutional", placeOfService: undefined, typeOfBill: "0131" })).claim.claimFilingIndicator).toBe("CI");
  });
});

describe("item 14: duplicates are OA-18", () => {
  it("an identical accepted claim is an exact duplicate reported as OA-18", () => {
    const r = run(scenario({ previousClaims: [{ dateOfService: "2026-09-14", status: "paid", lines: [{ code: "J9173", modifiers: ["JZ"], units: 150 }, { code: "96413", modifiers: [], units: 1 }] }] }));
    const f = byRule(r, "R-DUP", "error")[0]!;
    expect(f.message).toContain("OA-18");
    expect(f.message).not.toContain("CO-18");
  });
});

describe("issue 8: the initial code follows the primary drug, not the clock", () => {
  it("tremelimumab 09:00–10:00 before durvalumab 10:05–11:05: durvalumab is the initial service (96413), tremelimumab 96417", () => {
    const r = run(poseidon({ drugs: [durva({ infusion: { start: "10:05", end: "11:05" } }), { drug: "tremelimumab", orderedDose: { mg: 75 }, administeredMg: 75, vials: [{ ndc: TREME_25, count: 3 }], infusion: { start: "09:00", end: "10:00" } }] }));
    expect(notation(r).slice(2)).toEqual(["96413 ×1", "96417 ×1"]);
    expect(r.claim.administration.initialDrug).toBe("durvalumab");
    expect(r.claim.administration.initialReason).toContain("even though tremelimumab started first (09:00)");
    expect(r.claim.administration.steps).toMatchObject([
      { drug: "durvalumab", role: "initial", codes: [{ code: "96413", units: 1 }] },
      { drug: "tremelimumab", role: "sequential", codes: [{ code: "96417", units: 1 }] },
    ]);
  });
  it("a clinician's documented override reason turns the under-30 kg fixed-dose error into a warning quoting it", () => {
    const r = run(scenario({ patient: { weightKg: 25 }, indication: "sclc-limited-stage", drugs: [durva({ weightDoseOverrideReason: "tumour board: fixed dose per trial protocol" })] }));
    const f = byRule(r, "R-WEIGHT")[0]!;
    expect(f.severity).toBe("warning");
    expect(f.message).toContain("20 mg/kg × 25 kg = 500 mg");
    expect(f.message).toContain("“tumour board: fixed dose per trial protocol”");
  });
});

describe("payer settings carry over", () => {
  it("MCR defaults: nominal free drug, JG/TB, MA on 837I", () => {
    const r = run(scenario({ payer: { ...MCR } }));
    expect(r.claim.claimFilingIndicator).toBe("MB");
  });
});
