import { describe, expect, it } from "vitest";
import { zClaimText, zOptionalText, zSearch, zText } from "@/server/api/zod-text";
import { textProblem } from "@/server/domain/text";

describe("free text at the boundary", () => {
  const name = zText("last name", { max: 10 });

  it("trims and accepts ordinary text, accents included", () => {
    expect(name.parse("  Müller-Ñú ")).toBe("Müller-Ñú");
    expect(zText("note", { max: 200, multiline: true }).parse("line one\nline two\tindented")).toBe("line one\nline two\tindented");
  });

  it.each([
    ["NUL byte", "Smi\u0000th", "invisible control character"],
    ["escape", "Smi\u001bth", "invisible control character"],
    ["newline in a one-line field", "Smi\nth", "invisible control character"],
    ["right-to-left override", "Smi\u202eth", "text-direction"],
    ["zero-width space", "Smi\u200bth", "zero-width"],
  ])("refuses a %s with a message naming the field", (_what, value, words) => {
    const r = name.safeParse(value);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toContain("last name");
    expect(r.error!.issues[0]!.message).toContain(words);
  });

  it("refuses X12 delimiters only where the value goes onto a claim", () => {
    for (const d of ["~", "*", ":", "^"]) {
      expect(zClaimText("member id", { max: 20 }).safeParse(`AB${d}12`).success).toBe(false);
      expect(zText("note", { max: 20 }).safeParse(`AB${d}12`).success).toBe(true);
    }
  });

  it("says what is missing or too long", () => {
    expect(name.safeParse("  ").error!.issues[0]!.message).toBe("Enter the last name.");
    expect(name.safeParse("x".repeat(11)).error!.issues[0]!.message).toBe("Use at most 10 characters for the last name.");
  });

  it("optional text turns empty into null and still checks characters", () => {
    const o = zOptionalText("notes", { max: 50 });
    expect(o.parse("")).toBeNull();
    expect(o.parse(undefined)).toBeNull();
    expect(o.parse(" a ")).toBe("a");
    expect(o.safeParse("a\u0000").success).toBe(false);
  });

  it("search boxes refuse control characters too", () => {
    expect(zSearch().safeParse("Mil\u0000").success).toBe(false);
    expect(zSearch().parse(undefined)).toBeUndefined();
  });

  it("multi-line text keeps refusing other control characters", () => {
    expect(textProblem("a\r\nb", { multiline: true })).toBeNull();
    expect(textProblem("a\u0007b", { multiline: true })).toBe("control");
    expect(textProblem("a\u0085b", { multiline: true })).toBe("control");
  });
});
