"use client";

import { signOut } from "next-auth/react";
import { useActionState, useEffect } from "react";
import type { ActionState } from "@/lib/actions/authed-action";
import { signOutEverywhere } from "@/lib/actions/sign-out-everywhere";

/** Ends every session of this user, this one included, then clears this browser's cookie. */
export function SignOutEverywhereForm({ label, pendingLabel, hint }: { label: string; pendingLabel: string; hint: string }) {
  const [state, action, pending] = useActionState(signOutEverywhere, { status: "idle" } satisfies ActionState);
  useEffect(() => {
    if (state.status === "success") void signOut({ callbackUrl: "/login" });
  }, [state.status]);
  return (
    <form action={action} className="flex flex-col gap-2">
      <p className="text-xs leading-relaxed text-muted">{hint}</p>
      <button
        type="submit"
        disabled={pending || state.status === "success"}
        className="inline-flex min-h-9 items-center justify-center rounded-lg border border-border bg-surface px-3 text-sm font-medium text-foreground transition-colors hover:bg-surface-muted disabled:cursor-wait"
      >
        {pending || state.status === "success" ? pendingLabel : label}
      </button>
      <p role="status" className="text-xs text-danger">
        {state.status === "error" ? state.message : null}
      </p>
    </form>
  );
}
