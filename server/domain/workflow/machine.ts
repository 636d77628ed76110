import { DomainError } from "../errors";

/**
 * A workflow state machine as data: states, events and a transition table. Each entity's machine
 * (orders, administrations, claims …) is declared with `defineMachine`; services apply transitions
 * with a guarded UPDATE (… WHERE status = from) and an audit row in one transaction.
 */
export interface Transition<S extends string, E extends string> {
  from: readonly S[];
  event: E;
  to: S;
  /** Human description shown in timelines and errors. */
  label: string;
}

export interface Machine<S extends string, E extends string> {
  name: string;
  states: readonly S[];
  initial: S;
  terminal: readonly S[];
  transitions: readonly Transition<S, E>[];
}

export function defineMachine<S extends string, E extends string>(m: Machine<S, E>): Machine<S, E> {
  for (const t of m.transitions) {
    for (const f of t.from) {
      if (!m.states.includes(f)) throw new Error(`${m.name}: unknown state ${f}`);
      if (m.terminal.includes(f)) throw new Error(`${m.name}: transition out of terminal state ${f}`);
    }
    if (!m.states.includes(t.to)) throw new Error(`${m.name}: unknown state ${t.to}`);
  }
  const seen = new Set<string>();
  for (const t of m.transitions) {
    for (const f of t.from) {
      const k = `${f}|${t.event}`;
      if (seen.has(k)) throw new Error(`${m.name}: event ${t.event} is ambiguous from ${f}`);
      seen.add(k);
    }
  }
  return m;
}

/** The next state for `event` from `from`, or a DomainError("INVALID_TRANSITION") naming both. */
export function nextState<S extends string, E extends string>(m: Machine<S, E>, from: S, event: E): S {
  const t = m.transitions.find((x) => x.event === event && x.from.includes(from));
  if (!t) {
    const allowed = allowedEvents(m, from);
    throw new DomainError(
      "INVALID_TRANSITION",
      `Cannot ${event.replace(/_/g, " ")} a ${m.name} that is ${from.replace(/_/g, " ")}` +
        (allowed.length ? ` (allowed: ${allowed.join(", ")}).` : " (no further changes are allowed)."),
    );
  }
  return t.to;
}

export function allowedEvents<S extends string, E extends string>(m: Machine<S, E>, from: S): E[] {
  return m.transitions.filter((t) => t.from.includes(from)).map((t) => t.event);
}

export function canTransition<S extends string, E extends string>(m: Machine<S, E>, from: S, event: E): boolean {
  return m.transitions.some((t) => t.event === event && t.from.includes(from));
}
