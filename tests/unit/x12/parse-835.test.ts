import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse835, remittance835Json, type Finding835, type Remittance835 } from "@/server/domain/x12/parse-835";

const DIR = path.resolve(import.meta.dirname, "../../fixtures/x12/835");
const read = (file: string): Remittance835 => parse835(readFileSync(path.join(DIR, file), "utf8"));
const codes = (findings: Finding835[]): string[] => findings.map((f) => `${f.severity}:${f.code}@${f.segment}`);

describe("parse835: paid durvalumab claims (Medicare, JW and JZ lines)", () => {
  const r = read("paid-durvalumab.835");
  const tx = r.transactions[0]!;

  it("has no findings and balances at every level", () => {
    expect(r.findings).toEqual([]);
    expect(tx.balanced).toBe(true);
    expect(tx.claims.every((c) => c.balanced && c.lines.every((l) => l.balanced))).toBe(true);
  });

  it("reads the payment, trace, payer and payee", () => {
    expect(tx.paymentCents).toBe(1977600);
    expect(tx.paymentDate).toBe("2026-09-21");
    expect(tx.traceNumber).toBe("EFT20260921MCR");
    expect(tx.payer).toMatchObject({ name: "FICTIONAL MEDICARE CONTRACTOR", id: "10112" });
    expect(tx.payee).toMatchObject({ name: "GREENFIELD ONCOLOGY ASSOCIATES", npi: "1234567893", tin: "621234567" });
    expect(tx.handlingCode).toBe("I");
    expect(tx.paymentMethod).toBe("ACH");
    expect(tx.productionDate).toBe("2026-09-20");
    expect(r.interchanges[0]).toMatchObject({ senderId: "MACJ5B", receiverId: "GOA4471", controlNumber: "000004401", usage: "T" });
  });

  it("reads the JW claim line by line", () => {
    const c = tx.claims[0]!;
    expect(c).toMatchObject({
      patientControlNumber: "GC04",
      status: "1",
      chargeCents: 1110000,
      paidCents: 645600,
      patientResponsibilityCents: 161400,
      payerClaimNumber: "26263000123401",
      filingIndicator: "MB",
      remarks: ["MA01"],
      adjustments: [],
    });
    expect(c.patient).toMatchObject({ lastName: "MARSH", firstName: "DELIA", id: "1EG4TE5MK73" });
    expect(c.renderingProvider).toMatchObject({ lastName: "OKAFOR", id: "1679576722" });
    expect(c.lines.map((l) => [l.code, l.modifiers, l.units, l.chargeCents, l.paidCents, l.lineControlNumber])).toEqual([
      ["J9173", [], 68, 1020000, 598400, "GC04-1"],
      ["J9173", ["JW"], 4, 60000, 35200, "GC04-2"],
      ["96413", [], 1, 30000, 12000, "GC04-3"],
    ]);
    expect(c.lines[0]!.adjustments).toEqual([
      { group: "CO", reason: "45", amountCents: 272000, quantity: null },
      { group: "PR", reason: "2", amountCents: 149600, quantity: null },
    ]);
    expect(c.lines[0]!.amounts).toEqual([{ qualifier: "B6", amountCents: 748000 }]);
    expect(c.lines[0]!.serviceDate).toBe("2026-09-14");
  });

  it("defaults units to 1 when SVC05 is absent", () => {
    const line = tx.claims[1]!.lines[1]!;
    expect(line.code).toBe("96413");
    expect(line.units).toBe(1);
  });
});

