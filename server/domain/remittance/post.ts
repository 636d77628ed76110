/**
 * Auto-posting: turns a parsed 835 and snapshots of our claims into a posting plan — for each claim
 * payment (CLP loop) the claim and lines it posts to with every amount in cents, or the reason in
 * words why it is unmatched or held. Pure: the service loads the snapshots, calls `planRemittance`
 * and writes the plan in transactions.
 *
 * Rules (issue 11, ../shared/domain/remittance-pitfalls.md):
 * - a claim is found by CLP01 (our CLM01); when several claims share it, or it is unknown, by the
 *   payer claim number (CLP07, REF*F8) of earlier remittances; then by payer position (CLP02),
 *   payer id, live vs replaced, and charge;
 * - a line is found by procedure code (or SVC06, the code as submitted, when the payer changed it),
 *   then date, modifiers (payers may drop them), units and charge; REF*6R names it outright;
 * - a claim payment posts whole or not at all: one unmatched line holds the claim payment in the
 *   unmatched queue with each line's reason;
 * - amounts must balance (charge = paid + Σ adjustments per line and claim, payment = Σ paid − PLB);
 *   what does not is held with the reader's explanation, and an unbalanced transaction posts nothing;
 * - a reversal (CLP02 = 22) takes back one earlier payment, found by its payer claim number; a
 *   second payment of lines already paid, without a reversal, is held rather than paid twice;
 * - a denial never writes anything off: it becomes denial work (one item per category per claim
 *   payment) and its amount stays open on the claim.
 */
import { formatDollars } from "../billing/exact";
import { formatDate } from "../format";
import { classifyAdjustment, lineRemarks, type DenialRuleIndex } from "../denials/classify";
import type { DenialAction, DenialCategory } from "../denials/codes";
import type { Adjustment835, Claim835, Finding835, Line835, Remittance835, Transaction835 } from "../x12/parse-835";
import { CROSSOVER_REMARKS, FORWARDED_STATUSES, SEQUESTRATION_CARC, claimStatusText, plbReasonText, sequenceOfStatus } from "./codes";
import type {
  AdjustmentPlan,
  ClaimLineSnapshot,
  ClaimLookup,
  ClaimPaymentOutcome,
  ClaimPaymentPlan,
  ClaimSnapshot,
  DenialPlan,
  LinePlan,
  PaymentPlan,
  PostedPaymentSnapshot,
  ProviderAdjustmentPlan,
  RemittancePlan,
  Totals,
} from "./types";

function norm(s: string | null | undefined): string {
  return (s ?? "").trim().toUpperCase();
}

function describeLine(l: ClaimLineSnapshot): string {
  const mods = l.modifiers.length ? `-${l.modifiers.join("-")}` : "";
  return `line ${l.lineNumber} ${l.procedureCode}${mods} ×${l.units} on ${formatDate(l.serviceDate)} (${formatDollars(l.chargeCents)})`;
}

function describeSvc(line: Line835): string {
  const mods = line.modifiers.length ? `-${line.modifiers.join("-")}` : "";
  const date = line.serviceDate ?? line.serviceDateFrom;
  return `${line.code || "(no code)"}${mods} ×${line.units}${date ? ` on ${formatDate(date)}` : ""}`;
}

// ---------------------------------------------------------------------------------------------
// Plan state: what earlier claim payments of the same file did to a claim

/** Payments and line postings of one claim as the plan goes (earlier CLPs of the file count). */
interface ClaimState {
  payments: PostedPaymentSnapshot[];
  activeByLine: Map<string, number>;
}

export class PlanState {
  private readonly claims = new Map<string, ClaimState>();

  of(claim: ClaimSnapshot): ClaimState {
    let s = this.claims.get(claim.id);
    if (!s) {
      s = {
        payments: claim.payments.map((p) => ({ ...p })),
        activeByLine: new Map(claim.lines.map((l) => [l.id, l.activePostings])),
      };
      this.claims.set(claim.id, s);
    }
    return s;
  }
}

/** Placeholder id of a payment planned earlier in the same file (the service maps it to the row id). */
export function plannedPaymentId(paymentIndex: number, claimIndex: number): string {
  return `planned:${paymentIndex}:${claimIndex}`;
}

