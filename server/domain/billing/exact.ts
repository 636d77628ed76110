/**
 * Exact arithmetic helpers. Drug amounts are integers in thousandths of a mg ("milli"), volumes in
 * thousandths of a mL, money in integer cents (prices per unit in thousandths of a dollar, because
 * CMS limits carry 3 decimals). Floats only appear at the output edge.
 */

/** "2.4" -> 2400; "10" -> 10000. Throws on malformed input (reference data is validated first). */
export function parseMilli(text: string): number {
  const m = /^(\d+)(?:\.(\d{1,3}))?$/.exec(text);
  if (!m) throw new Error(`not a decimal with at most 3 decimals: ${text}`);
  return Number(m[1]) * 1000 + Number((m[2] ?? "").padEnd(3, "0"));
}

/** A JSON number with at most 3 decimals -> thousandths, or null if it has more decimals. */
export function numberToMilli(x: number): number | null {
  if (!Number.isFinite(x)) return null;
  const scaled = x * 1000;
  const r = Math.round(scaled);
  return Math.abs(r - scaled) < 1e-6 * Math.max(1, Math.abs(scaled)) ? r : null;
}

/** True when x has at most `decimals` decimals (as a JSON number). */
export function hasAtMostDecimals(x: number, decimals: number): boolean {
  const f = 10 ** decimals;
  const scaled = x * f;
  return Math.abs(Math.round(scaled) - scaled) < 1e-6 * Math.max(1, Math.abs(scaled));
}

export function ceilDiv(a: number, b: number): number {
  return Math.floor((a + b - 1) / b);
}

/** a*b/c rounded half up, all non-negative integers whose product stays below 2^53. */
export function mulDivRound(a: number, b: number, c: number): number {
  return Math.floor((a * b * 2 + c) / (2 * c));
}

/** 2400 -> "2.4"; 30000 -> "30"; 667 -> "0.667". */
export function formatMilli(milli: number): string {
  const neg = milli < 0;
  const v = Math.abs(milli);
  const int = Math.floor(v / 1000);
  const frac = v % 1000;
  const s = frac === 0 ? String(int) : `${int}.${String(frac).padStart(3, "0").replace(/0+$/, "")}`;
  return neg ? `-${s}` : s;
}

/** thousandths -> number (output edge only). */
export function milliToNumber(milli: number): number {
  return milli / 1000;
}

/** cents -> dollars number (output edge only). */
export function centsToDollars(cents: number): number {
  return cents / 100;
}

/** 2250000 -> "$22,500.00" for messages. */
export function formatDollars(cents: number): string {
  const neg = cents < 0;
  const v = Math.abs(cents);
  const dollars = String(Math.floor(v / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${neg ? "-" : ""}$${dollars}.${String(v % 100).padStart(2, "0")}`;
}

/** mg in thousandths -> "673 mg" / "67.3 mg" for messages. */
export function formatMg(milli: number): string {
  return `${formatMilli(milli)} mg`;
}
