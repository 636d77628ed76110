import { defineMachine } from "./machine";

/** A durvalumab order: draft → signed → active → completed | discontinued. */
export const ORDER_STATES = ["draft", "signed", "active", "completed", "discontinued"] as const;
export type OrderState = (typeof ORDER_STATES)[number];
export const ORDER_EVENTS = ["sign", "activate", "complete", "discontinue"] as const;
export type OrderEvent = (typeof ORDER_EVENTS)[number];

export const orderMachine = defineMachine<OrderState, OrderEvent>({
  name: "order",
  states: ORDER_STATES,
  initial: "draft",
  terminal: ["completed", "discontinued"],
  transitions: [
    // Signing generates the planned administrations (the cycle calendar).
    { from: ["draft"], event: "sign", to: "signed", label: "Signed" },
    // The first administration that is started or documented makes the order active.
    { from: ["signed"], event: "activate", to: "active", label: "Treatment started" },
    { from: ["active"], event: "complete", to: "completed", label: "Completed" },
    // Needs a reason; remaining scheduled administrations are cancelled with it.
    { from: ["draft", "signed", "active"], event: "discontinue", to: "discontinued", label: "Discontinued" },
  ],
});
