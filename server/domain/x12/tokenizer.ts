/**
 * X12 tokenizer: learns the separators from the ISA header and walks segments without regular
 * expressions or per-element string copies. The 835 reader drives `SegmentReader` directly (it
 * asks for element text or cents only where it needs them); `tokenize` is the convenient
 * everything-as-strings form for tests and small files.
 *
 * Never throws on bad input: problems come back as `TokenizerProblem`s with the 1-based position
 * of the segment they concern (ISA = 1).
 */

export interface X12Delimiters {
  element: string;
  component: string;
  /** ISA11 in 5010 and later; null for 4010 files (ISA11 = "U") or when ISA11 is not usable */
  repetition: string | null;
  segment: string;
}

export interface TokenizerProblem {
  severity: "error" | "warning";
  code: string;
  message: string;
  /** 1-based position of the segment in the file (ISA = 1) */
  segment: number;
}

export interface IsaReading {
  /** null when the separators could not be learnt (nothing can be read) */
  delimiters: X12Delimiters | null;
  /** offset of the first character of the ISA (or of the first segment when guessed) */
  start: number;
  /** true when the file does not start with ISA and the separators were guessed */
  guessed: boolean;
  /** ISA01..ISA16 as written (index 0 = ISA01); empty when there is no ISA */
  isa: string[];
  problems: TokenizerProblem[];
}

const ISA_LENGTH = 106;
/** the string cache has 2^13 slots (`slice` takes the top 13 bits of a 32-bit hash) */
const CACHE_MASK = 8191;

function isAlphaNumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13;
}

function describe(ch: string): string {
  if (ch === "\n") return "LF";
  if (ch === "\r") return "CR";
  if (ch === " ") return "space";
  if (ch === "") return "nothing";
  return `"${ch}"`;
}

/** A separator must be a single printable-or-line-break character that cannot occur in data. */
function separatorProblem(ch: string, allowLineBreak: boolean): string | null {
  if (ch.length !== 1) return "missing";
  const code = ch.charCodeAt(0);
  if (isAlphaNumeric(code)) return "a letter or digit";
  if (code === 32) return "a space";
  if (isLineBreak(code) && !allowLineBreak) return "a line break";
  return null;
}

/**
 * Reads the ISA header: element separator = 4th character, component separator = ISA16,
 * segment terminator = character after ISA16, repetition separator = ISA11 (5010). The ISA is
 * split on its element separator rather than by fixed columns, so a mis-padded ISA still reads
 * (with a warning); the standard 106-character width is checked.
 */
export function readIsa(text: string): IsaReading {
  const problems: TokenizerProblem[] = [];
  let i = 0;
  const n = text.length;
  // tolerate a byte-order mark and leading blank lines
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0xfeff || c === 32 || c === 9 || isLineBreak(c)) i++;
    else break;
  }
  if (i >= n) {
    problems.push({ severity: "error", code: "X12_EMPTY", message: "The file is empty.", segment: 1 });
    return { delimiters: null, start: i, guessed: false, isa: [], problems };
  }
  if (text.startsWith("ISA", i) && i + 3 < n) {
    return readIsaAt(text, i, problems);
  }
  return guessWithoutIsa(text, i, problems);
}

