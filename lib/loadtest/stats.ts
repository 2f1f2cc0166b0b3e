/** Nearest-rank percentile of an ascending list (q in 0..1); NaN for an empty list. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export interface Sample {
  /** The request's group in the report: "dashboard", "autosave", … */
  name: string;
  ms: number;
  ok: boolean;
}

export interface GroupStats {
  name: string;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Per-group and overall latency figures, over every request (errors included: a slow failure is still slow). */
export function summarize(samples: readonly Sample[]): { groups: GroupStats[]; total: GroupStats } {
  const byName = new Map<string, Sample[]>();
  for (const sample of samples) {
    const list = byName.get(sample.name) ?? [];
    list.push(sample);
    byName.set(sample.name, list);
  }
  const stats = (name: string, list: readonly Sample[]): GroupStats => {
    const sorted = list.map((s) => s.ms).sort((a, b) => a - b);
    return {
      name,
      requests: list.length,
      errors: list.filter((s) => !s.ok).length,
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      p99: percentile(sorted, 0.99),
      max: sorted.at(-1) ?? NaN,
    };
  };
  const groups = [...byName.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, list]) => stats(name, list));
  return { groups, total: stats("all", samples) };
}

export interface RssSummary {
  startMb: number;
  peakMb: number;
  endMb: number;
  samples: number;
}

export function summarizeRss(kb: readonly number[]): RssSummary | null {
  if (kb.length === 0) return null;
  const mb = (value: number) => Math.round(value / 1024);
  return { startMb: mb(kb[0] as number), peakMb: mb(Math.max(...kb)), endMb: mb(kb.at(-1) as number), samples: kb.length };
}
