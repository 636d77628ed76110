import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkNdc, parseScenario, prepareReference, previewClaim, RULES, ruleLabel, type Finding, type TScenarioInput } from "@/server/domain/billing";
import { RULE_IDS } from "@/server/domain/billing/types";
import { addDays } from "@/server/domain/billing/dates";
import { evaluateDocumentation } from "@/server/domain/documentation/evaluate";
import { evaluateFindings, readinessBlockers } from "@/server/domain/documentation/findings";
import { lotExpiryFindings } from "@/server/domain/documentation/expiry";
import { computeLedger, ledgerAlerts } from "@/server/domain/prior-auth/ledger";
import { COMM, MCD_UN, MCR, durva, ref, refData, scenario } from "../billing/helpers";
import { context, values } from "./fixtures";

/**
 * What a biller reads about blockers and findings is in billing language: dates as MM/DD/YYYY and
 * rules by their label, never an ISO date or an internal rule id. Checked over the engine's
 * scenarios (fast-check, fixed seed) and on the sentences themselves.
 */
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
const RULE_ID = /\bR-[A-Z0-9-]+\b|\bDOC-[A-Z-]+\b/;

const DATES = ["2017-03-01", "2021-03-15", "2023-03-01", "2025-10-01", "2026-09-14"] as const;
const DIAGNOSES = [["C34.11"], ["C67.9"], ["C16.0"], ["C22.0"], ["C50.911"], ["C34"]] as const;
const INDICATIONS = [...refData.indications.map((i) => i.id), undefined];
const PAYERS = [MCR, COMM, MCD_UN] as const;

const arbScenario = fc
  .record({
    dos: fc.constantFrom(...DATES),
    filedAfterDays: fc.constantFrom(1, 340, 364, 400, 900),
    payer: fc.constantFrom(...PAYERS),
    diagnoses: fc.constantFrom(...DIAGNOSES),
    indication: fc.constantFrom(...INDICATIONS),
    auth: fc.constantFrom("none", "covers", "expired", "used-up"),
    previous: fc.constantFrom("none", "accepted-identical", "accepted-other", "submitted"),
    firstDoseYearsBefore: fc.constantFrom(0, 1, 3),
    mg: fc.constantFrom(1500, 673, 1120),
  })
  .map((c): TScenarioInput => {
    const lines = [{ code: "J9173", modifiers: ["JZ"], units: 150 }];
    const firstDose = addDays(c.dos, -365 * c.firstDoseYearsBefore);
    return scenario({
      dateOfService: c.dos,
      today: addDays(c.dos, c.filedAfterDays),
      payer: { ...c.payer },
      diagnoses: [...c.diagnoses],
      indication: c.indication,
      drugs: [
        durva({
          administeredMg: c.mg,
          orderedDose: { mg: c.mg },
          vials: c.mg === 1500 ? [{ ndc: "0310-4611-50", count: 3 }] : [{ ndc: "0310-4500-12", count: Math.ceil(c.mg / 120) + 1 }],
          firstDoseDate: firstDose,
          cycle: 1 + c.firstDoseYearsBefore * 13,
        }),
      ],
      priorAuth:
        c.auth === "none"
          ? undefined
          : {
              number: "PA-1",
              hcpcs: "J9173",
              start: c.auth === "expired" ? addDays(c.dos, -200) : addDays(c.dos, -30),
              end: c.auth === "expired" ? addDays(c.dos, -20) : addDays(c.dos, 150),
              approvedUnits: 300,
              usedUnits: c.auth === "used-up" ? 300 : 0,
            },
      previousClaims:
        c.previous === "none"
          ? undefined
          : [
              {
                dateOfService: c.dos,
                status: c.previous === "submitted" ? "submitted" : "accepted",
                payerClaimNumber: "X1",
                lines: c.previous === "accepted-other" ? [{ code: "J9173", modifiers: ["JZ"], units: 10 }] : lines,
              },
            ],
    });
  });

function engineFindings(input: TScenarioInput): Finding[] | null {
  const p = parseScenario(input, ref);
  if (!p.ok) return null;
  return previewClaim(p.scenario, ref).findings;
}

function blockersOf(findings: readonly Finding[]): string[] {
  return readinessBlockers({ checklistComplete: true, missing: [], findings: evaluateFindings(findings, []) });
}

