"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <section aria-labelledby="error-title" className="mx-auto mt-16 max-w-lg rounded-2xl border border-border bg-surface p-8 text-center shadow-sm">
      <h1 id="error-title" className="text-xl font-semibold text-foreground">{t("title")}</h1>
      <p className="mt-3 text-sm leading-relaxed text-muted">{t("body")}</p>
      {error.digest && <p className="mt-3 font-mono text-xs text-muted">{error.digest}</p>}
      <button
        type="button"
        onClick={reset}
        className="mt-6 inline-flex min-h-10 items-center rounded-lg bg-accent px-4 text-sm font-semibold text-accent-foreground hover:bg-accent-hover"
      >
        {t("retry")}
      </button>
    </section>
  );
}
