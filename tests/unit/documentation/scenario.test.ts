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
