"use client";

/** Opens the browser's print dialog, where "Save as PDF" gives the document. */
export function PrintButton({ label, hint }: { label: string; hint: string }) {
  return (
    <div className="print:hidden">
      <button type="button" onClick={() => window.print()} className="inline-flex min-h-10 items-center rounded-lg bg-accent px-4 text-sm font-medium text-accent-foreground hover:bg-accent-hover">
        {label}
      </button>
      <p className="mt-1 max-w-xs text-xs text-muted">{hint}</p>
    </div>
  );
}
