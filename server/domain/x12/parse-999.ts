/**
 * 999 implementation acknowledgment (005010X231A1) reader. It never throws: every problem with the
 * file is a finding with the 1-based position of the segment it concerns (ISA = 1).
 *
 * What a clearinghouse tells us about each 837 transaction set it received: AK1 names the functional
 * group (GS06 of our file), AK2 the transaction set (ST02), IK3/IK4 the segment and element in error
 * (with their position inside our transaction set), IK5 the transaction's verdict, AK9 the group's.
 * The syntax codes are the X12 standard's own (fixed), explained in words here.
 */
import { readIsa, SegmentReader, type TokenizerProblem } from "./tokenizer";

export type AckStatus = "accepted" | "accepted_with_errors" | "partially_accepted" | "rejected";

export interface Ack999Error {
  /** IK301: the tag of the segment in error, e.g. "NM1" */
  segmentId: string;
  /** IK302: its position in the transaction set (ST = 1); 0 when the 999 does not locate it (IK5-level codes) */
  position: number;
  /** IK303: the loop it is in, e.g. "2010BA" */
  loopId?: string;
  /** IK401-1: the element position, for element errors */
  elementPosition?: number;
  /** IK304 (segment), IK403 (element) or IK502.. (transaction) code */
  code: string;
  description: string;
  /** extras for the screens (not part of the CLI shape) */
  detail?: {
    componentPosition?: number;
    repetitionPosition?: number;
    dataElementReference?: string;
    badValue?: string;
    /** CTX business unit identifier, e.g. "CLM01:C0000042" */
    context?: string[];
    /** the 999's own segment position of the IK3/IK4/IK5 */
    ackSegment: number;
    level: "segment" | "element" | "transaction";
  };
}

export interface Ack999Transaction {
  transactionSetId: string;
  controlNumber: string;
  status: AckStatus;
  errors: Ack999Error[];
  /** AK2 position in the 999 (extra) */
  segment?: number;
  /** AK203: implementation convention reference (extra) */
  implementation?: string;
}

export interface Ack999Group {
  groupControlNumber: string;
  functionalId: string;
  status: AckStatus;
  transactions: Ack999Transaction[];
  /** extras: AK1 position, AK103 version, AK9 counts and group-level codes in words */
  segment?: number;
  version?: string;
  counts?: { included: number | null; received: number | null; accepted: number | null };
  groupErrors?: { code: string; description: string }[];
}

export interface Ack999Finding {
  severity: "error" | "warning";
  code: string;
  message: string;
  /** 1-based position of the segment in the 999 file */
  segment: number;
}

export interface Parse999Result {
  acknowledgments: Ack999Group[];
  findings: Ack999Finding[];
  /** ISA13 and the sender/receiver of the 999 itself */
  interchange: { controlNumber: string; senderId: string; receiverId: string; date: string | null } | null;
}

const SEGMENT_CODES: Record<string, string> = {
  "1": "Unrecognized segment ID",
  "2": "Unexpected segment",
  "3": "Required segment missing",
  "4": "Loop occurs over maximum times",
  "5": "Segment exceeds maximum use",
  "6": "Segment not in defined transaction set",
  "7": "Segment not in proper sequence",
  "8": "Segment has data element errors",
  I4: "Segment marked 'not used' in the implementation guide is present",
  I6: "Segment required by the implementation guide under this condition is missing",
  I7: "Loop occurs fewer times than the implementation guide requires",
  I8: "Segment occurs fewer times than the implementation guide requires",
  I9: "Segment the implementation guide marks 'not used' under this condition is present",
};

const ELEMENT_CODES: Record<string, string> = {
  "1": "Required data element missing",
  "2": "Conditional required data element missing",
  "3": "Too many data elements",
  "4": "Data element too short",
  "5": "Data element too long",
  "6": "Invalid character in data element",
  "7": "Invalid code value",
  "8": "Invalid date",
  "9": "Invalid time",
  "10": "Exclusion condition violated",
  "12": "Too many repetitions",
  "13": "Too many components",
  I10: "Data element marked 'not used' in the implementation guide is present",
  I11: "Too few repetitions for the implementation guide",
  I12: "Value does not match the pattern the implementation guide requires",
  I13: "Data element the implementation guide marks 'not used' under this condition is present",
  I6: "Code value not used in this implementation",
  I9: "Data element required by the implementation guide under this condition is missing",
};

