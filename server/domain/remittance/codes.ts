/**
 * X12 835 code lists the posting needs to read a remittance (not billing rules): claim status
 * (CLP02) meanings, provider-level adjustment reasons (PLB03-1), the remark codes payers use to say
 * a claim was crossed over. Wording after the 005010X221A1 code lists (reference.md §6.2).
 */
import type { PayerSequence } from "./types";

export const CLAIM_STATUS_TEXT: Record<string, string> = {
  "1": "Processed as primary",
  "2": "Processed as secondary",
  "3": "Processed as tertiary",
  "4": "Denied",
  "19": "Processed as primary, forwarded to additional payer(s)",
  "20": "Processed as secondary, forwarded to additional payer(s)",
  "21": "Processed as tertiary, forwarded to additional payer(s)",
  "22": "Reversal of previous payment",
  "23": "Not our claim, forwarded to additional payer(s)",
  "25": "Predetermination pricing only, no payment",
};

export function claimStatusText(code: string): string {
  return CLAIM_STATUS_TEXT[code] ?? `Claim status ${code}`;
}

/** CLP02 → the payer position the payer adjudicated the claim in. */
export function sequenceOfStatus(code: string): PayerSequence | null {
  if (code === "1" || code === "19") return "primary";
  if (code === "2" || code === "20") return "secondary";
  if (code === "3" || code === "21") return "tertiary";
  return null;
}

export const FORWARDED_STATUSES: ReadonlySet<string> = new Set(["19", "20", "21"]);
/** MA18 "claim information also forwarded to the supplemental insurer", N89 "forwarded to more than one other payer". */
export const CROSSOVER_REMARKS: ReadonlySet<string> = new Set(["MA18", "N89"]);

/** CARC 253 (sequestration) reduces the payment after the allowed amount is set. */
export const SEQUESTRATION_CARC = "253";

export const PLB_REASON_TEXT: Record<string, string> = {
  "50": "Late charge",
  "51": "Interest penalty charge",
  "72": "Authorized return",
  "90": "Early payment allowance",
  AH: "Origination fee",
  AM: "Applied to borrower's account",
  AP: "Acceleration of benefits",
  B2: "Rebate",
  B3: "Recovery allowance",
  BD: "Bad debt adjustment",
  BN: "Bonus",
  C5: "Temporary allowance",
  CR: "Capitation interest",
  CS: "Adjustment",
  CT: "Capitation payment",
  CV: "Capital passthru",
  CW: "Certified registered nurse anesthetist passthru",
  DM: "Direct medical education passthru",
  E3: "Withholding",
  FB: "Forwarding balance",
  FC: "Fund allocation",
  GO: "Graduate medical education passthru",
  HM: "Hemophilia clotting factor supplement",
  IP: "Incentive premium payment",
  IR: "Internal Revenue Service withholding",
  IS: "Interim settlement",
  J1: "Nonreimbursable",
  L3: "Penalty",
  L6: "Interest owed",
  LE: "Levy",
  LS: "Lump sum",
  OA: "Organ acquisition passthru",
  OB: "Offset for affiliated providers",
  PI: "Periodic interim payment",
  PL: "Payment final",
  RA: "Retro-activity adjustment",
  RE: "Return on equity",
  SL: "Student loan repayment",
  TL: "Third party liability",
  WO: "Overpayment recovery",
  WU: "Unspent funds",
};

export function plbReasonText(code: string): string {
  return PLB_REASON_TEXT[code] ?? `Provider adjustment ${code}`;
}
