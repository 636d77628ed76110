/**
 * Billing words for what the claim engine keys internally: finding categories and rules (shown as
 * the topic a biller recognises, never `R-TIMELY`), and the claim's status events in its history.
 */
import { RULES } from "@/server/domain/billing/rules";
import type { FindingCategory } from "@/server/domain/billing/types";
import { CLAIM_STATE_LABELS, type ClaimEvent, type ClaimState } from "@/server/domain/workflow/claim";

export const FINDING_CATEGORY_LABELS: Record<FindingCategory, string> = {
  units: "units",
  waste: "drug waste",
  vial: "vials",
  ndc: "NDC",
  code: "billing code",
  modifier: "modifier",
  diagnosis: "diagnosis",
  indication: "indication",
  weight: "weight-based dose",
  duration: "treatment duration",
  administration: "administration codes",
  documentation: "claim data",
  auth: "prior authorization",
  "timely-filing": "timely filing",
  duplicate: "duplicate claim",
  frequency: "claim frequency",
  "place-of-service": "place of service",
};

/** The topic of a finding's rule in words ("timely filing" for R-TIMELY); claim-format checks are "claim data". */
export function findingTopic(rule: string, category?: string): string {
  const c = (RULES as Record<string, { category: FindingCategory } | undefined>)[rule]?.category ?? category;
  return c && c in FINDING_CATEGORY_LABELS ? FINDING_CATEGORY_LABELS[c as FindingCategory] : "claim data";
}

/** Distinct topics of some findings, in order: "timely filing, duplicate claim". */
export function findingTopics(findings: readonly { rule: string; category?: string }[]): string {
  return [...new Set(findings.map((f) => findingTopic(f.rule, f.category)))].join(", ");
}

export const CLAIM_EVENT_LABELS: Record<ClaimEvent, string> = {
  mark_ready: "Marked ready to send",
  reopen: "Reopened for editing",
  cancel: "Cancelled",
  batch: "Added to an 837 batch",
  unbatch: "Taken out of a cancelled batch",
  submit: "Submitted",
  submit_paper: "Sent on paper",
  accept: "Accepted by the payer",
  reject: "Rejected",
  adjudicate: "Adjudicated",
  close: "Closed",
  replace: "Replaced",
  void: "Voided",
};

/** "Marked ready to send (Draft → Ready to send)" for a status change of the claim's history. */
export function describeClaimTransition(event: string, from: unknown, to: unknown): string {
  const label = (CLAIM_EVENT_LABELS as Record<string, string | undefined>)[event] ?? event.replace(/_/g, " ");
  const state = (s: unknown) => (CLAIM_STATE_LABELS as Record<string, string | undefined>)[String(s)] ?? String(s ?? "").replace(/_/g, " ");
  return from && to ? `${label} (${state(from)} → ${state(to as ClaimState)})` : label;
}
