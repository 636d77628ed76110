import { describe, expect, it } from "vitest";
import { DecodedCookieCache } from "@/server/auth/decoded-cookie-cache";

describe("DecodedCookieCache", () => {
  const exp = 2_000_000; // seconds
  it("answers a cookie it decoded until the token's own expiry, and not after", () => {
    const c = new DecodedCookieCache<string>(10);
    c.set("authjs.session-token=a", "session-a", exp);
    expect(c.get("authjs.session-token=a", exp * 1000 - 1)).toBe("session-a");
    expect(c.get("authjs.session-token=a", exp * 1000)).toBeUndefined();
    // an expired entry is dropped, not kept for later
    expect(c.size).toBe(0);
  });

  it("keys on the exact header: another cookie value is never answered from the cache", () => {
    const c = new DecodedCookieCache<string>(10);
    c.set("authjs.session-token=a", "session-a", exp);
    expect(c.get("authjs.session-token=b", 0)).toBeUndefined();
    expect(c.get("authjs.session-token=a; other=1", 0)).toBeUndefined();
  });

  it("does not keep a token without a numeric expiry", () => {
    const c = new DecodedCookieCache<string>(10);
    c.set("x", "s", undefined);
    c.set("y", "s", "2000000");
    c.set("z", "s", Number.NaN);
    expect(c.size).toBe(0);
  });

  it("holds at most its size, dropping the oldest entry first", () => {
    const c = new DecodedCookieCache<number>(3);
    for (let i = 0; i < 5; i++) c.set(`k${i}`, i, exp);
    expect(c.size).toBe(3);
    expect(c.get("k0", 0)).toBeUndefined();
    expect(c.get("k1", 0)).toBeUndefined();
    expect([c.get("k2", 0), c.get("k3", 0), c.get("k4", 0)]).toEqual([2, 3, 4]);
  });

  it("setting a known cookie again refreshes its place and value", () => {
    const c = new DecodedCookieCache<number>(2);
    c.set("a", 1, exp);
    c.set("b", 2, exp);
    c.set("a", 3, exp);
    c.set("c", 4, exp);
    expect(c.get("b", 0)).toBeUndefined();
    expect(c.get("a", 0)).toBe(3);
    expect(c.get("c", 0)).toBe(4);
  });
});
