import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { referenceSeed } from "@/db/seed/reference";
import { validateReferenceData, type ReferenceData } from "@/server/domain/billing/reference";
import { DENIAL_ACTIONS, DENIAL_CATEGORIES } from "@/server/domain/denials/codes";
import { classifyAdjustment, findDenials, indexDenialRules } from "@/server/domain/denials/classify";
import type { TDenialRuleRow } from "@/server/domain/denials/rules";
import { parse835 } from "@/server/domain/x12/parse-835";

const root = path.resolve(import.meta.dirname, "../../..");
const fixture = (name: string) => path.join(root, "tests/fixtures/x12/835/remit", name);

function seed(): ReferenceData {
  const v = validateReferenceData(referenceSeed);
  if (!v.ok) throw new Error(JSON.stringify(v.errors.slice(0, 3)));
  return v.data;
}
const ref = seed();
const index = indexDenialRules(ref.denialRules, ref.adjustmentCodes);

describe("CARC/RARC → category and action (the seed denial rules)", () => {
  // [group, CARC, RARCs, category, action]
  const table: [string, string, string[], string, string][] = [
    ["CO", "197", ["N210"], "authorization", "retro_auth"],
    ["CO", "197", [], "authorization", "retro_auth"],
    ["CO", "198", [], "authorization", "retro_auth"],
    ["CO", "15", [], "authorization", "corrected_claim"],
    ["CO", "284", [], "authorization", "corrected_claim"],
    ["CO", "296", [], "authorization", "corrected_claim"],
    ["CO", "16", ["N54"], "authorization", "corrected_claim"],
    ["CO", "16", ["M119"], "ndc-coding", "corrected_claim"],
    ["CO", "16", ["M123"], "ndc-coding", "corrected_claim"],
    ["CO", "16", ["N657"], "ndc-coding", "corrected_claim"],
    ["CO", "181", [], "ndc-coding", "corrected_claim"],
    ["CO", "4", [], "modifier", "corrected_claim"],
    ["CO", "16", ["N822"], "modifier", "corrected_claim"],
    ["CO", "182", [], "modifier", "corrected_claim"],
    ["CO", "50", ["N115"], "medical-necessity", "appeal"],
    ["CO", "50", [], "medical-necessity", "appeal"],
    ["CO", "11", [], "medical-necessity", "appeal"],
    ["CO", "96", ["N115"], "medical-necessity", "appeal"],
    ["CO", "16", ["M76"], "medical-necessity", "corrected_claim"],
    ["CO", "96", ["N130"], "eligibility", "eligibility_check"],
    ["PR", "204", [], "eligibility", "eligibility_check"],
    ["CO", "27", [], "eligibility", "eligibility_check"],
    ["CO", "31", [], "eligibility", "eligibility_check"],
    ["OA", "22", [], "eligibility", "eligibility_check"],
    ["CO", "109", [], "eligibility", "eligibility_check"],
    ["CO", "29", ["N211"], "timely-filing", "write_off"],
    ["OA", "18", ["N522"], "duplicate", "review"],
    ["CO", "18", [], "duplicate", "review"],
    ["CO", "151", ["N362"], "units", "appeal"],
    ["CO", "222", ["N362"], "units", "appeal"],
    ["CO", "16", ["M53"], "units", "corrected_claim"],
    ["CO", "16", ["MA130"], "missing-information", "corrected_claim"],
    ["CO", "16", [], "missing-information", "corrected_claim"],
    ["CO", "252", [], "missing-information", "corrected_claim"],
    ["CO", "226", [], "missing-information", "appeal"],
    ["CO", "16", ["N4"], "missing-information", "corrected_claim"],
    ["CO", "97", [], "bundling", "review"],
    ["CO", "236", [], "bundling", "review"],
    ["CO", "A1", [], "other", "review"],
    ["CO", "24", [], "other", "write_off"],
  ];
  it.each(table)("%s-%s %j → %s / %s", (group, carc, rarcs, category, action) => {
    const c = classifyAdjustment(index, { group, carc, rarcs });
    expect(c.kind).toBe("denial");
    expect(c.category).toBe(category);
    expect(c.action).toBe(action);
    expect(c.explanation).toContain(`${group}-${carc} `);
    for (const r of rarcs) expect(c.explanation).toContain(r);
  });

  it.each([
    ["PR", "1"],
    ["PR", "2"],
    ["PR", "3"],
    ["CO", "45"],
    ["PR", "45"],
    ["CO", "253"],
    ["OA", "23"],
    ["CO", "94"],
    ["CO", "42"],
  ])("%s-%s is a posting adjustment, not a denial", (group, carc) => {
    const c = classifyAdjustment(index, { group, carc, rarcs: ["MA01"] });
    expect(c).toMatchObject({ kind: "posting", category: null, action: null });
  });

  it("an unknown reason code is a denial to review, named in the explanation, never swallowed", () => {
    const c = classifyAdjustment(index, { group: "CO", carc: "133", rarcs: ["ZZ99"] });
    expect(c).toMatchObject({ kind: "denial", category: "other", action: "review", rule: null });
    expect(c.explanation).toContain("CO-133 (this reason code is not in the CARC list");
    expect(c.explanation).toContain("ZZ99 (this remark code is not in the RARC list");
  });

  it("every category and every action of the CLI contract is reachable from the reference rules", () => {
    const cats = new Set(ref.denialRules.map((r) => r.category).filter(Boolean));
    const acts = new Set(ref.denialRules.map((r) => r.action).filter(Boolean));
    expect([...DENIAL_CATEGORIES].filter((c) => !cats.has(c))).toEqual([]);
    expect([...DENIAL_ACTIONS].filter((a) => !acts.has(a))).toEqual([]);
  });

  it("every rule's CARC and RARC read in words from the CARC/RARC table", () => {
    for (const r of ref.denialRules) {
      expect(index.carcText.has(r.carc), `CARC ${r.carc}`).toBe(true);
      if (r.rarc) expect(index.rarcText.has(r.rarc), `RARC ${r.rarc}`).toBe(true);
    }
  });
});