function readIsaAt(text: string, start: number, problems: TokenizerProblem[]): IsaReading {
  const n = text.length;
  const element = text[start + 3] ?? "";
  const elementIssue = separatorProblem(element, false);
  if (elementIssue) {
    problems.push({
      severity: "error",
      code: "X12_BAD_ELEMENT_SEPARATOR",
      message: `ISA declares element separator ${describe(element)}, which is ${elementIssue}: the file cannot be read.`,
      segment: 1,
    });
    return { delimiters: null, start, guessed: false, isa: [], problems };
  }
  // walk the 16 ISA elements
  const isa: string[] = [];
  let p = start + 3;
  const limit = Math.min(n, start + 400);
  for (let k = 0; k < 16; k++) {
    const next = text.indexOf(element, p + 1);
    if (k < 15) {
      if (next < 0 || next >= limit) break;
      isa.push(text.slice(p + 1, next));
      p = next;
    } else {
      // ISA16 is exactly one character, the segment terminator follows it
      if (p + 1 < n) isa.push(text[p + 1] ?? "");
      p = p + 1;
    }
  }
  if (isa.length < 16) {
    problems.push({
      severity: "error",
      code: "X12_ISA_TRUNCATED",
      message: `The ISA header has ${isa.length} of its 16 elements: the file is truncated or the ISA is malformed.`,
      segment: 1,
    });
    return { delimiters: null, start, guessed: false, isa, problems };
  }
  const component = isa[15] ?? "";
  const segment = text[p + 1] ?? "";
  const componentIssue = separatorProblem(component, false);
  const segmentIssue = separatorProblem(segment, true);
  if (componentIssue || component === element) {
    problems.push({
      severity: "error",
      code: "X12_BAD_COMPONENT_SEPARATOR",
      message: `ISA16 declares component separator ${describe(component)}, which is ${componentIssue ?? "the element separator"}: the file cannot be read.`,
      segment: 1,
    });
    return { delimiters: null, start, guessed: false, isa, problems };
  }
  if (segmentIssue || segment === element || segment === component) {
    problems.push({
      severity: "error",
      code: "X12_BAD_SEGMENT_TERMINATOR",
      message: `The character after ISA16 is ${describe(segment)}, which cannot be a segment terminator (${segmentIssue ?? "it is already a separator"}): the file cannot be read.`,
      segment: 1,
    });
    return { delimiters: null, start, guessed: false, isa, problems };
  }
  // ISA11 is the repetition separator from version 00501 on ("U" before)
  let repetition: string | null = null;
  const version = isa[11] ?? "";
  const isa11 = isa[10] ?? "";
  if (version >= "00501") {
    const repIssue = separatorProblem(isa11, false);
    if (repIssue || isa11 === element || isa11 === component || isa11 === segment) {
      problems.push({
        severity: "warning",
        code: "X12_BAD_REPETITION_SEPARATOR",
        message: `ISA11 should declare the repetition separator for version ${version} but holds ${describe(isa11)} (${repIssue ?? "already used as another separator"}); repetitions are not split.`,
        segment: 1,
      });
    } else {
      repetition = isa11;
    }
  }
  const length = p + 2 - start;
  if (length !== ISA_LENGTH) {
    problems.push({
      severity: "warning",
      code: "X12_ISA_WIDTH",
      message: `The ISA header is ${length} characters long instead of the fixed ${ISA_LENGTH}; elements were read by separator.`,
      segment: 1,
    });
  }
  return { delimiters: { element, component, repetition, segment }, start, guessed: false, isa, problems };
}

function guessWithoutIsa(text: string, start: number, problems: TokenizerProblem[]): IsaReading {
  // a tag of 2-3 letters/digits followed by a separator character
  let k = start;
  while (k < text.length && k - start < 3 && isAlphaNumeric(text.charCodeAt(k))) k++;
  const element = text[k] ?? "";
  if (k - start < 2 || separatorProblem(element, false)) {
    problems.push({
      severity: "error",
      code: "X12_NO_ISA",
      message: "The file does not start with an ISA header and no X12 segment could be recognised: nothing was read.",
      segment: 1,
    });
    return { delimiters: null, start, guessed: true, isa: [], problems };
  }
  let segment = "~";
  if (text.indexOf("~", k) < 0) segment = "\n";
  const component = element === ":" ? ">" : ":";
  problems.push({
    severity: "error",
    code: "X12_NO_ISA",
    message: `The file does not start with an ISA header; separators were guessed (element ${describe(element)}, segment ${describe(segment)}).`,
    segment: 1,
  });
  return { delimiters: { element, component, repetition: null, segment }, start, guessed: true, isa: [], problems };
}

/** Numeric code of a 2- or 3-character tag, for fast `switch` dispatch. */
export function tagCode(tag: string): number {
  let code = 0;
  for (let i = 0; i < tag.length && i < 3; i++) code = (code << 8) | tag.charCodeAt(i);
  return code;
}

/**
 * Cursor over the segments of an X12 text. `next()` moves to the following segment and records
 * where its elements start; nothing is copied until `element(i)` or `tag()` is called.
 */