// ---------------------------------------------------------------------------------------------
// Claim matching

type ClaimMatch = { claim: ClaimSnapshot; by: "claim_number" | "payer_claim_number" } | { reason: string };

function refF8(c: Claim835): string | null {
  const r = c.references.find((x) => x.qualifier === "F8");
  return r ? norm(r.value) || null : null;
}

function narrow(cands: readonly ClaimSnapshot[], keep: (c: ClaimSnapshot) => boolean): readonly ClaimSnapshot[] {
  if (cands.length <= 1) return cands;
  const kept = cands.filter(keep);
  return kept.length ? kept : cands;
}

export function matchClaim(c: Claim835, lookup: ClaimLookup, payerId: string | null, state: PlanState): ClaimMatch {
  const pcn = norm(c.patientControlNumber);
  const payerNumbers = [norm(c.payerClaimNumber), refF8(c)].filter((x): x is string => !!x);
  let cands: readonly ClaimSnapshot[] = pcn ? lookup.byNumber(pcn) : [];
  let by: "claim_number" | "payer_claim_number" = "claim_number";
  if (cands.length === 0 && payerNumbers.length) {
    const seen = new Map<string, ClaimSnapshot>();
    for (const n of payerNumbers) for (const k of lookup.byPayerClaimNumber(n)) seen.set(k.id, k);
    cands = [...seen.values()];
    by = "payer_claim_number";
  }
  if (cands.length === 0) {
    const also = payerNumbers.length ? ` or payer claim number ${payerNumbers.join(" / ")}` : "";
    return { reason: `No claim of the practice has claim number ${c.patientControlNumber || "(empty CLP01)"}${also}.` };
  }
  const isReversal = c.status === "22";
  const seq = sequenceOfStatus(c.status);
  const charge = Math.abs(c.chargeCents);
  cands = narrow(cands, (k) => payerNumbers.some((n) => k.payerClaimNumbers.includes(n)));
  if (seq) cands = narrow(cands, (k) => k.payerSequence === seq);
  if (payerId) cands = narrow(cands, (k) => k.payerIds.includes(norm(payerId)));
  cands = isReversal
    ? narrow(cands, (k) => state.of(k).payments.some((p) => !p.reversed && !p.isReversal))
    : narrow(cands, (k) => !k.superseded);
  cands = narrow(cands, (k) => k.chargeCents === charge);
  if (cands.length > 1) {
    return {
      reason:
        `Claim number ${c.patientControlNumber} fits ${cands.length} claims (${cands.map((k) => `${k.claimNumber} ${k.payerSequence}, ${k.status}`).join("; ")}) ` +
        `and neither the payer claim number, the payer nor the charge tells them apart: match it by hand.`,
    };
  }
  const claim = cands[0]!;
  if (claim.notPostableReason) return { reason: `Claim ${claim.claimNumber}: ${claim.notPostableReason}` };
  return { claim, by };
}

// ---------------------------------------------------------------------------------------------
// Line matching

