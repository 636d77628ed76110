import { describe, expect, it } from "vitest";
import fc from "fast-check";
import superjson from "superjson";
import { isPlainJson, serverTransformer } from "@/server/api/transformer";

describe("the server's tRPC transformer", () => {
  it("sends any JSON value exactly as superjson does, and the browser's superjson reads it back", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const sent = serverTransformer.serialize(v);
        expect(sent).toEqual(superjson.serialize(v));
        expect(superjson.deserialize(JSON.parse(JSON.stringify(sent)))).toEqual(superjson.deserialize(JSON.parse(JSON.stringify(superjson.serialize(v)))));
      }),
    );
  });

  it("hands anything JSON cannot carry to superjson, which annotates it for the browser", () => {
    const when = new Date("2026-12-04T10:00:00Z");
    const values: unknown[] = [
      { at: when },
      { page: 1, missing: undefined },
      [1, Number.NaN],
      { n: -0 },
      { big: BigInt(7) },
      { m: new Map([["a", 1]]) },
      { s: new Set([1]) },
      { nested: { deeper: [{ at: when }] } },
    ];
    for (const v of values) {
      expect(isPlainJson(v)).toBe(false);
      const sent = serverTransformer.serialize(v);
      expect(sent).toEqual(superjson.serialize(v));
      expect(superjson.deserialize(JSON.parse(JSON.stringify(sent)))).toEqual(v);
    }
    // An array with a hole is superjson's business too (it sends the hole as null).
    const holey = [1, , 3];
    expect(isPlainJson(holey)).toBe(false);
    expect(serverTransformer.serialize(holey)).toEqual(superjson.serialize(holey));
  });

  it("recognises a worklist page as plain JSON", () => {
    const row = { id: "a", chargeCents: null, readyToMark: false, reasons: ["Due today"], ageDays: 3 };
    expect(isPlainJson({ items: [row, row], total: 2, totalCapped: false, page: 1, pageSize: 25 })).toBe(true);
    expect(isPlainJson(Object.assign(Object.create(null), { a: 1 }))).toBe(true);
    class Money {
      cents = 1;
    }
    expect(isPlainJson({ m: new Money() })).toBe(false);
    expect(isPlainJson(() => 1)).toBe(false);
  });

  it("reads what the browser sends as superjson does", () => {
    const input = superjson.serialize({ from: new Date("2026-01-01T00:00:00Z"), q: "smith" });
    expect(serverTransformer.deserialize(JSON.parse(JSON.stringify(input)))).toEqual(superjson.deserialize(JSON.parse(JSON.stringify(input))));
  });
});
