import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { NavLinks } from "@/components/shell/nav-links";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { UserMenu } from "@/components/shell/user-menu";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { LogoMark } from "@/components/ui/logo-mark";
import { SkipLink } from "@/components/ui/skip-link";
import { requireViewer } from "@/lib/auth/require-viewer";
import { canEditStageRules } from "@/lib/data/pipelines/can-edit-stage-rules";
import { getTranslations } from "@/lib/i18n/get-translations";
import { messagesFor } from "@/lib/i18n/messages";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  const [t, tMeta, tNav, tRoles, tCommon, tPipelines, managerEditsPipelines, tCoaching, tMeeting] = await Promise.all([
    getTranslations("shell"),
    getTranslations("meta"),
    getTranslations("nav"),
    getTranslations("roles"),
    getTranslations("common"),
    getTranslations("pipelinesAdmin"),
    // A manager whom the organisation lets edit the stages gets the one admin section they may use.
    viewer.role === "MANAGER" ? canEditStageRules(viewer) : Promise.resolve(false),
    getTranslations("coaching.nav"),
    getTranslations("meeting"),
  ]);
  const initials = viewer.name
    .split(/\s+/)
    .map((part) => part[0] ?? "")
    .join("")
    .slice(0, 2)
    .toUpperCase();

  return (
    // Client components under the shell (the error boundary) get only the messages they use.
    <NextIntlClientProvider locale={viewer.locale} messages={{ errors: messagesFor(viewer.locale).errors, unavailable: messagesFor(viewer.locale).unavailable }} formats={{}} now={new Date()} timeZone="UTC">
      <SkipLink label={tCommon("skipToContent")} />
      <header className="sticky top-0 z-30 border-b border-border bg-surface/95 backdrop-blur supports-[backdrop-filter]:bg-surface/80 print:hidden">
        <div className="mx-auto flex h-16 max-w-[1600px] items-center gap-6 px-6 lg:px-10">
          <Link href="/roster" className="flex items-center gap-2.5 rounded-md text-base font-semibold tracking-tight text-brand">
            <LogoMark className="size-7" />
            {tMeta("productName")}
          </Link>
          <NavLinks
            label={t("mainNavigation")}
            links={[
              viewer.role === "REP" ? { href: "/my-kpis", label: tNav("myKpis") } : { href: "/dashboard", label: tNav("dashboard") },
              ...(viewer.role === "REP" && viewer.repId !== null ? [{ href: `/reps/${viewer.repId}`, label: tCoaching("myProfile") }] : []),
              { href: "/pipeline", label: tNav("pipeline") },
              { href: "/meeting", label: tMeeting("navLink") },
              ...(viewer.role === "REP" ? [] : [{ href: "/review", label: tNav("review") }]),
              ...(viewer.role === "REP" ? [] : [{ href: "/coaching", label: tCoaching("coaching") }]),
              { href: "/roster", label: tNav("roster") },
              ...(viewer.role === "REP" ? [] : [{ href: "/import", label: tNav("import") }]),
              ...(viewer.role === "ADMIN" ? [{ href: "/admin", label: tNav("admin") }] : []),
              ...(managerEditsPipelines ? [{ href: "/admin/pipelines", label: tPipelines("tab") }] : []),
            ]}
          />
          <div className="ml-auto flex items-center gap-4">
            <LanguageSwitch />
            <div className="border-l border-border pl-4">
              <UserMenu
                label={t("userMenu")}
                labels={{ signOutEverywhere: t("signOutEverywhere"), signingOut: t("signingOut"), signOutEverywhereHint: t("signOutEverywhereHint") }}
              >
                <span aria-hidden="true" className="flex size-9 items-center justify-center rounded-full bg-accent-soft text-sm font-semibold text-accent-soft-foreground">
                  {initials}
                </span>
                <span className="sr-only">{t("signedInAs", { name: viewer.name })}</span>
                {/* Name and role beside the initials only where the navigation leaves room for them (it has up to ten links). */}
                <span className="hidden flex-col leading-tight 2xl:flex">
                  <span aria-hidden="true" className="text-sm font-medium text-foreground">{viewer.name}</span>
                  <span className="text-xs text-muted">{tRoles(viewer.role)}</span>
                </span>
              </UserMenu>
            </div>
            <SignOutButton label={t("signOut")} pendingLabel={t("signingOut")} />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-[1600px] px-6 py-8 focus:outline-none lg:px-10 print:max-w-none print:p-0">
        {children}
      </main>
    </NextIntlClientProvider>
  );
}
