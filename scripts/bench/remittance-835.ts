/**
 * A deterministic, balanced 005010X221A1 remittance for N durvalumab claims (benchmarks and the
 * worker tests): each claim J9173-JZ ×150 ($22,500.00) + 96413 ($300.00) on its date of service,
 * paid at the contract rate with CO-45, every `denyEvery`-th claim's drug line denied CO-197.
 */
export interface GeneratedClaim {
  claimNumber: string;
  dos: string;
}

function money(cents: number): string {
  const s = cents < 0 ? "-" : "";
  const v = Math.abs(cents);
  return `${s}${Math.floor(v / 100)}.${String(v % 100).padStart(2, "0")}`;
}

export function generate835(claims: readonly GeneratedClaim[], opts: { trace: string; denyEvery?: number; icn?: number }): string {
  const icn = opts.icn ?? 9001;
  const body: string[] = [];
  let total = 0;
  body.push("LX*1");
  claims.forEach((c, i) => {
    const d = c.dos.replaceAll("-", "");
    const denied = opts.denyEvery ? i % opts.denyEvery === opts.denyEvery - 1 : false;
    const drugPaid = denied ? 0 : 1800000;
    const adminPaid = 20000;
    const paid = drugPaid + adminPaid;
    total += paid;
    body.push(`CLP*${c.claimNumber}*1*22800.00*${money(paid)}*0*12*PCN${String(i + 1).padStart(9, "0")}*11*1`);
    body.push(`NM1*QC*1*PATIENT*BENCH****MI*M${String(i + 1).padStart(9, "0")}`);
    body.push(`SVC*HC:J9173:JZ*22500.00*${money(drugPaid)}**150`, `DTM*472*${d}`);
    body.push(denied ? "CAS*CO*197*22500.00" : "CAS*CO*45*4500.00");
    body.push(`REF*6R*${c.claimNumber}L1`);
    if (denied) body.push("LQ*HE*N210");
    else body.push("AMT*B6*18000.00");
    body.push(`SVC*HC:96413*300.00*${money(adminPaid)}**1`, `DTM*472*${d}`, "CAS*CO*45*100.00", `REF*6R*${c.claimNumber}L2`, "AMT*B6*200.00");
  });
  const head = [
    "ST*835*0001",
    `BPR*I*${money(total)}*C*ACH*CCP*01*061000104*DA*100200300*1620123456**01*064000017*DA*55500123*20261002`,
    `TRN*1*${opts.trace}*1620123456`,
    "DTM*405*20261002",
    "N1*PR*SUMMIT HEALTH PLAN",
    "N3*900 PAYER PLAZA",
    "N4*LOUISVILLE*KY*402021111",
    "REF*2U*SHP01",
    "PER*BL*PROVIDER SERVICES*TE*8005550199",
    "N1*PE*LAKESIDE ONCOLOGY*XX*1234567893",
    "N3*400 LAKESHORE DRIVE",
    "N4*MADISON*WI*537031234",
    "REF*TJ*123456789",
  ];
  const segs = [...head, ...body];
  const isa = `ISA*00*          *00*          *ZZ*SHP01          *ZZ*LAKESIDE01     *261002*0800*^*00501*${String(icn).padStart(9, "0")}*0*T*:`;
  return [isa, `GS*HP*SHP01*LAKESIDE01*20261002*0800*${icn}*X*005010X221A1`, ...segs, `SE*${segs.length + 1}*0001`, `GE*1*${icn}`, `IEA*1*${String(icn).padStart(9, "0")}`].join("~\n") + "~\n";
}
