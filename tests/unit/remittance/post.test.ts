import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planRemittance } from "@/server/domain/remittance/post";
import type { ClaimPaymentPlan, ClaimSnapshot } from "@/server/domain/remittance/types";
import { parse835 } from "@/server/domain/x12/parse-835";
import { claimSnapshot, denialIndex, lookupOf, paidBefore, read835 } from "./helpers";

function plan(file: string, claims: ClaimSnapshot[]) {
  return planRemittance(read835(file), lookupOf(claims), denialIndex);
}
const byNumber = (p: ReturnType<typeof plan>, n: string) => p.payments.flatMap((x) => x.claimPayments).filter((c) => c.patientControlNumber === n);
const one = (p: ReturnType<typeof plan>, n: string): ClaimPaymentPlan => {
  const list = byNumber(p, n);
  expect(list).toHaveLength(1);
  return list[0]!;
};

describe("paid claims", () => {
  const p = plan("paid.835", [claimSnapshot("RM1001"), claimSnapshot("RM1002")]);
  it("posts each CLP to its claim and each SVC to its line, with the payment's trace and payer", () => {
    expect(p.blockedReason).toBeNull();
    expect(p.payments[0]).toMatchObject({ amountCents: 3436000, traceNumber: "EFT20261002PAID", payerName: "SUMMIT HEALTH PLAN", payerId: "SHP01", postable: true, paymentDate: "2026-10-02" });
    const c = one(p, "RM1001");
    expect(c).toMatchObject({ disposition: "post", claimId: "claim-RM1001", matchedBy: "claim_number", outcome: "paid", payerClaimNumber: "SHP26100200001", reason: null });
    expect(c.lines.map((l) => l.claimLineId)).toEqual(["RM1001-L1", "RM1001-L2"]);
    expect(c.totals).toMatchObject({ chargeCents: 2280000, paidCents: 1820000, contractualCents: 460000, patientCents: 0, deniedCents: 0, allowedCents: 1820000 });
    expect(c.denials).toEqual([]);
  });
  it("splits patient responsibility into deductible, coinsurance and copay", () => {
    const c = one(p, "RM1002");
    expect(c.totals).toMatchObject({ paidCents: 1616000, patientCents: 204000, deductibleCents: 50000, coinsuranceCents: 150000, copayCents: 4000, contractualCents: 460000 });
    expect(c.totals.chargeCents).toBe(c.totals.paidCents + c.totals.contractualCents + c.totals.patientCents + c.totals.deniedCents);
    expect(c.notes).toEqual([]);
  });
});

describe("partial payments and denials", () => {
  it("a unit cut (CO-151) is a partial payment with a units denial of the cut amount; the line still matches on its submitted units (SVC07)", () => {
    const p = plan("partial.835", [claimSnapshot("RM1003"), claimSnapshot("RM1004")]);
    const c = one(p, "RM1003");
    expect(c).toMatchObject({ disposition: "post", outcome: "partially_paid" });
    expect(c.lines[0]).toMatchObject({ claimLineId: "RM1003-L1", units: 140, submittedUnits: 150 });
    expect(c.totals.deniedCents).toBe(150000);
    expect(c.denials).toEqual([expect.objectContaining({ category: "units", action: "appeal", amountCents: 150000 })]);
    expect(c.denials[0]!.parts[0]).toMatchObject({ line: 1, claimLineId: "RM1003-L1", procedure: "J9173", group: "CO", carc: "151", rarcs: ["N362"] });
  });
  it("a drug line denied for its NDC next to a paid administration line is partially paid", () => {
    const p = plan("partial.835", [claimSnapshot("RM1003"), claimSnapshot("RM1004")]);
    const c = one(p, "RM1004");
    expect(c).toMatchObject({ outcome: "partially_paid" });
    expect(c.denials).toEqual([expect.objectContaining({ category: "ndc-coding", action: "corrected_claim", amountCents: 2250000 })]);
  });
  it("denied claims keep the denied amount open (nothing written off) and open one work item per category", () => {
    const p = plan("denied.835", [claimSnapshot("RM1005"), claimSnapshot("RM1006")]);
    const auth = one(p, "RM1005");
    expect(auth).toMatchObject({ disposition: "post", outcome: "denied" });
    expect(auth.totals).toMatchObject({ paidCents: 0, deniedCents: 2280000, contractualCents: 0 });
    expect(auth.denials).toHaveLength(1);
    expect(auth.denials[0]).toMatchObject({ category: "authorization", action: "retro_auth", amountCents: 2280000 });
    expect(auth.denials[0]!.parts.map((x) => `${x.procedure} ${x.group}-${x.carc} ${x.amountCents}`)).toEqual(["J9173 CO-197 2250000", "96413 CO-197 30000"]);
    expect(one(p, "RM1006").denials[0]).toMatchObject({ category: "medical-necessity", action: "appeal" });
  });
});

