import { describe, expect, it } from "vitest";
import { formatTotal, paginationView } from "@/components/data-table/pagination";

describe("paginationView", () => {
  it("shows an exact total as before: range, page n of m, next disabled on the last page", () => {
    expect(paginationView({ page: 1, pageSize: 25, total: 60, shown: 25 })).toEqual({ range: "1–25 of 60", pageLabel: "Page 1 of 3", lastPage: 3, prevDisabled: true, nextDisabled: false });
    expect(paginationView({ page: 3, pageSize: 25, total: 60, shown: 10 })).toEqual({ range: "51–60 of 60", pageLabel: "Page 3 of 3", lastPage: 3, prevDisabled: false, nextDisabled: true });
    expect(paginationView({ page: 1, pageSize: 25, total: 0, shown: 0 })).toMatchObject({ range: "0 of 0", pageLabel: "Page 1 of 1", nextDisabled: true });
    // A page past the end (rows deleted meanwhile): the label stays within the known pages.
    expect(paginationView({ page: 5, pageSize: 25, total: 30, shown: 0 })).toMatchObject({ range: "0 of 30", pageLabel: "Page 2 of 2", prevDisabled: false, nextDisabled: true });
    expect(paginationView({ page: 1, pageSize: 25, total: 12_345, totalCapped: false, shown: 25 }).range).toBe("1–25 of 12,345");
  });

  it("shows a capped total as a lower bound, claims no last page and keeps Next while pages come back full", () => {
    expect(paginationView({ page: 1, pageSize: 25, total: 10_000, totalCapped: true, shown: 25 })).toEqual({ range: "1–25 of 10,000+", pageLabel: "Page 1", lastPage: null, prevDisabled: true, nextDisabled: false });
    // Beyond the cap the rows seen are the better lower bound.
    expect(paginationView({ page: 401, pageSize: 25, total: 10_000, totalCapped: true, shown: 25 })).toMatchObject({ range: "10,001–10,025 of 10,025+", pageLabel: "Page 401", nextDisabled: false, prevDisabled: false });
    // A short page is the end: the total is known there.
    expect(paginationView({ page: 402, pageSize: 25, total: 10_000, totalCapped: true, shown: 7 })).toMatchObject({ range: "10,026–10,032 of 10,032", lastPage: 402, nextDisabled: true });
    expect(paginationView({ page: 900, pageSize: 25, total: 10_000, totalCapped: true, shown: 0 })).toMatchObject({ range: "0 of 10,000+", prevDisabled: false, nextDisabled: true });
  });
});

describe("formatTotal", () => {
  it("writes an exact total with thousands separators and a capped one with a plus", () => {
    expect(formatTotal(1234)).toBe("1,234");
    expect(formatTotal(10_000, true)).toBe("10,000+");
    expect(formatTotal(0)).toBe("0");
  });
});
