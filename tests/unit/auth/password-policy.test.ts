import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkPassword, generateTemporaryPassword } from "@/server/domain/auth/password-policy";

describe("password policy", () => {
  it.each([
    ["11 characters is too short", "Abcdefghij1", /at least 12/],
    ["12 characters is enough", "Tr0ub4dor&3x", null],
    ["common password", "password1234", /too common/],
    ["two distinct characters", "abababababab", /more than two different/],
    ["simple sequence", "abcdefghijklm", /sequence/],
    ["129 characters is too long", "aB3-".repeat(32) + "x", /at most 128/],
  ])("%s", (_label, pw, expected) => {
    const problems = checkPassword(pw);
    if (expected) expect(problems.join(" ")).toMatch(expected);
    else expect(problems).toEqual([]);
  });
  it("rejects the user's own email or name inside the password", () => {
    expect(checkPassword("xx-jordan.smith-2026", { email: "jordan.smith@x.example" }).join()).toMatch(/email/);
    expect(checkPassword("my-name-is-Morgan-99", { name: "Morgan Manager" }).join()).toMatch(/name/);
    expect(checkPassword("Lakes-and-rivers-2026", { email: "al@x.example", name: "Al Bo" })).toEqual([]);
  });
  it("generated temporary passwords always pass the policy and avoid look-alike characters", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 16, maxLength: 16 }), (seq) => {
        let i = 0;
        const pw = generateTemporaryPassword((max) => seq[i++]! % max);
        expect(pw).toMatch(/^[^0O1lI]{4}(-[^0O1lI]{4}){3}$/);
        const distinct = new Set(pw.replace(/-/g, "")).size;
        if (distinct > 2) expect(checkPassword(pw)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
