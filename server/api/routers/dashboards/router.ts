import "server-only";
import { DENIAL_CATEGORY_LABELS, type DenialCategory } from "@/server/domain/denials/codes";
import { KPI_KEYS } from "@/server/domain/kpis/definitions";
import { previousPeriod } from "@/server/domain/kpis/period";
import { ADMINISTRATION_STATE_LABELS } from "@/server/domain/orders/codes";
import { PA_CHANNEL_LABELS, type PaChannel } from "@/server/domain/prior-auth/codes";
import { PRIOR_AUTH_STATE_LABELS, type PriorAuthState } from "@/server/domain/workflow/prior-auth";
import { CLAIM_STATE_LABELS, type ClaimState } from "@/server/domain/workflow/claim";
import { DENIAL_STATE_LABELS, type DenialState } from "@/server/domain/workflow/denial";
import { allKpis, initialDenialBasis } from "@/server/queries/kpis";
import { dashboardFilterOptions } from "@/server/queries/kpis-options";
import { turnaroundBreakdown } from "@/server/queries/kpis-turnaround";
import { kpiRows, type KpiRow } from "@/server/queries/kpis-rows";
import { arAging, denialsByCategory, kpiTrend, volumeBreakdown } from "@/server/queries/kpis-trends";
import { permissionProcedure, router } from "../../trpc";
import { ZAging, ZAuthTurnaround, ZBreakdown, ZBreakdownInput, ZDashboardFilter, ZDenialCategories, ZFilterOptions, ZRowsInput, ZRowsPage, ZTrend, ZFigures, type TFigures } from "./schemas";

/**
 * The practice manager dashboards (issue 12). Read-only, `report.read`: managers and admins.
 * Billers and PA coordinators have their worklists and no dashboard procedure (their dashboard
 * page explains where their work is).
 */
const reportProcedure = permissionProcedure("report.read");

function statusLabel(kpi: string, status: string, row?: KpiRow): string {
  if (kpi === "authTurnaround") {
    const channel = row?.channel ? PA_CHANNEL_LABELS[row.channel as PaChannel] : "channel not recorded";
    return `${PRIOR_AUTH_STATE_LABELS[status as PriorAuthState] ?? status}${row?.onAppeal ? " on appeal" : ""} · ${channel}`;
  }
  if (kpi === "administrations") return ADMINISTRATION_STATE_LABELS[status as keyof typeof ADMINISTRATION_STATE_LABELS] ?? status;
  if (["denialWriteOffRate", "timeToAppeal", "overturnRate", "overturnRateDollars", "timeToResolution", "underpaymentVariance"].includes(kpi)) {
    return DENIAL_STATE_LABELS[status as DenialState] ?? status;
  }
  return CLAIM_STATE_LABELS[status as ClaimState] ?? status;
}

export const dashboardsRouter = router({
  /** Every figure for the period and the previous period of the same length. */
  figures: reportProcedure
    .input(ZDashboardFilter)
    .output(ZFigures)
    .query(async ({ ctx, input }) => {
      const previous = { ...input, ...previousPeriod(input) };
      const [cur, prev] = await Promise.all([allKpis(ctx.db, ctx.actor.practiceId, input), allKpis(ctx.db, ctx.actor.practiceId, previous)]);
      const figures: TFigures["figures"] = {};
      for (const k of KPI_KEYS) {
        if (cur[k] && prev[k]) figures[k] = { current: cur[k], previous: prev[k] };
      }
      return { period: { from: input.from, to: input.to }, previous: { from: previous.from, to: previous.to }, figures };
    }),

  trend: reportProcedure
    .input(ZDashboardFilter)
    .output(ZTrend)
    .query(({ ctx, input }) => kpiTrend(ctx.db, ctx.actor.practiceId, input)),

  breakdown: reportProcedure
    .input(ZBreakdownInput)
    .output(ZBreakdown)
    .query(({ ctx, input }) => volumeBreakdown(ctx.db, ctx.actor.practiceId, input.filter, input.dimension)),

  aging: reportProcedure
    .input(ZDashboardFilter)
    .output(ZAging)
    .query(({ ctx, input }) => arAging(ctx.db, ctx.actor.practiceId, input)),

  denialCategories: reportProcedure
    .input(ZDashboardFilter)
    .output(ZDenialCategories)
    .query(async ({ ctx, input }) => (await denialsByCategory(ctx.db, ctx.actor.practiceId, input)).map((r) => ({ ...r, label: DENIAL_CATEGORY_LABELS[r.category as DenialCategory] ?? r.category }))),

  /** The rows behind a figure, with the same filters (drill-down and CSV). */
  rows: reportProcedure
    .input(ZRowsInput)
    .output(ZRowsPage)
    .query(async ({ ctx, input }) => {
      const denial = input.kpi === "initialDenialRate" || input.kpi === "initialDenialRateDollars";
      const [page, basis] = await Promise.all([kpiRows(ctx.db, ctx.actor.practiceId, input.filter, input.kpi, input), denial ? initialDenialBasis(ctx.db, ctx.actor.practiceId, input.filter) : null]);
      return { ...page, items: page.items.map((r) => ({ ...r, statusLabel: statusLabel(input.kpi, r.status, r) })), ...(basis ? { basis } : {}) };
    }),

  /** Authorization turnaround by payer and by channel (the same determinations as the figure). */
  authTurnaround: reportProcedure
    .input(ZDashboardFilter)
    .output(ZAuthTurnaround)
    .query(async ({ ctx, input }) =>
      (await turnaroundBreakdown(ctx.db, ctx.actor.practiceId, input)).map((r) => ({
        by: r.by,
        key: (r.by === "payer" ? r.payerId : r.channel) ?? "none",
        label: r.by === "payer" ? (r.payerName ?? "") : r.channel ? PA_CHANNEL_LABELS[r.channel as PaChannel] : "Channel not recorded",
        determinations: r.n,
        medianHours: r.median,
        p90Hours: r.p90,
      })),
    ),

  filterOptions: reportProcedure.output(ZFilterOptions).query(({ ctx }) => dashboardFilterOptions(ctx.db, ctx.actor.practiceId)),
});
