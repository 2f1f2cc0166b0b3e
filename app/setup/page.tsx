import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { currencyChoices, timeZoneChoices } from "@/components/org/choices";
import { SetupForm } from "@/components/org/setup-form";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { LogoMark } from "@/components/ui/logo-mark";
import { isSetupLinkUsable } from "@/lib/data/is-setup-link-usable";
import { getLocale } from "@/lib/i18n/get-locale";
import { getTranslations } from "@/lib/i18n/get-translations";
import { messagesFor } from "@/lib/i18n/messages";
import { MIN_PASSWORD_LENGTH } from "@/lib/validation/admin-fields";
import { setupTokenSchema } from "@/lib/validation/setup";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("setup");
  // The token is a credential: keep the page out of search engines and referrers.
  return { title: t("title"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/**
 * Public, and only with the one-time link `npm start` printed while nobody had an account: without a usable token,
 * or once anyone has an account, the page does not exist.
 */
export default async function SetupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const token = setupTokenSchema.safeParse((await searchParams).token);
  if (!token.success || !(await isSetupLinkUsable(token.data))) notFound();
  const [t, tMeta, locale] = await Promise.all([getTranslations("setup"), getTranslations("meta"), getLocale()]);

  return (
    <div className="flex min-h-screen flex-col bg-background">
      <header className="flex items-center justify-between px-6 py-5 lg:px-10">
        <p className="flex items-center gap-2.5 text-base font-semibold tracking-tight text-brand">
          <LogoMark className="size-7" />
          {tMeta("productName")}
        </p>
        <LanguageSwitch />
      </header>
      <main id="main" className="flex flex-1 justify-center px-6 pb-16 pt-4">
        <div className="w-full max-w-2xl">
          <h1 className="text-2xl font-semibold tracking-tight text-foreground">{t("heading")}</h1>
          <p className="mt-2 text-sm leading-relaxed text-muted">{t("intro")}</p>
          <div className="mt-8">
            <NextIntlClientProvider locale={locale} messages={{ setup: messagesFor(locale).setup }} formats={{}} timeZone="UTC" now={new Date()}>
              <SetupForm token={token.data} currencies={currencyChoices(locale)} timeZones={timeZoneChoices()} minPassword={MIN_PASSWORD_LENGTH} />
            </NextIntlClientProvider>
          </div>
        </div>
      </main>
    </div>
  );
}
