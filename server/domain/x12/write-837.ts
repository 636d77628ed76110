/**
 * 837 writer: 837P (005010X222A1) and 837I (005010X223A2) for one claim in one interchange.
 * It formats and validates; billing decisions (units, modifiers, NDC quantity) are made before.
 * An impossible claim throws a DomainError whose `field` names the offending input.
 */
import { DomainError } from "@/server/domain/errors";
import {
  ADJUSTMENT_GROUPS_837,
  NDC_UNITS_837,
  type Address837,
  type Adjustment837,
  type Claim837,
  type ClaimLine837,
  type Envelope837,
  type OtherPayer837,
  type Person837,
  type Separators837,
} from "./claim-837";

export const VERSION_837P = "005010X222A1";
export const VERSION_837I = "005010X223A2";

const DEFAULT_SEPARATORS: Separators837 = { element: "*", component: ":", repetition: "^", segment: "~" };

const FREQUENCY_CODE = { original: "1", replacement: "7", void: "8" } as const;

type Element = string | string[] | undefined;

function fail(code: string, message: string, field: string): never {
  throw new DomainError(code, message, { field });
}

/** Cents to an X12 decimal without trailing zeros: 2280000 -> "22800", 15050 -> "150.5". */
export function formatAmount(cents: number): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  let text = String(whole);
  if (frac !== 0) text += frac % 10 === 0 ? `.${frac / 10}` : `.${frac < 10 ? "0" : ""}${frac}`;
  return negative ? `-${text}` : text;
}

/** "030.500" -> "30.5"; null when not a positive decimal with at most 8 integer and 3 decimal digits. */
export function normalizeQuantity(value: string): string | null {
  const m = /^(\d{1,8})(?:\.(\d{0,3}))?$/.exec(value.trim());
  if (!m) return null;
  const whole = String(Number(m[1]));
  const frac = (m[2] ?? "").replace(/0+$/, "");
  if (whole === "0" && frac === "") return null;
  return frac ? `${whole}.${frac}` : whole;
}

function formatUnits(units: number, field: string): string {
  if (typeof units !== "number" || !Number.isFinite(units) || units <= 0 || units >= 1e8) {
    fail("X12_UNITS", `Units must be a positive number below 100,000,000 (got ${String(units)}).`, field);
  }
  const scaled = Math.round(units * 1000);
  if (Math.abs(scaled - units * 1000) > 1e-6) fail("X12_UNITS", `Units ${units} have more than 3 decimals.`, field);
  const q = normalizeQuantity((scaled / 1000).toFixed(3));
  if (q === null) fail("X12_UNITS", `Units ${units} cannot be written.`, field);
  return q;
}

function isoToDate8(value: string, field: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? "");
  if (!m) fail("X12_DATE", `"${String(value)}" is not an ISO date (YYYY-MM-DD).`, field);
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) {
    fail("X12_DATE", `${value} is not a calendar date.`, field);
  }
  return `${y}${mo}${d}`;
}

function timeToHhmm(value: string, field: string): string {
  const m = /^([01]\d|2[0-3]):?([0-5]\d)$/.exec(value ?? "");
  if (!m) fail("X12_TIME", `"${String(value)}" is not a time (HH:MM).`, field);
  return `${m[1]}${m[2]}`;
}

class SegmentWriter {
  readonly segments: string[] = [];
  private readonly reserved: string[];

  constructor(private readonly sep: Separators837) {
    this.reserved = [sep.element, sep.component, sep.repetition, sep.segment];
  }

  /** Checks a value for characters that would break the file and returns it trimmed. */
  value(raw: string | undefined, field: string, opts: { required?: boolean; max?: number } = {}): string {
    const v = (raw ?? "").trim();
    if (opts.required && v === "") fail("X12_REQUIRED", `${field} is required.`, field);
    for (const r of this.reserved) {
      if (v.includes(r)) fail("X12_SEPARATOR_IN_VALUE", `${field} "${v}" contains "${r}", which is a separator in this file.`, field);
    }
    if (/[\r\n]/.test(v)) fail("X12_SEPARATOR_IN_VALUE", `${field} contains a line break.`, field);
    if (opts.max !== undefined && v.length > opts.max) fail("X12_TOO_LONG", `${field} "${v}" is longer than ${opts.max} characters.`, field);
    return v;
  }

  add(tag: string, ...elements: Element[]): void {
    const parts: string[] = [];
    for (const e of elements) {
      if (Array.isArray(e)) {
        let n = e.length;
        while (n > 0 && !e[n - 1]) n--;
        parts.push(e.slice(0, n).join(this.sep.component));
      } else parts.push(e ?? "");
    }
    let n = parts.length;
    while (n > 0 && parts[n - 1] === "") n--;
    const body = parts.slice(0, n);
    this.segments.push(body.length ? tag + this.sep.element + body.join(this.sep.element) : tag);
  }
}

