import { describe, expect, it } from "vitest";
import { parse835 } from "@/server/domain/x12/parse-835";
import { generate835 } from "../../../scripts/bench/x12-parse-bench";

// The reader shares the parts that repeat from claim to claim (and one empty list): equal values,
// frozen, so that no owner can change another's.
describe("parse835: shared parts of the result", () => {
  const r = parse835(generate835(20_000).text);
  const claims = r.transactions.flatMap((t) => t.claims);

  it("reads the file clean", () => {
    expect(r.findings).toEqual([]);
    expect(claims.length).toBeGreaterThan(3);
  });

  it("shares a repeated rendering provider, MOA, statement dates and remark list, frozen", () => {
    const [a, b] = claims as [(typeof claims)[0], (typeof claims)[0]];
    expect(a.renderingProvider).toEqual({ entity: "82", type: "1", lastName: "OKAFOR", firstName: "NNEKA", middleName: "", idQualifier: "XX", id: "1679576722" });
    expect(b.renderingProvider).toBe(a.renderingProvider);
    expect(b.outpatient).toBe(a.outpatient);
    expect(b.dates).toBe(a.dates);
    expect(b.remarks).toBe(a.remarks);
    expect(a.remarks).toEqual(["MA01"]);
    for (const part of [a.renderingProvider, a.outpatient, a.dates, a.dates[0], a.remarks]) expect(Object.isFrozen(part)).toBe(true);
    // a patient differs from claim to claim and is not shared
    expect(b.patient).not.toBe(a.patient);
  });

  it("gives every empty list as one frozen empty array", () => {
    const empty = claims.map((c) => c.adjustments).filter((l) => l.length === 0);
    expect(empty.length).toBeGreaterThan(1);
    expect(new Set(empty).size).toBe(1);
    expect(Object.isFrozen(empty[0])).toBe(true);
    expect(() => (empty[0] as unknown as string[]).push("x")).toThrow(TypeError);
  });
});