const TRANSACTION_CODES: Record<string, string> = {
  "1": "Transaction set not supported",
  "2": "Transaction set trailer (SE) missing",
  "3": "Transaction set control number in the header (ST) and trailer (SE) do not match",
  "4": "Number of included segments (SE01) does not match the actual count",
  "5": "One or more segments in error",
  "6": "Missing or invalid transaction set identifier",
  "7": "Missing or invalid transaction set control number",
  "8": "Authentication key name unknown",
  "9": "Encryption key name unknown",
  "10": "Requested service (authentication or encryption) not available",
  "11": "Unknown security recipient",
  "12": "Incorrect message length (encryption only)",
  "13": "Message authentication code failed",
  "15": "Unknown security originator",
  "16": "Syntax error in decrypted text",
  "17": "Security not supported",
  "18": "Transaction set not in functional group",
  "19": "Invalid transaction set implementation convention reference",
  "23": "Transaction set control number not unique within the functional group",
  "24": "S3E security end segment missing for S3S security start segment",
  "25": "S3S security start segment missing for S3E security end segment",
  "26": "S4E security end segment missing for S4S security start segment",
  "27": "S4S security start segment missing for S4E security end segment",
  I5: "Implementation: one or more segments in error",
  I6: "Implementation convention not supported",
};

const GROUP_CODES: Record<string, string> = {
  "1": "Functional group not supported",
  "2": "Functional group version not supported",
  "3": "Functional group trailer (GE) missing",
  "4": "Group control number in the header (GS) and trailer (GE) do not agree",
  "5": "Number of included transaction sets (GE01) does not match the actual count",
  "6": "Group control number violates syntax",
  "10": "Authentication key name unknown",
  "11": "Encryption key name unknown",
  "12": "Requested service (authentication or encryption) not available",
  "13": "Unknown security recipient",
  "14": "Unknown security originator",
  "15": "Syntax error in decrypted text",
  "16": "Security not supported",
  "17": "Incorrect message length (encryption only)",
  "18": "Message authentication code failed",
  "19": "Functional group control number not unique within the interchange",
  "23": "S3E security end segment missing for S3S security start segment",
  "24": "S3S security start segment missing for S3E security end segment",
  "25": "S4E security end segment missing for S4S security start segment",
  "26": "S4S security start segment missing for S4E security end segment",
};

const STATUS: Record<string, AckStatus> = { A: "accepted", E: "accepted_with_errors", P: "partially_accepted", M: "rejected", R: "rejected", W: "rejected", X: "rejected" };

/** Transaction-level codes that concern the ST header (position 1) or the SE trailer (position unknown). */
const ST_CODES = new Set(["1", "6", "7", "19", "23"]);
const SE_CODES = new Set(["2", "3", "4"]);

export function describeSegmentCode(code: string): string {
  return SEGMENT_CODES[code] ?? `Segment error code ${code}`;
}
export function describeElementCode(code: string): string {
  return ELEMENT_CODES[code] ?? `Data element error code ${code}`;
}
export function describeTransactionCode(code: string): string {
  return TRANSACTION_CODES[code] ?? `Transaction set error code ${code}`;
}

function intOrNull(v: string): number | null {
  return /^\d+$/.test(v) ? Number(v) : null;
}

