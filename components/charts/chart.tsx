"use client";

import type { CSSProperties, ReactNode } from "react";
import { ResponsiveContainer } from "recharts";

/** Okabe–Ito: distinguishable with every common colour-vision deficiency (Okabe & Ito, 2008). */
export const PALETTE = {
  blue: "#0072B2",
  orange: "#E69F00",
  green: "#009E73",
  vermillion: "#D55E00",
  sky: "#56B4E9",
  purple: "#CC79A7",
  yellow: "#F0E442",
  black: "#000000",
} as const;

export type ValueFormat = "money" | "percent" | "number" | "days";

/** What each series is called and how it is drawn and formatted (the shadcn chart pattern). */
export type ChartConfig = Record<string, { label: string; color: string; format: ValueFormat }>;

export interface ChartLocale {
  locale: string;
  currency: string;
}

export function formatValue(value: number | null | undefined, format: ValueFormat, { locale, currency }: ChartLocale): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  switch (format) {
    case "money":
      return new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 }).format(value);
    case "percent":
      return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value);
    case "days":
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
    case "number":
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  }
}

export function compactValue(value: number, format: ValueFormat, { locale, currency }: ChartLocale): string {
  if (format === "percent") return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(value);
  if (format === "money") return new Intl.NumberFormat(locale, { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 }).format(value);
  return new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }).format(value);
}

/**
 * The chart itself is hidden from assistive technology; the same numbers follow in a visually hidden table
 * (`table`), so screen readers read values, not shapes. A legend names each colour; colours are CSS variables per series.
 */
export function ChartContainer({
  config,
  height,
  table,
  children,
}: {
  config: ChartConfig;
  height: number;
  table: ReactNode;
  children: ReactNode;
}) {
  const style = Object.fromEntries(Object.entries(config).map(([key, series]) => [`--color-${key}`, series.color])) as CSSProperties;
  return (
    <div className="break-inside-avoid" style={style}>
      <ul aria-hidden="true" className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted">
        {Object.entries(config).map(([key, series]) => (
          <li key={key} className="inline-flex items-center gap-1.5">
            <span className="size-3 rounded-sm" style={{ background: series.color }} />
            {series.label}
          </li>
        ))}
      </ul>
      <div aria-hidden="true" className="w-full text-xs text-muted print:w-[640px]" style={{ height }}>
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height }}>
          {children}
        </ResponsiveContainer>
      </div>
      <div className="sr-only">{table}</div>
    </div>
  );
}

export interface TooltipEntry {
  dataKey?: string | number;
  value?: number | string | readonly (number | string)[];
  color?: string;
}

/** Tooltip content: the category, then each series' label and formatted value, with its colour as a swatch. */
export function ChartTooltipContent({
  active,
  payload,
  label,
  config,
  locale,
}: {
  active?: boolean;
  payload?: readonly TooltipEntry[];
  label?: string | number;
  config: ChartConfig;
  locale: ChartLocale;
}) {
  if (!active || !payload || payload.length === 0) return null;
  return (
    <div className="rounded-lg border border-border bg-surface px-3 py-2 text-sm text-foreground shadow-lg">
      <p className="font-medium">{label}</p>
      <ul className="mt-1 space-y-0.5">
        {payload.map((entry) => {
          const series = config[String(entry.dataKey)];
          if (!series) return null;
          return (
            <li key={String(entry.dataKey)} className="flex items-center gap-2 tabular-nums">
              <span aria-hidden="true" className="size-2.5 rounded-sm" style={{ background: series.color }} />
              <span className="text-muted">{series.label}</span>
              <span className="ml-auto font-medium">{formatValue(typeof entry.value === "number" ? entry.value : Number(entry.value), series.format, locale)}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The visually hidden table behind a chart: one row per category, one column per series. */
export function ChartDataTable<Row extends Record<string, string | number | null>>({
  caption,
  categoryKey,
  categoryLabel,
  rows,
  config,
  locale,
}: {
  caption: string;
  categoryKey: keyof Row & string;
  categoryLabel: string;
  rows: readonly Row[];
  config: ChartConfig;
  locale: ChartLocale;
}) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{categoryLabel}</th>
          {Object.entries(config).map(([key, series]) => (
            <th key={key} scope="col">
              {series.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={String(row[categoryKey])}>
            <th scope="row">{row[categoryKey]}</th>
            {Object.entries(config).map(([key, series]) => {
              const value = row[key];
              return <td key={key}>{formatValue(typeof value === "number" ? value : null, series.format, locale)}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
