/**
 * A small 837P/837I reader: what a file we wrote says, claim by claim (CLM01, CLM02, the lines with
 * their charges, units, NDC and line control numbers), with the envelope and the HL tree. Used to
 * check batch files (round trip: what was stored = what the file says) and to show a file's claims.
 * It never throws; problems are findings with the segment position.
 */
import { parseCents, tokenize } from "./tokenizer";

export interface Read837Line {
  code: string;
  modifiers: string[];
  chargeCents: number;
  units: string;
  diagnosisPointers: string[];
  revenueCode: string | null;
  ndc: { code11: string; unit: string; quantity: string } | null;
  lineControlNumber: string | null;
  priorAuthNumber: string | null;
  dateOfService: string | null;
}

export interface Read837Claim {
  patientControlNumber: string;
  totalChargeCents: number;
  /** CLM05-1: place of service (837P) or facility type + classification (837I) */
  facilityCode: string;
  frequencyCode: string;
  payerClaimNumber: string | null;
  priorAuthNumber: string | null;
  diagnoses: string[];
  memberId: string | null;
  payerId: string | null;
  payerResponsibility: string | null;
  billingProviderNpi: string | null;
  lines: Read837Line[];
  /** position of the CLM segment */
  segment: number;
}

export interface Read837Result {
  version: string | null;
  interchangeControlNumber: string | null;
  groupControlNumber: string | null;
  transactionSetControlNumber: string | null;
  /** SE01 as written and the actual count */
  segmentCount: { declared: number | null; actual: number };
  groupTransactionCount: number | null;
  interchangeGroupCount: number | null;
  hl: { id: string; parent: string; level: string; children: string; segment: number }[];
  claims: Read837Claim[];
  findings: { severity: "error" | "warning"; code: string; message: string; segment: number }[];
}

function date8(v: string | undefined): string | null {
  return v && /^\d{8}$/.test(v) ? `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}` : null;
}