describe("parse835: denials", () => {
  const r = read("denials.835");
  const [d197, d16, d4] = r.transactions[0]!.claims;

  it("balances: a $0 payment is still status 1 with the CARC explaining it", () => {
    expect(r.findings).toEqual([]);
    expect(r.transactions[0]!.paymentCents).toBe(40000);
    expect(d197!.status).toBe("1");
    expect(d197!.paidCents).toBe(0);
  });

  it("CO-197 with N210 on every line", () => {
    expect(d197!.lines.map((l) => [l.code, l.adjustments, l.remarks])).toEqual([
      ["J9173", [{ group: "CO", reason: "197", amountCents: 2250000, quantity: null }], ["N210"]],
      ["96413", [{ group: "CO", reason: "197", amountCents: 30000, quantity: null }], ["N210"]],
    ]);
  });

  it("CO-16 with M119 on the drug line, administration paid", () => {
    expect(d16!.lines[0]!.adjustments).toEqual([{ group: "CO", reason: "16", amountCents: 2250000, quantity: null }]);
    expect(d16!.lines[0]!.remarks).toEqual(["M119"]);
    expect(d16!.lines[1]!.paidCents).toBe(20000);
    expect(d16!.paidCents).toBe(20000);
  });

  it("CO-4 on the drug line billed without JW/JZ", () => {
    expect(d4!.lines[0]!.modifiers).toEqual([]);
    expect(d4!.lines[0]!.adjustments).toEqual([{ group: "CO", reason: "4", amountCents: 2250000, quantity: null }]);
  });
});

describe("parse835: partial payment", () => {
  const r = read("partial-payment.835");
  const c = r.transactions[0]!.claims[0]!;
  it("reads PR-1 and PR-2 from one CAS segment and CO-45 from another", () => {
    expect(r.findings).toEqual([]);
    expect(c).toMatchObject({ chargeCents: 2280000, paidCents: 1416000, patientResponsibilityCents: 404000, statementFrom: "2026-09-14", statementTo: "2026-09-14" });
    expect(c.lines[0]!.adjustments).toEqual([
      { group: "PR", reason: "1", amountCents: 50000, quantity: null },
      { group: "PR", reason: "2", amountCents: 350000, quantity: null },
      { group: "CO", reason: "45", amountCents: 450000, quantity: null },
    ]);
    expect(c.amounts).toEqual([{ qualifier: "AU", amountCents: 1820000 }]);
    expect(r.transactions[0]!.paymentMethod).toBe("CHK");
    expect(r.transactions[0]!.paymentDate).toBe("2026-09-28");
  });
});

describe("parse835: reversal", () => {
  const r = read("reversal.835");
  const [reversal, corrected, fresh] = r.transactions[0]!.claims;
  it("reads CLP02 22 with negative amounts and balances the transaction", () => {
    expect(r.findings).toEqual([]);
    expect(reversal).toMatchObject({ patientControlNumber: "GC02", status: "22", chargeCents: -2280000, paidCents: -1820000, payerClaimNumber: "SHP2609150777", balanced: true });
    expect(reversal!.lines[0]).toMatchObject({ code: "J9173", modifiers: ["JZ"], units: -150, chargeCents: -2250000, paidCents: -1800000 });
    expect(reversal!.lines[0]!.adjustments).toEqual([{ group: "CO", reason: "45", amountCents: -450000, quantity: null }]);
    expect(corrected).toMatchObject({ status: "1", paidCents: 1780000, frequencyCode: "7" });
    expect(corrected!.references).toEqual([{ qualifier: "F8", value: "SHP2609150777" }]);
    expect(fresh!.paidCents).toBe(1800000);
    expect(r.transactions[0]!.paymentCents).toBe(1760000);
    expect(r.transactions[0]!.balanced).toBe(true);
  });
});

describe("parse835: provider-level adjustments", () => {
  const r = read("plb.835");
  it("reads WO with its reference and L6 interest, and balances BPR02 = ΣCLP04 − ΣPLB", () => {
    expect(r.findings).toEqual([]);
    const tx = r.transactions[0]!;
    expect(tx.providerAdjustments.map(({ reason, reference, amountCents }) => ({ reason, reference, amountCents }))).toEqual([
      { reason: "WO", reference: "SHP2608110042", amountCents: 150000 },
      { reason: "L6", reference: null, amountCents: -1234 },
    ]);
    expect(tx.providerAdjustments[0]).toMatchObject({ providerId: "1234567893", fiscalPeriodDate: "2026-12-31" });
    expect(tx.paymentCents).toBe(1267234);
    expect(tx.balanced).toBe(true);
  });
});

