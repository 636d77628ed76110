import { z } from "zod";
import { DENIAL_BASES } from "@/server/domain/kpis/denial-basis";
import { KPI_KEYS } from "@/server/domain/kpis/definitions";
import { daysBetween } from "@/server/domain/kpis/period";
import { PAGE_SIZES } from "../../list-params";

/** Longest period a dashboard covers (the previous period doubles the rows read). */
export const MAX_PERIOD_DAYS = 3 * 366;

const optionalId = (what: string) =>
  z
    .union([z.uuid(`Not a valid ${what} id.`), z.literal("")])
    .optional()
    .transform((v) => (v ? v : undefined));

/** The dashboard filter, as in the URL: an inclusive date range plus optional payer, provider, location and indication. */
export const ZDashboardFilter = z
  .object({
    from: z.iso.date("The start date must be a date (YYYY-MM-DD)."),
    to: z.iso.date("The end date must be a date (YYYY-MM-DD)."),
    payerId: optionalId("payer"),
    providerId: optionalId("provider"),
    locationId: optionalId("location"),
    indicationId: z
      .string()
      .trim()
      .max(100, "The indication is at most 100 characters.")
      .regex(/^[a-z0-9-]*$/, "Not a valid indication.")
      .optional()
      .transform((v) => (v ? v : undefined)),
  })
  .superRefine((f, ctx) => {
    const span = daysBetween(f.from, f.to);
    if (span < 0) ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date." });
    else if (span + 1 > MAX_PERIOD_DAYS) ctx.addIssue({ code: "custom", path: ["from"], message: `A dashboard covers at most ${MAX_PERIOD_DAYS} days; choose a shorter period.` });
  });
export type TDashboardFilter = z.infer<typeof ZDashboardFilter>;
export const DASHBOARD_FILTER_KEYS = ["from", "to", "payerId", "providerId", "locationId", "indicationId"] as const;

export const ZKpiKey = z.enum(KPI_KEYS, { error: "Not a dashboard figure." });

/** Which denominator an initial denial rate used (server/domain/kpis/denial-basis.ts). */
export const ZDenialBasis = z.object({
  kind: z.enum(DENIAL_BASES),
  windowFrom: z.string(),
  windowTo: z.string(),
  historyFrom: z.string().nullable(),
  historyDays: z.number(),
});
export type TDenialBasis = z.infer<typeof ZDenialBasis>;

const ZFigure = z.object({
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  count: z.number(),
  extra: z.record(z.string(), z.number().nullable()).optional(),
  unavailable: z.string().optional(),
  basis: ZDenialBasis.optional(),
  note: z.string().optional(),
});
export type TFigure = z.infer<typeof ZFigure>;

const ZPeriod = z.object({ from: z.string(), to: z.string() });

export const ZFigures = z.object({
  period: ZPeriod,
  previous: ZPeriod,
  figures: z.record(z.string(), z.object({ current: ZFigure, previous: ZFigure })),
});
export type TFigures = z.infer<typeof ZFigures>;

export const ZTrend = z.array(
  z.object({
    month: z.string(),
    from: z.string(),
    to: z.string(),
    charges: z.number(),
    payments: z.number(),
    cleanClaimRate: z.number().nullable(),
    firstPassYield: z.number().nullable(),
    initialDenialRate: z.number().nullable(),
    initialDenialBasis: z.enum(DENIAL_BASES),
    wasteRate: z.number().nullable(),
  }),
);
export type TTrend = z.infer<typeof ZTrend>;

export const ZBreakdownInput = z.object({ filter: ZDashboardFilter, dimension: z.enum(["payer", "provider", "location", "indication"], { error: "Break down by payer, provider, location or indication." }) });
export const ZBreakdown = z.array(z.object({ key: z.string(), label: z.string(), claims: z.number(), units: z.number(), chargesCents: z.number(), paidCents: z.number() }));
export type TBreakdown = z.infer<typeof ZBreakdown>;

export const ZAging = z.array(
  z.object({ payerId: z.string(), payerName: z.string(), buckets: z.record(z.string(), z.number()), totalCents: z.number(), over90Cents: z.number() }),
);
export type TAging = z.infer<typeof ZAging>;

export const ZDenialCategories = z.array(z.object({ category: z.string(), label: z.string(), items: z.number(), amountCents: z.number(), open: z.number() }));
export type TDenialCategories = z.infer<typeof ZDenialCategories>;

export const ZRowsInput = z.object({
  filter: ZDashboardFilter,
  kpi: ZKpiKey,
  page: z.coerce.number().int("The page must be a whole number.").min(1, "Pages start at 1.").max(100_000, "That page is out of range.").default(1),
  pageSize: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n), `The page size must be one of ${PAGE_SIZES.join(", ")}.`)
    .default(25),
  countedOnly: z.boolean().optional(),
});
export type TRowsInput = z.input<typeof ZRowsInput>;

export const ZKpiRow = z.object({
  id: z.string(),
  claimId: z.string().nullable(),
  claimNumber: z.string().nullable(),
  patientId: z.string(),
  patientName: z.string(),
  payerName: z.string().nullable(),
  dateOfService: z.string().nullable(),
  date: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  amountCents: z.number().nullable(),
  value: z.number().nullable(),
  counted: z.boolean().nullable(),
  requestId: z.string().nullable().optional(),
  channel: z.string().nullable().optional(),
  onAppeal: z.boolean().optional(),
});
export type TKpiRow = z.infer<typeof ZKpiRow>;
export const ZRowsPage = z.object({
  items: z.array(ZKpiRow),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** the initial denial rates' denominator for this period (their rows are the numerator's; the basis says what they were divided by) */
  basis: ZDenialBasis.optional(),
});

export const ZAuthTurnaround = z.array(
  z.object({ by: z.enum(["payer", "channel"]), key: z.string(), label: z.string(), determinations: z.number(), medianHours: z.number().nullable(), p90Hours: z.number().nullable() }),
);
export type TAuthTurnaround = z.infer<typeof ZAuthTurnaround>;

const ZOption = z.object({ id: z.string(), name: z.string() });
export const ZFilterOptions = z.object({ payers: z.array(ZOption), providers: z.array(ZOption), locations: z.array(ZOption), indications: z.array(ZOption) });
export type TFilterOptions = z.infer<typeof ZFilterOptions>;
