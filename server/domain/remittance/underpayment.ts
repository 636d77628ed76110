/**
 * Underpayment: what the payer should have allowed for a line, compared with what the 835 says it
 * allowed (AMT*B6, or charge − CO when B6 is absent).
 *
 * Expected allowed per line:
 * - Medicare (basis `medicare_asp`): the ASP payment limit of the quarter of the date of service ×
 *   units (42 CFR 414.904: the limit already is 106 % of ASP; reference table `asp_prices`, loaded
 *   quarterly from the CMS file);
 * - other payers, from the payer's contract terms: a contract rate per unit for the code in force
 *   on the date of service (`contract_rate`), or a percentage of the Medicare payment limit
 *   (`asp_percent`, e.g. 100 = Medicare rates, 110 = Medicare + 10 %).
 * A variance beyond the payer's tolerance is an underpayment with its arithmetic in words.
 * Exact: prices are thousandths of a dollar, units thousandths of a unit, percentages hundredths.
 */
import { formatDollars, formatMilli, parseMilli } from "../billing/exact";
import { inForce } from "../billing/dates";
import { formatDate } from "../format";

export const PRICING_BASES = ["medicare_asp", "asp_percent", "contract_rate", "none"] as const;
export type PricingBasis = (typeof PRICING_BASES)[number];

export const PRICING_BASIS_LABELS: Record<PricingBasis, string> = {
  medicare_asp: "Medicare ASP payment limit",
  asp_percent: "Percent of the Medicare ASP payment limit",
  contract_rate: "Contract rate per unit",
  none: "Not checked",
};

export interface ContractRate {
  /** HCPCS/CPT */
  code: string;
  /** dollars per billing unit, at most 3 decimals, as a string */
  ratePerUnit: string;
  effectiveFrom: string;
  effectiveTo: string | null;
}

export interface PricingTerms {
  basis: PricingBasis;
  /** for asp_percent: percent with at most 2 decimals, e.g. "110" */
  aspPercent: string | null;
  /** allowed may fall short of expected by this much before it counts */
  toleranceCents: number;
  rates: readonly ContractRate[];
}

export interface AspLimit {
  hcpcs: string;
  quarter: string;
  /** dollars per unit, at most 3 decimals */
  paymentLimit: string;
  effectiveFrom: string;
  effectiveTo: string;
}

export interface LineToPrice {
  code: string;
  /** units the payer adjudicated (SVC05) */
  units: number;
  serviceDate: string | null;
}

export type Expected =
  | { cents: number; basis: PricingBasis; arithmetic: string }
  | { cents: null; basis: PricingBasis; why: string };

function unitsMilli(units: number): number {
  return Math.round(Math.abs(units) * 1000);
}

/** price (thousandths of $) × units (thousandths) × percent (hundredths of %) → cents, half up. */
function priceCents(priceMilli: number, uMilli: number, pctHundredths: number): number {
  const num = BigInt(priceMilli) * BigInt(uMilli) * BigInt(pctHundredths);
  const den = 100_000_000n; // 1000 × 1000 × 10000 / 100 (cents)
  return Number((num * 2n + den) / (2n * den));
}

function percentHundredths(p: string): number {
  const m = /^(\d{1,4})(?:\.(\d{1,2}))?$/.exec(p.trim());
  if (!m) throw new Error(`not a percentage with at most 2 decimals: ${p}`);
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** "86.27" → "$86.270": a price per unit always with its three decimals, as CMS writes it. */
function price(text: string): string {
  const m = parseMilli(text);
  return `$${Math.floor(m / 1000)}.${String(m % 1000).padStart(3, "0")}`;
}

const units = (u: number) => `${formatMilli(unitsMilli(u))} unit${unitsMilli(u) === 1000 ? "" : "s"}`;

export function expectedAllowed(line: LineToPrice, terms: PricingTerms, asp: readonly AspLimit[]): Expected {
  const basis = terms.basis;
  if (basis === "none") return { cents: null, basis, why: "The payer's contract terms say underpayments are not checked." };
  if (!line.serviceDate) return { cents: null, basis, why: "The line has no date of service." };
  const dos = line.serviceDate;
  if (basis === "contract_rate") {
    const rate = terms.rates.find((r) => r.code === line.code && inForce(r, dos));
    if (!rate) return { cents: null, basis, why: `No contract rate for ${line.code} in force on ${formatDate(dos)}.` };
    const cents = priceCents(parseMilli(rate.ratePerUnit), unitsMilli(line.units), 10_000);
    return { cents, basis, arithmetic: `Contract rate for ${line.code} from ${formatDate(rate.effectiveFrom)}: ${price(rate.ratePerUnit)} per unit × ${units(line.units)} = ${formatDollars(cents)}` };
  }
  const limit = asp.find((a) => a.hcpcs === line.code && a.effectiveFrom <= dos && dos <= a.effectiveTo);
  if (!limit) return { cents: null, basis, why: `No ASP payment limit for ${line.code} covers ${formatDate(dos)}: load that quarter's CMS file in the reference data.` };
  if (basis === "medicare_asp") {
    const cents = priceCents(parseMilli(limit.paymentLimit), unitsMilli(line.units), 10_000);
    return { cents, basis, arithmetic: `ASP payment limit for ${line.code} in ${limit.quarter}: ${price(limit.paymentLimit)} per unit × ${units(line.units)} = ${formatDollars(cents)}` };
  }
  if (!terms.aspPercent) return { cents: null, basis, why: "The payer's terms give no percentage of the ASP payment limit." };
  const pct = percentHundredths(terms.aspPercent);
  const cents = priceCents(parseMilli(limit.paymentLimit), unitsMilli(line.units), pct);
  return {
    cents,
    basis,
    arithmetic: `${terms.aspPercent} % of the ASP payment limit for ${line.code} in ${limit.quarter}: ${price(limit.paymentLimit)} per unit × ${units(line.units)} × ${terms.aspPercent} % = ${formatDollars(cents)}`,
  };
}

export interface UnderpaymentCheck {
  expectedCents: number;
  allowedCents: number;
  /** expected − allowed (positive: paid less than expected) */
  varianceCents: number;
  underpaid: boolean;
  /** the whole calculation in words, for the work item and the appeal */
  arithmetic: string;
}

/**
 * Compares the payer's allowed amount for a line with the expected one. Null when nothing can be
 * expected (no price basis for the code or date) — a line with no price is not an underpayment.
 */
export function checkUnderpayment(
  line: LineToPrice & { allowedCents: number; allowedSource: "B6" | "computed" },
  terms: PricingTerms,
  asp: readonly AspLimit[],
): UnderpaymentCheck | null {
  const e = expectedAllowed(line, terms, asp);
  if (e.cents === null) return null;
  const variance = e.cents - line.allowedCents;
  const underpaid = variance > terms.toleranceCents;
  const source = line.allowedSource === "B6" ? "AMT*B6" : "charge − contractual adjustments";
  const verdict =
    variance > 0
      ? `${formatDollars(variance)} less than expected${underpaid ? "" : `, within the tolerance of ${formatDollars(terms.toleranceCents)}`}`
      : variance < 0
        ? `${formatDollars(-variance)} more than expected`
        : "exactly as expected";
  return {
    expectedCents: e.cents,
    allowedCents: line.allowedCents,
    varianceCents: variance,
    underpaid,
    arithmetic: `Expected allowed: ${e.arithmetic}. The payer allowed ${formatDollars(line.allowedCents)} (${source}): ${verdict}${underpaid ? ` (tolerance ${formatDollars(terms.toleranceCents)})` : ""}.`,
  };
}
