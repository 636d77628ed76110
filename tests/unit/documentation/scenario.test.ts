import { describe, expect, it } from "vitest";
import { parseScenario, previewClaim } from "@/server/domain/billing";
import { toScenario } from "@/server/domain/documentation";
import { context, ref, values } from "./fixtures";

function build(v = values(), c = context()) {
  const r = toScenario(v, c);
  if (!r.ok) throw new Error(r.missing.join(", "));
  return r.scenario;
}

describe("toScenario", () => {
  it("maps the documentation, order, location, payer and fee schedule to the engine's scenario", () => {
    const s = build();
    expect(s).toMatchObject({
      claimType: "professional",
      placeOfService: "11",
      dateOfService: "2026-09-14",
      today: "2026-09-15",
      patient: { weightKg: 67.3 },
      diagnoses: ["C34.11"],
      indication: "nsclc-stage3-consolidation",
      frequency: "original",
      charges: { J9173: 150, "96413": 300, "96415": 75 },
    });
    expect(s.drugs).toEqual([
      {
        drug: "durvalumab",
        orderedDose: { mgPerKg: 10 },
        administeredMg: 673,
        vials: [
          { ndc: "00310461150", count: 1 },
          { ndc: "00310450012", count: 2 },
        ],
        source: "purchased",
        wasteDocumented: true,
        infusion: { start: "10:00", end: "11:40" },
        cycle: 1,
        discardedMg: 67,
        firstDoseDate: "2026-09-14",
      },
    ]);
    const parsed = parseScenario(s, ref);
    expect(parsed.ok).toBe(true);
  });

  it("reports what is missing instead of building a half scenario", () => {
    const r = toScenario(values({ actualDate: null, mgAdministered: null, vials: [] }), context({ payer: null }));
    expect(r).toEqual({ ok: false, missing: ["the date the infusion was given", "the mg administered", "the vials opened", "a primary coverage in force on the date"] });
  });

  it("keeps a missing stop time missing (the engine reports it), maps free drug and a fixed order", () => {
    const s = build(values({ infusionStop: null, acquisition: "free_manufacturer_program", wasteTime: null }), context({ order: { ...context().order, phases: [{ name: "consolidation", doseKind: "fixed", doseAmount: "1500", frequency: "q4w", cycles: null }] } }));
    expect(s.drugs[0]).toMatchObject({ infusion: { start: "10:00" }, source: "free", wasteDocumented: false, orderedDose: { mg: 1500 } });
    expect(s.drugs[0]!.infusion.end).toBeUndefined();
    const parsed = parseScenario(s, ref);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const r = previewClaim(parsed.scenario, ref);
    expect(r.findings.find((f) => f.rule === "R-ADMIN")).toMatchObject({ severity: "error" });
  });

  it("a fixed 1500 mg order at 27 kg is an error on the claim; the clinician's reason recorded on the order makes it a warning quoting it", () => {
    const fixedOrder = { ...context().order, phases: [{ name: "consolidation", doseKind: "fixed" as const, doseAmount: "1500", frequency: "q4w" as const, cycles: null }] };
    const v = values({ weightKg: "27", mgAdministered: "1500", mgDiscarded: null, vials: [{ drug: "durvalumab", ndc11: "00310461150", lotNumber: "L1", expiryDate: "2030-01-01", count: 3 }] });
    const weightFinding = (reason: string | null) => {
      const s = build(v, context({ order: { ...fixedOrder, weightDoseOverrideReason: reason } }));
      expect(s.drugs[0]!.weightDoseOverrideReason).toBe(reason ?? undefined);
      const parsed = parseScenario(s, ref);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      return previewClaim(parsed.scenario, ref).findings.find((f) => f.rule === "R-WEIGHT")!;
    };
    const error = weightFinding(null);
    expect(error.severity).toBe("error");
    expect(error.message).toContain("10 mg/kg × 27 kg = 270 mg");
    const warning = weightFinding("Tumour board: fixed dose per trial protocol");
    expect(warning.severity).toBe("warning");
    expect(warning.message).toContain("“Tumour board: fixed dose per trial protocol”");
  });

  it("adds tremelimumab as a second drug when the infusion includes it and it is documented", () => {
    const c = context({
      order: { ...context().order, combination: { drug: "tremelimumab", doseKind: "fixed", doseAmount: "75", withAdministrations: [1] } },
      administration: { phaseIndex: 0, cycle: 1, includesCombination: true, plannedDate: "2026-09-14" },
    });
    const v = values({
      combination: { mgAdministered: "75", mgDiscarded: null, infusionStart: "11:45", infusionStop: "12:45" },
      vials: [...values().vials, { drug: "tremelimumab", ndc11: "00310450525", lotNumber: "T1", expiryDate: "2027-01-01", count: 3 }],
    });
    const s = build(v, c);
    expect(s.drugs.map((d) => d.drug)).toEqual(["durvalumab", "tremelimumab"]);
    expect(s.drugs[1]).toMatchObject({ orderedDose: { mg: 75 }, administeredMg: 75, vials: [{ ndc: "00310450525", count: 3 }], infusion: { start: "11:45", end: "12:45" } });
    const parsed = parseScenario(s, ref);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const r = previewClaim(parsed.scenario, ref);
    expect(r.lines.map((l) => `${[l.code, ...l.modifiers].join("-")} ×${l.units}`)).toEqual(expect.arrayContaining(["J9347-JZ ×75", "96413 ×1", "96417 ×1"]));
    // not documented yet: the durvalumab claim is still built, the checklist asks for the rest
    expect(build(values(), c).drugs).toHaveLength(1);
  });

  it("never sends a first dose after the date of service", () => {
    expect(build(values(), context({ firstDoseDate: "2026-10-01" })).drugs[0]!.firstDoseDate).toBeUndefined();
  });
});

