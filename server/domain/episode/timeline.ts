import { ADMINISTRATION_STATE_LABELS } from "@/server/domain/orders/codes";
import { CLOSE_OUTCOME_LABELS, NOT_GIVEN_LABELS, type AdministrationState, type CloseOutcome, type NotGivenReason } from "@/server/domain/workflow/administration";
import type { OrderState } from "@/server/domain/workflow/order";
import { ruleLabel } from "@/server/domain/billing/rules";
import { formatDate } from "@/server/domain/format";
import { asRecord, describeChanges, humanize, str } from "./format";

/**
 * The life of one administration as a timeline: audit events of its order, itself, its
 * documentation versions and acknowledgements, each turned into a sentence a biller reads ("Order
 * signed by Billie Biller", "Infusion rescheduled from 2026-09-14 to 2026-09-16"), plus entries
 * derived from the current records where the audit trail has nothing (rows written by the demo seed
 * or before auditing existed). Pure: the caller loads the rows.
 */

export const TIMELINE_KINDS = ["order", "schedule", "documentation", "finding", "status", "other"] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** An audit row as the episode query returns it (the actor's name joined in). */
export interface EpisodeAuditEvent {
  seq: number;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  createdAt: Date;
  actorName: string | null;
}

/** The current order and administration rows, with the names of the users they point at. */
export interface EpisodeRecords {
  order: {
    id: string;
    status: OrderState;
    createdAt: Date;
    createdByName: string | null;
    signedAt: Date | null;
    signedByName: string | null;
    activatedAt: Date | null;
    completedAt: Date | null;
    discontinuedAt: Date | null;
    discontinuedByName: string | null;
    discontinueReason: string | null;
  };
  administration: {
    id: string;
    sequence: number;
    cycle: number;
    day: number;
    plannedDate: string;
    originalPlannedDate: string;
    status: AdministrationState;
    notGivenReason: NotGivenReason | null;
    notGivenNote: string | null;
    createdAt: Date;
    updatedAt: Date;
  };
}

export interface TimelineEntry {
  /** stable React key: `audit-<seq>` or `record-<what>` */
  key: string;
  at: Date;
  kind: TimelineKind;
  /** what happened, without the actor: "Order signed" */
  title: string;
  /** the whole sentence: "Order signed by Billie Biller" */
  label: string;
  /** who did it; null when unknown (system, demo seed) */
  actorName: string | null;
  /** one line of facts: "27 infusions planned, 2026-09-14 to 2027-08-30" */
  detail: string | null;
  /** the reason the user gave, when the action takes one */
  reason: string | null;
  /** sub-points: the changes of an amendment, the findings of a version */
  items: string[];
  /** "audit" = from the audit trail; "record" = derived from the current row */
  source: "audit" | "record";
  /** the audit action, or "record.<what>" */
  action: string;
}

type Described = Pick<TimelineEntry, "kind" | "title" | "detail" | "reason" | "items">;

function entry(d: Partial<Described> & Pick<Described, "kind" | "title">): Described {
  return { detail: null, reason: null, items: [], ...d };
}

function statusWord(s: unknown): string {
  return typeof s === "string" && s in ADMINISTRATION_STATE_LABELS
    ? ADMINISTRATION_STATE_LABELS[s as AdministrationState].toLowerCase()
    : humanize(String(s));
}

/** The reason a user gave, whichever key the service stored it under. */
export function reasonOf(after: unknown): string | null {
  const a = asRecord(after);
  if (!a) return null;
  return str(a.reason) ?? str(a.amendReason) ?? str(a.amendmentReason) ?? str(a.acknowledgementReason) ?? str(a.note) ?? null;
}

/** Findings stored with a documentation version: "Error, expired lot: …", "Warning, vial choice: …" (the rule by its label). */
export function findingItems(after: unknown): string[] {
  const a = asRecord(after);
  const list = a && Array.isArray(a.findings) ? a.findings : [];
  return list.flatMap((f) => {
    const r = asRecord(f);
    if (!r) return [];
    const sev = str(r.severity);
    const rule = str(r.rule);
    const msg = str(r.message);
    return [`${sev ? `${sev[0]!.toUpperCase()}${sev.slice(1)}` : "Finding"}${rule ? `, ${ruleLabel(rule)}` : ""}${msg ? `: ${msg}` : ""}`];
  });
}

function isDocumentationEvent(e: Pick<EpisodeAuditEvent, "action" | "entityType">): boolean {
  return /documentation/i.test(e.entityType) || /^documentation\./i.test(e.action);
}

function isAcknowledgementEvent(e: Pick<EpisodeAuditEvent, "action" | "entityType">): boolean {
  return /acknowledg/i.test(e.entityType) || /acknowledg/i.test(e.action);
}

function versionOf(after: unknown): string | null {
  const a = asRecord(after);
  return a ? (str(a.version) ?? str(a.versionNumber) ?? null) : null;
}

function documentationDescribed(e: EpisodeAuditEvent): Described {
  const changes = describeChanges(e.before, e.after);
  const findings = findingItems(e.after);
  const reason = reasonOf(e.after);
  const v = versionOf(e.after);
  const amend = /amend/i.test(e.action);
  if (amend) {
    return entry({
      kind: "documentation",
      title: changes.length ? `Documentation amended: ${changes.join(", ")}` : "Documentation amended",
      detail: v ? `Version ${v}` : null,
      reason,
      items: findings.length ? ["Findings at this version:", ...findings] : [],
    });
  }
  const created = /creat|version|first|new/i.test(e.action) || e.before === null || e.before === undefined;
  return entry({
    kind: "documentation",
    title: created ? `Documentation saved${v ? ` (version ${v})` : ""}` : `Documentation updated${v ? ` (version ${v})` : ""}`,
    detail: !created && changes.length ? changes.join(", ") : null,
    reason,
    items: findings.length ? ["Findings at this version:", ...findings] : [],
  });
}

function acknowledgementDescribed(e: EpisodeAuditEvent): Described {
  const a = asRecord(e.after) ?? {};
  const id = str(a.rule) ?? str(a.ruleId) ?? str(a.findingRule) ?? str(a.code);
  const rule = id ? ruleLabel(id) : "warning";
  const revoked = /revok|withdr|remov|undo/i.test(e.action);
  return entry({
    kind: "finding",
    title: revoked ? `Acknowledgement withdrawn: ${rule}` : `Warning acknowledged: ${rule}`,
    detail: str(a.message),
    reason: reasonOf(e.after),
  });
}

/** What one audit event means on the timeline (without the actor). */
export function describeAuditEvent(e: EpisodeAuditEvent): Described {
  const before = asRecord(e.before) ?? {};
  const after = asRecord(e.after) ?? {};
  switch (e.action) {
    case "order.created":
      return entry({ kind: "order", title: "Order created", detail: str(after.startDate) ? `Start date ${formatDate(str(after.startDate))}` : null });
    case "order.updated": {
      const changes = describeChanges(e.before, e.after);
      return entry({ kind: "order", title: changes.length ? `Order edited: ${changes.join(", ")}` : "Order edited" });
    }
    case "order.sign": {
      const n = typeof after.administrationsPlanned === "number" ? after.administrationsPlanned : null;
      const first = str(after.firstPlannedDate);
      const last = str(after.lastPlannedDate);
      const warnings = Array.isArray(after.warnings) ? after.warnings.filter((w): w is string => typeof w === "string") : [];
      return entry({
        kind: "order",
        title: "Order signed",
        detail: n !== null ? `${n} infusion${n === 1 ? "" : "s"} planned${first && last ? `, ${formatDate(first)} to ${formatDate(last)}` : ""}` : null,
        items: warnings.map((w) => `Warning at signing: ${w}`),
      });
    }
    case "order.weight_dose_override_recorded":
      return entry({ kind: "order", title: "Clinician's reason recorded for the fixed dose under the weight threshold", reason: str(after.weightDoseOverrideReason) });
    case "order.activate":
      return entry({ kind: "order", title: "Order active: treatment started" });
    case "order.complete":
      return entry({ kind: "order", title: "Order completed" });
    case "order.discontinue":
      return entry({ kind: "order", title: "Order discontinued", reason: str(after.discontinueReason) ?? reasonOf(e.after) });
    case "administration.rescheduled":
      return entry({
        kind: "schedule",
        title: `Infusion rescheduled from ${dayOrUnknown(str(before.plannedDate))} to ${dayOrUnknown(str(after.plannedDate))}`,
        reason: reasonOf(e.after),
      });
    case "administration.start":
      return entry({ kind: "status", title: "Infusion started" });
    case "administration.document":
      return entry({ kind: "status", title: "Infusion documented" });
    case "administration.documentation_saved": {
      const v = versionOf(e.after);
      const revision = str(after.revision);
      if (e.before === null || e.before === undefined) {
        return entry({ kind: "documentation", title: `Documentation saved${v ? ` (version ${v})` : ""}`, detail: documentationSummary(after) });
      }
      const changes = describeChanges(e.before, e.after);
      return entry({
        kind: "documentation",
        title: changes.length ? `Documentation updated: ${changes.join(", ")}` : "Documentation saved again, nothing changed",
        detail: v ? `Version ${v}${revision ? `, save ${revision}` : ""}` : null,
      });
    }
    case "administration.amended": {
      const changes = describeChanges(e.before, e.after);
      const v = versionOf(e.after);
      return entry({
        kind: "documentation",
        title: changes.length ? `Documentation amended: ${changes.join(", ")}` : "Documentation amended (values unchanged)",
        detail: v ? `Version ${v}; version ${str(before.version) ?? Number(v) - 1} is kept as it was` : null,
        reason: reasonOf(e.after),
      });
    }
    case "administration.warning_acknowledged": {
      const v = str(after.documentationVersion);
      return entry({
        kind: "finding",
        title: `Warning acknowledged: ${str(after.rule) ? ruleLabel(str(after.rule)!) : "warning"}`,
        detail: [str(after.message), v ? `(version ${v})` : null].filter(Boolean).join(" ") || null,
        reason: reasonOf(e.after),
      });
    }
    case "administration.mark_ready": {
      const lines = Array.isArray(after.lines) ? after.lines.filter((l): l is string => typeof l === "string") : [];
      const acked = Array.isArray(after.acknowledgedWarnings) ? after.acknowledgedWarnings.filter((l): l is string => typeof l === "string") : [];
      const cents = typeof after.totalChargeCents === "number" ? after.totalChargeCents : null;
      const v = versionOf(e.after);
      return entry({
        kind: "status",
        title: "Ready for billing",
        detail: [v ? `Version ${v}` : null, cents !== null ? `total charge ${dollars(cents)}` : null].filter(Boolean).join(", ") || null,
        items: [...(lines.length ? [`Claim lines: ${lines.join(", ")}`] : []), ...(acked.length ? [`Warnings acknowledged: ${acked.map(ruleLabel).join(", ")}`] : [])],
      });
    }
    case "administration.amend":
      return entry({ kind: "status", title: "Back to documented for the amendment", reason: reasonOf(e.after) });
    case "administration.mark_not_given": {
      const r = str(after.notGivenReason);
      const label = r && r in NOT_GIVEN_LABELS ? NOT_GIVEN_LABELS[r as NotGivenReason] : r;
      return entry({ kind: "status", title: `Not given${label ? `: ${label.toLowerCase()}` : ""}`, reason: str(after.notGivenNote) });
    }
    case "administration.close":
    case "administration.request_write_off":
    case "administration.approve_write_off": {
      const o = str(after.closeOutcome);
      const label = o && o in CLOSE_OUTCOME_LABELS ? CLOSE_OUTCOME_LABELS[o as CloseOutcome] : null;
      const cents = typeof after.closeAmountCents === "number" ? after.closeAmountCents : null;
      const title = e.action === "administration.request_write_off" ? "Write-off sent to a manager for approval" : e.action === "administration.approve_write_off" ? "Write-off approved: closed" : "Closed without billing";
      return entry({ kind: "status", title, detail: [label, cents !== null ? `charge ${dollars(cents)}` : null].filter(Boolean).join(", ") || null, reason: str(after.closeReason) ?? str(after.decisionReason) });
    }
    case "administration.reject_write_off":
      return entry({ kind: "status", title: "Write-off rejected: back to documented", reason: str(after.decisionReason) });
    case "administration.reopen":
      return entry({ kind: "status", title: "Reopened: back to documented", reason: str(after.reopenReason) });
  }
  if (isAcknowledgementEvent(e)) return acknowledgementDescribed(e);
  if (isDocumentationEvent(e)) return documentationDescribed(e);
  // A status change of a kind this page does not know yet still reads as one.
  if (typeof before.status === "string" && typeof after.status === "string" && before.status !== after.status) {
    return entry({
      kind: e.entityType === "order" ? "order" : "status",
      title: `${capitalize(humanize(e.entityType))} ${statusWord(before.status)} → ${statusWord(after.status)}`,
      reason: reasonOf(e.after),
    });
  }
  return entry({ kind: "other", title: capitalize(humanize(e.action)), reason: reasonOf(e.after), items: describeChanges(e.before, e.after) });
}

/** "$1,234.56" from integer cents, without floats. */
export function dollars(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(cents));
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}$${whole}.${String(abs % 100).padStart(2, "0")}`;
}

function dayOrUnknown(d: string | null): string {
  return d ? formatDate(d) : "?";
}

/** First documentation: the facts a biller looks for. */
function documentationSummary(after: Record<string, unknown>): string | null {
  const parts = [
    str(after.actualDate) ? `given ${formatDate(str(after.actualDate))}` : null,
    str(after.weightKg) ? `${String(after.weightKg)} kg` : null,
    str(after.mgAdministered) ? `${String(after.mgAdministered)} mg administered` : null,
    str(after.mgDiscarded) ? `${String(after.mgDiscarded)} mg discarded` : null,
    str(after.infusionStart) && str(after.infusionStop) ? `${String(after.infusionStart)}–${String(after.infusionStop)}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : null;
}