describe("reversals and corrections", () => {
  const posted = paidBefore(claimSnapshot("RM1001"), "SHP26100200001", 1820000);
  it("a reversal takes back the payment with its payer claim number, and the correction then posts", () => {
    const p = plan("reversal-correction.835", [posted]);
    const [rev, cor] = byNumber(p, "RM1001");
    expect(rev).toMatchObject({ disposition: "post", isReversal: true, outcome: "reversed", reversesPaymentId: "payment-SHP26100200001" });
    expect(rev!.totals).toMatchObject({ paidCents: -1820000, chargeCents: -2280000 });
    expect(rev!.lines.map((l) => l.claimLineId)).toEqual(["RM1001-L1", "RM1001-L2"]);
    expect(rev!.denials).toEqual([]);
    expect(cor).toMatchObject({ disposition: "post", isReversal: false, outcome: "paid", payerClaimNumber: "SHP26101000101", originalPayerClaimNumber: "SHP26100200001" });
    expect(cor!.totals.paidCents).toBe(1860000);
  });
  it("a reversal whose payment was never posted goes to the unmatched queue with the reason", () => {
    const p = plan("reversal-correction.835", [claimSnapshot("RM1001")]);
    const [rev, cor] = byNumber(p, "RM1001");
    expect(rev).toMatchObject({ disposition: "unmatched" });
    expect(rev!.reason).toContain("no payment posted to that claim has that payer claim number");
    // the correction alone is a first payment of the claim
    expect(cor).toMatchObject({ disposition: "post" });
  });
  it("a second payment of lines already paid, without a reversal, is held instead of counted twice", () => {
    const p = plan("paid.835", [paidBefore(claimSnapshot("RM1001"), "SHP26100200001", 1820000), claimSnapshot("RM1002")]);
    const c = one(p, "RM1001");
    expect(c).toMatchObject({ disposition: "held" });
    expect(c.reason).toContain("already has a payment posted");
    expect(one(p, "RM1002").disposition).toBe("post");
  });
  it("a payment, its reversal and the correction in one run post in order (the reversal finds the payment planned before it)", () => {
    const paid = read835("paid.835");
    const rev = read835("reversal-correction.835");
    const both = { transactions: [...paid.transactions, ...rev.transactions], findings: [], interchanges: [] };
    const p = planRemittance(both, lookupOf([claimSnapshot("RM1001"), claimSnapshot("RM1002")]), denialIndex);
    const list = byNumber(p, "RM1001");
    expect(list.map((c) => `${c.disposition}/${c.outcome}`)).toEqual(["post/paid", "post/reversed", "post/paid"]);
    expect(list[1]!.reversesPaymentId).toBe("planned:0:0");
  });
  it("a reversal of a different amount than was posted is held", () => {
    const p = plan("reversal-correction.835", [paidBefore(claimSnapshot("RM1001"), "SHP26100200001", 1800000)]);
    expect(byNumber(p, "RM1001")[0]).toMatchObject({ disposition: "held", reason: expect.stringContaining("takes back $18,200.00") });
  });
});

describe("split claims, changed codes, modifiers not echoed", () => {
  it("a claim split into two CLP loops posts both, each to its own line", () => {
    const p = plan("split-claim.835", [claimSnapshot("RM1013")]);
    const [a, b] = byNumber(p, "RM1013");
    expect(a).toMatchObject({ disposition: "post", payerClaimNumber: "SHP26101400013" });
    expect(b).toMatchObject({ disposition: "post", payerClaimNumber: "SHP26101400014" });
    expect(a!.lines.map((l) => l.claimLineId)).toEqual(["RM1013-L1"]);
    expect(b!.lines.map((l) => l.claimLineId)).toEqual(["RM1013-L2"]);
    expect(a!.totals.paidCents + b!.totals.paidCents).toBe(1820000);
  });
  it("matches the line by SVC06 when the payer changed the code, and when the payer dropped the modifier", () => {
    const p = plan("changed-code-and-modifier.835", [claimSnapshot("RM1014"), claimSnapshot("RM1015")]);
    const changed = one(p, "RM1014");
    expect(changed.lines[0]).toMatchObject({ code: "J9999", submittedCode: "J9173", claimLineId: "RM1014-L1" });
    const noMod = one(p, "RM1015");
    expect(noMod.lines[0]).toMatchObject({ code: "J9173", modifiers: [], claimLineId: "RM1015-L1" });
  });
  it("prefers the line whose modifiers, units and charge agree among lines of the same code", () => {
    const claim = claimSnapshot("RM1015", {
      lines: [
        { id: "W", lineNumber: 1, procedureCode: "J9173", modifiers: ["JW"], units: 2, serviceDate: "2026-09-14", chargeCents: 30000, activePostings: 0 },
        { id: "Z", lineNumber: 2, procedureCode: "J9173", modifiers: ["JZ"], units: 150, serviceDate: "2026-09-14", chargeCents: 2250000, activePostings: 0 },
        { id: "A", lineNumber: 3, procedureCode: "96413", modifiers: [], units: 1, serviceDate: "2026-09-14", chargeCents: 30000, activePostings: 0 },
      ],
    });
    const p = plan("changed-code-and-modifier.835", [claimSnapshot("RM1014"), claim]);
    expect(one(p, "RM1015").lines.map((l) => l.claimLineId)).toEqual(["Z", "A"]);
  });
});

