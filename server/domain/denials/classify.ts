/**
 * The denial classifier: CARC/RARC → category and action, from the denial rules and the CARC/RARC
 * descriptions (both reference tables). Pure: the caller passes the rows in.
 *
 * Choosing a rule: among the rows for the adjustment's CARC whose group is empty or equal to the
 * adjustment's group and whose RARC is empty or among the remark codes that came with it, the most
 * specific wins (a matching RARC counts more than a matching group; ties go to the first row).
 * A CARC no rule knows is a denial of category "other" to review: an unknown code is shown, never
 * swallowed.
 */
import type { Remittance835 } from "../x12/parse-835";
import type { AdjustmentKind, DenialAction, DenialCategory } from "./codes";
import type { TDenialRuleRow } from "./rules";

export interface AdjustmentCodeText {
  type: "CARC" | "RARC";
  code: string;
  description: string;
}

export interface DenialRuleIndex {
  byCarc: Map<string, TDenialRuleRow[]>;
  carcText: Map<string, string>;
  rarcText: Map<string, string>;
}

export function indexDenialRules(rules: readonly TDenialRuleRow[], codes: readonly AdjustmentCodeText[]): DenialRuleIndex {
  const byCarc = new Map<string, TDenialRuleRow[]>();
  for (const r of rules) {
    const list = byCarc.get(r.carc);
    if (list) list.push(r);
    else byCarc.set(r.carc, [r]);
  }
  const carcText = new Map<string, string>();
  const rarcText = new Map<string, string>();
  for (const c of codes) (c.type === "CARC" ? carcText : rarcText).set(c.code, c.description);
  return { byCarc, carcText, rarcText };
}

export interface AdjustmentToClassify {
  group: string;
  carc: string;
  /** remark codes that came with it (line LQ*HE and claim MOA/MIA) */
  rarcs: readonly string[];
}

export interface Classification {
  kind: AdjustmentKind;
  /** null for posting adjustments */
  category: DenialCategory | null;
  action: DenialAction | null;
  /** the rule that decided, or null when no rule knows the CARC */
  rule: TDenialRuleRow | null;
  /** the codes in words and what to do, for the biller */
  explanation: string;
}

export function pickRule(index: DenialRuleIndex, adj: AdjustmentToClassify): TDenialRuleRow | null {
  const candidates = index.byCarc.get(adj.carc);
  if (!candidates) return null;
  let best: TDenialRuleRow | null = null;
  let bestScore = -1;
  for (const r of candidates) {
    if (r.group !== null && r.group !== adj.group) continue;
    if (r.rarc !== null && !adj.rarcs.includes(r.rarc)) continue;
    const score = (r.rarc !== null ? 2 : 0) + (r.group !== null ? 1 : 0);
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

/** "CO-197 Precertification/authorization/notification/pre-treatment absent." */
export function describeCarc(index: DenialRuleIndex, group: string, carc: string): string {
  const text = index.carcText.get(carc);
  return `${group}-${carc} ${text ?? "(this reason code is not in the CARC list of the reference data)"}`.trim();
}

export function describeRarc(index: DenialRuleIndex, rarc: string): string {
  const text = index.rarcText.get(rarc);
  return `${rarc} ${text ?? "(this remark code is not in the RARC list of the reference data)"}`;
}

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?)]$/.test(t) ? t : `${t}.`;
}

export function classifyAdjustment(index: DenialRuleIndex, adj: AdjustmentToClassify): Classification {
  const rule = pickRule(index, adj);
  const words = [sentence(describeCarc(index, adj.group, adj.carc))];
  for (const r of adj.rarcs) words.push(sentence(describeRarc(index, r)));
  if (!rule) {
    words.push("No denial rule covers this reason code: review the remittance and choose the action.");
    return { kind: "denial", category: "other", action: "review", rule: null, explanation: words.join(" ") };
  }
  words.push(sentence(rule.explanation));
  return { kind: rule.kind, category: rule.category, action: rule.action, rule, explanation: words.join(" ") };
}

/** One denial as the CLI prints it (`npm run billing -- denials <file.835>`). */
export interface DenialEntry {
  /** CLP01 */
  claim: string;
  /** 1-based position of the SVC line within its CLP loop; null for a claim-level adjustment */
  line: number | null;
  procedure?: string;
  group: string;
  carc: string;
  rarcs: string[];
  /** in dollars, as the denials CLI prints it */
  amount: number;
  category: DenialCategory;
  action: DenialAction;
  explanation: string;
}

/** Remark codes that apply to a line: its own LQ*HE, then the claim's MOA/MIA ones not already listed. */
export function lineRemarks(lineRemarks: readonly string[], claimRemarks: readonly string[]): string[] {
  const out = lineRemarks.filter((r) => r !== "");
  for (const r of claimRemarks) if (r !== "" && !out.includes(r)) out.push(r);
  return out;
}

/**
 * Every denial in a parsed 835: each adjustment (claim or line level) whose CARC the rules call a
 * denial and whose amount is positive. Reversals (CLP02 = 22) take back an earlier payment and are
 * not denials.
 */
export function findDenials(remittance: Remittance835, index: DenialRuleIndex): DenialEntry[] {
  const out: DenialEntry[] = [];
  for (const tx of remittance.transactions) {
    for (const claim of tx.claims) {
      if (claim.status === "22") continue;
      const claimRarcs = lineRemarks([], claim.remarks);
      for (const a of claim.adjustments) {
        if (!(a.amountCents > 0)) continue;
        const c = classifyAdjustment(index, { group: a.group, carc: a.reason, rarcs: claimRarcs });
        if (c.kind !== "denial") continue;
        out.push({
          claim: claim.patientControlNumber,
          line: null,
          group: a.group,
          carc: a.reason,
          rarcs: claimRarcs,
          amount: a.amountCents / 100,
          category: c.category!,
          action: c.action!,
          explanation: c.explanation,
        });
      }
      claim.lines.forEach((line, i) => {
        const rarcs = lineRemarks(line.remarks, claim.remarks);
        for (const a of line.adjustments) {
          if (!(a.amountCents > 0)) continue;
          const c = classifyAdjustment(index, { group: a.group, carc: a.reason, rarcs });
          if (c.kind !== "denial") continue;
          out.push({
            claim: claim.patientControlNumber,
            line: i + 1,
            procedure: line.code,
            group: a.group,
            carc: a.reason,
            rarcs,
            amount: a.amountCents / 100,
            category: c.category!,
            action: c.action!,
            explanation: c.explanation,
          });
        }
      });
    }
  }
  return out;
}
