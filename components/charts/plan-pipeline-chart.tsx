"use client";

import { Bar, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartDataTable, ChartTooltipContent, PALETTE, compactValue, type ChartConfig, type ChartLocale, type TooltipEntry } from "./chart";

export interface PlanPipelinePoint extends Record<string, string | number | null> {
  month: string;
  required: number;
  createdBase: number | null;
  createdActual: number | null;
}

/** Pipeline the plan requires per month (bars) against what was created this year and, once it runs, in the plan year. */
export function PlanPipelineChart({
  data,
  labels,
  locale,
  showActual,
}: {
  data: PlanPipelinePoint[];
  labels: { required: string; createdBase: string; createdActual: string; month: string; caption: string; amount: string };
  locale: ChartLocale;
  showActual: boolean;
}) {
  const config: ChartConfig = {
    required: { label: labels.required, color: PALETTE.blue, format: "money" },
    createdBase: { label: labels.createdBase, color: PALETTE.orange, format: "money" },
    ...(showActual ? { createdActual: { label: labels.createdActual, color: PALETTE.green, format: "money" as const } } : {}),
  };
  return (
    <ChartContainer
      config={config}
      height={300}
      table={<ChartDataTable caption={labels.caption} categoryKey="month" categoryLabel={labels.month} rows={data} config={config} locale={locale} />}
    >
      <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 24, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="month" tickLine={false} stroke="var(--muted)" label={{ value: labels.month, position: "insideBottom", offset: -16, fill: "var(--muted)" }} />
        <YAxis
          width={72}
          stroke="var(--muted)"
          tickFormatter={(value: number) => compactValue(value, "money", locale)}
          label={{ value: labels.amount, angle: -90, position: "insideLeft", offset: 0, fill: "var(--muted)", style: { textAnchor: "middle" } }}
        />
        <Tooltip content={(props) => <ChartTooltipContent active={props.active} payload={props.payload as readonly TooltipEntry[] | undefined} label={props.label as string | number | undefined} config={config} locale={locale} />} cursor={{ fill: "var(--surface-muted)" }} />
        <Bar dataKey="required" fill="var(--color-required)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        <Line dataKey="createdBase" stroke="var(--color-createdBase)" strokeWidth={2.5} dot={{ r: 3, fill: "var(--color-createdBase)" }} connectNulls={false} isAnimationActive={false} />
        {showActual && <Line dataKey="createdActual" stroke="var(--color-createdActual)" strokeWidth={2.5} dot={{ r: 3, fill: "var(--color-createdActual)" }} connectNulls={false} isAnimationActive={false} />}
      </ComposedChart>
    </ChartContainer>
  );
}
