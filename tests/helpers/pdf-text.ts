import { inflateSync } from "node:zlib";

/**
 * The text a PDF shows, in drawing order, one string per text-showing operator: content streams are
 * inflated and their `<hex> Tj` / `(literal) Tj` operands decoded (WinAnsi ≈ latin1 for what we write).
 * Enough to test what our pdf-lib renderers put on the page.
 */
export function pdfText(bytes: Uint8Array): string[] {
  const buf = Buffer.from(bytes);
  const raw = buf.toString("latin1");
  const out: string[] = [];
  const re = /\/Filter\s*\/FlateDecode[^>]*>>\s*stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf("endstream", start);
    let text: string;
    try {
      text = inflateSync(buf.subarray(start, end)).toString("latin1");
    } catch {
      continue;
    }
    const ops = /<([0-9A-Fa-f]*)>\s*Tj|\(((?:\\.|[^\\)])*)\)\s*Tj/g;
    let o: RegExpExecArray | null;
    while ((o = ops.exec(text))) {
      if (o[1] !== undefined) out.push(Buffer.from(o[1], "hex").toString("latin1"));
      else out.push(o[2]!.replace(/\\(.)/g, "$1"));
    }
  }
  return out;
}
