import { describe, expect, it } from "vitest";
import { evaluateRequirement, requestSpan, type RequirementRule } from "@/server/domain/prior-auth/requirements";
import { canTransition, nextState } from "@/server/domain/workflow/machine";
import { priorAuthMachine, PRIOR_AUTH_STATES } from "@/server/domain/workflow/prior-auth";

const base: RequirementRule = {
  id: "r-any",
  hcpcs: "J9173",
  indicationId: null,
  requestKind: "any",
  required: true,
  maxDays: 180,
  maxUnits: null,
  maxDoses: null,
  leadTimeDays: 14,
  turnaroundDays: 15,
  effectiveDate: "2026-01-01",
  endDate: null,
  isActive: true,
};
const input = { payerName: "Summit Health Plan", payerRequiresPa: false, hcpcs: "J9173", indicationId: "nsclc-stage3-consolidation", kind: "initial" as const, date: "2026-09-14" };

describe("requirement rules", () => {
  it("the payer's switch decides when no rule applies, and says so", () => {
    expect(evaluateRequirement({ ...input, rules: [] })).toMatchObject({ required: false, rule: null, reason: expect.stringContaining("does not require prior authorization (payer setting)") });
    expect(evaluateRequirement({ ...input, payerRequiresPa: true, rules: [] })).toMatchObject({ required: true, leadTimeDays: 14, turnaroundDays: 15 });
  });
  it("the most specific rule in force wins: indication over any, request kind over any", () => {
    const byIndication = { ...base, id: "r-ind", indicationId: "nsclc-stage3-consolidation", required: false };
    const renewal = { ...base, id: "r-ren", requestKind: "renewal" as const, maxDays: 365 };
    const r = evaluateRequirement({ ...input, indicationName: "Unresectable stage III NSCLC", rules: [base, byIndication, renewal] });
    expect(r).toMatchObject({ required: false, rule: { id: "r-ind" } });
    // The reason names the indication by its label, never by its internal id.
    expect(r.reason).toBe("Summit Health Plan rule: J9173 does not require authorization for “Unresectable stage III NSCLC” (at most 180 days per authorization).");
    expect(evaluateRequirement({ ...input, indicationId: "btc", kind: "renewal", rules: [base, byIndication, renewal] }).rule?.id).toBe("r-ren");
    expect(evaluateRequirement({ ...input, indicationId: "btc", rules: [base, byIndication, renewal] }).rule?.id).toBe("r-any");
  });
  it("ignores inactive rules, other codes and rules not in force on the date", () => {
    const rules = [
      { ...base, id: "off", isActive: false },
      { ...base, id: "j9347", hcpcs: "J9347" },
      { ...base, id: "later", effectiveDate: "2027-01-01" },
      { ...base, id: "ended", endDate: "2026-06-30" },
    ];
    expect(evaluateRequirement({ ...input, rules }).rule).toBeNull();
  });
  it("spans a request over the planned doses within the rule's limits", () => {
    const doses = Array.from({ length: 26 }, (_, i) => ({ administrationId: `a${i}`, date: new Date(Date.parse("2026-09-14") + i * 14 * 86_400_000).toISOString().slice(0, 10), units: 72 }));
    expect(requestSpan(doses, { maxDays: 180, maxUnits: null, maxDoses: null })).toEqual({ startDate: "2026-09-14", endDate: "2027-03-12", doses: 13, units: 936 });
    expect(requestSpan(doses, { maxDays: null, maxUnits: 300, maxDoses: null })).toEqual({ startDate: "2026-09-14", endDate: "2026-10-26", doses: 4, units: 288 });
    expect(requestSpan(doses, { maxDays: null, maxUnits: null, maxDoses: 6 })).toMatchObject({ doses: 6, endDate: "2026-11-23" });
    expect(requestSpan([], { maxDays: null, maxUnits: null, maxDoses: null })).toBeNull();
  });
});

describe("prior-authorization state machine", () => {
  it("follows the issue's path and its side roads", () => {
    const path: [string, string][] = [
      ["start_draft", "drafting"],
      ["submit", "submitted"],
      ["request_info", "pending_info"],
      ["provide_info", "submitted"],
      ["deny", "denied"],
      ["request_peer_to_peer", "peer_to_peer"],
      ["submit_appeal", "appeal_submitted"],
      ["approve_partially", "partially_approved"],
      ["expire", "expired"],
    ];
    let s: (typeof PRIOR_AUTH_STATES)[number] = "needed";
    for (const [e, to] of path) {
      s = nextState(priorAuthMachine, s, e as never);
      expect(s).toBe(to);
    }
  });
  it("refuses deciding what was never submitted and anything after withdrawn or expired", () => {
    expect(canTransition(priorAuthMachine, "drafting", "approve")).toBe(false);
    expect(canTransition(priorAuthMachine, "approved", "approve")).toBe(false);
    for (const e of ["submit", "approve", "withdraw"] as const) {
      expect(canTransition(priorAuthMachine, "withdrawn", e)).toBe(false);
      expect(canTransition(priorAuthMachine, "expired", e)).toBe(false);
    }
    expect(() => nextState(priorAuthMachine, "needed", "deny")).toThrow(/Cannot deny a prior authorization that is needed/);
  });
});