function resolveSeparators(envelope: Envelope837): Separators837 {
  const s: Separators837 = { ...DEFAULT_SEPARATORS, ...(envelope.separators ?? {}) };
  const all = [s.element, s.component, s.repetition, s.segment];
  for (const [name, ch] of Object.entries(s)) {
    if (typeof ch !== "string" || ch.length !== 1 || /[A-Za-z0-9 ]/.test(ch)) {
      fail("X12_SEPARATOR", `The ${name} separator must be one character that is not a letter, digit or space (got "${String(ch)}").`, `envelope.separators.${name}`);
    }
    if (name !== "segment" && /[\r\n]/.test(ch)) {
      fail("X12_SEPARATOR", `The ${name} separator cannot be a line break.`, `envelope.separators.${name}`);
    }
  }
  if (new Set(all).size !== 4) fail("X12_SEPARATOR", "The four separators must be different characters.", "envelope.separators");
  return s;
}

function controlNumber(n: number, field: string): string {
  if (!Number.isInteger(n) || n < 1 || n > 999_999_999) fail("X12_CONTROL_NUMBER", `${field} must be an integer from 1 to 999999999 (got ${String(n)}).`, field);
  return String(n);
}

/**
 * Writes one claim as an 837P or 837I interchange (ISA..IEA). Segments end with the segment
 * terminator and no line break.
 */
