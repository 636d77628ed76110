import { describe, expect, it } from "vitest";
import { changeText, describeChanges, humanize, valueText } from "@/server/domain/episode/format";
import { buildTimeline, describeAuditEvent, dollars, sortTimeline, type EpisodeAuditEvent, type EpisodeRecords } from "@/server/domain/episode/timeline";

const ORDER_ID = "o-1";
const ADMIN_ID = "a-1";
let seq = 0;
function ev(action: string, over: Partial<EpisodeAuditEvent> = {}): EpisodeAuditEvent {
  seq += 1;
  return {
    seq,
    action,
    entityType: action.split(".")[0]!,
    entityId: action.startsWith("order.") ? ORDER_ID : ADMIN_ID,
    before: null,
    after: null,
    createdAt: new Date(Date.UTC(2026, 8, 1, 12, 0, seq)),
    actorName: "Billie Biller",
    ...over,
  };
}
function records(over: { order?: Partial<EpisodeRecords["order"]>; administration?: Partial<EpisodeRecords["administration"]> } = {}): EpisodeRecords {
  return {
    order: {
      id: ORDER_ID,
      status: "signed",
      createdAt: new Date("2026-09-01T10:00:00Z"),
      createdByName: "Billie Biller",
      signedAt: new Date("2026-09-02T10:00:00Z"),
      signedByName: "Billie Biller",
      activatedAt: null,
      completedAt: null,
      discontinuedAt: null,
      discontinuedByName: null,
      discontinueReason: null,
      ...over.order,
    },
    administration: {
      id: ADMIN_ID,
      sequence: 2,
      cycle: 2,
      day: 1,
      plannedDate: "2026-09-16",
      originalPlannedDate: "2026-09-14",
      status: "scheduled",
      notGivenReason: null,
      notGivenNote: null,
      createdAt: new Date("2026-09-02T10:00:00Z"),
      updatedAt: new Date("2026-09-03T10:00:00Z"),
      ...over.administration,
    },
  };
}

describe("describeAuditEvent", () => {
  it("labels the order's life", () => {
    const signed = describeAuditEvent(
      ev("order.sign", { before: { status: "draft" }, after: { status: "signed", administrationsPlanned: 27, firstPlannedDate: "2026-09-14", lastPlannedDate: "2027-08-30", warnings: ["Check the weight"] } }),
    );
    expect(signed).toMatchObject({ kind: "order", title: "Order signed", detail: "27 infusions planned, 09/14/2026 to 08/30/2027", items: ["Warning at signing: Check the weight"] });
    expect(describeAuditEvent(ev("order.created", { after: { startDate: "2026-09-14" } }))).toMatchObject({ title: "Order created", detail: "Start date 09/14/2026" });
    expect(describeAuditEvent(ev("order.updated", { before: { weightKg: "78", version: 1 }, after: { weightKg: "76", version: 2 } })).title).toBe("Order edited: weight 78 → 76 kg");
    expect(describeAuditEvent(ev("order.activate")).title).toBe("Order active: treatment started");
    expect(describeAuditEvent(ev("order.complete")).title).toBe("Order completed");
    expect(describeAuditEvent(ev("order.discontinue", { after: { status: "discontinued", discontinueReason: "Progression" } }))).toMatchObject({ title: "Order discontinued", reason: "Progression" });
  });

  it("labels reschedules and status changes of the infusion", () => {
    expect(
      describeAuditEvent(ev("administration.rescheduled", { before: { plannedDate: "2026-09-14" }, after: { plannedDate: "2026-09-16", reason: "Patient travelling" } })),
    ).toMatchObject({ kind: "schedule", title: "Infusion rescheduled from 09/14/2026 to 09/16/2026", reason: "Patient travelling" });
    expect(describeAuditEvent(ev("administration.start")).title).toBe("Infusion started");
    expect(describeAuditEvent(ev("administration.document")).title).toBe("Infusion documented");
    expect(describeAuditEvent(ev("administration.mark_not_given", { after: { status: "not_given", notGivenReason: "held_for_toxicity", notGivenNote: "Grade 2 pneumonitis" } }))).toMatchObject({
      title: "Not given: held for toxicity",
      reason: "Grade 2 pneumonitis",
    });
    const ready = describeAuditEvent(
      ev("administration.mark_ready", { after: { status: "ready_for_billing", version: 1, totalChargeCents: 1234567, lines: ["J9173 ×67", "J9173-JW ×3"], acknowledgedWarnings: ["R-VIAL"] } }),
    );
    expect(ready).toMatchObject({ title: "Ready for billing", detail: "Version 1, total charge $12,345.67", items: ["Claim lines: J9173 ×67, J9173-JW ×3", "Warnings acknowledged: vial choice"] });
    expect(describeAuditEvent(ev("administration.amend", { after: { status: "documented", reason: "Wrong weight" } }))).toMatchObject({ title: "Back to documented for the amendment", reason: "Wrong weight" });
  });

  it("labels documentation versions, amendments and acknowledgements", () => {
    const first = describeAuditEvent(
      ev("administration.documentation_saved", { after: { version: 1, revision: 1, actualDate: "2026-09-14", weightKg: "78", mgAdministered: "780", infusionStart: "09:00", infusionStop: "10:05" } }),
    );
    expect(first).toMatchObject({ kind: "documentation", title: "Documentation saved (version 1)", detail: "given 09/14/2026, 78 kg, 780 mg administered, 09:00–10:05" });
    const again = describeAuditEvent(
      ev("administration.documentation_saved", { before: { version: 1, revision: 1, nurseName: null, mgDiscarded: "20" }, after: { version: 1, revision: 2, nurseName: "R. Diaz", mgDiscarded: "20" } }),
    );
    expect(again).toMatchObject({ title: "Documentation updated: nurse set to R. Diaz", detail: "Version 1, save 2" });
    const amended = describeAuditEvent(
      ev("administration.amended", {
        before: { version: 1, revision: 3, weightKg: "78", mgAdministered: "780", notes: null },
        after: { version: 2, revision: 4, reason: "Scale was not zeroed", weightKg: "76", mgAdministered: "760", notes: null },
      }),
    );
    expect(amended).toMatchObject({
      kind: "documentation",
      title: "Documentation amended: weight 78 → 76 kg, administered 780 → 760 mg",
      detail: "Version 2; version 1 is kept as it was",
      reason: "Scale was not zeroed",
    });
    const ack = describeAuditEvent(
      ev("administration.warning_acknowledged", { after: { documentationVersion: 1, rule: "R-VIAL", message: "A cheaper vial combination exists.", reason: "Only 500 mg vials in stock" } }),
    );
    expect(ack).toMatchObject({ kind: "finding", title: "Warning acknowledged: vial choice", detail: "A cheaper vial combination exists. (version 1)", reason: "Only 500 mg vials in stock" });
  });

  it("reads documentation and acknowledgement events of other shapes, with the findings of a version", () => {
    const v = describeAuditEvent(
      ev("documentation.version_created", {
        entityType: "administration_documentation",
        after: { administrationId: ADMIN_ID, version: 3, findings: [{ rule: "R-JW", severity: "error", message: "Waste without JW" }] },
      }),
    );
    expect(v).toMatchObject({ kind: "documentation", title: "Documentation saved (version 3)", items: ["Findings at this version:", "Error, drug waste (JW line): Waste without JW"] });
    const ack = describeAuditEvent(ev("finding.acknowledged", { entityType: "finding_acknowledgment", after: { ruleId: "R-NDC", reason: "Payer confirmed" } }));
    expect(ack).toMatchObject({ title: "Warning acknowledged: NDC", reason: "Payer confirmed" });
  });

  it("falls back to a readable sentence for actions it does not know", () => {
    expect(describeAuditEvent(ev("claim.submitted", { entityType: "claim" })).title).toBe("Claim submitted");
    expect(describeAuditEvent(ev("prior_auth.decided", { entityType: "prior_auth", before: { status: "pending" }, after: { status: "approved" } })).title).toBe("Prior auth pending → approved");
  });
});

