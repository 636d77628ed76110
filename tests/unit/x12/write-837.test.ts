import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import fc from "fast-check";
import { X12Parser } from "node-x12";
import { X12parser } from "x12-parser";
import { describe, expect, it } from "vitest";
import { DomainError } from "@/server/domain/errors";
import type { Claim837, Envelope837 } from "@/server/domain/x12/claim-837";
import { tokenize } from "@/server/domain/x12/tokenizer";
import { formatAmount, normalizeQuantity, write837 } from "@/server/domain/x12/write-837";
import { x12Validate } from "../../helpers/x12-validate";
import { example2bClaim, example2Claim, example2Envelope, institutionalClaim, replacementClaim } from "./claim-examples";

const GOLDEN = path.resolve(import.meta.dirname, "../../fixtures/x12/837");

function oneSegmentPerLine(x12: string): string {
  return `${x12.split("~").filter(Boolean).map((s) => `${s}~`).join("\n")}\n`;
}

function segmentsOf(x12: string): string[] {
  return x12.split("~").filter(Boolean);
}

const cases: [string, () => Claim837, Envelope837][] = [
  ["example2-837p.txt", example2Claim, example2Envelope()],
  ["example2b-837p-un.txt", example2bClaim, example2Envelope()],
  ["replacement-837p.txt", replacementClaim, { ...example2Envelope(), interchangeControlNumber: 1002, groupControlNumber: 2002, transactionSetControlNumber: "0002" }],
  [
    "institutional-837i.txt",
    institutionalClaim,
    { ...example2Envelope(), interchangeControlNumber: 1003, groupControlNumber: 2003, transactionSetControlNumber: "0003", usage: "P" },
  ],
];

function expectDomainError(fn: () => unknown, code: string, field?: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    if (field) expect((error as DomainError).field).toBe(field);
    return;
  }
  throw new Error(`expected DomainError ${code}`);
}

/** Envelope and loop checks shared by every round trip. */
function checkStructure(x12: string, envelope: Envelope837, institutional: boolean): void {
  const { segments, problems, delimiters } = tokenize(x12);
  expect(problems).toEqual([]);
  expect(delimiters).toEqual({ element: "*", component: ":", repetition: "^", segment: "~" });
  const tags = segments.map((s) => s[0]);
  const isa = segments[0]!;
  const gs = segments[1]!;
  const st = segments[2]!;
  const se = segments[segments.length - 3]!;
  const ge = segments[segments.length - 2]!;
  const iea = segments[segments.length - 1]!;
  expect([isa[0], gs[0], st[0], se[0], ge[0], iea[0]]).toEqual(["ISA", "GS", "ST", "SE", "GE", "IEA"]);
  expect(isa[13]).toBe(String(envelope.interchangeControlNumber).padStart(9, "0"));
  expect(iea[2]).toBe(isa[13]);
  expect(iea[1]).toBe("1");
  expect(gs[6]).toBe(String(envelope.groupControlNumber));
  expect(ge[2]).toBe(gs[6]);
  expect(ge[1]).toBe("1");
  expect(st[2]).toBe(envelope.transactionSetControlNumber);
  expect(se[2]).toBe(st[2]);
  expect(Number(se[1])).toBe(segments.length - 4); // ST..SE inclusive
  const version = institutional ? "005010X223A2" : "005010X222A1";
  expect(gs[8]).toBe(version);
  expect(st[3]).toBe(version);
  // required segments in loop order
  const order = ["BHT", "NM1", "PER", "NM1", "HL", "NM1", "N3", "N4", "REF", "HL", "SBR", "NM1", "NM1", "CLM", "HI", "LX", institutional ? "SV2" : "SV1", "DTP", "SE"];
  let at = 0;
  for (const tag of order) {
    const found = tags.indexOf(tag, at);
    expect(found, `${tag} after position ${at}`).toBeGreaterThanOrEqual(at);
    at = found + 1;
  }
  // CLM02 is the sum of the line charges
  const clm = segments.find((s) => s[0] === "CLM")!;
  const lineCharges = segments.filter((s) => s[0] === (institutional ? "SV2" : "SV1")).map((s) => Number(institutional ? s[3] : s[2]));
  expect(Number(clm[2])).toBeCloseTo(lineCharges.reduce((a, b) => a + b, 0), 2);
  // HL parents point to earlier HLs
  const hls = segments.filter((s) => s[0] === "HL");
  hls.forEach((hl, i) => {
    expect(hl[1]).toBe(String(i + 1));
    if (hl[2]) expect(Number(hl[2])).toBeLessThan(i + 1);
  });
}

