/**
 * 835 (005010X221A1) reader: one pass over the text into a typed remittance, checking the
 * envelope and the three balancing rules as it goes. It never throws: every problem becomes a
 * finding with the 1-based position of the segment it concerns (ISA = 1).
 *
 * Amounts are integer cents (the `…Cents` fields), as they are summed and as posting stores them: a
 * number of cents is a small integer that V8 keeps inside the object, where an amount in dollars was
 * a heap number of 16 bytes of its own. `remittance835Json` gives the dollars the CLI prints.
 */
import { SegmentReader, readIsa, type X12Delimiters } from "./tokenizer";

export type FindingSeverity835 = "error" | "warning";

export interface Finding835 {
  severity: FindingSeverity835;
  message: string;
  /** 1-based position of the segment in the file (ISA = 1) */
  segment: number;
  /** stable identifier of the check, e.g. "X12_SE_COUNT", "835_LINE_BALANCE" */
  code: string;
  /** tag of the segment concerned, when there is one */
  tag?: string;
  /** patient control number of the claim concerned */
  claim?: string;
}

export interface Adjustment835 {
  /** CO, PR, OA, PI (CR in older files) */
  group: string;
  /** CARC */
  reason: string;
  amountCents: number;
  quantity: number | null;
}

export interface Reference835 {
  qualifier: string;
  value: string;
}

export interface Amount835 {
  qualifier: string;
  amountCents: number;
}

export interface Quantity835 {
  qualifier: string;
  quantity: number;
}

export interface Date835 {
  qualifier: string;
  /** ISO date, or the text as written when it is not a valid CCYYMMDD */
  date: string;
}

export interface Name835 {
  /** NM101 entity code: QC patient, IL insured, 74 corrected patient, 82 rendering, TT crossover, PR corrected payer, GB other subscriber */
  entity: string;
  /** NM102: 1 person, 2 organisation */
  type: string;
  lastName: string;
  firstName: string;
  middleName: string;
  idQualifier: string;
  id: string;
}

export interface InpatientAdjudication835 {
  coveredDays: number | null;
  ppsOperatingOutlierCents: number | null;
  lifetimePsychiatricDays: number | null;
  claimDrgCents: number | null;
  remarks: readonly string[];
  /** MIA elements as written (index 0 = MIA01) */
  elements: string[];
}

export interface OutpatientAdjudication835 {
  reimbursementRate: number | null;
  hcpcsPayableCents: number | null;
  remarks: readonly string[];
  esrdPaymentCents: number | null;
  nonPayableProfessionalComponentCents: number | null;
}

/**
 * A service line. The fields marked "?" here and in Claim835 are absent until their segment is read:
 * most lines and claims have none of them, and a remittance holds hundreds of thousands of these
 * objects, each 8 bytes a field (the object literal has room for exactly the fields it is made with;
 * a field added later goes to a separate property array).
 */
export interface Line835 {
  code: string;
  modifiers: readonly string[];
  chargeCents: number;
  paidCents: number;
  units: number;
  adjustments: readonly Adjustment835[];
  remarks: readonly string[];
  /** SVC01-1 product/service id qualifier (HC, NU revenue code, N4 NDC, AD, ER, IV, WK) */
  qualifier: string;
  /** SVC04 NUBC revenue code; absent when not written (as are the other fields marked "?" here and in Claim835, which most lines and claims lack: see below) */
  revenueCode?: string | null;
  /** SVC06 originally submitted procedure, when the payer changed it */
  submitted?: { qualifier: string; code: string; modifiers: readonly string[] };
  /** SVC07 originally submitted units */
  submittedUnits?: number;
  /** DTM*472, or DTM*150/151 as a period (null when the date is not valid) */
  serviceDate: string | null;
  serviceDateFrom?: string | null;
  serviceDateTo?: string | null;
  /** REF*6R: the line item control number sent on the 837 */
  lineControlNumber: string | null;
  references: readonly Reference835[];
  /** AMT (B6 allowed, KH late filing reduction, T tax, T2 total claim before taxes, ZK..ZO) */
  amounts: readonly Amount835[];
  quantities?: readonly Quantity835[];
  /** LQ*RX NCPDP reject codes (LQ*HE are in `remarks`) */
  ncpdpRejects?: readonly string[];
  /** true when SVC02 − ΣCAS = SVC03 */
  balanced: boolean;
  segment: number;
}

export interface Claim835 {
  patientControlNumber: string;
  /** CLP02 as written: 1/2/3 processed primary/secondary/tertiary, 4 denied, 19-21 forwarded, 22 reversal, 23 not our claim, 25 predetermination */
  status: string;
  chargeCents: number;
  paidCents: number;
  /** CLP05; 0 when absent */
  patientResponsibilityCents: number;
  payerClaimNumber: string | null;
  /** claim-level CAS */
  adjustments: readonly Adjustment835[];
  /** MOA / MIA remark codes */
  remarks: readonly string[];
  lines: readonly Line835[];
  /** CLP06 claim filing indicator (MB, MA, MC, CI, 12, HM ...) */
  filingIndicator: string | null;
  /** CLP08 facility type / place of service, CLP09 frequency */
  facilityCode: string | null;
  frequencyCode: string | null;
  /** CLP11 DRG; absent when not written */
  drgCode?: string;
  patient: Name835 | null;
  insured?: Name835;
  renderingProvider: Name835 | null;
  /** NM1 other than QC, IL and 82; absent when there is none */
  otherNames?: readonly Name835[];
  inpatient?: InpatientAdjudication835;
  outpatient: OutpatientAdjudication835 | null;
  references: readonly Reference835[];
  dates: readonly Date835[];
  statementFrom: string | null;
  statementTo: string | null;
  /** AMT: AU coverage amount, D8 discount, DY per day limit, F5 patient paid, I interest, NL negative ledger, T tax, T2 total before taxes, ZK..ZN */
  amounts: readonly Amount835[];
  quantities?: readonly Quantity835[];
  /** LX01 of the header loop the claim sits in */
  headerNumber: string | null;
  /** true when CLP03 − ΣCAS(claim and lines) = CLP04 */
  balanced: boolean;
  segment: number;
}

export interface ProviderAdjustment835 {
  /** PLB03-1 reason: WO overpayment recovery, L6 interest, FB forwarding balance, 72 authorized return, CS adjustment, J1, IR ... */
  reason: string;
  /** PLB03-2 reference (e.g. the payer claim number being recovered); null when absent */
  reference: string | null;
  /** positive decreases the payment, negative increases it */
  amountCents: number;
  providerId: string;
  fiscalPeriodDate: string | null;
  segment: number;
}

export interface HeaderSummary835 {
  /** LX01 */
  number: string;
  /** TS3 elements as written (index 0 = TS301), when present */
  providerSummary: string[] | null;
  /** TS2 elements as written, when present */
  supplementalSummary: string[] | null;
  segment: number;
}

export interface Party835 {
  name: string;
  /** N104 with its N103 qualifier, as written */
  idQualifier: string | null;
  idCode: string | null;
  address: { lines: string[]; city: string; state: string; postalCode: string; country: string } | null;
  references: Reference835[];
  contacts: { function: string; name: string; numbers: Reference835[] }[];
}

export interface Payer835 extends Party835 {
  /** N104 (XV / PI qualifier) or else REF*2U; null when neither */
  id: string | null;
}

export interface Payee835 extends Party835 {
  /** N104 when N103 = XX; null otherwise */
  npi: string | null;
  /** N104 when N103 = FI, or REF*TJ */
  tin: string | null;
}

export interface Transaction835 {
  /** BPR02 */
  paymentCents: number;
  /** BPR16 as ISO date */
  paymentDate: string | null;
  /** TRN02 */
  traceNumber: string | null;
  payer: Payer835;
  payee: Payee835;
  claims: Claim835[];
  providerAdjustments: ProviderAdjustment835[];
  /** ST02 */
  controlNumber: string;
  /** BPR01 handling: I remittance + payment, H notification only, C payment + remittance, D make payment only, P pre-notification, U split, X separate */
  handlingCode: string | null;
  /** BPR03: C credit, D debit */
  creditDebit: string | null;
  /** BPR04: ACH, BOP, CHK, FWT, NON */
  paymentMethod: string | null;
  /** TRN03 originating company (usually 1 + payer TIN) */
  traceOriginator: string | null;
  productionDate: string | null;
  references: Reference835[];
  headers: HeaderSummary835[];
  /** true when BPR02 = ΣCLP04 − ΣPLB */
  balanced: boolean;
  segment: number;
}

export interface Interchange835 {
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  date: string;
  time: string;
  controlNumber: string;
  usage: string;
  version: string;
  delimiters: X12Delimiters;
  segment: number;
}

export interface Remittance835 {
  transactions: Transaction835[];
  findings: Finding835[];
  interchanges: Interchange835[];
}

// ---------------------------------------------------------------------------------------------

const T_ISA = 0x495341; // ISA
const T_IEA = 0x494541; // IEA
const T_GS = 0x4753; // GS
const T_GE = 0x4745; // GE
const T_ST = 0x5354; // ST
const T_SE = 0x5345; // SE
const T_BPR = 0x425052; // BPR
const T_TRN = 0x54524e; // TRN
const T_CUR = 0x435552; // CUR
const T_REF = 0x524546; // REF
const T_DTM = 0x44544d; // DTM
const T_N1 = 0x4e31; // N1
const T_N3 = 0x4e33; // N3
const T_N4 = 0x4e34; // N4
const T_PER = 0x504552; // PER
const T_RDM = 0x52444d; // RDM
const T_LX = 0x4c58; // LX
const T_TS3 = 0x545333; // TS3
const T_TS2 = 0x545332; // TS2
const T_CLP = 0x434c50; // CLP
const T_CAS = 0x434153; // CAS
const T_NM1 = 0x4e4d31; // NM1
const T_MIA = 0x4d4941; // MIA
const T_MOA = 0x4d4f41; // MOA
const T_AMT = 0x414d54; // AMT
const T_QTY = 0x515459; // QTY
const T_SVC = 0x535643; // SVC
const T_LQ = 0x4c51; // LQ
const T_PLB = 0x504c42; // PLB