describe("choosing among rules", () => {
  const rule = (over: Partial<TDenialRuleRow>): TDenialRuleRow => ({
    carc: "16",
    group: null,
    rarc: null,
    kind: "denial",
    category: "missing-information",
    action: "corrected_claim",
    explanation: "generic",
    source: "test",
    ...over,
  });
  const rules = [
    rule({}),
    rule({ group: "PR", category: "eligibility", action: "eligibility_check", explanation: "PR group" }),
    rule({ rarc: "M119", category: "ndc-coding", explanation: "NDC" }),
    rule({ group: "PR", rarc: "M119", category: "other", action: "review", explanation: "PR + NDC" }),
  ];
  const idx = indexDenialRules(rules, []);
  it.each([
    ["CO", [], "generic"],
    ["PR", [], "PR group"],
    ["CO", ["M119"], "NDC"],
    ["PR", ["N210", "M119"], "PR + NDC"],
    ["OA", ["N210"], "generic"],
  ])("%s with %j uses the rule '%s' (a RARC counts more than a group)", (group, rarcs, expected) => {
    expect(classifyAdjustment(idx, { group: group as string, carc: "16", rarcs: rarcs as string[] }).rule?.explanation).toBe(expected);
  });
});

describe("reference validation of denial rules", () => {
  const base = seed();
  const withRules = (rows: unknown[]) => validateReferenceData({ ...base, denialRules: rows });
  const good = base.denialRules[0]!;
  it("refuses a denial without category or action, a posting row with one, and repeated keys", () => {
    const v = withRules([
      { ...good, carc: "50", kind: "denial", category: null, action: "appeal" },
      { ...good, carc: "45", kind: "posting", category: "other", action: null },
    ]);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ table: "denialRules", row: 0, field: "category" }),
          expect.objectContaining({ table: "denialRules", row: 1, field: "category" }),
        ]),
      );
    }
    const dup = withRules([good, { ...good }]);
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.errors[0]).toMatchObject({ table: "denialRules", row: 1, message: expect.stringContaining("same CARC") });
  });
  it("refuses codes the CARC/RARC table does not describe", () => {
    const v = withRules([{ ...good, carc: "999" }, { ...good, carc: "16", rarc: "N999" }]);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.errors.map((e) => [e.row, e.field])).toEqual([
        [0, "carc"],
        [1, "rarc"],
      ]);
    }
  });
});

