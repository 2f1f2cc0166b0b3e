import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { ImportWizard } from "@/components/import/import-wizard";
import { requireViewer } from "@/lib/auth/require-viewer";
import { importPipelines } from "@/lib/data/import-pipelines";
import { IMPORT_KINDS } from "@/lib/import/kinds/import-kinds";
import { getTranslations } from "@/lib/i18n/get-translations";
import { messagesFor } from "@/lib/i18n/messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: t("importTitle") };
}

// Administrators import for the whole organisation, managers for their teams' reps; reps are told the page does not exist.
export default async function ImportPage() {
  const viewer = await requireViewer();
  if (viewer.role === "REP") notFound();
  const [t, pipelines] = await Promise.all([getTranslations("import"), importPipelines(viewer)]);
  const messages = messagesFor(viewer.locale);
  return (
    <NextIntlClientProvider locale={viewer.locale} messages={{ import: messages.import, errors: messages.errors }} formats={{}} timeZone="UTC" now={new Date()}>
      <div className="mx-auto max-w-6xl space-y-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-foreground">{t("heading")}</h1>
          <p className="mt-1.5 max-w-3xl text-sm text-muted">{viewer.role === "MANAGER" ? t("introManager") : t("introAdmin")}</p>
        </div>
        <ImportWizard kinds={IMPORT_KINDS} pipelines={pipelines} canCreateUsers={viewer.role === "ADMIN"} />
      </div>
    </NextIntlClientProvider>
  );
}
