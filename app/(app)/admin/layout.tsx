import { notFound } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { NavLinks } from "@/components/shell/nav-links";
import { requireViewer } from "@/lib/auth/require-viewer";
import { getOrganization } from "@/lib/data/get-organization";
import { canEditStageRules } from "@/lib/data/pipelines/can-edit-stage-rules";
import { getTranslations } from "@/lib/i18n/get-translations";
import { messagesFor } from "@/lib/i18n/messages";

// Administrators, and managers whom the organisation lets edit its pipelines (they see only that section); anyone
// else is told the page does not exist (each page checks again).
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  const admin = viewer.role === "ADMIN";
  if (!admin && !(await canEditStageRules(viewer))) notFound();
  const [t, tPipelines, tSettings, org] = await Promise.all([
    getTranslations("admin"),
    getTranslations("pipelinesAdmin"),
    getTranslations("orgSettings"),
    getOrganization(viewer),
  ]);
  const messages = messagesFor(viewer.locale);
  return (
    <NextIntlClientProvider
      locale={viewer.locale}
      messages={{ admin: messages.admin, pipelinesAdmin: messages.pipelinesAdmin, roles: messages.roles, errors: messages.errors }}
      formats={{}}
      timeZone={org.timeZone}
      now={new Date()}
    >
      <div className="space-y-6">
        <div className="flex flex-wrap items-center justify-between gap-4 border-b border-border pb-3">
          <p className="text-sm font-semibold uppercase tracking-wide text-muted">{t("heading")}</p>
          <NavLinks
            label={t("sections")}
            links={
              admin
                ? [
                    { href: "/admin/users", label: t("tabs.users") },
                    { href: "/admin/teams", label: t("tabs.teams") },
                    { href: "/admin/pipelines", label: tPipelines("tab") },
                    { href: "/admin/audit", label: t("tabs.audit") },
                    { href: "/admin/settings", label: tSettings("tab") },
                  ]
                : [{ href: "/admin/pipelines", label: tPipelines("tab") }]
            }
          />
        </div>
        {children}
      </div>
    </NextIntlClientProvider>
  );
}
