/**
 * Optimistic concurrency for set-up rows: the client sends back the `updatedAt` it loaded; the
 * update applies only while the row still has it. Timestamps are compared at millisecond precision
 * (what a JS Date carries), and each update moves `updatedAt` forward by at least 1 ms so a second
 * write with the same stale version is always refused, even when the clock has not moved.
 */
export function sameVersion(seen: Date, current: Date): boolean {
  return seen.getTime() === current.getTime();
}

export function nextUpdatedAt(previous: Date, now: Date): Date {
  return now.getTime() > previous.getTime() ? now : new Date(previous.getTime() + 1);
}

/** True when a database error (or one it caused) is a unique violation, optionally of one constraint. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  for (let c = e as { code?: unknown; constraint?: unknown; constraint_name?: unknown; message?: unknown; cause?: unknown } | undefined, i = 0; c && i < 6; c = c.cause as typeof c, i++) {
    if (c.code === "23505") {
      if (constraint === undefined) return true;
      const name = c.constraint ?? c.constraint_name;
      return name === constraint || (typeof c.message === "string" && c.message.includes(constraint));
    }
  }
  return false;
}

/** Before/after of only the fields that changed, for the audit row of an update. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T, keys: readonly (keyof T)[]) {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const k of keys) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}