export function read837(text: string): Read837Result {
  const out: Read837Result = {
    version: null,
    interchangeControlNumber: null,
    groupControlNumber: null,
    transactionSetControlNumber: null,
    segmentCount: { declared: null, actual: 0 },
    groupTransactionCount: null,
    interchangeGroupCount: null,
    hl: [],
    claims: [],
    findings: [],
  };
  const t = tokenize(text);
  for (const p of t.problems) out.findings.push({ severity: p.severity, code: p.code, message: p.message, segment: p.segment });
  if (!t.delimiters) return out;
  const comp = (v: string | undefined) => (v ?? "").split(t.delimiters!.component);
  let inSt = false;
  let claim: Read837Claim | null = null;
  let line: Read837Line | null = null;
  let memberId: string | null = null;
  let payerId: string | null = null;
  let responsibility: string | null = null;
  let billingNpi: string | null = null;
  let lastNm1 = "";
  t.segments.forEach((s, i) => {
    const pos = i + 1;
    const tag = s[0];
    if (inSt) out.segmentCount.actual++;
    switch (tag) {
      case "ISA":
        out.interchangeControlNumber = (s[13] ?? "").trim();
        break;
      case "GS":
        out.groupControlNumber = s[6] ?? null;
        out.version = s[8] ?? null;
        break;
      case "ST":
        inSt = true;
        out.segmentCount.actual = 1;
        out.transactionSetControlNumber = s[2] ?? null;
        break;
      case "HL":
        claim = null;
        line = null;
        out.hl.push({ id: s[1] ?? "", parent: s[2] ?? "", level: s[3] ?? "", children: s[4] ?? "", segment: pos });
        break;
      case "SBR":
        responsibility = s[1] ?? null;
        break;
      case "NM1":
        lastNm1 = s[1] ?? "";
        if (lastNm1 === "85") billingNpi = s[9] ?? null;
        if (lastNm1 === "IL") memberId = s[9] ?? null;
        if (lastNm1 === "PR") payerId = s[9] ?? null;
        break;
      case "CLM": {
        const c5 = comp(s[5]);
        claim = {
          patientControlNumber: s[1] ?? "",
          totalChargeCents: parseCents(s[2] ?? "", 0, (s[2] ?? "").length),
          facilityCode: c5[0] ?? "",
          frequencyCode: c5[2] ?? "",
          payerClaimNumber: null,
          priorAuthNumber: null,
          diagnoses: [],
          memberId,
          payerId,
          payerResponsibility: responsibility,
          billingProviderNpi: billingNpi,
          lines: [],
          segment: pos,
        };
        line = null;
        out.claims.push(claim);
        break;
      }
      case "REF": {
        const c = claim as Read837Claim | null;
        const l = line as Read837Line | null;
        if (!c) break;
        if (l) {
          if (s[1] === "6R") l.lineControlNumber = s[2] ?? null;
          if (s[1] === "G1") l.priorAuthNumber = s[2] ?? null;
        } else {
          if (s[1] === "F8") c.payerClaimNumber = s[2] ?? null;
          if (s[1] === "G1") c.priorAuthNumber = s[2] ?? null;
        }
        break;
      }
      case "HI": {
        const c = claim as Read837Claim | null;
        if (!c) break;
        for (const e of s.slice(1)) {
          const [q, code] = comp(e);
          if (q && code && q !== "APR") c.diagnoses.push(code);
        }
        break;
      }
      case "LX":
        line = null;
        break;
      case "SV1":
      case "SV2": {
        const c = claim as Read837Claim | null;
        if (!c) {
          out.findings.push({ severity: "error", code: "837_OUT_OF_PLACE", message: `${tag} outside a claim.`, segment: pos });
          break;
        }
        const inst = tag === "SV2";
        const proc = comp(inst ? s[2] : s[1]);
        const charge = (inst ? s[3] : s[2]) ?? "";
        line = {
          code: proc[1] ?? "",
          modifiers: proc.slice(2).filter(Boolean),
          chargeCents: parseCents(charge, 0, charge.length),
          units: (inst ? s[5] : s[4]) ?? "",
          diagnosisPointers: inst ? [] : comp(s[7]).filter(Boolean),
          revenueCode: inst ? (s[1] ?? null) : null,
          ndc: null,
          lineControlNumber: null,
          priorAuthNumber: null,
          dateOfService: null,
        };
        c.lines.push(line);
        break;
      }
      case "DTP": {
        const l = line as Read837Line | null;
        if (l && s[1] === "472") l.dateOfService = date8(s[3]);
        break;
      }
      case "LIN": {
        const l = line as Read837Line | null;
        if (!l) {
          out.findings.push({ severity: "error", code: "837_OUT_OF_PLACE", message: "LIN outside a service line.", segment: pos });
          break;
        }
        l.ndc = { code11: s[3] ?? "", unit: "", quantity: "" };
        break;
      }
      case "CTP": {
        const l = line as Read837Line | null;
        if (!l?.ndc) {
          out.findings.push({ severity: "error", code: "837_OUT_OF_PLACE", message: "CTP without a LIN before it.", segment: pos });
          break;
        }
        l.ndc.quantity = s[4] ?? "";
        l.ndc.unit = comp(s[5])[0] ?? "";
        break;
      }
      case "SE":
        out.segmentCount.declared = /^\d+$/.test(s[1] ?? "") ? Number(s[1]) : null;
        inSt = false;
        break;
      case "GE":
        out.groupTransactionCount = /^\d+$/.test(s[1] ?? "") ? Number(s[1]) : null;
        break;
      case "IEA":
        out.interchangeGroupCount = /^\d+$/.test(s[1] ?? "") ? Number(s[1]) : null;
        break;
    }
  });
  if (out.segmentCount.declared !== out.segmentCount.actual) {
    out.findings.push({ severity: "error", code: "X12_SE_COUNT", message: `SE01 says ${out.segmentCount.declared}; the transaction set has ${out.segmentCount.actual} segments.`, segment: t.segments.findIndex((s) => s[0] === "SE") + 1 });
  }
  for (const c of out.claims) {
    const sum = c.lines.reduce((a, l) => a + l.chargeCents, 0);
    if (sum !== c.totalChargeCents) out.findings.push({ severity: "error", code: "837_CLAIM_TOTAL", message: `CLM02 of ${c.patientControlNumber} is ${c.totalChargeCents} cents; its lines add up to ${sum}.`, segment: c.segment });
  }
  return out;
}
