"use client";

import { NextIntlClientProvider } from "next-intl";
import { useEffect, useState } from "react";
import { PageError } from "@/components/shell/page-error";
import { LOCALE_COOKIE, type Locale } from "@/lib/i18n/config";
import type { Messages } from "@/lib/i18n/messages";
import { negotiateLocale } from "@/lib/i18n/negotiate-locale";
import "./globals.css";

type Loaded = { locale: Locale; messages: Pick<Messages, "errors" | "unavailable"> };

function localeCookie(): string | undefined {
  return document.cookie.split("; ").find((part) => part.startsWith(`${LOCALE_COOKIE}=`))?.split("=")[1];
}

/**
 * Replaces the root layout when it fails, so it has no provider: it reads the language as the server does and
 * loads that catalogue only now (it stays out of every page's bundle).
 */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    console.error(error);
  }, [error]);
  useEffect(() => {
    const locale = negotiateLocale(localeCookie(), navigator.languages.join(","));
    void (locale === "ru" ? import("@/messages/ru.json") : import("@/messages/en.json")).then(({ default: all }) =>
      setLoaded({ locale, messages: { errors: all.errors, unavailable: all.unavailable } }),
    );
  }, []);
  return (
    <html lang={loaded?.locale ?? "en"}>
      <body className="min-h-screen antialiased">
        {loaded && (
          <NextIntlClientProvider locale={loaded.locale} messages={loaded.messages} formats={{}} now={new Date()} timeZone="UTC">
            <main id="main" className="px-6">
              <PageError digest={error.digest} onRetry={() => window.location.reload()} />
            </main>
          </NextIntlClientProvider>
        )}
      </body>
    </html>
  );
}
