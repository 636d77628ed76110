/**
 * Decoded session cookies, by the exact Cookie header they came in (server/auth/auth.ts). Decrypting
 * the Auth.js token (a key derivation and an AES-GCM decryption) was the largest single cost of an
 * API request in the list benchmarks (docs/benchmarks.md): a browser sends the same cookie with every
 * request, so each process decodes it once. Only the decoding is kept, never the session's validity:
 * the session row is still read on every request. An entry serves until the token's own expiry; the
 * map holds at most `max` entries and drops the oldest first.
 */
export class DecodedCookieCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAtMs: number }>();

  constructor(private readonly max: number) {}

  get(cookie: string, nowMs: number): T | undefined {
    const e = this.entries.get(cookie);
    if (!e) return undefined;
    if (e.expiresAtMs > nowMs) return e.value;
    this.entries.delete(cookie);
    return undefined;
  }

  /** Keeps a decoded value until `expSeconds` (the token's `exp`); a token without one is not kept. */
  set(cookie: string, value: T, expSeconds: unknown): void {
    if (typeof expSeconds !== "number" || !Number.isFinite(expSeconds)) return;
    this.entries.delete(cookie);
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(cookie, { value, expiresAtMs: expSeconds * 1000 });
  }

  get size(): number {
    return this.entries.size;
  }
}