/** Where in the 835 the last segment put us; decides what REF/DTM/N3/AMT... belong to. */
const enum Place {
  Header,
  Payer,
  Payee,
  HeaderNumber,
  Claim,
  Line,
  Plb,
}

/**
 * Rarely filled lists start as this shared frozen empty array and get their own array on first use:
 * a big remittance has hundreds of thousands of lines, and most of these lists stay empty.
 */
const NONE: readonly never[] = Object.freeze([]);

/**
 * The list with one more entry, as a new array of exactly that size. The array literals are
 * allocation sites that V8 learns to place straight in the old generation (the result outlives the
 * young one), where `push` and `slice` make young arrays that every scavenge then has to copy.
 */
function append<T>(list: readonly T[], value: T): T[] {
  switch (list.length) {
    case 0:
      return [value];
    case 1:
      return [list[0] as T, value];
    case 2:
      return [list[0] as T, list[1] as T, value];
    case 3:
      return [list[0] as T, list[1] as T, list[2] as T, value];
    case 4: {
      const grown = list.slice();
      grown.push(value);
      return grown;
    }
    default:
      // a list of five or more is already one of ours (made in the case above): grown in place
      (list as T[]).push(value);
      return list as T[];
  }
}

/**
 * One-entry lists of a short code (a modifier, a remark code), shared: the same few codes repeat on
 * most lines and claims, and a list of one costs 56 bytes. Frozen, like every list the result shares.
 * Bounded; only values of 12 characters or fewer are kept (V8 copies those, where a longer one is a
 * view that would keep the whole text of the file alive).
 */
const SINGLE_LISTS = new Map<string, readonly string[]>();

function singleList(value: string): readonly string[] {
  let list = SINGLE_LISTS.get(value);
  if (list === undefined) {
    list = Object.freeze([value]);
    if (value.length <= 12) {
      if (SINGLE_LISTS.size >= 4096) SINGLE_LISTS.clear();
      SINGLE_LISTS.set(value, list);
    }
  }
  return list;
}

/**
 * Gathers the entries of one list of the open line or claim in a buffer that is reused for every
 * line, and hands out an exact-size copy when the line or claim closes. A list grown by `push` gets
 * room for 17 entries at its first push and would have to be copied to its size anyway: a big
 * remittance holds hundreds of thousands of short lists until it is posted.
 */
class Collector<T> {
  private readonly items: T[] = [];
  count = 0;
  /** the last list of one or two entries handed out, when `reuse` is set (see `take`) */
  private last: readonly T[] = NONE;
  private lastShared = false;

  /**
   * `kind` "strings": a list of one string is the shared one of `singleList`; "reuse": a list of one or
   * two entries that are the very entries of the last such list is that list again (the entries are
   * themselves shared, e.g. a claim's statement dates)
   */
  constructor(private readonly kind: "plain" | "strings" | "reuse" = "plain") {}

  add(value: T): void {
    this.items[this.count++] = value;
  }

  /** A new list of the entries gathered (the shared empty list when none), and the buffer is emptied. */
  take(): readonly T[] {
    const n = this.count;
    const it = this.items;
    this.count = 0;
    // short lists as array literals: they are allocated in the old generation once V8 has seen them
    // survive (see `append`), where a `slice` is a young array that each scavenge copies
    switch (n) {
      case 0:
        return NONE;
      case 1:
        if (this.kind === "strings") return singleList(it[0] as string) as readonly T[];
        if (this.kind === "reuse") return this.reuse1(it[0] as T);
        return [it[0] as T];
      case 2:
        if (this.kind === "reuse") return this.reuse2(it[0] as T, it[1] as T);
        return [it[0] as T, it[1] as T];
      case 3:
        return [it[0] as T, it[1] as T, it[2] as T];
      case 4:
        return [it[0] as T, it[1] as T, it[2] as T, it[3] as T];
      case 5:
        return [it[0] as T, it[1] as T, it[2] as T, it[3] as T, it[4] as T];
      case 6:
        return [it[0] as T, it[1] as T, it[2] as T, it[3] as T, it[4] as T, it[5] as T];
      default:
        return it.slice(0, n);
    }
  }

  private reuse1(a: T): readonly T[] {
    const last = this.last;
    if (last.length === 1 && last[0] === a) return this.share(last);
    const list = [a];
    this.last = list;
    this.lastShared = false;
    return list;
  }

  private reuse2(a: T, b: T): readonly T[] {
    const last = this.last;
    if (last.length === 2 && last[0] === a && last[1] === b) return this.share(last);
    const list = [a, b];
    this.last = list;
    this.lastShared = false;
    return list;
  }

  /** A list handed out a second time is frozen first: from then on it belongs to several owners. */
  private share(list: readonly T[]): readonly T[] {
    if (!this.lastShared) {
      Object.freeze(list);
      this.lastShared = true;
    }
    return list;
  }

  /** Forgets the entries (and the buffer's references to them). */
  clear(): void {
    this.count = 0;
    this.items.length = 0;
    this.last = NONE;
    this.lastShared = false;
  }
}

/**
 * Stands in for a line's or a claim's mutable lists while they are open (their entries are in
 * Collectors); replaced by `take()` when the line or claim closes, so it never reaches a caller.
 */
const OPEN = NONE as never[];

/** Keeps the Collector's hidden class alive between files (see `createReader`). */
const KEEP_COLLECTOR_SHAPE = new Collector<never>();
void KEEP_COLLECTOR_SHAPE;

/** The object, frozen: done when a part of the result is handed out a second time (it has several owners). */
function shared<T extends object>(value: T): T {
  if (!Object.isFrozen(value)) Object.freeze(value);
  return value;
}

function formatCents(cents: number): string {
  const sign = cents < 0 ? "−" : "";
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  return `${sign}${whole}.${frac < 10 ? "0" : ""}${frac}`;
}

function isoDate(value: string): string | null {
  if (value.length !== 8) return null;
  for (let i = 0; i < 8; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  const y = +value.slice(0, 4);
  const m = +value.slice(4, 6);
  const d = +value.slice(6, 8);
  if (m < 1 || m > 12 || d < 1) return null;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (d > (days[m - 1] as number)) return null;
  return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
}

function isDecimalText(value: string): boolean {
  if (value.length === 0) return false;
  let i = value.charCodeAt(0) === 45 ? 1 : 0;
  let digits = 0;
  let dot = false;
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 46 && !dot) dot = true;
    else if (c >= 48 && c <= 57) digits++;
    else return false;
  }
  return digits > 0;
}

/**
 * A transaction's payer and payee, the keys first. Written as whole literals, not spread from
 * a shared part: a spread object's hidden class hangs only on a weak transition, so a collection
 * between two files dropped it and threw away the optimized code that had seen it.
 */
function emptyPayer(): Payer835 {
  return { name: "", id: null, idQualifier: null, idCode: null, address: null, references: [], contacts: [] };
}

function emptyPayee(): Payee835 {
  return { name: "", npi: null, tin: null, idQualifier: null, idCode: null, address: null, references: [], contacts: [] };
}

const PRODUCT_QUALIFIERS = new Set(["HC", "AD", "ER", "HP", "IV", "N4", "NU", "WK", "ZZ", "CJ", "N1", "N2", "N3", "N5", "N6", "RB", "UI", "ID"]);

interface ClaimState {
  claim: Claim835;
  chargeCents: number;
  paidCents: number;
  /** Σ CAS at claim level and on all its lines */
  casCents: number;
  valid: boolean;
}

interface LineState {
  line: Line835;
  chargeCents: number;
  paidCents: number;
  casCents: number;
  valid: boolean;
  /** the shifted reading of a malformed SVC01 (see startLine) when it balances and the written one does not */
  recovery: { code: string; chargeCents: number; paidCents: number; units: number; revenueCode: string | null } | null;
  /** SVC01 as written, for the messages about the shifted reading; "" when there is none */
  writtenSvc01: string;
}

interface TransactionState {
  tx: Transaction835;
  paymentCents: number;
  paymentValid: boolean;
  sumPaidCents: number;
  sumPlbCents: number;
  sumValid: boolean;
  start: number;
  controlNumber: string;
  is835: boolean;
  sawBpr: boolean;
  sawTrn: boolean;
  sawPayer: boolean;
  sawPayee: boolean;
  header: HeaderSummary835 | null;
  headerClaims: number;
  headerChargeCents: number;
}