function capitalize(s: string): string {
  return s ? `${s[0]!.toUpperCase()}${s.slice(1)}` : s;
}

function sentence(title: string, actorName: string | null): string {
  return actorName ? `${title} by ${actorName}` : title;
}

function fromAudit(e: EpisodeAuditEvent): TimelineEntry {
  const d = describeAuditEvent(e);
  return { key: `audit-${e.seq}`, at: e.createdAt, actorName: e.actorName, label: sentence(d.title, e.actorName), source: "audit", action: e.action, ...d };
}

function fromRecord(what: string, at: Date, actorName: string | null, d: Described): TimelineEntry {
  return { key: `record-${what}`, at, actorName, label: sentence(d.title, actorName), source: "record", action: `record.${what}`, ...d };
}

/**
 * The episode's timeline, oldest first (newest last). Audit events are authoritative; a fact the
 * current rows show but no audit event records (signed, activated, completed, discontinued, not
 * given, rescheduled) gets one derived entry at the row's timestamp, so a seeded or imported
 * episode does not look empty.
 */
export function buildTimeline(events: readonly EpisodeAuditEvent[], records: EpisodeRecords): TimelineEntry[] {
  const { order: o, administration: a } = records;
  const has = (action: string, entityId: string) => events.some((e) => e.action === action && e.entityId === entityId);
  const out: TimelineEntry[] = events.map((e) => {
    const t = fromAudit(e);
    // An order imported or seeded with an earlier creation time than its audit row still starts the story.
    if (e.action === "order.created" && e.entityId === o.id && o.createdAt < t.at) return { ...t, at: o.createdAt };
    return t;
  });
  const derived: TimelineEntry[] = [];
  if (!has("order.created", o.id)) {
    derived.push(fromRecord("order-created", o.createdAt, o.createdByName, entry({ kind: "order", title: "Order created" })));
  }
  if (o.signedAt && !has("order.sign", o.id)) {
    derived.push(fromRecord("order-signed", o.signedAt, o.signedByName, entry({ kind: "order", title: "Order signed" })));
  }
  // The calendar row itself: signing planned this infusion, so it sits right after the signature.
  const sign = events.find((e) => e.action === "order.sign" && e.entityId === o.id);
  const seqHint = new Map<string, number>();
  if (sign) seqHint.set("record-planned", sign.seq + 0.5);
  derived.push(
    fromRecord(
      "planned",
      sign ? sign.createdAt : a.createdAt,
      sign ? sign.actorName : o.signedByName,
      entry({ kind: "schedule", title: `Infusion ${a.sequence} (C${a.cycle}D${a.day}) planned for ${formatDate(a.originalPlannedDate)}` }),
    ),
  );
  if (o.activatedAt && !has("order.activate", o.id)) {
    derived.push(fromRecord("order-activated", o.activatedAt, null, entry({ kind: "order", title: "Order active: treatment started" })));
  }
  if (o.completedAt && !has("order.complete", o.id)) {
    derived.push(fromRecord("order-completed", o.completedAt, null, entry({ kind: "order", title: "Order completed" })));
  }
  if (o.discontinuedAt && !has("order.discontinue", o.id)) {
    derived.push(
      fromRecord("order-discontinued", o.discontinuedAt, o.discontinuedByName, entry({ kind: "order", title: "Order discontinued", reason: o.discontinueReason })),
    );
  }
  if (a.plannedDate !== a.originalPlannedDate && !has("administration.rescheduled", a.id)) {
    // When it moved is not recorded: show it with the planning, where the date came from.
    const planned = derived.find((d) => d.key === "record-planned")!;
    if (seqHint.has("record-planned")) seqHint.set("record-rescheduled", seqHint.get("record-planned")! + 0.25);
    derived.push(
      fromRecord(
        "rescheduled",
        planned.at,
        null,
        entry({ kind: "schedule", title: `Infusion rescheduled from ${formatDate(a.originalPlannedDate)} to ${formatDate(a.plannedDate)}`, detail: "When and by whom is not recorded." }),
      ),
    );
  }
  if (a.status === "not_given" && !has("administration.mark_not_given", a.id)) {
    const label = a.notGivenReason ? NOT_GIVEN_LABELS[a.notGivenReason].toLowerCase() : null;
    derived.push(fromRecord("not-given", a.updatedAt, null, entry({ kind: "status", title: `Not given${label ? `: ${label}` : ""}`, reason: a.notGivenNote })));
  }
  // Documented / ready for billing without any audit trail of it (demo seed rows).
  const statusEvents = events.some((e) => e.entityId === a.id && e.action !== "administration.rescheduled");
  if ((a.status === "documented" || a.status === "ready_for_billing") && !statusEvents) {
    // Not before the day it was planned for (a seeded row's updatedAt may be its planning time).
    const plannedDay = new Date(`${a.plannedDate}T23:59:59Z`);
    derived.push(
      fromRecord("status", a.updatedAt > plannedDay ? a.updatedAt : plannedDay, null, entry({ kind: "status", title: a.status === "documented" ? "Infusion documented" : "Ready for billing" })),
    );
  }
  // Derived entries first within the same instant: audit rows of one transaction keep their seq order.
  return sortTimeline([...derived, ...out], seqHint);
}

/** Oldest first; at the same instant audit rows keep their seq order and derived rows come first. */
export function sortTimeline(entries: readonly TimelineEntry[], seqHint: ReadonlyMap<string, number> = new Map()): TimelineEntry[] {
  const seqOf = (e: TimelineEntry) => seqHint.get(e.key) ?? (e.source === "audit" ? Number(e.key.slice("audit-".length)) : -1);
  return entries
    .map((e, i) => ({ e, i }))
    .sort((x, y) => x.e.at.getTime() - y.e.at.getTime() || seqOf(x.e) - seqOf(y.e) || x.i - y.i)
    .map((x) => x.e);
}
