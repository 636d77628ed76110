import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runCli } from "@/scripts/billing-cli";
import { describeStatus, parse277ca, parse277caJson, statusOutcome } from "@/server/domain/x12/parse-277ca";
import { x12Validate } from "../../helpers/x12-validate";

/** pyx12 runs in a Python process: slow on a loaded machine. */
const X12_TIMEOUT = 180_000;

const OWN = path.resolve(import.meta.dirname, "../../fixtures/x12/277ca");
const PUBLIC = path.resolve(import.meta.dirname, "../../../../shared/fixtures/x12/277ca");
const own = (f: string) => readFileSync(path.join(OWN, f), "latin1");

describe("parse277ca on the project's hand-written 277CAs (accepted, rejected, pending, mixed)", () => {
  it("are valid 277CAs (x12-validate)", () => {
    const v = x12Validate(readdirSync(OWN).map((f) => path.join(OWN, f)));
    expect(v.output).not.toMatch(/invalid/);
    expect(v.ok).toBe(true);
  }, X12_TIMEOUT);

  it("reads an accepted claim with the payer's claim number, charge and date of service", () => {
    const r = parse277ca(own("accepted.277"));
    expect(r.findings).toEqual([]);
    expect(parse277caJson(r).claims).toEqual([
      {
        patientControlNumber: "C0000042",
        payerClaimNumber: "2226000123",
        status: "accepted",
        statusCodes: [{ category: "A2", code: "20", entity: "PR", description: "Accepted into the adjudication system (A2): Accepted for processing (20); entity: Payer (PR)." }],
        amount: 11475,
        serviceDate: "2026-09-14",
      },
    ]);
    expect(r.source).toMatchObject({ name: "NORTHWOODS HEALTH PPO", id: "NWH200", receiverTrace: "0101", accepted: 1 });
  });

  it("reads a rejection with the category, status code and entity explained", () => {
    const c = parse277ca(own("rejected-member-id.277")).claims[0]!;
    expect(c).toMatchObject({ patientControlNumber: "C0000042", status: "rejected", payerClaimNumber: "2226000124" });
    expect(c.statusCodes[0]).toEqual({ category: "A7", code: "164", entity: "IL", description: "Rejected for invalid information (A7): Entity's contract or member number (164); entity: Subscriber (IL)." });
  });

  it("reads a claim only received so far as pending, and a date range as its first day", () => {
    const c = parse277ca(own("pending.277")).claims[0]!;
    expect(c).toMatchObject({ status: "pending", serviceDate: "2026-09-14" });
    expect(c.payerClaimNumber).toBeUndefined();
  });

  it("reads several claims of one file, each with its own status; a second STC composite and line statuses are kept", () => {
    const r = parse277ca(own("mixed.277"));
    expect(r.findings).toEqual([]);
    expect(r.claims.map((c) => [c.patientControlNumber, c.status])).toEqual([
      ["C0000042", "accepted"],
      ["C0000043", "rejected"],
      ["C0000044", "pending"],
    ]);
    const rejected = r.claims[1]!;
    expect(rejected.statusCodes.map((s) => `${s.category}:${s.code}`)).toEqual(["A7:454", "A7:453"]);
    expect(rejected.detail!.lines).toEqual([expect.objectContaining({ procedure: "HC J9322 JW", lineControlNumber: "C0000043L2", statusCodes: [expect.objectContaining({ category: "A7", code: "454" })] })]);
  });
});

describe("status outcomes and words", () => {
  it("rejects on any rejecting category, else accepts on an accepting one, else pending", () => {
    expect(statusOutcome([{ category: "A2" }, { category: "A7" }])).toBe("rejected");
    expect(statusOutcome([{ category: "A1" }, { category: "A2" }])).toBe("accepted");
    expect(statusOutcome([{ category: "A1" }])).toBe("pending");
    expect(statusOutcome([{ category: "ZZ" }])).toBe("pending");
    for (const c of ["A3", "A4", "A6", "A8", "E0", "E3", "E4"]) expect(statusOutcome([{ category: c }])).toBe("rejected");
  });
  it("names unknown codes by number instead of guessing", () => {
    expect(describeStatus("A7", "99999", "ZZ")).toBe("Rejected for invalid information (A7): status code 99999 (99999); entity: code (ZZ).");
  });
});