describe("parse835: separators declared in the ISA", () => {
  it.each(["separators-pipe.835", "separators-quote.835"])("%s reads the same claim", (file) => {
    const r = read(file);
    expect(r.findings).toEqual([]);
    const c = r.transactions[0]!.claims[0]!;
    expect(c).toMatchObject({ chargeCents: 30000, paidCents: 16000, patientResponsibilityCents: 4000, balanced: true });
    expect(c.lines[0]).toMatchObject({ qualifier: "HC", code: "96413", modifiers: ["25"], balanced: true });
  });

  it("learns | ^ { and LF from the pipe file", () => {
    expect(read("separators-pipe.835").interchanges[0]!.delimiters).toEqual({ element: "|", component: "^", repetition: "{", segment: "\n" });
    expect(read("separators-quote.835").interchanges[0]!.delimiters).toEqual({ element: "!", component: ">", repetition: "^", segment: "'" });
  });
});

describe("parse835: malformed files give findings, never exceptions", () => {
  it("missing BPR, payee and GE", () => {
    const r = read("malformed-missing-segments.835");
    expect(codes(r.findings)).toEqual([
      "error:835_OUT_OF_PLACE@6",
      "error:835_MISSING_BPR@3",
      "error:835_MISSING_PAYEE@3",
      "error:X12_MISSING_GE@2",
    ]);
    expect(r.transactions[0]!.balanced).toBe(false);
  });

  it("wrong SE count and mismatched control numbers", () => {
    const r = read("malformed-counts.835");
    expect(codes(r.findings)).toEqual([
      "error:X12_SE_COUNT@13",
      "error:X12_CONTROL_MISMATCH@13",
      "error:X12_CONTROL_MISMATCH@14",
      "error:X12_CONTROL_MISMATCH@15",
    ]);
    expect(r.findings[0]!.message).toBe("SE01 says 7 segments but transaction 0001 has 11 (ST to SE inclusive).");
  });

  it("body written with another element separator than the ISA declares", () => {
    const r = read("malformed-wrong-separator.835");
    expect(r.transactions).toEqual([]);
    expect(r.findings[0]).toMatchObject({ severity: "error", code: "X12_BAD_TAG", segment: 2 });
    expect(r.findings[0]!.message).toContain('"|" is used as the element separator, but the ISA declares "*"');
    expect(r.findings.at(-1)).toMatchObject({ code: "X12_MISSING_IEA", segment: 1 });
  });

  it("a letter where the segment terminator should be", () => {
    const r = read("malformed-bad-terminator.835");
    expect(codes(r.findings)).toEqual(["error:X12_BAD_SEGMENT_TERMINATOR@1"]);
    expect(r.transactions).toEqual([]);
  });

  it("truncated inside a claim", () => {
    const r = read("malformed-truncated.835");
    expect(codes(r.findings)).toEqual([
      "error:X12_TRUNCATED@11",
      "error:835_MISSING_ELEMENT@11",
      "error:X12_MISSING_SE@3",
      "error:X12_MISSING_GE@2",
      "error:X12_MISSING_IEA@1",
    ]);
  });

  it("amounts that do not balance and numbers that are not numbers", () => {
    const r = read("malformed-unbalanced.835");
    expect(codes(r.findings)).toEqual([
      "warning:X12_BAD_DATE@4",
      "error:835_LINE_BALANCE@10",
      "error:X12_BAD_NUMBER@12",
      "error:835_CLAIM_BALANCE@14",
      "error:835_TRANSACTION_BALANCE@16",
    ]);
    expect(r.findings[1]!.message).toBe(
      "Service line J9173 does not balance: charge 22500.00 − adjustments 4500.00 = 18000.00, but paid is 14000.00 (difference 4000.00).",
    );
    expect(r.findings[1]!.claim).toBe("GU01");
    expect(r.findings[3]!.message).toBe(
      "Claim GU02 does not balance: charge 300.00 − adjustments 90.00 (claim and lines) = 210.00, but paid is 200.00 (difference 10.00).",
    );
    expect(r.findings[4]!.message).toContain("BPR02 payment 500.00 ≠ claims paid 14200.00 − provider adjustments 0.00 = 14200.00");
  });

  it("segments out of place", () => {
    const r = read("malformed-out-of-place.835");
    expect(codes(r.findings)).toEqual([
      "error:835_OUT_OF_PLACE@6",
      "error:835_OUT_OF_PLACE@9",
      "error:835_OUT_OF_PLACE@12",
      "warning:835_UNEXPECTED@17",
      "error:835_TRANSACTION_BALANCE@18",
    ]);
  });

  it.each([
    ["", "X12_EMPTY"],
    ["   \n", "X12_EMPTY"],
    ["hello world", "X12_NO_ISA"],
    ["ISA*00*", "X12_ISA_TRUNCATED"],
    ["ISA1001", "X12_BAD_ELEMENT_SEPARATOR"],
  ])("input %j gives %s", (text, code) => {
    const r = parse835(text);
    expect(r.findings[0]!.code).toBe(code);
    expect(r.transactions).toEqual([]);
  });

  it("reads a file without ISA using guessed separators, and says so", () => {
    const full = readFileSync(path.join(DIR, "partial-payment.835"), "utf8");
    const r = parse835(full.slice(full.indexOf("GS*")));
    expect(r.findings[0]).toMatchObject({ code: "X12_NO_ISA", segment: 1 });
    expect(r.transactions[0]!.claims[0]!.balanced).toBe(true);
  });
});