describe("write837: claim-rules.md Example 2", () => {
  it("writes the 2300/2400 segments exactly as the worked example", () => {
    const segs = segmentsOf(write837(example2Claim(), example2Envelope()));
    const from = segs.findIndex((s) => s.startsWith("CLM*"));
    expect(segs.slice(from, from + 11)).toEqual([
      "CLM*GC02*22800***11:B:1*Y*A*Y*Y",
      "REF*G1*PA778899",
      "HI*ABK:C3411",
      "LX*1",
      "SV1*HC:J9173:JZ*22500*UN*150***1",
      "DTP*472*D8*20260914",
      "LIN**N4*00310461150",
      "CTP****30*ML",
      "LX*2",
      "SV1*HC:96413*300*UN*1***1",
      "DTP*472*D8*20260914",
    ]);
    expect(segs[from + 11]).toMatch(/^SE\*/);
  });

  it("Example 2b differs only by the vial count (CTP****3*UN)", () => {
    const a = segmentsOf(write837(example2Claim(), example2Envelope()));
    const b = segmentsOf(write837(example2bClaim(), example2Envelope()));
    const diff = a.map((s, i) => [s, b[i]]).filter(([x, y]) => x !== y);
    expect(diff).toEqual([["CTP****30*ML", "CTP****3*UN"]]);
  });

  it("writes a 106-character ISA with the declared separators", () => {
    const x12 = write837(example2Claim(), example2Envelope());
    const isa = x12.slice(0, x12.indexOf("~") + 1);
    expect(isa).toHaveLength(106);
    expect(isa).toBe("ISA*00*          *00*          *ZZ*GOA4471        *ZZ*ACMECH01       *260915*1030*^*00501*000001001*0*T*:~");
  });
});

describe("write837: golden files", () => {
  for (const [file, claim, envelope] of cases) {
    it(`matches ${file}`, () => {
      const x12 = write837(claim(), envelope);
      expect(oneSegmentPerLine(x12)).toBe(readFileSync(path.join(GOLDEN, file), "utf8"));
    });
  }
});

describe("write837: round trips", () => {
  for (const [file, claim, envelope] of cases) {
    const institutional = file.includes("837i");

    it(`${file}: our tokenizer finds matching envelopes, counts and loops`, () => {
      checkStructure(write837(claim(), envelope), envelope, institutional);
    });

    it(`${file}: node-x12 parses it strictly with the same counts and control numbers`, () => {
      const x12 = write837(claim(), envelope);
      const interchange = new X12Parser(true).parse(x12) as unknown as {
        header: { elements: { value: string }[] };
        trailer: { elements: { value: string }[] };
        functionalGroups: {
          header: { elements: { value: string }[] };
          trailer: { elements: { value: string }[] };
          transactions: { header: { elements: { value: string }[] }; trailer: { elements: { value: string }[] }; segments: { tag: string }[] }[];
        }[];
      };
      // node-x12 normalises ISA13 to a plain number
      expect(Number(interchange.header.elements[12]!.value)).toBe(envelope.interchangeControlNumber);
      expect(Number(interchange.trailer.elements[1]!.value)).toBe(envelope.interchangeControlNumber);
      expect(interchange.functionalGroups).toHaveLength(1);
      const group = interchange.functionalGroups[0]!;
      expect(group.header.elements[5]!.value).toBe(String(envelope.groupControlNumber));
      expect(group.trailer.elements[1]!.value).toBe(String(envelope.groupControlNumber));
      expect(group.transactions).toHaveLength(1);
      const tx = group.transactions[0]!;
      expect(tx.header.elements[1]!.value).toBe(envelope.transactionSetControlNumber);
      expect(tx.trailer.elements[1]!.value).toBe(envelope.transactionSetControlNumber);
      // node-x12 keeps ST and SE apart from the body segments
      expect(Number(tx.trailer.elements[0]!.value)).toBe(tx.segments.length + 2);
      const tags = tx.segments.map((s) => s.tag);
      for (const required of ["BHT", "NM1", "HL", "SBR", "CLM", "HI", "LX", "DTP"]) expect(tags).toContain(required);
    });

    it(`${file}: x12-parser streams the same segments`, async () => {
      const x12 = write837(claim(), envelope);
      const parsed: Record<string, string>[] = [];
      await new Promise<void>((resolve, reject) => {
        Readable.from([x12])
          .pipe(new X12parser())
          .on("data", (d: Record<string, string>) => parsed.push(d))
          .on("end", resolve)
          .on("error", reject);
      });
      const ours = segmentsOf(x12);
      expect(parsed).toHaveLength(ours.length);
      expect(parsed.map((s) => s.name)).toEqual(ours.map((s) => s.split("*")[0]));
      const st = parsed.findIndex((s) => s.name === "ST");
      const se = parsed.findIndex((s) => s.name === "SE");
      expect(Number(parsed[se]!["1"])).toBe(se - st + 1);
      expect(parsed[se]!["2"]).toBe(parsed[st]!["2"]);
      expect(parsed[parsed.length - 1]!["2"]).toBe(parsed[0]!["13"]);
    });
  }

  it("writes and reads back non-default separators", () => {
    const envelope: Envelope837 = { ...example2Envelope(), separators: { element: "|", component: ">", repetition: "{", segment: "\n" } };
    const x12 = write837(example2Claim(), envelope);
    expect(x12).toContain("SV1|HC>J9173>JZ|22500|UN|150|||1\n");
    const { delimiters, segments, problems } = tokenize(x12);
    expect(problems).toEqual([]);
    expect(delimiters).toEqual({ element: "|", component: ">", repetition: "{", segment: "\n" });
    expect(segments.find((s) => s[0] === "CLM")).toEqual(["CLM", "GC02", "22800", "", "", "11>B>1", "Y", "A", "Y", "Y"]);
    const se = segments.find((s) => s[0] === "SE")!;
    expect(Number(se[1])).toBe(segments.length - 4);
  });
});

