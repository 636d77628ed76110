/**
 * Vial choice: the combination of package sizes that covers a dose with the least drug opened
 * (ties: fewest vials). Sizes are few (2 for durvalumab), so an exact enumeration is cheaper than
 * a DP table and needs no size bound.
 */
import { formatMg } from "./exact";

export interface VialOption {
  ndc11: string;
  /** thousandths of a mg per package */
  mgMilli: number;
  billableUnits: number;
}

export interface VialChoice {
  vials: { ndc11: string; count: number; mgMilli: number; billableUnits: number }[];
  totalMgMilli: number;
  totalUnits: number;
  vialCount: number;
}

interface SearchState {
  sizes: VialOption[];
  counts: number[];
  best: number[];
  bestTotal: number;
  bestVials: number;
}

function search(st: SearchState, i: number, remaining: number, total: number, vials: number): void {
  const size = st.sizes[i]!.mgMilli;
  if (i === st.sizes.length - 1) {
    const c = remaining > 0 ? Math.ceil(remaining / size) : 0;
    const t = total + c * size;
    const v = vials + c;
    if (t < st.bestTotal || (t === st.bestTotal && v < st.bestVials)) {
      st.counts[i] = c;
      st.bestTotal = t;
      st.bestVials = v;
      for (let k = 0; k < st.counts.length; k++) st.best[k] = st.counts[k]!;
    }
    return;
  }
  const max = remaining > 0 ? Math.ceil(remaining / size) : 0;
  for (let c = max; c >= 0; c--) {
    st.counts[i] = c;
    search(st, i + 1, remaining - c * size, total + c * size, vials + c);
  }
  st.counts[i] = 0;
}

function byMgDesc(a: VialOption, b: VialOption): number {
  return b.mgMilli - a.mgMilli;
}

/** Least-waste covering combination for `doseMilli` (thousandths of a mg); null if no sizes. */
export function chooseVials(doseMilli: number, options: readonly VialOption[]): VialChoice | null {
  const sizes: VialOption[] = [];
  for (const o of options) if (o.mgMilli > 0) sizes.push(o);
  if (sizes.length === 0) return null;
  sizes.sort(byMgDesc);
  const n = sizes.length;
  const st: SearchState = { sizes, counts: new Array<number>(n).fill(0), best: new Array<number>(n).fill(0), bestTotal: Infinity, bestVials: Infinity };
  search(st, 0, Math.max(0, doseMilli), 0, 0);
  const vials: VialChoice["vials"] = [];
  let totalUnits = 0;
  for (let i = 0; i < n; i++) {
    const c = st.best[i]!;
    if (c > 0) {
      const s = sizes[i]!;
      vials.push({ ndc11: s.ndc11, count: c, mgMilli: s.mgMilli, billableUnits: s.billableUnits });
      totalUnits += c * s.billableUnits;
    }
  }
  return { vials, totalMgMilli: st.bestTotal, totalUnits, vialCount: st.bestVials };
}

/** Largest whole-vial amount not above the dose (for a rounding-down suggestion); 0 if none. */
export function largestVialAmountAtMost(doseMilli: number, options: readonly VialOption[]): number {
  const sizes = options.filter((o) => o.mgMilli > 0).map((o) => o.mgMilli);
  if (sizes.length === 0 || doseMilli <= 0) return 0;
  let best = 0;
  const visit = (i: number, total: number): void => {
    if (total > best) best = total;
    if (i === sizes.length) return;
    const size = sizes[i]!;
    for (let c = 0; total + c * size <= doseMilli; c++) visit(i + 1, total + c * size);
  };
  visit(0, 0);
  return best;
}

/** "3 × 500 mg + 1 × 120 mg" for messages. */
export function describeVials(vials: { count: number; mgMilli: number }[]): string {
  if (vials.length === 0) return "no vials";
  return vials.map((v) => `${v.count} × ${formatMgShort(v.mgMilli)}`).join(" + ");
}

function formatMgShort(milli: number): string {
  return formatMg(milli);
}
