/**
 * Differently shaped, valid and balancing 005010X221A1 remittances for the 835 reader benchmark.
 * The project's original file (`generate835` in x12-parse-bench.ts) is one shape; these are the
 * others a reader meets in practice:
 *  - few-large:  a few claims with very many service lines (long statement periods, drug + admin per day)
 *  - many-small: very many one-line claims with few segments each (clinic visits, paid in full or CO-45)
 *  - line-heavy: 3–4 service lines per claim, each with several CAS (multi-reason, quantities), LQ remarks and AMT
 *  - plb-heavy:  small transactions whose provider-level adjustments (PLB, up to 6 pairs each) dominate the file
 * Every file is deterministic (seeded), reads clean in our reader, and balances at line, claim and transaction level.
 */

export type ShapeName = "few-large" | "many-small" | "line-heavy" | "plb-heavy";

export interface ShapeSpec {
  name: ShapeName;
  description: string;
  claimsPerTransaction: number;
  linesPerClaim: readonly [number, number];
  /** segments written around each line and claim */
  detail: "tiny" | "standard" | "rich";
  /** PLB segments per transaction and adjustment pairs per PLB */
  plbPerTransaction: number;
  plbPairs: readonly [number, number];
}

export const SHAPES: readonly ShapeSpec[] = [
  {
    name: "few-large",
    description: "few claims, 150–400 service lines each",
    claimsPerTransaction: 20,
    linesPerClaim: [150, 400],
    detail: "standard",
    plbPerTransaction: 1,
    plbPairs: [1, 1],
  },
  {
    name: "many-small",
    description: "many one-line claims, CLP + NM1 + SVC + DTM (+ CAS)",
    claimsPerTransaction: 5000,
    linesPerClaim: [1, 1],
    detail: "tiny",
    plbPerTransaction: 0,
    plbPairs: [1, 1],
  },
  {
    name: "line-heavy",
    description: "3–4 lines per claim, each with CAS (multi-reason), LQ and AMT",
    claimsPerTransaction: 2500,
    linesPerClaim: [3, 4],
    detail: "rich",
    plbPerTransaction: 2,
    plbPairs: [1, 2],
  },
  {
    name: "plb-heavy",
    description: "25 claims and 400 PLB segments (up to 6 adjustments each) per transaction",
    claimsPerTransaction: 25,
    linesPerClaim: [2, 3],
    detail: "standard",
    plbPerTransaction: 400,
    plbPairs: [3, 6],
  },
];

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function amount(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const a = Math.abs(cents);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}

/** Services a durvalumab infusion claim carries: [SVC01, unit price in cents, units range]. */
const SERVICES: readonly [string, number, number, number][] = [
  ["HC:J9173:JZ", 15000, 50, 170],
  ["HC:J9173", 15000, 50, 150],
  ["HC:J9173:JW", 15000, 1, 9],
  ["HC:96413", 30000, 1, 1],
  ["HC:96415", 7500, 1, 2],
  ["HC:96375", 4500, 1, 1],
  ["HC:J2405", 120, 8, 16],
  ["HC:99215:25", 21000, 1, 1],
];
const PLB_REASONS = ["WO", "L6", "FB", "72", "CS", "J1", "IR", "90"] as const;
const DATES = ["20260901", "20260908", "20260915", "20260922", "20260929", "20261006"] as const;

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

function between(rand: () => number, [lo, hi]: readonly [number, number]): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

interface Built {
  segments: string[];
  chargeCents: number;
  paidCents: number;
  patientCents: number;
}

