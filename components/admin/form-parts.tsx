"use client";

import { startTransition, useActionState, useEffect, useRef, type ComponentProps, type FormEvent, type ReactNode } from "react";
import type { ActionState } from "@/lib/actions/authed-action";

/**
 * A form bound to a server action. With JavaScript the submission keeps what was typed when the server
 * refuses it (React resets a form after a plain form action); without it, the form still posts.
 */
export function useActionForm<Data>(
  serverAction: (prev: ActionState<Data>, formData: FormData) => Promise<ActionState<Data>>,
  options: { resetOnSuccess?: boolean } = {},
) {
  const [state, dispatch, pending] = useActionState(serverAction, { status: "idle" } as ActionState<Data>);
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === "success" && options.resetOnSuccess) ref.current?.reset();
  }, [state, options.resetOnSuccess]);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The button that submitted carries its name and value (a form with several actions), as a native post does.
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter instanceof HTMLButtonElement && submitter.name ? submitter : null);
    startTransition(() => dispatch(formData));
  }
  return { state, pending, formProps: { ref, action: dispatch, onSubmit, noValidate: true } };
}

export const inputClass =
  "mt-1.5 block w-full rounded-lg border border-border-strong bg-surface px-3 py-2 text-sm text-foreground shadow-sm placeholder:text-muted focus:border-accent focus-visible:outline-offset-0 aria-[invalid=true]:border-danger disabled:bg-surface-muted disabled:text-muted";

/** A labelled control with its hint and its errors, wired with aria-describedby / aria-invalid. */
export function Field({
  id,
  label,
  hint,
  errors,
  children,
  className,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: (aria: { id: string; "aria-describedby"?: string; "aria-invalid"?: true }) => ReactNode;
  className?: string;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-foreground">
        {label}
      </label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": errorId ? true : undefined })}
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-muted">
          {hint}
        </p>
      )}
      {errorId && (
        <p id={errorId} className="mt-1 text-xs font-medium text-danger">
          {errors!.join(" ")}
        </p>
      )}
    </div>
  );
}

export function SubmitButton({
  children,
  pending,
  pendingLabel,
  variant = "primary",
  className = "",
  ...props
}: ComponentProps<"button"> & { pending: boolean; pendingLabel: string; variant?: "primary" | "secondary" | "danger" }) {
  const look = {
    primary: "bg-accent text-accent-foreground hover:bg-accent-hover",
    secondary: "border border-border-strong bg-surface text-foreground hover:bg-surface-muted",
    danger: "bg-danger text-white hover:opacity-90",
  }[variant];
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className={`inline-flex min-h-9 items-center justify-center gap-2 rounded-lg px-3.5 text-sm font-semibold shadow-sm transition-colors disabled:cursor-wait disabled:opacity-80 ${look} ${className}`}
      {...props}
    >
      {pending ? pendingLabel : children}
    </button>
  );
}

/** The outcome of the last submission, announced to screen readers. */
export function FormMessage({ state, success }: { state: ActionState<unknown>; success?: ReactNode }) {
  return (
    <div role="status" aria-live="polite" className="empty:hidden">
      {state.status === "error" && state.message && (
        <p className="rounded-lg border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger">{state.message}</p>
      )}
      {state.status === "success" && (
        <div className="rounded-lg border border-success/30 bg-success-soft px-3 py-2 text-sm text-success">{success ?? state.message}</div>
      )}
    </div>
  );
}
