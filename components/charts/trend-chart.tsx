"use client";

import { Bar, CartesianGrid, Cell, ComposedChart, Line, Tooltip, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartDataTable, ChartTooltipContent, PALETTE, compactValue, type ChartConfig, type ChartLocale, type TooltipEntry } from "./chart";

export interface TrendPoint extends Record<string, string | number | null> {
  month: string;
  revenue: number;
  winRate: number | null;
  /** 1 for the month holding today: drawn faded with a dashed outline, as its figures are not final. */
  inProgress: number;
}

/** Won revenue per month as bars (left axis) and win rate as a line (right axis). */
export function TrendChart({
  data,
  labels,
  locale,
}: {
  data: TrendPoint[];
  labels: { revenue: string; winRate: string; month: string; caption: string };
  locale: ChartLocale;
}) {
  const revenueAxisWidth = axisWidth(data.map((point) => point.revenue), (value) => compactValue(value, "money", locale));
  const config: ChartConfig = {
    revenue: { label: labels.revenue, color: PALETTE.blue, format: "money" },
    winRate: { label: labels.winRate, color: PALETTE.vermillion, format: "percent" },
  };
  return (
    <ChartContainer
      config={config}
      height={280}
      table={<ChartDataTable caption={labels.caption} categoryKey="month" categoryLabel={labels.month} rows={data} config={config} locale={locale} />}
    >
      <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 24, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="month" tickLine={false} stroke="var(--muted)" label={{ value: labels.month, position: "insideBottom", offset: -16, fill: "var(--muted)" }} />
        <YAxis
          yAxisId="revenue"
          width={revenueAxisWidth}
          stroke="var(--muted)"
          tickFormatter={(value: number) => compactValue(value, "money", locale)}
          label={{ value: labels.revenue, angle: -90, position: "insideLeft", offset: 0, fill: "var(--muted)", style: { textAnchor: "middle" } }}
        />
        <YAxis
          yAxisId="winRate"
          orientation="right"
          width={64}
          domain={[0, 1]}
          stroke="var(--muted)"
          tickFormatter={(value: number) => compactValue(value, "percent", locale)}
          label={{ value: labels.winRate, angle: 90, position: "insideRight", offset: 0, fill: "var(--muted)", style: { textAnchor: "middle" } }}
        />
        <Tooltip content={(props) => <ChartTooltipContent active={props.active} payload={props.payload as readonly TooltipEntry[] | undefined} label={props.label as string | number | undefined} config={config} locale={locale} />} cursor={{ fill: "var(--surface-muted)" }} />
        <Bar yAxisId="revenue" dataKey="revenue" fill="var(--color-revenue)" radius={[3, 3, 0, 0]} isAnimationActive={false}>
          {data.map((point) => (
            <Cell
              key={point.month}
              fillOpacity={point.inProgress ? 0.35 : 1}
              stroke={point.inProgress ? "var(--color-revenue)" : undefined}
              strokeDasharray={point.inProgress ? "4 3" : undefined}
            />
          ))}
        </Bar>
        <Line yAxisId="winRate" dataKey="winRate" stroke="var(--color-winRate)" strokeWidth={2.5} dot={{ r: 3, fill: "var(--color-winRate)" }} connectNulls={false} isAnimationActive={false} />
      </ComposedChart>
    </ChartContainer>
  );
}

// Ticks are about 7px a character at the chart's font; the rest leaves room for the rotated axis title.
const TICK_CHAR_PX = 7;
const AXIS_TITLE_PX = 28;

/** Room for the longest tick the axis may draw (a quarter, half and all of the largest value), so the title never overlaps them. */
function axisWidth(values: number[], format: (value: number) => string): number {
  const largest = Math.max(0, ...values);
  const longest = Math.max(...[largest, largest / 2, largest / 4, 0].map((value) => format(value).length));
  return longest * TICK_CHAR_PX + AXIS_TITLE_PX;
}
