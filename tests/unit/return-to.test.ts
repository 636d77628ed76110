import { describe, expect, it } from "vitest";
import { safeReturnPath, signInPath } from "@/server/domain/auth/return-to";

describe("returning to the requested page after sign-in", () => {
  it("keeps a page of this site with its query", () => {
    expect(safeReturnPath("/administrations/3be1?tab=vials")).toBe("/administrations/3be1?tab=vials");
    expect(safeReturnPath("/claims")).toBe("/claims");
  });

  it("never sends the user to another site", () => {
    for (const bad of ["//evil.example/x", "/\\evil.example", "https://evil.example/", "evil.example", "javascript:alert(1)", "/%0d%0aSet-Cookie:x", "/a\u0000b"]) {
      const got = safeReturnPath(bad);
      if (got !== null) expect(new URL(got, "https://app.example").origin).toBe("https://app.example");
    }
    expect(safeReturnPath("//evil.example/x")).toBeNull();
    expect(safeReturnPath("/\\evil.example")).toBeNull();
    expect(safeReturnPath("https://evil.example/")).toBeNull();
  });

  it("does not return to sign-in, password change or the API, and drops Next's _rsc marker", () => {
    expect(safeReturnPath("/sign-in?next=/claims")).toBeNull();
    expect(safeReturnPath("/change-password")).toBeNull();
    expect(safeReturnPath("/api/trpc/patients.list")).toBeNull();
    expect(safeReturnPath("/patients?_rsc=1x2y")).toBe("/patients");
    expect(safeReturnPath("/sign-inside")).toBe("/sign-inside");
  });

  it("builds the sign-in address", () => {
    expect(signInPath("/orders/7")).toBe("/sign-in?next=%2Forders%2F7");
    expect(signInPath("/orders/7", "expired")).toBe("/sign-in?reason=expired&next=%2Forders%2F7");
    expect(signInPath("/dashboard")).toBe("/sign-in");
    expect(signInPath("//evil.example")).toBe("/sign-in");
    expect(signInPath(null, "expired")).toBe("/sign-in?reason=expired");
  });
});