export class SegmentReader {
  /** the text being read; `reset` moves the reader to another text */
  text: string;
  delimiters: X12Delimiters;
  /** 1-based position of the current segment */
  position = 0;
  /** bounds of the current segment, terminator excluded */
  start = 0;
  end = 0;
  /** number of elements after the tag (trailing empty ones included as written) */
  count = 0;
  /** `tagCode` of the current tag; 0 when the tag is not 2-3 letters/digits */
  tag = 0;
  /** false when the current segment is the last and has no terminator (truncated file) */
  terminated = true;
  private cursor: number;
  /** the element separator and the segment terminator, as the one-character strings `indexOf` looks for */
  private esText: string;
  private tsText: string;
  /** the first element separator at or after the cursor once found (`next` searches past its segment's end), -1 before the first search, `text.length` when there is none */
  private nextEs = -1;
  private readonly cache: (string | undefined)[] = new Array<string | undefined>(CACHE_MASK + 1);
  /**
   * for ASCII values of 1-14 characters, at 2 × slot the exact key (see `slice`) of the value cached in
   * that slot (0 for none) and at 2 × slot + 1 that of its characters after the seventh (0 for a value
   * of 7 or fewer): side by side, so that a lookup reads one cache line
   */
  private readonly cacheKeys = new Float64Array(2 * (CACHE_MASK + 1));
  /**
   * values of one or two ASCII characters (qualifiers, codes, statuses: the most frequent elements), indexed
   * by their characters; a value's text decides its slot, so these outlive the file (and are never slices of it)
   */
  private readonly oneChar: (string | undefined)[] = new Array<string | undefined>(128);
  private readonly twoChars: (string | undefined)[] = new Array<string | undefined>(128 * 128);
  private lfTerminator: boolean;
  /** seps[0] = end of tag; seps[i] = position of the separator before element i+1 */
  private seps = new Int32Array(64);

  constructor(text: string, delimiters: X12Delimiters, start = 0) {
    this.text = text;
    this.delimiters = delimiters;
    this.cursor = start;
    this.esText = delimiters.element;
    this.tsText = delimiters.segment;
    this.lfTerminator = delimiters.segment === "\n" || delimiters.segment === "\r";
  }

  /**
   * Starts reading another text, as a new reader would. The 835 reader keeps one reader for the life
   * of the process: V8's optimized code for these methods is tied to the reader's hidden class and
   * to its cache array, and both then stay alive from one file to the next.
   */
  reset(text: string, delimiters: X12Delimiters, start = 0): void {
    this.text = text;
    this.delimiters = delimiters;
    this.cursor = start;
    this.nextEs = -1;
    this.esText = delimiters.element;
    this.tsText = delimiters.segment;
    this.lfTerminator = delimiters.segment === "\n" || delimiters.segment === "\r";
    this.position = 0;
    this.start = 0;
    this.end = 0;
    this.count = 0;
    this.tag = 0;
    this.terminated = true;
  }

  /**
   * Lets go of the text and of the cached strings that may be slices of it (13 characters or more: V8
   * makes those a view of the text, which keeps all of it alive), so that nothing of the last file
   * stays referenced. Shorter cached values are copies and stay for the next file: a value's slot and
   * key depend only on its characters, and strings kept from one file to the next are already in the
   * old generation, so the objects of the next file that hold them add nothing to the young
   * generation's remembered set.
   */
  release(): void {
    this.text = "";
    this.cursor = 0;
    this.nextEs = -1;
    const cache = this.cache;
    const keys = this.cacheKeys;
    for (let slot = 0; slot <= CACHE_MASK; slot++) {
      const value = cache[slot];
      if (value !== undefined && value.length >= 13) {
        cache[slot] = undefined;
        keys[2 * slot] = 0;
        keys[2 * slot + 1] = 0;
      }
    }
  }

