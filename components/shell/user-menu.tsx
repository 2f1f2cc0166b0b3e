import type { ReactNode } from "react";
import { DismissibleDetails } from "./dismissible-details";
import { SignOutEverywhereForm } from "./sign-out-everywhere-form";

/** The signed-in user's name opens a small menu; a native <details>, so it needs no script to open (closes on a click outside or Escape). */
export function UserMenu({ children, label, labels }: { children: ReactNode; label: string; labels: { signOutEverywhere: string; signingOut: string; signOutEverywhereHint: string } }) {
  return (
    <DismissibleDetails className="group relative">
      <summary className="flex cursor-pointer list-none items-center gap-3 rounded-lg px-1 py-1 hover:bg-surface-muted [&::-webkit-details-marker]:hidden">
        {children}
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 fill-none stroke-current text-muted transition-transform group-open:rotate-180" strokeWidth="1.6">
          <path d="m6 8 4 4 4-4" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </summary>
      <div role="group" aria-label={label} className="absolute right-0 top-full z-40 mt-2 w-72 rounded-xl border border-border bg-surface p-4 shadow-lg">
        <SignOutEverywhereForm label={labels.signOutEverywhere} pendingLabel={labels.signingOut} hint={labels.signOutEverywhereHint} />
      </div>
    </DismissibleDetails>
  );
}
