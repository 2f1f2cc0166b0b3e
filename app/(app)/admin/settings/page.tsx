import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { currencyChoices, timeZoneChoices } from "@/components/org/choices";
import { OrgSettingsForm } from "@/components/org/org-settings-form";
import { requireViewer } from "@/lib/auth/require-viewer";
import { getOrganizationSettings } from "@/lib/data/get-organization-settings";
import { getTranslations } from "@/lib/i18n/get-translations";
import { messagesFor } from "@/lib/i18n/messages";
import { COACHING_MINUTES, STALE_DAYS, STUCK_FACTOR } from "@/lib/validation/org-settings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("orgSettings");
  return { title: t("title") };
}

export default async function AdminSettingsPage() {
  const viewer = await requireViewer();
  if (viewer.role !== "ADMIN") notFound();
  const [settings, t, tAdmin] = await Promise.all([getOrganizationSettings(viewer), getTranslations("orgSettings"), getTranslations("admin")]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">{t("heading")}</h1>
        <p className="mt-1.5 max-w-3xl text-sm text-muted">
          {t("intro")}{" "}
          <Link href="/admin/audit?entity=organization" className="font-medium text-accent underline-offset-2 hover:underline">
            {tAdmin("tabs.audit")}
          </Link>
        </p>
      </div>
      <NextIntlClientProvider locale={viewer.locale} messages={{ orgSettings: messagesFor(viewer.locale).orgSettings }} formats={{}} timeZone="UTC" now={new Date()}>
        <OrgSettingsForm
          settings={settings}
          currencies={currencyChoices(viewer.locale, settings.currency)}
          timeZones={timeZoneChoices(settings.timeZone)}
          bounds={{ staleDays: STALE_DAYS, stuckFactor: STUCK_FACTOR, coachingMinutes: COACHING_MINUTES }}
        />
      </NextIntlClientProvider>
    </div>
  );
}