describe("billing language in findings and blockers", () => {
  it("no finding message or blocker sentence of the engine shows an ISO date or a rule id (property, and the rules that carry dates are reached)", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(arbScenario, (input) => {
        const findings = engineFindings(input);
        if (findings === null) return;
        for (const f of findings) {
          seen.add(f.rule);
          expect(f.message, f.rule).not.toMatch(ISO_DATE);
          expect(f.message, f.rule).not.toMatch(RULE_ID);
        }
        for (const b of blockersOf(findings)) {
          expect(b).not.toMatch(ISO_DATE);
          expect(b).not.toMatch(RULE_ID);
        }
      }),
      { seed: 20261202, numRuns: 400 },
    );
    // The generator reaches every rule whose message carries a date.
    for (const rule of ["R-TIMELY", "R-AUTH", "R-DUP", "R-INDICATION", "R-DX", "R-DURATION"]) expect(seen, rule).toContain(rule);
  });

  it("states dates as MM/DD/YYYY in the sentences that carry them", () => {
    const late = engineFindings(scenario({ dateOfService: "2025-11-20", today: "2026-11-25" }))!;
    expect(late.find((f) => f.rule === "R-TIMELY")!.message).toBe(
      "Filing on 11/25/2026 is 370 days after the date of service 11/20/2025; the payer's limit is 1 calendar year (last day 11/20/2026) (CO-29).",
    );
    const near = engineFindings(scenario({ dateOfService: "2025-11-20", today: "2026-11-19" }))!;
    expect(near.find((f) => f.rule === "R-TIMELY")!.message).toBe("Only 1 day left to file: the payer's limit is 1 calendar year after the date of service (last day 11/20/2026).");
    const expired = engineFindings(scenario({ payer: { ...COMM }, priorAuth: { number: "PA-9", hcpcs: "J9173", start: "2026-01-01", end: "2026-06-30", approvedUnits: 900, usedUnits: 0 } }))!;
    expect(expired.find((f) => f.rule === "R-AUTH")!.message).toBe("Prior authorization PA-9 (J9173) is valid 01/01/2026 to 06/30/2026; the date of service 09/14/2026 is after it expired (CO-197).");
    const dup = engineFindings(scenario({ previousClaims: [{ dateOfService: "2026-09-14", status: "submitted", lines: [{ code: "J9173", modifiers: ["JZ"], units: 150 }] }] }))!;
    expect(dup.find((f) => f.rule === "R-DUP")!.message).toBe("A claim for 09/14/2026 is already submitted and not yet adjudicated; a second original would be a duplicate (OA-18).");
    const withdrawn = engineFindings(scenario({ dateOfService: "2021-03-15", today: "2021-03-16", diagnoses: ["C67.9"], indication: "urothelial-post-platinum" }))!;
    expect(withdrawn.find((f) => f.rule === "R-INDICATION")!.message).toContain("was withdrawn in the US on 02/22/2021; the date of service 03/15/2021 is after the withdrawal.");
  });

  it("NDC dates from the crosswalk, lot expiry and authorization alerts read MM/DD/YYYY", () => {
    const data = structuredClone(refData);
    data.ndcPackages = data.ndcPackages.map((p) => (p.ndc11 === "00310461150" ? { ...p, marketedFrom: "2027-01-01" } : p));
    expect(checkNdc(prepareReference(data), "0310-4611-50", "2026-09-14", "J9173")).toMatchObject({ ok: false, message: "NDC 00310-4611-50 was not marketed on 09/14/2026 (from 01/01/2027)" });
    const v = values();
    const lots = lotExpiryFindings([{ ...v.vials[0]!, expiryDate: "2026-08-31" }], "2026-09-14");
    expect(lots[0]!.message).toContain("expired on 08/31/2026, before the administration on 09/14/2026.");
    const doses = [0, 14, 28, 42].map((d, i) => ({ administrationId: `a${i}`, date: addDays("2026-12-07", d), units: 72, kind: "scheduled" as const }));
    const ledger = computeLedger({ id: "x", number: "PA-77", hcpcs: "J9173", approvedUnits: 100, startDate: "2026-10-01", endDate: "2026-12-31" }, doses);
    const alerts = ledgerAlerts([ledger], doses, "2026-12-20", 14);
    expect(alerts.map((a) => a.kind).sort()).toEqual(["dose_outside_authorization", "expiring", "renewal_due", "runs_out_before_next_dose"]);
    for (const a of alerts) expect(a.message).not.toMatch(ISO_DATE);
    expect(alerts.find((a) => a.kind === "renewal_due")!.message).toBe(
      "Renewal due: authorization PA-77 covers through 12/20/2026 and 3 infusions are planned after it (submit 14 days ahead, by 12/06/2026).",
    );
  });

  it("blockers name rules by their billing label; a prior-authorization error keeps its numbers", () => {
    const err = (rule: Finding["rule"], message: string): Finding => ({ rule, category: RULES[rule].category, severity: "error", message, source: "s" });
    const warn = (rule: Finding["rule"], message: string): Finding => ({ ...err(rule, message), severity: "warning" });
    expect(
      blockersOf([
        err("R-AUTH", "The claim bills 150 units of J9173, but authorization 123 has 0 left (300 approved, 300 used) (CO-198)."),
        err("R-DX", "No diagnosis (C50.911) maps to a labelled indication of durvalumab on 09/14/2026; payers deny this as CO-11/CO-50."),
        err("R-DX", "C50.911 is listed twice."),
        warn("R-TIMELY", "Only 12 days left to file: the payer's limit is 1 calendar year after the date of service (last day 09/14/2027)."),
      ]),
    ).toEqual([
      "3 errors to fix: prior authorization (The claim bills 150 units of J9173, but authorization 123 has 0 left (300 approved, 300 used) (CO-198)); diagnosis (2)",
      "1 warning to acknowledge: timely filing",
    ]);
    const expired = values();
    expired.vials[0] = { ...expired.vials[0]!, expiryDate: "2026-01-31" };
    expect(evaluateDocumentation(ref, expired, context(), []).blockers).toEqual(["1 error to fix: expired lot", "1 warning to acknowledge: vial choice"]);
  });

  it("every rule has a short label in billing words, and an unknown id never shows", () => {
    for (const r of RULE_IDS) {
      expect(RULES[r].label.length, r).toBeGreaterThan(2);
      expect(RULES[r].label.length, r).toBeLessThanOrEqual(40);
      expect(ruleLabel(r)).not.toMatch(RULE_ID);
    }
    expect(new Set(RULE_IDS.map((r) => RULES[r].label)).size).toBe(RULE_IDS.length);
    expect(ruleLabel("DOC-LOT-EXPIRY")).toBe("expired lot");
    expect(ruleLabel("R-GONE")).toBe("a billing check");
  });
});
