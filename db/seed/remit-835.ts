/**
 * Writes 835 remittances the way a payer would, for the demo data and the posting benchmark (the
 * product reads 835s, it never writes them). Amounts are integer cents; every claim and line must
 * balance (charge = paid + Σ adjustments) and the payment is Σ paid − Σ PLB, as a payer's file does.
 */

export interface Cas835 {
  group: "CO" | "PR" | "OA" | "PI" | "CR";
  carc: string;
  amountCents: number;
}

export interface Line835 {
  code: string;
  modifiers?: string[];
  chargeCents: number;
  paidCents: number;
  units: number;
  serviceDate: string;
  adjustments: Cas835[];
  remarks?: string[];
  /** AMT*B6 when the payer sends it */
  allowedCents?: number;
}

export interface Claim835 {
  claimNumber: string;
  /** CLP02: 1 processed as primary, 4 denied, 19 processed as primary and forwarded, 22 reversal */
  status: "1" | "2" | "3" | "4" | "19" | "20" | "22";
  payerClaimNumber: string;
  patient: { lastName: string; firstName: string; memberId: string };
  lines: Line835[];
  /** NM1*TT: the payer the claim was forwarded to */
  crossover?: { name: string; id: string };
  /** MOA / MIA remark codes */
  remarks?: string[];
}

export interface Plb835 {
  reason: string;
  reference: string;
  /** positive takes money back from the payment, negative (interest) adds to it */
  amountCents: number;
}

export interface Payment835 {
  payer: { name: string; id: string };
  payee: { name: string; npi: string; tin: string };
  traceNumber: string;
  /** YYYY-MM-DD */
  paymentDate: string;
  method: "ACH" | "CHK" | "NON";
  claims: Claim835[];
  providerAdjustments?: Plb835[];
}

const amt = (cents: number) => {
  const sign = cents < 0 ? "-" : "";
  const a = Math.abs(cents);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
};
const d8 = (iso: string) => iso.replaceAll("-", "");
const pad = (s: string, n: number) => s.padEnd(n, " ").slice(0, n);

export function claimTotals(c: Claim835) {
  const charge = c.lines.reduce((s, l) => s + l.chargeCents, 0);
  const paid = c.lines.reduce((s, l) => s + l.paidCents, 0);
  const patient = c.lines.flatMap((l) => l.adjustments).filter((a) => a.group === "PR").reduce((s, a) => s + a.amountCents, 0);
  return { charge, paid, patient };
}

export function paymentTotal(p: Payment835): number {
  return p.claims.reduce((s, c) => s + (c.status === "22" ? -1 : 1) * claimTotals(c).paid, 0) - (p.providerAdjustments ?? []).reduce((s, x) => s + x.amountCents, 0);
}

function casSegments(adjs: readonly Cas835[]): string[] {
  const byGroup = new Map<string, Cas835[]>();
  for (const a of adjs) byGroup.set(a.group, [...(byGroup.get(a.group) ?? []), a]);
  const out: string[] = [];
  for (const [g, list] of byGroup) {
    for (let i = 0; i < list.length; i += 6) out.push(["CAS", g, ...list.slice(i, i + 6).flatMap((a) => [a.carc, amt(a.amountCents), ""])].join("*").replace(/\*+$/, ""));
  }
  return out;
}

