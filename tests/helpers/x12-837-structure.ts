import { parseCents, tokenize } from "@/server/domain/x12/tokenizer";

/**
 * Structural checks of an 837 we wrote, independent of the writer and of pyx12: envelope counts and
 * control numbers, the HL tree, CLM02 = Σ line charges (SV102 / SV203), and every LIN (NDC) inside a
 * service line followed by its CTP. Returns the problems in words (empty = sound).
 */
export function check837Structure(text: string): string[] {
  const problems: string[] = [];
  const t = tokenize(text);
  if (!t.delimiters) return ["the file has no readable ISA"];
  const s = t.segments;
  const comp = (v: string | undefined) => (v ?? "").split(t.delimiters!.component);
  const isa = s[0]!;
  const iea = s[s.length - 1]!;
  if (isa[0] !== "ISA" || iea[0] !== "IEA") problems.push("the file does not start with ISA and end with IEA");
  if (iea[2] !== isa[13]) problems.push(`IEA02 ${iea[2]} ≠ ISA13 ${isa[13]}`);
  const gs = s.filter((x) => x[0] === "GS");
  if (String(gs.length) !== iea[1]) problems.push(`IEA01 ${iea[1]} ≠ ${gs.length} functional groups`);
  let st: string[] | null = null;
  let stIndex = 0;
  let stInGroup = 0;
  let gsRow: string[] | null = null;
  const hl = new Map<string, { level: string; parent: string; children: string; hasChild: boolean }>();
  let lastHlLevel = "";
  let claimTotal: number | null = null;
  let claimSum = 0;
  let claimId = "";
  let inLine = false;
  let pendingLin = false;
  let lastTag = "";
  const closeClaim = () => {
    if (claimTotal !== null && claimTotal !== claimSum) problems.push(`CLM02 of ${claimId} is ${claimTotal} cents but its lines add up to ${claimSum}`);
    claimTotal = null;
    claimSum = 0;
    inLine = false;
  };
  s.forEach((seg, i) => {
    const tag = seg[0]!;
    if (pendingLin && tag !== "CTP") problems.push(`LIN at segment ${i} is not followed by CTP`);
    if (tag === "CTP" && lastTag !== "LIN") problems.push(`CTP at segment ${i + 1} does not follow a LIN`);
    pendingLin = tag === "LIN";
    switch (tag) {
      case "GS":
        gsRow = seg;
        stInGroup = 0;
        break;
      case "GE":
        if (!gsRow || seg[2] !== gsRow[6]) problems.push(`GE02 ${seg[2]} ≠ GS06 ${gsRow?.[6]}`);
        if (seg[1] !== String(stInGroup)) problems.push(`GE01 ${seg[1]} ≠ ${stInGroup} transaction sets`);
        break;
      case "ST":
        st = seg;
        stIndex = i;
        stInGroup++;
        break;
      case "SE":
        closeClaim();
        if (!st || seg[2] !== st[2]) problems.push(`SE02 ${seg[2]} ≠ ST02 ${st?.[2]}`);
        if (seg[1] !== String(i - stIndex + 1)) problems.push(`SE01 ${seg[1]} ≠ ${i - stIndex + 1} segments`);
        break;
      case "HL": {
        closeClaim();
        const [, id, parent, level, child] = seg;
        if (hl.has(id!)) problems.push(`HL id ${id} repeats`);
        if (id !== String(hl.size + 1)) problems.push(`HL id ${id} is not the next number (${hl.size + 1})`);
        const p = parent ? hl.get(parent) : undefined;
        if (level === "20" && parent) problems.push(`billing provider HL ${id} has a parent`);
        if (level === "22" && p?.level !== "20") problems.push(`subscriber HL ${id} is not under a billing provider HL`);
        if (level === "23" && p?.level !== "22") problems.push(`patient HL ${id} is not under a subscriber HL`);
        if (p) p.hasChild = true;
        hl.set(id!, { level: level!, parent: parent ?? "", children: child ?? "", hasChild: false });
        lastHlLevel = level!;
        break;
      }
      case "CLM":
        closeClaim();
        if (lastHlLevel !== "22" && lastHlLevel !== "23") problems.push(`CLM ${seg[1]} is not under a subscriber or patient HL`);
        claimId = seg[1]!;
        claimTotal = parseCents(seg[2]!, 0, seg[2]!.length);
        break;
      case "LX":
        inLine = true;
        break;
      case "SV1":
        claimSum += parseCents(seg[2]!, 0, seg[2]!.length);
        if (comp(seg[1])[0] !== "HC") problems.push(`SV101 of ${claimId} is not an HC code`);
        break;
      case "SV2":
        claimSum += parseCents(seg[3]!, 0, seg[3]!.length);
        break;
      case "LIN":
        if (!inLine) problems.push(`LIN at segment ${i + 1} is outside a service line`);
        if (seg[2] !== "N4" || !/^\d{11}$/.test(seg[3] ?? "")) problems.push(`LIN at segment ${i + 1} is not N4 + an 11-digit NDC`);
        break;
      case "CTP":
        if (!/^\d+(\.\d{1,3})?$/.test(seg[4] ?? "") || !["ML", "UN", "F2", "GR", "ME"].includes(comp(seg[5])[0] ?? "")) problems.push(`CTP at segment ${i + 1} has no quantity and unit`);
        break;
    }
    lastTag = tag;
  });
  for (const [id, h] of hl) {
    const says = h.children === "1";
    if (says !== h.hasChild) problems.push(`HL ${id} child code ${h.children} but ${h.hasChild ? "has" : "has no"} children`);
  }
  return problems;
}
