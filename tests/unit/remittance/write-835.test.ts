import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { assertBalanced, paymentTotal, write835, type Payment835 } from "@/db/seed/remit-835";
import { parse835 } from "@/server/domain/x12/parse-835";
import { x12Validate } from "../../helpers/x12-validate";

/** The 835 writer used by the demo data and the posting benchmark: valid X12, balanced, read back as written. */
const payment = (over: Partial<Payment835> = {}): Payment835 => ({
  payer: { name: "MEDICARE PART B WPS", id: "05299" },
  payee: { name: "LAKESIDE ONCOLOGY", npi: "1234567893", tin: "364512789" },
  traceNumber: "EFT20261002WPS1",
  paymentDate: "2026-10-02",
  method: "ACH",
  claims: [
    {
      claimNumber: "C0000001",
      status: "1",
      payerClaimNumber: "WPS26100001",
      patient: { lastName: "OLSON", firstName: "MARGARET", memberId: "1EG4TE5MK73" },
      lines: [
        { code: "J9173", modifiers: ["JZ"], chargeCents: 2_250_000, paidCents: 1_021_440, allowedCents: 1_276_800, units: 150, serviceDate: "2026-09-14", adjustments: [{ group: "CO", carc: "45", amountCents: 973_200 }, { group: "PR", carc: "2", amountCents: 255_360 }] },
        { code: "96413", chargeCents: 30_000, paidCents: 0, units: 1, serviceDate: "2026-09-14", adjustments: [{ group: "CO", carc: "97", amountCents: 30_000 }], remarks: ["M15"] },
      ],
    },
    {
      claimNumber: "C0000002",
      status: "19",
      payerClaimNumber: "WPS26100002",
      patient: { lastName: "NGUYEN", firstName: "THANH", memberId: "2EG4TE5MK73" },
      crossover: { name: "BADGER STATE MEDICAID", id: "BSMCD7" },
      remarks: ["MA18"],
      lines: [{ code: "96413", chargeCents: 30_000, paidCents: 13_200, allowedCents: 16_500, units: 1, serviceDate: "2026-09-15", adjustments: [{ group: "CO", carc: "45", amountCents: 13_500 }, { group: "PR", carc: "2", amountCents: 3_300 }] }],
    },
  ],
  providerAdjustments: [
    { reason: "WO", reference: "WPS26100077", amountCents: 25_000 },
    { reason: "L6", reference: "WPS26100001", amountCents: -1_234 },
  ],
  ...over,
});

describe("write835", () => {
  it("writes a payment that our reader balances: BPR02 = Σ paid − PLB, claims, crossover, remarks", () => {
    const p = payment();
    const r = parse835(write835([p], 9001, new Date("2026-10-02T15:00:00Z")));
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    const t = r.transactions[0]!;
    expect(t.traceNumber).toBe("EFT20261002WPS1");
    expect(paymentTotal(p)).toBe(1_021_440 + 13_200 - 25_000 + 1_234);
    expect(t.claims.map((c) => c.patientControlNumber)).toEqual(["C0000001", "C0000002"]);
    expect(t.providerAdjustments.map((a) => a.reason)).toEqual(["WO", "L6"]);
  });

  it("writes a reversal with every amount negated, so a reversal and its correction add up", () => {
    const p = payment({ providerAdjustments: [] });
    const reversal = { ...p, traceNumber: "EFT20261020WPS3", claims: [{ ...p.claims[0]!, status: "22" as const }, p.claims[0]!] };
    expect(paymentTotal(reversal)).toBe(0);
    const r = parse835(write835([reversal], 9002, new Date("2026-10-20T15:00:00Z")));
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("refuses a line that does not balance", () => {
    const c = payment().claims[0]!;
    expect(() => assertBalanced({ ...c, lines: [{ ...c.lines[0]!, paidCents: 1 }] })).toThrow(/C0000001 line 1 does not balance/);
  });

  it("passes the independent X12 validator", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "write835-"));
    const file = path.join(dir, "demo.835");
    writeFileSync(file, write835([payment(), payment({ traceNumber: "EFT20261003WPS2", method: "CHK", providerAdjustments: [] })], 9003, new Date("2026-10-03T15:00:00Z")), "latin1");
    const v = x12Validate([file]);
    expect(v.ok, v.output).toBe(true);
  }, 300_000);
});
