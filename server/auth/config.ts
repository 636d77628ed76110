/** Security settings, configurable through the environment, with safe defaults. */
function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const n = Number.parseInt(raw, 10);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
  }
  return n;
}

export function authSettings() {
  return {
    /** Sessions end after this many minutes without a request. */
    idleMinutes: intFromEnv("SESSION_IDLE_MINUTES", 15, 1, 24 * 60),
    /** Absolute session lifetime, whatever the activity. */
    maxHours: intFromEnv("SESSION_MAX_HOURS", 12, 1, 24 * 7),
    maxFailedAttempts: intFromEnv("LOCKOUT_ATTEMPTS", 5, 1, 100),
    lockoutMinutes: intFromEnv("LOCKOUT_MINUTES", 15, 1, 24 * 60),
    /** Failed sign-ins one client address may make per window before it must wait (any accounts). */
    addressMaxFailures: intFromEnv("SIGNIN_ADDRESS_ATTEMPTS", 10, 1, 10_000),
    addressWindowMinutes: intFromEnv("SIGNIN_ADDRESS_WINDOW_MINUTES", 15, 1, 24 * 60),
    /** Proxies in front of the app that append to X-Forwarded-For (the client address is the entry they wrote). */
    trustedProxyHops: intFromEnv("TRUSTED_PROXY_HOPS", 1, 1, 10),
  };
}
export type AuthSettings = ReturnType<typeof authSettings>;
