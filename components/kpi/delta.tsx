import type { Change } from "./change";

/**
 * ▲/▼ with the signed amount, coloured by whether the move is good news: arrow and sign carry the meaning,
 * the colour only repeats it. The label spells it out for screen readers.
 */
export function Delta({ change, text, label }: { change: Change | null; text: string; label: string }) {
  if (!change) {
    return (
      <span className="text-sm text-muted" title={label}>
        <span aria-hidden="true">—</span>
        <span className="sr-only">{label}</span>
      </span>
    );
  }
  const arrow = change.direction === "up" ? "▲" : change.direction === "down" ? "▼" : "■";
  const tone = change.better === null ? "text-muted" : change.better ? "text-success" : "text-danger";
  return (
    <span className={`inline-flex items-center gap-1 text-sm font-medium tabular-nums ${tone}`}>
      <span aria-hidden="true" className="text-xs">
        {arrow}
      </span>
      <span aria-hidden="true">{text}</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}
