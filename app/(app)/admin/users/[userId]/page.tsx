import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReissueInviteForm } from "@/components/admin/reissue-invite-form";
import { SetActiveForm } from "@/components/admin/set-active-form";
import { SetPasswordForm } from "@/components/admin/set-password-form";
import { StatusBadge } from "@/components/admin/status-badge";
import { UserRoleForm } from "@/components/admin/user-role-form";
import { requireViewer } from "@/lib/auth/require-viewer";
import { getAdminUser } from "@/lib/data/get-admin-user";
import { getOrganization } from "@/lib/data/get-organization";
import { listTeamOptions } from "@/lib/data/list-team-options";
import { getFormatter } from "@/lib/i18n/get-formatter";
import { getTranslations } from "@/lib/i18n/get-translations";
import { MIN_PASSWORD_LENGTH, idField } from "@/lib/validation/admin-fields";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: t("adminUserTitle") };
}

// The heading id comes from a fixed ascii key: a translated title (Cyrillic) would give an empty one.
function Panel({ name, title, intro, children }: { name: string; title: string; intro?: string; children: React.ReactNode }) {
  const id = `panel-${name}`;
  return (
    <section aria-labelledby={id} className="rounded-xl border border-border bg-surface p-5 shadow-sm">
      <h2 id={id} className="text-base font-semibold text-foreground">{title}</h2>
      {intro && <p className="mt-1 text-sm text-muted">{intro}</p>}
      <div className="mt-4">{children}</div>
    </section>
  );
}

export default async function AdminUserPage({ params }: { params: Promise<{ userId: string }> }) {
  const viewer = await requireViewer();
  if (viewer.role !== "ADMIN") notFound();
  const userId = idField.safeParse((await params).userId);
  if (!userId.success) notFound();
  const user = await getAdminUser(viewer, userId.data);
  if (!user) notFound();
  const [teams, org, t, tRoles, tKinds] = await Promise.all([
    listTeamOptions(viewer),
    getOrganization(viewer),
    getTranslations("admin"),
    getTranslations("roles"),
    getTranslations("repKinds"),
  ]);
  const format = await getFormatter(org);
  const teamId = user.role === "MANAGER" ? (user.managedTeams[0]?.id ?? null) : (user.team?.id ?? null);

  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin/users" className="text-sm font-medium text-accent hover:underline">
          ← {t("user.back")}
        </Link>
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight text-foreground">{user.name}</h1>
          <StatusBadge status={user.status} label={t(`status.${user.status}`)} />
        </div>
        <p className="mt-1.5 text-sm text-muted">
          {user.email}
          <span aria-hidden="true" className="mx-2">·</span>
          {tRoles(user.role)}
          {user.rep && (
            <>
              <span aria-hidden="true" className="mx-2">·</span>
              {t("user.seller", { kind: tKinds(`${user.rep.kind}Long`) })}
            </>
          )}
          <span aria-hidden="true" className="mx-2">·</span>
          {t("user.since", { date: format.date(user.createdAt) })}
        </p>
        {user.isViewer && <p className="mt-3 rounded-lg border border-accent/30 bg-accent-soft px-4 py-3 text-sm text-accent-soft-foreground">{t("user.yourself")}</p>}
      </div>

      <div className="grid items-start gap-6 xl:grid-cols-2">
        <Panel name="role-and-team" title={t("user.roleAndTeam")} intro={t("user.roleAndTeamIntro")}>
          {user.role === "MANAGER" && (
            <p className="mb-4 text-sm text-foreground">
              {user.managedTeams.length > 0 ? t("users.manages", { teams: user.managedTeams.map((team) => team.name).join(", ") }) : t("user.managesNone")}
            </p>
          )}
          <UserRoleForm user={{ id: user.id, role: user.role, teamId, isViewer: user.isViewer }} teams={teams} />
        </Panel>

        <div className="space-y-6">
          {user.status === "invited" && (
            <Panel name="invite" title={t("user.invite")} intro={t("user.inviteIntro")}>
              <p className="mb-3 text-sm text-foreground">
                {user.inviteExpiresAt ? t("user.inviteOpen", { date: format.date(user.inviteExpiresAt) }) : t("user.inviteNone")}
              </p>
              <ReissueInviteForm userId={user.id} />
            </Panel>
          )}
          <Panel name="set-password" title={t("user.setPassword")} intro={t("user.setPasswordIntro")}>
            <SetPasswordForm userId={user.id} minPassword={MIN_PASSWORD_LENGTH} />
          </Panel>
          {!user.isViewer && user.status !== "invited" && (
            <Panel name="active" title={user.status === "active" ? t("user.deactivate") : t("user.reactivate")}>
              <SetActiveForm userId={user.id} name={user.name} active={user.status === "active"} />
            </Panel>
          )}
        </div>
      </div>
    </div>
  );
}
