import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays, dayNumber } from "@/server/domain/billing/dates";
import { ageBucket, daysLeft, describeDaysLeft, filingDeadline, filingUrgency } from "@/server/domain/claims/filing";

describe("filing deadlines", () => {
  it("gives Medicare one calendar year after the date of service (42 CFR 424.44)", () => {
    expect(filingDeadline("2026-09-14", { kind: "medicare", timelyFilingDays: null })).toEqual({ deadline: "2027-09-14", limit: "1 calendar year" });
    // a leap day has no twin the year after
    expect(filingDeadline("2028-02-29", { kind: "medicare", timelyFilingDays: null }).deadline).toBe("2029-02-28");
  });
  it("counts a payer's day limit from the date of service", () => {
    expect(filingDeadline("2026-09-14", { kind: "commercial", timelyFilingDays: 90 })).toEqual({ deadline: "2026-12-13", limit: "90 days" });
    expect(filingDeadline("2026-12-31", { kind: "commercial", timelyFilingDays: 1 }).deadline).toBe("2027-01-01");
  });
  it("says how many days are left, and when it is late", () => {
    expect(daysLeft("2026-12-13", "2026-12-13")).toBe(0);
    expect(describeDaysLeft(0)).toBe("Last day to file");
    expect(describeDaysLeft(1)).toBe("1 day left to file");
    expect(describeDaysLeft(-3)).toBe("3 days past the filing limit");
    expect(filingUrgency(-1)).toBe("late");
    expect(filingUrgency(14)).toBe("urgent");
    expect(filingUrgency(30)).toBe("soon");
    expect(filingUrgency(31)).toBe("ok");
  });
  it("never gives a day limit's deadline earlier than the date of service plus the days (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber("2020-01-01"), max: dayNumber("2035-12-31") }), fc.integer({ min: 1, max: 730 }), (n, days) => {
        const dos = addDays("1970-01-01", n);
        const d = filingDeadline(dos, { kind: "commercial", timelyFilingDays: days }).deadline;
        return daysLeft(d, dos) === days;
      }),
    );
  });
  it("puts unbilled infusions in age buckets by days since the date of service", () => {
    expect([0, 30, 31, 60, 61, 90, 91, 180, 181, 400].map(ageBucket)).toEqual(["0-30", "0-30", "31-60", "31-60", "61-90", "61-90", "91-180", "91-180", "181+", "181+"]);
  });
});