describe("provider-level adjustments and forwarded claims", () => {
  it("keeps PLB amounts on the payment with the reason in words, and links a recovery to the claim it names", () => {
    const p = plan("plb.835", [claimSnapshot("RM1007"), paidBefore(claimSnapshot("RM1002"), "SHP26100200002", 1616000)]);
    expect(p.payments[0]!.amountCents).toBe(1796234);
    expect(p.payments[0]!.providerAdjustments).toEqual([
      { reason: "WO", reasonText: "Overpayment recovery", reference: "SHP26100200002", amountCents: 25000, fiscalPeriodDate: "2026-12-31", claimId: "claim-RM1002" },
      { reason: "L6", reasonText: "Interest owed", reference: null, amountCents: -1234, fiscalPeriodDate: "2026-12-31", claimId: null },
    ]);
    expect(one(p, "RM1007").disposition).toBe("post");
  });
  it("recognises a claim the primary forwarded to the supplemental payer (CLP02 19, NM1*TT, MOA MA18)", () => {
    const mcr = { payerIds: ["04412"], dos: "2026-02-10" };
    const p = plan("medicare-forwarded.835", [claimSnapshot("RM1008", mcr), claimSnapshot("RM1016", { ...mcr, dos: "2026-02-11", lineOver: [{}, {}] })]);
    const c = one(p, "RM1008");
    expect(c).toMatchObject({ disposition: "post", statusCode: "19", outcome: "paid", forwardedTo: { name: "MEDIGAP PLAN OF TENNESSEE", id: "MGTN01" } });
    expect(c.totals).toMatchObject({ paidCents: 1026295, coinsuranceCents: 261810, patientCents: 261810, contractualCents: 991895, allowedCents: 1309050 });
    expect(one(p, "RM1016").forwardedTo).toBeNull();
  });
});

describe("unmatched and held, with the reason in words", () => {
  const p = plan("unmatched.835", [claimSnapshot("RM1009"), claimSnapshot("RM1010")]);
  it("an unknown claim number", () => {
    expect(one(p, "RM9999")).toMatchObject({
      disposition: "unmatched",
      claimId: null,
      reason: "No claim of the practice has claim number RM9999 or payer claim number SHP26101200999.",
    });
  });
  it("a service line the claim does not have holds the whole claim payment, naming the claim's lines", () => {
    const c = one(p, "RM1009");
    expect(c.disposition).toBe("unmatched");
    expect(c.claimId).toBe("claim-RM1009");
    expect(c.lines[0]!.claimLineId).toBe("RM1009-L1");
    expect(c.lines[1]!.claimLineId).toBeNull();
    expect(c.lines[1]!.unmatchedReason).toBe(
      "No line of claim RM1009 has procedure 96415. The claim has line 1 J9173-JZ ×150 on 09/14/2026 ($22,500.00); line 2 96413 ×1 on 09/14/2026 ($300.00).",
    );
    expect(c.reason).toContain("Service line 2 (96415 ×1 on 09/14/2026)");
  });
  it("a date of service that differs from the claim's", () => {
    const c = one(p, "RM1010");
    expect(c.disposition).toBe("unmatched");
    expect(c.reason).toContain("The payer dated J9173-JZ ×150 on 09/15/2026, but claim RM1010 has it on 09/14/2026.");
  });
  it("a claim that was never sent cannot take a payment", () => {
    const q = plan("unmatched.835", [claimSnapshot("RM1009", { status: "draft", notPostableReason: "it is still a draft and was never sent to a payer." }), claimSnapshot("RM1010")]);
    expect(one(q, "RM1009")).toMatchObject({ disposition: "unmatched", reason: "Claim RM1009: it is still a draft and was never sent to a payer." });
  });
  it("an unbalanced claim is held with the reader's arithmetic; the balanced one next to it posts", () => {
    const q = plan("unbalanced-claim.835", [claimSnapshot("RM1011"), claimSnapshot("RM1012")]);
    const held = one(q, "RM1011");
    expect(held).toMatchObject({ disposition: "held" });
    expect(held.reason).toContain("does not balance: charge 22500.00 − adjustments 4000.00 = 18500.00, but paid is 18000.00");
    expect(one(q, "RM1012").disposition).toBe("post");
  });
  it("a payment that does not balance posts nothing", () => {
    const q = plan("unbalanced-payment.835", [claimSnapshot("RM1012")]);
    expect(q.blockedReason).toContain("does not balance");
    expect(q.payments[0]!.postable).toBe(false);
    expect(one(q, "RM1012").disposition).toBe("held");
  });
  it("two claims with the same number are told apart by payer position, else left for a biller", () => {
    const primary = claimSnapshot("RM1012");
    const secondary = { ...claimSnapshot("RM1012"), id: "claim-RM1012-sec", payerSequence: "secondary" as const, payerIds: ["OTHER"] };
    expect(one(plan("unbalanced-claim.835", [claimSnapshot("RM1011"), primary, secondary]), "RM1012").claimId).toBe("claim-RM1012");
    const twin = { ...claimSnapshot("RM1012"), id: "claim-RM1012-twin" };
    const c = one(plan("unbalanced-claim.835", [claimSnapshot("RM1011"), primary, twin]), "RM1012");
    expect(c).toMatchObject({ disposition: "unmatched", reason: expect.stringContaining("fits 2 claims") });
  });
  it("a file the reader cannot make sense of posts nothing and says why", () => {
    const q = planRemittance(parse835("ISA*00*garbage"), lookupOf([]), denialIndex);
    expect(q.payments).toEqual([]);
    expect(q.blockedReason).toContain("no readable 835 payment");
  });
});

