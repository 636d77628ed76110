/**
 * Several claims of one payer and one billing provider as ONE 837 interchange (one ISA/GS/ST), built
 * on `write837`: every claim is written (and validated) by the single-claim writer with the batch's
 * envelope, then the files are merged at segment level: the header (ST … billing provider, loop
 * 2000A) once, then each claim's subscriber / patient / claim loops with their HL ids renumbered,
 * and SE01 counted again. Whatever the claim writer puts in a claim's loops is carried as written.
 */
import { DomainError } from "@/server/domain/errors";
import type { Claim837, Envelope837 } from "./claim-837";
import { tokenize } from "./tokenizer";
import { write837 } from "./write-837";

export interface Batch837Result {
  text: string;
  /** position (1-based, in the file) of each claim's CLM segment, in input order */
  claimSegments: number[];
  segmentCount: number;
}

/** Writes the claims (same claim type, billing provider, submitter and receiver) as one 837. */
export function write837Batch(claims: readonly Claim837[], envelope: Envelope837): Batch837Result {
  if (claims.length === 0) throw new DomainError("X12_EMPTY_BATCH", "A batch needs at least one claim.", { field: "claims" });
  const type = claims[0]!.claimType;
  const singles = claims.map((c, i) => {
    if (c.claimType !== type) throw new DomainError("X12_MIXED_BATCH", `Claim ${c.claim.patientControlNumber} is ${c.claimType}; the batch is ${type}.`, { field: `claims.${i}.claimType` });
    try {
      return write837(c, envelope);
    } catch (e) {
      if (e instanceof DomainError) throw new DomainError(e.code, `Claim ${c.claim.patientControlNumber}: ${e.message}`, { field: `claims.${i}.${e.field ?? ""}` });
      throw e;
    }
  });
  const first = tokenize(singles[0]!);
  const d = first.delimiters!;
  const parts = singles.map((s) => tokenize(s).segments);
  const isaText = singles[0]!.slice(0, singles[0]!.indexOf(d.segment) + 1);
  const seg = (s: string[]) => s.join(d.element);
  // Header: ST .. the segment before the first subscriber HL (HL03 = 22), from the first claim.
  const split = (segments: string[][]) => {
    const st = segments.findIndex((s) => s[0] === "ST");
    const sub = segments.findIndex((s) => s[0] === "HL" && s[3] === "22");
    const se = segments.findIndex((s) => s[0] === "SE");
    return { gs: segments[st - 1]!, header: segments.slice(st, sub), body: segments.slice(sub, se) };
  };
  const head = split(parts[0]!);
  const billingBlock = (h: string[][]) => seg(h.slice(h.findIndex((s) => s[0] === "HL")).flat());
  const out: string[] = [seg(head.gs), ...head.header.map(seg)];
  const claimSegments: number[] = [];
  let nextHl = 2;
  parts.forEach((segments, i) => {
    const p = split(segments);
    if (billingBlock(p.header) !== billingBlock(head.header)) {
      throw new DomainError("X12_MIXED_BATCH", `Claim ${claims[i]!.claim.patientControlNumber} has another billing provider than the batch's first claim.`, { field: `claims.${i}.billingProvider` });
    }
    const ids = new Map<string, string>();
    for (const s of p.body) {
      if (s[0] === "HL") {
        const id = String(nextHl++);
        ids.set(s[1]!, id);
        const parent = s[3] === "22" ? "1" : (ids.get(s[2]!) ?? s[2]!);
        out.push(seg(["HL", id, parent, ...s.slice(3)]));
      } else {
        if (s[0] === "CLM") claimSegments.push(out.length + 2); // + ISA + 1-based
        out.push(seg(s));
      }
    }
  });
  const st = head.header[0]!;
  const seCount = out.length; // ST .. last claim segment, + SE itself, - GS
  out.push(seg(["SE", String(seCount), st[2]!]));
  const gcn = head.gs[6]!;
  out.push(seg(["GE", "1", gcn]));
  out.push(seg(["IEA", "1", String(envelope.interchangeControlNumber).padStart(9, "0")]));
  const text = isaText + out.map((s) => s + d.segment).join("");
  return { text, claimSegments, segmentCount: seCount };
}
