import { Pagination } from "@/components/admin/pagination";
import { getTranslations } from "@/lib/i18n/get-translations";

/** The page links under a drill-through table, labelled from the `drill` messages. */
export async function DrillPagination({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  const t = await getTranslations("drill");
  return (
    <Pagination
      page={page}
      pages={pages}
      href={href}
      labels={{ page: t("page", { page, pages }), previous: t("previous"), next: t("next"), nav: t("pagination") }}
    />
  );
}