describe("write837: institutional", () => {
  it("writes TOB in CLM05 with A, statement dates, SV2 with revenue code 0636 and the attending provider", () => {
    const segs = segmentsOf(write837(institutionalClaim(), example2Envelope()));
    expect(segs).toContain("CLM*GH77*22800***13:A:1**A*Y*Y");
    expect(segs).toContain("DTP*434*RD8*20260914-20260914");
    expect(segs).toContain("SV2*0636*HC:J9173:JZ*22500*UN*150");
    expect(segs).toContain("SV2*0335*HC:96413*300*UN*1");
    expect(segs).toContain("NM1*71*1*OKAFOR*NNEKA****XX*1679576722");
    expect(segs.filter((s) => s.startsWith("HI*"))).toEqual(["HI*ABK:C3411", "HI*APR:C3411", "HI*ABF:Z5112"]);
    expect(segs.some((s) => s.startsWith("SV1"))).toBe(false);
  });

  it("defaults the revenue code to 0636 for a drug line", () => {
    const c = institutionalClaim();
    c.claim.lines[0] = { ...c.claim.lines[0]!, revenueCode: undefined };
    expect(segmentsOf(write837(c, example2Envelope()))).toContain("SV2*0636*HC:J9173:JZ*22500*UN*150");
  });

  it("writes a void (frequency 8) with REF*F8", () => {
    const c = institutionalClaim();
    c.claim = { ...c.claim, frequency: "void", payerClaimNumber: "SHP111" };
    const segs = segmentsOf(write837(c, example2Envelope()));
    expect(segs).toContain("CLM*GH77*22800***13:A:8**A*Y*Y");
    expect(segs).toContain("REF*F8*SHP111");
  });
});

describe("write837: line-level prior authorization", () => {
  it("repeats REF*G1 on a line only when it differs from the claim's", () => {
    const segs = segmentsOf(write837(replacementClaim(), example2Envelope()));
    expect(segs.filter((s) => s.startsWith("REF*G1"))).toEqual(["REF*G1*PA778899", "REF*G1*PA990011"]);
  });
  it("with no claim-level authorization, each line carries its own (two drugs, two authorizations)", () => {
    const c = example2Claim();
    delete c.claim.priorAuthNumber;
    c.claim.lines = [
      { ...c.claim.lines[0]!, priorAuthNumber: "PA778899" },
      { code: "J9347", modifiers: ["JZ"], units: 75, chargeCents: 450_000, dateOfService: "2026-09-14", diagnosisPointers: [1], ndc: { code11: "00310450525", unit: "ML", quantity: "3.75" }, priorAuthNumber: "PA-T-5521" },
      ...c.claim.lines.slice(1),
    ];
    const segs = segmentsOf(write837(c, example2Envelope()));
    expect(segs.filter((s) => s.startsWith("REF*G1"))).toEqual(["REF*G1*PA778899", "REF*G1*PA-T-5521"]);
    expect(segs[segs.findIndex((s) => s.startsWith("CLM*")) + 1]).not.toMatch(/^REF\*G1/);
  });
});

