import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Claim837 } from "@/server/domain/x12/claim-837";
import { write837 } from "@/server/domain/x12/write-837";
import { x12Validate } from "../../helpers/x12-validate";
import { example2Claim, example2Envelope, institutionalClaim } from "./claim-examples";

/**
 * The secondary claim after Medicare paid the primary (claim-rules Example 2 lines: J9173-JZ ×150
 * $22,500 and 96413 $300): the drug line allowed $18,000 (CO-45 $4,500), paid 80 % = $14,400 with
 * $3,600 coinsurance (PR-2); the administration line allowed $120 (CO-45 $180), paid $96, PR-2 $24.
 * Paid $14,496 + adjustments $8,304 = charge $22,800.
 */
function secondary(base: () => Claim837 = example2Claim): Claim837 {
  const c = base();
  c.payer = { ...c.payer, name: "SUMMIT HEALTH PLAN", id: "SHP01", responsibility: "S", claimFilingIndicator: "CI" };
  c.claim.patientControlNumber = "GC02S";
  c.claim.otherPayers = [
    {
      responsibility: "P",
      relationship: "18",
      claimFilingIndicator: "MB",
      subscriber: { lastName: "RIVERS", firstName: "ALMA", memberId: "1EG4TE5MK73" },
      payer: { name: "MEDICARE PART B", id: "04412" },
      paidCents: 1_449_600,
      claimAdjustments: [],
      remainingPatientLiabilityCents: 362_400,
      payerClaimControlNumber: "WPS26100100001",
      adjudicationDate: "2026-10-01",
    },
  ];
  const adj = (paid: number, co: number, pr: number, code: string, mods: string[], units: number) => ({
    payerId: "04412",
    paidCents: paid,
    code,
    modifiers: mods,
    units,
    adjustments: [
      { group: "CO" as const, reason: "45", amountCents: co },
      { group: "PR" as const, reason: "2", amountCents: pr },
    ],
    adjudicationDate: "2026-10-01",
  });
  c.claim.lines = [
    { ...c.claim.lines[0]!, adjudications: [adj(1_440_000, 450_000, 360_000, "J9173", ["JZ"], 150)] },
    { ...c.claim.lines[1]!, adjudications: [adj(9_600, 18_000, 2_400, "96413", [], 1)] },
  ];
  return c;
}

const segmentsOf = (x12: string) => x12.split("~").filter(Boolean);