describe("toScenario: issue 14's documentation fields", () => {
  const preview = (v = values(), c = context()) => {
    const parsed = parseScenario(build(v, c), ref);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return previewClaim(parsed.scenario, ref);
  };
  const lineTexts = (r: ReturnType<typeof previewClaim>) => r.lines.map((l) => `${[l.code, ...l.modifiers].join("-")} ×${l.units}`);

  it("sends other same-day drugs with their units and times: carboplatin after durvalumab is the sequential 96417", () => {
    // durvalumab 10:00–11:40 (100 min: 96413 + 96415), then carboplatin 11:45–12:15 (30 min, another chemotherapy drug)
    const v = values({ otherDrugs: [{ hcpcs: "J9045", description: "carboplatin", units: 12, administration: "chemotherapy", infusionStart: "11:45", infusionStop: "12:15" }] });
    const s = build(v);
    expect(s.otherDrugs).toEqual([{ hcpcs: "J9045", description: "carboplatin", units: 12, modifiers: [], administration: "chemotherapy", infusion: { start: "11:45", end: "12:15" } }]);
    const r = preview(v);
    expect(lineTexts(r)).toEqual(expect.arrayContaining(["J9045 ×12", "96413 ×1", "96415 ×1", "96417 ×1"]));
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("an other drug given at the same time as durvalumab gets no 96417 (concurrent, not sequential)", () => {
    const v = values({ otherDrugs: [{ hcpcs: "J9045", description: "carboplatin", units: 12, administration: "chemotherapy", infusionStart: "10:30", infusionStop: "11:00" }] });
    const r = preview(v);
    expect(lineTexts(r)).toContain("J9045 ×12");
    expect(lineTexts(r).some((t) => t.startsWith("96417"))).toBe(false);
  });

  it("maps a 340B purchase with its acquisition cost and the location's covered-entity type; a purchased drug sends no cost", () => {
    const v = values({ acquisition: "purchased_340b", acquisitionCostPerUnit: "85.125" });
    const c = context({ site: { hospitalSite: null, coveredEntityType: "dsh" }, payer: { ...context().payer!, modifier340b: "jg_tb" } });
    const s = build(v, c);
    expect(s.drugs[0]).toMatchObject({ source: "340b", acquisitionCostPerUnit: 85.125 });
    expect(s.site).toEqual({ coveredEntityType: "dsh" });
    const r = preview(v, c);
    const drugLine = r.lines.find((l) => l.code === "J9173" && !l.modifiers.includes("JW"))!;
    expect(drugLine.modifiers.some((m) => m === "JG" || m === "TB")).toBe(true);
    expect(build(values({ acquisitionCostPerUnit: "85.125" })).drugs[0]!.acquisitionCostPerUnit).toBeUndefined();
    expect(build().site).toBeUndefined();
  });

  it("carries the documented reason the smaller vials were not used to every drug of the infusion", () => {
    const s = build(values({ vialChoiceReason: "  120 mg vials out of stock " }));
    expect(s.drugs[0]!.vialChoiceReason).toBe("120 mg vials out of stock");
    expect(build(values({ vialChoiceReason: "  " })).drugs[0]!.vialChoiceReason).toBeUndefined();
  });
});