function unitsOf(v: string | number): number {
  return typeof v === "number" ? v : Number(v);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function svcDate(line: Line835, claim: Claim835): string | null {
  return line.serviceDate ?? line.serviceDateFrom ?? claim.statementFrom;
}

interface LineMatch {
  lineId: string | null;
  reason: string | null;
}

/**
 * Finds our line for each SVC. `taken` holds lines already matched by earlier SVCs of this CLP.
 * For a reversal, lines with an active posting are preferred; otherwise lines without one.
 */
export function matchLine(svc: Line835, clp: Claim835, claim: ClaimSnapshot, taken: ReadonlySet<string>, state: ClaimState, reversal: boolean): LineMatch {
  const free = claim.lines.filter((l) => !taken.has(l.id));
  if (svc.lineControlNumber) {
    const byRef = free.find((l) => l.controlNumber && norm(l.controlNumber) === norm(svc.lineControlNumber));
    if (byRef) return { lineId: byRef.id, reason: null };
  }
  const codes = [svc.code, svc.submitted?.code].filter((x): x is string => !!x).map(norm);
  const byCode =
    svc.qualifier === "NU"
      ? free.filter((l) => l.revenueCode && codes.includes(norm(l.revenueCode)))
      : free.filter((l) => codes.includes(norm(l.procedureCode)) || (svc.revenueCode && l.revenueCode === svc.revenueCode && codes.includes(norm(l.procedureCode))));
  const listing = claim.lines.map(describeLine).join("; ");
  if (byCode.length === 0) {
    const submitted = svc.submitted?.code && svc.submitted.code !== svc.code ? ` (submitted as ${svc.submitted.code})` : "";
    return { lineId: null, reason: `No line of claim ${claim.claimNumber} has procedure ${svc.code || "(none)"}${submitted}. The claim has ${listing}.` };
  }
  const date = svcDate(svc, clp);
  const dated = date ? byCode.filter((l) => l.serviceDate === date) : byCode;
  if (dated.length === 0) {
    return {
      lineId: null,
      reason: `The payer dated ${describeSvc(svc)}, but claim ${claim.claimNumber} has it on ${[...new Set(byCode.map((l) => l.serviceDate))].map(formatDate).join(", ")}.`,
    };
  }
  const mods = (svc.submitted?.modifiers.length ? svc.submitted.modifiers : svc.modifiers).map(norm);
  const units = Math.abs(svc.submittedUnits ?? svc.units);
  const charge = Math.abs(svc.chargeCents);
  let best: ClaimLineSnapshot | null = null;
  let bestScore = -1;
  for (const l of dated) {
    const ours = l.modifiers.map(norm);
    let score = 0;
    if (sameSet(ours, mods)) score += 4;
    else if (mods.every((m) => ours.includes(m))) score += 2; // payer did not echo every modifier
    if (unitsOf(l.units) === units) score += 2;
    if (l.chargeCents === charge) score += 3;
    const active = (state.activeByLine.get(l.id) ?? 0) > 0;
    if (reversal ? active : !active) score += 1;
    if (score > bestScore) {
      best = l;
      bestScore = score;
    }
  }
  return { lineId: best!.id, reason: null };
}

// ---------------------------------------------------------------------------------------------
// Amounts

function zeroTotals(): Totals {
  return {
    chargeCents: 0,
    paidCents: 0,
    allowedCents: 0,
    contractualCents: 0,
    patientCents: 0,
    deductibleCents: 0,
    coinsuranceCents: 0,
    copayCents: 0,
    deniedCents: 0,
    interestCents: 0,
  };
}

function planAdjustments(list: readonly Adjustment835[], rarcs: readonly string[], index: DenialRuleIndex): AdjustmentPlan[] {
  return list.map((a) => {
    const c = classifyAdjustment(index, { group: a.group, carc: a.reason, rarcs });
    return { group: a.group, carc: a.reason, amountCents: a.amountCents, quantity: a.quantity, kind: c.kind, category: c.category, action: c.action };
  });
}

function addAdjustments(t: Totals, adjs: readonly AdjustmentPlan[]): void {
  for (const a of adjs) {
    if (a.group === "PR") {
      t.patientCents += a.amountCents;
      if (a.carc === "1") t.deductibleCents += a.amountCents;
      else if (a.carc === "2") t.coinsuranceCents += a.amountCents;
      else if (a.carc === "3") t.copayCents += a.amountCents;
    } else if (a.kind === "denial") t.deniedCents += a.amountCents;
    else t.contractualCents += a.amountCents;
  }
}

/** Allowed when the payer sent no AMT*B6: the charge less what is not the patient's, sequestration aside. */
function computedAllowed(chargeCents: number, adjs: readonly AdjustmentPlan[]): number {
  let allowed = chargeCents;
  for (const a of adjs) if (a.group !== "PR" && a.carc !== SEQUESTRATION_CARC) allowed -= a.amountCents;
  return allowed;
}

function outcomeOf(statusCode: string, t: Totals): ClaimPaymentOutcome {
  if (statusCode === "22") return "reversed";
  if (statusCode === "4") return "denied";
  if (t.deniedCents > 0) return t.paidCents > 0 ? "partially_paid" : "denied";
  return "paid";
}

function personName(n: { lastName: string; firstName: string } | null): string | null {
  if (!n) return null;
  const s = [n.lastName, n.firstName].filter(Boolean).join(", ");
  return s || null;
}

// ---------------------------------------------------------------------------------------------
// One claim payment

export interface ClaimPaymentContext {
  paymentIndex: number;
  claimIndex: number;
  index: DenialRuleIndex;
  state: PlanState;
  /** reader errors inside this CLP loop (they hold it) */
  errors: readonly Finding835[];
}

/** The CLP's amounts and lines, before (or without) a claim. */
export function readClaimPayment(clp: Claim835, ctx: ClaimPaymentContext): ClaimPaymentPlan {
  const claimRemarks = lineRemarks([], clp.remarks);
  const claimAdjustments = planAdjustments(clp.adjustments, claimRemarks, ctx.index);
  const totals = zeroTotals();
  totals.chargeCents = clp.chargeCents;
  totals.paidCents = clp.paidCents;
  addAdjustments(totals, claimAdjustments);
  const lines: LinePlan[] = clp.lines.map((svc, i) => {
    const adjustments = planAdjustments(svc.adjustments, lineRemarks(svc.remarks, clp.remarks), ctx.index);
    addAdjustments(totals, adjustments);
    const chargeCents = svc.chargeCents;
    const b6 = svc.amounts.find((a) => a.qualifier === "B6");
    const allowedCents = b6 ? b6.amountCents : computedAllowed(chargeCents, adjustments);
    totals.allowedCents += allowedCents;
    return {
      svcIndex: i,
      claimLineId: null,
      unmatchedReason: null,
      qualifier: svc.qualifier,
      code: svc.code,
      modifiers: [...svc.modifiers],
      submittedCode: svc.submitted && svc.submitted.code !== svc.code ? svc.submitted.code : null,
      units: svc.units,
      submittedUnits: svc.submittedUnits ?? null,
      serviceDate: svcDate(svc, clp),
      chargeCents,
      paidCents: svc.paidCents,
      allowedCents,
      allowedSource: b6 ? "B6" : "computed",
      adjustments,
      remarks: [...svc.remarks],
    };
  });
  if (lines.length === 0) {
    const b6 = clp.amounts.find((a) => a.qualifier === "B6");
    totals.allowedCents = b6 ? b6.amountCents : computedAllowed(totals.chargeCents, claimAdjustments);
  }
  const interest = clp.amounts.find((a) => a.qualifier === "I");
  if (interest) totals.interestCents = interest.amountCents;

  const forwarder = clp.otherNames?.find((n) => n.entity === "TT");
  const forwarded = FORWARDED_STATUSES.has(clp.status) || clp.remarks.some((r) => CROSSOVER_REMARKS.has(r));
  const notes: string[] = [];
  const prCents = clp.patientResponsibilityCents;
  if (clp.status !== "22" && prCents !== totals.patientCents) {
    notes.push(`CLP05 patient responsibility ${formatDollars(prCents)} differs from the PR adjustments ${formatDollars(totals.patientCents)}; the PR adjustments are posted.`);
  }
  return {
    index: ctx.claimIndex,
    patientControlNumber: clp.patientControlNumber,
    statusCode: clp.status,
    payerClaimNumber: clp.payerClaimNumber,
    originalPayerClaimNumber: refF8(clp),
    filingIndicator: clp.filingIndicator,
    frequencyCode: clp.frequencyCode,
    patientName: personName(clp.patient),
    memberId: clp.patient?.id || clp.insured?.id || null,
    disposition: "post",
    reason: null,
    claimId: null,
    matchedBy: null,
    isReversal: clp.status === "22",
    reversesPaymentId: null,
    outcome: outcomeOf(clp.status, totals),
    forwardedTo: forwarded ? { name: forwarder ? forwarder.lastName || "the next payer" : "the next payer", id: forwarder?.id || null } : null,
    totals,
    claimAdjustments,
    remarks: claimRemarks,
    lines,
    denials: [],
    notes,
  };
}

export function denialsOf(plan: ClaimPaymentPlan, clp: Claim835, index: DenialRuleIndex): DenialPlan[] {
  if (plan.isReversal) return [];
  const groups = new Map<string, DenialPlan>();
  const add = (a: AdjustmentPlan, line: LinePlan | null, rarcs: string[]) => {
    if (a.kind !== "denial" || a.amountCents <= 0) return;
    const category = a.category as DenialCategory;
    const action = a.action as DenialAction;
    const key = category;
    let d = groups.get(key);
    if (!d) {
      d = { category, action, amountCents: 0, parts: [] };
      groups.set(key, d);
    }
    d.amountCents += a.amountCents;
    d.parts.push({
      line: line ? line.svcIndex + 1 : null,
      claimLineId: line?.claimLineId ?? null,
      procedure: line ? line.code : null,
      group: a.group,
      carc: a.carc,
      rarcs,
      amountCents: a.amountCents,
      explanation: classifyAdjustment(index, { group: a.group, carc: a.carc, rarcs }).explanation,
    });
  };
  for (const a of plan.claimAdjustments) add(a, null, plan.remarks);
  plan.lines.forEach((l, i) => {
    const rarcs = lineRemarks(clp.lines[i]!.remarks, clp.remarks);
    for (const a of l.adjustments) add(a, l, rarcs);
  });
  // the action of the largest part leads when a category mixes actions (e.g. CO-16 with and without a remark)
  for (const d of groups.values()) {
    const lead = [...d.parts].sort((a, b) => b.amountCents - a.amountCents)[0]!;
    d.action = classifyAdjustment(index, { group: lead.group, carc: lead.carc, rarcs: lead.rarcs }).action as DenialAction;
  }
  return [...groups.values()];
}

function hold(plan: ClaimPaymentPlan, disposition: "unmatched" | "held", reason: string): ClaimPaymentPlan {
  plan.disposition = disposition;
  plan.reason = reason;
  return plan;
}

/**
 * Plans one CLP loop against a claim already chosen (auto-matched, or picked by a biller with an
 * optional SVC → line map). Updates `state` when it posts.
 */
export function planAgainstClaim(
  plan: ClaimPaymentPlan,
  clp: Claim835,
  claim: ClaimSnapshot,
  ctx: ClaimPaymentContext,
  opts: { matchedBy: ClaimPaymentPlan["matchedBy"]; lineMap?: ReadonlyMap<number, string>; allowRepeatPayment?: boolean },
): ClaimPaymentPlan {
  plan.claimId = claim.id;
  plan.matchedBy = opts.matchedBy;
  const st = ctx.state.of(claim);

  // lines
  const taken = new Set<string>();
  const problems: string[] = [];
  plan.lines.forEach((l, i) => {
    const svc = clp.lines[i]!;
    const forced = opts.lineMap?.get(i);
    if (forced !== undefined) {
      if (!claim.lines.some((x) => x.id === forced)) problems.push(`Line ${i + 1} was matched to a line that is not on claim ${claim.claimNumber}.`);
      else if (taken.has(forced)) problems.push(`Two service lines of the remittance were matched to the same claim line.`);
      else {
        l.claimLineId = forced;
        taken.add(forced);
      }
      return;
    }
    const m = matchLine(svc, clp, claim, taken, st, plan.isReversal);
    if (m.lineId) {
      l.claimLineId = m.lineId;
      taken.add(m.lineId);
    } else {
      l.unmatchedReason = m.reason;
      problems.push(`Service line ${i + 1} (${describeSvc(svc)}): ${m.reason}`);
    }
  });
  plan.denials = denialsOf(plan, clp, ctx.index);
  if (problems.length) return hold(plan, "unmatched", problems.join(" "));

  if (ctx.errors.length) {
    return hold(plan, "held", `The remittance does not add up for this claim, so nothing of it was posted: ${ctx.errors.map((f) => f.message).join(" ")}`);
  }
  if (clp.status === "25") return hold(plan, "held", `${claimStatusText("25")}: there is nothing to post.`);
  if (clp.status === "23") {
    return hold(plan, "held", `${claimStatusText("23")}: the payer says claim ${claim.claimNumber} is not its claim. Check the patient's coverage.`);
  }

  if (plan.isReversal) {
    const pcn = norm(clp.payerClaimNumber);
    const active = st.payments.filter((p) => !p.reversed && !p.isReversal);
    const target = (pcn ? active.find((p) => norm(p.payerClaimNumber) === pcn) : undefined) ?? (active.length === 1 && !pcn ? active[0] : undefined);
    if (!target) {
      return hold(
        plan,
        "unmatched",
        `This reversal takes back payer claim ${clp.payerClaimNumber ?? "(none given)"} of claim ${claim.claimNumber}, but no payment posted to that claim has that payer claim number` +
          (active.length ? ` (posted: ${active.map((p) => `${p.payerClaimNumber ?? "no number"} ${formatDollars(p.paidCents)}`).join(", ")}).` : " (nothing is posted to it)."),
      );
    }
    if (target.paidCents !== -plan.totals.paidCents) {
      return hold(
        plan,
        "held",
        `This reversal takes back ${formatDollars(-plan.totals.paidCents)}, but the payment of payer claim ${target.payerClaimNumber ?? "(none)"} posted ${formatDollars(target.paidCents)}.`,
      );
    }
    plan.reversesPaymentId = target.id;
    target.reversed = true;
    for (const id of target.lineIds) st.activeByLine.set(id, Math.max(0, (st.activeByLine.get(id) ?? 0) - 1));
  } else if (!opts.allowRepeatPayment) {
    const active = st.payments.filter((p) => !p.reversed && !p.isReversal);
    const matched = plan.lines.map((l) => l.claimLineId!);
    const repeat = matched.length ? matched.every((id) => (st.activeByLine.get(id) ?? 0) > 0) : active.length > 0;
    if (repeat && active.length) {
      return hold(
        plan,
        "held",
        `Claim ${claim.claimNumber} already has a payment posted for ${matched.length ? "these lines" : "it"} (payer claim ${active.map((p) => `${p.payerClaimNumber ?? "no number"}: ${formatDollars(p.paidCents)}`).join(", ")}) and this remittance does not reverse it: posting it would count the claim twice. Check with the payer, then post it by hand if it is right.`,
      );
    }
  }

  // posts: record it in the state so later CLPs of the file see it
  const lineIds = plan.lines.map((l) => l.claimLineId!);
  if (!plan.isReversal) for (const id of lineIds) st.activeByLine.set(id, (st.activeByLine.get(id) ?? 0) + 1);
  st.payments.push({
    id: plannedPaymentId(ctx.paymentIndex, ctx.claimIndex),
    payerClaimNumber: clp.payerClaimNumber,
    paidCents: plan.totals.paidCents,
    chargeCents: plan.totals.chargeCents,
    reversed: false,
    isReversal: plan.isReversal,
    lineIds,
  });
  if (!plan.isReversal && Math.abs(plan.totals.chargeCents) !== claim.chargeCents && clp.lines.length === claim.lines.length) {
    plan.notes.push(`The payer's charge ${formatDollars(plan.totals.chargeCents)} differs from the claim's ${formatDollars(claim.chargeCents)}.`);
  }
  return plan;
}

// ---------------------------------------------------------------------------------------------
// A whole file

function findingsByClaim(tx: Transaction835, findings: readonly Finding835[]): Map<number, Finding835[]> {
  const out = new Map<number, Finding835[]>();
  const starts = tx.claims.map((c) => c.segment);
  for (const f of findings) {
    if (f.severity !== "error" || f.claim === undefined) continue;
    let idx = -1;
    for (let i = 0; i < starts.length; i++) if (starts[i]! <= f.segment) idx = i;
    if (idx < 0 || tx.claims[idx]!.patientControlNumber !== f.claim) idx = tx.claims.findIndex((c) => c.patientControlNumber === f.claim);
    if (idx < 0) continue;
    const list = out.get(idx);
    if (list) list.push(f);
    else out.set(idx, [f]);
  }
  return out;
}

function planProviderAdjustments(tx: Transaction835, lookup: ClaimLookup): ProviderAdjustmentPlan[] {
  return tx.providerAdjustments.map((p) => {
    let claimId: string | null = null;
    if (p.reference) {
      const ref = norm(p.reference);
      const found = [...lookup.byPayerClaimNumber(ref), ...lookup.byNumber(ref)];
      const ids = new Set(found.map((c) => c.id));
      if (ids.size === 1) claimId = found[0]!.id;
    }
    return {
      reason: p.reason,
      reasonText: plbReasonText(p.reason),
      reference: p.reference,
      amountCents: p.amountCents,
      fiscalPeriodDate: p.fiscalPeriodDate,
      claimId,
    };
  });
}

export function planPayment(
  tx: Transaction835,
  paymentIndex: number,
  findings: readonly Finding835[],
  lookup: ClaimLookup,
  index: DenialRuleIndex,
  state: PlanState,
  blockedReason: string | null,
  skip?: (paymentIndex: number, claimIndex: number) => boolean,
): PaymentPlan {
  const byClaim = findingsByClaim(tx, findings);
  const claimPayments: ClaimPaymentPlan[] = [];
  tx.claims.forEach((clp, claimIndex) => {
    if (skip?.(paymentIndex, claimIndex)) return;
    claimPayments.push(planOne(clp, claimIndex));
  });
  function planOne(clp: Claim835, claimIndex: number): ClaimPaymentPlan {
    const ctx: ClaimPaymentContext = { paymentIndex, claimIndex, index, state, errors: byClaim.get(claimIndex) ?? [] };
    const plan = readClaimPayment(clp, ctx);
    if (blockedReason) {
      plan.denials = denialsOf(plan, clp, index);
      return hold(plan, "held", blockedReason);
    }
    const m = matchClaim(clp, lookup, tx.payer.id, state);
    if ("reason" in m) {
      plan.denials = denialsOf(plan, clp, index);
      return hold(plan, "unmatched", m.reason);
    }
    return planAgainstClaim(plan, clp, m.claim, ctx, { matchedBy: m.by });
  }
  const amount = tx.paymentCents;
  return {
    index: paymentIndex,
    amountCents: tx.creditDebit === "D" ? -amount : amount,
    creditDebit: tx.creditDebit,
    method: tx.paymentMethod,
    handlingCode: tx.handlingCode,
    paymentDate: tx.paymentDate,
    traceNumber: tx.traceNumber,
    traceOriginator: tx.traceOriginator,
    payerName: tx.payer.name,
    payerId: tx.payer.id,
    payeeName: tx.payee.name,
    payeeNpi: tx.payee.npi,
    postable: blockedReason === null,
    blockedReason,
    claimPayments,
    providerAdjustments: planProviderAdjustments(tx, lookup),
  };
}

/**
 * Why a parsed 835 posts nothing at all, or null. Any reader error that is not about one claim
 * (envelope, counts, a payment that does not balance) means the file cannot be trusted: it is kept
 * with its findings and posts nothing. A claim's own errors hold that claim payment only.
 */
export function fileBlockReason(remittance: Remittance835): string | null {
  const { transactions, findings } = remittance;
  if (transactions.length === 0) {
    const first = findings.find((f) => f.severity === "error");
    return `The file holds no readable 835 payment${first ? `: ${first.message}` : "."}`;
  }
  const fileErrors = findings.filter((f) => f.severity === "error" && f.claim === undefined);
  if (fileErrors.length) {
    const shown = fileErrors.slice(0, 5).map((f) => `${f.message} (segment ${f.segment})`);
    return `The file does not add up or cannot be read, so nothing in it was posted: ${shown.join(" ")}${fileErrors.length > 5 ? ` … and ${fileErrors.length - 5} more.` : ""}`;
  }
  if (transactions.some((t) => !t.balanced)) return "A payment in the file does not balance (BPR02 ≠ Σ claims paid − PLB), so nothing in it was posted.";
  return null;
}

export interface PlanOptions {
  /** claim payments already written by an earlier attempt (their effect is in the snapshots) */
  skip?: (paymentIndex: number, claimIndex: number) => boolean;
}

/** The posting plan of a parsed 835 (see `fileBlockReason` for what blocks a whole file). */
export function planRemittance(remittance: Remittance835, lookup: ClaimLookup, index: DenialRuleIndex, opts: PlanOptions = {}): RemittancePlan {
  const blockedReason = fileBlockReason(remittance);
  if (remittance.transactions.length === 0) return { payments: [], blockedReason };
  const state = new PlanState();
  const payments = remittance.transactions.map((tx, i) => planPayment(tx, i, remittance.findings, lookup, index, state, blockedReason, opts.skip));
  return { payments, blockedReason };
}
