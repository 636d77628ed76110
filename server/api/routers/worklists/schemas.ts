import { z } from "zod";
import { zListParams, zPage } from "@/server/api/list-params";
import { isValidIsoDate } from "@/server/domain/billing/dates";
import { ADMINISTRATION_STATES } from "@/server/domain/workflow/administration";
import { ORDER_STATES } from "@/server/domain/workflow/order";

/* Client-safe: the worklist pages, the CSV route and the procedures share these. */

export const WORKLISTS = ["due", "not_ready", "ready", "closed"] as const;
export type TWorklist = (typeof WORKLISTS)[number];

/** URL segment ↔ list: /worklists/due, /worklists/not-ready, /worklists/ready. */
export const WORKLIST_SLUGS: Record<TWorklist, string> = { due: "due", not_ready: "not-ready", ready: "ready", closed: "closed" };
export function worklistOfSlug(slug: string): TWorklist | null {
  return (Object.entries(WORKLIST_SLUGS).find(([, s]) => s === slug)?.[0] as TWorklist | undefined) ?? null;
}

export const WORKLIST_TITLES: Record<TWorklist, { title: string; description: string }> = {
  due: { title: "Due", description: "Infusions scheduled or under way, by planned date." },
  not_ready: { title: "Documented, not ready", description: "Documented infusions that cannot be billed yet, and why." },
  ready: { title: "Ready for billing", description: "Documented infusions with every check passed." },
  closed: { title: "Closed, not billed", description: "Infusions that left the queue without a claim of this practice (and write-offs awaiting a manager), with the outcome and reason. An admin can reopen one." },
};

export const WORKLIST_SORTS = ["date", "patient", "cycle", "indication", "payer", "status", "charge", "daysLeft", "assignee", "age"] as const;
export type TWorklistSort = (typeof WORKLIST_SORTS)[number];

export const DATE_PRESETS = ["today", "week", "overdue", "custom"] as const;
export type TDatePreset = (typeof DATE_PRESETS)[number];
export const DATE_PRESET_LABELS: Record<TDatePreset, string> = {
  today: "Today",
  week: "Next 7 days",
  overdue: "Overdue",
  custom: "Custom range",
};

/** The URL filter keys of every worklist (what the table writes, the procedure and the CSV read). */
export const WORKLIST_FILTER_KEYS = ["preset", "from", "to", "location", "provider", "payer", "indication", "assignee"] as const;

const ZOptionalIsoDate = (label: string) =>
  z
    .string()
    .trim()
    .refine(isValidIsoDate, `Enter the ${label} as a real date, e.g. 2026-09-14.`)
    .optional();

export const ZWorklistParams = zListParams(WORKLIST_SORTS, { sort: "date", dir: "asc" })
  .extend({
    list: z.enum(WORKLISTS, { error: "The worklist is due, not_ready, ready or closed." }),
    preset: z.enum(DATE_PRESETS, { error: "The date range is today, week, overdue or custom." }).optional(),
    from: ZOptionalIsoDate("first date"),
    to: ZOptionalIsoDate("last date"),
    location: z.uuid("Not a valid location id.").optional(),
    provider: z.uuid("Not a valid provider id.").optional(),
    payer: z.uuid("Not a valid payer id.").optional(),
    indication: z.string().trim().min(1).max(100, "Not a valid indication id.").optional(),
    /** "me", "none" (nobody) or a user id */
    assignee: z.union([z.literal("me"), z.literal("none"), z.uuid()], { error: "The assignee is me, none or a user id." }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "The last date must be on or after the first date." });
    }
  });
export type TWorklistParams = z.output<typeof ZWorklistParams>;
export type TWorklistParamsInput = z.input<typeof ZWorklistParams>;