  /** Moves to the next segment; false at the end of the text. Empty segments are returned (count 0, tag 0, start = end). */
  next(): boolean {
    const text = this.text;
    const n = text.length;
    let p = this.cursor;
    // line breaks after a terminator are formatting, not data
    while (p < n) {
      const c = text.charCodeAt(p);
      if (c === 10 || c === 13) p++;
      else break;
    }
    if (p >= n) {
      this.cursor = p;
      return false;
    }
    // the terminator, then the element separators before it. `indexOf` finds a character several
    // times faster than a loop over charCodeAt; the search for the next separator runs on into the
    // following segment, and what it found there is kept for that segment
    let q = text.indexOf(this.tsText, p);
    if (q < 0) q = n;
    let seps = this.seps;
    let room = seps.length - 1;
    let k = 0;
    let x = this.nextEs;
    if (x < p) {
      x = text.indexOf(this.esText, p);
      if (x < 0) x = n;
    }
    while (x < q) {
      if (k >= room) {
        const grown = new Int32Array(seps.length * 2);
        grown.set(seps);
        seps = grown;
        this.seps = seps;
        room = seps.length - 1;
      }
      seps[k++] = x;
      x = text.indexOf(this.esText, x + 1);
      if (x < 0) x = n;
    }
    this.nextEs = x;
    this.terminated = q < n;
    this.cursor = q < n ? q + 1 : n;
    let end = q;
    if (this.lfTerminator || !this.terminated) {
      while (end > p && isLineBreak(text.charCodeAt(end - 1))) end--;
      while (k > 0 && (seps[k - 1] as number) >= end) k--;
    }
    this.start = p;
    this.end = end;
    this.position++;
    if (k === 0) {
      seps[0] = end;
      this.count = 0;
    } else {
      seps[k] = end;
      this.count = k;
    }
    // tag: 2 or 3 capital letters / digits
    const tagEnd = seps[0] as number;
    const tagLength = tagEnd - p;
    let code = 0;
    if (tagLength === 2 || tagLength === 3) {
      for (let i = p; i < tagEnd; i++) {
        const c = text.charCodeAt(i);
        if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) {
          code = 0;
          break;
        }
        code = (code << 8) | c;
      }
    }
    this.tag = code;
    return true;
  }

  /**
   * text[s, e) as a string. Short values (codes, qualifiers, dates, names) repeat all over a
   * remittance, so they come from a small direct-mapped cache instead of a new string each time:
   * fewer allocations, less garbage, and the parsed result shares the strings.
   */
  slice(s: number, e: number): string {
    const len = e - s;
    if (len <= 0) return "";
    if (len > 16) return this.text.slice(s, e);
    const text = this.text;
    if (len <= 2) {
      const c0 = text.charCodeAt(s);
      if (len === 1) {
        if (c0 < 128) return this.oneChar[c0] ?? (this.oneChar[c0] = text.slice(s, e));
      } else {
        const c1 = text.charCodeAt(s + 1);
        if ((c0 | c1) < 128) {
          const k = (c0 << 7) | c1;
          return this.twoChars[k] ?? (this.twoChars[k] = text.slice(s, e));
        }
      }
    }
    if (len <= 7) {
      // most values are 1-7 ASCII characters (qualifiers, codes, reasons): read once into an exact key,
      // 7 bits a character after a leading 1 (below 2^50), so that a hit is one comparison of numbers
      // instead of a loop over both strings
      let key = 1;
      let j = s;
      for (; j < e; j++) {
        const c = text.charCodeAt(j);
        if (c > 127) break;
        key = key * 128 + c;
      }
      if (j === e) {
        const slot = Math.imul((key >>> 0) ^ Math.imul((key / 4294967296) | 0, 0x9e3779b1), 0x85ebca6b) >>> 19;
        const keys = this.cacheKeys;
        if (keys[2 * slot] === key && keys[2 * slot + 1] === 0) return this.cache[slot] as string;
        const value = text.slice(s, e);
        this.cache[slot] = value;
        keys[2 * slot] = key;
        keys[2 * slot + 1] = 0;
        return value;
      }
    } else if (len <= 14) {
      // names and identifiers of 8-14 ASCII characters: the first 7 in one key, the rest in another
      let key = 1;
      let rest = 1;
      let j = s;
      const mid = s + 7;
      for (; j < mid; j++) {
        const c = text.charCodeAt(j);
        if (c > 127) break;
        key = key * 128 + c;
      }
      if (j === mid) {
        for (; j < e; j++) {
          const c = text.charCodeAt(j);
          if (c > 127) break;
          rest = rest * 128 + c;
        }
      }
      if (j === e) {
        const h = (key >>> 0) ^ Math.imul((key / 4294967296) | 0, 0x9e3779b1) ^ Math.imul((rest >>> 0) ^ Math.imul((rest / 4294967296) | 0, 0x85ebca6b), 0xc2b2ae35);
        const slot = Math.imul(h, 0x27d4eb2f) >>> 19;
        const keys = this.cacheKeys;
        if (keys[2 * slot] === key && keys[2 * slot + 1] === rest) return this.cache[slot] as string;
        const value = text.slice(s, e);
        this.cache[slot] = value;
        keys[2 * slot] = key;
        keys[2 * slot + 1] = rest;
        return value;
      }
    }
    // a cheap hash (length, two first and two last characters); startsWith confirms the hit
    let h = Math.imul(len ^ text.charCodeAt(s), 16777619);
    h = Math.imul(h ^ text.charCodeAt(e - 1), 16777619);
    if (len > 2) {
      h = Math.imul(h ^ text.charCodeAt(s + 1), 16777619);
      h = Math.imul(h ^ text.charCodeAt(e - 2), 16777619);
    }
    const slot = (h >>> 17) & CACHE_MASK;
    const cached = this.cache[slot];
    if (cached !== undefined && cached.length === len) {
      // an inline comparison: short values, and a call into startsWith costs more than the loop
      let k = 0;
      while (k < len && cached.charCodeAt(k) === text.charCodeAt(s + k)) k++;
      if (k === len) return cached;
    }
    const value = text.slice(s, e);
    this.cache[slot] = value;
    this.cacheKeys[2 * slot] = 0;
    return value;
  }

  /**
   * Element i as written, "" when absent, always a new string: for values that differ from segment to
   * segment (claim and line control numbers, payer claim numbers), where the cache would only
   * cost a lookup and evict values that do repeat.
   */
  uniqueElement(i: number): string {
    if (i < 1 || i > this.count) return "";
    return this.text.slice((this.seps[i - 1] as number) + 1, this.seps[i] as number);
  }

  /** Tag text as written (e.g. "CLP"). */
  tagText(): string {
    return this.text.slice(this.start, this.seps[0]);
  }

  /** Start offset of element i (1-based); only valid for i <= count. */
  elementStart(i: number): number {
    return (this.seps[i - 1] as number) + 1;
  }

  /** End offset (exclusive) of element i. */
  elementEnd(i: number): number {
    return this.seps[i] as number;
  }

  /** Element i as written, "" when absent. */
  element(i: number): string {
    if (i < 1 || i > this.count) return "";
    return this.slice((this.seps[i - 1] as number) + 1, this.seps[i] as number);
  }

  /** True when element i is present and not empty. */
  has(i: number): boolean {
    return i >= 1 && i <= this.count && (this.seps[i] as number) > (this.seps[i - 1] as number) + 1;
  }

  /** Element i compared with a literal without copying. */
  elementIs(i: number, value: string): boolean {
    if (i < 1 || i > this.count) return value === "";
    const s = (this.seps[i - 1] as number) + 1;
    const e = this.seps[i] as number;
    return e - s === value.length && this.text.startsWith(value, s);
  }

  /** The whole current segment as written, for messages. */
  raw(): string {
    return this.text.slice(this.start, this.end);
  }

  /**
   * Element i as integer cents. Returns `undefined` when absent or empty, NaN when it is not an
   * X12 decimal with at most 2 significant decimals (extra decimals must be zeros).
   */
  cents(i: number): number | undefined {
    if (!this.has(i)) return undefined;
    return parseCents(this.text, (this.seps[i - 1] as number) + 1, this.seps[i] as number);
  }
}