export function write837(claim: Claim837, envelope: Envelope837): string {
  const institutional = claim.claimType === "institutional";
  if (claim.claimType !== "professional" && !institutional) {
    fail("X12_CLAIM_TYPE", `claimType must be "professional" or "institutional" (got "${String(claim.claimType)}").`, "claimType");
  }
  const version = institutional ? VERSION_837I : VERSION_837P;
  const sep = resolveSeparators(envelope);
  const w = new SegmentWriter(sep);
  const c = claim.claim;

  // ---- envelope values
  const senderId = w.value(envelope.senderId, "envelope.senderId", { required: true, max: 15 });
  const receiverId = w.value(envelope.receiverId, "envelope.receiverId", { required: true, max: 15 });
  const senderQualifier = w.value(envelope.senderQualifier ?? "ZZ", "envelope.senderQualifier", { required: true, max: 2 });
  const receiverQualifier = w.value(envelope.receiverQualifier ?? "ZZ", "envelope.receiverQualifier", { required: true, max: 2 });
  const appSender = w.value(envelope.applicationSenderCode ?? senderId, "envelope.applicationSenderCode", { required: true, max: 15 });
  const appReceiver = w.value(envelope.applicationReceiverCode ?? receiverId, "envelope.applicationReceiverCode", { required: true, max: 15 });
  const icn = controlNumber(envelope.interchangeControlNumber, "envelope.interchangeControlNumber").padStart(9, "0");
  const gcn = controlNumber(envelope.groupControlNumber, "envelope.groupControlNumber");
  const stcn = w.value(envelope.transactionSetControlNumber, "envelope.transactionSetControlNumber", { required: true, max: 9 });
  if (!/^\d{4,9}$/.test(stcn)) fail("X12_CONTROL_NUMBER", `The transaction set control number must be 4 to 9 digits (got "${stcn}").`, "envelope.transactionSetControlNumber");
  const date8 = isoToDate8(envelope.creationDate, "envelope.creationDate");
  const hhmm = timeToHhmm(envelope.creationTime, "envelope.creationTime");
  if (envelope.usage !== "T" && envelope.usage !== "P") fail("X12_USAGE", `usage must be "T" or "P" (got "${String(envelope.usage)}").`, "envelope.usage");
  const batchRef = w.value(envelope.batchReference ?? stcn, "envelope.batchReference", { required: true, max: 50 });
  const txType = envelope.transactionType ?? "CH";
  if (txType !== "CH" && txType !== "RP") fail("X12_TRANSACTION_TYPE", `transactionType must be CH or RP.`, "envelope.transactionType");

  // ---- claim-level checks that do not belong to one segment
  const frequency = FREQUENCY_CODE[c.frequency];
  if (!frequency) fail("X12_FREQUENCY", `frequency must be original, replacement or void (got "${String(c.frequency)}").`, "claim.frequency");
  const payerClaimNumber = w.value(c.payerClaimNumber, "claim.payerClaimNumber", { max: 50 });
  if (frequency !== "1" && payerClaimNumber === "") {
    fail(
      "X12_PAYER_CLAIM_NUMBER_REQUIRED",
      `A ${c.frequency} claim (frequency ${frequency}) must carry the payer claim control number of the claim it ${c.frequency === "void" ? "voids" : "replaces"} (REF*F8).`,
      "claim.payerClaimNumber",
    );
  }
  const pcn = w.value(c.patientControlNumber, "claim.patientControlNumber", { required: true, max: 20 });
  if (!Array.isArray(c.lines) || c.lines.length === 0) fail("X12_NO_LINES", "A claim needs at least one service line.", "claim.lines");
  const maxLines = institutional ? 999 : 50;
  if (c.lines.length > maxLines) fail("X12_TOO_MANY_LINES", `An ${institutional ? "837I" : "837P"} claim holds at most ${maxLines} service lines (got ${c.lines.length}); split the claim.`, "claim.lines");
  const diagnoses = (c.diagnoses ?? []).map((d, i) => {
    const v = w.value(d, `claim.diagnoses.${i}`, { required: true });
    if (v.includes(".")) fail("X12_DIAGNOSIS_FORMAT", `Diagnosis ${v} must be written without the dot (${v.replace(".", "")}).`, `claim.diagnoses.${i}`);
    if (!/^[A-Z][0-9][0-9A-Z]{1,5}$/.test(v)) fail("X12_DIAGNOSIS_FORMAT", `Diagnosis "${v}" is not an ICD-10-CM code (letter, digit, then 1 to 5 letters/digits, no dot).`, `claim.diagnoses.${i}`);
    return v;
  });
  if (diagnoses.length === 0) fail("X12_DIAGNOSIS_REQUIRED", "A claim needs at least one diagnosis.", "claim.diagnoses");
  if (diagnoses.length > 12) fail("X12_TOO_MANY_DIAGNOSES", `At most 12 diagnoses fit on a claim (got ${diagnoses.length}).`, "claim.diagnoses");
  if (new Set(diagnoses).size !== diagnoses.length) fail("X12_DUPLICATE_DIAGNOSIS", "A diagnosis is listed twice.", "claim.diagnoses");
  const claimAuth = w.value(c.priorAuthNumber, "claim.priorAuthNumber", { max: 50 });

  let placeOrBill: string;
  if (institutional) {
    const tob = w.value(c.typeOfBill, "claim.typeOfBill", { required: true });
    if (!/^0?\d{3}$/.test(tob)) fail("X12_TYPE_OF_BILL", `Type of bill "${tob}" must be 4 digits with a leading 0, e.g. 0131.`, "claim.typeOfBill");
    const digits = tob.length === 4 ? tob.slice(1) : tob;
    // CLM05-1 carries facility type + classification; the frequency digit goes to CLM05-3
    placeOrBill = digits.slice(0, 2);
  } else {
    const pos = w.value(c.placeOfService, "claim.placeOfService", { required: true });
    if (!/^\d{2}$/.test(pos)) fail("X12_PLACE_OF_SERVICE", `Place of service "${pos}" must be 2 digits, e.g. 11.`, "claim.placeOfService");
    placeOrBill = pos;
  }

  // lines first: the claim total is their sum
  let totalCents = 0;
  const lineDates: string[] = [];
  c.lines.forEach((line, i) => {
    const f = `claim.lines.${i}`;
    if (!Number.isInteger(line.chargeCents) || line.chargeCents < 0) {
      fail("X12_CHARGE", `Line ${i + 1} charge must be a whole number of cents, zero or more (got ${String(line.chargeCents)}).`, `${f}.chargeCents`);
    }
    totalCents += line.chargeCents;
    lineDates.push(isoToDate8(line.dateOfService, `${f}.dateOfService`));
  });
  if (totalCents > 99_999_999_999) fail("X12_CHARGE", "The claim total is too large to write.", "claim.lines");
  const sortedDates = [...lineDates].sort();

  // ---- ISA / GS / ST / BHT
  const isa = [
    "ISA",
    "00",
    " ".repeat(10),
    "00",
    " ".repeat(10),
    senderQualifier.padEnd(2, " "),
    senderId.padEnd(15, " "),
    receiverQualifier.padEnd(2, " "),
    receiverId.padEnd(15, " "),
    date8.slice(2),
    hhmm,
    sep.repetition,
    "00501",
    icn,
    envelope.acknowledgmentRequested ? "1" : "0",
    envelope.usage,
    sep.component,
  ].join(sep.element);
  const gs = ["GS", "HC", appSender, appReceiver, date8, hhmm, gcn, "X", version].join(sep.element);

  w.add("ST", "837", stcn, version);
  w.add("BHT", "0019", "00", batchRef, date8, hhmm, txType);

  // ---- 1000A submitter, 1000B receiver
  const s = claim.submitter;
  w.add("NM1", "41", "2", w.value(s.name, "submitter.name", { required: true, max: 60 }), "", "", "", "", "46", w.value(s.id, "submitter.id", { required: true, max: 80 }));
  const phone = w.value(s.phone, "submitter.phone");
  const email = w.value(s.email, "submitter.email");
  if (phone && !/^\d{10,}$/.test(phone)) fail("X12_PHONE", `Submitter phone "${phone}" must be digits only, area code included.`, "submitter.phone");
  if (!phone && !email) fail("X12_REQUIRED", "The submitter contact needs a phone number or an email address.", "submitter.phone");
  const per: Element[] = ["IC", w.value(s.contactName, "submitter.contactName", { required: true, max: 60 })];
  if (phone) per.push("TE", phone);
  if (email) per.push("EM", email);
  w.add("PER", ...per);
  w.add("NM1", "40", "2", w.value(claim.receiver.name, "receiver.name", { required: true, max: 60 }), "", "", "", "", "46", w.value(claim.receiver.id, "receiver.id", { required: true, max: 80 }));

  // ---- 2000A / 2010AA billing provider
  const bp = claim.billingProvider;
  w.add("HL", "1", "", "20", "1");
  const bpTaxonomy = w.value(bp.taxonomy, "billingProvider.taxonomy");
  if (bpTaxonomy) {
    checkTaxonomy(bpTaxonomy, "billingProvider.taxonomy");
    w.add("PRV", "BI", "PXC", bpTaxonomy);
  }
  w.add("NM1", "85", "2", w.value(bp.name, "billingProvider.name", { required: true, max: 60 }), "", "", "", "", "XX", npi(w, bp.npi, "billingProvider.npi"));
  writeAddress(w, bp.address, "billingProvider.address", true);
  const tin = w.value(bp.tin, "billingProvider.tin", { required: true });
  if (!/^\d{9}$/.test(tin)) fail("X12_TIN", `Billing provider TIN "${tin}" must be 9 digits without a hyphen.`, "billingProvider.tin");
  w.add("REF", "EI", tin);

  // ---- 2000B subscriber, 2010BA, 2010BB payer
  const patientIsSubscriber = !claim.patient;
  const sub = claim.subscriber;
  const payer = claim.payer;
  w.add("HL", "2", "1", "22", patientIsSubscriber ? "0" : "1");
  const responsibility = payer.responsibility ?? "P";
  if (!["P", "S", "T"].includes(responsibility)) fail("X12_PAYER_RESPONSIBILITY", "payer.responsibility must be P, S or T.", "payer.responsibility");
  const filing = w.value(payer.claimFilingIndicator, "payer.claimFilingIndicator", { required: true });
  if (!/^[A-Z0-9]{2}$/.test(filing)) fail("X12_FILING_INDICATOR", `Claim filing indicator "${filing}" must be a 2-character code such as CI, MB or MC.`, "payer.claimFilingIndicator");
  w.add("SBR", responsibility, patientIsSubscriber ? "18" : "", w.value(sub.groupNumber, "subscriber.groupNumber", { max: 50 }), "", "", "", "", "", filing);
  writePersonName(w, "IL", sub, "subscriber", w.value(sub.memberId, "subscriber.memberId", { required: true, max: 80 }));
  writeAddress(w, sub.address, "subscriber.address", false);
  if (patientIsSubscriber) writeDemographics(w, sub, "subscriber");
  w.add("NM1", "PR", "2", w.value(payer.name, "payer.name", { required: true, max: 60 }), "", "", "", "", "PI", w.value(payer.id, "payer.id", { required: true, max: 80 }));

  // ---- 2000C / 2010CA patient, only when not the subscriber
  if (claim.patient) {
    const p = claim.patient;
    const rel = w.value(p.relationship, "patient.relationship", { required: true });
    if (!["01", "19", "20", "21", "39", "40", "53", "G8"].includes(rel)) fail("X12_RELATIONSHIP", `Patient relationship "${rel}" is not a valid individual relationship code.`, "patient.relationship");
    w.add("HL", "3", "2", "23", "0");
    w.add("PAT", rel);
    writePersonName(w, "QC", p, "patient", undefined);
    writeAddress(w, p.address, "patient.address", false);
    writeDemographics(w, p, "patient");
  }

  // ---- 2300 claim
  const clm05 = [placeOrBill, institutional ? "A" : "B", frequency];
  if (institutional) {
    w.add("CLM", pcn, formatAmount(totalCents), "", "", clm05, "", "A", "Y", "Y");
    w.add("DTP", "434", "RD8", `${sortedDates[0]}-${sortedDates[sortedDates.length - 1]}`);
    const status = w.value(c.patientStatusCode ?? "01", "claim.patientStatusCode", { required: true });
    if (!/^\d{2}$/.test(status)) fail("X12_PATIENT_STATUS", `Patient status code "${status}" must be 2 digits.`, "claim.patientStatusCode");
    w.add("CL1", "", "", status);
  } else {
    w.add("CLM", pcn, formatAmount(totalCents), "", "", clm05, "Y", "A", "Y", "Y");
  }
  if (claimAuth) w.add("REF", "G1", claimAuth);
  if (frequency !== "1") w.add("REF", "F8", payerClaimNumber);
  if (institutional) {
    const principal = diagnoses[0] as string;
    w.add("HI", ["ABK", principal]);
    // outpatient bill types (classification 3 or 4) carry the patient's reason for visit
    if (placeOrBill[1] === "3" || placeOrBill[1] === "4") w.add("HI", ["APR", principal]);
    if (diagnoses.length > 1) w.add("HI", ...diagnoses.slice(1).map((d) => ["ABF", d]));
  } else {
    w.add("HI", ...diagnoses.map((d, i) => [i === 0 ? "ABK" : "ABF", d]));
  }
  const rp = c.renderingProvider;
  if (institutional && !rp) fail("X12_ATTENDING_REQUIRED", "An institutional claim needs the attending provider (claim.renderingProvider).", "claim.renderingProvider");
  if (rp) {
    const f = "claim.renderingProvider";
    const last = w.value(rp.lastName, `${f}.lastName`, { required: true, max: 60 });
    const first = w.value(rp.firstName, `${f}.firstName`, { max: 35 });
    w.add("NM1", institutional ? "71" : "82", "1", last, first, "", "", "", "XX", npi(w, rp.npi, `${f}.npi`));
    const tax = w.value(rp.taxonomy, `${f}.taxonomy`);
    if (tax) {
      checkTaxonomy(tax, `${f}.taxonomy`);
      w.add("PRV", institutional ? "AT" : "PE", "PXC", tax);
    }
  }

  // ---- 2320 / 2330A / 2330B: payers that adjudicated the claim before this one (COB)
  if ((c.otherPayers ?? []).some((o) => o.responsibility === responsibility)) {
    fail("X12_COB_RESPONSIBILITY", `This claim goes to the payer responsible as ${responsibility}; an other payer cannot have the same responsibility (a secondary claim has SBR01 = S).`, "payer.responsibility");
  }
  const otherPayerIds = writeOtherPayers(w, c, totalCents, institutional);

  // ---- 2400 lines
  c.lines.forEach((line, i) => writeLine(w, line, i, lineDates[i] as string, { institutional, diagnoses, claimAuth, otherPayerIds }));

  const seCount = w.segments.length + 1;
  w.add("SE", String(seCount), stcn);
  const t = sep.segment;
  return `${isa}${t}${gs}${t}${w.segments.join(t)}${t}GE${sep.element}1${sep.element}${gcn}${t}IEA${sep.element}1${sep.element}${icn}${t}`;
}

