import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkOrder, type OrderCheckInput } from "@/server/domain/orders/checks";
import { computeDose, describeDose, weightBandOf } from "@/server/domain/orders/dose";
import { labelRegimen } from "@/server/domain/orders/regimen";
import { ref, refData } from "../billing/helpers";

const stage3 = (over: Partial<OrderCheckInput> = {}): OrderCheckInput => ({
  indicationId: "nsclc-stage3-consolidation",
  diagnoses: ["C34.11"],
  weightKg: "67.3",
  startDate: "2026-09-14",
  phases: [{ name: "consolidation", doseKind: "per_kg", doseAmount: "10", frequency: "q2w", cycles: null }],
  durationMonths: 12,
  combination: null,
  ...over,
});
const TODAY = "2026-09-01";
const rules = (i: OrderCheckInput) => checkOrder(ref, i, TODAY).findings.map((f) => `${f.severity}:${f.rule}:${f.field}`);

describe("dose arithmetic and the 30 kg rule", () => {
  it("mg/kg × weight is exact, rounded half up to 0.001 mg", () => {
    expect(computeDose("per_kg", "10", "67.3")).toBe("673");
    expect(computeDose("per_kg", "20", "29.9")).toBe("598");
    expect(computeDose("per_kg", "15", "0.1")).toBe("1.5");
    expect(computeDose("fixed", "1500", "80")).toBe("1500");
    expect(describeDose("per_kg", "10", "67.3")).toBe("10 mg/kg × 67.3 kg = 673 mg");
  });
  it("30.0 kg is at or above the threshold (fixed dose allowed); 29.9 kg is below", () => {
    expect(weightBandOf("30.0", "30")).toBe("at_or_above");
    expect(weightBandOf("30", "30")).toBe("at_or_above");
    expect(weightBandOf("29.9", "30")).toBe("below");
  });
  it("a fixed 1500 mg at 29.9 kg is an error (R-WEIGHT) with the weight-based dose; at 30.0 kg there is no finding", () => {
    const fixed = { name: "consolidation", doseKind: "fixed" as const, doseAmount: "1500", frequency: "q4w" as const, cycles: null };
    const result = checkOrder(ref, stage3({ weightKg: "29.9", phases: [fixed] }), TODAY);
    const below = result.findings.filter((f) => f.rule === "R-WEIGHT");
    expect(below).toHaveLength(1);
    expect(below[0]).toMatchObject({ severity: "error", field: "phases.0.doseAmount", overridable: "weight_dose" });
    expect(below[0]!.message).toBe(
      "The patient weighs 29.9 kg, below 30 kg, where the US label doses by weight: 10 mg/kg × 29.9 kg = 299 mg; the order is a fixed 1500 mg, 5 times that dose.",
    );
    expect(below[0]!.suggestedFix).toContain("weight-based 299 mg");
    expect(result.hasErrors).toBe(true);
    expect(rules(stage3({ weightKg: "30.0", phases: [fixed] }))).toEqual([]);
    expect(rules(stage3({ weightKg: "30", phases: [fixed] }))).toEqual([]);
  });
  it("27 kg, limited-stage SCLC: 20 mg/kg = 540 mg against a fixed 1500 mg (2.8 times)", () => {
    const f = checkOrder(
      ref,
      stage3({ indicationId: "sclc-limited-stage", diagnoses: ["C34.11"], weightKg: "27", durationMonths: null, phases: [{ name: "consolidation", doseKind: "fixed", doseAmount: "1500", frequency: "q4w", cycles: 4 }] }),
      TODAY,
    ).findings.find((x) => x.rule === "R-WEIGHT")!;
    expect(f.severity).toBe("error");
    expect(f.message).toContain("20 mg/kg × 27 kg = 540 mg; the order is a fixed 1500 mg, 2.8 times that dose");
  });
  it("the clinician's documented reason turns the error into a warning quoting it; signing is no longer blocked by it", () => {
    const fixed = { name: "consolidation", doseKind: "fixed" as const, doseAmount: "1500", frequency: "q4w" as const, cycles: null };
    const r = checkOrder(ref, stage3({ weightKg: "25", phases: [fixed], weightDoseOverrideReason: "Tumour board: fixed dose per trial protocol" }), TODAY);
    const f = r.findings.find((x) => x.rule === "R-WEIGHT")!;
    expect(f).toMatchObject({ severity: "warning", field: "phases.0.doseAmount" });
    expect(f.overridable).toBeUndefined();
    expect(f.message).toContain("10 mg/kg × 25 kg = 250 mg");
    expect(f.message).toContain("“Tumour board: fixed dose per trial protocol”");
    expect(r.hasErrors).toBe(false);
  });
  it("without a weight the 30 kg rule is not judged (the form asks for the weight)", () => {
    const fixed = { name: "consolidation", doseKind: "fixed" as const, doseAmount: "1500", frequency: "q4w" as const, cycles: null };
    expect(rules(stage3({ weightKg: undefined, phases: [fixed] })).filter((x) => x.includes("R-WEIGHT"))).toEqual([]);
    expect(rules(stage3({ weightKg: "", phases: [fixed] })).filter((x) => x.includes("R-WEIGHT"))).toEqual([]);
  });
  it("property: a fixed dose is an error below 30 kg and never flagged at 30 kg or more; a reason always makes it a warning", () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 1500 }), fc.integer({ min: 1, max: 200 }), fc.boolean(), (tenths, mg, withReason) => {
        const weightKg = `${Math.floor(tenths / 10)}.${tenths % 10}`;
        const phases = [{ name: "consolidation", doseKind: "fixed" as const, doseAmount: String(mg * 10), frequency: "q4w" as const, cycles: null }];
        const found = checkOrder(ref, stage3({ weightKg, phases, weightDoseOverrideReason: withReason ? "Documented by the oncologist" : null }), TODAY).findings.filter(
          (f) => f.rule === "R-WEIGHT",
        );
        if (tenths >= 300) return found.length === 0;
        return found.length === 1 && found[0]!.severity === (withReason ? "warning" : "error") && found[0]!.message.includes(`× ${weightKg.replace(/\.0$/, "")} kg`);
      }),
      { numRuns: 200 },
    );
  });
  it("10 mg/kg q2w is labelled for stage III NSCLC in both bands", () => {
    expect(rules(stage3({ weightKg: "29.9" }))).toEqual([]);
    expect(rules(stage3({ weightKg: "30.0" }))).toEqual([]);
  });
  it("an unlabelled dose is a warning (R-DOSE); mg/kg where the label is fixed is R-WEIGHT", () => {
    expect(rules(stage3({ phases: [{ name: "consolidation", doseKind: "fixed", doseAmount: "1200", frequency: "q4w", cycles: null }] }))).toEqual([
      "warning:R-DOSE:phases.0.doseAmount",
    ]);
    expect(
      rules(stage3({ indicationId: "sclc-limited-stage", durationMonths: 24, phases: [{ name: "consolidation", doseKind: "per_kg", doseAmount: "20", frequency: "q4w", cycles: null }] })),
    ).toEqual(["warning:R-WEIGHT:phases.0.doseAmount"]);
    // 20 mg/kg q4w is labelled below 30 kg
    expect(
      rules(stage3({ indicationId: "sclc-limited-stage", weightKg: "29.9", durationMonths: 24, phases: [{ name: "consolidation", doseKind: "per_kg", doseAmount: "20", frequency: "q4w", cycles: null }] })),
    ).toEqual([]);
  });
});

