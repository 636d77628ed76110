import { describe, expect, it } from "vitest";
import { resolvePayer } from "@/server/domain/billing/payer";
import { ZPayerInput } from "@/server/domain/billing/scenario";
import { toPayerProfile, settingsFromTemplate, type PayerSettings } from "@/server/domain/practice-setup/payer-profile";
import { changedFields, isUniqueViolation, nextUpdatedAt, sameVersion } from "@/server/domain/practice-setup/versioning";
import { ref, refData } from "../billing/helpers";

const template = (id: string) => settingsFromTemplate(refData.payerProfiles.find((p) => p.id === id)!);
const DOS = "2026-03-10";

describe("settingsFromTemplate", () => {
  it("copies each template's settings; Medicare keeps no day limit (calendar-year rule)", () => {
    expect(template("MCR")).toMatchObject({ kind: "medicare", templateId: "MCR", timelyFilingDays: null, appealDays: 120, claimFilingIndicator: "MB", ndc: "none" });
    expect(template("COMM-NOJZ")).toMatchObject({ kind: "commercial", wasteModifiers: "jw_only", ndc: "ML", timelyFilingDays: 180, claimFilingIndicator: "CI" });
    expect(template("MCD-UN")).toMatchObject({ kind: "medicaid", ndc: "UN", claimFilingIndicator: "MC" });
  });
});

describe("toPayerProfile", () => {
  it("gives a valid engine payer input for every template", () => {
    for (const id of ["MCR", "MA", "MCD-UN", "COMM", "COMM-NOJZ"]) {
      const input = toPayerProfile(template(id));
      expect(ZPayerInput.safeParse(input).success, id).toBe(true);
    }
  });
  it("a Medicare payer without a day limit resolves to the 12-month rule and MB", () => {
    const input = toPayerProfile(template("MCR"));
    expect(input).toEqual({
      kind: "medicare",
      profile: "MCR",
      wasteModifiers: "jw_jz",
      ndc: "none",
      priorAuthRequired: false,
      freeDrug: "nominal_charge",
      unitCaps: {},
      appealDays: 120,
      claimFilingIndicator: "MB",
      institutionalClaimFilingIndicator: "MA",
      modifier340b: "jg_tb",
      charge340b: "usual_charge",
      ndcUnPartialVial: "administered_line",
    });
    expect(resolvePayer(ref, input, DOS)).toMatchObject({ timelyFilingDays: null, timelyFilingMonths: 12, appealDays: 120, claimFilingIndicator: "MB", freeDrug: "nominal_charge" });
    // issue 14 item 13: the same payer on an 837I is MA (hospital outpatient claims go to the Part A MAC)
    expect(resolvePayer(ref, input, DOS, "institutional").claimFilingIndicator).toBe("MA");
  });
  it("every setting the admin changed reaches the engine's payer policy", () => {
    const row: PayerSettings = {
      ...template("COMM"),
      wasteModifiers: "jw_only",
      ndc: "UN",
      priorAuthRequired: false,
      timelyFilingDays: 90,
      appealDays: 45,
      freeDrug: "no_drug_line",
      doseRoundingPercent: 10,
      unitCaps: { J9173: 150 },
      claimFilingIndicator: "12",
      modifier340b: "ud",
      charge340b: "acquisition_cost",
      ndcUnPartialVial: "waste_line",
    };
    const policy = resolvePayer(ref, toPayerProfile(row), DOS);
    expect(policy).toEqual({
      kind: "commercial",
      profileId: "COMM",
      wasteModifiers: "jw_only",
      ndc: "UN",
      priorAuthRequired: false,
      timelyFilingDays: 90,
      timelyFilingMonths: null,
      appealDays: 45,
      freeDrug: "no_drug_line",
      doseRoundingPercent: 10,
      unitCaps: { J9173: 150 },
      claimFilingIndicator: "12",
      modifier340b: "ud",
      charge340b: "acquisition_cost",
      ndcUnPartialVial: "waste_line",
    });
  });
  it("a Medicare payer with an explicit day limit uses it instead of the 12-month rule", () => {
    const policy = resolvePayer(ref, toPayerProfile({ ...template("MCR"), timelyFilingDays: 365 }), DOS);
    expect(policy).toMatchObject({ timelyFilingDays: 365, timelyFilingMonths: null });
  });
  it("without a known template the engine falls back to the kind's default; unit caps are copied", () => {
    const row = { ...template("MA"), templateId: null };
    const input = toPayerProfile(row);
    expect(input.profile).toBeUndefined();
    expect(input.unitCaps).not.toBe(row.unitCaps);
    expect(resolvePayer(ref, input, DOS).kind).toBe("medicare_advantage");
  });
});

describe("versioning helpers", () => {
  it("compares at millisecond precision and always moves updatedAt forward", () => {
    const t = new Date("2026-01-01T00:00:00.000Z");
    expect(sameVersion(new Date(t), t)).toBe(true);
    expect(sameVersion(new Date(t.getTime() + 1), t)).toBe(false);
    expect(nextUpdatedAt(t, t).getTime()).toBe(t.getTime() + 1);
    expect(nextUpdatedAt(t, new Date(t.getTime() - 5000)).getTime()).toBe(t.getTime() + 1);
    expect(nextUpdatedAt(t, new Date(t.getTime() + 5000)).getTime()).toBe(t.getTime() + 5000);
  });
  it("recognises unique violations through a cause chain", () => {
    const pg = { code: "23505", constraint_name: "payers_practice_edi_uq" };
    expect(isUniqueViolation({ message: "wrapped", cause: pg }, "payers_practice_edi_uq")).toBe(true);
    expect(isUniqueViolation({ cause: pg }, "providers_practice_npi_uq")).toBe(false);
    expect(isUniqueViolation(new Error("boom"))).toBe(false);
  });
  it("changedFields lists only changed keys", () => {
    const d = changedFields({ a: 1, b: { x: 1 }, c: "s" }, { a: 1, b: { x: 2 }, c: "s" }, ["a", "b", "c"]);
    expect(d).toEqual({ before: { b: { x: 1 } }, after: { b: { x: 2 } }, changed: true });
  });
});