describe("format helpers", () => {
  it("writes changes with their units", () => {
    expect(changeText("weightKg", "78", "76")).toBe("weight 78 → 76 kg");
    expect(changeText("nurseName", null, "R. Diaz")).toBe("nurse set to R. Diaz");
    expect(changeText("mgDiscarded", "20", null)).toBe("discarded cleared (was 20 mg)");
    expect(changeText("notes", "a", "b")).toBe("notes changed");
    expect(changeText("acquisition", "purchased", "free_manufacturer_program")).toBe("drug acquired purchased → free (manufacturer program)");
    expect(valueText("vials", [{ ndc11: "00310450012", count: 2, lotNumber: "L1" }])).toBe("2 × 00310-4500-12 lot L1");
    expect(describeChanges({ id: "x", updatedAt: "t1", weightKg: "78" }, { id: "x", updatedAt: "t2", weightKg: "78" })).toEqual([]);
    expect(describeChanges({ vials: [{ ndc11: "1", count: 1 }] }, { vials: [{ count: 2, ndc11: "1" }] })).toEqual(["vial 1 count 1 → 2"]);
    // Every changed field of every vial line, old → new; lines added and removed say what they held.
    const v1 = { ndc11: "00310461150", lotNumber: "FA2417", expiryDate: "2026-08-31", count: 1 };
    expect(
      describeChanges(
        { weightKg: "78", vials: [v1, { ndc11: "00310450012", lotNumber: "B1", expiryDate: "2027-01-01", count: 2 }] },
        { weightKg: "78", vials: [{ ...v1, ndc11: "00310450012", lotNumber: "FA2418", expiryDate: "2027-08-31", count: 2 }] },
      ),
    ).toEqual([
      "vial 1 NDC 00310-4611-50 → 00310-4500-12",
      "vial 1 lot FA2417 → FA2418",
      "vial 1 expiry 08/31/2026 → 08/31/2027",
      "vial 1 count 1 → 2",
      "vial 2 removed (was 2 × 00310-4500-12 lot B1)",
    ]);
    expect(describeChanges({ vials: [] }, { vials: [{ ...v1, lotNumber: null }] })).toEqual(["vial 1 added: 1 × 00310-4611-50"]);
    expect(describeChanges({ vials: [{ ...v1, lotNumber: null }] }, { vials: [v1] })).toEqual(["vial 1 lot none → FA2417"]);
    expect(humanize("mark_not_given")).toBe("mark not given");
    expect(humanize("mgAdministered")).toBe("mg administered");
    expect(dollars(0)).toBe("$0.00");
    expect(dollars(123456789)).toBe("$1,234,567.89");
  });
});

