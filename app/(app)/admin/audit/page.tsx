import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditDiff } from "@/components/admin/audit-diff";
import { Pagination } from "@/components/admin/pagination";
import { requireViewer } from "@/lib/auth/require-viewer";
import { getOrganization } from "@/lib/data/get-organization";
import { listAuditFilters } from "@/lib/data/list-audit-filters";
import { listAuditLog } from "@/lib/data/list-audit-log";
import { getFormatter } from "@/lib/i18n/get-formatter";
import { getTranslations } from "@/lib/i18n/get-translations";
import { auditQuerySchema } from "@/lib/validation/admin-query";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: t("adminAuditTitle") };
}

const control = "mt-1 block w-full rounded-lg border border-border-strong bg-surface px-3 py-2 text-sm text-foreground shadow-sm";

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  if (viewer.role !== "ADMIN") notFound();
  const query = auditQuerySchema.parse(await searchParams);
  const [log, filters, org, t, tFields, tRoles] = await Promise.all([
    listAuditLog(viewer, query),
    listAuditFilters(viewer),
    getOrganization(viewer),
    getTranslations("admin"),
    getTranslations("fields"),
    getTranslations("roles"),
  ]);
  const format = await getFormatter(org);
  // Down to the minute, in the organisation's time zone, like every other date in the app.
  const when = new Intl.DateTimeFormat(format.locale, { dateStyle: "medium", timeStyle: "short", timeZone: org.timeZone });
  const params = new URLSearchParams();
  for (const key of ["actor", "entity", "action", "from", "to"] as const) if (query[key] !== undefined) params.set(key, String(query[key]));
  const filtered = [...params.keys()].length > 0;
  const labels = {
    field: (key: string) => (tFields.has(key as never) ? tFields(key as never) : key),
    role: (role: string) => (tRoles.has(role as never) ? tRoles(role as never) : role),
    yes: t("audit.yes"),
    no: t("audit.no"),
    nothing: t("audit.nothing"),
  };

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">{t("audit.heading")}</h1>
        <p className="mt-1.5 text-sm text-muted">{t("audit.intro")}</p>
      </div>

      <form method="get" role="search" aria-label={t("audit.filters")} className="grid gap-3 rounded-xl border border-border bg-surface p-4 shadow-sm sm:grid-cols-3 xl:grid-cols-[1.3fr_1fr_1.3fr_1fr_1fr_auto]">
        <div>
          <label htmlFor="audit-actor" className="text-sm font-medium text-foreground">{t("audit.actor")}</label>
          <select id="audit-actor" name="actor" defaultValue={query.actor ?? ""} className={control}>
            <option value="">{t("any")}</option>
            {filters.actors.map((actor) => (
              <option key={actor.id} value={actor.id}>{actor.name}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-entity" className="text-sm font-medium text-foreground">{t("audit.entity")}</label>
          <select id="audit-entity" name="entity" defaultValue={query.entity ?? ""} className={control}>
            <option value="">{t("any")}</option>
            {filters.entities.map((entity) => (
              <option key={entity} value={entity}>{entity}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-action" className="text-sm font-medium text-foreground">{t("audit.action")}</label>
          <select id="audit-action" name="action" defaultValue={query.action ?? ""} className={control}>
            <option value="">{t("any")}</option>
            {filters.actions.map((action) => (
              <option key={action} value={action}>{action}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-from" className="text-sm font-medium text-foreground">{t("audit.from")}</label>
          <input id="audit-from" name="from" type="date" defaultValue={query.from ?? ""} className={control} />
        </div>
        <div>
          <label htmlFor="audit-to" className="text-sm font-medium text-foreground">{t("audit.to")}</label>
          <input id="audit-to" name="to" type="date" defaultValue={query.to ?? ""} className={control} />
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className="inline-flex min-h-9 items-center rounded-lg bg-accent px-3.5 text-sm font-semibold text-accent-foreground shadow-sm hover:bg-accent-hover">
            {t("users.apply")}
          </button>
          {filtered && (
            <Link href="/admin/audit" className="inline-flex min-h-9 items-center rounded-lg px-3 text-sm font-medium text-accent hover:bg-surface-muted">
              {t("users.clear")}
            </Link>
          )}
        </div>
      </form>

      <section aria-labelledby="audit-table" className="space-y-3">
        <div className="flex items-baseline justify-between">
          <h2 id="audit-table" className="text-sm font-semibold text-foreground">{t("audit.table")}</h2>
          <p className="text-sm text-muted">{t("audit.count", { total: log.total })}</p>
        </div>
        <div className="overflow-x-auto rounded-xl border border-border bg-surface shadow-sm">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-border bg-surface-muted text-xs uppercase tracking-wide text-muted">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">{t("audit.when")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("audit.actor")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("audit.action")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("audit.entity")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("audit.changes")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border align-top">
              {log.rows.length === 0 && (
                <tr>
                  <td colSpan={5} className="px-4 py-10 text-center text-muted">{t("audit.empty")}</td>
                </tr>
              )}
              {log.rows.map((row) => (
                <tr key={row.id}>
                  <td className="whitespace-nowrap px-4 py-3 tabular-nums text-foreground">
                    <time dateTime={row.at.toISOString()}>{when.format(row.at)}</time>
                  </td>
                  <td className="px-4 py-3 text-foreground">{row.actor?.name ?? <span className="text-muted">{t("audit.system")}</span>}</td>
                  <td className="px-4 py-3"><code className="rounded bg-surface-muted px-1.5 py-0.5 text-xs text-foreground">{row.action}</code></td>
                  <td className="px-4 py-3 text-foreground">
                    {row.entityName ?? `${row.entity} #${row.entityId}`}
                    {row.entityName && <span className="ml-1.5 text-xs text-muted">{row.entity} #{row.entityId}</span>}
                  </td>
                  <td className="px-4 py-3">
                    <AuditDiff before={row.before} after={row.after} names={log.names} labels={labels} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pagination
          page={log.page}
          pages={log.pages}
          href={(page) => `/admin/audit?${new URLSearchParams([...params, ["page", String(page)]])}`}
          labels={{ page: t("users.page", { page: log.page, pages: log.pages }), previous: t("users.previous"), next: t("users.next"), nav: t("users.pagination") }}
        />
      </section>
    </div>
  );
}
