import { describe, expect, it } from "vitest";
import { allowedEvents, canTransition, nextState } from "@/server/domain/workflow/machine";
import { batchMachine } from "@/server/domain/workflow/batch";
import { CLAIM_STATES, claimMachine, LIVE_CLAIM_STATES, type ClaimEvent, type ClaimState } from "@/server/domain/workflow/claim";

describe("claim state machine", () => {
  it("follows the issue's life: draft → ready → batched → submitted → accepted → adjudicated → closed", () => {
    const path: [ClaimState, ClaimEvent][] = [
      ["draft", "mark_ready"],
      ["ready", "batch"],
      ["batched", "submit"],
      ["submitted", "accept"],
      ["accepted", "adjudicate"],
      ["adjudicated", "close"],
    ];
    let s: ClaimState = "draft";
    for (const [from, e] of path) {
      expect(s).toBe(from);
      s = nextState(claimMachine, s, e);
    }
    expect(s).toBe("closed");
  });

  it("rejects from submitted or accepted, and a rejected claim is fixed by a replacement or closed", () => {
    expect(nextState(claimMachine, "submitted", "reject")).toBe("rejected");
    expect(nextState(claimMachine, "accepted", "reject")).toBe("rejected");
    expect(allowedEvents(claimMachine, "rejected").sort()).toEqual(["close", "replace"]);
  });

  it("sends on paper only from ready; a batch cancelled before submission returns its claims to ready", () => {
    expect(nextState(claimMachine, "ready", "submit_paper")).toBe("submitted");
    expect(canTransition(claimMachine, "draft", "submit_paper")).toBe(false);
    expect(nextState(claimMachine, "batched", "unbatch")).toBe("ready");
  });

  it("lets remittance posting adjudicate from submitted (no 277CA), accepted, and again after adjudication", () => {
    for (const s of ["submitted", "accepted", "adjudicated"] as const) expect(nextState(claimMachine, s, "adjudicate")).toBe("adjudicated");
    for (const s of ["draft", "ready", "batched", "rejected", "closed"] as const) expect(canTransition(claimMachine, s, "adjudicate")).toBe(false);
  });

  it("voids only what the payer took (accepted, adjudicated, closed); replaced, voided and cancelled are final", () => {
    expect(CLAIM_STATES.filter((s) => canTransition(claimMachine, s, "void")).sort()).toEqual(["accepted", "adjudicated", "closed"]);
    for (const s of ["replaced", "voided", "cancelled"] as const) expect(allowedEvents(claimMachine, s)).toEqual([]);
    expect(() => nextState(claimMachine, "voided", "replace")).toThrow(/no further changes/);
  });

  it("counts every state except cancelled, replaced and voided as holding its infusions", () => {
    expect(CLAIM_STATES.filter((s) => !LIVE_CLAIM_STATES.includes(s)).sort()).toEqual(["cancelled", "replaced", "voided"]);
  });
});

describe("batch state machine", () => {
  it("is created, then submitted and acknowledged or rejected by the 999, or cancelled before submission", () => {
    expect(nextState(batchMachine, "created", "submit")).toBe("submitted");
    expect(nextState(batchMachine, "submitted", "acknowledge")).toBe("acknowledged");
    expect(nextState(batchMachine, "submitted", "reject")).toBe("rejected");
    expect(nextState(batchMachine, "created", "cancel")).toBe("cancelled");
    expect(canTransition(batchMachine, "submitted", "cancel")).toBe(false);
  });
});
