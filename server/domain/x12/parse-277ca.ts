/**
 * 277CA claim acknowledgment (005010X214) reader. It never throws: every problem with the file is a
 * finding with the 1-based position of the segment it concerns (ISA = 1).
 *
 * The 277CA answers claim by claim: under each patient level (HL…PT) the TRN*2 carries our CLM01,
 * STC the status (category:status:entity, with the claim's charge), REF*1K the payer's claim
 * number, DTP*472 the service date; SVC loops answer single lines. Statuses at the receiver (HL 21)
 * or provider (HL 19) level apply to every claim under them. Codes are explained with the X12
 * external code lists shipped in code-lists/claim-status.json.
 */
import codeLists from "./code-lists/claim-status.json";
import { readIsa, SegmentReader } from "./tokenizer";

export type ClaimAckStatus = "accepted" | "rejected" | "pending";

export interface StatusCode277 {
  /** claim status category (code list 507), e.g. A7 */
  category: string;
  /** claim status code (code list 508), e.g. 562 */
  code: string;
  /** entity identifier (code list 98), e.g. 85 billing provider */
  entity?: string;
  description: string;
}

export interface ClaimAck277 {
  patientControlNumber: string;
  payerClaimNumber?: string;
  status: ClaimAckStatus;
  statusCodes: StatusCode277[];
  /** STC04 total claim charge, dollars */
  amount?: number;
  /** DTP*472, ISO date (the first day of a range) */
  serviceDate?: string;
  /** extras for the screens and the import (not part of the CLI shape) */
  detail?: {
    /** position of the HL*…*PT segment in the file */
    segment: number;
    /** STC02 effective date of the status */
    statusDate: string | null;
    /** REF*D9 clearinghouse trace number */
    clearinghouseTrace: string | null;
    /** line-level statuses (SVC loops) */
    lines: { procedure: string; chargeAmount: number | null; lineControlNumber: string | null; statusCodes: StatusCode277[]; segment: number }[];
    /** statuses given above the claim (receiver / provider level) that apply to it */
    inherited: StatusCode277[];
    patientName: string | null;
  };
}

export interface Ack277Finding {
  severity: "error" | "warning";
  code: string;
  message: string;
  segment: number;
}

export interface Parse277Result {
  claims: ClaimAck277[];
  findings: Ack277Finding[];
  /** the information source (payer or clearinghouse) and the batch-level answer */
  source: { name: string | null; id: string | null; receiverTrace: string | null; receiverStatus: StatusCode277[]; accepted: number | null; rejected: number | null } | null;
}

type Lists = typeof codeLists;
const CATEGORIES = codeLists.categories as Record<string, { text: string; outcome: ClaimAckStatus }>;
const STATUSES = codeLists.statuses as Record<string, string>;
const ENTITIES = codeLists.entities as Record<string, string>;

export const CLAIM_STATUS_CODE_LISTS: { source: Lists["source"]; asOf: Lists["asOf"] } = { source: codeLists.source, asOf: codeLists.asOf };

/** "Rejected for invalid information (A7): Entity's National Provider Identifier (NPI) (562); entity: Billing provider (85)." */
export function describeStatus(category: string, code: string, entity?: string): string {
  const cat = CATEGORIES[category]?.text ?? `Claim status category ${category}`;
  const status = code ? (STATUSES[code] ?? `status code ${code}`) : "";
  const who = entity ? `; entity: ${ENTITIES[entity] ?? "code"} (${entity})` : "";
  return `${cat} (${category})${status ? `: ${status} (${code})` : ""}${who}.`;
}

/** The outcome of a set of statuses: any rejecting category rejects; else any accepting category accepts; else pending. */
export function statusOutcome(codes: readonly Pick<StatusCode277, "category">[]): ClaimAckStatus {
  const outcomes = codes.map((c) => CATEGORIES[c.category]?.outcome ?? "pending");
  if (outcomes.includes("rejected")) return "rejected";
  if (outcomes.includes("accepted")) return "accepted";
  return "pending";
}

