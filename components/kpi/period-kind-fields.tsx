"use client";

import { useState } from "react";
import { FIRST_DATE, LAST_DATE } from "@/lib/validation/bounded";

type Kind = "year" | "quarter" | "custom";

const field = "min-h-9 rounded-lg border border-border-strong bg-surface px-2.5 text-sm text-foreground";

/**
 * The period kind and only the fields it reads: Year for a year or a quarter, Quarter for a quarter, From/To for a
 * custom range. The others are not rendered, so they neither show nor submit a value the period ignores.
 */
export function PeriodKindFields({
  idPrefix,
  kind: initialKind,
  year,
  quarter,
  from,
  to,
  years,
  labels,
}: {
  idPrefix: string;
  kind: Kind;
  year: number;
  quarter: number;
  from: string;
  to: string;
  years: number[];
  labels: { period: string; kinds: Record<Kind, string>; year: string; quarter: string; from: string; to: string; quarterOptions: string[] };
}) {
  const [kind, setKind] = useState<Kind>(initialKind);
  return (
    <>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${idPrefix}-period`} className="text-xs font-medium text-muted">{labels.period}</label>
        <select id={`${idPrefix}-period`} name="period" value={kind} onChange={(event) => setKind(event.target.value as Kind)} className={field}>
          <option value="year">{labels.kinds.year}</option>
          <option value="quarter">{labels.kinds.quarter}</option>
          <option value="custom">{labels.kinds.custom}</option>
        </select>
      </div>
      {kind !== "custom" && (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${idPrefix}-year`} className="text-xs font-medium text-muted">{labels.year}</label>
          <select id={`${idPrefix}-year`} name="year" defaultValue={String(year)} className={field}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      )}
      {kind === "quarter" && (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${idPrefix}-quarter`} className="text-xs font-medium text-muted">{labels.quarter}</label>
          <select id={`${idPrefix}-quarter`} name="quarter" defaultValue={String(quarter)} className={field}>
            {labels.quarterOptions.map((option, index) => (
              <option key={option} value={index + 1}>
                {option}
              </option>
            ))}
          </select>
        </div>
      )}
      {kind === "custom" && (
        <>
          <div className="flex flex-col gap-1">
            <label htmlFor={`${idPrefix}-from`} className="text-xs font-medium text-muted">{labels.from}</label>
            <input type="date" id={`${idPrefix}-from`} name="from" defaultValue={from} min={FIRST_DATE} max={LAST_DATE} className={field} />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={`${idPrefix}-to`} className="text-xs font-medium text-muted">{labels.to}</label>
            <input type="date" id={`${idPrefix}-to`} name="to" defaultValue={to} min={FIRST_DATE} max={LAST_DATE} className={field} />
          </div>
        </>
      )}
    </>
  );
}
