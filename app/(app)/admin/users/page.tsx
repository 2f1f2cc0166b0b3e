import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { Pagination } from "@/components/admin/pagination";
import { StatusBadge } from "@/components/admin/status-badge";
import { requireViewer } from "@/lib/auth/require-viewer";
import { listTeamOptions } from "@/lib/data/list-team-options";
import { listUsers } from "@/lib/data/list-users";
import { getTranslations } from "@/lib/i18n/get-translations";
import { MIN_PASSWORD_LENGTH } from "@/lib/validation/admin-fields";
import { userListQuerySchema } from "@/lib/validation/admin-query";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: t("adminUsersTitle") };
}

const ROLES = ["ADMIN", "MANAGER", "REP"] as const;
const control = "mt-1 block w-full rounded-lg border border-border-strong bg-surface px-3 py-2 text-sm text-foreground shadow-sm";

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  if (viewer.role !== "ADMIN") notFound();
  const query = userListQuerySchema.parse(await searchParams);
  const [list, teams, t, tRoles] = await Promise.all([
    listUsers(viewer, query),
    listTeamOptions(viewer),
    getTranslations("admin"),
    getTranslations("roles"),
  ]);
  const filtered = query.q !== undefined || query.role !== undefined || query.team !== undefined || query.status !== undefined;
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.role) params.set("role", query.role);
  if (query.team !== undefined) params.set("team", String(query.team));
  if (query.status) params.set("status", query.status);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">{t("users.heading")}</h1>
        <p className="mt-1.5 text-sm text-muted">{t("users.intro")}</p>
      </div>

      <details className="group rounded-xl border border-border bg-surface shadow-sm">
        <summary className="flex cursor-pointer list-none items-center justify-between gap-3 rounded-xl px-5 py-4 text-base font-semibold text-foreground hover:bg-surface-muted">
          <span>{t("users.add")}</span>
          <span aria-hidden="true" className="text-xl leading-none text-muted transition-transform group-open:rotate-45">
            +
          </span>
        </summary>
        <div className="border-t border-border px-5 py-5">
          <p className="mb-4 text-sm text-muted">{t("users.addIntro")}</p>
          <CreateUserForm teams={teams} minPassword={MIN_PASSWORD_LENGTH} />
        </div>
      </details>

      <form method="get" role="search" aria-label={t("users.filters")} className="grid gap-3 rounded-xl border border-border bg-surface p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_auto]">
        <div>
          <label htmlFor="filter-q" className="text-sm font-medium text-foreground">
            {t("users.search")}
          </label>
          <input id="filter-q" name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("users.searchPlaceholder")} className={control} />
        </div>
        <div>
          <label htmlFor="filter-role" className="text-sm font-medium text-foreground">
            {t("users.role")}
          </label>
          <select id="filter-role" name="role" defaultValue={query.role ?? ""} className={control}>
            <option value="">{t("any")}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {tRoles(role)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-team" className="text-sm font-medium text-foreground">
            {t("users.team")}
          </label>
          <select id="filter-team" name="team" defaultValue={query.team === undefined ? "" : String(query.team)} className={control}>
            <option value="">{t("any")}</option>
            <option value="none">{t("noTeam")}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-status" className="text-sm font-medium text-foreground">
            {t("users.status")}
          </label>
          <select id="filter-status" name="status" defaultValue={query.status ?? ""} className={control}>
            <option value="">{t("any")}</option>
            {(["active", "invited", "deactivated"] as const).map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className="inline-flex min-h-9 items-center rounded-lg bg-accent px-3.5 text-sm font-semibold text-accent-foreground shadow-sm hover:bg-accent-hover">
            {t("users.apply")}
          </button>
          {filtered && (
            <Link href="/admin/users" className="inline-flex min-h-9 items-center rounded-lg px-3 text-sm font-medium text-accent hover:bg-surface-muted">
              {t("users.clear")}
            </Link>
          )}
        </div>
      </form>

      <section aria-labelledby="users-table" className="space-y-3">
        <div className="flex items-baseline justify-between">
          <h2 id="users-table" className="text-sm font-semibold text-foreground">
            {t("users.table")}
          </h2>
          <p className="text-sm text-muted" aria-live="polite">
            {t("users.count", { total: list.total })}
          </p>
        </div>
        <div className="overflow-x-auto rounded-xl border border-border bg-surface shadow-sm">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-border bg-surface-muted text-xs uppercase tracking-wide text-muted">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">{t("users.name")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("users.role")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("users.teams")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("users.status")}</th>
                <th scope="col" className="px-4 py-3 font-semibold"><span className="sr-only">{t("users.manage")}</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {list.rows.length === 0 && (
                <tr>
                  <td colSpan={5} className="px-4 py-10 text-center text-muted">{t("users.empty")}</td>
                </tr>
              )}
              {list.rows.map((user) => (
                <tr key={user.id} className="hover:bg-surface-muted/60">
                  <td className="px-4 py-3">
                    <p className="font-medium text-foreground">
                      {user.name}
                      {user.id === viewer.userId && <span className="ml-2 text-xs font-normal text-muted">({t("users.you")})</span>}
                    </p>
                    <p className="text-xs text-muted">{user.email}</p>
                  </td>
                  <td className="px-4 py-3 text-foreground">{tRoles(user.role)}</td>
                  <td className="px-4 py-3 text-foreground">
                    {user.team?.name ??
                      (user.managedTeams.length > 0 ? t("users.manages", { teams: user.managedTeams.map((team) => team.name).join(", ") }) : <span className="text-muted">{t("noTeam")}</span>)}
                  </td>
                  <td className="px-4 py-3">
                    <StatusBadge status={user.status} label={t(`status.${user.status}`)} />
                  </td>
                  <td className="px-4 py-3 text-right">
                    <Link href={`/admin/users/${user.id}`} aria-label={t("users.manageUser", { name: user.name })} className="inline-flex min-h-8 items-center rounded-md px-2.5 text-sm font-medium text-accent hover:bg-accent-soft">
                      {t("users.manage")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pagination
          page={list.page}
          pages={list.pages}
          href={(page) => `/admin/users?${new URLSearchParams([...params, ["page", String(page)]])}`}
          labels={{ page: t("users.page", { page: list.page, pages: list.pages }), previous: t("users.previous"), next: t("users.next"), nav: t("users.pagination") }}
        />
      </section>
    </div>
  );
}
