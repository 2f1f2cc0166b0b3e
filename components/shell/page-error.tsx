"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { RETRY_AFTER_SECONDS } from "@/lib/http/retry-after";

/** Whether /api/health says the database is unreachable: the error was an outage, not a bug. */
function useDatabaseUnavailable(): boolean {
  const [unavailable, setUnavailable] = useState(false);
  useEffect(() => {
    let current = true;
    fetch("/api/health", { cache: "no-store" })
      .then(async (response) => response.status === 503 && ((await response.json()) as { database?: { error?: string } }).database?.error === "DATABASE_UNAVAILABLE")
      .catch(() => false)
      .then((down) => current && setUnavailable(down));
    return () => {
      current = false;
    };
  }, []);
  return unavailable;
}

function ReloadCountdown({ label }: { label: (seconds: number) => string }) {
  const [left, setLeft] = useState(RETRY_AFTER_SECONDS);
  useEffect(() => {
    if (left <= 0) return window.location.reload();
    const timer = setTimeout(() => setLeft(left - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  return <p className="mt-3 text-sm text-muted">{label(left)}</p>;
}

const button = "mt-6 inline-flex min-h-10 items-center rounded-lg bg-accent px-4 text-sm font-semibold text-accent-foreground hover:bg-accent-hover";

/**
 * What an error boundary shows: while the database is unreachable, that the data is temporarily unavailable with
 * a countdown to a reload; otherwise that something went wrong, with the error's digest for the administrator.
 */
export function PageError({ digest, onRetry }: { digest?: string; onRetry: () => void }) {
  const t = useTranslations("errors");
  const tUnavailable = useTranslations("unavailable");
  const unavailable = useDatabaseUnavailable();
  return (
    <section aria-labelledby="error-title" className="mx-auto mt-16 max-w-lg rounded-2xl border border-border bg-surface p-8 text-center shadow-sm">
      {unavailable ? (
        <>
          <h1 id="error-title" className="text-xl font-semibold text-foreground">{tUnavailable("title")}</h1>
          <p className="mt-3 text-sm leading-relaxed text-muted">{tUnavailable("body")}</p>
          <ReloadCountdown label={(seconds) => tUnavailable("retryIn", { seconds })} />
          <button type="button" onClick={() => window.location.reload()} className={button}>
            {tUnavailable("retryNow")}
          </button>
        </>
      ) : (
        <>
          <h1 id="error-title" className="text-xl font-semibold text-foreground">{t("title")}</h1>
          <p className="mt-3 text-sm leading-relaxed text-muted">{t("body")}</p>
          {digest && <p className="mt-3 font-mono text-xs text-muted">{digest}</p>}
          <button type="button" onClick={onRetry} className={button}>
            {t("retry")}
          </button>
        </>
      )}
    </section>
  );
}
