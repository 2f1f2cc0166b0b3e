import { notFound } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { NavLinks } from "@/components/shell/nav-links";
import { requireViewer } from "@/lib/auth/require-viewer";
import { getOrganization } from "@/lib/data/get-organization";
import { getTranslations } from "@/lib/i18n/get-translations";
import { messagesFor } from "@/lib/i18n/messages";

// Administrators only; anyone else is told the page does not exist (each page checks again).
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  if (viewer.role !== "ADMIN") notFound();
  const [t, tSettings, org] = await Promise.all([getTranslations("admin"), getTranslations("orgSettings"), getOrganization(viewer)]);
  const messages = messagesFor(viewer.locale);
  return (
    <NextIntlClientProvider
      locale={viewer.locale}
      messages={{ admin: messages.admin, roles: messages.roles, errors: messages.errors }}
      formats={{}}
      timeZone={org.timeZone}
      now={new Date()}
    >
      <div className="space-y-6">
        <div className="flex flex-wrap items-center justify-between gap-4 border-b border-border pb-3">
          <p className="text-sm font-semibold uppercase tracking-wide text-muted">{t("heading")}</p>
          <NavLinks
            label={t("sections")}
            links={[
              { href: "/admin/users", label: t("tabs.users") },
              { href: "/admin/teams", label: t("tabs.teams") },
              { href: "/admin/audit", label: t("tabs.audit") },
              { href: "/admin/settings", label: tSettings("tab") },
            ]}
          />
        </div>
        {children}
      </div>
    </NextIntlClientProvider>
  );
}
