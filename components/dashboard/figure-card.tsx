import { ArrowDownRight, ArrowRight, ArrowUpRight, History, Info, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import type { TFigure } from "@/server/api/routers/dashboards/schemas";
import { basisLine, PARTIAL_HISTORY_LABEL, partialHistoryText } from "@/server/domain/kpis/denial-basis";
import { denominatorText, KPI_DEFINITIONS, type KpiKey } from "@/server/domain/kpis/definitions";
import { comparisonText } from "@/server/domain/kpis/period";
import { changeText, figureParts, formatKpi, periodText, usDay } from "./format";

const TONE = { good: "text-emerald-700 dark:text-emerald-400", bad: "text-destructive", neutral: "text-muted-foreground" };
const ARROW = { up: ArrowUpRight, down: ArrowDownRight, flat: ArrowRight };

/** Small print under the figure: the p90 of a median, the count beside a sum. */
function extraText(key: KpiKey, f: TFigure): string | null {
  const e = f.extra ?? {};
  if (key === "timeToResolution" && e.p90 != null) return `p90 ${formatKpi(e.p90, "days")}`;
  if (key === "authTurnaround") return [e.p90 != null ? `p90 ${formatKpi(e.p90, "hours")}` : null, e.waiting ? `${e.waiting} waiting on the payer` : null].filter(Boolean).join(" · ") || null;
  if (key === "serviceAuthorizationRate" && e.retroAuthorized) return `${e.retroAuthorized} authorized only afterwards (retro)`;
  if (key === "timelyFilingExposure") return `${e.claims ?? 0} claims, ${e.pastLimit ?? 0} past the limit`;
  if (key === "wasteUnits" || key === "wasteDollars") return `${e.claimsWithWaste ?? 0} claims with waste`;
  if (key === "underpaymentVariance") return `${f.count} underpaid lines`;
  if ((key === "daysToSubmit" || key === "daysToPost") && e.mean != null) return `mean ${formatKpi(e.mean, "days")}`;
  return null;
}

export interface FigureCardProps {
  kpi: KpiKey;
  current: TFigure;
  previous: TFigure;
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  /** the drill-down link, or null when the figure has no rows to open */
  rowsHref: string | null;
}

/**
 * One KPI: the figure, its change against the previous period, and a tooltip (an info button, so a
 * keyboard reaches it) with the definition, numerator, denominator and period. Printing shows the
 * same explanation under the figure, as a tooltip cannot be printed.
 */
export function FigureCard({ kpi, current, previous, period, previousPeriod, rowsHref }: FigureCardProps) {
  const def = KPI_DEFINITIONS[kpi];
  const change = changeText(current.value, previous.value, def.unit, def.higherIsBetter);
  const parts = figureParts(kpi, current.numerator, current.denominator);
  const Arrow = change ? ARROW[change.direction] : null;
  const extra = extraText(kpi, current);
  const denominator = denominatorText(def, current.basis);
  const partial = current.basis?.kind === "period_submissions";
  const basisNote = current.basis ? basisLine(current.basis) : null;
  // the change compares figures on two denominators (one period has partial history, the other not)
  const otherBasis = !!current.basis && !!previous.basis && current.basis.kind !== previous.basis.kind;
  const explanation = (
    <dl className="grid gap-1 text-left">
      <dt className="font-semibold">{def.name}</dt>
      <dd>{def.definition}</dd>
      <dt className="mt-1 font-semibold">Numerator{parts.numerator !== null ? ` (${parts.numerator})` : ""}</dt>
      <dd>{def.numerator}</dd>
      {denominator ? (
        <>
          <dt className="mt-1 font-semibold">Denominator{parts.denominator !== null ? ` (${parts.denominator})` : ""}</dt>
          <dd>{denominator}</dd>
        </>
      ) : null}
      {partial && current.basis ? (
        <>
          <dt className="mt-1 font-semibold">{PARTIAL_HISTORY_LABEL}</dt>
          <dd>{partialHistoryText(current.basis, usDay)}</dd>
        </>
      ) : null}
      {current.note ? (
        <>
          <dt className="mt-1 font-semibold">Data note</dt>
          <dd>{current.note}</dd>
        </>
      ) : null}
      <dt className="mt-1 font-semibold">Period: {periodText(period)}</dt>
      <dd>{def.period}</dd>
      <dt className="mt-1 font-semibold">Compared with: {periodText(previousPeriod)}</dt>
      <dd>
        The change is against {comparisonText(period)}, with the same definition
        {otherBasis ? `; that period's figure is ${previous.basis?.kind === "period_submissions" ? "on its own submissions (partial history)" : "on the 3-month average"}` : ""}.
      </dd>
      {def.target ? <dd className="mt-1">Target: {def.target}</dd> : null}
    </dl>
  );
  const empty = current.value === null;
  return (
    <section
      aria-labelledby={`kpi-${kpi}-name`}
      data-testid={`kpi-${kpi}`}
      className="flex min-h-36 break-inside-avoid flex-col gap-1 rounded-lg border bg-card p-3 shadow-xs print:min-h-0 print:shadow-none"
    >
      <div className="flex items-start justify-between gap-2">
        <h3 id={`kpi-${kpi}-name`} className="text-sm leading-tight font-medium text-muted-foreground">
          {def.name}
        </h3>
        <Tooltip>
          <TooltipTrigger asChild>
            <button type="button" className="rounded-sm text-muted-foreground hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none print:hidden" aria-label={`How ${def.name} is computed`}>
              <Info className="size-4" aria-hidden />
            </button>
          </TooltipTrigger>
          <TooltipContent side="bottom" className="max-w-sm text-xs leading-snug">
            {explanation}
          </TooltipContent>
        </Tooltip>
      </div>
      {current.unavailable ? (
        <p className="text-xs text-muted-foreground" data-testid={`kpi-${kpi}-empty`}>
          {current.unavailable}
        </p>
      ) : empty ? (
        <>
          <p className="text-2xl font-semibold text-muted-foreground" data-testid={`kpi-${kpi}-value`}>
            —
          </p>
          <p className="text-xs text-muted-foreground" data-testid={`kpi-${kpi}-empty`}>
            No data in this period. Needs: {def.needs}
          </p>
        </>
      ) : (
        <>
          <p className="text-2xl font-semibold tabular-nums" data-testid={`kpi-${kpi}-value`}>
            {formatKpi(current.value, def.unit)}
          </p>
          <p className={cn("flex items-center gap-1 text-xs", change ? TONE[change.tone] : "text-muted-foreground")} data-testid={`kpi-${kpi}-change`}>
            {change && Arrow ? (
              <>
                <Arrow className="size-3.5" aria-hidden />
                <span>
                  {change.text}{" "}
                  <span className="text-muted-foreground">
                    vs {periodText(previousPeriod)}
                    {otherBasis ? (previous.basis?.kind === "period_submissions" ? " (its own submissions)" : " (3-month average)") : ""}
                  </span>
                </span>
              </>
            ) : (
              <span>No figure for {periodText(previousPeriod)} to compare</span>
            )}
          </p>
          {extra ? <p className="text-xs text-muted-foreground">{extra}</p> : null}
          {current.note ? (
            <p className="flex items-start gap-1 text-xs font-medium text-foreground" data-testid={`kpi-${kpi}-note`}>
              <TriangleAlert className="mt-0.5 size-3.5 shrink-0 text-amber-600 dark:text-amber-400" aria-hidden />
              <span>Data note: {current.note}</span>
            </p>
          ) : null}
        </>
      )}
      {partial && basisNote ? (
        <div className="text-xs leading-snug text-muted-foreground" data-testid={`kpi-${kpi}-basis`}>
          <Badge variant="outline" className="mr-1 border-amber-600/60 align-middle text-foreground dark:border-amber-400/60">
            <History aria-hidden />
            {PARTIAL_HISTORY_LABEL}
          </Badge>
          <span className="sr-only">: </span>
          <span className="align-middle">{basisNote}</span>
        </div>
      ) : null}
      <div className="mt-auto flex items-center justify-between gap-2 pt-1 text-xs">
        <span className="text-muted-foreground">{def.target ? `Target ${def.target}` : ""}</span>
        {rowsHref && !current.unavailable && current.count > 0 ? (
          <Link href={rowsHref} className="font-medium text-primary underline-offset-2 hover:underline print:hidden">
            {current.count.toLocaleString("en-US")} rows<span className="sr-only"> behind {def.name}</span> →
          </Link>
        ) : null}
      </div>
      <div className="hidden text-[10px] leading-snug text-muted-foreground print:block">{def.definition}</div>
    </section>
  );
}
