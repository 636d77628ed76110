import { describe, expect, it } from "vitest";
import { isReadyToMark, readinessReasons } from "@/server/queries/worklists";

const TODAY = "2026-12-02";
const LATE = /^Past the filing limit \(last day [^)]+\): close it, or file with proof of timely filing$/;

describe("why a documented infusion is on the not-ready list", () => {
  it("a clean infusion in time: the next step is to mark it ready", () => {
    expect(readinessReasons({ ready: true, blockers: [], filingDeadline: "2027-06-01" }, TODAY)).toEqual(["Every check passes: mark it ready for billing"]);
  });

  it("a clean infusion past the filing limit says only that: nothing else is left to settle", () => {
    const r = readinessReasons({ ready: true, blockers: [], filingDeadline: "2026-11-20" }, TODAY)!;
    expect(r).toHaveLength(1);
    expect(r[0]).toMatch(LATE);
  });

  it("a blocked infusion past the limit gives the limit first, then what blocks it", () => {
    const r = readinessReasons({ ready: false, blockers: ["Documentation incomplete: infusion stop time"], filingDeadline: "2026-11-20" }, TODAY)!;
    expect(r[0]).toMatch(LATE);
    expect(r[1]).toBe("Documentation incomplete: infusion stop time");
  });

  it("close to the limit, a clean infusion needs the warning acknowledged before it is marked ready", () => {
    const r = readinessReasons({ ready: true, blockers: [], filingDeadline: "2026-12-12" }, TODAY)!;
    expect(r).toHaveLength(1);
    expect(r[0]).toMatch(/^10 days left to file: acknowledge the filing-limit warning, then mark it ready for billing$/);
  });

  it("an infusion without stored readiness has no reasons from it", () => {
    expect(readinessReasons({ ready: null, blockers: null, filingDeadline: null }, TODAY)).toBeNull();
  });

  it("only a clean infusion within the filing limit is shown as ready to mark (a late one is not, whatever its checks say)", () => {
    expect(isReadyToMark({ status: "documented", ready: true, filingDeadline: "2026-12-02" }, TODAY)).toBe(true);
    expect(isReadyToMark({ status: "documented", ready: true, filingDeadline: null }, TODAY)).toBe(true);
    expect(isReadyToMark({ status: "documented", ready: true, filingDeadline: "2026-12-01" }, TODAY)).toBe(false);
    expect(isReadyToMark({ status: "documented", ready: false, filingDeadline: "2027-12-01" }, TODAY)).toBe(false);
    expect(isReadyToMark({ status: "ready_for_billing", ready: true, filingDeadline: "2027-12-01" }, TODAY)).toBe(false);
  });
});
