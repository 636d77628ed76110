/**
 * Findings of a documented administration: the engine's plus the documentation's own (expired lots),
 * each with a fingerprint so an acknowledgement sticks to exactly the warning it was given for.
 * The fingerprint covers rule, line and message, and the message carries the numbers; so when the
 * documentation changes what a warning says, the old acknowledgement no longer applies.
 */
import { ruleLabel } from "@/server/domain/billing/rules";
import type { Finding, Severity } from "@/server/domain/billing/types";
import type { DocumentationFinding } from "./types";

/** FNV-1a, 32-bit, twice with different seeds: short, stable and pure (no crypto module needed). */
function fnv(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

export function findingFingerprint(f: Pick<Finding, "message" | "line"> & { rule: string }): string {
  const key = `${f.rule}|${f.line ?? ""}|${f.message}`;
  return fnv(key, 0x811c9dc5) + fnv(key, 0x01234567);
}

export interface AcknowledgmentRef {
  rule: string;
  fingerprint: string;
}

export type EvaluatedFinding = DocumentationFinding & {
  fingerprint: string;
  /** for warnings: whether the current documentation version has an acknowledgement for it */
  acknowledged: boolean;
};

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Engine + documentation findings, errors first, each marked acknowledged when a matching acknowledgement exists. */
export function evaluateFindings(findings: readonly DocumentationFinding[], acks: readonly AcknowledgmentRef[]): EvaluatedFinding[] {
  const keys = new Set(acks.map((a) => `${a.rule}|${a.fingerprint}`));
  return findings
    .map((f) => {
      const fingerprint = findingFingerprint(f);
      return { ...f, fingerprint, acknowledged: f.severity === "warning" && keys.has(`${f.rule}|${fingerprint}`) };
    })
    .sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}

export interface ReadinessInput {
  checklistComplete: boolean;
  missing: readonly string[];
  findings: readonly EvaluatedFinding[];
}

/**
 * What a list of findings is about, in billing words: one label per rule, in order, counted when a
 * rule fires more than once ("diagnosis (2)"). A prior-authorization finding carries its message:
 * the biller must see the numbers (units left, dates), not just the topic.
 */
function describeFindings(findings: readonly EvaluatedFinding[]): string {
  const parts: string[] = [];
  const counted = new Map<string, number>();
  for (const f of findings) {
    if (f.rule === "R-AUTH") {
      parts.push(`${ruleLabel(f.rule)} (${f.message.replace(/\.$/, "")})`);
      continue;
    }
    const label = ruleLabel(f.rule);
    if (!counted.has(label)) parts.push(label);
    counted.set(label, (counted.get(label) ?? 0) + 1);
  }
  return parts.map((p) => ((counted.get(p) ?? 1) > 1 ? `${p} (${counted.get(p)})` : p)).join("; ");
}

/** Why an administration cannot be marked ready for billing (empty when it can), as a biller reads it. */
export function readinessBlockers(r: ReadinessInput): string[] {
  const out: string[] = [];
  if (!r.checklistComplete) out.push(`documentation incomplete: ${r.missing.join("; ")}`);
  const errors = r.findings.filter((f) => f.severity === "error");
  if (errors.length > 0) out.push(`${errors.length} error${errors.length === 1 ? "" : "s"} to fix: ${describeFindings(errors)}`);
  const open = r.findings.filter((f) => f.severity === "warning" && !f.acknowledged);
  if (open.length > 0) out.push(`${open.length} warning${open.length === 1 ? "" : "s"} to acknowledge: ${describeFindings(open)}`);
  return out;
}
