import { describe, expect, it } from "vitest";
import { DomainError } from "@/server/domain/errors";
import { allowedEvents, canTransition, defineMachine, nextState } from "@/server/domain/workflow/machine";

const door = defineMachine({
  name: "door",
  states: ["open", "closed", "locked", "removed"] as const,
  initial: "closed",
  terminal: ["removed"],
  transitions: [
    { from: ["closed"], event: "open", to: "open", label: "Opened" },
    { from: ["open"], event: "close", to: "closed", label: "Closed" },
    { from: ["closed"], event: "lock", to: "locked", label: "Locked" },
    { from: ["locked"], event: "unlock", to: "closed", label: "Unlocked" },
    { from: ["open", "closed", "locked"], event: "remove", to: "removed", label: "Removed" },
  ],
});

describe("state machine", () => {
  it("follows the table", () => {
    expect(nextState(door, "closed", "open")).toBe("open");
    expect(nextState(door, "locked", "remove")).toBe("removed");
    expect(allowedEvents(door, "closed")).toEqual(["open", "lock", "remove"]);
    expect(canTransition(door, "open", "lock")).toBe(false);
  });
  it("refuses illegal transitions with a coded error that names what is allowed", () => {
    const e = (() => {
      try {
        nextState(door, "open", "lock");
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(DomainError);
    expect(e).toMatchObject({ code: "INVALID_TRANSITION", message: "Cannot lock a door that is open (allowed: close, remove)." });
    expect(() => nextState(door, "removed", "open")).toThrow("no further changes are allowed");
  });
  it("rejects malformed machines when defined", () => {
    expect(() =>
      defineMachine({ name: "bad", states: ["a", "b"], initial: "a", terminal: ["b"], transitions: [{ from: ["b"], event: "x", to: "a", label: "" }] }),
    ).toThrow(/terminal/);
    expect(() =>
      defineMachine({
        name: "bad",
        states: ["a", "b"],
        initial: "a",
        terminal: [],
        transitions: [
          { from: ["a"], event: "x", to: "b", label: "" },
          { from: ["a"], event: "x", to: "a", label: "" },
        ],
      }),
    ).toThrow(/ambiguous/);
  });
});

describe("order and administration machines", async () => {
  const { orderMachine } = await import("@/server/domain/workflow/order");
  const { administrationMachine } = await import("@/server/domain/workflow/administration");
  it("orders: draft → signed → active → completed; discontinue from any open state; terminal states are final", () => {
    expect(nextState(orderMachine, "draft", "sign")).toBe("signed");
    expect(nextState(orderMachine, "signed", "activate")).toBe("active");
    expect(nextState(orderMachine, "active", "complete")).toBe("completed");
    for (const s of ["draft", "signed", "active"] as const) expect(nextState(orderMachine, s, "discontinue")).toBe("discontinued");
    expect(() => nextState(orderMachine, "draft", "complete")).toThrow(DomainError);
    expect(allowedEvents(orderMachine, "completed")).toEqual([]);
  });
  it("administrations: ready for billing only from documented; amendments go back to documented", () => {
    expect(nextState(administrationMachine, "scheduled", "document")).toBe("documented");
    expect(nextState(administrationMachine, "documented", "mark_ready")).toBe("ready_for_billing");
    expect(nextState(administrationMachine, "ready_for_billing", "amend")).toBe("documented");
    expect(() => nextState(administrationMachine, "scheduled", "mark_ready")).toThrow(/Cannot mark ready/);
    expect(() => nextState(administrationMachine, "documented", "mark_not_given")).toThrow(DomainError);
    expect(allowedEvents(administrationMachine, "not_given")).toEqual([]);
  });
});
