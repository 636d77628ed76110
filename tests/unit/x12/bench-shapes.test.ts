import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SHAPES, generateShape } from "@/scripts/bench/x12-835-shapes";
import { generate835 } from "@/scripts/bench/x12-parse-bench";
import { parse835 } from "@/server/domain/x12/parse-835";

/** The benchmark only means something if every shape is a clean, balancing 835 of the shape it claims. */
describe("835 benchmark shapes", () => {
  const read = (text: string) => {
    const r = parse835(text);
    expect(r.findings).toEqual([]);
    const claims = r.transactions.flatMap((t) => t.claims);
    for (const t of r.transactions) expect(t.balanced).toBe(true);
    for (const c of claims) {
      expect(c.balanced).toBe(true);
      for (const l of c.lines) expect(l.balanced).toBe(true);
    }
    return { r, claims, lines: claims.flatMap((c) => c.lines) };
  };

  it("the project's own file reads clean", () => {
    const { text, claims } = generate835(150_000);
    expect(read(text).claims).toHaveLength(claims);
  });

  it.each(SHAPES.map((s) => [s.name, s] as const))("%s reads clean, balances and has its shape", (name, spec) => {
    const { text, claims: count } = generateShape(spec, 400_000);
    const { r, claims, lines } = read(text);
    expect(claims).toHaveLength(count);
    const perClaim = lines.length / claims.length;
    const plbs = r.transactions.flatMap((t) => t.providerAdjustments);
    switch (name) {
      case "few-large":
        expect(claims.length).toBeLessThan(40);
        expect(perClaim).toBeGreaterThan(150);
        break;
      case "many-small":
        expect(perClaim).toBe(1);
        expect(claims.length).toBeGreaterThan(2000);
        break;
      case "line-heavy":
        expect(perClaim).toBeGreaterThanOrEqual(3);
        expect(lines.every((l) => l.adjustments.length >= 1 && (l.remarks.length >= 1 || l.adjustments[0]!.reason === "197"))).toBe(true);
        expect(lines.filter((l) => l.amounts.length > 0).length).toBeGreaterThan(lines.length * 0.8);
        break;
      case "plb-heavy":
        expect(plbs.length).toBeGreaterThan(claims.length * 10);
        expect(new Set(plbs.map((p) => p.reason)).size).toBeGreaterThan(4);
        break;
    }
    // the same seed gives the same file
    expect(generateShape(spec, 50_000).text).toBe(generateShape(spec, 50_000).text);
  });

  it("any seed of any shape reads clean, with every claim, line and adjustment the file carries", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SHAPES), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 5_000, max: 60_000 }), (spec, seed, bytes) => {
        const { text, claims } = generateShape(spec, bytes, seed);
        const r = parse835(text);
        expect(r.findings).toEqual([]);
        const all = r.transactions.flatMap((t) => t.claims);
        expect(all).toHaveLength(claims);
        const count = (re: RegExp) => text.match(re)?.length ?? 0;
        expect(all.reduce((n, c) => n + c.lines.length, 0)).toBe(count(/~\nSVC\*/g));
        expect(all.flatMap((c) => c.lines).reduce((n, l) => n + l.remarks.length, 0)).toBe(count(/~\nLQ\*HE\*/g));
        expect(all.flatMap((c) => c.lines).reduce((n, l) => n + l.amounts.length, 0)).toBe(count(/~\nAMT\*(B6|KH)\*/g));
        expect(r.transactions.reduce((n, t) => n + t.providerAdjustments.length, 0)).toBe(
          [...text.matchAll(/\nPLB\*([^~]*)~/g)].reduce((n, m) => n + (m[1]!.split("*").length - 2) / 2, 0),
        );
      }),
      { numRuns: 25 },
    );
  });
});
