import { describe, expect, it } from "vitest";
import { FINDING_CATEGORIES, RULE_IDS } from "@/server/domain/billing/types";
import { describeClaimTransition, FINDING_CATEGORY_LABELS, findingTopic, findingTopics } from "@/server/domain/claims/labels";
import { readyBlockers } from "@/server/domain/claims/scrub";
import { historyText } from "@/server/services/claims";

describe("claim findings and history in billing words", () => {
  it("names every rule's topic in words, never its key", () => {
    for (const c of FINDING_CATEGORIES) expect(FINDING_CATEGORY_LABELS[c]).toMatch(/^[A-Za-z][A-Za-z /()-]+$/);
    for (const r of RULE_IDS) expect(findingTopic(r)).not.toMatch(/R-|_/);
    expect(findingTopic("R-TIMELY")).toBe("timely filing");
    expect(findingTopic("CLM-837", "documentation")).toBe("claim data");
    expect(findingTopics([{ rule: "R-DUP" }, { rule: "R-TIMELY" }, { rule: "R-DUP" }])).toBe("duplicate claim, timely filing");
  });

  it("says why a claim cannot be marked ready without rule ids", () => {
    const f = (rule: string, severity: "error" | "warning", overridden = false) => ({ rule, category: "x", severity, message: "m", source: "s", fingerprint: rule, overridden }) as never;
    const b = readyBlockers({ findings: [f("R-TIMELY", "warning"), f("R-DUP", "error"), f("R-MUE", "warning", true)] });
    expect(b).toEqual(["1 error to fix (duplicate claim)", "1 warning without an override reason (timely filing)"]);
  });

  it("writes status changes and overrides of the history with the labels billers see", () => {
    expect(describeClaimTransition("mark_ready", "draft", "ready")).toBe("Marked ready to send (Draft → Ready to send)");
    expect(historyText("claim.mark_ready", { status: "draft" }, { status: "ready" })).toBe("Marked ready to send (Draft → Ready to send)");
    expect(historyText("claim.submit", { status: "batched" }, { status: "submitted", channel: "clearinghouse_upload" })).toMatch(/^Submitted \(In a batch → Submitted\) \((?!clearinghouse_upload)/);
    expect(historyText("claim.warning_overridden", null, { rule: "R-TIMELY", reason: "Sent today" })).toBe("Warning overridden (timely filing): “Sent today”");
  });
});