describe("balancing (property)", () => {
  it("for any balanced claim payment: charge = paid + contractual + patient + denied, per claim and summed over lines", () => {
    const adj = fc.record({ group: fc.constantFrom("CO", "PR", "OA"), carc: fc.constantFrom("45", "1", "2", "3", "197", "16", "253", "50", "133"), cents: fc.integer({ min: 1, max: 500000 }) });
    const lineArb = fc.record({ paid: fc.integer({ min: 0, max: 2000000 }), adjs: fc.array(adj, { minLength: 0, maxLength: 4 }) });
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 4 }), (lines) => {
        const m = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`;
        const svcs: string[] = [];
        let charge = 0;
        let paid = 0;
        lines.forEach((l) => {
          const lc = l.paid + l.adjs.reduce((s, a) => s + a.cents, 0);
          charge += lc;
          paid += l.paid;
          svcs.push(`SVC*HC:J9173*${m(lc)}*${m(l.paid)}**1`, "DTM*472*20260914");
          for (const a of l.adjs) svcs.push(`CAS*${a.group}*${a.carc}*${m(a.cents)}`);
        });
        const body = [
          "ST*835*0001",
          `BPR*I*${m(paid)}*C*CHK************20261002`,
          "TRN*1*T1*1620123456",
          "N1*PR*P",
          "N1*PE*Q*XX*1234567893",
          "LX*1",
          `CLP*X1*1*${m(charge)}*${m(paid)}**12*PCN*11*1`,
          ...svcs,
        ];
        const text = ["ISA*00*          *00*          *ZZ*A              *ZZ*B              *261002*0800*^*00501*000000001*0*T*:", "GS*HP*A*B*20261002*0800*1*X*005010X221A1", ...body, `SE*${body.length + 1}*0001`, "GE*1*1", "IEA*1*000000001"].join("~") + "~";
        const claim = claimSnapshot("X1", { lines: lines.map((_, i) => ({ id: `l${i}`, lineNumber: i + 1, procedureCode: "J9173", modifiers: [], units: 1, serviceDate: "2026-09-14", chargeCents: 0, activePostings: 0 })) });
        const p = planRemittance(parse835(text), lookupOf([claim]), denialIndex);
        const c = p.payments[0]!.claimPayments[0]!;
        const t = c.totals;
        expect(c.disposition).toBe("post");
        expect(t.chargeCents).toBe(charge);
        expect(t.paidCents + t.contractualCents + t.patientCents + t.deniedCents).toBe(t.chargeCents);
        expect(t.deductibleCents + t.coinsuranceCents + t.copayCents).toBeLessThanOrEqual(t.patientCents);
        expect(c.denials.reduce((s, d) => s + d.amountCents, 0)).toBe(
          c.lines.flatMap((l) => l.adjustments).filter((a) => a.kind === "denial").reduce((s, a) => s + a.amountCents, 0),
        );
      }),
      { numRuns: 150 },
    );
  });
});
