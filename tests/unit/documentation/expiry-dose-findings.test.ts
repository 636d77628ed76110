import { describe, expect, it } from "vitest";
import { doseForDay, evaluateDocumentation, evaluateFindings, findingFingerprint, isExpiredOn, lotExpiryFindings, readinessBlockers } from "@/server/domain/documentation";
import { context, ref, values } from "./fixtures";

describe("lot expiry", () => {
  it("a lot may be used through its expiry date and is expired the day after", () => {
    expect(isExpiredOn("2026-09-14", "2026-09-14")).toBe(false);
    expect(isExpiredOn("2026-09-13", "2026-09-14")).toBe(true);
    expect(isExpiredOn("2027-01-01", "2026-09-14")).toBe(false);
  });
  it("reports each expired vial line as an error naming lot, NDC and dates; nothing without a date", () => {
    const v = values();
    v.vials[1] = { ...v.vials[1]!, expiryDate: "2026-08-31" };
    const f = lotExpiryFindings(v.vials, "2026-09-14");
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: "DOC-LOT-EXPIRY", severity: "error", category: "documentation" });
    expect(f[0]!.message).toBe("Vial line 2: lot LOT120B of NDC 00310-4500-12 expired on 08/31/2026, before the administration on 09/14/2026.");
    expect(lotExpiryFindings(v.vials, null)).toEqual([]);
  });
});

const indication = ref.indicationsById.get("nsclc-stage3-consolidation")!;
describe("doseForDay", () => {
  it("recomputes a mg/kg dose from the weight of the day, exactly", () => {
    expect(doseForDay({ name: "consolidation", doseKind: "per_kg", doseAmount: "10" }, indication, "67.3")).toMatchObject({ mg: "673", mgMilli: 673_000, basis: "10 mg/kg × 67.3 kg = 673 mg", band: "at_or_above", note: null });
    expect(doseForDay({ name: "consolidation", doseKind: "per_kg", doseAmount: "10" }, indication, null)).toMatchObject({ mg: null, note: expect.stringMatching(/Enter the weight/) });
  });
  it("applies the 30 kg rule to a fixed order: 29.9 kg shows the weight-based label dose, 30.0 kg does not", () => {
    const below = doseForDay({ name: "consolidation", doseKind: "fixed", doseAmount: "1500" }, indication, "29.9");
    expect(below).toMatchObject({ mg: "1500", band: "below", labelWeightBased: { mgPerKg: "10", mg: "299" } });
    expect(below.note).toMatch(/29.9 kg is below 30 kg/);
    expect(doseForDay({ name: "consolidation", doseKind: "fixed", doseAmount: "1500" }, indication, "30.0")).toMatchObject({ band: "at_or_above", labelWeightBased: null, note: null });
  });
});

describe("findings and readiness", () => {
  it("fingerprints change with the message, so an acknowledgement sticks to one warning text", () => {
    const a = findingFingerprint({ rule: "R-VIAL", message: "opened 740 mg" });
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(findingFingerprint({ rule: "R-VIAL", message: "opened 740 mg" })).toBe(a);
    expect(findingFingerprint({ rule: "R-VIAL", message: "opened 860 mg" })).not.toBe(a);
    expect(findingFingerprint({ rule: "R-VIAL", message: "opened 740 mg", line: 2 })).not.toBe(a);
  });
  it("only warnings are ever marked acknowledged; errors sort first", () => {
    const err = { rule: "R-ADMIN" as const, category: "administration" as const, severity: "error" as const, message: "no stop", source: "s" };
    const warn = { rule: "R-VIAL" as const, category: "vial" as const, severity: "warning" as const, message: "vials", source: "s" };
    const acks = [err, warn].map((f) => ({ rule: f.rule, fingerprint: findingFingerprint(f) }));
    const ev = evaluateFindings([warn, err], acks);
    expect(ev.map((f) => [f.rule, f.acknowledged])).toEqual([
      ["R-ADMIN", false],
      ["R-VIAL", true],
    ]);
    expect(readinessBlockers({ checklistComplete: true, missing: [], findings: ev })).toEqual(["1 error to fix: administration codes"]);
  });
  it("evaluateDocumentation: the two-vial example needs the vial-choice warning acknowledged, then nothing blocks", () => {
    const first = evaluateDocumentation(ref, values(), context(), []);
    expect(first.preview!.lines.map((l) => `${[l.code, ...l.modifiers].join("-")} ×${l.units}`)).toEqual(["J9173 ×68", "J9173-JW ×4", "96413 ×1", "96415 ×1"]);
    expect(first.findings.map((f) => `${f.severity}:${f.rule}`)).toEqual(["warning:R-VIAL"]);
    expect(first.blockers).toEqual(["1 warning to acknowledge: vial choice"]);
    const w = first.findings[0]!;
    const second = evaluateDocumentation(ref, values(), context(), [{ rule: w.rule, fingerprint: w.fingerprint }]);
    expect(second.blockers).toEqual([]);
    const expired = values();
    expired.vials[0] = { ...expired.vials[0]!, expiryDate: "2026-01-31" };
    expect(evaluateDocumentation(ref, expired, context(), []).blockers).toEqual(["1 error to fix: expired lot", "1 warning to acknowledge: vial choice"]);
  });
});