export const ZWorklistItem = z.object({
  id: z.string(),
  orderId: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  patientMrn: z.string(),
  sequence: z.number().int(),
  cycle: z.number().int(),
  day: z.number().int(),
  /** "C3D1" */
  cycleLabel: z.string(),
  plannedDate: z.string(),
  originalPlannedDate: z.string(),
  actualDate: z.string().nullable(),
  status: z.enum(ADMINISTRATION_STATES),
  orderStatus: z.enum(ORDER_STATES),
  indicationId: z.string(),
  indicationName: z.string(),
  primaryPayerId: z.string().nullable(),
  primaryPayerName: z.string().nullable(),
  locationName: z.string(),
  providerName: z.string(),
  /** the claim's charge as the engine builds it (documented and ready infusions), cents */
  chargeCents: z.number().int().nullable(),
  filingDeadline: z.string().nullable(),
  /** days from today to the primary payer's filing deadline (negative: late) */
  daysLeftToFile: z.number().int().nullable(),
  daysLeftLabel: z.string().nullable(),
  /** days the item has waited on this list */
  ageDays: z.number().int().nullable(),
  assigneeUserId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  /** one line for the table: why it is on this list / what blocks billing */
  reason: z.string().nullable(),
  /** the individual reasons (missing checklist items, blocking findings, unacknowledged warnings) */
  reasons: z.array(z.string()),
  /** documented and every check passes: nothing blocks it, the next step is to mark it ready */
  readyToMark: z.boolean(),
});
export type TWorklistItem = z.infer<typeof ZWorklistItem>;
/** `totalCapped`: the total was counted up to a cap (10,000) and is a lower bound ("10,000+"). */
export const ZWorklistPage = zPage(ZWorklistItem).extend({ totalCapped: z.boolean() });

const ZPerList = <T extends z.ZodType>(t: T) => z.object({ due: t, not_ready: t, ready: t, closed: t });
/** Items per tab, each counted up to 10,000; `capped[list]` when the tab holds more (the count is a lower bound). */
export const ZWorklistCounts = ZPerList(z.number().int()).extend({ capped: ZPerList(z.boolean()) });
export type TWorklistCounts = z.infer<typeof ZWorklistCounts>;

/** A background recheck of the practice's readiness in progress (after a wide change), or null. */
export const ZReadinessRecheck = z
  .object({ reason: z.string(), requestedAt: z.date(), done: z.number().int(), total: z.number().int() })
  .nullable();
export type TReadinessRecheck = z.infer<typeof ZReadinessRecheck>;

/** The list the user came from (its URL query) and where the current item stood in it. */
export const ZWorklistNextInput = ZWorklistParams.safeExtend({
  currentId: z.uuid("Not a valid infusion id."),
  position: z.coerce.number().int().min(0, "The position is 0 or more.").max(100_000, "The position is at most 100000."),
});
export const ZWorklistNext = z.object({ id: z.string(), position: z.number().int() }).nullable();

export const ZWorklistAssignInput = z.object({
  administrationIds: z.array(z.uuid("Not a valid infusion id.")).min(1, "Select at least one item.").max(100, "Assign at most 100 items at a time."),
  /** null: nobody */
  assigneeUserId: z.uuid("Not a valid user id.").nullable(),
});
export const ZWorklistAssignResult = z.object({ changed: z.number().int() });
export const ZWorklistAssignees = z.array(z.object({ id: z.string(), name: z.string(), isMe: z.boolean() }));

export const ZPatientAdministrationsInput = z.object({ patientId: z.uuid("Not a valid patient id.") });
export const ZPatientAdministration = z.object({
  id: z.string(),
  orderId: z.string(),
  sequence: z.number().int(),
  cycle: z.number().int(),
  day: z.number().int(),
  cycleLabel: z.string(),
  plannedDate: z.string(),
  originalPlannedDate: z.string(),
  actualDate: z.string().nullable(),
  status: z.enum(ADMINISTRATION_STATES),
  orderStatus: z.enum(ORDER_STATES),
  indicationId: z.string(),
  indicationName: z.string(),
});
export type TPatientAdministration = z.infer<typeof ZPatientAdministration>;

const ZOption = z.object({ id: z.string(), name: z.string() });
export const ZWorklistFilterOptions = z.object({
  locations: z.array(ZOption.extend({ isActive: z.boolean() })),
  providers: z.array(ZOption.extend({ isActive: z.boolean() })),
  payers: z.array(ZOption.extend({ isActive: z.boolean() })),
  indications: z.array(ZOption),
});
export type TWorklistFilterOptions = z.infer<typeof ZWorklistFilterOptions>;
