"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useSyncExternalStore, useTransition, type FormEvent } from "react";
import { signInLanding } from "@/lib/auth/home-path";
import { parseSignInError } from "@/lib/auth/sign-in-error";

export interface LoginFormLabels {
  email: string;
  password: string;
  submit: string;
  submitting: string;
  invalidCredentials: string;
  invalidInput: string;
  unavailable: string;
  ssoNoAccount: string;
}

const subscribeNothing = () => () => {};

/** Email and password sign-in. Failures read the same whether the account exists or not. */
export function LoginForm({
  labels,
  callbackUrl,
  initialError,
  sso,
}: {
  labels: LoginFormLabels;
  callbackUrl: string;
  initialError: string | null;
  /** Set when single sign-on is configured: the button's label and the divider's word. */
  sso?: { label: string; or: string };
}) {
  const router = useRouter();
  // Checked again here: the form must not be the one place a crafted callback slips through.
  const target = signInLanding(callbackUrl);
  const t = useTranslations("login");
  const errorId = useId();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, startTransition] = useTransition();
  // Until hydration the form cannot sign in; a native post must not put the password in a URL.
  const ready = useSyncExternalStore(subscribeNothing, () => true, () => false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError(labels.invalidInput);
      return;
    }
    startTransition(async () => {
      try {
        const result = await signIn("credentials", { email, password, redirect: false });
        if (result?.ok && !result.error) {
          router.replace(target);
          router.refresh();
          return;
        }
        setError(messageFor(result?.error ?? ""));
      } catch {
        setError(labels.unavailable);
      }
    });
  }

  function messageFor(code: string): string {
    const failure = parseSignInError(code);
    if (failure.kind === "credentials") return labels.invalidCredentials;
    if (failure.kind === "rateLimited") return t("rateLimited", { minutes: failure.minutes });
    if (failure.kind === "ssoNoAccount") return labels.ssoNoAccount;
    return labels.unavailable;
  }

  const describedBy = error ? errorId : undefined;
  const field =
    "mt-1.5 block w-full rounded-lg border border-border-strong bg-surface px-3.5 py-2.5 text-base text-foreground shadow-sm placeholder:text-muted focus:border-accent focus-visible:outline-offset-0 aria-[invalid=true]:border-danger";

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      <div role="alert" id={errorId} className="-mb-5">
        {error && (
          <p className="mb-5 flex items-start gap-2 rounded-lg border border-danger/40 bg-danger-soft px-3.5 py-3 text-sm text-danger">
            <svg aria-hidden="true" viewBox="0 0 20 20" className="mt-0.5 size-4 shrink-0 fill-current">
              <path d="M10 1.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17Zm-.75 4.25h1.5v5.5h-1.5v-5.5Zm0 7h1.5v1.5h-1.5v-1.5Z" />
            </svg>
            <span>{error}</span>
          </p>
        )}
      </div>
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-foreground">
          {labels.email}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          autoFocus
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={field}
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-foreground">
          {labels.password}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={field}
        />
      </div>
      <button
        type="submit"
        disabled={pending || !ready}
        className="flex w-full items-center justify-center gap-2 rounded-lg bg-accent px-4 py-2.5 text-base font-semibold text-accent-foreground shadow-sm transition-colors hover:bg-accent-hover disabled:cursor-wait disabled:opacity-80"
      >
        {pending && (
          <svg aria-hidden="true" viewBox="0 0 24 24" className="size-4 animate-spin">
            <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeOpacity="0.3" strokeWidth="3" />
            <path d="M21 12a9 9 0 0 0-9-9" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
          </svg>
        )}
        {pending ? labels.submitting : labels.submit}
      </button>
      {sso && (
        <>
          <p className="flex items-center gap-3 text-xs uppercase tracking-wide text-muted before:h-px before:flex-1 before:bg-border after:h-px after:flex-1 after:bg-border">{sso.or}</p>
          <button
            type="button"
            disabled={pending || !ready}
            onClick={() => void signIn("oidc", { callbackUrl: target })}
            className="flex w-full items-center justify-center gap-2 rounded-lg border border-border-strong bg-surface px-4 py-2.5 text-base font-semibold text-foreground shadow-sm transition-colors hover:bg-surface-muted disabled:cursor-wait"
          >
            {sso.label}
          </button>
        </>
      )}
    </form>
  );
}