describe("label maximum duration", () => {
  it("stage III NSCLC: 12 months is the limit, 13 months is flagged", () => {
    expect(rules(stage3({ durationMonths: 12 }))).toEqual([]);
    const f = checkOrder(ref, stage3({ durationMonths: 13 }), TODAY).findings;
    expect(f.map((x) => `${x.severity}:${x.rule}:${x.field}`)).toEqual(["warning:R-DURATION:durationMonths"]);
    expect(f[0]!.message).toContain("12 months");
  });
  it("by cycles: the last infusion exactly on start + 12 months is allowed, one interval later is not", () => {
    // q4w from 2026-09-14: infusion 14 is on day 364 (2027-09-13) < 2027-09-14, still within 12 months
    const q4w = (cycles: number) => stage3({ durationMonths: null, phases: [{ name: "consolidation", doseKind: "fixed", doseAmount: "1500", frequency: "q4w", cycles }] });
    expect(rules(q4w(14))).toEqual([]);
    expect(rules(q4w(15))).toEqual(["warning:R-DURATION:phases.0.cycles"]);
  });
  it("LS-SCLC allows 24 months", () => {
    const ls = (m: number) => stage3({ indicationId: "sclc-limited-stage", durationMonths: m, phases: [{ name: "consolidation", doseKind: "fixed", doseAmount: "1500", frequency: "q4w", cycles: null }] });
    expect(rules(ls(24))).toEqual([]);
    expect(rules(ls(25))).toEqual(["warning:R-DURATION:durationMonths"]);
  });
  it("per-phase and total cycle limits (resectable NSCLC ≤4 before surgery, 16 in total)", () => {
    const periop = (pre: number, post: number) =>
      stage3({
        indicationId: "nsclc-resectable-perioperative",
        durationMonths: null,
        phases: [
          { name: "neoadjuvant", doseKind: "fixed", doseAmount: "1500", frequency: "q3w", cycles: pre },
          { name: "adjuvant", doseKind: "fixed", doseAmount: "1500", frequency: "q4w", cycles: post },
        ],
      });
    expect(rules(periop(4, 12))).toEqual([]);
    expect(rules(periop(5, 12))).toEqual(["warning:R-DURATION:phases.0.cycles", "warning:R-DURATION:phases.1.cycles"]);
  });
});

