import { describe, expect, it } from "vitest";
import { SegmentReader, parseCents, readIsa, tokenize } from "@/server/domain/x12/tokenizer";

function isa(e = "*", rep = "^", comp = ":", version = "00501"): string {
  return ["ISA", "00", "          ", "00", "          ", "ZZ", "SENDER         ", "ZZ", "RECEIVER       ", "260920", "0800", rep, version, "000000001", "0", "T", comp].join(e);
}

describe("readIsa", () => {
  it("learns the four separators from a standard 106-character ISA", () => {
    const r = readIsa(`${isa()}~GS*HP~`);
    expect(r.delimiters).toEqual({ element: "*", component: ":", repetition: "^", segment: "~" });
    expect(r.problems).toEqual([]);
    expect(r.isa[5]).toBe("SENDER         ");
  });

  it.each([
    ["|", "{", "^", "\n"],
    ["!", "^", ">", "'"],
    ["\u001d", "\u001f", "\u001e", "\u001c"],
  ])("any declared separators work: element %j repetition %j component %j segment %j", (e, rep, comp, seg) => {
    const text = `${isa(e, rep, comp)}${seg}GS${e}HP${e}A${comp}B${seg}`;
    const t = tokenize(text);
    expect(t.delimiters).toEqual({ element: e, component: comp, repetition: rep, segment: seg });
    expect(t.segments[1]).toEqual(["GS", "HP", `A${comp}B`]);
  });

  it("treats ISA11 as a standards id, not a separator, before 5010", () => {
    const r = readIsa(`${isa("*", "U", ":", "00401")}~`);
    expect(r.delimiters?.repetition).toBeNull();
    expect(r.problems).toEqual([]);
  });

  it("warns about a mis-padded ISA but still reads it", () => {
    const r = readIsa("ISA*00**00**ZZ*S*ZZ*R*260920*0800*^*00501*000000001*0*T*:~");
    expect(r.delimiters?.segment).toBe("~");
    expect(r.problems.map((p) => p.code)).toEqual(["X12_ISA_WIDTH"]);
  });

  it("refuses separators that collide or are letters", () => {
    expect(readIsa(`${isa("*", "^", "*")}~`).problems[0]!.code).toBe("X12_BAD_COMPONENT_SEPARATOR");
    expect(readIsa(`${isa()}A`).problems[0]!.code).toBe("X12_BAD_SEGMENT_TERMINATOR");
    expect(readIsa(`${isa("*", "A")}~`).problems[0]!.code).toBe("X12_BAD_REPETITION_SEPARATOR");
  });

  it("skips a byte-order mark and leading blank lines", () => {
    expect(readIsa(`\uFEFF\r\n${isa()}~`).delimiters?.element).toBe("*");
  });
});

describe("tokenize", () => {
  it("ignores CR/LF after terminators and keeps empty elements", () => {
    const t = tokenize(`${isa()}~\r\nGS*HP**X~\r\nST*835*0001~\r\n`);
    expect(t.segments.map((s) => s[0])).toEqual(["ISA", "GS", "ST"]);
    expect(t.segments[1]).toEqual(["GS", "HP", "", "X"]);
  });

  it("strips CR before an LF terminator", () => {
    const t = tokenize(`${isa()}\r\nGS*HP*A\r\nST*835\r\n`);
    expect(t.delimiters?.segment).toBe("\r");
    expect(t.segments[1]).toEqual(["GS", "HP", "A"]);
  });

  it("reports a missing final terminator", () => {
    const t = tokenize(`${isa()}~GS*HP`);
    expect(t.problems.map((p) => [p.code, p.segment])).toEqual([["X12_TRUNCATED", 2]]);
  });
});

describe("SegmentReader.reset (one reader for many files)", () => {
  const d = { element: "*", component: ":", repetition: "^", segment: "~" };
  const all = (r: SegmentReader): string[][] => {
    const out: string[][] = [];
    while (r.next()) out.push([r.tagText(), ...Array.from({ length: r.count }, (_, i) => r.element(i + 1))]);
    return out;
  };

  it("reads a second text exactly as a new reader does, even where its values share cache slots with the first's", () => {
    // same length, same first two and last two characters: the same slot of the string cache
    const a = "CLP*AB12CD*1*100~CLP*AB12CD*1*100~REF*6R*XY0000000001ZZ~";
    const b = "CLP*ABX2CD*1*100~CLP*AB12CD*2*100~REF*6R*XY0000000002ZZ~";
    const r = new SegmentReader(a, d);
    expect(all(r)[0]).toEqual(["CLP", "AB12CD", "1", "100"]);
    r.reset(b, d);
    expect(r.position).toBe(0);
    expect(all(r)).toEqual(all(new SegmentReader(b, d)));
    expect(all(new SegmentReader(b, d))[0]).toEqual(["CLP", "ABX2CD", "1", "100"]);
  });

  it("uniqueElement gives the element as written, bypassing the cache, and \"\" when absent", () => {
    const r = new SegmentReader("CLP*PCN000000001**X~", d);
    r.next();
    expect([r.uniqueElement(1), r.uniqueElement(2), r.uniqueElement(3), r.uniqueElement(4), r.uniqueElement(0)]).toEqual(["PCN000000001", "", "X", "", ""]);
    expect(r.uniqueElement(1)).toBe(r.element(1));
  });

  it("takes the new text's separators and start, and lets go of the text when released", () => {
    const r = new SegmentReader("GS*HP~", d);
    all(r);
    const pipe = { element: "|", component: ">", repetition: null, segment: "\n" };
    r.reset("xxGS|HP|A>B\nST|835\n", pipe, 2);
    expect(all(r)).toEqual([
      ["GS", "HP", "A>B"],
      ["ST", "835"],
    ]);
    expect(r.position).toBe(2);
    r.release();
    expect(r.text).toBe("");
    expect(r.next()).toBe(false);
  });
});

describe("parseCents", () => {
  it.each([
    ["541.00", 54100],
    ["-9.00", -900],
    ["150", 15000],
    ["150.5", 15050],
    [".5", 50],
    ["0.05", 5],
    ["12.340", 1234],
  ])("%s -> %i cents", (text, cents) => {
    expect(parseCents(text, 0, text.length)).toBe(cents);
  });

  it.each(["", "-", ".", "1.234", "1O0", "1,00", "+5", "1.2.3"])("%j is not an amount", (text) => {
    expect(parseCents(text, 0, text.length)).toBeNaN();
  });
});
