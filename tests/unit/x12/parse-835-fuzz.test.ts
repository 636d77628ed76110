import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse835 } from "@/server/domain/x12/parse-835";

const DIR = path.resolve(import.meta.dirname, "../../fixtures/x12/835");
const valid = readdirSync(DIR)
  .filter((f) => f.endsWith(".835") && !f.startsWith("malformed"))
  .map((f) => readFileSync(path.join(DIR, f), "utf8"));

type Mutation =
  | { kind: "delete"; at: number }
  | { kind: "duplicate"; at: number }
  | { kind: "swap"; at: number; with: number }
  | { kind: "flip"; at: number; char: string }
  | { kind: "truncate"; at: number }
  | { kind: "separator"; which: number; to: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("swap" as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), char: fc.constantFrom("*", ":", "~", "^", "|", "\n", "-", ".", "A", "9", " ", "\u0000", "é") }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("separator" as const), which: fc.nat({ max: 3 }), to: fc.constantFrom("*", ":", "~", "^", "|", "!", "A", "\n", "") }),
);

/** Applies a mutation at the segment level (delete/duplicate/swap) or the character level. */
function mutate(text: string, m: Mutation): string {
  const segs = text.split(/(?<=~\n)|(?<=~)(?!\n)/);
  const i = segs.length ? m.kind === "separator" ? 0 : (m as { at: number }).at % segs.length : 0;
  switch (m.kind) {
    case "delete":
      return segs.filter((_, k) => k !== i).join("");
    case "duplicate":
      return [...segs.slice(0, i + 1), segs[i], ...segs.slice(i + 1)].join("");
    case "swap": {
      const j = m.with % segs.length;
      const copy = [...segs];
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      return copy.join("");
    }
    case "flip": {
      const p = m.at % Math.max(1, text.length);
      return text.slice(0, p) + m.char + text.slice(p + 1);
    }
    case "truncate":
      return text.slice(0, m.at % Math.max(1, text.length));
    case "separator": {
      // ISA positions: 3 element, 104 component, 105 terminator, 82 repetition
      const p = [3, 104, 105, 82][m.which]!;
      return text.slice(0, p) + m.to + text.slice(p + 1);
    }
  }
}

describe("parse835 fuzz", () => {
  it("never throws and reports findings for files it cannot fully accept", () => {
    fc.assert(
      fc.property(fc.nat({ max: valid.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (which, mutations) => {
        const original = valid[which]!;
        const text = mutations.reduce(mutate, original);
        const result = parse835(text);
        expect(Array.isArray(result.findings)).toBe(true);
        expect(Array.isArray(result.transactions)).toBe(true);
        // the reader's own safety net must never fire
        expect(result.findings.filter((f) => f.code === "835_READER_FAILURE")).toEqual([]);
        for (const f of result.findings) {
          expect(["error", "warning"]).toContain(f.severity);
          expect(typeof f.message).toBe("string");
          expect(Number.isInteger(f.segment)).toBe(true);
        }
        // JSON-safe output (the CLI prints it)
        expect(() => JSON.stringify(result)).not.toThrow();
        // a changed file that still reads clean must still balance everywhere
        if (result.findings.length === 0 && text !== original) {
          for (const tx of result.transactions) {
            expect(tx.balanced).toBe(true);
            for (const c of tx.claims) expect(c.balanced).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("always finds something when a segment is deleted from the middle of a transaction", () => {
    fc.assert(
      fc.property(fc.nat({ max: valid.length - 1 }), fc.nat(), (which, at) => {
        const segs = valid[which]!.split(/(?<=~\n)|(?<=~)(?!\n)/);
        if (segs.length < 6) return;
        // inside ST..SE, so SE01 no longer matches
        const st = segs.findIndex((s) => s.startsWith("ST"));
        const se = segs.findIndex((s) => s.startsWith("SE"));
        const i = st + 1 + (at % (se - st - 1));
        const text = segs.filter((_, k) => k !== i).join("");
        expect(parse835(text).findings.some((f) => f.code === "X12_SE_COUNT")).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