/** One interchange with one 835 transaction per payment. `control` is the interchange/group number. */
export function write835(payments: readonly Payment835[], control: number, createdAt: Date): string {
  const date = createdAt.toISOString().slice(0, 10);
  const time = createdAt.toISOString().slice(11, 16).replace(":", "");
  const sender = payments[0]?.payer.id ?? "PAYER";
  const isa = `ISA*00*${pad("", 10)}*00*${pad("", 10)}*ZZ*${pad(sender, 15)}*ZZ*${pad("LAKESIDEONC", 15)}*${d8(date).slice(2)}*${time}*^*00501*${String(control).padStart(9, "0")}*0*P*:`;
  const segs: string[] = [isa, `GS*HP*${sender}*LAKESIDEONC*${d8(date)}*${time}*${control}*X*005010X221A1`];
  payments.forEach((p, i) => {
    const body: string[] = [];
    const st = String(i + 1).padStart(4, "0");
    const total = paymentTotal(p);
    const bpr =
      p.method === "NON"
        ? `BPR*H*${amt(total)}*C*NON************${d8(p.paymentDate)}`
        : p.method === "CHK"
          ? `BPR*C*${amt(total)}*C*CHK************${d8(p.paymentDate)}`
          : `BPR*I*${amt(total)}*C*ACH*CCP*01*061000104*DA*100200300*1${p.payer.id.replace(/\D/g, "").padEnd(9, "0").slice(0, 9)}**01*064000017*DA*55500123*${d8(p.paymentDate)}`;
    body.push(`ST*835*${st}`, bpr, `TRN*1*${p.traceNumber}*1${p.payer.id.replace(/\D/g, "").padEnd(9, "0").slice(0, 9)}`, `DTM*405*${d8(p.paymentDate)}`);
    body.push(`N1*PR*${p.payer.name}`, "N3*PO BOX 7100", "N4*MADISON*WI*537077100", `REF*2U*${p.payer.id}`, "PER*BL*PROVIDER SERVICES*TE*8005550199");
    body.push(`N1*PE*${p.payee.name}*XX*${p.payee.npi}`, "N3*400 LAKESHORE DRIVE", "N4*MADISON*WI*537031234", `REF*TJ*${p.payee.tin}`);
    body.push("LX*1");
    for (const c of p.claims) {
      const t = claimTotals(c);
      const sign = c.status === "22" ? -1 : 1;
      body.push(`CLP*${c.claimNumber}*${c.status}*${amt(sign * t.charge)}*${amt(sign * t.paid)}*${amt(sign * t.patient)}*${p.payer.id === "05299" ? "MB" : "12"}*${c.payerClaimNumber}*11*1`);
      body.push(`NM1*QC*1*${c.patient.lastName}*${c.patient.firstName}****MI*${c.patient.memberId}`);
      if (c.crossover) body.push(`NM1*TT*2*${c.crossover.name}*****PI*${c.crossover.id}`);
      if (c.remarks?.length) body.push(`MOA***${c.remarks.join("*")}`);
      for (const l of c.lines) {
        const proc = ["HC", l.code, ...(l.modifiers ?? [])].join(":");
        body.push(`SVC*${proc}*${amt(sign * l.chargeCents)}*${amt(sign * l.paidCents)}**${sign * l.units}`, `DTM*472*${d8(l.serviceDate)}`);
        body.push(...casSegments(l.adjustments.map((a) => ({ ...a, amountCents: sign * a.amountCents }))));
        if (l.allowedCents !== undefined) body.push(`AMT*B6*${amt(sign * l.allowedCents)}`);
        for (const r of l.remarks ?? []) body.push(`LQ*HE*${r}`);
      }
    }
    if (p.providerAdjustments?.length) {
      const year = p.paymentDate.slice(0, 4);
      body.push(["PLB", p.payee.npi, `${year}1231`, ...p.providerAdjustments.flatMap((x) => [`${x.reason}:${x.reference}`, amt(x.amountCents)])].join("*"));
    }
    body.push(`SE*${body.length + 1}*${st}`);
    segs.push(...body);
  });
  segs.push(`GE*${payments.length}*${control}`, `IEA*1*${String(control).padStart(9, "0")}`);
  return segs.join("~\n") + "~\n";
}

/** Checks a claim balances line by line (charge = paid + adjustments); throws with the claim number otherwise. */
export function assertBalanced(c: Claim835): void {
  for (const [i, l] of c.lines.entries()) {
    const adj = l.adjustments.reduce((s, a) => s + a.amountCents, 0);
    if (l.chargeCents !== l.paidCents + adj) throw new Error(`835 writer: claim ${c.claimNumber} line ${i + 1} does not balance (${l.chargeCents} ≠ ${l.paidCents} + ${adj})`);
  }
}
