import { describe, expect, it } from "vitest";
import { RULES } from "@/server/domain/billing/rules";
import { evaluateDocumentation } from "@/server/domain/documentation";
import { FIX_PLACES, fieldHash, fieldOfHash, fixPlaceOf, orderFormField, vialIndexOf } from "@/server/domain/findings/fix-places";
import { context, ref, values } from "../documentation/fixtures";

describe("where a finding is fixed", () => {
  it("an expired lot on vial line 2 goes to the expiry field of the second vial", () => {
    const v = values();
    v.vials[1] = { ...v.vials[1]!, expiryDate: "2026-08-31" };
    const f = evaluateDocumentation(ref, v, context(), []).findings.find((x) => x.rule === "DOC-LOT-EXPIRY")!;
    expect(fixPlaceOf(f)).toEqual({ kind: "documentation", field: "vials.1.expiryDate" });
  });

  it("a missing stop time goes to the infusion stop field; the vial warning to the reason for the vials chosen", () => {
    const ev = evaluateDocumentation(ref, values({ infusionStop: null }), context(), []);
    const admin = ev.findings.find((x) => x.rule === "R-ADMIN");
    expect(admin && fixPlaceOf(admin)).toEqual({ kind: "documentation", field: "infusionStop" });
    const vial = evaluateDocumentation(ref, values(), context(), []).findings.find((x) => x.rule === "R-VIAL")!;
    expect(fixPlaceOf(vial)).toEqual({ kind: "documentation", field: "vialChoiceReason" });
  });

  it("one rule, several causes: the payer's NDC policy goes to the payer's setting, a vial's NDC to that vial", () => {
    expect(fixPlaceOf({ rule: "R-NDC", category: "ndc", message: "Line 1: this payer requires the NDC (qualifier UN) on every drug line (CO-16/M119 otherwise)." })).toEqual({ kind: "payer", field: "ndc" });
    expect(fixPlaceOf({ rule: "R-NDC", category: "ndc", message: "Vial 3 of durvalumab: 00310-4500-99 is not in the NDC directory." })).toEqual({ kind: "documentation", field: "vials.2.ndc" });
    expect(fixPlaceOf({ rule: "R-JW", category: "waste", message: "durvalumab: 4 units (40 mg) discarded are not billed: this payer does not use the JW modifier." })).toEqual({ kind: "payer", field: "wasteModifiers" });
    expect(fixPlaceOf({ rule: "R-JW", category: "documentation", message: "durvalumab: 4 units billed as waste (JW) but the discarded amount is not documented with its time and witness." })).toEqual({ kind: "documentation", field: "wasteTime" });
  });

  it("order, authorization, location and claim causes go to their records", () => {
    expect(fixPlaceOf({ rule: "R-DX", category: "diagnosis", message: "C34 is not billable." })).toEqual({ kind: "order", field: "diagnosesText" });
    expect(fixPlaceOf({ rule: "R-AUTH", category: "auth", message: "No authorization on file." })).toEqual({ kind: "prior-auth" });
    expect(fixPlaceOf({ rule: "R-FACILITY", category: "place-of-service", message: "Place of service 22 is a facility." })).toEqual({ kind: "location", field: "billedBy" });
    expect(fixPlaceOf({ rule: "R-MOD", category: "modifier", message: "Line 2: modifier XY is unknown." })).toEqual({ kind: "claim" });
    expect(fixPlaceOf({ rule: "R-DUP", category: "duplicate", message: "A claim for 2026-09-14 is already submitted." })).toBeNull();
  });

  it("a fixed dose under the weight threshold goes to the clinician's reason on the order; a weight finding otherwise to the weight", () => {
    const f = evaluateDocumentation(
      ref,
      values({ weightKg: "27", mgAdministered: "1500" }),
      context({ order: { ...context().order, phases: [{ name: "consolidation", doseKind: "fixed", doseAmount: "1500", frequency: "q4w", cycles: null }] } }),
      [],
    ).findings.find((x) => x.rule === "R-WEIGHT");
    expect(f?.severity).toBe("error");
    expect(fixPlaceOf(f!)).toEqual({ kind: "order", field: "weightDoseOverride" });
    expect(fixPlaceOf({ rule: "R-WEIGHT", category: "weight", message: "No weight is documented." })).toEqual({ kind: "documentation", field: "weightKg" });
  });

  it("an order check goes to the form field it names (the diagnoses are one text field)", () => {
    expect(fixPlaceOf({ rule: "R-DX", category: "", message: "x", field: "diagnoses.1" })).toEqual({ kind: "order", field: "diagnosesText" });
    expect(fixPlaceOf({ rule: "R-WEIGHT", category: "", message: "x", field: "phases.1.doseAmount" })).toEqual({ kind: "order", field: "phases.1.doseAmount" });
    expect(orderFormField("durationMonths")).toBe("durationMonths");
  });

  it("every scrubber rule has a place or is deliberately left without one", () => {
    const without = new Set(["R-DUP"]);
    for (const rule of Object.keys(RULES)) {
      if (without.has(rule)) continue;
      expect(FIX_PLACES.some((r) => r.rule === rule), rule).toBe(true);
    }
  });

  it("vial lines are read from the message, 1-based in words, 0-based in the form", () => {
    expect(vialIndexOf("Vial line 2: lot A expired")).toBe(1);
    expect(vialIndexOf("Vial 1 of durvalumab: bad")).toBe(0);
    expect(vialIndexOf("no vial named")).toBe(0);
  });

  it("a field travels in the address and back; anything else is not a field", () => {
    expect(fieldOfHash(fieldHash("vials.1.lotNumber"))).toBe("vials.1.lotNumber");
    expect(fieldOfHash("#authorizations")).toBeNull();
    expect(fieldOfHash('#field-a"]')).toBeNull();
  });
});