function writeLine(
  w: SegmentWriter,
  line: ClaimLine837,
  i: number,
  date8: string,
  ctx: { institutional: boolean; diagnoses: string[]; claimAuth: string; otherPayerIds: string[] },
): void {
  const f = `claim.lines.${i}`;
  const code = w.value(line.code, `${f}.code`, { required: true });
  if (!/^[A-Z0-9]{5}$/.test(code)) fail("X12_PROCEDURE_CODE", `Line ${i + 1} code "${code}" must be a 5-character HCPCS/CPT code.`, `${f}.code`);
  const modifiers = (line.modifiers ?? []).map((m, k) => {
    const v = w.value(m, `${f}.modifiers.${k}`, { required: true });
    if (!/^[A-Z0-9]{2}$/.test(v)) fail("X12_MODIFIER", `Line ${i + 1} modifier "${v}" must be 2 letters or digits.`, `${f}.modifiers.${k}`);
    return v;
  });
  if (modifiers.length > 4) fail("X12_MODIFIER", `Line ${i + 1} has ${modifiers.length} modifiers; at most 4 fit.`, `${f}.modifiers`);
  const units = formatUnits(line.units, `${f}.units`);
  const charge = formatAmount(line.chargeCents);
  const procedure = ["HC", code, ...modifiers];

  w.add("LX", String(i + 1));
  if (ctx.institutional) {
    let revenue = w.value(line.revenueCode, `${f}.revenueCode`);
    // fallbacks when the caller gave none: 0636 drugs requiring detailed coding, 0335 chemotherapy administration (IV) [U]
    if (!revenue) revenue = line.ndc || code.startsWith("J") ? "0636" : /^96(4[01]\d|5[0-4]\d)$/.test(code) ? "0335" : "";
    if (!revenue) fail("X12_REVENUE_CODE", `Line ${i + 1} (${code}) needs a revenue code on an institutional claim.`, `${f}.revenueCode`);
    if (!/^\d{4}$/.test(revenue)) fail("X12_REVENUE_CODE", `Revenue code "${revenue}" must be 4 digits, e.g. 0636.`, `${f}.revenueCode`);
    w.add("SV2", revenue, procedure, charge, "UN", units);
  } else {
    const pointers = line.diagnosisPointers ?? [];
    if (pointers.length === 0) fail("X12_DIAGNOSIS_POINTER", `Line ${i + 1} needs at least one diagnosis pointer.`, `${f}.diagnosisPointers`);
    if (pointers.length > 4) fail("X12_DIAGNOSIS_POINTER", `Line ${i + 1} has ${pointers.length} diagnosis pointers; at most 4 fit.`, `${f}.diagnosisPointers`);
    for (const p of pointers) {
      if (!Number.isInteger(p) || p < 1 || p > ctx.diagnoses.length) {
        fail("X12_DIAGNOSIS_POINTER", `Line ${i + 1} points to diagnosis ${String(p)} but the claim lists ${ctx.diagnoses.length}.`, `${f}.diagnosisPointers`);
      }
    }
    if (new Set(pointers).size !== pointers.length) fail("X12_DIAGNOSIS_POINTER", `Line ${i + 1} repeats a diagnosis pointer.`, `${f}.diagnosisPointers`);
    w.add("SV1", procedure, charge, "UN", units, "", "", pointers.map(String));
  }
  w.add("DTP", "472", "D8", date8);
  const lineAuth = w.value(line.priorAuthNumber, `${f}.priorAuthNumber`, { max: 50 });
  if (lineAuth && lineAuth !== ctx.claimAuth) {
    if (ctx.institutional) fail("X12_LINE_PRIOR_AUTH", "An 837I has no line-level prior authorization; put it on the claim.", `${f}.priorAuthNumber`);
    w.add("REF", "G1", lineAuth);
  }
  const lineControl = w.value(line.lineControlNumber, `${f}.lineControlNumber`, { max: 50 });
  if (lineControl) w.add("REF", "6R", lineControl);
  if (line.ndc) {
    const ndc = w.value(line.ndc.code11, `${f}.ndc.code11`, { required: true });
    if (!/^\d{11}$/.test(ndc)) fail("X12_NDC", `NDC "${ndc}" must be 11 digits without hyphens (5-4-2).`, `${f}.ndc.code11`);
    if (!(NDC_UNITS_837 as readonly string[]).includes(line.ndc.unit)) {
      fail("X12_NDC_UNIT", `NDC unit "${String(line.ndc.unit)}" must be one of ${NDC_UNITS_837.join(", ")}.`, `${f}.ndc.unit`);
    }
    const qty = normalizeQuantity(String(line.ndc.quantity ?? ""));
    if (qty === null) fail("X12_NDC_QUANTITY", `NDC quantity "${String(line.ndc.quantity)}" must be a positive decimal with at most 3 decimals.`, `${f}.ndc.quantity`);
    w.add("LIN", "", "N4", ndc);
    w.add("CTP", "", "", "", qty, [line.ndc.unit]);
  }
  // ---- 2430 line adjudication by each other payer
  (line.adjudications ?? []).forEach((a, k) => {
    const af = `${f}.adjudications.${k}`;
    const payerId = w.value(a.payerId, `${af}.payerId`, { required: true, max: 80 });
    if (!ctx.otherPayerIds.includes(payerId)) fail("X12_COB_PAYER", `Line ${i + 1} has an adjudication by payer ${payerId}, which is not one of the claim's other payers.`, `${af}.payerId`);
    checkCents(a.paidCents, `${af}.paidCents`, true);
    const aCode = w.value(a.code, `${af}.code`, { required: true });
    if (!/^[A-Z0-9]{5}$/.test(aCode)) fail("X12_PROCEDURE_CODE", `Line ${i + 1} adjudicated code "${aCode}" must be a 5-character HCPCS/CPT code.`, `${af}.code`);
    const aMods = (a.modifiers ?? []).map((m, j) => {
      const v = w.value(m, `${af}.modifiers.${j}`, { required: true });
      if (!/^[A-Z0-9]{2}$/.test(v)) fail("X12_MODIFIER", `Line ${i + 1} adjudicated modifier "${v}" must be 2 letters or digits.`, `${af}.modifiers.${j}`);
      return v;
    });
    if (aMods.length > 4) fail("X12_MODIFIER", `Line ${i + 1} adjudication has ${aMods.length} modifiers; at most 4 fit.`, `${af}.modifiers`);
    const adjusted = sumAdjustments(a.adjustments, `${af}.adjustments`);
    if (a.paidCents + adjusted !== line.chargeCents) {
      fail(
        "X12_COB_BALANCE",
        `Line ${i + 1}: paid ${formatAmount(a.paidCents)} + adjustments ${formatAmount(adjusted)} by payer ${payerId} must equal the line charge ${formatAmount(line.chargeCents)}.`,
        `${af}.adjustments`,
      );
    }
    const revenue = ctx.institutional ? w.value(a.revenueCode ?? line.revenueCode, `${af}.revenueCode`) : "";
    w.add("SVD", payerId, formatAmount(a.paidCents), ["HC", aCode, ...aMods], revenue, formatUnits(a.units, `${af}.units`));
    writeAdjustments(w, a.adjustments, `${af}.adjustments`);
    w.add("DTP", "573", "D8", isoToDate8(a.adjudicationDate, `${af}.adjudicationDate`));
  });
}

