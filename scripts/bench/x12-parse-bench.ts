/**
 * 835 parse throughput: our reader (server/domain/x12/parse-835.ts) against node-x12's full parse
 * into its object model, on the same text, timed in the same run, for several file shapes: the
 * project's own generated remittance (`generate835` below) and the shapes of x12-835-shapes.ts.
 */
import { Readable } from "node:stream";
import { X12Parser } from "node-x12";
import { X12parser } from "x12-parser";
import { parse835 } from "@/server/domain/x12/parse-835";
import { SHAPES, generateShape } from "./x12-835-shapes";

export interface Shape835Result {
  shape: string;
  description: string;
  sizeMB: number;
  claims: number;
  lines: number;
  segments: number;
  /** best and median of our full typed parses */
  oursMBps: number;
  oursMedianMBps: number;
  /** best and median of node-x12's strict parses into its object model, same text */
  nodeX12MBps: number;
  nodeX12MedianMBps: number;
  /** best / best, and median / median */
  ratio: number;
  medianRatio: number;
  /** x12-parser (segment split only, no types, no checks), for reference; null when not measured */
  x12ParserMBps: number | null;
}

/** Deterministic pseudo-random numbers (mulberry32), so every run parses the same file. */
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

const CLAIMS_PER_TRANSACTION = 2000;

/**
 * Builds a valid, balancing 835 of about `targetBytes`: transactions of 2000 claims, each claim with
 * a durvalumab line (JZ, or a JW pair), an administration line, CO-45 / PR-1 / PR-2 adjustments,
 * remarks, dates and references; some claims denied (CO-197 + N210), some reversals, PLB per transaction.
 */
export function generate835(targetBytes: number, seed = 835): { text: string; claims: number } {
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
    for (let c = 0; c < CLAIMS_PER_TRANSACTION && size < targetBytes; c++) {
      claims++;
      const pcn = `BC${String(claims).padStart(8, "0")}`;
      const lines: string[] = [];
      let claimCharge = 0;
      let claimPaid = 0;
      let claimPatient = 0;
      const denied = rand() < 0.08;
      const reversal = !denied && rand() < 0.03;
      const sign = reversal ? -1 : 1;
      const units = 50 + Math.floor(rand() * 120);
      const drugLines: [string, number][] = rand() < 0.5 ? [["JZ", units]] : [["", units], ["JW", 1 + Math.floor(rand() * 9)]];
      const serviceLines: [string, number][] = [...drugLines.map(([m, u]): [string, number] => [m ? `J9173:${m}` : "J9173", u]), ["96413", 1]];
      if (rand() < 0.3) serviceLines.push(["96415", 1]);
      let lineNo = 0;
      for (const [code, u] of serviceLines) {
        lineNo++;
        const price = code.startsWith("J9173") ? 15000 : code === "96413" ? 30000 : 7500;
        const charge = price * u;
        let paid: number;
        const cas: string[] = [];
        if (denied) {
          paid = 0;
          cas.push(`CAS*CO*197*${amount(sign * charge)}~\n`);
        } else {
          const allowed = Math.floor(charge * (0.6 + rand() * 0.3));
          const deductible = rand() < 0.2 ? Math.min(allowed, 25000) : 0;
          const coins = Math.floor((allowed - deductible) * 0.2);
          paid = allowed - deductible - coins;
          cas.push(`CAS*CO*45*${amount(sign * (charge - allowed))}~\n`);
          if (deductible > 0) cas.push(`CAS*PR*1*${amount(sign * deductible)}**2*${amount(sign * coins)}~\n`);
          else cas.push(`CAS*PR*2*${amount(sign * coins)}~\n`);
          claimPatient += deductible + coins;
        }
        claimCharge += charge;
        claimPaid += paid;
        lines.push(
          `SVC*HC:${code}*${amount(sign * charge)}*${amount(sign * paid)}**${sign * u}~\n`,
          "DTM*472*20260914~\n",
          ...cas,
          `REF*6R*${pcn}-${lineNo}~\n`,
          denied ? "LQ*HE*N210~\n" : `AMT*B6*${amount(sign * (paid + (claimPatient > 0 ? 0 : 0)))}~\n`,
        );
      }
      const status = reversal ? "22" : "1";
      const claim =
        `CLP*${pcn}*${status}*${amount(sign * claimCharge)}*${amount(sign * claimPaid)}*${amount(sign * claimPatient)}*12*PY${String(claims).padStart(12, "0")}*11*1~\n` +
        `NM1*QC*1*PATIENT${claims % 997}*TEST****MI*MBR${String(claims).padStart(9, "0")}~\n` +
        `NM1*82*1*OKAFOR*NNEKA****XX*1679576722~\n` +
        `MOA***MA01~\nDTM*232*20260914~\nDTM*233*20260914~\n` +
        lines.join("");
      paidTotal += sign * claimPaid;
      body.push(claim);
      size += claim.length;
    }
    const plbAmount = 1234;
    const header =
      `ST*835*${st}~\nBPR*I*${amount(paidTotal - plbAmount)}*C*ACH*CCP*01*061000104*DA*100200300*1620123456**01*064000017*DA*55500123*20260921~\n` +
      `TRN*1*EFT${st}*1620123456~\nDTM*405*20260920~\nN1*PR*BENCH HEALTH PLAN~\nN3*1 PAYER WAY~\nN4*LOUISVILLE*KY*402021111~\nREF*2U*BHP01~\n` +
      `N1*PE*GREENFIELD ONCOLOGY ASSOCIATES*XX*1234567893~\nN3*200 INFUSION WAY~\nN4*NASHVILLE*TN*372031234~\nREF*TJ*621234567~\nLX*1~\n`;
    const plb = `PLB*1234567893*20261231*WO:PY000000000001*${amount(plbAmount)}~\n`;
    const text = header + body.join("") + plb;
    const segments = countSegments(text) + 1;
    parts.push(text, `SE*${segments}*${st}~\n`);
    size += header.length + plb.length + 20;
  }
  parts.push(`GE*${tx}*1~\n`, "IEA*1*000000001~\n");
  return { text: parts.join(""), claims };
}

