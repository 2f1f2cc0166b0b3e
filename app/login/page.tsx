import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { LoginForm } from "@/components/forms/login-form";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { LogoMark } from "@/components/ui/logo-mark";
import { getViewer } from "@/lib/auth/get-viewer";
import { instanceHasUsers } from "@/lib/data/instance-has-users";
import { signInLanding } from "@/lib/auth/home-path";
import { parseSignInError } from "@/lib/auth/sign-in-error";
import { oidcConfig } from "@/lib/env";
import { isDatabaseUnavailable } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/get-locale";
import { getTranslations } from "@/lib/i18n/get-translations";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: t("loginTitle") };
}

function signInErrorMessage(code: string, t: Awaited<ReturnType<typeof getTranslations<"login">>>): string {
  const failure = parseSignInError(code);
  if (failure.kind === "credentials") return t("invalidCredentials");
  if (failure.kind === "rateLimited") return t("rateLimited", { minutes: failure.minutes });
  if (failure.kind === "ssoNoAccount") return t("ssoNoAccount");
  return t("unavailable");
}

const POINTS = ["process", "kpis", "pipeline", "coaching"] as const;

// With the database unreachable the form stays: a sign-in then says that it is unavailable.
const hasAccounts = () =>
  instanceHasUsers().catch((error: unknown) => {
    if (isDatabaseUnavailable(error)) return true;
    throw error;
  });

/** An installation without accounts: a sign-in form could not work, so say how the first administrator is made. */
function NoUsersYet({ t }: { t: Awaited<ReturnType<typeof getTranslations<"setup">>> }) {
  const command = `npm run user -- create --email ${t("noUsers.email")} --role ADMIN --org "${t("noUsers.org")}"`;
  return (
    <div className="w-full max-w-xl">
      <h1 className="text-2xl font-semibold tracking-tight text-foreground">{t("noUsers.heading")}</h1>
      <div className="mt-6 space-y-4 rounded-2xl border border-border bg-surface p-6 text-sm leading-relaxed text-foreground shadow-sm">
        <p>{t("noUsers.intro")}</p>
        <pre className="whitespace-pre-wrap break-words rounded-lg bg-surface-muted px-4 py-3 font-mono text-[13px] leading-relaxed text-foreground">
          <code>{command}</code>
        </pre>
        <p>{t("noUsers.link")}</p>
        <p className="text-muted">{t("noUsers.after")}</p>
      </div>
    </div>
  );
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = signInLanding(params.callbackUrl);
  if (await getViewer()) redirect(callbackUrl);

  const [t, tMeta, tSetup, locale, hasUsers] = await Promise.all([getTranslations("login"), getTranslations("meta"), getTranslations("setup"), getLocale(), hasAccounts()]);
  const sso = oidcConfig();
  const initialError = typeof params.error === "string" ? signInErrorMessage(params.error, t) : null;

  return (
    <div className="flex min-h-screen flex-col lg:flex-row">
      <aside className="relative flex flex-col justify-between overflow-hidden bg-brand px-8 py-8 text-brand-foreground lg:w-[44%] lg:px-14 lg:py-12">
        <div aria-hidden="true" className="pointer-events-none absolute -right-32 -top-32 size-96 rounded-full bg-white/5" />
        <div aria-hidden="true" className="pointer-events-none absolute -bottom-40 -left-24 size-[28rem] rounded-full bg-white/[0.04]" />
        <p className="relative flex items-center gap-3 text-lg font-semibold tracking-tight">
          <LogoMark />
          {tMeta("productName")}
        </p>
        <div className="relative mt-10 hidden max-w-md lg:block">
          <h2 className="text-3xl font-semibold leading-tight tracking-tight">{t("asideTitle")}</h2>
          <ul className="mt-8 space-y-5">
            {POINTS.map((point, index) => (
              <li key={point} className="flex gap-4">
                <span className="flex size-7 shrink-0 items-center justify-center rounded-full bg-white/10 text-sm font-semibold tabular-nums">
                  {index + 1}
                </span>
                <span className="pt-0.5 text-base leading-relaxed text-brand-muted">{t(`asidePoints.${point}`)}</span>
              </li>
            ))}
          </ul>
        </div>
        <p className="relative mt-10 hidden text-sm text-brand-muted lg:block">{tMeta("tagline")}</p>
      </aside>

      <div className="flex flex-1 flex-col bg-background">
        <header className="flex justify-end px-6 py-5 lg:px-10">
          <LanguageSwitch />
        </header>
        <main id="main" className="flex flex-1 items-center justify-center px-6 pb-16">
          {hasUsers ? (
            <div className="w-full max-w-md">
              <h1 className="text-2xl font-semibold tracking-tight text-foreground">{t("heading")}</h1>
              <p className="mt-2 text-sm leading-relaxed text-muted">{t("intro")}</p>
              <div className="mt-8 rounded-2xl border border-border bg-surface p-6 shadow-sm">
                {/* The form formats the rate-limit message itself (a plural), so it gets that one message. */}
                <NextIntlClientProvider locale={locale} messages={{ login: { rateLimited: t.raw("rateLimited") as string } }} formats={{}} now={new Date()} timeZone="UTC">
                <LoginForm
                  callbackUrl={callbackUrl}
                  initialError={initialError}
                  sso={sso ? { label: t("sso", { provider: sso.name }), or: t("or") } : undefined}
                  labels={{
                    email: t("email"),
                    password: t("password"),
                    submit: t("submit"),
                    submitting: t("submitting"),
                    invalidCredentials: t("invalidCredentials"),
                    invalidInput: t("invalidInput"),
                    unavailable: t("unavailable"),
                    ssoNoAccount: t("ssoNoAccount"),
                  }}
                />
                </NextIntlClientProvider>
              </div>
            </div>
          ) : (
            <NoUsersYet t={tSetup} />
          )}
        </main>
      </div>
    </div>
  );
}