describe("parse277ca on bad input: findings with segment positions, never an exception", () => {
  it("reports a claim without TRN or STC, a bad amount, a missing trailer", () => {
    const text = own("accepted.277").replace("TRN*2*C0000042~", "").replace("STC*A2:20:PR*20261003*WQ*11475~", "STC*A2:20:PR*20261003*WQ*1x~").replace(/IEA\*[^~]*~$/, "");
    const r = parse277ca(text);
    expect(r.findings.map((f) => f.code)).toEqual(expect.arrayContaining(["X12_BAD_NUMBER", "277_MISSING_TRN", "X12_SE_COUNT", "X12_MISSING_IEA"]));
    expect(r.findings.every((f) => f.segment > 0)).toBe(true);
  });
  it("reports a 999 given as a 277CA", () => {
    const r = parse277ca(readFileSync(path.resolve(import.meta.dirname, "../../fixtures/x12/999/accepted.999"), "latin1"));
    expect(r.findings.some((f) => f.code === "277_NOT_277CA")).toBe(true);
    expect(r.claims).toEqual([]);
  });
  it("never throws on mutated files (property)", () => {
    const base = own("mixed.277");
    fc.assert(
      fc.property(fc.nat({ max: base.length }), fc.constantFrom("", "*", "~", ":", "X", "\n"), fc.nat({ max: base.length }), (at, ch, cut) => {
        const r = parse277ca((base.slice(0, at) + ch + base.slice(at + 1)).slice(0, Math.max(cut, 10)));
        expect(r.findings.every((f) => Number.isInteger(f.segment))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("npm run billing -- parse-277ca", () => {
  it("prints exactly the issue's JSON shape and exits 0; 1 only for an unreadable file", () => {
    const out = runCli(["parse-277ca", path.join(OWN, "mixed.277")]);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(Object.keys(json)).toEqual(["claims", "findings"]);
    for (const c of json.claims) {
      for (const k of Object.keys(c)) expect(["patientControlNumber", "payerClaimNumber", "status", "statusCodes", "amount", "serviceDate"]).toContain(k);
      expect(["accepted", "rejected", "pending"]).toContain(c.status);
      for (const s of c.statusCodes) for (const k of Object.keys(s)) expect(["category", "code", "entity", "description"]).toContain(k);
    }
    expect(runCli(["parse-277ca", "/nonexistent.277"]).code).toBe(1);
  });
});

describe("parse277ca on the public samples (../shared/fixtures/x12/277ca)", () => {
  it.skipIf(!existsSync(PUBLIC))("reads the accepted and the rejected sample (skipped when ../shared/fixtures is absent)", () => {
    const acc = parse277ca(readFileSync(path.join(PUBLIC, "x12_277CA_accepted.txt"), "latin1"));
    expect(parse277caJson(acc).claims).toEqual([
      { patientControlNumber: "5781", payerClaimNumber: "1107000000014420", status: "accepted", statusCodes: [{ category: "A2", code: "20", description: "Accepted into the adjudication system (A2): Accepted for processing (20)." }], amount: 125, serviceDate: "1001-01-01" },
    ]);
    // the sample's date of service 10010101 is a real calendar date but not a plausible one
    expect(acc.findings.map((f) => f.code)).toContain("277_IMPLAUSIBLE_DATE");
    const rej = parse277ca(readFileSync(path.join(PUBLIC, "x12_277CA_rejected.txt"), "latin1"));
    expect(rej.claims[0]).toMatchObject({ patientControlNumber: "3920394930203", status: "rejected", payerClaimNumber: "1107000000001120", amount: 199.14, serviceDate: "2009-03-11" });
    expect(rej.claims[0]!.statusCodes[0]).toMatchObject({ category: "A7", code: "562", entity: "85", description: expect.stringContaining("National Provider Identifier") });
    // read with "|" as the component separator declared in its ISA16
    expect(rej.findings.filter((f) => f.severity === "error")).toEqual([]);
  });
});