describe("denials in a remittance", () => {
  const text = readFileSync(fixture("denials-every-category.835"), "latin1");
  const denials = findDenials(parse835(text), index);

  it("finds each denial adjustment at line or claim level, with its position and the remark codes that apply", () => {
    expect(denials.map((d) => `${d.claim}/${d.line ?? "-"}/${d.group}-${d.carc}/${d.category}/${d.action}`)).toEqual([
      "RD01/1/CO-197/authorization/retro_auth",
      "RD01/2/CO-197/authorization/retro_auth",
      "RD02/1/CO-16/ndc-coding/corrected_claim",
      "RD03/1/CO-4/modifier/corrected_claim",
      "RD04/1/CO-50/medical-necessity/appeal",
      "RD04/2/CO-50/medical-necessity/appeal",
      "RD05/1/CO-27/eligibility/eligibility_check",
      "RD05/2/CO-27/eligibility/eligibility_check",
      "RD06/1/CO-29/timely-filing/write_off",
      "RD06/2/CO-29/timely-filing/write_off",
      "RD07/1/OA-18/duplicate/review",
      "RD07/2/OA-18/duplicate/review",
      "RD08/1/CO-151/units/appeal",
      "RD09/-/CO-16/missing-information/corrected_claim",
      "RD10/2/CO-97/bundling/review",
      "RD11/1/CO-A1/other/review",
      "RD11/2/CO-133/other/review",
    ]);
  });
  it("takes the amounts of the denial only (CO-45 next to CO-151 is posting), and the claim's MOA remark on a claim-level denial", () => {
    expect(denials.find((d) => d.claim === "RD08")).toMatchObject({ amount: 1500, procedure: "J9173", rarcs: ["N362"] });
    const claimLevel = denials.find((d) => d.claim === "RD09")!;
    expect(claimLevel).toMatchObject({ line: null, amount: 22800, rarcs: ["MA130"] });
    expect("procedure" in claimLevel).toBe(false);
  });
  it("leaves out paid claims with only posting adjustments and reversals (CLP02 = 22)", () => {
    expect(denials.some((d) => d.claim === "RD12" || d.claim === "RD13")).toBe(false);
  });
});

describe("npm run billing -- denials (spawned)", () => {
  function cli(...args: string[]) {
    const r = spawnSync("npx", ["tsx", "scripts/billing-cli.ts", ...args], { cwd: root, encoding: "utf8", timeout: 170_000 });
    return { code: r.status, stdout: r.stdout };
  }
  it("prints exactly { denials: [...] } with the contract's fields, categories and actions", () => {
    const r = cli("denials", fixture("denials-every-category.835"));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["denials"]);
    expect(Object.keys(out.denials[0])).toEqual(["claim", "line", "procedure", "group", "carc", "rarcs", "amount", "category", "action", "explanation"]);
    expect(out.denials[0]).toMatchObject({ claim: "RD01", line: 1, procedure: "J9173", group: "CO", carc: "197", rarcs: ["N210"], amount: 22500, category: "authorization", action: "retro_auth" });
    const claimLevel = out.denials.find((d: { claim: string }) => d.claim === "RD09");
    expect(Object.keys(claimLevel)).toEqual(["claim", "line", "group", "carc", "rarcs", "amount", "category", "action", "explanation"]);
    expect(new Set(out.denials.map((d: { category: string }) => d.category))).toEqual(new Set(DENIAL_CATEGORIES));
    expect(new Set(out.denials.map((d: { action: string }) => d.action))).toEqual(new Set(DENIAL_ACTIONS));
  }, 180_000);
  it("a missing file exits 1 with a JSON error", () => {
    const r = cli("denials", fixture("no-such-file.835"));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ field: "(file)" });
  }, 180_000);
});
