import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { referenceSeed } from "@/db/seed/reference";
import { validateReferenceData, type ReferenceData } from "@/server/domain/billing/reference";
import { toCsv } from "@/server/domain/csv";
import { parseCsv } from "@/server/domain/csv-parse";
import { previewReferenceUpload, REFERENCE_TABLE_SPECS, referenceTableToCsv, tableFingerprint } from "@/server/domain/reference-file";

const v = validateReferenceData(referenceSeed);
if (!v.ok) throw new Error("seed invalid");
const current: ReferenceData = v.data;

describe("parseCsv", () => {
  it("reads quotes, embedded commas, doubled quotes, CRLF and line breaks in fields", () => {
    const r = parseCsv('a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n\r\n1,,3\n');
    expect(r.error).toBeNull();
    expect(r.rows).toEqual([["a", "b", "c"], ["x, y", 'say "hi"', "two\nlines"], ["1", "", "3"]]);
    expect(r.lines).toEqual([1, 2, 5]);
  });
  it("reports broken quoting with the line", () => {
    expect(parseCsv('a\n"open').error).toEqual({ line: 2, message: "a quoted field is not closed" });
    expect(parseCsv('a\nx"y').error?.line).toBe(2);
  });
  it("reads back exactly what toCsv writes (property)", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r", " ", "é", "1") }).filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const text = toCsv(rows, [
          { header: "h1", value: (r: string[]) => r[0] },
          { header: "h2", value: (r: string[]) => r[1] },
        ]);
        const back = parseCsv(text);
        expect(back.error).toBeNull();
        expect(back.rows.slice(1)).toEqual(rows);
      }),
      { numRuns: 200 },
    );
  });
});

describe("reference file upload", () => {
  it("a downloaded table re-uploads with no change, for every table", () => {
    for (const spec of REFERENCE_TABLE_SPECS) {
      const csv = referenceTableToCsv(spec.key, current[spec.key] as Record<string, unknown>[]);
      const p = previewReferenceUpload(spec.key, csv, current);
      expect(p.problems, spec.key).toEqual([]);
      expect(p.counts, spec.key).toMatchObject({ added: 0, changed: 0, removed: 0, unchanged: current[spec.key].length });
    }
  });

  it("shows an added ASP quarter and a changed payment limit, field by field", () => {
    const rows = current.aspPrices.map((r) => ({ ...r }));
    const last = rows.find((r) => r.hcpcs === "J9173" && r.quarter === "2026Q1")!;
    last.paymentLimit = "86.5";
    rows.push({ ...last, quarter: "2026Q2", basedOnAsp: "4Q25", paymentLimit: "87.1", effectiveFrom: "2026-04-01", effectiveTo: "2026-06-30" });
    const p = previewReferenceUpload("aspPrices", referenceTableToCsv("aspPrices", rows), current);
    expect(p.problems).toEqual([]);
    expect(p.counts).toMatchObject({ added: 1, changed: 1, removed: 0 });
    expect(p.changes.find((c) => c.kind === "changed")).toEqual({ key: "J9173 | 2026Q1", kind: "changed", fields: { paymentLimit: ["86.270", "86.5"] } });
  });

  it("reports every bad row with its line and field, and returns no rows to store", () => {
    const csv = referenceTableToCsv("ndcPackages", current.ndcPackages as Record<string, unknown>[]).split("\r\n");
    csv[1] = csv[1]!.replace(/^\d{11}/, "0310-4611-50"); // hyphenated, not 11 digits
    csv[2] = csv[2]!.replace(/,(finished|bulk|obsolete),/, ",discontinued,");
    const p = previewReferenceUpload("ndcPackages", csv.join("\r\n"), current);
    expect(p.rows).toEqual([]);
    expect(p.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 2, field: "ndc11", message: "ndc11 must be 11 digits without hyphens" }),
        expect.objectContaining({ line: 3, field: "status" }),
      ]),
    );
  });

  it("catches cross-table mistakes: an NDC for an HCPCS code that is not in the drug catalog", () => {
    const rows = current.ndcPackages.map((r) => ({ ...r }));
    rows[0]!.hcpcs = "J9999";
    const p = previewReferenceUpload("ndcPackages", referenceTableToCsv("ndcPackages", rows), current);
    expect(p.problems.some((x) => x.message.includes("unknown HCPCS J9999"))).toBe(true);
  });

  it("refuses wrong headers, duplicates and empty files", () => {
    expect(previewReferenceUpload("drugs", "hcpcs,nonsense\nJ9173,x\n", current).problems[0]!.message).toMatch(/Unknown column\(s\): nonsense/);
    expect(previewReferenceUpload("drugs", "", current).problems[0]!.message).toBe("The file is empty.");
    const csv = referenceTableToCsv("claimFrequencies", current.claimFrequencies as Record<string, unknown>[]);
    const dup = csv + csv.split("\r\n")[1] + "\r\n";
    expect(previewReferenceUpload("claimFrequencies", dup, current).problems[0]!.message).toMatch(/^Duplicate of line 2/);
  });

  it("fingerprints content, not order or decimal spelling", () => {
    const a = current.aspPrices;
    expect(tableFingerprint([...a].reverse())).toBe(tableFingerprint(a));
    expect(tableFingerprint(a.map((r) => ({ ...r, paymentLimit: `${r.paymentLimit}0` })))).toBe(tableFingerprint(a));
    expect(tableFingerprint(a.slice(1))).not.toBe(tableFingerprint(a));
  });
});

describe("ASP rows are checked against the drug catalog", () => {
  it("refuses a payment limit for a HCPCS code that is malformed or not in the catalog", () => {
    const rows = current.aspPrices.map((r) => ({ ...r }));
    rows.push({ ...rows[0]!, hcpcs: "J91", quarter: "2030Q1" }, { ...rows[0]!, hcpcs: "J9999", quarter: "2030Q2" });
    const p = previewReferenceUpload("aspPrices", referenceTableToCsv("aspPrices", rows), current);
    expect(p.problems.map((x) => x.message)).toEqual(
      expect.arrayContaining(["HCPCS must be a letter and 4 digits"]),
    );
    const only9999 = previewReferenceUpload("aspPrices", referenceTableToCsv("aspPrices", rows.filter((r) => r.hcpcs !== "J91")), current);
    expect(only9999.problems.map((x) => x.message)).toEqual(["unknown HCPCS J9999: add it to the drug catalog first"]);
  });
});
