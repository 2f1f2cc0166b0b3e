import Link from "next/link";
import { getTranslations } from "@/lib/i18n/get-translations";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-6">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold tabular-nums text-accent">404</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-foreground">{t("notFoundTitle")}</h1>
        <p className="mt-3 text-sm leading-relaxed text-muted">{t("notFoundBody")}</p>
        <Link href="/roster" className="mt-6 inline-flex min-h-10 items-center rounded-lg bg-accent px-4 text-sm font-semibold text-accent-foreground hover:bg-accent-hover">
          {t("backHome")}
        </Link>
      </div>
    </main>
  );
}