/** Parses an X12 decimal (`-12.5`, `541.00`, `.50`) in text[s, e) into integer cents; NaN if malformed. */
export function parseCents(text: string, s: number, e: number): number {
  let i = s;
  let negative = false;
  if (i < e && text.charCodeAt(i) === 45) {
    negative = true;
    i++;
  }
  let whole = 0;
  let digits = 0;
  while (i < e) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    whole = whole * 10 + (c - 48);
    digits++;
    i++;
  }
  let fraction = 0;
  let fractionDigits = 0;
  if (i < e && text.charCodeAt(i) === 46) {
    i++;
    while (i < e) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) return NaN;
      if (fractionDigits < 2) fraction = fraction * 10 + (c - 48);
      else if (c !== 48) return NaN;
      fractionDigits++;
      i++;
    }
    if (fractionDigits === 0 && digits === 0) return NaN;
  }
  if (i !== e || (digits === 0 && fractionDigits === 0) || digits > 13) return NaN;
  if (fractionDigits === 1) fraction *= 10;
  const value = whole * 100 + fraction;
  return negative ? -value : value;
}

export interface TokenizedX12 {
  delimiters: X12Delimiters | null;
  /** each segment as [tag, element1, element2, ...] */
  segments: string[][];
  problems: TokenizerProblem[];
}

/** Splits a whole X12 text into string arrays (convenient form for tests and small files). */
export function tokenize(text: string): TokenizedX12 {
  const isa = readIsa(text);
  const segments: string[][] = [];
  if (!isa.delimiters) return { delimiters: null, segments, problems: isa.problems };
  const reader = new SegmentReader(text, isa.delimiters, isa.start);
  while (reader.next()) {
    const seg: string[] = [reader.tagText()];
    for (let i = 1; i <= reader.count; i++) seg.push(reader.element(i));
    segments.push(seg);
    if (!reader.terminated) {
      isa.problems.push({
        severity: "error",
        code: "X12_TRUNCATED",
        message: `The file ends inside segment ${reader.position} (${describe(reader.tagText())}) without a segment terminator: it looks truncated.`,
        segment: reader.position,
      });
    }
  }
  return { delimiters: isa.delimiters, segments, problems: isa.problems };
}

/** Splits a composite element on the component separator. */
export function splitComponents(value: string, delimiters: X12Delimiters): string[] {
  return value.split(delimiters.component);
}