describe("buildTimeline", () => {
  it("orders audit entries oldest first, says who, and puts the planned infusion right after the signature", () => {
    seq = 100;
    const created = ev("order.created", { after: { startDate: "2026-09-14" } });
    const sign = ev("order.sign", { after: { status: "signed", administrationsPlanned: 27 } });
    const moved = ev("administration.rescheduled", { before: { plannedDate: "2026-09-14" }, after: { plannedDate: "2026-09-16", reason: "Patient travelling" }, actorName: "Pat Front" });
    const t = buildTimeline([moved, sign, created], records());
    expect(t.map((e) => e.label)).toEqual([
      "Order created by Billie Biller",
      "Order signed by Billie Biller",
      "Infusion 2 (C2D1) planned for 09/14/2026 by Billie Biller",
      "Infusion rescheduled from 09/14/2026 to 09/16/2026 by Pat Front",
    ]);
    expect(t.every((e) => e.at instanceof Date)).toBe(true);
    expect(t[1]).toMatchObject({ source: "audit", action: "order.sign", actorName: "Billie Biller" });
    expect(t[2]).toMatchObject({ source: "record", key: "record-planned" });
  });

  it("derives entries from the records when the audit trail lacks them (seeded data)", () => {
    const t = buildTimeline(
      [],
      records({
        order: { createdByName: null, signedByName: null, activatedAt: new Date("2026-09-14T16:00:00Z"), discontinuedAt: new Date("2026-10-01T09:00:00Z"), discontinueReason: "Progression" },
        administration: { status: "not_given", notGivenReason: "other", notGivenNote: "Order discontinued: Progression", updatedAt: new Date("2026-10-01T09:00:00Z") },
      }),
    );
    expect(t.map((e) => e.label)).toEqual([
      "Order created",
      "Order signed",
      "Infusion 2 (C2D1) planned for 09/14/2026",
      "Infusion rescheduled from 09/14/2026 to 09/16/2026",
      "Order active: treatment started",
      "Order discontinued",
      "Not given: other",
    ]);
    expect(t.every((e) => e.source === "record")).toBe(true);
    expect(t.find((e) => e.title === "Order discontinued")!.reason).toBe("Progression");
  });

  it("does not duplicate what the audit trail already says", () => {
    seq = 200;
    const t = buildTimeline(
      [ev("order.created"), ev("order.sign"), ev("administration.rescheduled", { before: { plannedDate: "2026-09-14" }, after: { plannedDate: "2026-09-16" } }), ev("administration.documentation_saved", { after: { version: 1 } }), ev("administration.document")],
      records({ administration: { status: "documented" } }),
    );
    expect(t.filter((e) => e.title === "Order signed")).toHaveLength(1);
    expect(t.filter((e) => e.title.startsWith("Infusion rescheduled"))).toHaveLength(1);
    expect(t.filter((e) => e.title === "Infusion documented")).toHaveLength(1);
    expect(t.at(-1)!.title).toBe("Infusion documented");
  });

  it("starts with the order's creation even when its audit row is younger (seeded data), and puts a derived status after the planned day", () => {
    seq = 300;
    const lateCreated = { ...ev("order.created", { actorName: null }), createdAt: new Date("2026-11-27T08:00:00Z") };
    const t = buildTimeline(
      [lateCreated],
      records({
        order: { activatedAt: new Date("2026-09-16T16:00:00Z") },
        administration: { status: "ready_for_billing", plannedDate: "2026-09-16", originalPlannedDate: "2026-09-16", updatedAt: new Date("2026-09-02T10:00:00Z") },
      }),
    );
    expect(t.map((e) => e.title)).toEqual(["Order created", "Order signed", "Infusion 2 (C2D1) planned for 09/16/2026", "Order active: treatment started", "Ready for billing"]);
    expect(t[0]).toMatchObject({ source: "audit", at: new Date("2026-09-01T10:00:00Z") });
  });

  it("keeps the seq order for events of one instant", () => {
    const at = new Date("2026-09-14T10:00:00Z");
    const a = { ...ev("administration.documentation_saved", { after: { version: 1 } }), createdAt: at, seq: 501 };
    const b = { ...ev("administration.document"), createdAt: at, seq: 502 };
    const t = buildTimeline([b, a], records({ administration: { plannedDate: "2026-09-14", status: "documented" } }));
    const idx = (title: string) => t.findIndex((e) => e.title.startsWith(title));
    expect(idx("Documentation saved")).toBeLessThan(idx("Infusion documented"));
    expect(sortTimeline([]).length).toBe(0);
  });
});
