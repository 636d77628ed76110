import "server-only";
import { createHash } from "node:crypto";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInThrottle } from "@/db/schema";
import type { AuthSettings } from "@/server/auth/config";

type ThrottleSettings = Pick<AuthSettings, "addressMaxFailures" | "addressWindowMinutes">;

/** The stored key of a client address: a hash, so the table holds no addresses. */
export function clientKeyOf(address: string): string {
  return createHash("sha256").update(`sign-in-address:${address.trim().toLowerCase()}`).digest("hex").slice(0, 32);
}

function windowStartAfter(now: Date, settings: ThrottleSettings): Date {
  return new Date(now.getTime() - settings.addressWindowMinutes * 60_000);
}

/**
 * Minutes until this address may try again, or 0 when it may try now. Checked before any account is
 * looked at, so an address that has guessed too often learns nothing more and locks no account.
 */
export async function throttledMinutes(db: Db, address: string, now: Date, settings: ThrottleSettings): Promise<number> {
  const [row] = await db
    .select({ windowStart: signInThrottle.windowStart, failures: signInThrottle.failures })
    .from(signInThrottle)
    .where(and(eq(signInThrottle.clientKey, clientKeyOf(address)), gt(signInThrottle.windowStart, windowStartAfter(now, settings))));
  if (!row || row.failures < settings.addressMaxFailures) return 0;
  const endsAt = row.windowStart.getTime() + settings.addressWindowMinutes * 60_000;
  return Math.max(1, Math.ceil((endsAt - now.getTime()) / 60_000));
}

/**
 * Counts one failed sign-in from an address: one statement (insert or increment, a passed window
 * starts over), so concurrent failures from several processes are all counted. Windows that have
 * passed are swept on the way.
 */
export async function recordFailedSignIn(db: Db, address: string, now: Date, settings: ThrottleSettings): Promise<number> {
  const since = windowStartAfter(now, settings);
  // Raw SQL parameters go as ISO text (postgres.js does not serialise a Date inside sql``).
  const sinceTs = sql`${since.toISOString()}::timestamptz`;
  const nowTs = sql`${now.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(signInThrottle)
    .values({ clientKey: clientKeyOf(address), windowStart: now, failures: 1 })
    .onConflictDoUpdate({
      target: signInThrottle.clientKey,
      set: {
        failures: sql`case when ${signInThrottle.windowStart} <= ${sinceTs} then 1 else ${signInThrottle.failures} + 1 end`,
        windowStart: sql`case when ${signInThrottle.windowStart} <= ${sinceTs} then ${nowTs} else ${signInThrottle.windowStart} end`,
      },
    })
    .returning({ failures: signInThrottle.failures });
  await db.delete(signInThrottle).where(lt(signInThrottle.windowStart, since));
  return row?.failures ?? 1;
}

/**
 * The client address of a request: the entry of X-Forwarded-For that the nearest trusted proxy wrote
 * (`trustedHops` from the right; proxies append the address they received from). The app must be
 * reached through such a proxy for this to be the real address; see README (Security).
 */
export function clientAddressOf(headers: Headers, trustedHops: number): string | null {
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (forwarded.length > 0) return forwarded[Math.max(0, forwarded.length - trustedHops)] ?? null;
  return headers.get("x-real-ip")?.trim() || null;
}
