import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runCli } from "@/scripts/billing-cli";
import { parse999, parse999Json } from "@/server/domain/x12/parse-999";
import { x12Validate } from "../../helpers/x12-validate";

/** pyx12 runs in a Python process: slow on a loaded machine. */
const X12_TIMEOUT = 180_000;

const OWN = path.resolve(import.meta.dirname, "../../fixtures/x12/999");
const PUBLIC = path.resolve(import.meta.dirname, "../../../../shared/fixtures/x12");
const own = (f: string) => readFileSync(path.join(OWN, f), "latin1");

describe("parse999 on the project's hand-written 999s (one per status)", () => {
  it("are valid 999s (x12-validate)", () => {
    const files = readdirSync(OWN).map((f) => path.join(OWN, f));
    const v = x12Validate(files);
    expect(v.output).not.toMatch(/invalid/);
    expect(v.ok).toBe(true);
  }, X12_TIMEOUT);

  it("reads an accepted transaction set", () => {
    const r = parse999(own("accepted.999"));
    expect(r.findings).toEqual([]);
    expect(parse999Json(r).acknowledgments).toEqual([{ groupControlNumber: "101", functionalId: "HC", status: "accepted", transactions: [{ transactionSetId: "837", controlNumber: "0101", status: "accepted", errors: [] }] }]);
  });

  it("reads 'accepted with errors' with the segment in error explained in words and the claim it concerns", () => {
    const r = parse999(own("accepted-with-errors.999"));
    const t = r.acknowledgments[0]!.transactions[0]!;
    expect(t.status).toBe("accepted_with_errors");
    expect(t.errors).toEqual([
      expect.objectContaining({ segmentId: "REF", position: 14, loopId: "2010", code: "I9", description: expect.stringContaining("not used") }),
    ]);
    expect(t.errors[0]!.detail!.context).toEqual(["CLM01:C0000042"]);
  });

  it("reads a rejection with the segment and the element in error", () => {
    const r = parse999(own("rejected.999"));
    const g = r.acknowledgments[0]!;
    expect(g).toMatchObject({ groupControlNumber: "103", status: "rejected" });
    expect(parse999Json(r).acknowledgments[0]!.transactions[0]!.errors).toEqual([
      { segmentId: "NM1", position: 17, loopId: "2010", code: "8", description: "NM1 at position 17 (loop 2010): Segment has data element errors." },
      { segmentId: "NM1", position: 17, loopId: "2010", elementPosition: 9, code: "1", description: "NM109 (data element 67) of NM1 at position 17: Required data element missing." },
    ]);
    expect(g.counts).toEqual({ included: 1, received: 1, accepted: 0 });
  });

  it("reads a partially accepted group: one transaction accepted, one rejected at an element", () => {
    const r = parse999(own("partially-accepted.999"));
    const g = r.acknowledgments[0]!;
    expect(g.status).toBe("partially_accepted");
    expect(g.transactions.map((t) => [t.controlNumber, t.status])).toEqual([
      ["0104", "accepted"],
      ["0105", "rejected"],
    ]);
    expect(g.transactions[1]!.errors[1]).toMatchObject({ segmentId: "SV1", elementPosition: 1, description: 'SV101-1 (data element 235) of SV1 at position 31: Invalid code value (sent "ZZ").' });
  });

  it("explains a transaction-level rejection that names no segment (SE01 count)", () => {
    const t = parse999(own("rejected-segment-count.999")).acknowledgments[0]!.transactions[0]!;
    expect(t).toMatchObject({ status: "rejected", errors: [{ segmentId: "SE", position: 0, code: "4", description: "Transaction set 0106: Number of included segments (SE01) does not match the actual count." }] });
  });
});