describe("parse835: the issue's output shape", () => {
  it("serialises to exactly the documented keys (plus extra typed fields), amounts in dollars", () => {
    const r = read("denials.835");
    const json = JSON.parse(JSON.stringify(remittance835Json(r))) as Record<string, unknown>;
    const tx = (json.transactions as Record<string, unknown>[])[0]!;
    for (const key of ["paymentAmount", "paymentDate", "traceNumber", "payer", "payee", "claims", "providerAdjustments"]) expect(tx).toHaveProperty(key);
    expect(tx.payer).toHaveProperty("name");
    expect(tx.payer).toHaveProperty("id");
    expect(tx.payee).toHaveProperty("npi");
    const claim = (tx.claims as Record<string, unknown>[])[0]!;
    for (const key of ["patientControlNumber", "status", "chargeAmount", "paidAmount", "patientResponsibility", "payerClaimNumber", "adjustments", "remarks", "lines"]) {
      expect(claim).toHaveProperty(key);
    }
    const line = (claim.lines as Record<string, unknown>[])[0]!;
    for (const key of ["code", "modifiers", "chargeAmount", "paidAmount", "units", "adjustments", "remarks"]) expect(line).toHaveProperty(key);
    expect(claim.chargeAmount).toBe(r.transactions[0]!.claims[0]!.chargeCents / 100);
    expect(json.findings).toEqual([]);
  });
});

describe("parse835: one reader for the life of the process", () => {
  it("gives every file the result it gives when read first, whatever was read before it", () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith(".835"));
    const texts = files.map((f) => readFileSync(path.join(DIR, f), "utf8"));
    const alone = texts.map((t) => JSON.stringify(parse835(t)));
    // reversed, and each file after a different one (clean and malformed, other separators)
    for (let k = texts.length - 1; k >= 0; k--) {
      expect(JSON.stringify(parse835(texts[k]!)), files[k]).toBe(alone[k]);
      parse835(texts[(k + 3) % texts.length]!);
    }
  });

  it("keeps the payer's and payee's keys in the documented order", () => {
    const tx = read("paid-durvalumab.835").transactions[0]!;
    expect(Object.keys(tx.payer)).toEqual(["name", "id", "idQualifier", "idCode", "address", "references", "contacts"]);
    expect(Object.keys(tx.payee)).toEqual(["name", "npi", "tin", "idQualifier", "idCode", "address", "references", "contacts"]);
  });
});