function isoDate(v: string): string | null {
  if (!/^\d{8}$/.test(v)) return null;
  const iso = `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

function dollars(v: string): number | null {
  if (!/^-?\d*(\.\d+)?$/.test(v) || v === "" || v === "-" || v === ".") return null;
  return Math.round(Number(v) * 100) / 100;
}

/** Reads a 277CA. Never throws; problems come back as findings with their segment position. */
export function parse277ca(text: string): Parse277Result {
  const claims: ClaimAck277[] = [];
  const findings: Ack277Finding[] = [];
  try {
    return read(text, claims, findings);
  } catch (e) {
    findings.push({ severity: "error", code: "277_READER_FAILURE", message: `The reader failed unexpectedly: ${(e as Error).message}`, segment: 0 });
    return { claims, findings, source: null };
  }
}

type Level = "20" | "21" | "19" | "PT" | "other";

function read(text: string, claims: ClaimAck277[], findings: Ack277Finding[]): Parse277Result {
  const isa = readIsa(text);
  for (const p of isa.problems) findings.push({ severity: p.severity, code: p.code, message: p.message, segment: p.segment });
  if (!isa.delimiters) return { claims, findings, source: null };
  const d = isa.delimiters;
  const r = new SegmentReader(text, d, isa.start);
  const add = (severity: Ack277Finding["severity"], code: string, message: string, segment = r.position) => findings.push({ severity, code, message, segment });
  const isaControl = (isa.isa[12] ?? "").trim();

  let source: Parse277Result["source"] = null;
  let level: Level = "other";
  /** statuses at the receiver (21) and provider (19) levels, applied to the claims below them */
  let receiverStatus: StatusCode277[] = [];
  let providerStatus: StatusCode277[] = [];
  let claim: ClaimAck277 | null = null;
  let line: NonNullable<ClaimAck277["detail"]>["lines"][number] | null = null;
  const hlParents = new Map<string, Level>();
  let sawSt = false;
  let sawSe = false;
  let stControl = "";
  let stPosition = 0;
  let segmentsInSt = 0;
  let gsControl = "";
  let stCount = 0;
  let sawGs = false;
  let sawGe = false;
  let sawIea = false;

  const parseStc = (): StatusCode277[] => {
    const out: StatusCode277[] = [];
    for (const i of [1, 10, 11]) {
      if (!r.has(i)) continue;
      const [category = "", code = "", entity = ""] = r.element(i).split(d.component);
      if (!category) {
        add("error", "277_MISSING_ELEMENT", `STC${String(i).padStart(2, "0")} has no status category code.`);
        continue;
      }
      if (!CATEGORIES[category]) add("warning", "277_UNKNOWN_CODE", `Status category "${category}" is not in the code list (as of ${codeLists.asOf}).`);
      const s: StatusCode277 = { category, code, description: describeStatus(category, code, entity || undefined) };
      if (entity) s.entity = entity;
      out.push(s);
    }
    if (out.length === 0) add("error", "277_MISSING_ELEMENT", "STC has no status (STC01).");
    return out;
  };

  const finishClaim = () => {
    if (claim) {
      if (!claim.patientControlNumber) add("error", "277_MISSING_TRN", "A claim-level answer (HL PT) has no TRN*2 with the patient control number (CLM01): it cannot be matched to a claim.", claim.detail!.segment);
      const own = claim.statusCodes;
      if (own.length === 0) {
        add("error", "277_MISSING_STC", `Claim ${claim.patientControlNumber || "?"} has no claim-level STC status.`, claim.detail!.segment);
      }
      claim.detail!.inherited = [...receiverStatus, ...providerStatus];
      // A rejection above the claim (the whole provider or batch) rejects it too.
      const inheritedOutcome = statusOutcome(claim.detail!.inherited);
      claim.status = inheritedOutcome === "rejected" ? "rejected" : own.length ? statusOutcome(own) : inheritedOutcome;
      if (own.length === 0) claim.statusCodes = [...claim.detail!.inherited];
    }
    claim = null;
    line = null;
  };

  while (r.next()) {
    if (!r.terminated) add("error", "X12_TRUNCATED", `The file ends inside segment ${r.position} without a segment terminator: it looks truncated.`);
    const tag = r.tagText();
    if (r.tag === 0) {
      if (r.end > r.start) add("error", "X12_BAD_TAG", `Segment ${r.position} does not start with a segment id ("${r.raw().slice(0, 20)}").`);
      continue;
    }
    if (sawSt && !sawSe) segmentsInSt++;
    switch (tag) {
      case "ISA":
        if (r.position !== 1) add("error", "X12_OUT_OF_PLACE", "A second ISA: only the first interchange is read.");
        break;
      case "GS":
        sawGs = true;
        gsControl = r.element(6);
        if (r.element(1) !== "HN") add("error", "277_NOT_277CA", `GS01 is "${r.element(1)}"; a 277CA is in a functional group HN.`);
        if (r.element(8) && !r.element(8).startsWith("005010X214")) add("warning", "277_VERSION", `GS08 is "${r.element(8)}"; a 5010 277CA is 005010X214.`);
        break;
      case "ST":
        finishClaim();
        sawSt = true;
        sawSe = false;
        stControl = r.element(2);
        stPosition = r.position;
        segmentsInSt = 1;
        stCount++;
        if (r.element(1) !== "277") add("error", "277_NOT_277CA", `ST01 is "${r.element(1)}": this is not a 277.`);
        break;
      case "BHT":
        if (r.element(1) !== "0085") add("warning", "277_BHT", `BHT01 is "${r.element(1)}"; a 277CA uses 0085.`);
        break;
      case "HL": {
        finishClaim();
        const id = r.element(1);
        const code = r.element(3);
        level = code === "20" || code === "21" || code === "19" || code === "PT" ? code : "other";
        if (level === "other") add("warning", "277_UNEXPECTED", `HL level code "${code}" is not one a 277CA uses (20, 21, 19, PT).`);
        const parent = hlParents.get(r.element(2));
        const expected: Record<Level, Level | null> = { "20": null, "21": "20", "19": "21", PT: "19", other: null };
        if (r.element(2) && parent === undefined) add("error", "277_HL_PARENT", `HL ${id} names parent ${r.element(2)}, which does not exist before it.`);
        else if (expected[level] && parent !== expected[level]) add("warning", "277_HL_PARENT", `HL ${id} (${code}) sits under a ${parent ?? "missing"} level; expected ${expected[level]}.`);
        hlParents.set(id, level);
        if (level === "20") {
          source = { name: null, id: null, receiverTrace: null, receiverStatus: [], accepted: null, rejected: null };
          receiverStatus = [];
          providerStatus = [];
        } else if (level === "21") {
          receiverStatus = [];
          providerStatus = [];
        } else if (level === "19") {
          providerStatus = [];
        } else if (level === "PT") {
          claim = { patientControlNumber: "", status: "pending", statusCodes: [], detail: { segment: r.position, statusDate: null, clearinghouseTrace: null, lines: [], inherited: [], patientName: null } };
          claims.push(claim);
        }
        break;
      }
      case "NM1":
        if (level === "20" && source) {
          source.name = r.element(3) || null;
          source.id = r.element(9) || null;
        } else if (level === "PT" && claim) {
          claim.detail!.patientName = [r.element(3), r.element(4)].filter(Boolean).join(", ") || null;
        }
        break;
      case "TRN":
        if (level === "PT" && claim) {
          if (r.element(1) !== "2") add("warning", "277_TRN", `The claim's TRN01 is "${r.element(1)}"; the patient control number comes in TRN*2.`);
          claim.patientControlNumber = r.element(2);
        } else if (level === "21" && source) {
          source.receiverTrace = r.element(2) || null;
        }
        break;
      case "STC": {
        const codes = parseStc();
        if (level === "PT" && claim) {
          if (line) {
            line.statusCodes.push(...codes);
          } else {
            claim.statusCodes.push(...codes);
            if (claim.detail!.statusDate === null && r.has(2)) {
              claim.detail!.statusDate = isoDate(r.element(2));
              if (claim.detail!.statusDate === null) add("warning", "X12_BAD_DATE", `STC02 "${r.element(2)}" is not a date.`);
            }
            if (claim.amount === undefined && r.has(4)) {
              const a = dollars(r.element(4));
              if (a === null) add("error", "X12_BAD_NUMBER", `STC04 "${r.element(4)}" is not an amount.`);
              else claim.amount = a;
            }
          }
        } else if (level === "21") {
          receiverStatus.push(...codes);
          if (source) source.receiverStatus.push(...codes);
        } else if (level === "19") {
          providerStatus.push(...codes);
        } else {
          add("warning", "277_OUT_OF_PLACE", "STC outside a receiver, provider or patient level.");
        }
        break;
      }
      case "QTY":
        if (level === "21" && source) {
          const n = /^\d+$/.test(r.element(2)) ? Number(r.element(2)) : null;
          if (r.element(1) === "90") source.accepted = n;
          else if (r.element(1) === "AA") source.rejected = n;
        }
        break;
      case "REF":
        if (level === "PT" && claim) {
          if (line) {
            if (r.element(1) === "FJ") line.lineControlNumber = r.element(2) || null;
          } else if (r.element(1) === "1K") claim.payerClaimNumber = r.element(2);
          else if (r.element(1) === "D9") claim.detail!.clearinghouseTrace = r.element(2) || null;
        }
        break;
      case "DTP":
        if (level === "PT" && claim && !line && r.element(1) === "472") {
          const v = r.element(3);
          const first = r.element(2) === "RD8" ? v.split("-")[0] ?? "" : v;
          const iso = isoDate(first);
          if (iso === null) add("warning", "X12_BAD_DATE", `DTP*472 "${v}" is not a date.`);
          else {
            claim.serviceDate = iso;
            if (iso < "1900-01-01") add("warning", "277_IMPLAUSIBLE_DATE", `The date of service ${iso} is not plausible.`);
          }
        }
        break;
      case "SVC":
        if (level === "PT" && claim) {
          line = { procedure: r.element(1).split(d.component).join(" "), chargeAmount: r.has(2) ? dollars(r.element(2)) : null, lineControlNumber: null, statusCodes: [], segment: r.position };
          claim.detail!.lines.push(line);
        } else add("warning", "277_OUT_OF_PLACE", "SVC outside a patient level.");
        break;
      case "AMT":
      case "PER":
        break;
      case "SE": {
        finishClaim();
        sawSe = true;
        const n = /^\d+$/.test(r.element(1)) ? Number(r.element(1)) : null;
        if (n !== segmentsInSt) add("error", "X12_SE_COUNT", `SE01 says ${r.element(1)} segments; the transaction set has ${segmentsInSt} (ST at segment ${stPosition}).`);
        if (r.element(2) !== stControl) add("error", "X12_CONTROL_MISMATCH", `SE02 "${r.element(2)}" differs from ST02 "${stControl}".`);
        level = "other";
        sawSt = false;
        break;
      }
      case "GE":
        sawGe = true;
        if (r.element(2) !== gsControl) add("error", "X12_CONTROL_MISMATCH", `GE02 "${r.element(2)}" differs from GS06 "${gsControl}".`);
        if ((/^\d+$/.test(r.element(1)) ? Number(r.element(1)) : null) !== stCount) add("error", "X12_GE_COUNT", `GE01 says ${r.element(1)} transaction set(s); the group has ${stCount}.`);
        stCount = 0;
        break;
      case "IEA":
        sawIea = true;
        if (r.element(2).replace(/^0+/, "") !== isaControl.replace(/^0+/, "")) add("error", "X12_CONTROL_MISMATCH", `IEA02 "${r.element(2)}" differs from ISA13 "${isaControl}".`);
        break;
      default:
        add("warning", "277_UNEXPECTED", `Segment ${tag} is not part of a 277CA; it was skipped.`);
    }
  }
  finishClaim();
  const last = r.position;
  if (!sawGs) add("error", "X12_MISSING_GS", "The file has no functional group (GS).", last);
  if (sawSt && !sawSe) add("error", "X12_MISSING_SE", "The transaction set has no SE trailer.", last);
  if (sawGs && !sawGe) add("error", "X12_MISSING_GE", "The functional group has no GE trailer.", last);
  if (!sawIea) add("error", "X12_MISSING_IEA", "The interchange has no IEA trailer.", last);
  return { claims, findings, source };
}

/** Exactly the JSON the `parse-277ca` command prints (issue 10 contract): no extra keys. */
export function parse277caJson(r: Parse277Result) {
  return {
    claims: r.claims.map((c) => ({
      patientControlNumber: c.patientControlNumber,
      ...(c.payerClaimNumber !== undefined ? { payerClaimNumber: c.payerClaimNumber } : {}),
      status: c.status,
      statusCodes: c.statusCodes.map((s) => ({ category: s.category, code: s.code, ...(s.entity !== undefined ? { entity: s.entity } : {}), description: s.description })),
      ...(c.amount !== undefined ? { amount: c.amount } : {}),
      ...(c.serviceDate !== undefined ? { serviceDate: c.serviceDate } : {}),
    })),
    findings: r.findings,
  };
}