function buildLine(rand: () => number, spec: ShapeSpec, pcn: string, lineNo: number, sign: number, denied: boolean, date: string): Built {
  const [svc01, price, lo, hi] = pick(rand, SERVICES);
  const units = between(rand, [lo, hi]);
  const charge = price * units;
  const segs: string[] = [];
  let paid = 0;
  let patient = 0;
  const cas: string[] = [];
  const remarks: string[] = [];
  if (denied) {
    cas.push(`CAS*CO*197*${amount(sign * charge)}`);
    remarks.push("N210");
    if (spec.detail === "rich") remarks.push("M15");
  } else if (spec.detail === "tiny" && rand() < 0.5) {
    paid = charge;
  } else {
    const allowed = Math.floor(charge * (0.6 + rand() * 0.3));
    const sequestration = spec.detail === "rich" ? Math.floor(allowed * 0.02) : 0;
    const deductible = rand() < 0.2 ? Math.min(allowed - sequestration, 25000) : 0;
    const coins = Math.floor((allowed - sequestration - deductible) * 0.2);
    const copay = spec.detail === "rich" && rand() < 0.3 ? Math.min(2000, allowed - sequestration - deductible - coins) : 0;
    paid = allowed - sequestration - deductible - coins - copay;
    patient = deductible + coins + copay;
    if (spec.detail === "rich") {
      // contractual and sequestration in one CAS (with a quantity on the first reason), patient share in another
      cas.push(`CAS*CO*45*${amount(sign * (charge - allowed))}*${units}*253*${amount(sign * sequestration)}`);
      const pr: string[] = [];
      if (deductible > 0) pr.push("1", amount(sign * deductible), "");
      pr.push("2", amount(sign * coins), "");
      if (copay > 0) pr.push("3", amount(sign * copay), "");
      cas.push(`CAS*PR*${pr.join("*").replace(/\*+$/, "")}`);
      if (rand() < 0.25) cas.push(`CAS*OA*23*${amount(0)}`);
      remarks.push(rand() < 0.5 ? "N130" : "M80");
      if (rand() < 0.3) remarks.push("N381");
    } else {
      cas.push(`CAS*CO*45*${amount(sign * (charge - allowed))}`);
      if (patient > 0) cas.push(deductible > 0 ? `CAS*PR*1*${amount(sign * deductible)}**2*${amount(sign * coins)}` : `CAS*PR*2*${amount(sign * coins)}`);
    }
  }
  segs.push(`SVC*${svc01}*${amount(sign * charge)}*${amount(sign * paid)}**${sign * units}`, `DTM*472*${date}`, ...cas);
  if (spec.detail !== "tiny") segs.push(`REF*6R*${pcn}-${lineNo}`);
  if (spec.detail === "rich") {
    segs.push(`AMT*B6*${amount(sign * (paid + patient))}`);
    if (rand() < 0.2) segs.push(`AMT*KH*${amount(0)}`);
    for (const m of remarks) segs.push(`LQ*HE*${m}`);
  } else if (spec.detail === "standard") {
    segs.push(denied ? "LQ*HE*N210" : `AMT*B6*${amount(sign * (paid + patient))}`);
  } else if (denied) {
    segs.push("LQ*HE*N210");
  }
  return { segments: segs, chargeCents: sign * charge, paidCents: sign * paid, patientCents: sign * patient };
}

function buildClaim(rand: () => number, spec: ShapeSpec, n: number): Built {
  const pcn = `SH${String(n).padStart(8, "0")}`;
  const denied = rand() < 0.08;
  const reversal = !denied && rand() < 0.03;
  const sign = reversal ? -1 : 1;
  const date = pick(rand, DATES);
  const lines: string[] = [];
  let charge = 0;
  let paid = 0;
  let patient = 0;
  const count = between(rand, spec.linesPerClaim);
  for (let k = 1; k <= count; k++) {
    const line = buildLine(rand, spec, pcn, k, sign, denied, spec.linesPerClaim[1] > 20 ? pick(rand, DATES) : date);
    lines.push(...line.segments);
    charge += line.chargeCents;
    paid += line.paidCents;
    patient += line.patientCents;
  }
  const head = [
    `CLP*${pcn}*${reversal ? "22" : denied ? "4" : "1"}*${amount(charge)}*${amount(paid)}*${amount(patient)}*12*PY${String(n).padStart(12, "0")}*11*1`,
    `NM1*QC*1*PATIENT${n % 997}*TEST****MI*MBR${String(n).padStart(9, "0")}`,
  ];
  if (spec.detail === "rich") head.push(`NM1*IL*1*SUBSCRIBER${n % 991}*TEST****MI*MBR${String(n).padStart(9, "0")}`);
  if (spec.detail !== "tiny") head.push("NM1*82*1*OKAFOR*NNEKA****XX*1679576722", "MOA***MA01");
  if (spec.detail === "rich") head.push(`REF*EA*MRN${n % 50021}`);
  if (spec.detail !== "tiny") head.push(`DTM*232*${date}`, `DTM*233*${date}`);
  if (spec.detail === "rich") head.push(`AMT*AU*${amount(paid + patient)}`);
  return { segments: [...head, ...lines], chargeCents: charge, paidCents: paid, patientCents: patient };
}

