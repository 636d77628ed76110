import { describe, expect, it } from "vitest";
import {
  ageOn,
  dateOfBirthProblem,
  formatUsPhone,
  formatZip,
  isIsoDate,
  normalizeUsPhone,
  normalizeZip,
  usDateToIso,
} from "@/server/domain/patients/demographics";
import { SEX_X12, SUBSCRIBER_RELATIONSHIP_X12 } from "@/server/domain/patients/codes";

describe("demographic rules", () => {
  it("validates calendar dates, leap years included", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("1900-02-29")).toBe(false);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("2024-04-31")).toBe(false);
    expect(isIsoDate("2024-4-3")).toBe(false);
    expect(usDateToIso("12/31/1999")).toBe("1999-12-31");
    expect(usDateToIso("1999-12-31")).toBeNull();
  });
  it("refuses dates of birth in the future or before 1900", () => {
    expect(dateOfBirthProblem("1956-03-14", "2026-01-01")).toBeNull();
    expect(dateOfBirthProblem("2026-01-01", "2026-01-01")).toBeNull();
    expect(dateOfBirthProblem("2026-01-02", "2026-01-01")).toBe("The date of birth cannot be in the future.");
    expect(dateOfBirthProblem("1899-12-31", "2026-01-01")).toBe("The date of birth cannot be before 1900.");
    expect(dateOfBirthProblem("1900-01-01", "2026-01-01")).toBeNull();
    expect(dateOfBirthProblem("1956-13-01", "2026-01-01")).toMatch(/real date/);
  });
  it("normalises US phone numbers to ten digits", () => {
    for (const v of [
      "(608) 555-0134",
      "608-555-0134",
      "608.555.0134",
      "+1 608 555 0134",
      "16085550134",
      "6085550134",
    ]) {
      expect(normalizeUsPhone(v)).toBe("6085550134");
    }
    for (const v of [
      "555-0134",
      "608555013",
      "(108) 555-0134",
      "608-155-0134",
      "608-555-0134 x12",
      "2608555013412",
    ]) {
      expect(normalizeUsPhone(v)).toBeNull();
    }
    expect(formatUsPhone("6085550134")).toBe("(608) 555-0134");
    expect(formatUsPhone(null)).toBe("");
  });
  it("normalises ZIP codes to 5 or 9 digits", () => {
    expect(normalizeZip("53703")).toBe("53703");
    expect(normalizeZip("53703-1234")).toBe("537031234");
    expect(normalizeZip("537031234")).toBe("537031234");
    expect(normalizeZip("5370")).toBeNull();
    expect(normalizeZip("53703-12")).toBeNull();
    expect(formatZip("537031234")).toBe("53703-1234");
  });
  it("computes age in whole years", () => {
    expect(ageOn("1956-03-14", "2026-03-13")).toBe(69);
    expect(ageOn("1956-03-14", "2026-03-14")).toBe(70);
  });
  it("maps to X12 codes", () => {
    expect(SEX_X12).toEqual({ female: "F", male: "M", unknown: "U" });
    expect(SUBSCRIBER_RELATIONSHIP_X12.self).toBe("18");
    expect(SUBSCRIBER_RELATIONSHIP_X12.spouse).toBe("01");
  });
});