describe("parse999 on bad input: findings with segment positions, never an exception", () => {
  it("reports an empty file, a missing AK9, wrong counts and control numbers", () => {
    expect(parse999("").findings).toEqual([expect.objectContaining({ code: "X12_EMPTY", segment: 1 })]);
    const text = own("rejected.999").replace("AK9*R*1*1*0~", "").replace("SE*9*0003", "SE*9*0004");
    const r = parse999(text);
    const codes = r.findings.map((f) => [f.code, f.segment]);
    expect(codes).toEqual(expect.arrayContaining([["999_MISSING_AK9", 3], ["X12_SE_COUNT", 10], ["X12_CONTROL_MISMATCH", 10]]));
  });
  it("reports an 835 given as a 999", () => {
    const r = parse999(readFileSync(path.resolve(import.meta.dirname, "../../fixtures/x12/835/paid-durvalumab.835"), "latin1"));
    expect(r.findings.some((f) => f.code === "999_NOT_999")).toBe(true);
    expect(r.acknowledgments).toEqual([]);
  });
  it("never throws on mutated files (property)", () => {
    const base = own("partially-accepted.999");
    fc.assert(
      fc.property(fc.nat({ max: base.length }), fc.constantFrom("", "*", "~", ":", "X", "\n"), fc.nat({ max: base.length }), (at, ch, cut) => {
        const text = (base.slice(0, at) + ch + base.slice(at + 1)).slice(0, Math.max(cut, 10));
        const r = parse999(text);
        expect(r.findings.every((f) => Number.isInteger(f.segment))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("npm run billing -- parse-999", () => {
  it("prints exactly the issue's JSON shape and exits 0; 1 only for an unreadable file", () => {
    const out = runCli(["parse-999", path.join(OWN, "partially-accepted.999")]);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(Object.keys(json)).toEqual(["acknowledgments", "findings"]);
    for (const g of json.acknowledgments) {
      expect(Object.keys(g)).toEqual(["groupControlNumber", "functionalId", "status", "transactions"]);
      for (const t of g.transactions) {
        expect(Object.keys(t)).toEqual(["transactionSetId", "controlNumber", "status", "errors"]);
        for (const e of t.errors) for (const k of Object.keys(e)) expect(["segmentId", "position", "loopId", "elementPosition", "code", "description"]).toContain(k);
      }
    }
    expect(runCli(["parse-999", "/nonexistent/file.999"]).code).toBe(1);
    expect(runCli(["parse-999", path.join(OWN, "..", "835", "malformed-truncated.835")]).code).toBe(0);
  });
});

describe("parse999 on the public samples (../shared/fixtures/x12)", () => {
  const dir = path.join(PUBLIC, "999");
  it.skipIf(!existsSync(dir))("reads the accepted and the rejected sample (skipped when ../shared/fixtures is absent)", () => {
    const acc = parse999(readFileSync(path.join(dir, "x12_999_accepted.txt"), "latin1"));
    expect(acc.acknowledgments[0]).toMatchObject({ groupControlNumber: "17456", functionalId: "HC", status: "accepted", transactions: [{ controlNumber: "0001", status: "accepted", errors: [] }] });
    // The sample's IEA02 does not repeat its ISA13: reported, still read.
    expect(acc.findings.map((f) => f.code)).toEqual(["X12_CONTROL_MISMATCH"]);
    const rej = parse999(readFileSync(path.join(dir, "x12_999_rejected.txt"), "latin1"));
    expect(rej.findings).toEqual([]);
    expect(rej.acknowledgments[0]!.transactions[0]).toMatchObject({ controlNumber: "0028", status: "rejected", errors: [{ segmentId: "NM", position: 17, code: "1", description: "NM at position 17: Unrecognized segment ID." }] });
  });
  it.skipIf(!existsSync(path.join(PUBLIC, "277ca")))("reads the 999s that acknowledge the 277CA samples (element errors with bad data)", () => {
    const r = parse999(readFileSync(path.join(PUBLIC, "277ca", "x12_277CA_accepted.997"), "latin1"));
    const t = r.acknowledgments[0]!.transactions[0]!;
    expect(t.errors.find((e) => e.elementPosition === 3)).toMatchObject({ segmentId: "DTP", position: 22, code: "8", description: expect.stringContaining('Invalid date (sent "10010101")') });
  });
});