function checkCents(v: number, field: string, nonNegative: boolean): void {
  if (!Number.isInteger(v) || (nonNegative && v < 0)) fail("X12_AMOUNT", `${field} must be a whole number of cents${nonNegative ? ", zero or more" : ""} (got ${String(v)}).`, field);
}

function sumAdjustments(adjustments: readonly Adjustment837[] | undefined, field: string): number {
  let t = 0;
  (adjustments ?? []).forEach((a, k) => {
    checkCents(a.amountCents, `${field}.${k}.amountCents`, false);
    t += a.amountCents;
  });
  return t;
}

/**
 * CAS: one segment per group code, in the order the groups first appear, with up to six
 * reason/amount/quantity triples; a seventh reason of the same group starts another segment.
 */
function writeAdjustments(w: SegmentWriter, adjustments: readonly Adjustment837[] | undefined, field: string): void {
  const groups = new Map<string, { a: Adjustment837; k: number }[]>();
  (adjustments ?? []).forEach((a, k) => {
    if (!(ADJUSTMENT_GROUPS_837 as readonly string[]).includes(a.group)) fail("X12_CAS_GROUP", `Adjustment group "${String(a.group)}" must be one of ${ADJUSTMENT_GROUPS_837.join(", ")}.`, `${field}.${k}.group`);
    const reason = w.value(a.reason, `${field}.${k}.reason`, { required: true });
    if (!/^[A-Z0-9]{1,5}$/.test(reason)) fail("X12_CAS_REASON", `Adjustment reason "${reason}" is not a claim adjustment reason code.`, `${field}.${k}.reason`);
    if (a.quantity !== undefined) formatUnits(a.quantity, `${field}.${k}.quantity`);
    groups.set(a.group, [...(groups.get(a.group) ?? []), { a, k }]);
  });
  for (const [group, items] of groups) {
    for (let start = 0; start < items.length; start += 6) {
      const els: Element[] = [group];
      for (const { a, k } of items.slice(start, start + 6)) {
        els.push(a.reason.trim(), formatAmount(a.amountCents), a.quantity === undefined ? "" : formatUnits(a.quantity, `${field}.${k}.quantity`));
      }
      w.add("CAS", ...els);
    }
  }
}

