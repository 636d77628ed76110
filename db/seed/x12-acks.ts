/**
 * Writes 999 and 277CA acknowledgments the way a clearinghouse or payer answers our batches, for
 * tests and demo data. Every file these produce is checked with x12-validate in the tests.
 */
const pad = (s: string, n: number) => s.padEnd(n, " ").slice(0, n);

function isa(sender: string, receiver: string, icn: number, date = "261002", time = "0930"): string {
  return `ISA*00*          *00*          *ZZ*${pad(sender, 15)}*ZZ*${pad(receiver, 15)}*${date}*${time}*^*00501*${String(icn).padStart(9, "0")}*0*T*:~`;
}

function wrap(head: string, gs: string, body: string[], ctl: number, icn: number): string {
  const st = body.length + 1;
  return `${head}${gs}~ST*${body[0]!}~${body.slice(1).join("~")}~SE*${st}*${String(ctl).padStart(4, "0")}~GE*1*${ctl}~IEA*1*${String(icn).padStart(9, "0")}~`;
}

export interface Ack999Spec {
  groupControlNumber: number;
  transactionSetControlNumber: number;
  /** A accepted, E accepted with errors, R rejected */
  status: "A" | "E" | "R";
  /** IK3 (segment id, position in our transaction set, loop, code) with optional IK4 (element, data element, code) and CTX claim */
  errors?: { segment: string; position: number; loop: string; code: string; element?: { position: number; reference: string; code: string; bad?: string }; claimNumber?: string }[];
  /** this 999's own control numbers */
  icn: number;
  version?: "005010X222A1" | "005010X223A2";
}

export function make999(spec: Ack999Spec): string {
  const version = spec.version ?? "005010X222A1";
  const body = [`999*${String(spec.icn).padStart(4, "0")}*005010X231A1`, `AK1*HC*${spec.groupControlNumber}*${version}`, `AK2*837*${String(spec.transactionSetControlNumber).padStart(4, "0")}*${version}`];
  for (const e of spec.errors ?? []) {
    body.push(`IK3*${e.segment}*${e.position}*${e.loop}*${e.code}`);
    if (e.claimNumber) body.push(`CTX*CLM01:${e.claimNumber}`);
    if (e.element) body.push(`IK4*${e.element.position}*${e.element.reference}*${e.element.code}${e.element.bad ? `*${e.element.bad}` : ""}`);
  }
  body.push(spec.status === "A" ? "IK5*A" : spec.status === "E" ? "IK5*E*I5" : "IK5*R*5");
  body.push(`AK9*${spec.status}*1*1*${spec.status === "R" ? 0 : 1}`);
  return wrap(isa("CLEARHOUSE01", "LAKESIDE01", spec.icn), `GS*FA*CLEARHOUSE01*LAKESIDE01*20261002*0930*${spec.icn}*X*005010X231A1`, body, spec.icn, spec.icn);
}

export interface Ack277Claim {
  claimNumber: string;
  /** STC01 composite, e.g. "A2:20:PR", "A7:164:IL", "A1:19:PR" */
  status: string;
  payerClaimNumber?: string;
  /** dollars as written, e.g. "11475" */
  amount: string;
  /** YYYYMMDD */
  dateOfService: string;
  lastName: string;
  firstName: string;
  memberId: string;
}

export function make277ca(claims: Ack277Claim[], opts: { icn: number; payerName: string; payerId: string; trace: string }): string {
  const rejected = (s: string) => /^(A3|A4|A6|A7|A8|E0|E3|E4)/.test(s);
  const acc = claims.filter((c) => !rejected(c.status));
  const rej = claims.filter((c) => rejected(c.status));
  // Summed in cents: dollar amounts with cents must not pick up float noise (0.1 + 0.2).
  const sum = (cs: Ack277Claim[]) => String(cs.reduce((t, c) => t + Math.round(Number(c.amount) * 100), 0) / 100);
  const qty = (q1: string, q2: string, a1: string, a2: string) => [...(acc.length ? [`QTY*${q1}*${acc.length}`] : []), ...(rej.length ? [`QTY*${q2}*${rej.length}`] : []), ...(acc.length ? [`AMT*${a1}*${sum(acc)}`] : []), ...(rej.length ? [`AMT*${a2}*${sum(rej)}`] : [])];
  const body = [
    `277*${String(opts.icn).padStart(4, "0")}*005010X214`,
    `BHT*0085*08*ACK${opts.icn}*20261003*1200*TH`,
    "HL*1**20*1",
    `NM1*PR*2*${opts.payerName}*****PI*${opts.payerId}`,
    `TRN*1*ACK${opts.icn}`,
    "DTP*050*D8*20261003",
    "DTP*009*D8*20261003",
    "HL*2*1*21*1",
    "NM1*41*2*LAKESIDE ONCOLOGY BILLING*****46*LAKESIDE01",
    `TRN*2*${opts.trace}`,
    `STC*A1:19:PR*20261003*WQ*${sum(claims)}`,
    ...qty("90", "AA", "YU", "YY"),
    "HL*3*2*19*1",
    "NM1*85*2*LAKESIDE ONCOLOGY ASSOCIATES*****XX*1234567893",
    "TRN*1*0",
    `STC*A1:19:PR**WQ*${sum(claims)}`,
    ...qty("QA", "QC", "YU", "YY"),
  ];
  claims.forEach((c, i) => {
    body.push(`HL*${4 + i}*3*PT`, `NM1*QC*1*${c.lastName}*${c.firstName}****MI*${c.memberId}`, `TRN*2*${c.claimNumber}`, `STC*${c.status}*20261003*${rejected(c.status) ? "U" : "WQ"}*${c.amount}`);
    if (c.payerClaimNumber) body.push(`REF*1K*${c.payerClaimNumber}`);
    body.push(`DTP*472*D8*${c.dateOfService}`);
  });
  return wrap(isa(opts.payerId, "LAKESIDE01", opts.icn, "261003", "1200"), `GS*HN*${opts.payerId}*LAKESIDE01*20261003*1200*${opts.icn}*X*005010X214`, body, opts.icn, opts.icn);
}
