import type { ReactNode } from "react";

export function HeadlineCard({ label, value, detail, emphasis = false }: { label: string; value: ReactNode; detail?: ReactNode; emphasis?: boolean }) {
  return (
    <div className={`rounded-xl border p-5 shadow-sm ${emphasis ? "border-brand bg-brand text-brand-foreground" : "border-border bg-surface"}`}>
      <dt className={`text-sm font-medium ${emphasis ? "text-brand-muted" : "text-muted"}`}>{label}</dt>
      <dd className="mt-2 text-3xl font-semibold tracking-tight tabular-nums">{value}</dd>
      {detail && <dd className={`mt-1 text-sm ${emphasis ? "text-brand-muted" : "text-muted"}`}>{detail}</dd>}
    </div>
  );
}