/**
 * 2320 other subscriber information (SBR, CAS, AMT*D, AMT*EAF, OI), 2330A other subscriber
 * (NM1*IL) and 2330B other payer (NM1*PR, DTP*573 when the lines carry no adjudication, REF*F8)
 * for each payer that adjudicated the claim before. The arithmetic has to hold before anything is
 * written: claim charge = paid + Σ claim-level and line-level adjustments of that payer, and when
 * the lines carry its adjudication, Σ line paid = the claim's paid amount. Returns the payer ids.
 */
function writeOtherPayers(w: SegmentWriter, c: Claim837["claim"], totalCents: number, institutional: boolean): string[] {
  const others: OtherPayer837[] = c.otherPayers ?? [];
  if (others.length > 10) fail("X12_COB_TOO_MANY", `At most 10 other payers fit on a claim (got ${others.length}).`, "claim.otherPayers");
  const ids: string[] = [];
  others.forEach((o, k) => {
    const id = w.value(o.payer?.id, `claim.otherPayers.${k}.payer.id`, { required: true, max: 80 });
    if (ids.includes(id)) fail("X12_COB_PAYER", `Other payer ${id} is listed twice.`, `claim.otherPayers.${k}.payer.id`);
    ids.push(id);
  });
  c.lines.forEach((l, i) =>
    (l.adjudications ?? []).forEach((a, k) => {
      if (!ids.includes((a.payerId ?? "").trim())) fail("X12_COB_PAYER", `Line ${i + 1} has an adjudication by payer ${String(a.payerId)}, which is not one of the claim's other payers.`, `claim.lines.${i}.adjudications.${k}.payerId`);
    }),
  );
  others.forEach((o, k) => {
    const f = `claim.otherPayers.${k}`;
    const id = ids[k]!;
    if (!["P", "S", "T"].includes(o.responsibility)) fail("X12_PAYER_RESPONSIBILITY", `${f}.responsibility must be P, S or T.`, `${f}.responsibility`);
    const rel = w.value(o.relationship, `${f}.relationship`, { required: true });
    if (!["01", "18", "19", "20", "21", "39", "40", "53", "G8"].includes(rel)) fail("X12_RELATIONSHIP", `Relationship "${rel}" to the other subscriber is not a valid individual relationship code.`, `${f}.relationship`);
    const filing = w.value(o.claimFilingIndicator, `${f}.claimFilingIndicator`, { required: true });
    if (!/^[A-Z0-9]{2}$/.test(filing)) fail("X12_FILING_INDICATOR", `Claim filing indicator "${filing}" must be a 2-character code such as CI, MB or MC.`, `${f}.claimFilingIndicator`);
    checkCents(o.paidCents, `${f}.paidCents`, true);
    const lineAdj = c.lines.map((l, i) => ({ l, i, a: (l.adjudications ?? []).filter((x) => x.payerId.trim() === id) }));
    if (lineAdj.some((x) => x.a.length > 1)) fail("X12_COB_PAYER", `A line carries two adjudications by payer ${id}.`, `${f}.payer.id`);
    const adjudicated = lineAdj.filter((x) => x.a.length === 1);
    let balance = o.paidCents + sumAdjustments(o.claimAdjustments, `${f}.claimAdjustments`);
    for (const x of adjudicated) balance += sumAdjustments(x.a[0]!.adjustments, `claim.lines.${x.i}.adjudications`);
    if (adjudicated.length > 0) {
      const linePaid = adjudicated.reduce((t, x) => t + x.a[0]!.paidCents, 0);
      if (linePaid !== o.paidCents) fail("X12_COB_BALANCE", `Payer ${id} paid ${formatAmount(o.paidCents)} on the claim but ${formatAmount(linePaid)} on its lines.`, `${f}.paidCents`);
    }
    if (balance !== totalCents) {
      fail("X12_COB_BALANCE", `Payer ${id}: paid ${formatAmount(o.paidCents)} + adjustments ${formatAmount(balance - o.paidCents)} must equal the claim charge ${formatAmount(totalCents)}.`, `${f}.claimAdjustments`);
    }
    w.add("SBR", o.responsibility, rel, w.value(o.groupNumber, `${f}.groupNumber`, { max: 50 }), "", "", "", "", "", filing);
    writeAdjustments(w, o.claimAdjustments, `${f}.claimAdjustments`);
    w.add("AMT", "D", formatAmount(o.paidCents));
    if (o.remainingPatientLiabilityCents !== undefined) {
      checkCents(o.remainingPatientLiabilityCents, `${f}.remainingPatientLiabilityCents`, true);
      w.add("AMT", "EAF", formatAmount(o.remainingPatientLiabilityCents));
    }
    // benefits assigned, release of information on file (837I has no OI04 patient signature source)
    w.add("OI", "", "", "Y", institutional ? "" : "P", "", "Y");
    const s = o.subscriber;
    w.add(
      "NM1",
      "IL",
      "1",
      w.value(s?.lastName, `${f}.subscriber.lastName`, { required: true, max: 60 }),
      w.value(s?.firstName, `${f}.subscriber.firstName`, { max: 35 }),
      w.value(s?.middleName, `${f}.subscriber.middleName`, { max: 25 }),
      "",
      "",
      "MI",
      w.value(s?.memberId, `${f}.subscriber.memberId`, { required: true, max: 80 }),
    );
    w.add("NM1", "PR", "2", w.value(o.payer.name, `${f}.payer.name`, { required: true, max: 60 }), "", "", "", "", "PI", id);
    if (adjudicated.length === 0) w.add("DTP", "573", "D8", isoToDate8(o.adjudicationDate, `${f}.adjudicationDate`));
    const ccn = w.value(o.payerClaimControlNumber, `${f}.payerClaimControlNumber`, { max: 50 });
    if (ccn) w.add("REF", "F8", ccn);
  });
  return ids;
}

