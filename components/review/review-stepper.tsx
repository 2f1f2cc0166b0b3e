import Link from "next/link";
import type { SectionState } from "@/lib/review/steps";

export interface StepperItem {
  href: string;
  label: string;
  /** Sections have a state; the action plan and the summary do not. */
  state: SectionState | null;
  stateLabel: string | null;
  current: boolean;
}

const MARK: Record<SectionState, string> = { notStarted: "○", inProgress: "◐", done: "●" };

/** Where the manager is in the review and what each section's state is; every step is a link. */
export function ReviewStepper({ items, label }: { items: StepperItem[]; label: string }) {
  return (
    <nav aria-label={label} className="print:hidden">
      <ol className="grid grid-cols-2 gap-2 sm:grid-cols-3 xl:grid-cols-6">
        {items.map((item, index) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={item.current ? "step" : undefined}
              className={`flex h-full min-h-14 flex-col justify-center rounded-lg border px-3 py-2 text-sm transition-colors ${
                item.current ? "border-accent bg-accent-soft text-accent-soft-foreground" : "border-border bg-surface text-foreground hover:border-border-strong"
              }`}
            >
              <span className="font-medium">
                <span className="tabular-nums text-muted">{index + 1}.</span> {item.label}
              </span>
              {item.state && (
                <span className={`mt-0.5 flex items-center gap-1 text-xs ${item.state === "done" ? "text-success" : "text-muted"}`}>
                  <span aria-hidden="true">{MARK[item.state]}</span>
                  {item.stateLabel}
                </span>
              )}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