describe("write837 with COB loops (secondary claim)", () => {
  it("writes SBR*S, then 2320 / 2330A / 2330B after the claim's providers and 2430 after each line", () => {
    const segs = segmentsOf(write837(secondary(), example2Envelope()));
    expect(segs.filter((s) => s.startsWith("SBR"))).toEqual(["SBR*S*18*GRP5521******CI", "SBR*P*18*******MB"]);
    const at = segs.indexOf("SBR*P*18*******MB");
    expect(segs.slice(at, at + 7)).toEqual([
      "SBR*P*18*******MB",
      "AMT*D*14496",
      "AMT*EAF*3624",
      "OI***Y*P**Y",
      "NM1*IL*1*RIVERS*ALMA****MI*1EG4TE5MK73",
      "NM1*PR*2*MEDICARE PART B*****PI*04412",
      "REF*F8*WPS26100100001",
    ]);
    // before the first line
    expect(at).toBeLessThan(segs.indexOf("LX*1"));
    const line1 = segs.slice(segs.indexOf("LX*1"), segs.indexOf("LX*2"));
    expect(line1).toContain("SVD*04412*14400*HC:J9173:JZ**150");
    expect(line1.slice(line1.indexOf("SVD*04412*14400*HC:J9173:JZ**150"))).toEqual(["SVD*04412*14400*HC:J9173:JZ**150", "CAS*CO*45*4500", "CAS*PR*2*3600", "DTP*573*D8*20261001"]);
    const line2 = segs.slice(segs.indexOf("LX*2"), segs.findIndex((s) => s.startsWith("SE*")));
    expect(line2.slice(-4)).toEqual(["SVD*04412*96*HC:96413**1", "CAS*CO*45*180", "CAS*PR*2*24", "DTP*573*D8*20261001"]);
    // no adjudication date in 2330B when the lines carry it
    expect(segs.filter((s) => s.startsWith("DTP*573"))).toHaveLength(2);
  });

  it("groups several reasons of one group into one CAS (up to six), and a seventh starts another", () => {
    const c = secondary();
    const l = c.claim.lines[1]!.adjudications![0]!;
    // $180 contractual split over seven CO reasons, the $24 still PR-2
    l.adjustments = [...[45, 253, 59, 97, 94, 131, 16].map((r, i) => ({ group: "CO" as const, reason: String(r), amountCents: i === 0 ? 12_000 : 1_000 })), { group: "PR" as const, reason: "2", amountCents: 2_400 }];
    const segs = segmentsOf(write837(c, example2Envelope()));
    expect(segs.filter((s) => s.startsWith("CAS*") && segs.indexOf(s) > segs.indexOf("LX*2"))).toEqual([
      "CAS*CO*45*120**253*10**59*10**97*10**94*10**131*10",
      "CAS*CO*16*10",
      "CAS*PR*2*24",
    ]);
  });

  it("writes claim-level adjustments in 2320 and the adjudication date in 2330B when the payer adjudicated the claim as a whole", () => {
    const c = secondary();
    c.claim.lines = c.claim.lines.map((l) => ({ ...l, adjudications: [] }));
    c.claim.otherPayers![0]!.claimAdjustments = [
      { group: "CO", reason: "45", amountCents: 468_000 },
      { group: "PR", reason: "2", amountCents: 362_400 },
    ];
    const segs = segmentsOf(write837(c, example2Envelope()));
    const at = segs.indexOf("SBR*P*18*******MB");
    expect(segs.slice(at, at + 3)).toEqual(["SBR*P*18*******MB", "CAS*CO*45*4680", "CAS*PR*2*3624"]);
    expect(segs).toContain("DTP*573*D8*20261001");
    expect(segs.some((s) => s.startsWith("SVD"))).toBe(false);
  });

  it("refuses COB arithmetic that does not balance, naming the field", () => {
    const c = secondary();
    // a cent of contractual adjustment moved from the drug line to the administration line: the claim still balances, the lines do not
    c.claim.lines[0]!.adjudications![0]!.adjustments[0]!.amountCents -= 1;
    c.claim.lines[1]!.adjudications![0]!.adjustments[0]!.amountCents += 1;
    expect(() => write837(c, example2Envelope())).toThrow(expect.objectContaining({ code: "X12_COB_BALANCE", field: "claim.lines.0.adjudications.0.adjustments" }));
    const d = secondary();
    d.claim.otherPayers![0]!.paidCents = 1_449_500;
    expect(() => write837(d, example2Envelope())).toThrow(expect.objectContaining({ code: "X12_COB_BALANCE", field: "claim.otherPayers.0.paidCents" }));
    const e = secondary();
    e.claim.lines[1]!.adjudications![0]!.payerId = "99999";
    expect(() => write837(e, example2Envelope())).toThrow(expect.objectContaining({ code: "X12_COB_PAYER" }));
    const p = secondary();
    p.payer.responsibility = "P";
    expect(() => write837(p, example2Envelope())).toThrow(expect.objectContaining({ code: "X12_COB_RESPONSIBILITY", field: "payer.responsibility" }));
    const g = secondary();
    g.claim.otherPayers![0]!.claimAdjustments = [{ group: "XX" as never, reason: "45", amountCents: 0 }];
    expect(() => write837(g, example2Envelope())).toThrow(expect.objectContaining({ code: "X12_CAS_GROUP" }));
  });

  it("every COB file passes x12-validate (837P line-level, 837P claim-level, 837I)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "write837-cob-"));
    try {
      const claimLevel = secondary();
      claimLevel.claim.lines = claimLevel.claim.lines.map((l) => ({ ...l, adjudications: [] }));
      claimLevel.claim.otherPayers![0]!.claimAdjustments = [
        { group: "CO", reason: "45", amountCents: 468_000 },
        { group: "PR", reason: "2", amountCents: 362_400 },
      ];
      const files = [
        ["secondary-837p.837", secondary()],
        ["secondary-837p-claim-level.837", claimLevel],
        ["secondary-837i.837", secondary(institutionalClaim)],
      ].map(([name, claim]) => {
        const out = path.join(dir, name as string);
        writeFileSync(out, write837(claim as Claim837, example2Envelope()));
        return out;
      });
      const v = x12Validate(files);
      expect(v.ok, v.output).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