function npi(w: SegmentWriter, value: string, field: string): string {
  const v = w.value(value, field, { required: true });
  if (!/^\d{10}$/.test(v)) fail("X12_NPI", `NPI "${v}" must be 10 digits.`, field);
  return v;
}

function checkTaxonomy(value: string, field: string): void {
  if (!/^[0-9A-Z]{9}X$/.test(value)) fail("X12_TAXONOMY", `Taxonomy "${value}" must be 10 characters ending in X.`, field);
}

function writeAddress(w: SegmentWriter, a: Address837 | undefined, field: string, billing: boolean): void {
  if (!a) fail("X12_REQUIRED", `${field} is required.`, field);
  const line1 = w.value(a.line1, `${field}.line1`, { required: true, max: 55 });
  const line2 = w.value(a.line2, `${field}.line2`, { max: 55 });
  if (billing && /^(P\.?\s*O\.?\s*BOX|POST OFFICE BOX|LOCK\s*BOX)/i.test(line1)) {
    fail("X12_BILLING_ADDRESS", "The billing provider address must be a street address, not a post office box.", `${field}.line1`);
  }
  w.add("N3", line1, line2);
  const city = w.value(a.city, `${field}.city`, { required: true, max: 30 });
  const state = w.value(a.state, `${field}.state`, { required: true });
  if (!/^[A-Z]{2}$/.test(state)) fail("X12_STATE", `State "${state}" must be a 2-letter code.`, `${field}.state`);
  const zip = w.value(a.postalCode, `${field}.postalCode`, { required: true });
  if (billing ? !/^\d{9}$/.test(zip) : !/^(\d{5}|\d{9})$/.test(zip)) {
    fail("X12_POSTAL_CODE", billing ? `The billing provider ZIP "${zip}" must have 9 digits (ZIP+4, no hyphen).` : `ZIP "${zip}" must have 5 or 9 digits.`, `${field}.postalCode`);
  }
  w.add("N4", city, state, zip);
}

function writePersonName(w: SegmentWriter, entity: "IL" | "QC", p: Person837, field: string, memberId: string | undefined): void {
  const last = w.value(p.lastName, `${field}.lastName`, { required: true, max: 60 });
  const first = w.value(p.firstName, `${field}.firstName`, { max: 35 });
  const middle = w.value(p.middleName, `${field}.middleName`, { max: 25 });
  if (memberId !== undefined) w.add("NM1", entity, "1", last, first, middle, "", "", "MI", memberId);
  else w.add("NM1", entity, "1", last, first, middle);
}

function writeDemographics(w: SegmentWriter, p: Person837, field: string): void {
  const dob = isoToDate8(p.birthDate, `${field}.birthDate`);
  if (!["M", "F", "U"].includes(p.gender)) fail("X12_GENDER", `${field}.gender must be M, F or U.`, `${field}.gender`);
  w.add("DMG", "D8", dob, p.gender);
}