function isoDate8(v: string): string | null {
  if (!/^\d{8}$/.test(v)) return null;
  return `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
}

/** Reads a 999 file. Never throws; problems come back as findings with their segment position. */
export function parse999(text: string): Parse999Result {
  const findings: Ack999Finding[] = [];
  const acknowledgments: Ack999Group[] = [];
  try {
    return read(text, acknowledgments, findings);
  } catch (e) {
    findings.push({ severity: "error", code: "999_READER_FAILURE", message: `The reader failed unexpectedly: ${(e as Error).message}`, segment: 0 });
    return { acknowledgments, findings, interchange: null };
  }
}

function fromProblems(problems: readonly TokenizerProblem[], findings: Ack999Finding[]): void {
  for (const p of problems) findings.push({ severity: p.severity, code: p.code, message: p.message, segment: p.segment });
}

function read(text: string, acknowledgments: Ack999Group[], findings: Ack999Finding[]): Parse999Result {
  const isa = readIsa(text);
  fromProblems(isa.problems, findings);
  if (!isa.delimiters) return { acknowledgments, findings, interchange: null };
  const d = isa.delimiters;
  const interchange = isa.isa.length >= 13 ? { controlNumber: (isa.isa[12] ?? "").trim(), senderId: (isa.isa[5] ?? "").trim(), receiverId: (isa.isa[7] ?? "").trim(), date: isoDate8(`20${isa.isa[8] ?? ""}`) } : null;
  const r = new SegmentReader(text, d, isa.start);
  const comp = (v: string) => v.split(d.component);
  const add = (severity: Ack999Finding["severity"], code: string, message: string, segment = r.position) => findings.push({ severity, code, message, segment });

  let group: Ack999Group | null = null;
  let tx: Ack999Transaction | null = null;
  let ik3: { error: Ack999Error } | null = null;
  let lastContextTarget: Ack999Error | null = null;
  let stPosition = 0;
  let stControl = "";
  let segmentsInSt = 0;
  let sawSt = false;
  let sawGs = false;
  let gsControl = "";
  let stCount = 0;
  let sawIea = false;
  let sawGe = false;
  let sawSe = false;
  let ak9Seen = false;

  const withVerdict = new Set<Ack999Transaction>();
  const closeTransaction = () => {
    if (tx && !withVerdict.has(tx)) add("error", "999_MISSING_IK5", `Transaction set ${tx.controlNumber || "?"} has no IK5 verdict; it takes the group's AK9 verdict.`, tx.segment ?? r.position);
    tx = null;
    ik3 = null;
    lastContextTarget = null;
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
        if (r.element(1) !== "FA") add("error", "999_NOT_999", `GS01 is "${r.element(1)}"; a 999 is in a functional group FA.`);
        if (r.element(8) && !r.element(8).startsWith("005010X231")) add("warning", "999_VERSION", `GS08 is "${r.element(8)}"; a 5010 999 is 005010X231A1.`);
        break;
      case "ST":
        sawSt = true;
        sawSe = false;
        stPosition = r.position;
        stControl = r.element(2);
        segmentsInSt = 1;
        stCount++;
        if (r.element(1) !== "999") add("error", "999_NOT_999", `ST01 is "${r.element(1)}": this is not a 999.`);
        break;
      case "AK1": {
        closeTransaction();
        if (!sawSt) add("error", "X12_OUTSIDE_TRANSACTION", "AK1 outside a transaction set (no ST before it).");
        group = { groupControlNumber: r.element(2), functionalId: r.element(1), status: "accepted", transactions: [], segment: r.position, version: r.element(3) };
        acknowledgments.push(group);
        ak9Seen = false;
        if (!r.has(1) || !r.has(2)) add("error", "999_MISSING_ELEMENT", "AK1 needs the functional id code (AK101) and the group control number (AK102).");
        break;
      }
      case "AK2": {
        closeTransaction();
        if (!group) {
          add("error", "999_OUT_OF_PLACE", "AK2 before any AK1: the transaction set cannot be tied to a functional group.");
          break;
        }
        tx = { transactionSetId: r.element(1), controlNumber: r.element(2), status: "accepted", errors: [], segment: r.position };
        if (r.has(3)) tx.implementation = r.element(3);
        group.transactions.push(tx);
        if (!r.has(1) || !r.has(2)) add("error", "999_MISSING_ELEMENT", "AK2 needs the transaction set id (AK201) and control number (AK202).");
        break;
      }
      case "IK3": {
        if (!tx) {
          add("error", "999_OUT_OF_PLACE", "IK3 outside an AK2 loop.");
          break;
        }
        const code = r.element(4);
        const position = intOrNull(r.element(2));
        if (position === null) add("error", "999_BAD_NUMBER", `IK302 "${r.element(2)}" is not a segment position.`);
        const segId = r.element(1);
        const loop = r.element(3);
        const error: Ack999Error = {
          segmentId: segId,
          position: position ?? 0,
          code,
          description: `${segId || "A segment"} at position ${position ?? "?"}${loop ? ` (loop ${loop})` : ""}: ${describeSegmentCode(code)}.`,
          detail: { ackSegment: r.position, level: "segment" },
        };
        if (loop) error.loopId = loop;
        if (!SEGMENT_CODES[code]) add("warning", "999_UNKNOWN_CODE", `IK304 "${code}" is not a segment syntax error code.`);
        tx.errors.push(error);
        ik3 = { error };
        lastContextTarget = error;
        break;
      }
      case "CTX": {
        if (!lastContextTarget) {
          add("warning", "999_OUT_OF_PLACE", "CTX outside an IK3 or IK4 loop.");
          break;
        }
        const ctx = comp(r.element(1));
        const label = ctx[0] === "SITUATIONAL TRIGGER" ? `situational trigger ${r.element(2)} at position ${r.element(4)}` : ctx.length > 1 ? `${ctx[0]}:${ctx[1]}` : ctx[0] ?? "";
        lastContextTarget.detail!.context = [...(lastContextTarget.detail!.context ?? []), label];
        break;
      }
      case "IK4": {
        if (!tx || !ik3) {
          add("error", "999_OUT_OF_PLACE", "IK4 outside an IK3 loop.");
          break;
        }
        const pos = comp(r.element(1));
        const elementPosition = intOrNull(pos[0] ?? "");
        const component = intOrNull(pos[1] ?? "");
        const repetition = intOrNull(pos[2] ?? "");
        const code = r.element(3);
        const parent = ik3.error;
        const name = elementPosition !== null ? `${parent.segmentId}${String(elementPosition).padStart(2, "0")}${component !== null ? `-${component}` : ""}` : "an element";
        const bad = r.element(4);
        const error: Ack999Error = {
          segmentId: parent.segmentId,
          position: parent.position,
          code,
          description: `${name}${r.has(2) ? ` (data element ${r.element(2)})` : ""} of ${parent.segmentId} at position ${parent.position}: ${describeElementCode(code)}${bad ? ` (sent "${bad}")` : ""}.`,
          detail: { ackSegment: r.position, level: "element" },
        };
        if (parent.loopId) error.loopId = parent.loopId;
        if (elementPosition !== null) error.elementPosition = elementPosition;
        else add("error", "999_BAD_NUMBER", `IK401 "${r.element(1)}" is not an element position.`);
        if (component !== null) error.detail!.componentPosition = component;
        if (repetition !== null) error.detail!.repetitionPosition = repetition;
        if (r.has(2)) error.detail!.dataElementReference = r.element(2);
        if (bad) error.detail!.badValue = bad;
        if (!ELEMENT_CODES[code]) add("warning", "999_UNKNOWN_CODE", `IK403 "${code}" is not a data element syntax error code.`);
        tx.errors.push(error);
        lastContextTarget = error;
        break;
      }
      case "IK5": {
        if (!tx) {
          add("error", "999_OUT_OF_PLACE", "IK5 outside an AK2 loop.");
          break;
        }
        const s = STATUS[r.element(1)];
        if (!s || r.element(1) === "P") add("error", "999_BAD_STATUS", `IK501 "${r.element(1)}" is not a transaction set acknowledgment code (A, E, M, R, W, X).`);
        tx.status = s && r.element(1) !== "P" ? s : "rejected";
        withVerdict.add(tx);
        for (let i = 2; i <= 6; i++) {
          const code = r.element(i);
          if (!code) continue;
          // "one or more segments in error" only summarises the IK3s above it
          if (code === "5" || code === "I5") continue;
          tx.errors.push({
            segmentId: SE_CODES.has(code) ? "SE" : "ST",
            position: ST_CODES.has(code) ? 1 : 0,
            code,
            description: `Transaction set ${tx.controlNumber}: ${describeTransactionCode(code)}.`,
            detail: { ackSegment: r.position, level: "transaction" },
          });
        }
        ik3 = null;
        lastContextTarget = null;
        break;
      }
      case "AK9": {
        closeTransaction();
        if (!group) {
          add("error", "999_OUT_OF_PLACE", "AK9 before any AK1.");
          break;
        }
        ak9Seen = true;
        const s = STATUS[r.element(1)];
        if (!s) add("error", "999_BAD_STATUS", `AK901 "${r.element(1)}" is not a functional group acknowledgment code (A, E, P, M, R, W, X).`);
        group.status = s ?? "rejected";
        for (const t of group.transactions) if (!withVerdict.has(t)) t.status = group.status === "partially_accepted" ? "rejected" : group.status;
        group.counts = { included: intOrNull(r.element(2)), received: intOrNull(r.element(3)), accepted: intOrNull(r.element(4)) };
        const errs: { code: string; description: string }[] = [];
        for (let i = 5; i <= 9; i++) if (r.element(i)) errs.push({ code: r.element(i), description: GROUP_CODES[r.element(i)] ?? `Functional group error code ${r.element(i)}` });
        if (errs.length) group.groupErrors = errs;
        const c = group.counts;
        if (c.received !== null && c.received !== group.transactions.length) {
          add("warning", "999_AK9_COUNT", `AK903 says ${c.received} transaction set(s) were received but the 999 answers ${group.transactions.length}.`);
        }
        const accepted = group.transactions.filter((t) => t.status === "accepted" || t.status === "accepted_with_errors").length;
        if (c.accepted !== null && c.accepted !== accepted && group.transactions.length === c.received) {
          add("warning", "999_AK9_COUNT", `AK904 says ${c.accepted} transaction set(s) were accepted but the IK5 segments accept ${accepted}.`);
        }
        break;
      }
      case "SE": {
        closeTransaction();
        sawSe = true;
        if (!sawSt) {
          add("error", "X12_OUT_OF_PLACE", "SE without ST.");
          break;
        }
        const n = intOrNull(r.element(1));
        if (n !== segmentsInSt) add("error", "X12_SE_COUNT", `SE01 says ${r.element(1)} segments; the transaction set has ${segmentsInSt} (ST at segment ${stPosition}).`);
        if (r.element(2) !== stControl) add("error", "X12_CONTROL_MISMATCH", `SE02 "${r.element(2)}" differs from ST02 "${stControl}".`);
        if (group && !ak9Seen) add("error", "999_MISSING_AK9", `Functional group ${group.groupControlNumber} has no AK9 verdict.`, stPosition);
        sawSt = false;
        break;
      }
      case "GE":
        sawGe = true;
        if (r.element(2) !== gsControl) add("error", "X12_CONTROL_MISMATCH", `GE02 "${r.element(2)}" differs from GS06 "${gsControl}".`);
        if (intOrNull(r.element(1)) !== stCount) add("error", "X12_GE_COUNT", `GE01 says ${r.element(1)} transaction set(s); the group has ${stCount}.`);
        stCount = 0;
        break;
      case "IEA":
        sawIea = true;
        if (interchange && r.element(2).replace(/^0+/, "") !== interchange.controlNumber.replace(/^0+/, "")) {
          add("error", "X12_CONTROL_MISMATCH", `IEA02 "${r.element(2)}" differs from ISA13 "${interchange.controlNumber}".`);
        }
        break;
      default:
        add("warning", "999_UNEXPECTED", `Segment ${tag} is not part of a 999; it was skipped.`);
    }
  }
  const last = r.position;
  if (!sawGs) add("error", "X12_MISSING_GS", "The file has no functional group (GS).", last);
  if (sawSt && !sawSe) add("error", "X12_MISSING_SE", "The transaction set has no SE trailer.", last);
  if (sawGs && !sawGe) add("error", "X12_MISSING_GE", "The functional group has no GE trailer.", last);
  if (!sawIea) add("error", "X12_MISSING_IEA", "The interchange has no IEA trailer.", last);
  if (acknowledgments.length === 0) add("error", "999_NO_AK1", "The 999 acknowledges no functional group (no AK1).", last);
  return { acknowledgments, findings, interchange };
}

/** Exactly the JSON the `parse-999` command prints (issue 10 contract): no extra keys. */
export function parse999Json(r: Parse999Result) {
  return {
    acknowledgments: r.acknowledgments.map((g) => ({
      groupControlNumber: g.groupControlNumber,
      functionalId: g.functionalId,
      status: g.status,
      transactions: g.transactions.map((t) => ({
        transactionSetId: t.transactionSetId,
        controlNumber: t.controlNumber,
        status: t.status,
        errors: t.errors.map((e) => ({
          segmentId: e.segmentId,
          position: e.position,
          ...(e.loopId !== undefined ? { loopId: e.loopId } : {}),
          ...(e.elementPosition !== undefined ? { elementPosition: e.elementPosition } : {}),
          code: e.code,
          description: e.description,
        })),
      })),
    })),
    findings: r.findings,
  };
}