function countSegments(text: string): number {
  let n = 0;
  for (let i = text.indexOf("~"); i >= 0; i = text.indexOf("~", i + 1)) n++;
  return n;
}


function timeIt(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
}

const gc = (globalThis as { gc?: () => void }).gc;

async function splitOnly(text: string): Promise<number> {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += 1 << 20) chunks.push(text.slice(i, i + (1 << 20)));
  const t0 = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    Readable.from(chunks).pipe(new X12parser()).on("data", () => {}).on("end", resolve).on("error", reject);
  });
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/**
 * Times one file: a checked warm-up parse of ours (the file must read clean), then `rounds` rounds
 * of three parses of ours and one of node-x12, interleaved so that load from other work on the
 * machine hits both readers alike.
 */
export async function benchShape(
  shape: string,
  description: string,
  text: string,
  claims: number,
  opts: { rounds?: number; splitReference?: boolean; log?: (s: string) => void } = {},
): Promise<Shape835Result> {
  const log = opts.log ?? (() => {});
  const rounds = opts.rounds ?? 2;
  const sizeMB = text.length / (1024 * 1024);
  const segments = countSegments(text);
  const check = parse835(text);
  if (check.findings.length > 0) {
    throw new Error(`${shape}: generated file should read clean, got ${check.findings.length} findings, first: ${check.findings[0]?.message}`);
  }
  const claimList = check.transactions.flatMap((t) => t.claims);
  if (claimList.length !== claims) throw new Error(`${shape}: claim count mismatch`);
  const lines = claimList.reduce((n, c) => n + c.lines.length, 0);
  log(`${shape}: ${sizeMB.toFixed(1)} MB, ${claims} claims, ${lines} lines, ${segments} segments`);

  const ours: number[] = [];
  const theirs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < 3; i++) {
      gc?.();
      ours.push(timeIt(() => void parse835(text)));
    }
    gc?.();
    theirs.push(
      timeIt(() => {
        const interchange = new X12Parser(true).parse(text) as { functionalGroups?: unknown[] };
        if (!interchange.functionalGroups || interchange.functionalGroups.length === 0) throw new Error("node-x12 returned no groups");
      }),
    );
  }
  gc?.();
  const x12ParserMBps = opts.splitReference ? sizeMB / (await splitOnly(text)) : null;
  const result: Shape835Result = {
    shape,
    description,
    sizeMB,
    claims,
    lines,
    segments,
    oursMBps: sizeMB / Math.min(...ours),
    oursMedianMBps: sizeMB / median(ours),
    nodeX12MBps: sizeMB / Math.min(...theirs),
    nodeX12MedianMBps: sizeMB / median(theirs),
    ratio: Math.min(...theirs) / Math.min(...ours),
    medianRatio: median(theirs) / median(ours),
    x12ParserMBps,
  };
  log(
    `${shape}: ours ${ours.map((t) => t.toFixed(3)).join(" ")} s; node-x12 ${theirs.map((t) => t.toFixed(2)).join(" ")} s; ` +
      `${result.oursMBps.toFixed(1)} vs ${result.nodeX12MBps.toFixed(2)} MB/s = ${result.ratio.toFixed(1)}× (median ${result.medianRatio.toFixed(1)}×)`,
  );
  return result;
}

export const SHAPE_NAMES = ["project", ...SHAPES.map((s) => s.name)] as const;

/** Generates and times every shape (or the ones named), one file at a time, `mb` MB each. */
export async function benchParse835(
  opts: { mb?: number; shapes?: readonly string[]; rounds?: number; log?: (s: string) => void } = {},
): Promise<Shape835Result[]> {
  const bytes = Math.round((opts.mb ?? 25) * 1024 * 1024);
  const wanted = opts.shapes && opts.shapes.length > 0 ? opts.shapes : SHAPE_NAMES;
  const results: Shape835Result[] = [];
  for (const name of wanted) {
    if (name === "project") {
      const { text, claims } = generate835(bytes);
      results.push(
        await benchShape("project", "the project's own file: 2–4 lines per claim, CO-45/PR, REF*6R, AMT*B6", text, claims, {
          ...opts,
          splitReference: true,
        }),
      );
      continue;
    }
    const spec = SHAPES.find((s) => s.name === name);
    if (!spec) throw new Error(`unknown 835 shape "${name}" (known: ${SHAPE_NAMES.join(", ")})`);
    const { text, claims } = generateShape(spec, bytes);
    results.push(await benchShape(spec.name, spec.description, text, claims, opts));
  }
  return results;
}