/** Reads an 835. Never throws; see `Remittance835.findings` for every problem found. */
export function parse835(text: string): Remittance835 {
  const findings: Finding835[] = [];
  const transactions: Transaction835[] = [];
  const interchanges: Interchange835[] = [];
  try {
    read(text, findings, transactions, interchanges);
  } catch (error) {
    // a bug of ours must not take the caller down: report it as a finding
    findings.push({
      severity: "error",
      code: "835_READER_FAILURE",
      message: `The reader stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
      segment: 0,
    });
  }
  return { transactions, findings, interchanges };
}

/** The separators the reader holds between files (none is read with them). */
const NO_FILE_DELIMITERS: X12Delimiters = { element: "*", component: ":", repetition: null, segment: "~" };

type ReadText = (text: string, findings: Finding835[], transactions: Transaction835[], interchanges: Interchange835[]) => void;

/**
 * Makes the reader once per process: its state and its steps (closures over that state) live as long
 * as the process, and each call of the returned function resets the state and reads one file. Made
 * per call instead, the steps were new closures for every file: V8 tied their optimized code to the
 * previous file's objects, dropped it when those were collected, and compiled the big steps again
 * for every file (several hundred milliseconds of compiler time per 10 MB file on a busy machine,
 * with the file read in the interpreter meanwhile).
 */
function createReader(): ReadText {
  // the file being read; set by the returned function, released when it returns
  let text = "";
  let findings: Finding835[] = [];
  let transactions: Transaction835[] = [];
  let interchanges: Interchange835[] = [];
  let delimiters: X12Delimiters = NO_FILE_DELIMITERS;
  let guessed = false;
  // one segment reader for the life of the process, moved to each file (see SegmentReader.reset)
  const r = new SegmentReader("", NO_FILE_DELIMITERS);
  let cs = ":";
  let csCode = 58;
  /** Offset of the first component separator in text[s, e), or -1. */
  const componentAt = (s: number, e: number): number => {
    for (let i = s; i < e; i++) if (text.charCodeAt(i) === csCode) return i;
    return -1;
  };

  const add = (severity: FindingSeverity835, code: string, message: string, segment = r.position, claim?: string): void => {
    const f: Finding835 = { severity, code, message, segment };
    if (segment === r.position && r.tag !== 0) f.tag = r.tagText();
    if (claim !== undefined) f.claim = claim;
    findings.push(f);
  };

  // envelope state
  let inInterchange = false;
  let interchangeControl = "";
  let interchangeStart = 0;
  let groupCount = 0;
  let inGroup = false;
  let groupControl = "";
  let groupStart = 0;
  let txInGroup = 0;
  let txState: TransactionState | null = null;
  let place = Place.Header;
  let claimState: ClaimState | null = null;
  let lineState: LineState | null = null;
  // one state object of each kind, reused for every transaction, claim and line. Each lives as long as
  // the process, and so does its hidden class: a transaction's sums outgrow a small integer and turn
  // their fields into doubles, a new hidden class that, were the state made anew for every
  // transaction, would die with the file and take the optimized code that had seen it along
  const txSlot: TransactionState = {
    tx: null as unknown as Transaction835,
    paymentCents: 0,
    paymentValid: false,
    sumPaidCents: 0,
    sumPlbCents: 0,
    sumValid: true,
    start: 0,
    controlNumber: "",
    is835: false,
    sawBpr: false,
    sawTrn: false,
    sawPayer: false,
    sawPayee: false,
    header: null,
    headerClaims: 0,
    headerChargeCents: 0,
  };
  const claimSlot: ClaimState = { claim: null as unknown as Claim835, chargeCents: 0, paidCents: 0, casCents: 0, valid: true };
  const lineSlot: LineState = { line: null as unknown as Line835, chargeCents: 0, paidCents: 0, casCents: 0, valid: true, recovery: null, writtenSvc01: "" };
  // the open line's and claim's lists (see Collector)
  const lineAdjustments = new Collector<Adjustment835>();
  const lineRemarks = new Collector<string>("strings");
  const modifierParts = new Collector<string>("strings");
  const claimLines = new Collector<Line835>();
  const claimAdjustments = new Collector<Adjustment835>();
  const claimRemarks = new Collector<string>("strings");
  const claimDates = new Collector<Date835>("reuse");
  /** MOA's and MIA's remark codes while their segment is read */
  const remarkParts = new Collector<string>("strings");
  let segmentsSinceSt = 0;
  let sawAnyIsa = false;
  let lastParty: Party835 | null = null;
  // Parts of a claim that repeat from claim to claim are read once and shared (frozen on their second
  // use): a claim's statement dates, the rendering provider's NM1, the MOA. Each is recognised by
  // the text of its segment (or its values), compared with the last one of its kind in this file.
  let dateA: Date835 | null = null;
  let dateB: Date835 | null = null;
  /** per NM1 entity (up to 4), the last NM1 of that entity: where its text is, and what it read as */
  const nameEntity: string[] = ["", "", "", ""];
  const nameStart = new Int32Array(4);
  const nameEnd = new Int32Array(4);
  const nameRead: (Name835 | null)[] = [null, null, null, null];
  let nameSlots = 0;
  /** the last MOA read without a finding, and where its text is */
  let moaRead: OutpatientAdjudication835 | null = null;
  let moaStart = 0;
  let moaEnd = 0;
  /** true when text[s1, e1) and text[s2, e2) hold the same characters (compared from the end: an NM1 that differs usually differs in its id, the last element) */
  const sameText = (s1: number, e1: number, s2: number, e2: number): boolean => {
    const n = e1 - s1;
    if (n !== e2 - s2) return false;
    for (let i = n - 1; i >= 0; i--) if (text.charCodeAt(s1 + i) !== text.charCodeAt(s2 + i)) return false;
    return true;
  };
  const forgetShared = (): void => {
    dateA = null;
    dateB = null;
    for (let k = 0; k < 4; k++) {
      nameEntity[k] = "";
      nameRead[k] = null;
    }
    nameSlots = 0;
    moaRead = null;
  };

  // `what` names the element in a finding; `suffix` (a qualifier or reason) is only joined to it when
  // a finding is written, so reading a clean file builds no message text
  const cents = (i: number, what: string, suffix?: string): number | undefined => {
    const v = r.cents(i);
    if (v !== undefined && Number.isNaN(v)) {
      add("error", "X12_BAD_NUMBER", `${r.tagText()}${pad2(i)} (${named(what, suffix)}) is "${r.element(i)}", not an amount with at most 2 decimals.`);
    }
    return v;
  };
  const decimal = (i: number, what: string, suffix?: string): number | null => {
    if (!r.has(i)) return null;
    // common case, a whole number of up to 15 digits (units, quantities): read without a string
    const s0 = r.elementStart(i);
    const e0 = r.elementEnd(i);
    const negative = text.charCodeAt(s0) === 45;
    let value = 0;
    let j = negative ? s0 + 1 : s0;
    if (j < e0 && e0 - j <= 15) {
      for (; j < e0; j++) {
        const c = text.charCodeAt(j);
        if (c < 48 || c > 57) break;
        value = value * 10 + (c - 48);
      }
      if (j === e0) return negative ? -value : value;
    }
    const t = r.element(i);
    if (!isDecimalText(t)) {
      add("error", "X12_BAD_NUMBER", `${r.tagText()}${pad2(i)} (${named(what, suffix)}) is "${t}", not a number.`);
      return null;
    }
    return Number(t);
  };
  // the same few dates repeat on every line: convert each once
  const dateCache = new Map<number, string | null>();
  const date = (i: number, what: string, suffix?: string): string | null => {
    if (!r.has(i)) return null;
    const s = r.elementStart(i);
    const e = r.elementEnd(i);
    let key = -1;
    if (e - s === 8) {
      key = 0;
      for (let j = s; j < e; j++) {
        const c = text.charCodeAt(j);
        if (c < 48 || c > 57) {
          key = -1;
          break;
        }
        key = key * 10 + (c - 48);
      }
    }
    let iso = key >= 0 ? dateCache.get(key) : undefined;
    if (iso === undefined) {
      iso = isoDate(r.element(i));
      if (key >= 0) dateCache.set(key, iso);
    }
    if (iso === null) add("warning", "X12_BAD_DATE", `${r.tagText()}${pad2(i)} (${named(what, suffix)}) is "${r.element(i)}", not a valid CCYYMMDD date.`);
    return iso;
  };

  const closeLine = (): void => {
    const ls = lineState;
    if (!ls) return;
    lineState = null;
    const line = ls.line;
    line.adjustments = lineAdjustments.take();
    line.remarks = lineRemarks.take();
    const claimId = claimState?.claim.patientControlNumber;
    if (!ls.valid) {
      line.balanced = false;
      return;
    }
    const expected = ls.chargeCents - ls.casCents;
    if (ls.recovery) {
      const rec = ls.recovery;
      const recExpected = rec.chargeCents - ls.casCents;
      if (expected !== ls.paidCents && recExpected === rec.paidCents) {
        add(
          "error",
          "835_SVC01_MALFORMED",
          `SVC01 "${ls.writtenSvc01}" has no procedure code: the code was written after an element separator "${delimiters.element}" instead of the component separator "${cs}". ` +
            `As written the line does not balance (${formatCents(ls.chargeCents)} − ${formatCents(ls.casCents)} adjustments ≠ ${formatCents(ls.paidCents)} paid); ` +
            `read as ${ls.writtenSvc01}${cs}${rec.code} it balances (${formatCents(rec.chargeCents)} − ${formatCents(ls.casCents)} = ${formatCents(rec.paidCents)}), and that reading is used.`,
          line.segment,
          claimId,
        );
        line.code = rec.code;
        line.chargeCents = rec.chargeCents;
        line.paidCents = rec.paidCents;
        line.units = rec.units;
        // a revenue code as written (SVC04) gives way to the shifted reading's, null when it has none
        if (rec.revenueCode !== null || line.revenueCode !== undefined) line.revenueCode = rec.revenueCode;
        line.balanced = true;
        return;
      }
      add("error", "835_SVC01_MALFORMED", `SVC01 "${ls.writtenSvc01}" has no procedure code after the qualifier.`, line.segment, claimId);
    }
    if (expected !== ls.paidCents) {
      line.balanced = false;
      add(
        "error",
        "835_LINE_BALANCE",
        `Service line ${line.code || "(no code)"} does not balance: charge ${formatCents(ls.chargeCents)} − adjustments ${formatCents(ls.casCents)} = ${formatCents(expected)}, but paid is ${formatCents(ls.paidCents)} (difference ${formatCents(expected - ls.paidCents)}).`,
        line.segment,
        claimId,
      );
    } else {
      line.balanced = true;
    }
  };

  const closeClaim = (): void => {
    closeLine();
    const st = claimState;
    if (!st) return;
    claimState = null;
    const claim = st.claim;
    claim.lines = claimLines.take();
    claim.adjustments = claimAdjustments.take();
    claim.remarks = claimRemarks.take();
    claim.dates = claimDates.take();
    if (!st.valid) {
      claim.balanced = false;
      return;
    }
    const expected = st.chargeCents - st.casCents;
    if (expected !== st.paidCents) {
      claim.balanced = false;
      add(
        "error",
        "835_CLAIM_BALANCE",
        `Claim ${claim.patientControlNumber} does not balance: charge ${formatCents(st.chargeCents)} − adjustments ${formatCents(st.casCents)} (claim and lines) = ${formatCents(expected)}, but paid is ${formatCents(st.paidCents)} (difference ${formatCents(expected - st.paidCents)}).`,
        claim.segment,
        claim.patientControlNumber,
      );
    } else {
      claim.balanced = true;
    }
  };

  const closeHeader = (): void => {
    const ts = txState;
    if (!ts || !ts.header) return;
    const h = ts.header;
    ts.header = null;
    const s = h.providerSummary;
    if (!s) return;
    const count = s[3];
    if (count !== undefined && count !== "" && /^\d+$/.test(count) && Number(count) !== ts.headerClaims) {
      add("warning", "835_TS3_COUNT", `TS3 of header ${h.number} reports ${count} claims but ${ts.headerClaims} follow it.`, h.segment);
    }
    const total = s[4];
    if (total !== undefined && total !== "") {
      const c = parseCentsString(total);
      if (!Number.isNaN(c) && c !== ts.headerChargeCents) {
        add("warning", "835_TS3_TOTAL", `TS3 of header ${h.number} reports total charges ${formatCents(c)} but its claims add up to ${formatCents(ts.headerChargeCents)}.`, h.segment);
      }
    }
  };

  const closeTransaction = (seSegment: number | null): void => {
    closeClaim();
    closeHeader();
    const ts = txState;
    if (!ts) return;
    txState = null;
    const tx = ts.tx;
    if (!ts.is835) return;
    if (!ts.sawBpr) add("error", "835_MISSING_BPR", `Transaction ${ts.controlNumber} has no BPR (payment) segment.`, ts.start);
    if (!ts.sawTrn) add("error", "835_MISSING_TRN", `Transaction ${ts.controlNumber} has no TRN (trace number) segment.`, ts.start);
    if (!ts.sawPayer) add("error", "835_MISSING_PAYER", `Transaction ${ts.controlNumber} has no N1*PR (payer) loop.`, ts.start);
    if (!ts.sawPayee) add("error", "835_MISSING_PAYEE", `Transaction ${ts.controlNumber} has no N1*PE (payee) loop.`, ts.start);
    if (ts.sawBpr && ts.paymentValid && ts.sumValid) {
      const signedPayment = tx.creditDebit === "D" ? -ts.paymentCents : ts.paymentCents;
      const expected = ts.sumPaidCents - ts.sumPlbCents;
      if (signedPayment !== expected) {
        tx.balanced = false;
        add(
          "error",
          "835_TRANSACTION_BALANCE",
          `Transaction ${ts.controlNumber} does not balance: BPR02 payment ${formatCents(ts.paymentCents)}${tx.creditDebit === "D" ? " (debit)" : ""} ≠ claims paid ${formatCents(ts.sumPaidCents)} − provider adjustments ${formatCents(ts.sumPlbCents)} = ${formatCents(expected)} (difference ${formatCents(signedPayment - expected)}).`,
          seSegment ?? ts.start,
        );
      } else {
        tx.balanced = true;
      }
    } else {
      tx.balanced = false;
    }
  };

  const startLine = (): void => {
    closeLine();
    const cl = claimState;
    if (!cl) {
      add("error", "835_OUT_OF_PLACE", "SVC (service line) appears before any CLP claim; it was skipped.");
      return;
    }
    place = Place.Line;
    let qualifier = "";
    let code = "";
    const modifiers = modifierParts;
    let componentCount = 1;
    const s1Start = r.elementStart(1);
    const s1End = r.count >= 1 ? r.elementEnd(1) : s1Start;
    const firstComponent = r.count >= 1 ? componentAt(s1Start, s1End) : -1;
    if (firstComponent >= 0) {
      // common path: split SVC01 in place, without an intermediate array
      let from = s1Start;
      let idx = 0;
      while (from <= s1End) {
        let to = componentAt(from, s1End);
        if (to < 0) to = s1End;
        const part = r.slice(from, to);
        if (idx === 0) qualifier = part;
        else if (idx === 1) code = part;
        else if (idx < 6 && part) modifiers.add(part);
        idx++;
        from = to + 1;
      }
      componentCount = idx;
    } else {
      let s1 = r.element(1);
      // a file that declares ":" but writes ">" (or similar) inside SVC01: read it, say so
      const m = /^([A-Z0-9]{2})([^A-Za-z0-9 ])/.exec(s1);
      if (m && m[2] !== undefined && PRODUCT_QUALIFIERS.has(m[1] as string)) {
        add(
          "warning",
          "835_COMPONENT_SEPARATOR",
          `SVC01 "${s1}" separates its components with "${m[2]}" although ISA16 declares "${cs}"; read as ${s1.split(m[2]).join(cs)}.`,
          r.position,
          cl.claim.patientControlNumber,
        );
        s1 = s1.split(m[2]).join(cs);
      }
      const parts = s1.split(cs);
      componentCount = parts.length;
      qualifier = parts[0] ?? "";
      code = parts[1] ?? "";
      for (let k = 2; k < parts.length && k < 6; k++) if (parts[k]) modifiers.add(parts[k] as string);
    }
    if (!qualifier) add("error", "835_SVC01_MISSING", "SVC01 (procedure) is empty.", r.position, cl.claim.patientControlNumber);
    const charge = cents(2, "line charge");
    const paid = cents(3, "line paid");
    const unitsValue = decimal(5, "units paid");
    let valid = true;
    if (charge === undefined) {
      add("error", "835_MISSING_ELEMENT", "SVC02 (line charge) is missing.", r.position, cl.claim.patientControlNumber);
      valid = false;
    } else if (Number.isNaN(charge)) valid = false;
    if (paid === undefined) {
      add("error", "835_MISSING_ELEMENT", "SVC03 (line paid amount) is missing.", r.position, cl.claim.patientControlNumber);
      valid = false;
    } else if (Number.isNaN(paid)) valid = false;
    let submitted: Line835["submitted"] | null = null;
    if (r.has(6)) {
      const sp = r.element(6).split(cs);
      const sm: string[] = [];
      for (let k = 2; k < sp.length && k < 6; k++) if (sp[k]) sm.push(sp[k] as string);
      submitted = { qualifier: sp[0] ?? "", code: sp[1] ?? "", modifiers: sm.length > 0 ? sm : NONE };
    }
    const chargeCents = charge === undefined || Number.isNaN(charge) ? 0 : charge;
    const paidCents = paid === undefined || Number.isNaN(paid) ? 0 : paid;
    const line: Line835 = {
      code,
      modifiers: modifiers.take(),
      chargeCents,
      paidCents,
      units: unitsValue ?? 1,
      adjustments: OPEN,
      remarks: OPEN,
      qualifier,
      serviceDate: null,
      lineControlNumber: null,
      references: NONE,
      amounts: NONE,
      balanced: false,
      segment: r.position,
    };
    if (r.has(4)) line.revenueCode = r.element(4);
    if (submitted !== null) line.submitted = submitted;
    const submittedUnits = decimal(7, "units submitted");
    if (submittedUnits !== null) line.submittedUnits = submittedUnits;
    let recovery: LineState["recovery"] = null;
    if (code === "" && componentCount === 1 && PRODUCT_QUALIFIERS.has(qualifier) && r.has(2) && r.has(3)) {
      // "SVC*HC*99213*100*80": the code was separated with the element separator; try the shifted reading
      const rc = r.cents(3);
      const rp = r.cents(4);
      if (rc !== undefined && rp !== undefined && !Number.isNaN(rc) && !Number.isNaN(rp)) {
        const shiftedUnits = r.has(6) ? r.element(6) : "";
        recovery = {
          code: r.element(2),
          chargeCents: rc,
          paidCents: rp,
          units: isDecimalText(shiftedUnits) ? Number(shiftedUnits) : 1,
          revenueCode: r.has(5) ? r.element(5) : null,
        };
      }
    }
    if (!valid) cl.valid = false;
    claimLines.add(line);
    const ls = lineSlot;
    ls.line = line;
    ls.chargeCents = chargeCents;
    ls.paidCents = paidCents;
    ls.casCents = 0;
    ls.valid = valid;
    ls.recovery = recovery;
    ls.writtenSvc01 = recovery === null ? "" : r.element(1);
    lineState = ls;
  };

  const readCas = (target: Collector<Adjustment835>, forLine: LineState | null, forClaim: ClaimState): void => {
    const group = r.element(1);
    if (!group) add("error", "835_CAS_GROUP", "CAS01 (adjustment group) is empty.", r.position, forClaim.claim.patientControlNumber);
    else if (group !== "CO" && group !== "PR" && group !== "OA" && group !== "PI" && group !== "CR") {
      add("warning", "835_CAS_GROUP", `CAS01 group "${group}" is not one of CO, PR, OA, PI.`, r.position, forClaim.claim.patientControlNumber);
    }
    let triples = 0;
    // past the last element written there is no triple left (has() would be false for both)
    const last = r.count < 17 ? r.count : 17;
    for (let k = 2; k <= last; k += 3) {
      if (!r.has(k) && !r.has(k + 1)) continue;
      triples++;
      const reason = r.element(k);
      const amount = cents(k + 1, "adjustment amount");
      if (!reason) add("error", "835_CAS_REASON", `CAS${pad2(k)} (reason code) is empty next to an amount.`, r.position, forClaim.claim.patientControlNumber);
      if (amount === undefined) {
        add("error", "835_MISSING_ELEMENT", `CAS${pad2(k + 1)} (amount for reason ${reason}) is missing.`, r.position, forClaim.claim.patientControlNumber);
        forClaim.valid = false;
        if (forLine) forLine.valid = false;
        continue;
      }
      if (Number.isNaN(amount)) {
        forClaim.valid = false;
        if (forLine) forLine.valid = false;
        continue;
      }
      target.add({ group, reason, amountCents: amount, quantity: decimal(k + 2, "adjustment quantity") });
      forClaim.casCents += amount;
      if (forLine) forLine.casCents += amount;
    }
    if (triples === 0) add("error", "835_CAS_EMPTY", "CAS carries no reason and amount.", r.position, forClaim.claim.patientControlNumber);
  };

  // a patient's or insured's member id differs from claim to claim: not worth the string cache (a
  // rendering provider's NPI repeats, and keeps it)
  const readName = (): Name835 => ({
    entity: r.element(1),
    type: r.element(2),
    lastName: r.element(3),
    firstName: r.element(4),
    middleName: r.element(5),
    idQualifier: r.element(8),
    id: r.elementIs(1, "82") ? r.element(9) : r.uniqueElement(9),
  });

  const requireTransaction = (): TransactionState | null => {
    if (txState) return txState;
    add("error", "X12_OUTSIDE_TRANSACTION", `${r.tagText() || "Segment"} appears outside an ST/SE transaction set; it was skipped.`);
    return null;
  };

  const collectors = [lineAdjustments, lineRemarks, modifierParts, claimLines, claimAdjustments, claimRemarks, claimDates, remarkParts];

  return (fileText: string, fileFindings: Finding835[], fileTransactions: Transaction835[], fileInterchanges: Interchange835[]): void => {
    if (typeof fileText !== "string") {
      fileFindings.push({ severity: "error", code: "X12_EMPTY", message: "No text was given.", segment: 1 });
      return;
    }
    const isa = readIsa(fileText);
    for (const p of isa.problems) fileFindings.push({ severity: p.severity, code: p.code, message: p.message, segment: p.segment, tag: "ISA" });
    if (!isa.delimiters) return;
    text = fileText;
    findings = fileFindings;
    transactions = fileTransactions;
    interchanges = fileInterchanges;
    delimiters = isa.delimiters;
    guessed = isa.guessed;
    r.reset(fileText, delimiters, isa.start);
    cs = delimiters.component;
    csCode = cs.charCodeAt(0);
    inInterchange = false;
    interchangeControl = "";
    interchangeStart = 0;
    groupCount = 0;
    inGroup = false;
    groupControl = "";
    groupStart = 0;
    txInGroup = 0;
    txState = null;
    place = Place.Header;
    claimState = null;
    lineState = null;
    segmentsSinceSt = 0;
    sawAnyIsa = false;
    lastParty = null;
    forgetShared();
    try {
      readSegments();
      endOfText();
    } catch (error) {
      // a bug of ours stopped the reading (parse835 reports it): the open line and claim still get
      // the entries read so far, and no placeholder list reaches the caller
      const openLine = (lineState as LineState | null)?.line;
      if (openLine) {
        openLine.adjustments = lineAdjustments.take();
        openLine.remarks = lineRemarks.take();
      }
      const openClaim = (claimState as ClaimState | null)?.claim;
      if (openClaim) {
        openClaim.lines = claimLines.take();
        openClaim.adjustments = claimAdjustments.take();
        openClaim.remarks = claimRemarks.take();
        openClaim.dates = claimDates.take();
      }
      throw error;
    } finally {
      // nothing of this file stays referenced once its result is handed over
      text = "";
      r.release();
      findings = [];
      transactions = [];
      interchanges = [];
      txState = null;
      claimState = null;
      lineState = null;
      lastParty = null;
      forgetShared();
      txSlot.tx = null as unknown as Transaction835;
      txSlot.header = null;
      claimSlot.claim = null as unknown as Claim835;
      lineSlot.line = null as unknown as Line835;
      lineSlot.recovery = null;
      for (const c of collectors) c.clear();
      // the converted dates stay for the next file (they are short copies, not slices of the text),
      // within a bound
      if (dateCache.size > 4096) dateCache.clear();
    }
  };


  /** The loop over the file's segments (its own small function, so that its optimized code is cheap to make and stays valid from file to file). */
  function readSegments(): void {
    while (r.next()) {
      if (txState) segmentsSinceSt++;
      if (!r.terminated) {
        add("error", "X12_TRUNCATED", `The file ends inside segment ${r.position} ("${clip(r.raw())}") without a segment terminator: it looks truncated.`);
      }
      const tag = r.tag;
      if (tag === 0) readUnknown();
      else if (tag === T_ST || tag === T_SE || tag === T_GS || tag === T_GE || tag === T_ISA || tag === T_IEA) readEnvelope(tag);
      else {
        const ts = requireTransaction();
        if (ts && ts.is835) readBody(ts, tag);
      }
    }
  }

  /** At the end of the text, whatever is still open is missing its trailer. */
  function endOfText(): void {
    if (txState) {
      const ts: TransactionState = txState;
      add("error", "X12_MISSING_SE", `Transaction ${ts.controlNumber} has no SE trailer (the file ends first).`, ts.start);
      closeTransaction(null);
    }
    if (inGroup) add("error", "X12_MISSING_GE", `Functional group ${groupControl} has no GE trailer (the file ends first).`, groupStart);
    if (inInterchange) add("error", "X12_MISSING_IEA", `Interchange ${interchangeControl} has no IEA trailer (the file ends first).`, interchangeStart);
    if (!sawAnyIsa && !guessed) add("error", "X12_NO_ISA", "No ISA header was found.", 1);
  }

  /** A segment whose tag is not 2-3 capital letters or digits (or an empty segment). */
  function readUnknown(): void {
    if (r.start === r.end) add("warning", "X12_EMPTY_SEGMENT", "Empty segment (two segment terminators in a row).");
    else {
      const raw = r.raw();
      const m = /^([A-Z][A-Z0-9]{1,2})([^A-Za-z0-9])/.exec(raw);
      const hint =
        m && m[2] !== delimiters.element
          ? ` It looks like "${m[2]}" is used as the element separator, but the ISA declares "${delimiters.element}".`
          : "";
      add("error", "X12_BAD_TAG", `"${clip(raw)}" does not start with a segment identifier; it was skipped.${hint}`);
    }
  }

  /** ISA, IEA, GS, GE, ST and SE: the envelope and its counts. */
  function readEnvelope(tag: number): void {
    const pos = r.position;
    switch (tag) {
      case T_ISA: {
        if (inInterchange) add("error", "X12_MISSING_IEA", `Interchange ${interchangeControl} has no IEA trailer before the next ISA.`, pos);
        if (txState) add("error", "X12_MISSING_SE", `Transaction ${txState.controlNumber} has no SE trailer.`, txState.start);
        closeTransaction(null);
        if (inGroup) add("error", "X12_MISSING_GE", `Functional group ${groupControl} has no GE trailer.`, groupStart);
        inGroup = false;
        if (sawAnyIsa && r.text.charAt(r.start + 3) !== delimiters.element) {
          add("error", "X12_SEPARATOR_CHANGE", "A later interchange declares a different element separator; it is read with the first interchange's separators.");
        }
        sawAnyIsa = true;
        inInterchange = true;
        interchangeStart = pos;
        interchangeControl = r.element(13);
        groupCount = 0;
        interchanges.push({
          senderQualifier: r.element(5),
          senderId: r.element(6).trim(),
          receiverQualifier: r.element(7),
          receiverId: r.element(8).trim(),
          date: r.element(9),
          time: r.element(10),
          controlNumber: interchangeControl,
          usage: r.element(15),
          version: r.element(12),
          delimiters,
          segment: pos,
        });
        if (!/^\d{9}$/.test(interchangeControl)) add("warning", "X12_ISA13", `ISA13 interchange control number "${interchangeControl}" is not 9 digits.`);
        break;
      }
      case T_IEA: {
        if (txState) add("error", "X12_MISSING_SE", `Transaction ${txState.controlNumber} has no SE trailer.`, txState.start);
        closeTransaction(null);
        if (inGroup) add("error", "X12_MISSING_GE", `Functional group ${groupControl} has no GE trailer.`, groupStart);
        inGroup = false;
        if (!inInterchange) {
          add("error", "X12_OUT_OF_PLACE", "IEA without a matching ISA.");
          break;
        }
        inInterchange = false;
        if (r.element(2) !== interchangeControl) {
          add("error", "X12_CONTROL_MISMATCH", `IEA02 "${r.element(2)}" does not match ISA13 "${interchangeControl}".`);
        }
        if (r.element(1) !== String(groupCount) && Number(r.element(1)) !== groupCount) {
          add("error", "X12_IEA_COUNT", `IEA01 says ${r.element(1) || "nothing"} functional groups but the interchange has ${groupCount}.`);
        }
        void interchangeStart;
        break;
      }
      case T_GS: {
        if (!inInterchange) add("error", "X12_OUT_OF_PLACE", "GS appears outside an interchange (no ISA before it).");
        if (txState) add("error", "X12_MISSING_SE", `Transaction ${txState.controlNumber} has no SE trailer.`, txState.start);
        closeTransaction(null);
        if (inGroup) add("error", "X12_MISSING_GE", `Functional group ${groupControl} has no GE trailer.`, groupStart);
        inGroup = true;
        groupCount++;
        groupControl = r.element(6);
        groupStart = pos;
        txInGroup = 0;
        if (!r.elementIs(1, "HP")) add("warning", "X12_GS_CODE", `GS01 is "${r.element(1)}"; an 835 group is HP.`);
        if (!r.elementIs(8, "005010X221A1")) add("warning", "X12_GS_VERSION", `GS08 is "${r.element(8)}"; this reader is written for 005010X221A1.`);
        break;
      }
      case T_GE: {
        if (txState) add("error", "X12_MISSING_SE", `Transaction ${txState.controlNumber} has no SE trailer.`, txState.start);
        closeTransaction(null);
        if (!inGroup) {
          add("error", "X12_OUT_OF_PLACE", "GE without a matching GS.");
          break;
        }
        inGroup = false;
        if (r.element(2) !== groupControl) add("error", "X12_CONTROL_MISMATCH", `GE02 "${r.element(2)}" does not match GS06 "${groupControl}".`);
        if (Number(r.element(1)) !== txInGroup || !r.has(1)) {
          add("error", "X12_GE_COUNT", `GE01 says ${r.element(1) || "nothing"} transaction sets but the group has ${txInGroup}.`);
        }
        break;
      }
      case T_ST: {
        if (!inGroup) add("error", "X12_OUT_OF_PLACE", "ST appears outside a functional group (no GS before it).");
        if (txState) add("error", "X12_MISSING_SE", `Transaction ${txState.controlNumber} has no SE trailer.`, txState.start);
        closeTransaction(null);
        txInGroup++;
        segmentsSinceSt = 1;
        const is835 = r.elementIs(1, "835");
        if (!is835) add("warning", "X12_NOT_835", `Transaction set ${r.element(1) || "(none)"} is not an 835; its content was skipped.`);
        const tx: Transaction835 = {
          paymentCents: 0,
          paymentDate: null,
          traceNumber: null,
          // the keys first, so the CLI JSON reads in the documented order
          payer: emptyPayer(),
          payee: emptyPayee(),
          claims: [],
          providerAdjustments: [],
          controlNumber: r.element(2),
          handlingCode: null,
          creditDebit: null,
          paymentMethod: null,
          traceOriginator: null,
          productionDate: null,
          references: [],
          headers: [],
          balanced: false,
          segment: pos,
        };
        if (is835) transactions.push(tx);
        const ts = txSlot;
        ts.tx = tx;
        ts.paymentCents = 0;
        ts.paymentValid = false;
        ts.sumPaidCents = 0;
        ts.sumPlbCents = 0;
        ts.sumValid = true;
        ts.start = pos;
        ts.controlNumber = r.element(2);
        ts.is835 = is835;
        ts.sawBpr = false;
        ts.sawTrn = false;
        ts.sawPayer = false;
        ts.sawPayee = false;
        ts.header = null;
        ts.headerClaims = 0;
        ts.headerChargeCents = 0;
        txState = ts;
        place = Place.Header;
        lastParty = null;
        break;
      }
      case T_SE: {
        const ts = txState;
        if (!ts) {
          add("error", "X12_OUT_OF_PLACE", "SE without a matching ST.");
          break;
        }
        const declared = r.element(1);
        if (!r.has(1) || Number(declared) !== segmentsSinceSt) {
          add("error", "X12_SE_COUNT", `SE01 says ${declared || "nothing"} segments but transaction ${ts.controlNumber} has ${segmentsSinceSt} (ST to SE inclusive).`);
        }
        if (r.element(2) !== ts.controlNumber) {
          add("error", "X12_CONTROL_MISMATCH", `SE02 "${r.element(2)}" does not match ST02 "${ts.controlNumber}".`);
        }
        closeTransaction(pos);
        break;
      }
    }
  }

  function readBody(ts: TransactionState, tag: number): void {
    // the most frequent segments first: a switch compares its cases in order
    switch (tag) {
      case T_CAS:
        onCas();
        return;
      case T_DTM:
        onDtm(ts);
        return;
      case T_SVC:
        onSvc();
        return;
      case T_REF:
        onRef(ts);
        return;
      case T_AMT:
        onAmt();
        return;
      case T_NM1:
        onNm1();
        return;
      case T_CLP:
        onClp(ts);
        return;
      case T_LQ:
        onLq();
        return;
      case T_MOA:
        onMoa();
        return;
      case T_PLB:
        onPlb(ts);
        return;
      case T_QTY:
        onQty();
        return;
      case T_MIA:
        onMia();
        return;
      case T_N1:
        onN1(ts);
        return;
      case T_N3:
      case T_N4:
        onN3OrN4(tag);
        return;
      case T_PER:
        onPer();
        return;
      case T_BPR:
        onBpr(ts);
        return;
      case T_TRN:
        onTrn(ts);
        return;
      case T_LX:
        onLx(ts);
        return;
      case T_TS3:
      case T_TS2:
        onTs3OrTs2(ts, tag);
        return;
      case T_CUR:
      case T_RDM:
        // nothing of these is kept
        return;
      default:
        add("warning", "835_UNEXPECTED", `Segment ${r.tagText()} is not part of an 835; ignored.`);
    }
  }

  function onBpr(ts: TransactionState): void {
    const tx = ts.tx;
    if (ts.sawBpr) add("error", "835_OUT_OF_PLACE", "A second BPR in the same transaction was ignored.");
    else if (segmentsSinceSt !== 2) add("warning", "835_OUT_OF_PLACE", "BPR should be the first segment after ST.");
    if (ts.sawBpr) return;
    ts.sawBpr = true;
    tx.handlingCode = r.element(1) || null;
    const amount = cents(2, "payment amount");
    if (amount === undefined) add("error", "835_MISSING_ELEMENT", "BPR02 (payment amount) is missing.");
    else if (!Number.isNaN(amount)) {
      ts.paymentCents = amount;
      ts.paymentValid = true;
      tx.paymentCents = amount;
    }
    tx.creditDebit = r.element(3) || null;
    tx.paymentMethod = r.element(4) || null;
    tx.paymentDate = date(16, "payment date");
    if (!r.has(16)) {
      const early = r.count === 15 ? isoDate(r.element(15)) : null;
      if (early !== null) {
        // seen in the wild: one '*' short before the date, which then lands in BPR15
        tx.paymentDate = early;
        add("warning", "835_BPR_DATE_POSITION", `BPR16 (payment date) is missing and BPR15 holds "${r.element(15)}", a date: the element is one position early; read as the payment date ${early}.`);
      } else add("error", "835_MISSING_ELEMENT", "BPR16 (payment / effective date) is missing.");
    }
  }

  function onTrn(ts: TransactionState): void {
    const tx = ts.tx;
    if (place !== Place.Header) {
      add("warning", "835_OUT_OF_PLACE", "TRN is expected right after BPR.");
    }
    if (ts.sawTrn) return;
    ts.sawTrn = true;
    tx.traceNumber = r.element(2) || null;
    tx.traceOriginator = r.element(3) || null;
    if (!r.has(2)) add("error", "835_MISSING_ELEMENT", "TRN02 (check or EFT trace number) is missing.");
  }

  function onN1(ts: TransactionState): void {
    const tx = ts.tx;
    closeClaim();
    const who = r.element(1);
    if (ts.tx.claims.length > 0 || place === Place.HeaderNumber) {
      add("warning", "835_OUT_OF_PLACE", `N1*${who} appears after the claims; it belongs before the first LX.`);
    }
    if (who === "PR") {
      ts.sawPayer = true;
      place = Place.Payer;
      tx.payer.name = r.element(2);
      tx.payer.idQualifier = r.element(3) || null;
      tx.payer.idCode = r.element(4) || null;
      if (r.has(4)) tx.payer.id = r.element(4);
      lastParty = tx.payer;
    } else if (who === "PE") {
      ts.sawPayee = true;
      place = Place.Payee;
      tx.payee.name = r.element(2);
      const q = r.element(3);
      tx.payee.idQualifier = q || null;
      tx.payee.idCode = r.element(4) || null;
      if (q === "XX") tx.payee.npi = r.element(4) || null;
      else if (q === "FI") tx.payee.tin = r.element(4) || null;
      lastParty = tx.payee;
    } else {
      add("warning", "835_UNEXPECTED", `N1 with entity "${who}" is not a payer (PR) or payee (PE); ignored.`);
      lastParty = null;
    }
  }

  function onN3OrN4(tag: number): void {
    if ((place !== Place.Payer && place !== Place.Payee) || !lastParty) {
      add("warning", "835_OUT_OF_PLACE", `${tag === T_N3 ? "N3" : "N4"} is only expected in the payer or payee loop; ignored.`);
      return;
    }
    const addr = lastParty.address ?? (lastParty.address = { lines: [], city: "", state: "", postalCode: "", country: "" });
    if (tag === T_N3) {
      addr.lines.push(r.element(1));
      if (r.has(2)) addr.lines.push(r.element(2));
    } else {
      addr.city = r.element(1);
      addr.state = r.element(2);
      addr.postalCode = r.element(3);
      addr.country = r.element(4);
    }
  }

  function onPer(): void {
    const contact = { function: r.element(1), name: r.element(2), numbers: [] as Reference835[] };
    for (let k = 3; k + 1 <= r.count; k += 2) if (r.has(k)) contact.numbers.push({ qualifier: r.element(k), value: r.element(k + 1) });
    if ((place === Place.Payer || place === Place.Payee) && lastParty) lastParty.contacts.push(contact);
    // claim-level PER (claim contact) carries nothing the remittance model needs
  }

  function onRef(ts: TransactionState): void {
    const tx = ts.tx;
    // a line's REF*6R (its control number) differs on every line: not worth the string cache
    const ref = { qualifier: r.element(1), value: r.elementIs(1, "6R") ? r.uniqueElement(2) : r.element(2) };
    if (!r.has(1) || !r.has(2)) add("warning", "835_MISSING_ELEMENT", "REF without qualifier or value.");
    switch (place) {
      case Place.Header:
        tx.references.push(ref);
        return;
      case Place.Payer:
        tx.payer.references.push(ref);
        if (ref.qualifier === "2U" && tx.payer.id === null) tx.payer.id = ref.value;
        return;
      case Place.Payee:
        tx.payee.references.push(ref);
        if (ref.qualifier === "TJ" && tx.payee.tin === null) tx.payee.tin = ref.value;
        return;
      case Place.Claim:
        if (claimState) claimState.claim.references = append(claimState.claim.references, ref);
        return;
      case Place.Line:
        if (lineState) {
          lineState.line.references = append(lineState.line.references, ref);
          if (ref.qualifier === "6R") lineState.line.lineControlNumber = ref.value;
        }
        return;
      default:
        add("warning", "835_OUT_OF_PLACE", `REF*${ref.qualifier} is not expected here; ignored.`);
    }
  }

  function onDtm(ts: TransactionState): void {
    const tx = ts.tx;
    const qualifier = r.element(1);
    const iso = date(2, "date", qualifier);
    const value = iso ?? r.element(2);
    if (place === Place.Header) {
      if (qualifier === "405") tx.productionDate = iso;
      return;
    }
    if (place === Place.Claim && claimState) {
      const c = claimState.claim;
      claimDates.add(claimDate(qualifier, value));
      if (qualifier === "232") c.statementFrom = iso;
      else if (qualifier === "233") c.statementTo = iso;
      return;
    }
    if (place === Place.Line && lineState) {
      const l = lineState.line;
      if (qualifier === "472") l.serviceDate = iso;
      else if (qualifier === "150") l.serviceDateFrom = iso;
      else if (qualifier === "151") l.serviceDateTo = iso;
      return;
    }
    add("warning", "835_OUT_OF_PLACE", `DTM*${qualifier} is not expected here; ignored.`);
  }

  /** A claim's DTM entry: one of the last two read when it has the same qualifier and date (see dateA). */
  function claimDate(qualifier: string, value: string): Date835 {
    const a = dateA;
    if (a !== null && a.date === value && a.qualifier === qualifier) return shared(a);
    const b = dateB;
    if (b !== null && b.date === value && b.qualifier === qualifier) return shared(b);
    const d: Date835 = { qualifier, date: value };
    dateB = a;
    dateA = d;
    return d;
  }

  function onLx(ts: TransactionState): void {
    const tx = ts.tx;
    const pos = r.position;
    closeClaim();
    closeHeader();
    place = Place.HeaderNumber;
    if (!ts.sawPayee) add("error", "835_OUT_OF_PLACE", "LX appears before the payee (N1*PE) loop.");
    const h: HeaderSummary835 = { number: r.element(1), providerSummary: null, supplementalSummary: null, segment: pos };
    tx.headers.push(h);
    ts.header = h;
    ts.headerClaims = 0;
    ts.headerChargeCents = 0;
  }

  function onTs3OrTs2(ts: TransactionState, tag: number): void {
    if (place !== Place.HeaderNumber || !ts.header) {
      add("warning", "835_OUT_OF_PLACE", `${tag === T_TS3 ? "TS3" : "TS2"} is only expected right after LX; ignored.`);
      return;
    }
    const els: string[] = [];
    for (let k = 1; k <= r.count; k++) els.push(r.element(k));
    if (tag === T_TS3) ts.header.providerSummary = els;
    else ts.header.supplementalSummary = els;
  }

  function onClp(ts: TransactionState): void {
    const tx = ts.tx;
    const pos = r.position;
    closeClaim();
    if (place === Place.Header || place === Place.Payer || place === Place.Payee) {
      add("warning", "835_OUT_OF_PLACE", "CLP appears without an LX header number before it.");
    }
    if (tx.providerAdjustments.length > 0) add("error", "835_OUT_OF_PLACE", "CLP appears after PLB; PLB must come after all claims.");
    place = Place.Claim;
    const pcn = r.uniqueElement(1);
    const status = r.element(2);
    if (!pcn) add("error", "835_MISSING_ELEMENT", "CLP01 (patient control number) is missing.");
    if (!status) add("error", "835_MISSING_ELEMENT", "CLP02 (claim status) is missing.", pos, pcn);
    const charge = cents(3, "claim charge");
    const paid = cents(4, "claim paid");
    const patient = cents(5, "patient responsibility");
    let valid = true;
    if (charge === undefined) {
      add("error", "835_MISSING_ELEMENT", "CLP03 (claim charge) is missing.", pos, pcn);
      valid = false;
    } else if (Number.isNaN(charge)) valid = false;
    if (paid === undefined) {
      add("error", "835_MISSING_ELEMENT", "CLP04 (claim paid amount) is missing.", pos, pcn);
      valid = false;
    } else if (Number.isNaN(paid)) valid = false;
    const chargeCents = charge === undefined || Number.isNaN(charge) ? 0 : charge;
    const paidCents = paid === undefined || Number.isNaN(paid) ? 0 : paid;
    if (status === "22" && valid && chargeCents > 0) {
      add("warning", "835_REVERSAL_SIGN", `Claim ${pcn} is a reversal (CLP02 22) but its charge ${formatCents(chargeCents)} is not negative.`, pos, pcn);
    }
    const claim: Claim835 = {
      patientControlNumber: pcn,
      status,
      chargeCents,
      paidCents,
      patientResponsibilityCents: patient === undefined || Number.isNaN(patient) ? 0 : patient,
      payerClaimNumber: r.uniqueElement(7) || null,
      adjustments: OPEN,
      remarks: OPEN,
      lines: OPEN,
      filingIndicator: r.element(6) || null,
      facilityCode: r.element(8) || null,
      frequencyCode: r.element(9) || null,
      patient: null,
      renderingProvider: null,
      outpatient: null,
      references: NONE,
      dates: NONE,
      statementFrom: null,
      statementTo: null,
      amounts: NONE,
      headerNumber: ts.header ? ts.header.number : null,
      balanced: false,
      segment: pos,
    };
    const drg = r.element(11);
    if (drg) claim.drgCode = drg;
    tx.claims.push(claim);
    if (paid !== undefined && !Number.isNaN(paid)) ts.sumPaidCents += paidCents;
    else ts.sumValid = false;
    ts.headerChargeCents += chargeCents;
    ts.headerClaims++;
    const cs0 = claimSlot;
    cs0.claim = claim;
    cs0.chargeCents = chargeCents;
    cs0.paidCents = paidCents;
    cs0.casCents = 0;
    cs0.valid = valid;
    claimState = cs0;
  }

  function onCas(): void {
    if (place === Place.Line && lineState && claimState) readCas(lineAdjustments, lineState, claimState);
    else if (place === Place.Claim && claimState) readCas(claimAdjustments, null, claimState);
    else add("error", "835_OUT_OF_PLACE", "CAS appears outside a claim; its amounts were not counted.");
  }

  function onNm1(): void {
    if (place !== Place.Claim || !claimState) {
      add("warning", "835_OUT_OF_PLACE", `NM1*${r.element(1)} is only expected in a claim, before its service lines; ignored.`);
      return;
    }
    const entity = r.element(1);
    let slot = -1;
    for (let k = 0; k < nameSlots; k++) {
      if (nameEntity[k] === entity) {
        slot = k;
        break;
      }
    }
    let name: Name835;
    const known = slot >= 0 ? nameRead[slot] : null;
    if (known && sameText(nameStart[slot] as number, nameEnd[slot] as number, r.start, r.end)) name = shared(known);
    else {
      name = readName();
      if (slot < 0) slot = nameSlots < 4 ? nameSlots++ : 3;
      nameEntity[slot] = entity;
      nameStart[slot] = r.start;
      nameEnd[slot] = r.end;
      nameRead[slot] = name;
    }
    const c = claimState.claim;
    if (name.entity === "QC") c.patient = name;
    else if (name.entity === "IL") c.insured = name;
    else if (name.entity === "82") c.renderingProvider = name;
    else c.otherNames = append(c.otherNames ?? NONE, name);
  }

  function onMia(): void {
    if (place !== Place.Claim || !claimState) {
      add("warning", "835_OUT_OF_PLACE", "MIA is only expected in a claim, before its service lines; ignored.");
      return;
    }
    const els: string[] = [];
    for (let k = 1; k <= r.count; k++) els.push(r.element(k));
    const found = remarkParts;
    for (const k of [5, 20, 21, 22, 23]) if (r.has(k)) found.add(r.element(k));
    const remarks = found.take();
    const mia: InpatientAdjudication835 = {
      coveredDays: decimal(1, "covered days"),
      ppsOperatingOutlierCents: centsOrNull(cents(2, "PPS operating outlier amount")),
      lifetimePsychiatricDays: decimal(3, "lifetime psychiatric days"),
      claimDrgCents: centsOrNull(cents(4, "claim DRG amount")),
      remarks,
      elements: els,
    };
    claimState.claim.inpatient = mia;
    for (const m of remarks) claimRemarks.add(m);
  }

  function onMoa(): void {
    if (place !== Place.Claim || !claimState) {
      add("warning", "835_OUT_OF_PLACE", "MOA is only expected in a claim, before its service lines; ignored.");
      return;
    }
    const again = moaRead;
    if (again && sameText(moaStart, moaEnd, r.start, r.end)) {
      // the same MOA as the last one, which was read without a finding
      claimState.claim.outpatient = shared(again);
      for (const m of again.remarks) claimRemarks.add(m);
      return;
    }
    const found = remarkParts;
    for (let k = 3; k <= 7; k++) if (r.has(k)) found.add(r.element(k));
    const remarks = found.take();
    const before = findings.length;
    const moa: OutpatientAdjudication835 = {
      reimbursementRate: decimal(1, "reimbursement rate"),
      hcpcsPayableCents: centsOrNull(cents(2, "HCPCS payable amount")),
      remarks,
      esrdPaymentCents: centsOrNull(cents(8, "ESRD payment amount")),
      nonPayableProfessionalComponentCents: centsOrNull(cents(9, "non-payable professional component")),
    };
    claimState.claim.outpatient = moa;
    if (findings.length === before) {
      moaRead = moa;
      moaStart = r.start;
      moaEnd = r.end;
    }
    for (const m of remarks) claimRemarks.add(m);
  }

  function onAmt(): void {
    const qualifier = r.element(1);
    const amount = cents(2, "amount", qualifier);
    const entry = { qualifier, amountCents: amount === undefined || Number.isNaN(amount) ? 0 : amount };
    if (place === Place.Line && lineState) lineState.line.amounts = append(lineState.line.amounts, entry);
    else if (place === Place.Claim && claimState) claimState.claim.amounts = append(claimState.claim.amounts, entry);
    else add("warning", "835_OUT_OF_PLACE", `AMT*${entry.qualifier} is only expected in a claim or service line; ignored.`);
  }

  function onQty(): void {
    const qualifier = r.element(1);
    const q = decimal(2, "quantity", qualifier);
    const entry = { qualifier, quantity: q ?? 0 };
    if (place === Place.Line && lineState) lineState.line.quantities = append(lineState.line.quantities ?? NONE, entry);
    else if (place === Place.Claim && claimState) claimState.claim.quantities = append(claimState.claim.quantities ?? NONE, entry);
    else add("warning", "835_OUT_OF_PLACE", `QTY*${entry.qualifier} is only expected in a claim or service line; ignored.`);
  }

  function onSvc(): void {
    if (place !== Place.Claim && place !== Place.Line) {
      add("error", "835_OUT_OF_PLACE", "SVC (service line) appears outside a claim; it was skipped.");
      return;
    }
    startLine();
  }

  function onLq(): void {
    if (place !== Place.Line || !lineState) {
      add("warning", "835_OUT_OF_PLACE", "LQ (remark) is only expected in a service line; ignored.");
      return;
    }
    const q = r.element(1);
    if (q === "HE") lineRemarks.add(r.element(2));
    else if (q === "RX") lineState.line.ncpdpRejects = append(lineState.line.ncpdpRejects ?? NONE, r.element(2));
    else add("warning", "835_UNEXPECTED", `LQ01 qualifier "${q}" is not HE or RX; ignored.`);
  }

  function onPlb(ts: TransactionState): void {
    const tx = ts.tx;
    const pos = r.position;
    closeClaim();
    closeHeader();
    place = Place.Plb;
    const providerId = r.element(1);
    const fiscal = date(2, "fiscal period date");
    if (!r.has(1)) add("error", "835_MISSING_ELEMENT", "PLB01 (provider identifier) is missing.");
    let pairs = 0;
    const last = r.count < 13 ? r.count : 13;
    for (let k = 3; k <= last; k += 2) {
      if (!r.has(k) && !r.has(k + 1)) continue;
      pairs++;
      // PLB03-1 reason and PLB03-2 reference, read in place (no copy of the whole composite)
      let reason = "";
      let reference: string | null = null;
      if (k <= r.count) {
        const s0 = r.elementStart(k);
        const e0 = r.elementEnd(k);
        const ci = componentAt(s0, e0);
        if (ci < 0) reason = r.slice(s0, e0);
        else {
          reason = r.slice(s0, ci);
          if (ci + 1 < e0) reference = text.slice(ci + 1, e0);
        }
      }
      const amount = cents(k + 1, "provider adjustment amount", reason);
      if (!reason) add("error", "835_MISSING_ELEMENT", `PLB${pad2(k)} (adjustment reason) is empty.`);
      if (amount === undefined) {
        add("error", "835_MISSING_ELEMENT", `PLB${pad2(k + 1)} (amount for ${reason}) is missing.`);
        ts.sumValid = false;
        continue;
      }
      if (Number.isNaN(amount)) {
        ts.sumValid = false;
        continue;
      }
      ts.sumPlbCents += amount;
      tx.providerAdjustments.push({ reason, reference, amountCents: amount, providerId, fiscalPeriodDate: fiscal, segment: pos });
    }
    if (pairs === 0) add("error", "835_PLB_EMPTY", "PLB carries no adjustment reason and amount.");
  }
}

const read = createReader();

function centsOrNull(v: number | undefined): number | null {
  return v === undefined || Number.isNaN(v) ? null : v;
}

function parseCentsString(value: string): number {
  let negative = false;
  let s = value;
  if (s.startsWith("-")) {
    negative = true;
    s = s.slice(1);
  }
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return NaN;
  const [w = "", f = ""] = s.split(".");
  if (f.length > 2 && /[^0]/.test(f.slice(2))) return NaN;
  const c = Number(w || "0") * 100 + Number((f + "00").slice(0, 2));
  return negative ? -c : c;
}

function named(what: string, suffix: string | undefined): string {
  return suffix === undefined ? what : `${what} ${suffix}`;
}

function pad2(i: number): string {
  return i < 10 ? `0${i}` : String(i);
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

// ---------------------------------------------------------------------------------------------
// The CLI's JSON: the result with every amount in dollars, in the keys and order it always printed

const dollars = (cents: number): number => cents / 100;
const dollarsOrNull = (cents: number | null): number | null => (cents === null ? null : cents / 100);

function adjustmentJson(a: Adjustment835) {
  return { group: a.group, reason: a.reason, amount: dollars(a.amountCents), quantity: a.quantity };
}

function amountJson(a: Amount835) {
  return { qualifier: a.qualifier, amount: dollars(a.amountCents) };
}

function lineJson(l: Line835) {
  return {
    code: l.code,
    modifiers: l.modifiers,
    chargeAmount: dollars(l.chargeCents),
    paidAmount: dollars(l.paidCents),
    units: l.units,
    adjustments: l.adjustments.map(adjustmentJson),
    remarks: l.remarks,
    qualifier: l.qualifier,
    revenueCode: l.revenueCode ?? null,
    submitted: l.submitted ?? null,
    submittedUnits: l.submittedUnits ?? null,
    serviceDate: l.serviceDate,
    serviceDateFrom: l.serviceDateFrom ?? null,
    serviceDateTo: l.serviceDateTo ?? null,
    lineControlNumber: l.lineControlNumber,
    references: l.references,
    amounts: l.amounts.map(amountJson),
    quantities: l.quantities ?? NONE,
    ncpdpRejects: l.ncpdpRejects ?? NONE,
    balanced: l.balanced,
    segment: l.segment,
  };
}

function inpatientJson(m: InpatientAdjudication835) {
  return {
    coveredDays: m.coveredDays,
    ppsOperatingOutlierAmount: dollarsOrNull(m.ppsOperatingOutlierCents),
    lifetimePsychiatricDays: m.lifetimePsychiatricDays,
    claimDrgAmount: dollarsOrNull(m.claimDrgCents),
    remarks: m.remarks,
    elements: m.elements,
  };
}

function outpatientJson(m: OutpatientAdjudication835) {
  return {
    reimbursementRate: m.reimbursementRate,
    hcpcsPayableAmount: dollarsOrNull(m.hcpcsPayableCents),
    remarks: m.remarks,
    esrdPaymentAmount: dollarsOrNull(m.esrdPaymentCents),
    nonPayableProfessionalComponent: dollarsOrNull(m.nonPayableProfessionalComponentCents),
  };
}

function claimJson(c: Claim835) {
  return {
    patientControlNumber: c.patientControlNumber,
    status: c.status,
    chargeAmount: dollars(c.chargeCents),
    paidAmount: dollars(c.paidCents),
    patientResponsibility: dollars(c.patientResponsibilityCents),
    payerClaimNumber: c.payerClaimNumber,
    adjustments: c.adjustments.map(adjustmentJson),
    remarks: c.remarks,
    lines: c.lines.map(lineJson),
    filingIndicator: c.filingIndicator,
    facilityCode: c.facilityCode,
    frequencyCode: c.frequencyCode,
    drgCode: c.drgCode ?? null,
    patient: c.patient,
    insured: c.insured ?? null,
    renderingProvider: c.renderingProvider,
    otherNames: c.otherNames ?? NONE,
    inpatient: c.inpatient ? inpatientJson(c.inpatient) : null,
    outpatient: c.outpatient && outpatientJson(c.outpatient),
    references: c.references,
    dates: c.dates,
    statementFrom: c.statementFrom,
    statementTo: c.statementTo,
    amounts: c.amounts.map(amountJson),
    quantities: c.quantities ?? NONE,
    headerNumber: c.headerNumber,
    balanced: c.balanced,
    segment: c.segment,
  };
}

function transactionJson(t: Transaction835) {
  return {
    paymentAmount: dollars(t.paymentCents),
    paymentDate: t.paymentDate,
    traceNumber: t.traceNumber,
    payer: t.payer,
    payee: t.payee,
    claims: t.claims.map(claimJson),
    providerAdjustments: t.providerAdjustments.map((p) => ({
      reason: p.reason,
      reference: p.reference,
      amount: dollars(p.amountCents),
      providerId: p.providerId,
      fiscalPeriodDate: p.fiscalPeriodDate,
      segment: p.segment,
    })),
    controlNumber: t.controlNumber,
    handlingCode: t.handlingCode,
    creditDebit: t.creditDebit,
    paymentMethod: t.paymentMethod,
    traceOriginator: t.traceOriginator,
    productionDate: t.productionDate,
    references: t.references,
    headers: t.headers,
    balanced: t.balanced,
    segment: t.segment,
  };
}

/** What `billing parse-835` prints: the transactions and findings, every amount in dollars (`chargeAmount`, `amount` ...). */
export function remittance835Json(r: Remittance835) {
  return { transactions: r.transactions.map(transactionJson), findings: r.findings };
}