describe("write837: every file written passes x12-validate", () => {
  it("the golden cases and a two-authorization claim", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "write837-"));
    try {
      const files = cases.map(([file, claim, envelope]) => {
        const out = path.join(dir, file);
        writeFileSync(out, write837(claim(), envelope));
        return out;
      });
      const c = example2Claim();
      delete c.claim.priorAuthNumber;
      c.claim.lines = c.claim.lines.map((l, i) => ({ ...l, priorAuthNumber: i === 0 ? "PA778899" : "PA990011" }));
      const two = path.join(dir, "two-authorizations.837");
      writeFileSync(two, write837(c, example2Envelope()));
      const v = x12Validate([...files, two]);
      expect(v.ok, v.output).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("write837: impossible claims are refused with a coded error", () => {
  const base = example2Claim;
  const env = example2Envelope;
  const withClaim = (patch: Partial<Claim837["claim"]>): Claim837 => ({ ...base(), claim: { ...base().claim, ...patch } });
  const withLine = (patch: Partial<Claim837["claim"]["lines"][number]>): Claim837 =>
    withClaim({ lines: [{ ...base().claim.lines[0]!, ...patch }, base().claim.lines[1]!] });

  it.each([
    ["replacement without payer claim number", () => withClaim({ frequency: "replacement" }), "X12_PAYER_CLAIM_NUMBER_REQUIRED", "claim.payerClaimNumber"],
    ["void without payer claim number", () => withClaim({ frequency: "void" }), "X12_PAYER_CLAIM_NUMBER_REQUIRED", "claim.payerClaimNumber"],
    ["diagnosis with a dot", () => withClaim({ diagnoses: ["C34.11"] }), "X12_DIAGNOSIS_FORMAT", "claim.diagnoses.0"],
    ["no diagnosis", () => withClaim({ diagnoses: [] }), "X12_DIAGNOSIS_REQUIRED", "claim.diagnoses"],
    ["13 diagnoses", () => withClaim({ diagnoses: Array.from({ length: 13 }, (_, i) => `C34${10 + i}`) }), "X12_TOO_MANY_DIAGNOSES", "claim.diagnoses"],
    ["pointer beyond the diagnoses", () => withLine({ diagnosisPointers: [2] }), "X12_DIAGNOSIS_POINTER", "claim.lines.0.diagnosisPointers"],
    ["no pointer on 837P", () => withLine({ diagnosisPointers: [] }), "X12_DIAGNOSIS_POINTER", "claim.lines.0.diagnosisPointers"],
    ["10-digit NDC", () => withLine({ ndc: { code11: "0310461150", unit: "ML", quantity: "30" } }), "X12_NDC", "claim.lines.0.ndc.code11"],
    ["NDC quantity with 4 decimals", () => withLine({ ndc: { code11: "00310461150", unit: "ML", quantity: "30.0001" } }), "X12_NDC_QUANTITY", "claim.lines.0.ndc.quantity"],
    ["zero NDC quantity", () => withLine({ ndc: { code11: "00310461150", unit: "ML", quantity: "0" } }), "X12_NDC_QUANTITY", "claim.lines.0.ndc.quantity"],
    ["charge in fractional cents", () => withLine({ chargeCents: 2250000.5 }), "X12_CHARGE", "claim.lines.0.chargeCents"],
    ["negative charge", () => withLine({ chargeCents: -1 }), "X12_CHARGE", "claim.lines.0.chargeCents"],
    ["zero units", () => withLine({ units: 0 }), "X12_UNITS", "claim.lines.0.units"],
    ["five modifiers", () => withLine({ modifiers: ["JZ", "25", "59", "XU", "KX"] }), "X12_MODIFIER", "claim.lines.0.modifiers"],
    ["impossible date", () => withLine({ dateOfService: "2026-02-30" }), "X12_DATE", "claim.lines.0.dateOfService"],
    ["separator inside a value", () => withClaim({ patientControlNumber: "GC*02" }), "X12_SEPARATOR_IN_VALUE", "claim.patientControlNumber"],
    ["professional claim without place of service", () => withClaim({ placeOfService: undefined }), "X12_REQUIRED", "claim.placeOfService"],
    ["no lines", () => withClaim({ lines: [] }), "X12_NO_LINES", "claim.lines"],
    ["5-digit billing ZIP", () => ({ ...base(), billingProvider: { ...base().billingProvider, address: { ...base().billingProvider.address, postalCode: "37203" } } }), "X12_POSTAL_CODE", "billingProvider.address.postalCode"],
    ["short NPI", () => ({ ...base(), billingProvider: { ...base().billingProvider, npi: "123456789" } }), "X12_NPI", "billingProvider.npi"],
  ])("%s", (_name, claim, code, field) => {
    expectDomainError(() => write837(claim(), env()), code, field);
  });

  it("refuses an institutional claim without attending provider or type of bill", () => {
    const c = institutionalClaim();
    expectDomainError(() => write837({ ...c, claim: { ...c.claim, renderingProvider: undefined } }, env()), "X12_ATTENDING_REQUIRED");
    expectDomainError(() => write837({ ...c, claim: { ...c.claim, typeOfBill: undefined } }, env()), "X12_REQUIRED", "claim.typeOfBill");
  });

  it("refuses bad envelopes", () => {
    expectDomainError(() => write837(base(), { ...env(), interchangeControlNumber: 0 }), "X12_CONTROL_NUMBER");
    expectDomainError(() => write837(base(), { ...env(), senderId: "A".repeat(16) }), "X12_TOO_LONG", "envelope.senderId");
    expectDomainError(() => write837(base(), { ...env(), separators: { element: ":" } }), "X12_SEPARATOR");
    expectDomainError(() => write837(base(), { ...env(), creationTime: "25:00" }), "X12_TIME");
  });
});

describe("amount and quantity formatting", () => {
  it.each([
    [2280000, "22800"],
    [15050, "150.5"],
    [15005, "150.05"],
    [5, "0.05"],
    [0, "0"],
    [100, "1"],
  ])("%i cents -> %s", (cents, text) => {
    expect(formatAmount(cents)).toBe(text);
  });

  it.each([
    ["30", "30"],
    ["30.000", "30"],
    ["2.40", "2.4"],
    ["030.5", "30.5"],
    ["0.125", "0.125"],
  ])("quantity %s -> %s", (input, out) => {
    expect(normalizeQuantity(input)).toBe(out);
  });

  it.each(["0", "1.2345", "-1", "abc", "123456789"])("quantity %s is refused", (input) => {
    expect(normalizeQuantity(input)).toBeNull();
  });
});

describe("write837: property", () => {
  it("any valid set of lines gives matching counts, CLM total and parseable output", () => {
    const line = fc.record({
      code: fc.constantFrom("J9173", "J9347", "96413", "96415", "96417"),
      modifiers: fc.subarray(["JW", "JZ", "25", "59"], { maxLength: 4 }),
      units: fc.integer({ min: 1, max: 999 }),
      chargeCents: fc.integer({ min: 0, max: 5_000_000 }),
      ndc: fc.option(fc.record({ code11: fc.constant("00310461150"), unit: fc.constantFrom("ML" as const, "UN" as const), quantity: fc.constantFrom("30", "2.4", "0.125", "3") }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 50 }), fc.boolean(), (lines, institutional) => {
        const base = institutional ? institutionalClaim() : example2Claim();
        const claim: Claim837 = {
          ...base,
          claim: {
            ...base.claim,
            lines: lines.map((l) => ({ ...l, dateOfService: "2026-09-14", diagnosisPointers: [1], revenueCode: "0636" })),
          },
        };
        const x12 = write837(claim, example2Envelope());
        const { segments, problems } = tokenize(x12);
        expect(problems).toEqual([]);
        const se = segments.find((s) => s[0] === "SE")!;
        expect(Number(se[1])).toBe(segments.length - 4);
        const total = lines.reduce((a, l) => a + l.chargeCents, 0);
        expect(segments.find((s) => s[0] === "CLM")![2]).toBe(formatAmount(total));
        expect(segments.filter((s) => s[0] === "LX")).toHaveLength(lines.length);
        expect(segments.filter((s) => s[0] === "LIN")).toHaveLength(lines.filter((l) => l.ndc).length);
      }),
      { numRuns: 200 },
    );
  });
});
