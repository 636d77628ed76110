import { describe, expect, it } from "vitest";
import { parseScenario, previewClaim, type TScenarioInput } from "@/server/domain/billing";
import { explainClaim, toScenario, type ClaimContext, type DocumentationValues } from "@/server/domain/documentation";
import { COMM, COMM_NOJZ } from "../billing/helpers";
import { context, FEES, ref, values } from "./fixtures";

function explain(v: DocumentationValues = values(), c: ClaimContext = context()) {
  const b = toScenario(v, c);
  if (!b.ok) throw new Error(b.missing.join(", "));
  const parsed = parseScenario(b.scenario, ref);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const r = previewClaim(parsed.scenario, ref);
  return { steps: explainClaim(ref, v, b.scenario as TScenarioInput, r, c.feeScheduleCents), lines: r.lines };
}
const texts = (topic: string, steps: { topic: string; text: string }[]) => steps.filter((s) => s.topic === topic).map((s) => s.text);

describe("explainClaim", () => {
  it("Example 4 with two vial sizes: mg → units, opened − administered → JW, minutes → 96413/96415, charges", () => {
    const { steps } = explain();
    expect(texts("units", steps)).toEqual(["durvalumab: 673 mg administered ÷ 10 mg per J9173 unit = 67.3 → 68 units (administered amounts round up)."]);
    expect(texts("vials", steps)).toEqual(["durvalumab: opened 1 × 500 mg (50 units each) + 2 × 120 mg (12 units each) = 740 mg = 74 units."]);
    expect(texts("waste", steps)).toEqual([
      "durvalumab: 740 mg opened − 673 mg administered = 67 mg discarded (as documented).",
      "durvalumab: 74 units opened − 68 units administered = 6 waste units; the least-waste combination for the dose (6 × 120 mg) leaves 4 units, so J9173-JW ×4 is billable and 2 waste units are not billable (larger vials than needed were opened and no reason is documented).",
    ]);
    expect(texts("admin", steps)).toEqual(["durvalumab: 10:00 → 11:40 = 100 minutes > 15 minutes → 96413 ×1 (first hour); additional hours = ceil((100 − 90) / 60) = 1 → 96415 ×1."]);
    expect(texts("charge", steps)).toEqual([
      "Line 1 J9173: 68 × $150.00 = $10,200.00.",
      "Line 2 J9173-JW: 4 × $150.00 = $600.00.",
      "Line 3 96413: 1 × $300.00 = $300.00.",
      "Line 4 96415: 1 × $75.00 = $75.00.",
      "Total charge $11,175.00.",
    ]);
    expect(texts("ndc", steps)).toEqual([]);
  });

  it("Example 19 boundaries: 15 min push, 90 min no additional hour, 211 min three", () => {
    const at = (start: string, stop: string) => texts("admin", explain(values({ infusionStart: start, infusionStop: stop })).steps)[0];
    expect(at("10:00", "10:15")).toBe("durvalumab: 10:00 → 10:15 = 15 minutes ≤ 15 minutes → push 96409 ×1.");
    expect(at("10:00", "11:30")).toBe("durvalumab: 10:00 → 11:30 = 90 minutes > 15 minutes → 96413 ×1 (first hour); 90 ≤ 90 minutes → no 96415 units.");
    expect(at("10:00", "13:31")).toContain("ceil((211 − 90) / 60) = 3 → 96415 ×3");
    expect(texts("admin", explain(values({ infusionStop: null })).steps)).toEqual(["durvalumab: started 10:00, no stop time → the administration codes cannot be determined."]);
  });

  it("zero waste: JZ for Medicare, none for a payer that rejects JZ; NDC quantities in mL", () => {
    const exact = values({ mgAdministered: "1500", mgDiscarded: "0", vials: [{ drug: "durvalumab", ndc11: "00310461150", lotNumber: "A", expiryDate: "2027-01-01", count: 3 }] });
    const fixed = context().order.phases.map((p) => ({ ...p, doseKind: "fixed" as const, doseAmount: "1500" }));
    const mcr = explain(exact, context({ order: { ...context().order, phases: fixed } }));
    expect(texts("waste", mcr.steps)[1]).toBe("durvalumab: 150 units opened − 150 units administered = 0 waste units → JZ on the J9173 line (nothing discarded).");
    const nojz = explain(exact, context({ order: { ...context().order, phases: fixed }, payer: COMM_NOJZ }));
    expect(texts("waste", nojz.steps)[1]).toContain("no JW line; this payer does not take JZ");
    expect(texts("ndc", nojz.steps)).toEqual(["Line 1 J9173: NDC 00310-4611-50, 150 units × 0.2 mL per unit = 30 mL (qualifier ML)."]);
  });

  it("NDC split lines for a commercial payer, and free drug", () => {
    const comm = explain(values(), context({ payer: COMM }));
    expect(texts("ndc", comm.steps)).toEqual([
      "Line 1 J9173: NDC 00310-4611-50, 50 units × 0.2 mL per unit = 10 mL (qualifier ML).",
      "Line 2 J9173: NDC 00310-4500-12, 18 units × 0.2 mL per unit = 3.6 mL (qualifier ML).",
      "Line 3 J9173-JW: NDC 00310-4500-12, 4 units × 0.2 mL per unit = 0.8 mL (qualifier ML).",
    ]);
    const free = explain(values({ acquisition: "free_manufacturer_program" }));
    expect(texts("free", free.steps)[0]).toMatch(/modifier FB and a \$0.00 charge/);
    expect(texts("charge", free.steps)[0]).toBe("Line 1 J9173-FB ×68: free drug, $0.00.");
  });

  it("a code without a price says so", () => {
    const { "96415": _dropped, ...withoutAddOn } = FEES;
    const { steps } = explain(values(), context({ feeScheduleCents: withoutAddOn }));
    expect(texts("charge", steps)).toContain("Line 4 96415 ×1: no fee-schedule price, $0.00.");
  });
});
