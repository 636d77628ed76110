import { describe, expect, it } from "vitest";
import { benchApiReport, latencySummary, memoryGrowth, memoryGrowthBeyondWarmup, percentile, soakFailures, trpcGetPath } from "@/scripts/load/stats";

describe("percentile (nearest rank)", () => {
  it("picks the value at the rank, whatever the input order", () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile(xs, 0)).toBe(1);
  });
  it("handles one value and none", () => {
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
  it("does not reorder its input", () => {
    const xs = [3, 1, 2];
    percentile(xs, 50);
    expect(xs).toEqual([3, 1, 2]);
  });
  it("summarises to 0.1 ms, zeros when nothing answered", () => {
    expect(latencySummary([1.04, 2.06, 3.01, 10.26])).toEqual({ p50Ms: 2.1, p95Ms: 10.3, p99Ms: 10.3 });
    expect(latencySummary([])).toEqual({ p50Ms: 0, p95Ms: 0, p99Ms: 0 });
  });
});

describe("bench:api --json", () => {
  it("has exactly the issue's keys, in its order", () => {
    const r = benchApiReport(20000, [{ errors: 0, p99Ms: 9, name: "claims", p95Ms: 5.5, rps: 199.96, p50Ms: 2.2 }], 312.6);
    expect(JSON.stringify(r)).toBe('{"rows":20000,"endpoints":[{"name":"claims","rps":200,"p50Ms":2.2,"p95Ms":5.5,"p99Ms":9,"errors":0}],"rssMb":313}');
  });
});

describe("soak memory growth", () => {
  const samples = Array.from({ length: 60 }, (_, i) => ({ t: i * 1000, rssMb: i < 20 ? 300 : 200 + i * 2 }));
  it("compares the window after the warm-up with the last window", () => {
    // warm window 20–29 s: 240…258, mean 249; last window 50–59 s: 300…318, mean 309
    const g = memoryGrowth(samples, 20_000, 10_000)!;
    expect(g.warmMb).toBe(249);
    expect(g.endMb).toBe(309);
    expect(g.growth).toBeCloseTo(309 / 249 - 1, 6);
  });
  it("is null when the run ended inside the warm-up", () => {
    expect(memoryGrowth(samples, 120_000, 10_000)).toBeNull();
    expect(memoryGrowth([], 0, 10_000)).toBeNull();
  });
});

describe("soak memory growth beyond the warm-up", () => {
  it("does not count as growth the memory the warm-up already held (a trough right after it)", () => {
    // warm-up's last window (10–19 s) peaks at 300; after it a GC trough (240…) rising to 318 at the end
    const samples = Array.from({ length: 60 }, (_, i) => ({ t: i * 1000, rssMb: i < 20 ? 300 : 200 + i * 2 }));
    const g = memoryGrowthBeyondWarmup(samples, 20_000, 10_000)!;
    expect(g.peakMb).toBe(300);
    expect(g.growth).toBeCloseTo(309 / 300 - 1, 6);
  });
  it("does not count the memory the warm-up held earlier in its second half, before a trough at its end", () => {
    // warm-up 0–39 s: 350 MB at 25 s, then a trough (280) through its last window; the minute after it
    // rises to 360 (the heap's first growth, still under way): against the last window alone, +22 %
    const samples = Array.from({ length: 80 }, (_, i) => ({ t: i * 1000, rssMb: i === 25 ? 350 : i < 40 ? 280 : i < 60 ? 300 : 360 }));
    const g = memoryGrowthBeyondWarmup(samples, 40_000, 20_000)!;
    expect(g.peakMb).toBe(350);
    expect(g.growth).toBeCloseTo(360 / 350 - 1, 6);
    // a peak in the warm-up's first half (the heap's start) is not a baseline
    const early = samples.map((s) => (s.t === 25_000 ? { ...s, rssMb: 280 } : s.t === 5_000 ? { ...s, rssMb: 500 } : s));
    expect(memoryGrowthBeyondWarmup(early, 40_000, 20_000)!.growth).toBeCloseTo(360 / 300 - 1, 6);
  });
  it("still catches a leak: the end rises well above the warm-up's peak", () => {
    const samples = Array.from({ length: 60 }, (_, i) => ({ t: i * 1000, rssMb: i < 20 ? 250 : 250 + (i - 20) * 5 }));
    const g = memoryGrowthBeyondWarmup(samples, 20_000, 10_000)!;
    // end window 50–59 s: 400…445, mean 422.5, against the window after the warm-up (mean 272.5, above its peak of 250): +55 %
    expect(g.growth).toBeCloseTo(422.5 / 272.5 - 1, 6);
  });
  it("is null when the run ended inside the warm-up", () => {
    expect(memoryGrowthBeyondWarmup([{ t: 0, rssMb: 100 }], 120_000, 10_000)).toBeNull();
  });
});

describe("soak verdict", () => {
  const ok = { serverErrors: 0, lostWrites: [], memory: { growth: 0.05 }, maxGrowth: 0.15, other: [] };
  it("passes a clean run", () => {
    expect(soakFailures(ok)).toEqual([]);
  });
  it("fails on a 5xx, a lost write, growth over the limit, unmeasured memory", () => {
    expect(soakFailures({ ...ok, serverErrors: 2 })).toEqual(["2 server errors (5xx or no answer)"]);
    expect(soakFailures({ ...ok, lostWrites: ["claim C-1: cancelled (expected draft)"] })[0]).toMatch(/1 write not read back as written: claim C-1/);
    expect(soakFailures({ ...ok, memory: { growth: 0.151 } })).toEqual(["memory grew 15.1 % after the warm-up (limit 15 %)"]);
    expect(soakFailures({ ...ok, memory: null })[0]).toMatch(/not measured/);
  });
});

describe("tRPC GET path", () => {
  it("is httpBatchLink's: one call in a batch, the input as superjson's json", () => {
    const p = trpcGetPath("worklists.list", { list: "due", page: 1 });
    expect(p.startsWith("/api/trpc/worklists.list?batch=1&input=")).toBe(true);
    expect(JSON.parse(decodeURIComponent(p.split("input=")[1]!))).toEqual({ 0: { json: { list: "due", page: 1 } } });
  });
});
