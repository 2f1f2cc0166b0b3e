import type { Metadata } from "next";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { AcceptInviteForm } from "@/components/admin/accept-invite-form";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { LogoMark } from "@/components/ui/logo-mark";
import { getInvite } from "@/lib/data/get-invite";
import { getLocale } from "@/lib/i18n/get-locale";
import { getTranslations } from "@/lib/i18n/get-translations";
import { messagesFor } from "@/lib/i18n/messages";
import { MIN_PASSWORD_LENGTH } from "@/lib/validation/admin-fields";
import { inviteTokenSchema } from "@/lib/validation/admin-user";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  // The token is a credential: keep the page out of search engines and referrers.
  return { title: t("inviteTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/** Public: the invitee has no session yet. The token in the URL is the credential, checked against its stored hash. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const token = inviteTokenSchema.safeParse((await params).token);
  const invite = token.success ? await getInvite(token.data) : null;
  const [t, tMeta, locale] = await Promise.all([getTranslations("invite"), getTranslations("meta"), getLocale()]);

  return (
    <div className="flex min-h-screen flex-col bg-background">
      <header className="flex items-center justify-between px-6 py-5 lg:px-10">
        <p className="flex items-center gap-2.5 text-base font-semibold tracking-tight text-brand">
          <LogoMark className="size-7" />
          {tMeta("productName")}
        </p>
        <LanguageSwitch />
      </header>
      <main id="main" className="flex flex-1 items-center justify-center px-6 pb-16">
        <div className="w-full max-w-md">
          {invite && token.success ? (
            <>
              <h1 className="text-2xl font-semibold tracking-tight text-foreground">{t("heading")}</h1>
              <p className="mt-2 text-sm leading-relaxed text-muted">{t("intro", { name: invite.name, email: invite.email })}</p>
              <div className="mt-8 rounded-2xl border border-border bg-surface p-6 shadow-sm">
                <NextIntlClientProvider locale={locale} messages={{ invite: messagesFor(locale).invite }} formats={{}} timeZone="UTC" now={new Date()}>
                  <AcceptInviteForm token={token.data} minPassword={MIN_PASSWORD_LENGTH} />
                </NextIntlClientProvider>
              </div>
            </>
          ) : (
            <div className="rounded-2xl border border-border bg-surface p-8 text-center shadow-sm">
              <h1 className="text-xl font-semibold text-foreground">{t("invalidTitle")}</h1>
              <p className="mt-3 text-sm leading-relaxed text-muted">{t("invalidBody")}</p>
              <Link href="/login" className="mt-6 inline-flex min-h-10 items-center rounded-lg bg-accent px-4 text-sm font-semibold text-accent-foreground hover:bg-accent-hover">
                {t("signIn")}
              </Link>
            </div>
          )}
        </div>
      </main>
    </div>
  );
}
