/**
 * A flowing text page writer for the letter-like documents (appeal letter, prior-auth request
 * packet): wrapped paragraphs, bullets, label/value pairs and headings, new pages as needed with a
 * footer and page number on each. Standard PDF fonts only (WinAnsi), so texts are cleaned first.
 */
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from "pdf-lib";

const PAGE_W = 612;
const PAGE_H = 792;
const MARGIN = 56;
const WIDTH = PAGE_W - 2 * MARGIN;
const SIZE = 10;
const LEAD = 13.5;

/** Standard PDF fonts speak WinAnsi only: map the few characters our texts use that it lacks. */
const FALLBACK: Record<string, string> = { "−": "-", "→": "->", "≥": ">=", "≤": "<=", "≠": "!=", "✓": "v", "…": "..." };

export class Writer {
  private page!: PDFPage;
  private y = 0;
  private pageNo = 0;
  private readonly charset: Set<number>;

  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
    private readonly footer: string,
  ) {
    this.charset = new Set(font.getCharacterSet());
    this.newPage();
  }

  clean(text: string): string {
    let out = "";
    for (const ch of text.replace(/\s+/g, " ")) {
      const cp = ch.codePointAt(0)!;
      out += this.charset.has(cp) ? ch : (FALLBACK[ch] ?? "?");
    }
    return out;
  }

  private newPage(): void {
    this.page = this.doc.addPage([PAGE_W, PAGE_H]);
    this.pageNo += 1;
    this.y = PAGE_H - MARGIN;
    this.page.drawText(this.clean(`${this.footer}   Page ${this.pageNo}`), { x: MARGIN, y: MARGIN / 2, size: 8, font: this.font, color: rgb(0.35, 0.35, 0.35) });
  }

  private room(h: number): void {
    if (this.y - h < MARGIN) this.newPage();
  }

  /** Starts a new page unless `lines` more lines fit on this one (keeps a short block together). */
  keepTogether(lines: number): void {
    this.room(lines * LEAD);
  }

  /** Splits a word wider than the column (a URL, a long reference) into pieces that fit. */
  private pieces(word: string, font: PDFFont, size: number, width: number): string[] {
    if (font.widthOfTextAtSize(word, size) <= width) return [word];
    const out: string[] = [];
    let cur = "";
    for (const ch of word) {
      if (cur && font.widthOfTextAtSize(cur + ch, size) > width) {
        out.push(cur);
        cur = "";
      }
      cur += ch;
    }
    if (cur) out.push(cur);
    return out;
  }

  wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const words = this.clean(text)
      .split(" ")
      .flatMap((w) => this.pieces(w, font, size, width));
    const lines: string[] = [];
    let cur = "";
    for (const w of words) {
      const next = cur ? `${cur} ${w}` : w;
      if (font.widthOfTextAtSize(next, size) <= width || !cur) cur = next;
      else {
        lines.push(cur);
        cur = w;
      }
    }
    if (cur) lines.push(cur);
    return lines;
  }

  text(text: string, opts: { bold?: boolean; size?: number; indent?: number; gap?: number } = {}): void {
    const font = opts.bold ? this.bold : this.font;
    const size = opts.size ?? SIZE;
    const indent = opts.indent ?? 0;
    for (const line of this.wrap(text, font, size, WIDTH - indent)) {
      this.room(LEAD);
      this.page.drawText(line, { x: MARGIN + indent, y: this.y - size, size, font });
      this.y -= size + (LEAD - SIZE);
    }
    this.y -= opts.gap ?? 0;
  }

  bullet(text: string): void {
    const lines = this.wrap(text, this.font, SIZE, WIDTH - 14);
    lines.forEach((line, i) => {
      this.room(LEAD);
      if (i === 0) this.page.drawText("-", { x: MARGIN + 4, y: this.y - SIZE, size: SIZE, font: this.font });
      this.page.drawText(line, { x: MARGIN + 14, y: this.y - SIZE, size: SIZE, font: this.font });
      this.y -= LEAD;
    });
  }

  /** label: value pairs in two columns */
  pairs(rows: [string, string][]): void {
    for (const [label, value] of rows) {
      const lines = this.wrap(value, this.font, SIZE, WIDTH - 150);
      lines.forEach((line, i) => {
        this.room(LEAD);
        if (i === 0) this.page.drawText(this.clean(label), { x: MARGIN, y: this.y - SIZE, size: SIZE, font: this.bold });
        this.page.drawText(line, { x: MARGIN + 150, y: this.y - SIZE, size: SIZE, font: this.font });
        this.y -= LEAD;
      });
    }
  }

  heading(text: string): void {
    this.room(LEAD * 3);
    this.y -= 8;
    this.text(text, { bold: true, size: 11 });
    this.page.drawLine({ start: { x: MARGIN, y: this.y + 2 }, end: { x: PAGE_W - MARGIN, y: this.y + 2 }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
    this.y -= 4;
  }

  space(h = LEAD): void {
    this.y -= h;
  }
}