describe("indication and diagnoses", () => {
  it("the withdrawn urothelial indication is an error naming its withdrawal date", () => {
    const f = checkOrder(ref, stage3({ indicationId: "urothelial-post-platinum", diagnoses: ["C67.9"] }), TODAY).findings;
    const w = f.find((x) => x.rule === "R-INDICATION")!;
    expect(w).toMatchObject({ severity: "error", field: "indicationId" });
    expect(w.message).toContain("02/22/2021");
  });
  it("a diagnosis that does not fit the indication is an error on the diagnoses", () => {
    expect(rules(stage3({ diagnoses: ["C22.0"] }))).toContain("error:R-DX:diagnoses");
  });
  it("non-billable, unknown and duplicate codes are errors on their own field", () => {
    const r = rules(stage3({ diagnoses: ["C34.11", "C34", "C99.99", "C34.11"] }));
    expect(r).toEqual(expect.arrayContaining(["error:R-DX:diagnoses.1", "error:R-DX:diagnoses.2", "error:R-DX:diagnoses.3"]));
  });
  it("the principal diagnosis should be the cancer treated", () => {
    expect(rules(stage3({ diagnoses: ["C50.911", "C34.11"] }))).toEqual(["warning:R-DX:diagnoses.0"]);
  });
  it("missing diagnoses are reported; nothing else is checked without an indication", () => {
    expect(rules(stage3({ diagnoses: [] }))).toEqual(["error:R-DX:diagnoses"]);
    expect(rules({ diagnoses: ["C34.11"] })).toEqual([]);
  });
  it("tremelimumab on a single-agent indication is an error; missing it on POSEIDON is info", () => {
    const treme = { drug: "tremelimumab" as const, doseKind: "fixed" as const, doseAmount: "75", withAdministrations: [1] };
    expect(rules(stage3({ combination: treme }))).toContain("error:R-INDICATION:combination.drug");
    const poseidon = labelRegimen(refData.indications.find((i) => i.id === "nsclc-metastatic-with-tremelimumab")!, "at_or_above");
    expect(rules(stage3({ indicationId: "nsclc-metastatic-with-tremelimumab", phases: poseidon.phases, durationMonths: poseidon.durationMonths }))).toEqual([
      "info:R-INDICATION:combination.drug",
    ]);
    expect(
      rules(stage3({ indicationId: "nsclc-metastatic-with-tremelimumab", phases: poseidon.phases, durationMonths: poseidon.durationMonths, combination: poseidon.combination })),
    ).toEqual([]);
  });
});

describe("labelRegimen (the form's default)", () => {
  const row = (id: string) => refData.indications.find((i) => i.id === id)!;
  it("stage III NSCLC: 10 mg/kg q2w for 12 months, with 1500 mg q4w offered at ≥ 30 kg", () => {
    const r = labelRegimen(row("nsclc-stage3-consolidation"), "at_or_above");
    expect(r.phases).toEqual([{ name: "consolidation", doseKind: "per_kg", doseAmount: "10", frequency: "q2w", cycles: null }]);
    expect(r.options[0]!.map((o) => `${o.doseAmount} ${o.doseKind} ${o.frequency}`)).toEqual(["10 per_kg q2w", "1500 fixed q4w"]);
    expect(r.durationMonths).toBe(12);
  });
  it("ES-SCLC: 1500 mg q3w ×4 with chemotherapy, then 1500 mg q4w (≥ 30 kg); 20 mg/kg then 10 mg/kg q2w below", () => {
    expect(labelRegimen(row("sclc-extensive-stage"), "at_or_above").phases.map((p) => `${p.doseAmount} ${p.frequency} ${p.cycles}`)).toEqual(["1500 q3w 4", "1500 q4w null"]);
    expect(labelRegimen(row("sclc-extensive-stage"), "below").phases.map((p) => `${p.doseAmount} ${p.doseKind} ${p.frequency}`)).toEqual(["20 per_kg q3w", "10 per_kg q2w"]);
  });
  it("POSEIDON carries tremelimumab 75 mg with infusions 1–4 and 6; STRIDE 300 mg once", () => {
    expect(labelRegimen(row("nsclc-metastatic-with-tremelimumab"), "at_or_above").combination).toEqual({ drug: "tremelimumab", doseKind: "fixed", doseAmount: "75", withAdministrations: [1, 2, 3, 4, 6] });
    expect(labelRegimen(row("hcc-with-tremelimumab"), "at_or_above").combination).toEqual({ drug: "tremelimumab", doseKind: "fixed", doseAmount: "300", withAdministrations: [1] });
  });
  it("every labelled indication's default produces no warning or error at 70 kg and 25 kg", () => {
    for (const ind of refData.indications.filter((i) => i.status === "labelled")) {
      for (const [band, kg] of [["at_or_above", "70"], ["below", "25"]] as const) {
        const r = labelRegimen(ind, band);
        const dx = ind.icd10Prefixes[0] === "C34" ? "C34.11" : ind.icd10Prefixes[0] === "C67" ? "C67.9" : ind.icd10Prefixes[0] === "C16" ? "C16.0" : ind.icd10Prefixes[0] === "C24" ? "C24.0" : ind.icd10Prefixes[0]!;
        const f = checkOrder(ref, { indicationId: ind.id, diagnoses: [dx], weightKg: kg, startDate: "2026-09-14", phases: r.phases, durationMonths: r.durationMonths, combination: r.combination }, TODAY).findings;
        expect(f.filter((x) => x.severity !== "info"), `${ind.id} ${band}`).toEqual([]);
      }
    }
  });
});