/** Builds a shape of about `targetBytes` (segments end with "~\n"). */
export function generateShape(spec: ShapeSpec, targetBytes: number, seed = 835): { text: string; claims: number } {
  const rand = rng(seed);
  const parts: string[] = [];
  const isa = "ISA*00*          *00*          *ZZ*BENCHPAYER     *ZZ*BENCHPROVIDER  *260920*0800*^*00501*000000001*0*P*:~\n";
  parts.push(isa, "GS*HP*BENCHPAYER*BENCHPROVIDER*20260920*0800*1*X*005010X221A1~\n");
  let size = isa.length + 60;
  let claims = 0;
  let tx = 0;
  while (size < targetBytes) {
    tx++;
    const st = String(tx).padStart(4, "0");
    const body: string[] = [];
    let paidTotal = 0;
    for (let c = 0; c < spec.claimsPerTransaction && size < targetBytes; c++) {
      claims++;
      const claim = buildClaim(rand, spec, claims);
      const text = claim.segments.join("~\n") + "~\n";
      body.push(text);
      size += text.length;
      paidTotal += claim.paidCents;
    }
    // provider-level adjustments: recoveries (positive) and interest (negative), kept below the claims paid
    const plbs: string[] = [];
    let plbTotal = 0;
    const budget = Math.max(0, Math.floor(paidTotal / 4));
    for (let p = 0; p < spec.plbPerTransaction; p++) {
      const pairs = between(rand, spec.plbPairs);
      const els: string[] = [];
      for (let k = 0; k < pairs; k++) {
        const reason = pick(rand, PLB_REASONS);
        const interest = reason === "L6" || reason === "90";
        const cents = interest ? -(100 + Math.floor(rand() * 5000)) : 100 + Math.floor(rand() * 20000);
        if (!interest && plbTotal + cents > budget) {
          els.push(`L6:INT${tx}${p}${k}`, amount(-250));
          plbTotal -= 250;
          continue;
        }
        els.push(reason === "CS" || reason === "J1" ? reason : `${reason}:PY${String(Math.floor(rand() * 1e9)).padStart(12, "0")}`, amount(cents));
        plbTotal += cents;
      }
      plbs.push(`PLB*1234567893*20261231*${els.join("*")}~\n`);
    }
    const header =
      `ST*835*${st}~\nBPR*I*${amount(paidTotal - plbTotal)}*C*ACH*CCP*01*061000104*DA*100200300*1620123456**01*064000017*DA*55500123*20260921~\n` +
      `TRN*1*EFT${st}*1620123456~\nDTM*405*20260920~\nN1*PR*BENCH HEALTH PLAN~\nN3*1 PAYER WAY~\nN4*LOUISVILLE*KY*402021111~\nREF*2U*BHP01~\nPER*BL*PROVIDER SERVICES*TE*8005550199~\n` +
      `N1*PE*GREENFIELD ONCOLOGY ASSOCIATES*XX*1234567893~\nN3*200 INFUSION WAY~\nN4*NASHVILLE*TN*372031234~\nREF*TJ*621234567~\nLX*1~\n`;
    const plbText = plbs.join("");
    const text = header + body.join("") + plbText;
    let segments = 1;
    for (let i = text.indexOf("~"); i >= 0; i = text.indexOf("~", i + 1)) segments++;
    parts.push(text, `SE*${segments}*${st}~\n`);
    size += header.length + plbText.length + 20;
  }
  parts.push(`GE*${tx}*1~\n`, "IEA*1*000000001~\n");
  return { text: parts.join(""), claims };
}
