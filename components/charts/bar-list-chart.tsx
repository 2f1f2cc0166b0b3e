"use client";

import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartDataTable, ChartTooltipContent, PALETTE, compactValue, formatValue, type ChartConfig, type ChartLocale, type TooltipEntry, type ValueFormat } from "./chart";

export interface BarListPoint extends Record<string, string | number | null> {
  label: string;
  current: number | null;
  previous: number | null;
}

/** Horizontal bars, one category a row, this period beside the previous one (funnels, sources, activity mix). */
export function BarListChart({
  data,
  format,
  labels,
  locale,
}: {
  data: BarListPoint[];
  format: ValueFormat;
  labels: { current: string; previous: string; category: string; value: string; caption: string };
  locale: ChartLocale;
}) {
  const config: ChartConfig = {
    current: { label: labels.current, color: PALETTE.blue, format },
    previous: { label: labels.previous, color: PALETTE.sky, format },
  };
  return (
    <ChartContainer
      config={config}
      height={Math.max(160, data.length * 52 + 56)}
      table={<ChartDataTable caption={labels.caption} categoryKey="label" categoryLabel={labels.category} rows={data} config={config} locale={locale} />}
    >
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 56, bottom: 24, left: 8 }} barGap={2} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} stroke="var(--border)" />
        <XAxis
          type="number"
          stroke="var(--muted)"
          domain={format === "percent" ? [0, 1] : [0, "auto"]}
          tickFormatter={(value: number) => compactValue(value, format, locale)}
          label={{ value: labels.value, position: "insideBottom", offset: -16, fill: "var(--muted)" }}
        />
        <YAxis type="category" dataKey="label" width={150} stroke="var(--muted)" tickLine={false} />
        <Tooltip content={(props) => <ChartTooltipContent active={props.active} payload={props.payload as readonly TooltipEntry[] | undefined} label={props.label as string | number | undefined} config={config} locale={locale} />} cursor={{ fill: "var(--surface-muted)" }} />
        <Bar dataKey="current" fill="var(--color-current)" radius={[0, 3, 3, 0]} isAnimationActive={false}>
          <LabelList dataKey="current" position="right" fill="var(--foreground)" fontSize={12} formatter={(value: unknown) => formatValue(typeof value === "number" ? value : null, format, locale)} />
        </Bar>
        <Bar dataKey="previous" fill="var(--color-previous)" radius={[0, 3, 3, 0]} isAnimationActive={false} />
      </BarChart>
    </ChartContainer>
  );
}
