import Link from "next/link";
import { getTranslations } from "@/lib/i18n/get-translations";

/** The 404 text and the way back; the caller decides whether it is the page's <main> or sits inside one. */
export async function NotFoundMessage() {
  const [t, tMeta] = await Promise.all([getTranslations("errors"), getTranslations("meta")]);
  return (
    <div className="max-w-md text-center">
      {/* notFound() thrown by a page leaves the document without a title; React hoists this one into <head>. */}
      <title>{`${t("notFoundTitle")} · ${tMeta("productName")}`}</title>
      <p className="text-sm font-semibold tabular-nums text-accent">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-foreground">{t("notFoundTitle")}</h1>
      <p className="mt-3 text-sm leading-relaxed text-muted">{t("notFoundBody")}</p>
      <Link href="/roster" className="mt-6 inline-flex min-h-10 items-center rounded-lg bg-accent px-4 text-sm font-semibold text-accent-foreground hover:bg-accent-hover">
        {t("backHome")}
      </Link>
    </div>
  );
}
