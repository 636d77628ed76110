"use client";

import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { KpiUnit } from "@/server/domain/kpis/definitions";
import { formatKpi } from "./format";

export interface ChartSeries {
  key: string;
  label: string;
  /** drill-down per data point (same index as `data`), null where there is nothing to open */
  hrefs?: (string | null)[];
}

export interface KpiChartProps {
  kind: "bar" | "line" | "stacked";
  /** one object per x value: `label` plus one number (or null) per series key */
  data: Record<string, string | number | null>[];
  series: ChartSeries[];
  unit: KpiUnit;
  /** accessible name of the chart image; the table view below it carries the numbers */
  label: string;
  height?: number;
  layout?: "horizontal" | "vertical";
}

const COLORS = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)", "var(--chart-4)", "var(--chart-5)"];

/**
 * A recharts chart of figures computed on the server (it formats, never computes). Clicking a bar or
 * a month opens the rows behind it. The chart is `aria-hidden` content inside a labelled figure:
 * screen readers and keyboards use the table view next to it, which has the same numbers and links.
 */
export function KpiChart({ kind, data, series, unit, label, height = 240, layout = "horizontal" }: KpiChartProps) {
  const router = useRouter();
  const open = (href: string | null | undefined) => {
    if (href) router.push(href);
  };
  const fmt = (v: unknown) => (typeof v === "number" ? formatKpi(v, unit) : "—");
  const tick = { fontSize: 11 };
  const axisFmt = (v: number) => (unit === "cents" ? `$${Math.round(v / 100_000) / 10}k` : unit === "percent" ? `${Math.round(v * 100)}%` : String(v));
  const vertical = layout === "vertical";
  const onChartClick = (s: { activeIndex?: unknown }) => {
    const i = Number(s?.activeIndex);
    if (Number.isInteger(i)) open(series.map((x) => x.hrefs?.[i]).find(Boolean));
  };
  return (
    <div role="img" aria-label={label} className="w-full" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        {kind === "line" ? (
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} onClick={onChartClick} className="cursor-pointer">
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={tick} />
            <YAxis tick={tick} tickFormatter={axisFmt} width={48} domain={[0, "auto"]} />
            <Tooltip formatter={fmt} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.map((s, i) => (
              <Line key={s.key} dataKey={s.key} name={s.label} stroke={COLORS[i % COLORS.length]} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
            ))}
          </LineChart>
        ) : (
          <BarChart data={data} layout={vertical ? "vertical" : "horizontal"} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={vertical} horizontal={!vertical} />
            {vertical ? (
              <>
                <XAxis type="number" tick={tick} tickFormatter={axisFmt} />
                <YAxis type="category" dataKey="label" tick={tick} width={170} tickFormatter={(v: string) => (v.length > 28 ? `${v.slice(0, 27)}…` : v)} />
              </>
            ) : (
              <>
                <XAxis dataKey="label" tick={tick} />
                <YAxis tick={tick} tickFormatter={axisFmt} width={56} />
              </>
            )}
            <Tooltip formatter={fmt} />
            {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
            {series.map((s, i) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.label}
                fill={COLORS[i % COLORS.length]}
                stackId={kind === "stacked" ? "a" : undefined}
                isAnimationActive={false}
                className="cursor-pointer"
                onClick={(_d: unknown, index: number) => open(s.hrefs?.[index])}
              />
            ))}
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}
