import { describe, expect, it } from "vitest";
import { API_CONTENT_SECURITY_POLICY, apiSecurityHeaders, securityHeaders } from "@/server/http/security-headers";

describe("the headers of an API answer that proxy.ts does not see", () => {
  it("carries every protection a page carries, with a policy that allows nothing, and is never stored", () => {
    const page = securityHeaders({ nonce: "abc", https: false, development: false });
    const api = apiSecurityHeaders(false);
    for (const name of Object.keys(page)) expect(api[name], name).toBeTruthy();
    expect(api["content-security-policy"]).toBe(API_CONTENT_SECURITY_POLICY);
    expect(api["content-security-policy"]).toContain("default-src 'none'");
    expect(api["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(api["cache-control"]).toBe("no-store");
    expect(api["x-frame-options"]).toBe("DENY");
    expect(api["strict-transport-security"]).toBeUndefined();
  });

  it("adds Strict-Transport-Security over HTTPS only, and cannot be changed by a caller", () => {
    expect(apiSecurityHeaders(true)["strict-transport-security"]).toContain("max-age=");
    expect(() => {
      (apiSecurityHeaders(true) as Record<string, string>)["cache-control"] = "public";
    }).toThrow();
    expect(apiSecurityHeaders(true)["cache-control"]).toBe("no-store");
  });
});
