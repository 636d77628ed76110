import { describe, expect, it } from "vitest";
import { likeContains, parsePatientSearch } from "@/server/domain/patients/search";

describe("parsePatientSearch", () => {
  it.each([
    ["", { kind: "none" }],
    ["   ", { kind: "none" }],
    [undefined, { kind: "none" }],
    [",", { kind: "none" }],
    ["1956-03-14", { kind: "dob", dateOfBirth: "1956-03-14" }],
    ["03/14/1956", { kind: "dob", dateOfBirth: "1956-03-14" }],
    ["3/4/1956", { kind: "dob", dateOfBirth: "1956-03-04" }],
    ["  Olson, Margaret ", { kind: "lastFirst", last: "Olson", first: "Margaret" }],
    ["olson,", { kind: "lastFirst", last: "olson", first: "" }],
    [", marg", { kind: "lastFirst", last: "", first: "marg" }],
    ["Van Der Berg, Anna", { kind: "lastFirst", last: "Van Der Berg", first: "Anna" }],
    ["MRN-0042", { kind: "terms", terms: ["MRN-0042"] }],
    ["margaret   olson", { kind: "terms", terms: ["margaret", "olson"] }],
  ] as const)("%j", (q, expected) => {
    expect(parsePatientSearch(q)).toEqual(expected);
  });
  it("a date that does not exist is not a date of birth search", () => {
    expect(parsePatientSearch("1956-02-30")).toEqual({ kind: "terms", terms: ["1956-02-30"] });
    expect(parsePatientSearch("13/01/1956")).toEqual({ kind: "terms", terms: ["13/01/1956"] });
    expect(parsePatientSearch("02/29/2024")).toEqual({ kind: "dob", dateOfBirth: "2024-02-29" });
    expect(parsePatientSearch("02/29/2023").kind).toBe("terms");
  });
  it("keeps at most four words", () => {
    expect(parsePatientSearch("a b c d e f")).toEqual({ kind: "terms", terms: ["a", "b", "c", "d"] });
  });
});

describe("likeContains", () => {
  it("escapes LIKE wildcards so user text matches literally", () => {
    expect(likeContains("100%")).toBe("%100\\%%");
    expect(likeContains("a_b")).toBe("%a\\_b%");
    expect(likeContains("c\\d")).toBe("%c\\\\d%");
  });
});
